"""Nothing silently wrong, round six: the thirty faults of the fourth tester round of issue 35.

Data set names in capitals that got a folder's recipe, a notebook overwritten by its own student version, a pipe
named like a picture that hung the load, a forged checkpoint that allocated gigabytes before it was called damaged,
outputs found unwritable only after the work, SIGTERM leaving half-written files, and a few dozen inputs that ended
in a raw traceback, a wrong word or nothing at all: each is now read as meant or refused in one line.
"""
import math
import os
import signal
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

import ganlib.checkpoints
import ganlib.pictures
from ganlib import (History, TrainConfig, build_nets, generate, load_checkpoint, load_dataset, noise, sample_images,
                    train)
from ganlib.__main__ import main
from ganlib.checkpoints import CheckpointError, read_checkpoint
from ganlib.course import exercises, objective_checks
from ganlib.course.step_check import check_train_step
from ganlib.files import atomic_write_bytes
from ganlib.latent import interpolate, slerp, walk
from ganlib.pictures import history_gif, image_grid, save_samples
from ganlib.places import WEIGHTS_DIR
from ganlib.step import train_step
from test_reliability import _one_line

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "data"))
    return tmp_path


def _picture(path, size=(32, 32, 3), seed=0):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.random.default_rng(seed).integers(0, 256, size, dtype=np.uint8)).save(path)


# ---- 1. a data set's name in any case is the data set ------------------------------------------------------

@pytest.mark.parametrize("name", ["MNIST", "Mnist", "CIFAR10"])
def test_a_data_set_name_in_capitals_gets_its_own_recipe(name):
    config = TrainConfig(variant="dcgan", data=name)
    assert config.data == name.lower()
    assert config == TrainConfig(variant="dcgan", data=name.lower())  # its epochs, its R1: not a folder's


def test_a_folder_called_mnist_stays_a_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "MNIST").mkdir()
    assert TrainConfig(data="MNIST").data == "MNIST"


# ---- 2. versions never overwrite their own input --------------------------------------------------------------

def _a_notebook(path):
    import nbformat
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), str(path))
    return path


def test_versions_refuse_to_overwrite_the_notebook_they_read(tmp_path, capsys):
    notebook = _a_notebook(tmp_path / "out" / "student" / "01_x.ipynb")
    before = notebook.read_bytes()
    assert main(["versions", str(notebook), "--out", str(tmp_path / "out")]) == 2
    _one_line(capsys, "would be overwritten by a version of itself")
    assert notebook.read_bytes() == before


def test_versions_with_an_empty_out_write_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    notebook = _a_notebook(tmp_path / "nb" / "01_x.ipynb")
    assert main(["versions", str(notebook), "--out", ""]) == 2
    _one_line(capsys, "argument --out: is empty")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nb"]


def test_versions_of_a_json_file_that_is_no_notebook_is_one_line(tmp_path, capsys):
    (tmp_path / "empty.ipynb").write_text("{}")
    assert main(["versions", str(tmp_path / "empty.ipynb"), "--out", str(tmp_path / "v")]) == 2
    _one_line(capsys, "is not a readable notebook")


# ---- 3. folders: pipes, odd names, formats it cannot read --------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_named_like_a_picture_is_passed_over(data_home):
    for i in range(2):
        _picture(data_home / "f" / "a" / f"{i}.png", seed=i)
        _picture(data_home / "f" / "b" / f"{i}.png", seed=10 + i)
    os.mkfifo(data_home / "f" / "b" / "pipe.png")  # opening it to read would wait for a writer forever
    assert load_dataset(str(data_home / "f"), image_size=32).images.shape == (4, 3, 32, 32)


def test_a_file_name_that_is_not_utf8_loads(data_home):
    _picture(data_home / "f" / "fine.png")
    _picture(data_home / "f" / os.fsdecode(b"caf\xe9.png"), seed=1)  # Latin-1, as old cameras and zips write
    assert len(load_dataset(str(data_home / "f"), image_size=32).images) == 2


def test_heic_pictures_are_counted_and_named(data_home, capsys):
    _picture(data_home / "f" / "fine.png")
    (data_home / "f" / "IMG_0001.HEIC").write_bytes(b"\0" * 64)
    assert len(load_dataset(str(data_home / "f"), image_size=32).images) == 1
    err = capsys.readouterr().err
    assert "left out 1 picture in a format it cannot read (.heic, such as IMG_0001.HEIC): convert it to JPEG or PNG" \
        in err and err.count("\n") == 1


