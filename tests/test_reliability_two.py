"""Nothing lost, nothing silently wrong, round two: the faults and bad inputs of issue 35.

Never outside the folder asked for (export's file name), a short run is a run (every picture draws the points
that exist), and nothing lost when writing a result (every file the course writes for a user goes through
``ganlib.files.atomic_write``: a full or read-only disk, a folder in the way, an interrupted write leave any
earlier file as it was, and the command says so in one line).
"""
import errno
import hashlib
import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest
import torch

import ganlib.checkpoints
import ganlib.course.runs
import ganlib.files
from ganlib import TrainConfig, build_nets, seed_everything, train
from ganlib.__main__ import main
from ganlib.checkpoints import periodic_checkpoints, read_checkpoint, save_generator
from ganlib.course.runs import data_and_nets, new_run_dir, save_run
from ganlib.course.versions import write_versions
from ganlib.files import DiskFullError, atomic_write_text, safe_file_name
from ganlib.loop import History
from ganlib.pictures import plot_d_outputs, plot_losses, save_figure, save_gif, save_image_grid, save_samples
from ganlib.pixels import as_uint8_images
from ganlib.places import SettingError, is_smoke, project_root


def _one_line(capsys, *expected):
    err = capsys.readouterr().err
    assert all(text in err for text in expected), err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    """A finished (smoke) `python -m ganlib train gan` run folder, shared by the tests that only read it."""
    run = tmp_path_factory.mktemp("runs") / "run"
    assert main(["train", "gan", "--out", str(run), "--no-progress"]) == 0
    return run


# ---- 1. never outside the folder asked for --------------------------------------------------------------------

@pytest.mark.parametrize("data,name", [
    ("../../../photos", "photos"), ("/home/student/my photos/", "my_photos"), ("C:\\Users\\me\\faces", "faces"),
    ("..", "images"), ("/", "images"), ("cats:*?<>|.", "cats______."), (".hidden", "hidden"),
    ("fotos été", "fotos_été"), ("/data/写真", "写真"), ("cafe\u0301/", "caf\u00e9"),
])
def test_a_name_made_from_a_path_stays_in_its_folder(data, name):
    assert safe_file_name(data) == name
    assert "/" not in safe_file_name(data) and not safe_file_name(data).startswith(".")


@pytest.mark.parametrize("data", ["../../../photos", "/tmp/abs/photos", "../ph:o*tos"])
def test_export_writes_inside_the_run_folder_whatever_the_data_path(finished_run, tmp_path, capsys, data):
    """`train dcgan --data ../../../photos` then `export`: the file landed in runs/photos.pt, outside the run."""
    run = tmp_path / "deep" / "er" / "run"
    run.mkdir(parents=True)
    payload = torch.load(finished_run / "checkpoint.pt", weights_only=True)
    payload["config"]["data"] = data  # as a run with --data DATA records it, in the checkpoint and the summary
    torch.save(payload, run / "checkpoint.pt")
    summary = json.loads((finished_run / "summary.json").read_text())
    summary["config"]["data"] = data
    (run / "summary.json").write_text(json.dumps(summary))
    before = set(tmp_path.rglob("*"))
    assert main(["export", str(run)]) == 0
    written = set(tmp_path.rglob("*")) - before
    assert len(written) == 1 and next(iter(written)).parent == run, written
    assert next(iter(written)).name in ("gan-photos.pt", "gan-ph_o_tos.pt")


# ---- 2. a short run is a run ----------------------------------------------------------------------------------

def test_a_run_stopped_before_its_tenth_step_writes_everything(tmp_path):
    """`--minutes 0.05` or a Ctrl-C in the first seconds: plot_losses crashed ("a cannot be empty")."""
    images = torch.randint(0, 256, (256, 1, 28, 28), dtype=torch.uint8, generator=torch.Generator().manual_seed(0))
    seed_everything(0)
    G, D = build_nets("gan")
    config = TrainConfig(epochs=1, batch_size=32, max_steps=3, progress=False, smoke=False, health_checks=())
    assert config.log_every > 3
    history = train(G, D, images, None, config)
    assert history.step == [3] and len(history.loss_d) == 1  # the last step is logged
    files = save_run(tmp_path, G, D, history, config)
    assert {"checkpoint", "samples", "losses", "d_outputs", "gif", "summary"} <= set(files)
    assert json.loads(files["summary"].read_text())["steps"] == 3


