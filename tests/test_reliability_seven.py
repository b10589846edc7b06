"""Nothing silently wrong, round seven: the faults of the seventh tester round of issue 35.

A class folder of unreadable files taken as a class, a config changed after it was made and trusted, nets of one
variant trained under another's name, an edited summary.json trusted over the checkpoint, a weights file written
over a picture, solutions and hidden tests left in a student version, NaN noise turned into NaN images, and a few
dozen inputs that ended in a raw traceback or a wrong word: each is now read as meant or refused in one line.
"""
import json
import os

import nbformat
import numpy as np
import pytest
import torch
from PIL import Image

from ganlib import TrainConfig, build_nets, generate, history_gif, load_dataset, noise, pretrained, sample_images, train
from ganlib.__main__ import main
from ganlib.course.exercises import check_answer, check_label_is_used
from ganlib.course.step_check import check_train_step
from ganlib.course.versions import CODE_STUB, versions
from ganlib.files import atomic_write_bytes
from ganlib.latent import interpolate, slerp, walk
from ganlib.loop import History
from ganlib.step import train_step
from pathlib import Path

from test_reliability import _one_line, finished_run  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent


# ---- the latent space and sampling: numbers or a sentence -------------------------------------------------------

@pytest.mark.parametrize("call, error, words", [
    (lambda z: interpolate(z[0], torch.full((100,), float("nan"))), ValueError, "z1 holds NaN or infinite values"),
    (lambda z: interpolate(z[0], z[1], steps=10 ** 9), ValueError, "from 2 (the two ends) to 10,000"),
    (lambda z: slerp(z[0], z[1], "a"), TypeError, "t must be a number or a list of numbers"),
    (lambda z: walk(z[0], 3, "abc"), TypeError, "values must be a number or a list of numbers"),
    (lambda z: walk(z[0], 3, [float("nan")]), ValueError, "values holds NaN"),
    (lambda z: interpolate(torch.ones(100, dtype=torch.bool), z[0]), TypeError, "must hold real numbers"),
    (lambda z: generate(pretrained("gan"), torch.full((2, 100), float("inf"))), ValueError, "NaN or infinite"),
    (lambda z: generate(pretrained("cdcgan"), z, "7"), ValueError, "labels must be whole class numbers"),
    (lambda z: generate(None, z), TypeError, "takes a generator net first, got NoneType"),
    (lambda z: generate("gan", z), TypeError, "ganlib.pretrained('gan')"),
])
def test_latent_paths_and_sampling_refuse_what_means_nothing(call, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        call(noise(4, 100, seed=0))


def test_latent_paths_take_lists_and_whole_numbers_as_points():
    z = noise(2, 100, seed=0)
    assert interpolate([0.0] * 100, [1.0] * 100).shape == (8, 100)
    assert interpolate(torch.ones(100, dtype=torch.long), z[0]).dtype == torch.float32  # either order
    assert interpolate(z[0], torch.ones(100, dtype=torch.long)).dtype == torch.float32
    assert walk(torch.ones(100, dtype=torch.long), 3, [0.5])[0, 3] == 0.5  # the walk walks
    labels = sample_images(pretrained("cdcgan"), 3, digit=torch.tensor(3))[1]
    assert labels.tolist() == [3, 3, 3]


# ---- train: the config is checked as a whole, against the nets --------------------------------------------------

def _images():
    return torch.randint(0, 256, (32, 1, 28, 28), dtype=torch.uint8)


@pytest.mark.parametrize("name, value, words", [("epochs", 0, "epochs must be a positive whole number"),
                                                ("max_steps", -5, "max_steps must be None"),
                                                ("seed", -3, "seed must be a whole number")])
def test_a_setting_changed_after_the_config_was_made_is_checked_again(name, value, words, monkeypatch):
    monkeypatch.delenv("GANLIB_SMOKE", raising=False)
    config = TrainConfig(variant="gan", max_steps=2, progress=False)
    setattr(config, name, value)
    with pytest.raises(ValueError, match=words):
        train(*build_nets("gan"), _images(), None, config)


def test_the_config_names_the_variant_of_the_nets(tmp_path):
    with pytest.raises(ValueError, match="nets are the course's 'gan' .*config.variant is 'dcgan'"):
        train(*build_nets("gan"), _images(), None, TrainConfig(variant="dcgan", checkpoint_dir=str(tmp_path / "c")))
    assert not (tmp_path / "c").exists()


def test_a_dict_or_a_wrong_step_is_named():
    G, D = build_nets("gan")
    with pytest.raises(TypeError, match=r"config must be a TrainConfig, got dict: .*TrainConfig.from_dict"):
        train(G, D, _images(), None, {"variant": "gan"})
    with pytest.raises(TypeError, match=r"cannot be called as step\(G, D, opt_g, opt_d, x, y\)"):
        train(G, D, _images(), None, TrainConfig(max_steps=1, progress=False), step=lambda: None)


# ---- export and evaluate: the checkpoint is the truth ------------------------------------------------------------

def _edit_summary(run, **changes):
    summary = json.loads((run / "summary.json").read_text())
    summary["config"].update(changes)
    (run / "summary.json").write_text(json.dumps(summary))


@pytest.mark.parametrize("changes", [{"seed": 99}, {"data": "cifar10"}, {"data": None}, {"data": 5}])
def test_export_refuses_a_summary_that_disagrees_with_its_checkpoint(finished_run, capsys, changes):
    _edit_summary(finished_run, **changes)
    assert main(["export", str(finished_run)]) == 2
    _one_line(capsys, "summary.json is damaged (cut short, or edited)")
    assert not list(finished_run.glob("gan*.pt"))


def test_export_names_the_run_folder_and_writes_only_weights_files(finished_run, capsys):
    assert main(["export", str(finished_run / "checkpoint.pt")]) == 2
    _one_line(capsys, "is a file: give the run folder it lies in")
    picture = (finished_run / "samples.png").read_bytes()
    assert main(["export", str(finished_run), "--out", str(finished_run / "samples.png"), "--force"]) == 2
    _one_line(capsys, "does not end in .pt")
    assert (finished_run / "samples.png").read_bytes() == picture


def test_evaluate_says_which_file_a_run_folder_lacks(finished_run, capsys):
    (finished_run / "checkpoint.pt").unlink()
    assert main(["evaluate", str(finished_run)]) == 2
    _one_line(capsys, "has no checkpoint.pt", "evaluate its last periodic checkpoint", "step-")


# ---- sample and the files it writes ------------------------------------------------------------------------------

def test_sample_names_a_bare_suffix_and_an_unwritable_place(tmp_path, capsys):
    assert main(["sample", "gan", "--out", str(tmp_path / ".png")]) == 2
    _one_line(capsys, "is only a suffix: give a file name, e.g. samples.png")
    if os.path.isdir("/proc/self"):
        assert main(["sample", "gan", "--out", "/proc/x.png"]) == 2
        _one_line(capsys, "cannot write to /proc, the folder of --out /proc/x.png (it takes no new files)")


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path):
    gone = tmp_path / ".s.npz.999999999.abcd.tmp"  # no process has that id
    gone.write_bytes(b"half")
    live = tmp_path / f".s.npz.{os.getpid()}.efgh.tmp"  # another write of this very process, still going
    live.write_bytes(b"half")
    atomic_write_bytes(tmp_path / "s.npz", b"whole")
    assert not gone.exists() and live.exists() and (tmp_path / "s.npz").read_bytes() == b"whole"