def test_a_folder_of_heic_pictures_only_says_why_it_holds_no_images(data_home):
    (data_home / "f").mkdir()
    (data_home / "f" / "IMG_0001.heic").write_bytes(b"\0" * 64)
    with pytest.raises(FileNotFoundError, match="holds no images .*it holds 1 picture in a format it cannot read"):
        load_dataset(str(data_home / "f"), image_size=32)


def test_a_refused_run_leaves_no_folder_in_the_data_folder(data_home, capsys):
    for i in range(4):
        _picture(data_home / "photos" / f"{i}.png", size=(64, 64, 3), seed=i)
    out = data_home / "photos" / "run"
    assert main(["train", "dcgan", "--data", str(data_home / "photos"), "--out", str(out), "--max-steps", "1",
                 "--batch-size", "2", "--no-progress"]) == 2
    _one_line(capsys, "is inside the data folder")
    assert not out.exists()


# ---- 4. forged checkpoints -------------------------------------------------------------------------------------

def _forged(tmp_path, name, change):
    payload = torch.load(WEIGHTS_DIR / "gan.pt", weights_only=True)
    change(payload)
    torch.save(payload, tmp_path / name)
    return tmp_path / name


def test_forged_sizes_are_damaged_before_any_memory_is_taken(tmp_path, monkeypatch):
    path = _forged(tmp_path, "huge.pt", lambda p: p["generator"]["settings"].update(hidden=[10 ** 6, 10 ** 6]))
    built = []
    monkeypatch.setattr("ganlib.checkpoints.rebuild_net",
                        lambda kind, settings, real=ganlib.checkpoints.rebuild_net:
                        built.append(torch.empty(0).device.type) or real(kind, settings))
    with pytest.raises(CheckpointError, match="damaged"):
        ganlib.checkpoints.load_generator(path)
    assert built == ["meta"]  # only on PyTorch's meta device, where a 10**12-weight layer takes no memory


@pytest.mark.parametrize("variant", ["../../etc", 3, "GAN"])
def test_a_checkpoint_without_a_known_variant_is_damaged(tmp_path, variant, capsys):
    path = _forged(tmp_path, "forged.pt", lambda p: p.update(variant=variant))
    with pytest.raises(CheckpointError, match="its variant .* is none of the course's"):
        read_checkpoint(path)
    assert main(["export", str(path)]) == 2
    capsys.readouterr()


@pytest.mark.parametrize("path", [None, "", 3])
def test_load_checkpoint_of_no_path_says_what_it_takes(path):
    with pytest.raises(CheckpointError, match="a checkpoint is read from a path"):
        load_checkpoint(path)


def test_a_checkpoint_named_as_a_shipped_generator_points_at_from(tmp_path, capsys):
    path = _forged(tmp_path, "mine.pt", lambda p: None)
    assert main(["sample", str(path), "--out", str(tmp_path / "s.png")]) == 2
    _one_line(capsys, f"give it with --from {path}")


def test_files_are_described_as_what_they_are(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "missing.npz")]) == 2
    _one_line(capsys, "missing.npz: no such file")
    assert main(["evaluate", os.devnull]) == 2
    _one_line(capsys, "not a file (a device or a pipe)")


# ---- 5. outputs checked before the work ------------------------------------------------------------------------

@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc, where no one may write, root neither")
@pytest.mark.parametrize("command", [["referee", "mnist", "--out"], ["bench", "data", "--json"],
                                     ["sample", "gan", "--out"]])
def test_an_unwritable_output_is_refused_before_the_work(tmp_path, monkeypatch, command, capsys):
    locked = "/proc/self"  # a read-only folder for everyone (a chmod'ed one is writable for root, as CI runs)
    monkeypatch.setattr("ganlib.course.cli.train_referee", lambda *a, **k: pytest.fail("trained before checking"))
    monkeypatch.setattr("ganlib.course.cli.bench_data", lambda *a, **k: pytest.fail("measured before checking"))
    monkeypatch.setattr("ganlib.course.cli.sample_images", lambda *a, **k: pytest.fail("sampled before checking"))
    assert main([*command, f"{locked}/x.npz"]) == 2
    _one_line(capsys, "cannot write to", ", the folder of --")


@pytest.mark.parametrize("command", [["referee", "mnist", "--out"], ["bench", "data", "--json"],
                                     ["sample", "gan", "--out"]])