def test_pictures_of_a_history_without_steps_say_so():
    history = History(snapshots=[torch.zeros(4, 1, 28, 28, dtype=torch.uint8)], snapshot_epochs=[0.0])
    for figure in (plot_losses(history), plot_d_outputs(history)):
        texts = [t.get_text() for t in figure.axes[0].texts]
        assert "no training step was logged" in texts


# ---- 3. nothing lost when writing a result --------------------------------------------------------------------

def _writers(tmp_path):
    """Each kind of file the course writes for a user: (file, how to write it)."""
    images = torch.randint(0, 256, (8, 1, 28, 28), dtype=torch.uint8)
    G, _ = build_nets("gan")
    notebook = project_root() / "notebooks" / "05_latent_space.ipynb"
    return {
        "gif": (tmp_path / "a.gif", lambda p: save_gif([images, images], [0, 1], p)),
        "png": (tmp_path / "a.png", lambda p: save_image_grid(images, p)),
        "npz": (tmp_path / "a.npz", lambda p: save_samples(p, images, torch.arange(8))),
        "figure": (tmp_path / "f.png", lambda p: save_figure(plot_losses(History()), p)),
        "json": (tmp_path / "s.json", lambda p: atomic_write_text(p, json.dumps({"steps": 3}))),
        "weights": (tmp_path / "g.pt", lambda p: save_generator(p, G, "gan", {})),
        "notebook": (tmp_path / "v" / "student" / notebook.name, lambda p: write_versions([notebook], tmp_path / "v")),
    }


@pytest.mark.parametrize("kind", ["gif", "png", "npz", "figure", "json", "weights", "notebook"])
@pytest.mark.parametrize("fault", ["disk full", "write fails", "read-only", "interrupted"])
def test_a_failed_rewrite_leaves_the_earlier_file_intact(tmp_path, monkeypatch, kind, fault):
    path, write = _writers(tmp_path)[kind]
    write(path)
    before = _digest(path)
    real_fdopen = ganlib.files.os.fdopen

    class Failing:
        """A file that takes a few bytes, then fails as a full disk or a Ctrl-C would."""

        def __init__(self, fd, mode):
            self.file = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def write(self, data):
            self.file.write(bytes(data)[:10])
            if fault == "interrupted":
                raise KeyboardInterrupt
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.file, name)

    if fault == "disk full":
        monkeypatch.setattr(ganlib.files.shutil, "disk_usage", lambda p: type("U", (), {"free": 0})())
    elif fault == "read-only":
        def refuse(**options):
            raise OSError(errno.EROFS, "Read-only file system")
        monkeypatch.setattr(ganlib.files.tempfile, "mkstemp", refuse)
    else:
        monkeypatch.setattr(ganlib.files.os, "fdopen", Failing)
    with pytest.raises(KeyboardInterrupt if fault == "interrupted" else OSError) as raised:
        write(path)
    if fault != "interrupted":
        assert str(path) in str(raised.value) and ".tmp" not in str(raised.value)
        assert ("disk full" if fault in ("disk full", "write fails") else "Read-only") in str(raised.value)
    assert _digest(path) == before
    assert list(path.parent.glob(".*.tmp")) == []


def _full_disk(monkeypatch):
    monkeypatch.setattr(ganlib.files.shutil, "disk_usage", lambda p: type("U", (), {"free": 0})())


@pytest.mark.parametrize("out", ["s.npz", "s.png"])
def test_sample_onto_a_full_disk_or_a_folder_ends_in_one_line(tmp_path, monkeypatch, capsys, out):
    target = tmp_path / out
    assert main(["sample", "gan", "--n", "16", "--out", str(target)]) == 0
    before = _digest(target)
    capsys.readouterr()
    _full_disk(monkeypatch)
    assert main(["sample", "gan", "--n", "16", "--seed", "1", "--out", str(target)]) == 2
    _one_line(capsys, "disk full", str(target), "intact")
    assert _digest(target) == before
    monkeypatch.undo()
    folder = tmp_path / ("folder" + target.suffix)
    folder.mkdir()
    assert main(["sample", "gan", "--n", "16", "--out", str(folder)]) == 2
    _one_line(capsys, "is a folder: give a file name")
    (tmp_path / "a-file").write_text("x")
    assert main(["sample", "gan", "--n", "16", "--out", str(tmp_path / "a-file" / out)]) == 2
    _one_line(capsys, "is a file, not a folder")