def test_history_gif_writes_gifs_only_and_counts_frames_from_one():
    history = History()
    history.snapshots, history.snapshot_epochs = [torch.zeros(4, 1, 8, 8, dtype=torch.uint8)] * 2, [0.0, 1.0]
    with pytest.raises(ValueError, match="ends in .gif"):
        history_gif(history, "hg.png")
    with pytest.raises(ValueError, match="max_frames must be a whole number, 1 or more"):
        history_gif(history, "hg.gif", max_frames=0)


# ---- versions: what a student must not see ------------------------------------------------------------------------

def test_a_solution_cell_without_delimiters_and_hidden_tests_stay_with_the_teacher(tmp_path):
    nb = nbformat.v4.new_notebook()
    answer = nbformat.v4.new_code_cell("def my_loss(logits):\n    return logits.mean()  # the model answer")
    answer.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False, "grade_id": "a"}
    graded = nbformat.v4.new_code_cell("check(my_loss)\n### BEGIN HIDDEN TESTS\nassert secret_answer == 42\n"
                                       "### END HIDDEN TESTS\ngraded()")
    nb.cells = [answer, graded]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, str(path))
    student = versions(path)["student"]
    assert student.cells[0].source == CODE_STUB
    assert "secret_answer" not in student.cells[1].source and student.cells[1].source == "check(my_loss)\ngraded()"
    assert "secret_answer" in versions(path)["teacher"].cells[1].source