def test_an_output_inside_a_file_is_refused_before_the_work(tmp_path, monkeypatch, command, capsys):
    (tmp_path / "afile").write_text("x")
    monkeypatch.setattr("ganlib.course.cli.train_referee", lambda *a, **k: pytest.fail("trained before checking"))
    monkeypatch.setattr("ganlib.course.cli.bench_data", lambda *a, **k: pytest.fail("measured before checking"))
    monkeypatch.setattr("ganlib.course.cli.sample_images", lambda *a, **k: pytest.fail("sampled before checking"))
    assert main([*command, str(tmp_path / "afile" / "x.npz")]) == 2
    _one_line(capsys, "is a file")


# ---- 6. SIGTERM while writing ----------------------------------------------------------------------------------

def test_sigterm_while_a_file_is_written_leaves_the_old_one_and_no_temporary(tmp_path, monkeypatch, capsys):
    out = tmp_path / "s.npz"
    assert main(["sample", "gan", "--n", "8", "--out", str(out)]) == 0
    before = out.read_bytes()

    def killed_mid_write(file, **arrays):
        file.write(b"half a file")
        os.kill(os.getpid(), signal.SIGTERM)  # kill, a scheduler, a closing session

    monkeypatch.setattr(ganlib.pictures.np, "savez_compressed", killed_mid_write)
    assert main(["sample", "gan", "--n", "8", "--out", str(out)]) == 130
    assert "stopped by SIGTERM" in capsys.readouterr().err
    assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["s.npz"]
    assert signal.getsignal(signal.SIGTERM) is not None  # the handler of the caller is back


# ---- 7. one line, or read as meant -----------------------------------------------------------------------------

def test_the_meta_device_is_not_a_training_device():
    with pytest.raises(ValueError, match="unknown device 'meta'"):
        TrainConfig(device="meta")


def test_width_is_refused_for_the_fully_connected_variants(tmp_path, capsys):
    assert main(["train", "gan", "--width", "64", "--out", str(tmp_path / "r"), "--max-steps", "1"]) == 2
    _one_line(capsys, "width=64 sets the filters of the conv nets")
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("setting", [{"lr_g": math.inf}, {"lr_d": "0.1"}, {"minutes": math.inf},
                                     {"class_weight": math.inf}, {"r1_gamma": math.nan}, {"gp_weight": -1.0},
                                     {"seed": 2 ** 64}, {"seed": True}, {"max_steps": True}, {"hidden": True},
                                     {"checkpoint_dir": ""}, {"ema_decay": "0.9"}])
def test_train_config_refuses_settings_that_would_fail_later(setting):
    with pytest.raises(ValueError, match=f"TrainConfig.{next(iter(setting))} must be"):
        TrainConfig(**setting)


def test_numpy_whole_numbers_are_whole_numbers():
    G, _ = build_nets("gan")
    images, _ = sample_images(G, np.int64(3), seed=np.int64(2))
    assert images.shape == (3, 1, 28, 28)
    assert noise(np.int32(2), np.int64(5)).shape == (2, 5)
    assert torch.equal(sample_images(G, 3, seed=2)[0], images)
    assert image_grid(images, columns=np.int64(3)).shape[1] == 3 * 30 + 2


@pytest.mark.parametrize("z", [np.random.default_rng(0).standard_normal((2, 100)), torch.randn(2, 100).double(),
                               [[0.0] * 100] * 2])
def test_generate_takes_noise_as_numpy_float64_or_a_list(z):
    G, _ = build_nets("gan")
    images = generate(G, z)
    assert images.shape == (2, 1, 28, 28) and images.dtype == torch.float32


def test_generate_refuses_whole_number_noise():
    with pytest.raises(ValueError, match="floating-point noise"):
        generate(build_nets("gan")[0], torch.ones(2, 100, dtype=torch.long))


def test_sample_images_given_the_class_says_to_make_one():
    with pytest.raises(ValueError, match="got the class MLPGenerator itself: make one first"):
        sample_images(ganlib.MLPGenerator, 4)


def test_swapped_nets_are_named():
    G, D = build_nets("gan")
    with pytest.raises(TypeError, match="takes the generator first, then the discriminator"):
        train(D, G, torch.zeros(8, 1, 28, 28, dtype=torch.uint8), None, TrainConfig(max_steps=1, batch_size=4))


def test_evaluate_refuses_options_it_would_ignore(tmp_path, capsys):
    assert main(["evaluate", "gan", "--reference", "mnist"]) == 2
    _one_line(capsys, "--reference names the real images of the Inception FID")
    np.savez(tmp_path / "s.npz", images=np.zeros((60, 28, 28), np.uint8))
    for option in (["--n", "5"], ["--seed", "3"]):
        assert main(["evaluate", str(tmp_path / "s.npz"), *option]) == 2
        _one_line(capsys, "holds its images already")