def test_export_and_versions_onto_a_full_disk_end_in_one_line(finished_run, tmp_path, monkeypatch, capsys):
    target = tmp_path / "g.pt"
    assert main(["export", str(finished_run), "--out", str(target)]) == 0
    before = _digest(target)
    capsys.readouterr()
    _full_disk(monkeypatch)
    assert main(["export", str(finished_run), "--out", str(target), "--force"]) == 2
    _one_line(capsys, "disk full", str(target))
    assert _digest(target) == before and read_checkpoint(target)["variant"] == "gan"
    notebook = project_root() / "notebooks" / "05_latent_space.ipynb"
    assert main(["versions", str(notebook), "--out", str(tmp_path / "v")]) == 2
    _one_line(capsys, "disk full", "05_latent_space.ipynb")
    monkeypatch.undo()
    (tmp_path / "not-a-folder").write_text("x")
    assert main(["versions", str(notebook), "--out", str(tmp_path / "not-a-folder")]) == 2
    _one_line(capsys, "is a file, not a folder")


def test_npz_samples_still_read_back(tmp_path):
    images = torch.randint(0, 256, (5, 1, 28, 28), dtype=torch.uint8)
    path = save_samples(tmp_path / "s.npz", images, torch.arange(5))
    with np.load(path) as saved:
        assert saved["images"].shape == (5, 28, 28) and saved["labels"].tolist() == [0, 1, 2, 3, 4]
    with pytest.raises(DiskFullError):
        ganlib.files.atomic_write(tmp_path / "big", lambda f: None, needed=1 << 60)


# ---- 5. no silently wrong numbers -----------------------------------------------------------------------------

