"""Tester round 19 of issue 35, and what was left from round 18: a stop before the run's first checkpoint says nothing
was trained, and a stop while the referee judges a finished run says the run is whole and how to get its numbers."""
import pytest

from ganlib.course import cli
from ganlib.course.cli import main


def _images(folder, n=8):
    import numpy as np
    from PIL import Image
    folder.mkdir(parents=True)
    for i in range(n):
        Image.fromarray(np.full((8, 8, 3), 30 * i, np.uint8)).save(folder / f"{i}.png")
    return folder


@pytest.mark.parametrize("said, shown", [("stopped by SIGTERM", "stopped by SIGTERM before"), ("", "Ctrl-C before")])
def test_a_stop_before_the_first_checkpoint_says_nothing_was_trained(tmp_path, monkeypatch, capsys, said, shown):
    def stopped(*args, **kwargs):
        raise KeyboardInterrupt(said)
    monkeypatch.setattr(cli, "train", stopped)
    assert main(["train", "dcgan", "--data", str(_images(tmp_path / "photos")), "--image-size", "32",
                 "--batch-size", "4", "--out", str(tmp_path / "run"), "--no-progress"]) == 130
    err = capsys.readouterr().err
    assert shown in err and "nothing was trained or saved" in err and "Traceback" not in err