def test_few_images_are_warned_of_once(tmp_path, capsys):
    assert main(["sample", "gan", "--n", "50", "--out", str(tmp_path / "s.npz")]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "s.npz")]) == 0
    assert capsys.readouterr().err.count("only 50 images") == 1


def test_history_gif_of_an_empty_history_says_so(tmp_path):
    with pytest.raises(ValueError, match="has no snapshots"):
        history_gif(History(), tmp_path / "h.gif")


def test_save_samples_takes_float_images_and_list_labels(tmp_path):
    images = torch.rand(4, 1, 8, 8) * 2 - 1
    save_samples(tmp_path / "s.npz", images, [1, 2, 3, 4])
    with np.load(tmp_path / "s.npz") as saved:
        assert saved["images"].dtype == np.uint8 and saved["images"].shape == (4, 8, 8)
        assert saved["labels"].tolist() == [1, 2, 3, 4]


@pytest.mark.parametrize("channels", [2, 4])
def test_grids_of_two_or_four_channels_are_refused(channels):
    with pytest.raises(ValueError, match=f"grey \\(1 channel\\) or colour \\(3 channels\\) images, got {channels}"):
        image_grid(torch.zeros(4, channels, 8, 8, dtype=torch.uint8))


def test_the_latent_paths_take_whole_numbers_only_and_the_origin():
    z = torch.randn(100)
    with pytest.raises(ValueError, match="whole number of steps"):
        interpolate(z, -z, steps=2.5)
    with pytest.raises(ValueError, match="dim must be a whole number"):
        walk(z, 1.5, [0, 1])
    assert walk(z, np.int64(3), [0.0, 1.0]).shape == (2, 100)
    path = interpolate(torch.zeros(100), z, steps=5)
    assert torch.isfinite(path).all() and torch.allclose(path[-1], z)
    assert torch.isfinite(slerp(z, torch.zeros(100), torch.tensor([0.5]))).all()


def test_a_disk_full_message_counts_only_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.disk_usage", lambda path: type("usage", (), {"free": 10})())
    with pytest.raises(OSError, match=r"disk full: 2\.0 kB needed for .* and 1\.0 MB of room the disk keeps for itself, "
                                      r"0\.0 kB free; nothing was written"):
        atomic_write_bytes(tmp_path / "f.bin", b"x" * 2000)


# ---- the checks' own arguments ---------------------------------------------------------------------------------

@pytest.mark.parametrize("setting", [{"r1_gamma": math.nan}, {"r1_gamma": -1.0}, {"class_weight": math.inf},
                                     {"class_weight": "1"}])
def test_check_train_step_says_when_its_setting_is_impossible(setting, capsys):
    assert not check_train_step(train_step, **setting)
    assert f"check_train_step's {next(iter(setting))} must be a number, 0 or more" in capsys.readouterr().out


@pytest.mark.parametrize("call, words", [
    (lambda: exercises.check_answer(["x"], 1), "takes the question's name first"),
    (lambda: objective_checks.check_hinge_loss(lambda r, f: r.mean(), None), "G's is not written yet"),
    (lambda: exercises.check_block_shapes(lambda i, o: torch.nn.Identity(), None, None),
     "needs the batch's shape and the shape expected"),
    (lambda: exercises.check_discriminator_loss(torch.nn.BCEWithLogitsLoss),
     "you passed PyTorch's loss class BCEWithLogitsLoss itself"),
])
def test_a_check_given_the_wrong_kind_of_argument_says_which(call, words, capsys):
    assert not call()
    out = capsys.readouterr().out
    assert words in out and "could not be checked" not in out and "your code raised" not in out


# ---- the fifth tester round ------------------------------------------------------------------------------------

def test_pixel_converters_refuse_the_other_format():
    from ganlib.pixels import to_uint8, to_unit_range
    with pytest.raises(ValueError, match="to_uint8 takes a generator's floats"):
        to_uint8(torch.tensor([0, 10, 128, 255], dtype=torch.uint8))
    with pytest.raises(ValueError, match="to_unit_range takes uint8 pixels"):
        to_unit_range(torch.rand(2, 1, 4, 4))