# ---- checks: the student's mistake is named, never the check's own ---------------------------------------------------

@pytest.mark.parametrize("call, words", [
    (lambda: check_label_is_used(lambda x, y: torch.tensor(0.0), lambda n: torch.randn(n, 100)),
     "one output per input expected"),
    (lambda: check_label_is_used(torch.nn.Linear(100, 1), lambda: 0), "it cannot be called so"),
    (lambda: check_label_is_used(build_nets("cgan")[0], lambda n: torch.tensor(1.0)),
     "make_input(n) must return a tensor of n inputs"),
    (lambda: check_train_step(train_step, conditional=torch.zeros(3)), "conditional must be True or False"),
    (lambda: check_answer("loss_d_at_indifference", 10 ** 400), "is too large to be the answer"),
    (lambda: check_answer("loss_d_at_indifference", type("odd", (), {"__float__": lambda self: 1 / 0})()),
     "one number expected, got odd"),
])
def test_checks_of_the_seventh_round(call, words, capsys):
    call()
    out = capsys.readouterr().out
    assert words in out and "check itself failed" not in out, out


# ---- folders and data ------------------------------------------------------------------------------------------------

def _folder(root, classes, unreadable=()):
    for name in classes:
        (root / name).mkdir(parents=True)
        for i in range(6):
            if name in unreadable:
                (root / name / f"{i}.png").write_text("junk")
            else:
                Image.fromarray(np.random.default_rng(i).integers(0, 256, (32, 32, 3), dtype=np.uint8)).save(
                    root / name / f"{i}.png")


def test_a_class_folder_of_unreadable_files_is_no_class(tmp_path, capsys):
    _folder(tmp_path / "photos", "abc", unreadable="b")
    images, labels, classes = load_dataset(str(tmp_path / "photos"), image_size=16)
    assert len(images) == 12 and sorted(set(labels.tolist())) == [0, 1] and list(classes) == ["a", "c"]
    assert "no file of the class folder b" in "".join(capsys.readouterr())


def test_one_class_folder_asks_for_the_unconditional_variant(tmp_path, capsys):
    _folder(tmp_path / "photos", ["only"])
    assert main(["train", "cdcgan", "--data", str(tmp_path / "photos"), "--image-size", "32",
                 "--out", str(tmp_path / "run")]) == 2
    _one_line(capsys, "these images have one class (only)", "train the unconditional variant (dcgan)")