def test_a_stop_while_the_referee_judges_says_the_run_is_whole(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt("stopped by SIGTERM")
    monkeypatch.setattr(cli, "evaluate_generator", stopped)
    assert main(["train", "gan", "--max-steps", "2", "--out", str(tmp_path / "run"), "--no-progress"]) == 130
    err = capsys.readouterr().err
    assert "while the referee judged the final generator" in err and "python -m ganlib evaluate" in err
    assert (tmp_path / "run" / "checkpoint.pt").is_file() and (tmp_path / "run" / "summary.json").is_file()


# ---- tester round 19a --------------------------------------------------------------------------------------------

def test_to_unit_range_takes_numpy_pixels_and_names_what_it_cannot_take():
    import numpy as np
    from ganlib import to_unit_range
    assert to_unit_range(np.full((2, 1, 4, 4), 255, np.uint8)).eq(1).all()
    with pytest.raises(TypeError, match="tensor or NumPy array, got a list"):
        to_unit_range([0, 255])


def test_a_samples_file_keeps_the_data_sets_name_as_the_course_spells_it(tmp_path, capsys):
    import numpy as np
    import torch
    from ganlib import save_samples
    path = save_samples(tmp_path / "s.npz", torch.zeros(64, 1, 28, 28, dtype=torch.uint8), data="MNIST") or tmp_path / "s.npz"
    assert str(np.load(path)["data"]) == "mnist"


def test_referee_never_writes_over_an_existing_file(tmp_path, capsys):
    kept = tmp_path / "run" / "checkpoint.pt"
    kept.parent.mkdir()
    kept.write_bytes(b"the run's checkpoint")
    assert main(["referee", "--out", str(kept)]) == 2
    assert "exists already" in capsys.readouterr().err and kept.read_bytes() == b"the run's checkpoint"


def test_report_pdf_in_smoke_mode_is_refused_in_one_line(monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["report", "--tables-only", "--pdf"]) == 2
    assert "unset GANLIB_SMOKE to build the PDF" in capsys.readouterr().err


def test_a_finished_run_resumed_keeps_its_stop_reason_and_says_so(tmp_path, capsys):
    import torch
    from ganlib import MLPDiscriminator, MLPGenerator, TrainConfig, train
    images = torch.randint(0, 256, (64, 1, 28, 28), dtype=torch.uint8)
    config = TrainConfig(variant="gan", epochs=1, batch_size=32, max_steps=1, checkpoint_dir=str(tmp_path / "run"),
                         progress=False)
    first = train(MLPGenerator(), MLPDiscriminator(), images, None, config).stop_reason
    capsys.readouterr()
    again = train(MLPGenerator(), MLPDiscriminator(), images, None, config, resume=True).stop_reason
    assert first.startswith("finished") and again == first and "nothing left to train" in capsys.readouterr().out


def _folder_samples(tmp_path, classes=12):
    import torch
    from ganlib import save_samples
    (tmp_path / "many").mkdir()
    path = tmp_path / "s.npz"
    save_samples(path, torch.zeros(60, 1, 28, 28, dtype=torch.uint8), torch.arange(60) % classes,
                 data=str(tmp_path / "many"))
    return path


def test_evaluate_on_samples_of_many_classes_names_the_missing_referee_not_the_labels(tmp_path, capsys):
    assert main(["evaluate", str(_folder_samples(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert "no referee was trained on it" in err and "labels" not in err


def test_inception_offline_on_images_no_referee_judges_points_nowhere_else(tmp_path, monkeypatch, capsys):
    from ganlib.evaluation.inception import InceptionUnavailable

    def offline(*args, **kwargs):
        raise InceptionUnavailable("the Inception weights could not be downloaded (offline)")
    monkeypatch.setattr(cli, "_inception_fid", offline)
    assert main(["evaluate", str(_folder_samples(tmp_path)), "--inception"]) == 1
    err = capsys.readouterr().err
    assert "no score for them" in err and "referee's numbers" not in err


@pytest.mark.parametrize("which", ["G", "D"])
def test_train_without_a_net_names_the_missing_one(which):
    import torch
    from ganlib import MLPDiscriminator, MLPGenerator, train
    nets = {"G": MLPGenerator(), "D": MLPDiscriminator()}
    nets[which] = None
    with pytest.raises(TypeError, match=f"{which} is None"):
        train(nets["G"], nets["D"], torch.zeros(64, 1, 28, 28, dtype=torch.uint8))


def test_the_losses_name_odd_inputs():
    import torch
    from ganlib.losses import class_loss, discriminator_loss, generator_loss
    with pytest.raises(TypeError, match="whole class numbers 0 to 9"):
        class_loss(torch.zeros(4, 10), torch.tensor([0., 1., 2., 3.]))
    with pytest.raises(ValueError, match="number the classes from 0"):
        class_loss(torch.zeros(4, 10), torch.full((4,), 10))
    with pytest.raises(TypeError, match="as floats"):
        generator_loss(torch.zeros(4, dtype=torch.long))
    with pytest.raises(ValueError, match="empty batch"):
        discriminator_loss(torch.zeros(0), torch.zeros(0))
    assert torch.isclose(class_loss(torch.zeros(2, 10), torch.full((2, 10), 0.1)), torch.log(torch.tensor(10.)))


@pytest.mark.parametrize("words", [["gif", "--all", "gan"], ["evaluate", "--all", "gan"]])
def test_a_name_and_all_together_are_told_to_choose(words, capsys):
    assert main(words) == 2
    assert "not both" in capsys.readouterr().err


# ---- tester round 20a --------------------------------------------------------------------------------------------

def _classes(root, names, n=8):
    for name in names:
        _images(root / name, n)
    return root


def _small_run(tmp_path, data, words=(), out="run"):
    return main(["train", "cdcgan", "--data", str(data), "--image-size", "32", "--batch-size", "4", "--max-steps", "1",
                 "--out", str(tmp_path / out), "--no-progress", *words])


def test_a_resume_on_renamed_classes_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    photos = _classes(tmp_path / "photos", ["cats", "dogs"])
    assert _small_run(tmp_path, photos) == 0
    (tmp_path / "run" / "summary.json").unlink()
    (photos / "cats").rename(photos / "zebras")
    capsys.readouterr()
    assert main(["train", "cdcgan", "--resume", str(tmp_path / "run"), "--max-steps", "2", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "learned the classes 0 cats, 1 dogs" in err and "0 dogs, 1 zebras" in err


def test_a_run_inside_a_linked_class_folder_or_a_folder_of_runs_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    _images(tmp_path / "elsewhere" / "cats")
    photos = _classes(tmp_path / "photos", ["dogs"])
    (photos / "cats").symlink_to(tmp_path / "elsewhere" / "cats")
    assert main(["train", "cdcgan", "--data", str(photos), "--image-size", "32", "--batch-size", "4",
                 "--out", str(tmp_path / "elsewhere" / "cats" / "run1")]) == 2
    assert "inside the data folder" in capsys.readouterr().err and not (tmp_path / "elsewhere" / "cats" / "run1").exists()
    (tmp_path / "runs" / "first").mkdir(parents=True)
    (tmp_path / "runs" / "first" / "summary.json").write_text("{}")
    assert main(["train", "dcgan", "--data", str(tmp_path / "runs"), "--out", str(tmp_path / "new")]) == 2
    assert "holds training runs (first)" in capsys.readouterr().err


def test_a_periodic_checkpoint_of_an_ema_run_gives_the_averaged_generator(tmp_path):
    import torch
    from ganlib import MLPDiscriminator, MLPGenerator, TrainConfig, train
    from ganlib.checkpoints import load_generator, periodic_checkpoints, read_checkpoint
    config = TrainConfig(variant="gan", epochs=1, batch_size=32, max_steps=2, ema_decay=0.5, progress=False,
                         checkpoint_dir=str(tmp_path / "run"))
    train(MLPGenerator(), MLPDiscriminator(), torch.randint(0, 256, (64, 1, 28, 28), dtype=torch.uint8), None, config)
    newest = periodic_checkpoints(tmp_path / "run")[0]
    G, _ = load_generator(newest)
    averaged = read_checkpoint(newest)["training_state"]["ema"]
    assert all(torch.equal(value, averaged[name]) for name, value in G.state_dict().items())


def test_paths_a_shell_left_as_typed_or_ending_in_a_slash_get_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["train", "gan", "--out", "~nosuchuser1234/x"]) == 2
    assert "did you mean ~/nosuchuser1234/x" in capsys.readouterr().err
    monkeypatch.setenv("GANLIB_DATA", "~nosuchuser1234/data")
    assert main(["train", "gan", "--out", "run"]) == 2
    assert "did you mean ~/nosuchuser1234/data" in capsys.readouterr().err
    import ganlib
    with pytest.raises(IsADirectoryError, match="ends in a slash"):
        ganlib.save_checkpoint("runs/new/", ganlib.MLPGenerator(), ganlib.MLPDiscriminator())
    assert not (tmp_path / "runs").exists()


def test_a_split_of_unlabelled_images_is_said_to_be_a_split(tmp_path):
    from ganlib.folders import survey
    found = survey(_classes(tmp_path / "faces", ["train", "test"]))
    assert any("like a data set's split" in note and "faces/train" in note for note in found.layout)
    (tmp_path / "pets" / "cats" / "2019").mkdir(parents=True)
    _images(tmp_path / "pets" / "cats" / "2019" / "a")
    _images(tmp_path / "pets" / "dogs" / "2021")
    assert not any("give --data" in note for note in survey(tmp_path / "pets").layout)


def test_a_resume_killed_before_it_rewrote_the_run_is_named_by_export_evaluate_and_sample(tmp_path, monkeypatch,
                                                                                              capsys):
    import shutil
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["train", "gan", "--max-steps", "1", "--out", str(tmp_path / "run"), "--no-progress"]) == 0
    newest = sorted((tmp_path / "run" / "checkpoints").glob("step-*.pt"))[-1]
    shutil.copy(newest, newest.with_name("step-00000009.pt"))  # as a resume leaves it when killed after a save
    capsys.readouterr()
    assert main(["export", str(tmp_path / "run")]) == 2
    assert "holds a newer checkpoint, step-00000009.pt" in capsys.readouterr().err
    assert main(["sample", "--from", str(tmp_path / "run"), "--out", str(tmp_path / "s.png")]) == 0
    assert "the generator of before it" in capsys.readouterr().err


def test_inception_against_reference_images_of_another_size_is_one_line(monkeypatch, capsys):
    def other_size(images, data):
        raise ValueError("mnist images are 28 pixels wide, not 32")
    monkeypatch.setattr(cli, "_inception_fid", other_size)
    assert main(["evaluate", "cdcgan-cifar10", "--n", "50", "--inception", "--reference", "mnist"]) == 2
    assert "--inception against mnist: mnist images are 28 pixels wide" in capsys.readouterr().err


def test_resume_given_a_path_inside_the_run_names_the_run_folder(tmp_path, capsys):
    (tmp_path / "run1" / "checkpoints").mkdir(parents=True)
    assert main(["train", "gan", "--resume", str(tmp_path / "run1" / "checkpoints")]) == 2
    assert f"--resume takes the run's folder, {tmp_path / 'run1'}" in capsys.readouterr().err


# ---- tester round 21a --------------------------------------------------------------------------------------------

def _run_with_newer_periodic(tmp_path, monkeypatch):
    import shutil
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["train", "gan", "--max-steps", "1", "--out", str(tmp_path / "run"), "--no-progress"]) == 0
    newest = sorted((tmp_path / "run" / "checkpoints").glob("step-*.pt"))[-1]
    shutil.copy(newest, newest.with_name("step-00000009.pt"))
    return tmp_path / "run"


def test_sample_from_a_checkpoint_file_names_a_newer_periodic_one(tmp_path, monkeypatch, capsys):
    run = _run_with_newer_periodic(tmp_path, monkeypatch)
    capsys.readouterr()
    assert main(["sample", "--from", str(run / "checkpoint.pt"), "--out", str(tmp_path / "s.png")]) == 0
    assert "the generator of before it" in capsys.readouterr().err


def test_sample_never_writes_over_a_file_of_an_unfinished_run(tmp_path, monkeypatch, capsys):
    run = _run_with_newer_periodic(tmp_path, monkeypatch)
    (run / "checkpoint.pt").unlink()
    (run / "samples.png").unlink()
    assert main(["sample", "gan", "--out", str(run / "samples.png")]) == 2
    assert "one of the run's own results" in capsys.readouterr().err and not (run / "samples.png").exists()


def test_an_out_in_a_folder_linked_deep_inside_the_data_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    photos = _classes(tmp_path / "photos", ["cats", "dogs"])
    (tmp_path / "extra").mkdir()
    (photos / "cats" / "more").symlink_to(tmp_path / "extra")
    assert main(["train", "cdcgan", "--data", str(photos), "--image-size", "32", "--batch-size", "4",
                 "--out", str(tmp_path / "extra" / "run")]) == 2
    assert "inside the data folder" in capsys.readouterr().err


def test_inception_reference_a_run_folder_is_refused(tmp_path, monkeypatch, capsys):
    run = _run_with_newer_periodic(tmp_path, monkeypatch)
    capsys.readouterr()
    assert main(["evaluate", "gan", "--n", "50", "--inception", "--reference", str(run)]) == 2
    assert "training run's folder" in capsys.readouterr().err


def test_a_folder_named_like_a_data_set_is_kept_as_the_folder(tmp_path, monkeypatch, capsys):
    import json
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    monkeypatch.chdir(tmp_path)
    _classes(tmp_path / "MNIST", ["0", "1"])
    assert main(["train", "cgan", "--data", "MNIST", "--image-size", "28", "--batch-size", "4", "--out", "run",
                 "--no-progress"]) == 0
    assert "is your folder ./MNIST" in capsys.readouterr().err
    assert json.loads((tmp_path / "run" / "summary.json").read_text())["config"]["data"] == str(tmp_path / "MNIST")


@pytest.mark.parametrize("call", ["grid", "gif", "history"])
def test_picture_writers_given_the_path_first_say_so(tmp_path, call):
    import torch
    from ganlib import History, history_gif, save_gif, save_image_grid
    images, path = torch.zeros(4, 1, 8, 8), str(tmp_path / ("a.png" if call == "grid" else "a.gif"))
    with pytest.raises(TypeError, match="takes the file's path last"):
        {"grid": lambda: save_image_grid(path, images), "gif": lambda: save_gif(path, [images], [0]),
         "history": lambda: history_gif(path, History())}[call]()


def test_sample_by_a_name_that_is_also_a_run_folder_here_says_which(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    monkeypatch.chdir(tmp_path)
    assert main(["train", "gan", "--max-steps", "1", "--out", "gan", "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["sample", "gan", "--out", "s.png"]) == 0
    assert "give --from ./gan" in capsys.readouterr().err


# ---- tester rounds 22a and 22b -----------------------------------------------------------------------------------

def test_the_courses_own_cache_in_an_image_folder_is_no_news(tmp_path):
    from ganlib.folders import survey
    photos = _classes(tmp_path / "photos", ["cats", "dogs"])
    (photos / "cache").mkdir()
    (photos / "cache" / "flat-32px-3ch-0123.pt").write_bytes(b"a cached tensor")
    found = survey(photos)
    assert found.classes == ["cats", "dogs"] and "cache" not in found.empty_folders


def test_referee_writes_only_a_weights_file(tmp_path, capsys):
    assert main(["referee", "--out", str(tmp_path / "x.npz")]) == 2
    assert "does not end in .pt" in capsys.readouterr().err and not (tmp_path / "x.npz").exists()


def test_the_slope_ratio_names_the_formulas_near_e_to_the_6(capsys):
    import math
    from ganlib.course.exercises import check_answer
    s = 1 / (1 + math.exp(6))
    assert not check_answer("slope_ratio_at_logit_minus_6", 1 / s).ok
    assert not check_answer("slope_ratio_at_logit_minus_6", 1 / (s * (1 - s))).ok
    assert all(check_answer("slope_ratio_at_logit_minus_6", v).ok for v in (math.exp(6), 403.4, 403, 400))
    assert "1 / sigmoid(-6)" in capsys.readouterr().out