def test_sampling_refuses_labels_it_would_ignore_and_digits_as_text():
    G, _ = build_nets("gan")
    with pytest.raises(ValueError, match="unconditional: it takes no labels"):
        generate(G, torch.randn(2, 100), torch.tensor([1, 2]))
    with pytest.raises(ValueError, match="must be a whole number, got '3'"):
        sample_images(build_nets("cgan")[0], 4, digit="3")


def test_save_samples_checks_its_labels_and_argument_order(tmp_path):
    images = torch.zeros(8, 1, 8, 8, dtype=torch.uint8)
    with pytest.raises(ValueError, match="8 images need 8 labels"):
        save_samples(tmp_path / "s.npz", images, torch.arange(5))
    with pytest.raises(TypeError, match="takes the file's path first"):
        save_samples(images, str(tmp_path / "s.npz"))
    assert not (tmp_path / "s.npz").exists()
    save_samples(tmp_path / "S.PNG", images)  # the suffix in capitals is still a PNG
    assert (tmp_path / "S.PNG").read_bytes()[:4] == b"\x89PNG"


def test_a_grid_refuses_negative_padding():
    with pytest.raises(ValueError, match="padding must be a whole number of pixels"):
        image_grid(torch.zeros(2, 1, 4, 4, dtype=torch.uint8), padding=-1)


def test_the_latent_paths_take_noise_rows_and_a_number_for_t():
    z0, z1 = noise(1, 100, seed=1), noise(1, 100, seed=2)  # noise() gives rows
    assert interpolate(z0, z1, steps=4).shape == (4, 100)
    assert walk(z0, 3, [0.0, 1.0]).shape == (2, 100)
    assert slerp(z0, z1, 0.5).shape == (1, 100)
    with pytest.raises(ValueError, match="must be one latent vector"):
        slerp(torch.randn(2, 100), torch.randn(2, 100), 0.5)


@pytest.mark.parametrize("setting", [{"smoke": "no"}, {"compile": "no"}, {"mixed_precision": "false"},
                                     {"progress": "no"}, {"health_checks": ("mode-collapse",)}])
def test_train_config_refuses_words_for_switches_and_unknown_checks(setting):
    with pytest.raises(ValueError, match=f"TrainConfig.{next(iter(setting))}"):
        TrainConfig(**setting)


def test_from_dict_refuses_unknown_settings_except_from_a_checkpoint():
    with pytest.raises(ValueError, match=r"unknown TrainConfig settings \['bogus', 'lr'\]"):
        TrainConfig.from_dict({"lr": 0.1, "bogus": 1})
    assert TrainConfig.from_dict({"seed": 3, "retired": 1}, strict=False).seed == 3
    with pytest.raises(TypeError, match="takes a dict of settings"):
        TrainConfig.from_dict(None)


@pytest.mark.parametrize("answer, words", [
    ("loss_d", "a function is asked for here, got a str"),
    (lambda real: real.mean(), "the check calls it with 2 arguments"),
    (torch.nn.functional.binary_cross_entropy_with_logits, "you passed PyTorch's binary_cross_entropy_with_logits"),
    (lambda r, f: (F_bce(r, 1) + F_bce(f, 0)).half(), "half precision"),
])
def test_a_loss_check_says_what_was_passed(answer, words, capsys):
    assert not exercises.check_discriminator_loss(answer)
    out = capsys.readouterr().out
    assert words in out and "traceback above" not in out and "check itself failed" not in out


def F_bce(logits, target):
    return torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.full_like(logits, float(target)))


def test_a_lock_that_is_a_folder_is_said_so(tmp_path, capsys):
    (tmp_path / "run" / ".lock").mkdir(parents=True)
    assert main(["train", "gan", "--out", str(tmp_path / "run"), "--max-steps", "1", "--no-progress"]) == 2
    _one_line(capsys, ".lock is a folder")