def test_a_folder_of_32px_images_gets_no_cifar10_table(tmp_path, monkeypatch, capsys):
    """Any 32x32 folder ended with the CIFAR-10 referee's table, "conditional accuracy" included."""
    from PIL import Image
    for label in ("a", "b"):
        for i in range(80):
            (tmp_path / "faces" / label).mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (32, 32), (i * 3, 100, 50 if label == "a" else 200)).save(tmp_path / "faces" / label / f"{i}.png")
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "data"))
    assert main(["train", "cdcgan", "--data", str(tmp_path / "faces"), "--image-size", "32", "--batch-size", "32",
                 "--out", str(tmp_path / "run"), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "No referee's numbers: no referee was trained on" in out and "conditional accuracy" not in out
    # evaluate follows the same rule (it scored the folder's classes against CIFAR-10's "airplane", ...)
    assert main(["evaluate", str(tmp_path / "run")]) == 2
    _one_line(capsys, "no referee was trained on it", "--inception")


def test_a_checkpoint_with_nan_weights_is_refused_in_one_line(finished_run, tmp_path, capsys):
    G, payload = ganlib.checkpoints.load_generator(finished_run / "checkpoint.pt")
    with torch.no_grad():
        next(G.parameters()).fill_(float("nan"))
    broken = save_generator(tmp_path / "nan.pt", G, "gan", {})
    for argv in (["sample", "--from", str(broken), "--out", str(tmp_path / "x.png")], ["evaluate", str(broken)]):
        assert main(argv) == 2
        _one_line(capsys, "not numbers (NaN or infinite", "diverged")
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("value,smoke", [("1", True), ("yes", True), ("on", True), ("0", False), ("off", False),
                                         ("false", False), ("", False), ("No", False)])
def test_the_smoke_switch_understands_the_usual_words(monkeypatch, value, smoke):
    monkeypatch.setenv("GANLIB_SMOKE", value)
    assert is_smoke() is smoke


def test_an_unclear_smoke_switch_is_refused_in_one_line(monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "maybe")
    with pytest.raises(SettingError, match="neither on nor off"):
        is_smoke()
    assert main(["train", "gan", "--out", "never-made"]) == 2
    _one_line(capsys, "GANLIB_SMOKE='maybe' is neither on nor off")


def test_the_latent_size_asked_for_is_the_one_built():
    images, labels, G, D = data_and_nets(TrainConfig(variant="gan", latent_dim=64))
    assert G.latent_dim == 64


def test_images_in_zero_to_one_with_float_error_at_the_edges_stay_zero_to_one():
    images = torch.rand(4, 1, 8, 8)
    images[0, 0, 0, 0], images[1, 0, 0, 0] = -0.0004, 1.0004  # a resize's overshoot
    out = as_uint8_images(images)
    assert out[0, 0, 0, 0] == 0 and out[1, 0, 0, 0] == 255
    assert torch.equal(out[2:], (images[2:] * 255).round().to(torch.uint8))  # not read as [-1, 1]


# ---- 6. one line, not a traceback -----------------------------------------------------------------------------

def test_bad_command_lines_get_one_line(finished_run, tmp_path, capsys):
    cut = tmp_path / "cut"
    cut.mkdir()
    (cut / "checkpoint.pt").write_bytes((finished_run / "checkpoint.pt").read_bytes())
    (cut / "summary.json").write_text((finished_run / "summary.json").read_text()[:50])
    weights_only = tmp_path / "w" / "checkpoints"
    weights_only.mkdir(parents=True)
    assert main(["export", str(finished_run), "--out", str(weights_only / "step-00000001.pt")]) == 0
    capsys.readouterr()
    cases = [
        (["train", "dcgan", "--batch-size", "1", "--out", str(tmp_path / "b1")], "batch_size must be 2 or more"),
        (["export", str(cut)], "summary.json is damaged"),
        (["train", "gan", "--resume", str(tmp_path / "w")], "holds a generator's weights only"),
        (["versions", str(project_root() / "README.md"), "--out", str(tmp_path / "v")], "not a notebook (.ipynb)"),
        (["sample", "gan", "--seed", str(2 ** 70), "--out", str(tmp_path / "s.png")], "2**63 - 1"),
        (["train", "gan", "--resume", str(finished_run), "--out", str(tmp_path / "elsewhere")], "names another"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        _one_line(capsys, message)
    assert not (tmp_path / "b1").exists() and not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize("labels,message", [
    (torch.full((64,), 10), "classes 0 to 9"), (torch.full((64,), -1), "classes 0 to 9"),
    (torch.full((64,), 0.5), "fractions"), (torch.zeros(64, 10), "one-hot"), (torch.zeros(63), "64 labels"),
])
def test_wrong_labels_are_refused_clearly(labels, message):
    images = torch.randint(0, 256, (64, 1, 28, 28), dtype=torch.uint8)
    G, D = build_nets("cgan")
    with pytest.raises((ValueError, TypeError), match=message):
        train(G, D, images, labels, TrainConfig(variant="cgan", batch_size=32, progress=False, smoke=True))


@pytest.mark.parametrize("labels", [torch.zeros(64), torch.zeros(64, dtype=torch.uint8), [0] * 64,
                                    np.zeros(64, dtype=np.int32)])
def test_unambiguous_labels_and_images_are_accepted(labels):
    images = torch.randint(0, 256, (64, 1, 28, 28), dtype=torch.uint8)
    G, D = build_nets("cgan")
    history = train(G, D, images.numpy(), labels, TrainConfig(variant="cgan", batch_size=32, progress=False, smoke=True))
    assert history.step


def test_a_dataset_or_a_dataloader_as_images_says_what_to_do():
    images = torch.randint(0, 256, (64, 1, 28, 28), dtype=torch.uint8)
    dataset = torch.utils.data.TensorDataset(images)
    for given in (dataset, torch.utils.data.DataLoader(dataset)):
        G, D = build_nets("gan")
        with pytest.raises(TypeError, match=r"torch.stack\(\[x for x, _ in dataset\]\)"):
            train(G, D, given, None, TrainConfig(batch_size=32, progress=False, smoke=True))


def test_a_check_given_none_says_not_answered(capsys):
    from ganlib.course import exercises
    for check in (exercises.check_discriminator_loss, exercises.check_generator_loss, exercises.check_train_step,
                  exercises.check_conditional_net, exercises.check_slerp, exercises.check_frechet_distance):
        assert not check(None)
        out = capsys.readouterr().out
        assert "not answered yet" in out and "Traceback" not in out


# ---- 7. messages that tell the truth --------------------------------------------------------------------------

def test_a_full_disk_before_any_checkpoint_does_not_promise_one(tmp_path, monkeypatch, capsys):
    _full_disk(monkeypatch)
    assert main(["train", "gan", "--out", str(tmp_path / "run"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "No checkpoint of this run could be written" in err and "are intact" not in err


def test_two_runs_in_the_same_second_get_two_folders(monkeypatch, tmp_path):
    monkeypatch.setattr(ganlib.course.runs, "runs_dir", lambda: tmp_path)
    monkeypatch.setattr(ganlib.course.runs.time, "strftime", lambda pattern: "20261202-120000")
    first, second = new_run_dir("gan"), new_run_dir("gan")
    assert first != second and first.is_dir() and second.is_dir()


def test_a_checkpoint_dir_that_is_a_file_is_named_as_such(tmp_path):
    (tmp_path / "file").write_text("x")
    G, D = build_nets("gan")
    with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
        train(G, D, torch.zeros(64, 1, 28, 28, dtype=torch.uint8), None,
              TrainConfig(batch_size=32, progress=False, smoke=True, checkpoint_dir=str(tmp_path / "file")))


def test_max_steps_is_on_the_command_line(tmp_path, capsys):
    assert main(["train", "gan", "--max-steps", "2", "--out", str(tmp_path / "run"), "--no-progress"]) == 0
    assert json.loads((tmp_path / "run" / "summary.json").read_text())["steps"] == 2


# ---- 8. tidy --------------------------------------------------------------------------------------------------

def test_smoke_folders_are_removed_when_the_process_ends(tmp_path):
    script = "from ganlib.places import runs_dir; print(runs_dir())"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "GANLIB_SMOKE": "1"}, check=True)
    folder = pathlib.Path(done.stdout.strip())
    assert folder.name == "runs" and not folder.parent.exists()


def _picture_run(folder, epochs, **overrides):
    """A small run (8 steps an epoch, 4 progress pictures an epoch) with a checkpoint every epoch."""
    images = torch.randint(0, 256, (256, 1, 28, 28), dtype=torch.uint8, generator=torch.Generator().manual_seed(0))
    settings = dict(variant="gan", epochs=epochs, batch_size=32, progress=False, smoke=False, health_checks=(),
                    checkpoint_dir=str(folder), checkpoint_every_epochs=1, snapshots_per_epoch=4)
    seed_everything(0)
    G, D = build_nets("gan")
    return train(G, D, images, None, TrainConfig(**{**settings, **overrides}),
                 resume=bool(periodic_checkpoints(folder)))


def test_checkpoints_do_not_carry_the_gif_history(tmp_path):
    """The pictures are saved once beside the checkpoints; a checkpoint stays the same size as the run grows."""
    history = _picture_run(tmp_path, epochs=3)
    assert len(history.snapshots) == 13  # the first picture, then 4 an epoch
    sizes = {}
    for path in sorted(tmp_path.glob("step-*.pt")):
        payload = read_checkpoint(path)
        assert payload["history"]["snapshots"] == [] and payload["training_state"]["snapshots"] in (9, 13)
        sizes[payload["training_state"]["snapshots"]] = path.stat().st_size
    assert abs(sizes[13] - sizes[9]) < 2_000, sizes  # the numbers grow a little, the pictures not at all
    saved = sorted((tmp_path / "snapshots").glob("*.pt"))
    assert [p.name for p in saved] == [f"{i:05d}.pt" for i in range(13)]
    for i, path in enumerate(saved):
        entry = torch.load(path, weights_only=True)
        assert entry["epoch"] == history.snapshot_epochs[i] and torch.equal(entry["images"], history.snapshots[i])


def test_the_final_checkpoint_holds_no_pictures(finished_run):
    assert read_checkpoint(finished_run / "checkpoint.pt")["history"]["snapshots"] == []
    assert (finished_run / "training.gif").stat().st_size > 0


def test_a_resumed_run_gets_its_pictures_back_and_a_lost_one_is_a_gap_not_a_crash(tmp_path, capsys):
    straight = _picture_run(tmp_path / "straight", epochs=2)
    _picture_run(tmp_path / "run", epochs=1)
    resumed = _picture_run(tmp_path / "run", epochs=2)
    assert resumed.snapshot_epochs == straight.snapshot_epochs
    assert all(torch.equal(a, b) for a, b in zip(resumed.snapshots, straight.snapshots))
    (tmp_path / "run" / "snapshots" / "00002.pt").write_bytes(b"damaged")
    (tmp_path / "run" / "snapshots" / "00003.pt").unlink()
    capsys.readouterr()
    again = _picture_run(tmp_path / "run", epochs=3)
    err = capsys.readouterr().err
    assert "2 of the 9 progress pictures" in err and "leaves them out" in err and "Traceback" not in err
    assert len(again.snapshots) == len(again.snapshot_epochs) == 7 + 4
    assert 0.5 not in again.snapshot_epochs and 0.75 not in again.snapshot_epochs
    # The gap does not shift the pictures after it: written again in order, they resume cleanly next time.
    last = _picture_run(tmp_path / "run", epochs=4)
    assert last.snapshot_epochs[:len(again.snapshot_epochs)] == again.snapshot_epochs


def test_a_checkpoint_of_the_older_format_resumes_with_the_pictures_it_holds(tmp_path):
    history = _picture_run(tmp_path, epochs=1)
    path = tmp_path / "step-00000008.pt"
    payload = read_checkpoint(path)
    payload["history"]["snapshots"], payload["history"]["snapshot_epochs"] = history.snapshots, history.snapshot_epochs
    del payload["training_state"]["snapshots"]
    torch.save(payload, path)
    (tmp_path / "snapshots").rename(tmp_path / "elsewhere")
    resumed = _picture_run(tmp_path, epochs=2)
    assert resumed.snapshot_epochs == [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0]

def test_an_absurd_image_size_is_refused_before_anything_is_decoded():
    from ganlib import load_dataset
    for size in (100_000, 0, 2.5):
        with pytest.raises(ValueError, match="image_size must be a whole number from 8 to 256"):
            load_dataset("mnist", image_size=size)


def test_messages_show_paths_relative_to_the_working_folder(tmp_path, monkeypatch):
    """A notebook's output must not carry the folders of the machine that ran it (/home/..., /content/...)."""
    from ganlib.places import shown
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert shown(tmp_path / "runs" / "01_vanilla_gan") == str(pathlib.Path("..") / "runs" / "01_vanilla_gan")
    for path in sorted((project_root() / "notebooks").glob("*.ipynb")):
        text = path.read_text()
        assert "No checkpoint in /" not in text and "Resuming from /" not in text, path.name


# ---- round three: faults a fresh tester found after round two's fixes -----------------------------------------

def _real_run(folder):
    """A run folder with a checkpoint of a real (not smoke) training run, two steps long."""
    images = torch.randint(0, 256, (64, 1, 28, 28), dtype=torch.uint8)
    G, D = build_nets("gan")
    train(G, D, images, None, TrainConfig(batch_size=32, progress=False, smoke=False, max_steps=2, health_checks=(),
                                          checkpoint_dir=str(folder / "checkpoints")))
    return folder


def test_smoke_mode_does_not_resume_a_real_run(tmp_path, capsys):
    run = _real_run(tmp_path / "run")
    before = {p.name: _digest(p) for p in (run / "checkpoints").glob("step-*.pt")}
    assert is_smoke()  # the test suite runs in smoke mode, as a student with GANLIB_SMOKE=1 left set would
    assert main(["train", "gan", "--resume", str(run), "--no-progress"]) == 2
    _one_line(capsys, "smoke mode is on", "Unset GANLIB_SMOKE")
    assert {p.name: _digest(p) for p in (run / "checkpoints").glob("step-*.pt")} == before


def test_a_finished_run_without_checkpoints_is_not_written_over(finished_run, tmp_path, capsys):
    run = tmp_path / "cleaned"
    run.mkdir()
    for name in ("checkpoint.pt", "summary.json", "training.gif"):
        (run / name).write_bytes((finished_run / name).read_bytes())
    before = _digest(run / "checkpoint.pt")
    assert main(["train", "gan", "--out", str(run), "--no-progress"]) == 2
    _one_line(capsys, "holds the results of an earlier run", "nothing was overwritten")
    assert _digest(run / "checkpoint.pt") == before


def test_a_damaged_newest_checkpoint_is_moved_aside_so_the_good_one_is_kept(tmp_path, capsys):
    _picture_run(tmp_path, epochs=2)
    newest = tmp_path / "step-00000016.pt"
    newest.write_bytes(b"damaged")
    _picture_run(tmp_path, epochs=3)  # resumes from step 8, then saves steps 16 and 24
    assert "moved aside to step-00000016.pt.damaged" in capsys.readouterr().err
    assert (tmp_path / "step-00000016.pt.damaged").read_bytes() == b"damaged"
    assert sorted(p.name for p in tmp_path.glob("step-*.pt")) == ["step-00000016.pt", "step-00000024.pt"]
    assert read_checkpoint(tmp_path / "step-00000016.pt")["training_state"]["step"] == 16


def test_resume_without_the_pictures_and_without_new_steps_ends_cleanly(tmp_path, capsys):
    _picture_run(tmp_path, epochs=1)
    import shutil
    shutil.rmtree(tmp_path / "snapshots")
    history = _picture_run(tmp_path, epochs=1)  # nothing left to train: the run ends where it was
    assert history.snapshot_epochs == [1.0] and "Traceback" not in capsys.readouterr().err


def test_an_interrupted_gif_run_writes_no_figure(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(ganlib.course.runs, "figures_dir", lambda: tmp_path)
    (tmp_path / "01_vanilla_gan.gif").write_bytes(b"the committed GIF")

    def interrupted(G, D, images, labels, config):
        return History(step=[1], snapshots=[torch.zeros(8, 1, 28, 28, dtype=torch.uint8)], snapshot_epochs=[0.0],
                       stop_reason="interrupted at step 1")
    monkeypatch.setattr(ganlib.course.runs, "train", interrupted)
    assert main(["gif", "gan"]) == 130
    assert "are unchanged" in capsys.readouterr().err
    assert (tmp_path / "01_vanilla_gan.gif").read_bytes() == b"the committed GIF"
    assert not (tmp_path / "01_vanilla_gan_samples.png").exists()


def test_a_run_folder_inside_the_data_folder_is_refused(tmp_path, capsys):
    from PIL import Image
    (tmp_path / "photos").mkdir()
    for i in range(70):
        Image.new("RGB", (28, 28), (i, 0, 0)).save(tmp_path / "photos" / f"{i}.png")
    assert main(["train", "gan", "--data", str(tmp_path / "photos"), "--image-size", "28", "--batch-size", "32",
                 "--out", str(tmp_path / "photos" / "run"), "--no-progress"]) == 2
    _one_line(capsys, "inside the data folder")
    assert not (tmp_path / "photos" / "run" / "summary.json").exists()


def test_sixteen_bit_and_zero_one_images_are_read_as_they_look(capsys):
    deep = torch.full((4, 1, 28, 28), 65535, dtype=torch.uint16)
    assert as_uint8_images(deep).max().item() == 255
    mask = torch.zeros(4, 1, 28, 28, dtype=torch.int64)
    mask[:, :, 10:] = 1
    assert as_uint8_images(mask).max().item() == 255  # 0/1 reads as black and white, not as near-black


@pytest.mark.parametrize("returns,message", [
    ("None", "returned nothing"), ("(loss_d, loss_g)", "returned a tuple"),
    ("{'loss_d': loss_d, 'loss_g': loss_g}", "has no 'd_real', 'd_fake'"),
])
def test_a_step_that_returns_the_wrong_thing_is_told_what_it_returned(returns, message):
    namespace = {"torch": torch}
    exec(f"def my_step(G, D, opt_g, opt_d, x, y=None):\n    loss_d = loss_g = torch.tensor(1.0)\n    return {returns}\n",
         namespace)
    G, D = build_nets("gan")
    with pytest.raises(TypeError, match=message):
        train(G, D, torch.zeros(64, 1, 28, 28, dtype=torch.uint8), None,
              TrainConfig(batch_size=32, progress=False, smoke=True), step=namespace["my_step"])


def test_a_step_that_returns_floats_and_extra_keys_trains():
    def my_step(G, D, opt_g, opt_d, x, y=None):
        return {"loss_d": 1.0, "loss_g": 0.5, "d_real": 0.5, "d_fake": 0.5, "batch_size": len(x)}
    G, D = build_nets("gan")
    history = train(G, D, torch.zeros(64, 1, 28, 28, dtype=torch.uint8), None,
                    TrainConfig(batch_size=32, progress=False, smoke=True), step=my_step)
    assert history.loss_d[-1] == 1.0


def test_generate_refuses_labels_out_of_range_in_one_line():
    from ganlib import generate, noise
    G, _ = build_nets("cgan")
    for labels in (torch.full((4,), 10), torch.full((4,), 2.5), torch.full((4,), -1)):
        with pytest.raises(ValueError, match="whole class numbers 0 to 9"):
            generate(G, noise(4, G.latent_dim), labels)
    assert generate(G, noise(4, G.latent_dim), torch.full((4,), 3.0)).shape == (4, 1, 28, 28)


def test_absurd_widths_and_bad_notebooks_end_in_one_line(tmp_path, capsys):
    not_json = tmp_path / "broken.ipynb"
    not_json.write_text("this is not JSON")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "01.ipynb").write_text((project_root() / "notebooks" / "00_gan_you_can_watch.ipynb").read_text())
    cases = [(["train", "dcgan", "--width", "100000"], "from 1 to 512"),
             (["train", "dcgan", "--hidden", "1000000000"], "from 0 to 8,192"),
             (["versions", str(not_json), "--out", str(tmp_path / "v")], "is not a readable notebook"),
             (["versions", str(tmp_path / "a" / "01.ipynb"), str(tmp_path / "b" / "01.ipynb"), "--out",
               str(tmp_path / "v")], "two notebooks named 01.ipynb")]
    for argv, message in cases:
        assert main(argv) == 2, argv
        _one_line(capsys, message)


def test_a_student_version_survives_quotes_in_a_hint_and_a_lost_tag():
    import nbformat
    from ganlib.course.versions import versions
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('def f():\n    # Hint: return "the answer", as a string\n    ### BEGIN SOLUTION\n'
                                  '    return "forty-two"\n    ### END SOLUTION',
                                  metadata={"nbgrader": {"solution": True, "grade": False, "grade_id": "f"}}),
        nbformat.v4.new_code_cell('def g():\n    ### BEGIN SOLUTION\n    return 7\n    ### END SOLUTION')])  # lost marks
    path = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"versions-{os.getpid()}.ipynb"
    nbformat.write(nb, str(path))
    try:
        student = versions(path)["student"]
    finally:
        path.unlink()
    for cell in student.cells:
        compile(cell.source, "cell", "exec")  # no SyntaxError from the quotes
        assert "forty-two" not in cell.source and "return 7" not in cell.source  # the solutions are gone from both


def test_small_faults_of_round_three_are_said_or_handled(finished_run, tmp_path, capsys):
    """--minutes inf, an empty --out, export --out into a new folder, NumPy numbers and Paths in the config, and
    the smoke folders of a killed process."""
    assert main(["train", "gan", "--minutes", "inf"]) == 2
    _one_line(capsys, "a positive number")
    assert main(["train", "gan", "--out", ""]) == 2
    _one_line(capsys, "argument --out: is empty")
    assert main(["export", str(finished_run), "--out", str(tmp_path / "weights") + "/"]) == 0
    assert (tmp_path / "weights" / "gan.pt").is_file()
    seed_everything(2 ** 40)  # --help promises seeds up to 2**63 - 1; NumPy's are 32-bit
    config = TrainConfig(epochs=np.int64(2), data=pathlib.Path("mnist"))
    assert config.epochs == 2 and type(config.epochs) is int and config.data == "mnist"
    import tempfile
    orphan = pathlib.Path(tempfile.gettempdir()) / "ganlib-smoke-999999999"
    orphan.mkdir(exist_ok=True)
    script = "from ganlib.places import runs_dir; runs_dir()"
    subprocess.run([sys.executable, "-c", script], env={**os.environ, "GANLIB_SMOKE": "1"}, check=True)
    assert not orphan.exists()


def test_a_run_folder_loads_and_an_array_file_is_named(finished_run, tmp_path):
    from ganlib import load_checkpoint
    G, D, payload = load_checkpoint(finished_run)
    assert payload["variant"] == "gan"
    np.save(tmp_path / "x.npy", np.zeros((4, 28, 28), dtype=np.uint8))
    with pytest.raises(ganlib.checkpoints.CheckpointError, match="a .npy file, not a checkpoint"):
        load_checkpoint(tmp_path / "x.npy")
    with pytest.raises(ganlib.checkpoints.CheckpointError, match="a folder without a checkpoint.pt"):
        load_checkpoint(tmp_path)


def test_a_resume_on_other_data_is_refused(tmp_path):
    """Notebook 07 once resumed a 480-face run's checkpoint on 8,000 faces, and went on without a word."""
    _picture_run(tmp_path, epochs=1)
    G, D = build_nets("gan")
    fewer = torch.randint(0, 256, (128, 1, 28, 28), dtype=torch.uint8)
    with pytest.raises(ganlib.checkpoints.CheckpointError, match="trained on 256 images, this run has 128"):
        train(G, D, fewer, None, TrainConfig(batch_size=32, progress=False, smoke=False, epochs=2, health_checks=(),
                                             checkpoint_dir=str(tmp_path)), resume=True)