def test_missing_mnist_is_one_line_and_leaves_no_empty_folders(tmp_path, monkeypatch, capsys):
    import torchvision.datasets

    def no_internet(root, **options):
        os.makedirs(os.path.join(root, "MNIST", "raw"), exist_ok=True)  # what torchvision does before it fails
        raise RuntimeError("Error downloading train-images-idx3-ubyte.gz:\nTried https://example.org/, ).")

    monkeypatch.setattr(torchvision.datasets, "MNIST", no_internet)
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "nowhere" / "data"))
    assert main(["train", "gan", "--out", str(tmp_path / "run")]) == 2
    _one_line(capsys, "MNIST is not in", "(RuntimeError: Error downloading train-images-idx3-ubyte.gz)")
    assert not (tmp_path / "nowhere").exists()


# ---- the eighth tester round (the faults fixed so far; the rest are listed in the issue) --------------------------

def test_odd_samples_files_and_checkpoints_are_one_line(tmp_path, capsys):
    import zipfile
    np.savez(tmp_path / "text.npz", images=np.array(["a"] * 100))
    with zipfile.ZipFile(tmp_path / "garbage.npz", "w") as archive:
        archive.writestr("images.npy", b"garbage")
    for name, words in (("text.npz", "not numbers"), ("garbage.npz", "is not a readable .npz file")):
        assert main(["evaluate", str(tmp_path / name)]) == 2
        _one_line(capsys, words)
    np.savez(tmp_path / "u64.npz", images=np.zeros((20, 1, 28, 28), np.uint8), labels=np.zeros(20, np.uint64))
    assert main(["evaluate", str(tmp_path / "u64.npz")]) == 0  # whole numbers, whatever their type
    capsys.readouterr()
    from ganlib.places import WEIGHTS_DIR
    payload = torch.load(WEIGHTS_DIR / "gan.pt", weights_only=True)
    payload["config"], payload["trained"] = "mnist", "yesterday"  # fields that are no dicts
    torch.save(payload, tmp_path / "odd.pt")
    assert main(["sample", "--from", str(tmp_path / "odd.pt"), "--n", "4", "--out", str(tmp_path / "s.png")]) == 0


def test_versions_name_a_notebook_whose_cells_lost_their_text(tmp_path, capsys):
    nb = json.loads((ROOT / "notebooks" / "00_gan_you_can_watch.ipynb").read_text())
    nb["cells"][3]["source"] = 5
    (tmp_path / "bad.ipynb").write_text(json.dumps(nb))
    assert main(["versions", str(tmp_path / "bad.ipynb"), "--out", str(tmp_path / "v")]) == 2
    _one_line(capsys, "is not a readable notebook")


def test_a_hub_address_in_capitals_is_a_web_address(capsys):
    assert main(["links", "--hub", "HTTPS://hub.example.edu"]) == 0


@pytest.mark.parametrize("end, words", [(lambda t: t.detach(), "carry no gradient back"),
                                        (lambda t: t.long(), "torch.int64 numbers"),
                                        (lambda t: t * (1 + 0j), "complex numbers (torch.complex64)"),
                                        (lambda t: t * float("nan"), "NaN or infinite")])