def test_an_output_path_through_dot_dot_makes_no_stray_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["sample", "gan", "--n", "4", "--out", "rel/../s.png"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.png"]


def test_an_interrupted_run_does_not_exit_as_finished(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    monkeypatch.setattr("ganlib.loop._stop_reason", lambda step, *rest: f"interrupted at step {step}")
    assert main(["train", "gan", "--out", str(tmp_path / "run"), "--no-progress"]) == 130


@pytest.mark.parametrize("call, words", [
    (lambda: exercises.check_generator_loss(torch.zeros(3)), "the result of calling your function"),
    (lambda: exercises.check_answer("label_channel_weights", 7840.0000001), "Correct"),
    (lambda: exercises.check_answer("loss_d_at_indifference", True), "is a yes or no, not a number"),
    (lambda: exercises.check_label_is_used(build_nets("cgan")[0], torch.randn(10, 100)), "takes a function that makes"),
    (lambda: exercises.check_label_is_used(build_nets("cgan")[0], lambda n: torch.randn(n, 100), n_classes=0),
     "needs n_classes"),
    (lambda: exercises.check_block_shapes(torch.nn.Conv2d(1, 1, 3), (2, 1, 10 ** 5, 10 ** 5), (2, 1, 10, 10)),
     "too large to try"),
    (lambda: exercises.check_block_shapes(torch.nn.Conv2d(1, 1, 3), torch.zeros(2, 1, 28, 28), (2, 1, 26, 26)),
     "a tensor of shape (2, 1, 28, 28) (give its .shape)"),
    (lambda: check_train_step(lambda *a, **k: None), "returns nothing"),
    (lambda: objective_checks.check_critic(torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 1)).half()),
     "half precision"),
])
def test_checks_tell_the_truth_about_odd_answers(call, words, capsys):
    call()
    out = capsys.readouterr().out
    assert words in out and "check itself failed" not in out and "traceback above" not in out, out


def test_half_precision_results_are_named_in_the_data_checks(capsys):
    from ganlib.course.data_checks import check_class_means, check_model_input
    from ganlib.pixels import photos_to_unit_range
    assert not check_model_input(lambda photos: photos_to_unit_range(photos).half())
    assert not check_class_means(lambda images, labels: torch.stack(
        [images[labels == c].float().mean(0) for c in range(10)]).half())
    assert capsys.readouterr().out.count("half precision") == 2


def test_a_hub_address_with_a_query_is_refused(capsys):
    assert main(["links", "--hub", "https://hub.example.edu/?x=1&y=2"]) == 2
    _one_line(capsys, "without ?query or #fragment")


def test_smoke_sampling_says_how_many_images_it_wrote(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["sample", "gan", "--n", "3000", "--out", str(tmp_path / "s.npz")]) == 0
    out = capsys.readouterr().out
    assert "Wrote 1,000 images" in out and "smoke mode keeps at most 1,000 of the 3,000 asked for" in out
    with np.load(tmp_path / "s.npz") as saved:
        assert len(saved["images"]) == 1000


def test_a_resumed_run_forgets_the_earlier_step_limit(tmp_path, capsys):
    run = tmp_path / "run"
    assert main(["train", "gan", "--out", str(run), "--max-steps", "2", "--no-progress", "--epochs", "1"]) == 0
    capsys.readouterr()
    from ganlib.course import cli
    args = cli.build_parser().parse_args(["train", "gan", "--resume", str(run)])
    assert cli._train_config(args).max_steps is None
    args = cli.build_parser().parse_args(["train", "gan", "--resume", str(run), "--max-steps", "5"])
    assert cli._train_config(args).max_steps == 5


def test_cli_messages_of_the_fifth_round(tmp_path, monkeypatch, capsys):
    assert main(["sample", "dcgan", "--out", str(tmp_path / ".png")]) in (0, 2)
    capsys.readouterr()
    from ganlib.machine import pick_device
    assert pick_device("CPU") == torch.device("cpu")
    (tmp_path / "summary.json").write_text("{}")
    assert main(["sample", "--from", str(tmp_path / "summary.json"), "--out", str(tmp_path / "s.png")]) == 2
    _one_line(capsys, "a .json file, not a checkpoint")
    np.savez(tmp_path / "faces.npz", images=np.zeros((60, 64, 64, 3), np.uint8))
    assert main(["evaluate", str(tmp_path / "faces.npz")]) == 2
    _one_line(capsys, "no referee judges", "add --inception")


def test_exporting_a_smoke_run_says_what_it_holds(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["train", "gan", "--out", str(tmp_path / "run"), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["export", str(tmp_path / "run"), "--out", str(tmp_path / "g.pt")]) == 0
    assert "trained in smoke mode (a few steps), so it draws noise" in capsys.readouterr().out


def test_a_finished_epoch_is_one_epoch():
    from ganlib.loop import _stop_reason
    config = TrainConfig(epochs=1)
    assert _stop_reason(10, 10, 1.0, float("inf"), [], config) == "finished 1 epoch"


def test_meta_tensors_are_said_to_hold_no_values(capsys):
    G, _ = build_nets("gan")
    with pytest.raises(ValueError, match="meta device, which holds shapes but no values"):
        generate(G, noise(4, 100, device="meta"))
    with pytest.raises(ValueError, match="meta device, which holds shapes but no values"):
        image_grid(torch.rand(4, 3, 28, 28, device="meta"))
    assert not objective_checks.check_critic(torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 1)).to("meta"))
    assert "meta device" in capsys.readouterr().out


# ---- the sixth tester round ------------------------------------------------------------------------------------

def test_versions_never_replace_a_teachers_edit_without_force(tmp_path, capsys):
    notebook = _a_notebook(tmp_path / "nb" / "01_x.ipynb")
    out = tmp_path / "out"
    assert main(["versions", str(notebook), "--out", str(out)]) == 0
    assert main(["versions", str(notebook), "--out", str(out)]) == 0  # the same files again: nothing to lose
    config = out / "nbgrader" / "nbgrader_config.py"
    config.write_text(config.read_text() + "c.CourseDirectory.course_id = 'gans101'\n")
    capsys.readouterr()
    assert main(["versions", str(notebook), "--out", str(out)]) == 2
    _one_line(capsys, "differ from the versions", "--force")
    assert "gans101" in config.read_text()
    assert main(["versions", str(notebook), "--out", str(out), "--force"]) == 0
    assert "gans101" not in config.read_text()
    assert main(["versions", str(tmp_path / "nb"), "--out", str(out)]) == 2
    _one_line(capsys, "is a folder: name the notebooks")


def test_save_samples_refuses_labels_that_are_no_classes(tmp_path):
    images = torch.zeros(4, 1, 8, 8, dtype=torch.uint8)
    for labels in ([0.5, 1.7, 2.2, 3.9], [-3, 1, 2, 9]):
        with pytest.raises(ValueError, match="labels must be class numbers"):
            save_samples(tmp_path / "s.npz", images, labels)
    with pytest.raises(ValueError, match="grey or colour images"):
        save_samples(tmp_path / "s.npz", torch.rand(4, 2, 8, 8))


@pytest.mark.parametrize("options, words", [({"image_shape": (28, 28, 1)}, "channels first"),
                                            ({"image_shape": (28, 28)}, "channels first"),
                                            ({"width": 0}, "width must be a whole number, 1 or more"),
                                            ({"n_classes": 0}, "n_classes must be a whole number, 2 or more")])
def test_build_nets_refuses_shapes_and_sizes_it_cannot_build(options, words):
    with pytest.raises(ValueError, match=words):
        build_nets("cdcgan", **options)


def test_build_nets_takes_numpy_sizes():
    G, _ = build_nets("gan", latent_dim=np.int64(64))
    assert G.latent_dim == 64 and sample_images(G, 2)[0].shape == (2, 1, 28, 28)


def test_the_arc_between_opposite_vectors_is_refused_and_types_agree():
    z = noise(1, 100, seed=0)[0]
    with pytest.raises(ValueError, match="opposite directions"):
        interpolate(z, -z, 5)
    assert interpolate(z.double(), noise(1, 100, seed=1)[0], 4).dtype == torch.float64
    assert walk(z, 3, 5.0).shape == (1, 100)
    with pytest.raises(ValueError, match="same length"):
        interpolate(z, noise(1, 50)[0])


def test_noise_names_an_unknown_device():
    with pytest.raises(ValueError, match="unknown device 'gpu'"):
        noise(3, 100, device="gpu")


def test_plot_losses_wants_a_history():
    from ganlib.pictures import plot_losses
    with pytest.raises(TypeError, match="takes the History that train returned"):
        plot_losses(None)


@pytest.mark.parametrize("call, words", [
    (lambda: exercises.check_answer("loss_d_at_indifference", torch.tensor(1.386, device="meta")), "meta device"),
    (lambda: exercises.check_label_is_used(build_nets("cgan")[0], lambda n: torch.randn(n, 100), n_classes=11),
     "knows 10 classes"),
    (lambda: exercises.check_answer("loss_d_at_indifference", 1.3), "rounded to fewer decimals correctly"),
])
def test_checks_of_the_sixth_round(call, words, capsys):
    call()
    out = capsys.readouterr().out
    assert words in out and "check itself failed" not in out, out


def test_an_unwritable_place_is_not_called_a_full_disk():
    if not os.path.isdir("/proc/self"):
        pytest.skip("needs Linux's /proc")
    with pytest.raises(OSError) as raised:
        save_samples("/proc/o.png", torch.zeros(2, 1, 8, 8, dtype=torch.uint8))
    assert "disk full" not in str(raised.value) and "could not write /proc/o.png" in str(raised.value)