def test_a_critic_whose_scores_cannot_train_is_refused(end, words, capsys):
    from ganlib.course.objective_checks import check_critic

    class Critic(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.net = torch.nn.Sequential(torch.nn.Conv2d(1, 8, 4, 2, 1), torch.nn.LeakyReLU(0.2), torch.nn.Flatten(),
                                           torch.nn.Linear(8 * 14 * 14, 1))

        def forward(self, x):
            return end(self.net(x).view(-1))

    assert not check_critic(Critic())
    out = capsys.readouterr().out
    assert words in out and "check itself failed" not in out, out


def test_a_hinge_loss_that_changes_its_scores_is_refused(capsys):
    import torch.nn.functional as F
    from ganlib.course.objective_checks import check_hinge_loss
    assert not check_hinge_loss(lambda r, f: F.relu(1 - (r.data.mul_(0) + r)).mean() + F.relu(1 + f).mean(),
                                lambda f: -f.mean())
    assert "changes the scores it is given" in capsys.readouterr().out


@pytest.mark.parametrize("call, error, words", [
    (lambda: __import__("ganlib").image_grid(torch.rand(4, 1, 8, 8), padding=10 ** 9), ValueError, "padding"),
    (lambda: __import__("ganlib").image_grid(torch.rand(2, 1, 0, 0)), ValueError, "have no pixels"),
    (lambda: noise(10 ** 12, 100), ValueError, "in chunks"),
    (lambda: generate(pretrained("gan"), torch.full((2, 100), 1e39, dtype=torch.float64)), ValueError,
     "beyond torch.float32's range"),
    (lambda: walk(torch.randn(4), 0, [1e39]), ValueError, "beyond torch.float32's range"),
    (lambda: TrainConfig(betas=0.5), ValueError, "betas must be two numbers"),
    (lambda: TrainConfig(betas=(False, 0.9)), ValueError, "betas must be two numbers"),
    (lambda: TrainConfig(variant=["gan"]), ValueError, "unknown variant"),
    (lambda: TrainConfig(loss=["hinge"]), ValueError, "unknown loss"),
    (lambda: TrainConfig(device=0), ValueError, "device 0 is not available"),
    (lambda: load_dataset("mnist", smoke="yes"), TypeError, "smoke must be True, False or None"),
])
def test_the_eighth_rounds_inputs_are_refused_in_a_sentence(call, error, words):
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        call()


@pytest.mark.parametrize("labels", [torch.tensor([float("inf"), 0, 0, 0]), torch.tensor([1e30, 0, 0, 0]),
                                    ["a", "b", "c", "d"], torch.tensor([1j, 0, 0, 0]), [None] * 4,
                                    torch.tensor([True, False, True, False]), [1]])
def test_save_samples_keeps_only_class_numbers(labels, tmp_path):
    from ganlib import save_samples
    for name in ("s.npz", "s.png"):
        with pytest.raises(ValueError, match="labels"):
            save_samples(tmp_path / name, torch.rand(4, 1, 8, 8), labels=labels)
    assert not list(tmp_path.iterdir())


def test_the_eighth_rounds_inputs_that_mean_something_are_taken(tmp_path):
    from ganlib import image_grid
    assert image_grid(torch.rand(4, 1, 8, 8), columns=10 ** 12).shape == (12, 42, 1)  # one row of four
    assert noise(2, 4, device=torch.device("cpu")).shape == (2, 4)
    assert TrainConfig(betas=torch.tensor([0.5, 0.9])).betas[0] == 0.5
    _folder(tmp_path / "photos", "ab")
    assert load_dataset(str(tmp_path / "photos"), image_size=np.int64(32)).images.shape[-1] == 32


def test_row_labels_name_the_grids_rows():
    from ganlib import show_images
    with pytest.raises(TypeError, match="row_labels must be a list, one label per row"):
        show_images(torch.rand(4, 1, 8, 8), row_labels=3)
    with pytest.raises(ValueError, match="10 row labels for a grid of 1 row"):
        show_images(torch.rand(4, 1, 8, 8), row_labels=list(range(10)))
    assert show_images(torch.rand(16, 1, 8, 8), row_labels=["a", "b"]) is not None


def test_a_generator_that_draws_nan_is_named_not_saved_black(tmp_path, capsys):
    G = pretrained("gan")
    with torch.no_grad():
        for weight in G.parameters():
            weight.mul_(1e30)
    with pytest.raises(ValueError, match="hold NaN or infinite values: its weights are damaged"):
        sample_images(G, 4)


@pytest.mark.parametrize("setting", [{"latent_dim": 10 ** 9}, {"width": 10 ** 6}, {"image_size": 10 ** 6}])
def test_the_python_api_bounds_net_sizes_as_the_command_line_does(setting):
    with pytest.raises(ValueError, match="must be at most"):
        TrainConfig(**setting)