def test_a_smoke_run_and_a_real_run_never_share_a_folder(tmp_path, monkeypatch, capsys):
    run = tmp_path / "run"
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["train", "gan", "--out", str(run), "--no-progress"]) == 0
    assert "as a smoke test (GANLIB_SMOKE is on) for 1 epoch, at most 3 steps" in capsys.readouterr().out
    monkeypatch.delenv("GANLIB_SMOKE")
    for command in (["--out", str(run)], ["--resume", str(run)]):  # not "--resume", which then failed
        assert main(["train", "gan", *command, "--no-progress"]) == 2
        _one_line(capsys, "holds a smoke-mode test run", "Choose another --out")
    real = tmp_path / "real"
    assert main(["train", "gan", "--out", str(real), "--max-steps", "1", "--epochs", "1", "--no-progress"]) == 0
    assert "for 1 epoch, at most 1 step on" in capsys.readouterr().out
    (real / "checkpoint.pt").unlink(), (real / "summary.json").unlink(), (real / "training.gif").unlink()
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["train", "gan", "--out", str(real), "--no-progress"]) == 2
    _one_line(capsys, "holds a real training run, which smoke mode (GANLIB_SMOKE) may not continue")


def test_changed_net_settings_name_the_default_not_none(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    run = tmp_path / "run"
    assert main(["train", "cgan", "--out", str(run), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["train", "cgan", "--resume", str(run), "--spectral-norm", "--no-progress"]) == 2
    _one_line(capsys, "spectral_norm False there, True here")


def _read_only(folder, commands, tmp_path):
    """Run the ganlib ``commands`` (lists of arguments) where ``folder`` is a read-only file system: a bind mount in
    a mount namespace of their own (a chmod'ed folder is writable for root, which CI runs as). Returns each
    command's exit status and last error line; skips where the machine allows no private mounts."""
    import json
    import shlex
    import shutil
    import subprocess
    import sys
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("no private mount namespaces here (unshare -m)")
    program = ("import contextlib, io, json, sys\nfrom ganlib.__main__ import main\nfor command in json.loads(sys.argv[1]):\n"
               "    err = io.StringIO()\n    with contextlib.redirect_stderr(err):\n        status = main(command)\n"
               "    lines = err.getvalue().strip().splitlines() or ['']\n"
               "    print(status, lines[-1] if len(lines) == 1 else 'MORE THAN ONE LINE: ' + ' / '.join(lines), sep='\\t')")
    q = shlex.quote(str(folder))
    script = (f"mount --bind {q} {q} && mount -o remount,ro,bind {q} || exit 99; "
              f"{shlex.quote(sys.executable)} -c {shlex.quote(program)} {shlex.quote(json.dumps(commands))}")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=600,
                          cwd=tmp_path, env={**os.environ, "GANLIB_SMOKE": "1"})
    if done.returncode == 99:
        pytest.skip("bind mounts are not allowed here")
    assert done.returncode == 0, done.stderr
    return [tuple(line.split("\t", 1)) for line in done.stdout.splitlines() if "\t" in line]


def test_a_read_only_place_leaves_every_earlier_file_intact(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    run = tmp_path / "run"
    assert main(["train", "gan", "--out", str(run), "--no-progress"]) == 0
    assert main(["sample", "--from", str(run), "--n", "4", "--out", str(run / "s.png")]) == 0
    assert main(["export", str(run)]) == 0
    assert main(["versions", str(ROOT / "notebooks" / "00_gan_you_can_watch.ipynb"), "--out", str(run / "v")]) == 0
    capsys.readouterr()
    before = {p: p.read_bytes() for p in run.rglob("*") if p.is_file()}
    lines = _read_only(run, [["export", "run", "--force"], ["sample", "--from", "run", "--n", "4", "--out", "run/s.png"],
                             ["sample", "--from", "run", "--n", "4", "--out", "run/new.npz"],
                             ["train", "gan", "--resume", "run", "--no-progress"],
                             ["versions", str(ROOT / "notebooks" / "01_vanilla_gan.ipynb"), "--out", "run/v"]], tmp_path)
    assert {p: p.read_bytes() for p in run.rglob("*") if p.is_file()} == before  # nothing changed, nothing added
    assert [status for status, _ in lines] == ["2"] * 5, lines
    errors = [error for _, error in lines]
    assert all(error.startswith("ganlib: error: ") and "Read-only file system" in error for error in errors), lines
    assert "make it writable, or copy the folder somewhere writable and resume the copy" in errors[3]
