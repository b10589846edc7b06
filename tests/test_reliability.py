"""Nothing lost, nothing silently wrong: each test here is a defect a hostile but fair user found.

Lost work (shipped weights overwritten, two runs in one folder, a full disk, SIGTERM, SIGKILL's leftovers,
resume across processes), silently wrong numbers (images in [0, 1]), and tracebacks or unclear messages
where one line should say what was wrong and what to do.
"""
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch

import ganlib.files
import ganlib.loop
from ganlib import TrainConfig, build_nets, evaluate_images, load_dataset, load_mnist, pretrained, seed_everything, train
from ganlib.__main__ import main
from ganlib.checkpoints import periodic_checkpoints, read_checkpoint, save_checkpoint
from ganlib.files import atomic_save
from ganlib.pixels import as_uint8_images
from ganlib.evaluation.health import HealthMonitor
from ganlib.course.runs import LOCK
from ganlib.places import WEIGHTS_DIR
from ganlib.loop import stop_requests


def _one_line(capsys, *expected):
    err = capsys.readouterr().err
    assert all(text in err for text in expected), err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.fixture
def finished_run(tmp_path, monkeypatch):
    """A finished (smoke) `python -m ganlib train gan` run folder."""
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    run = tmp_path / "run"
    assert main(["train", "gan", "--out", str(run), "--no-progress"]) == 0
    return run


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- lost work ----------------------------------------------------------------------------------------------

def test_export_never_replaces_the_shipped_weights_by_default(finished_run, tmp_path, capsys):
    shipped = WEIGHTS_DIR / "gan.pt"
    before = _digest(shipped)
    assert main(["export", str(finished_run)]) == 0  # into the run folder, not ganlib/weights/
    assert (finished_run / "gan.pt").is_file() and _digest(shipped) == before
    capsys.readouterr()
    assert main(["export", str(finished_run)]) == 2  # writing over a file needs --force
    _one_line(capsys, "already exists", "--force")
    assert main(["export", str(finished_run), "--out", str(shipped)]) == 2
    _one_line(capsys, "a shipped generator", "--force")
    assert _digest(shipped) == before
    assert main(["export", str(finished_run), "--force"]) == 0
    folder = tmp_path / "exports"
    folder.mkdir()
    assert main(["export", str(finished_run), "--out", str(folder)]) == 0  # a folder: the file goes inside
    assert read_checkpoint(folder / "gan.pt")["variant"] == "gan"


def test_a_run_owns_its_folder_from_start_to_end(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    out = tmp_path / "run"
    out.mkdir()
    (out / LOCK).write_text(str(os.getpid()))  # a run that is still going (this process is alive)
    assert main(["train", "gan", "--out", str(out), "--no-progress"]) == 2
    _one_line(capsys, "in use by another training run", f"process {os.getpid()}")
    assert not (out / "checkpoint.pt").exists()
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / LOCK).write_text(finished.stdout.strip())  # a run that was killed: its lock is stale
    assert main(["train", "gan", "--out", str(out), "--no-progress"]) == 0
    assert (out / "checkpoint.pt").is_file() and not (out / LOCK).exists()


def test_images_in_zero_to_one_are_read_as_such(tmp_path):
    """ToTensor() gives floats in [0, 1]: they were read as [-1, 1] (Frechet 827 for real digits)."""
    images, labels = load_mnist(train=False, smoke=False)
    images, labels = images[:2000], labels[:2000]
    as_bytes = evaluate_images(images, labels)
    as_floats = evaluate_images(images.float() / 255, labels)
    assert as_floats["frechet_distance"] == pytest.approx(as_bytes["frechet_distance"], rel=1e-9)
    assert torch.equal(as_uint8_images(images.float() / 255), images)
    assert torch.equal(as_uint8_images(images.float() / 127.5 - 1), images)
    with pytest.raises(ValueError, match=r"must lie in \[-1, 1\].*or \[0, 1\]"):
        as_uint8_images(images.float())  # 0..255 as floats: ambiguous, refused with the ranges
    runs = []
    for form in (images[:256], images[:256].float() / 255):  # train() learns the same from either form
        seed_everything(0)
        G, D = build_nets("gan")
        train(G, D, form, None, TrainConfig(epochs=1, batch_size=64, progress=False, smoke=False, health_checks=()))
        runs.append([p.detach().clone() for p in G.parameters()])
    assert all(torch.equal(a, b) for a, b in zip(*runs))


def _tiny_run(folder, resume=False, **overrides):
    g = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (256, 1, 28, 28), dtype=torch.uint8, generator=g)
    settings = dict(epochs=3, batch_size=32, log_every=1, progress=False, smoke=False, checkpoint_dir=str(folder),
                    checkpoint_every_epochs=1, health_checks=())
    seed_everything(0)
    G, D = build_nets("gan")
    return train(G, D, images, None, TrainConfig(**{**settings, **overrides}), resume=resume)


@pytest.mark.parametrize("how", ["free space checked", "write fails"])
def test_a_full_disk_keeps_the_last_checkpoint_and_training_going(tmp_path, monkeypatch, capsys, how):
    real_usage, real_save = shutil.disk_usage, torch.save

    def full():  # the disk fills once the first checkpoint (and the pictures before it) are written
        return bool(periodic_checkpoints(tmp_path))

    def nearly_full(path):
        return real_usage(path)._replace(free=0) if full() else real_usage(path)

    def save_then_fail(payload, file):
        if full():
            file.write(b"x" * 1000)  # a partial write, then the C++ error torch.save gives on a full disk
            raise RuntimeError("[enforce fail at inline_container.cc:603] . unexpected pos 1000 vs 64")
        real_save(payload, file)

    if how == "free space checked":
        monkeypatch.setattr(ganlib.files.shutil, "disk_usage", nearly_full)
    else:
        monkeypatch.setattr(torch, "save", save_then_fail)
    history = _tiny_run(tmp_path)
    assert history.step[-1] == 24 and history.stop_reason == "finished 3 epochs"  # trained to the end in memory
    err = capsys.readouterr().err
    assert "disk full" in err and "step-00000008.pt) is intact" in err and "Traceback" not in err
    assert ".tmp" not in err  # the user's file is named, never the temporary one
    assert [p.name for p in periodic_checkpoints(tmp_path)] == ["step-00000008.pt"]
    assert list(tmp_path.glob(".*.tmp")) == []
    monkeypatch.undo()
    assert read_checkpoint(tmp_path / "step-00000008.pt")["training_state"]["step"] == 8


def test_a_read_only_cache_folder_only_costs_the_cache(tmp_path, monkeypatch, capsys):
    from PIL import Image

    import ganlib.folders

    for i in range(3):
        Image.new("RGB", (40, 40), (i * 60, 90, 200)).save(tmp_path / f"{i}.png")

    def read_only(payload, path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(ganlib.folders, "atomic_save", read_only)
    images, labels, _ = ganlib.folders.load_image_folder(tmp_path, 16, cache_dir=tmp_path / "cache")
    assert images.shape == (3, 3, 16, 16) and labels is None
    err = capsys.readouterr().err
    assert "could not write the image cache" in err and "going on without it" in err and err.count("\n") == 1


RESUME_SCRIPT = textwrap.dedent("""
    import sys, torch
    from ganlib import TrainConfig, build_nets, load_mnist, seed_everything, train
    folder, steps, resume = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "resume"
    images = load_mnist(train=False, smoke=False)[0][:512]
    seed_everything(0)
    G, D = build_nets("gan")
    config = TrainConfig(epochs=3, batch_size=64, log_every=1, progress=False, smoke=False, checkpoint_dir=folder,
                         checkpoint_every_epochs=1, max_steps=steps, snapshots_per_epoch=1)
    train(G, D, images, None, config, resume=resume)
    torch.save([t for net in (G, D) for t in net.state_dict().values()], folder + "/weights.pt")
""")


def test_resume_in_a_fresh_process_is_bit_identical(tmp_path):
    """The health check's referee was built from the global random stream, once per process: a resumed run
    in a new process drew other noise than the run it continued."""
    def start(name, steps, resume=False):
        return subprocess.Popen([sys.executable, "-c", RESUME_SCRIPT, str(tmp_path / name), str(steps),
                                 "resume" if resume else "new"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def weights(name, *runs):
        for run in runs:  # the two first runs side by side: independent processes, each its own seed and folder
            _, err = run.communicate()
            assert run.returncode == 0, err.decode()[-2000:]
        return torch.load(tmp_path / name / "weights.pt", weights_only=True)

    straight = weights("straight", start("straight", 24), start("halves", 13))  # halves: stopped after epoch 1's judging
    resumed = weights("halves", start("halves", 24, resume=True))
    assert all(torch.equal(a, b) for a, b in zip(straight, resumed))


def test_sigterm_saves_like_ctrl_c(tmp_path, monkeypatch):
    real_step, calls = ganlib.loop.train_step, []

    def step_then_sigterm(*args):
        calls.append(1)
        if len(calls) == 6:
            os.kill(os.getpid(), signal.SIGTERM)  # what Colab, a scheduler or `kill` send
        return real_step(*args)

    monkeypatch.setattr(ganlib.loop, "train_step", step_then_sigterm)
    before = signal.getsignal(signal.SIGTERM)
    history = _tiny_run(tmp_path)
    assert history.stop_reason == "interrupted at step 6"
    assert periodic_checkpoints(tmp_path)[0].name == "step-00000006.pt"
    assert signal.getsignal(signal.SIGTERM) == before  # handed back after training


def test_a_killed_writes_leftover_is_removed_and_a_second_ctrl_c_says_where_the_checkpoint_is(tmp_path, capsys):
    _tiny_run(tmp_path, epochs=1)
    leftover = tmp_path / ".step-00000016.pt.k1ll3d.tmp"  # what SIGKILL during a checkpoint write leaves
    leftover.write_bytes(b"\0" * 100_000)
    _tiny_run(tmp_path, resume=True, epochs=2, max_steps=9)  # the next run in that folder clears it
    assert not leftover.exists()
    with pytest.raises(KeyboardInterrupt):
        with stop_requests(lambda: tmp_path / "step-00000008.pt") as requested:
            os.kill(os.getpid(), signal.SIGINT)
            assert requested
            os.kill(os.getpid(), signal.SIGINT)
    assert f"the last checkpoint is {tmp_path / 'step-00000008.pt'}" in capsys.readouterr().out


# ---- one line instead of a traceback ------------------------------------------------------------------------

@pytest.mark.parametrize("device,message", [("tpu", "unknown device 'tpu'"),
                                            ("cuda", "'cuda' is not available on this machine")])
def test_bad_devices_get_one_line_and_no_folder(tmp_path, monkeypatch, capsys, device, message):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    out = tmp_path / "run"
    assert main(["train", "gan", "--device", device, "--out", str(out)]) == 2
    _one_line(capsys, message)
    assert not out.exists()


@pytest.mark.parametrize("argv,message", [
    (["sample", "gan", "--n", "1000000000", "--out", "x.png"], "up to 100,000"),
    (["evaluate", "gan", "--n", "1000000000"], "up to 100,000"),
    (["train", "gan", "--data", ""], "argument --data: is empty"),
    (["bench", "data", "--device", "cpu"], "--device applies to bench variants and bench sizes"),
])
def test_huge_counts_and_empty_names_get_one_line(capsys, argv, message):
    assert main(argv) == 2
    _one_line(capsys, message)


def test_forged_and_damaged_files_get_one_line(tmp_path, capsys):
    forged = tmp_path / "forged.pt"
    atomic_save({"format": "ganlib-checkpoint", "format_version": 1, "variant": "gan",
                 "generator": {"class": "MLPGenerator", "settings": {"nonsense": 1}, "state": {}}}, forged)
    assert main(["sample", "--from", str(forged), "--out", str(tmp_path / "x.png")]) == 2
    _one_line(capsys, "network entry is damaged")
    np.savez(tmp_path / "s.npz", images=np.zeros((4, 28, 28), np.uint8), labels=np.array(["a", "b", "c", "d"]))
    assert main(["evaluate", str(tmp_path / "s.npz")]) == 2
    _one_line(capsys, "labels must be whole numbers")
    (tmp_path / "text.npz").write_text("hello")
    assert main(["evaluate", str(tmp_path / "text.npz")]) == 2
    _one_line(capsys, "is not a .npz archive")


def test_python_calls_with_nothing_say_what_they_take():
    with pytest.raises(TypeError, match="takes the name of a shipped generator"):
        pretrained(None)
    with pytest.raises(ValueError, match="takes a data set name"):
        load_dataset(None)
    for bad, message in [({"image_size": -1}, "image_size"), ({"variant": "wgan"}, "unknown variant 'wgan'"),
                         ({"seed": -1}, "seed must be a whole number"), ({"betas": (0.5, 1.0)}, "betas"),
                         ({"max_steps": 0}, "max_steps"), ({"data": ""}, "must name a data set")]:
        with pytest.raises(ValueError, match=message):
            TrainConfig(**bad)


# ---- clear messages -----------------------------------------------------------------------------------------

def test_a_truncated_mnist_file_is_called_damaged_not_missing(tmp_path):
    from ganlib.data import MNIST_FILES, MissingDataError
    from ganlib.places import data_dir

    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in MNIST_FILES:
        shutil.copy(data_dir() / "MNIST" / "raw" / name, raw / name)
    (raw / "t10k-images-idx3-ubyte").write_bytes((raw / "t10k-images-idx3-ubyte").read_bytes()[:5000])
    with pytest.raises(MissingDataError, match="are there but damaged"):
        load_mnist(train=False, root=tmp_path, download=False)


def test_too_few_images_are_refused_or_warned_about(capsys):
    images = load_mnist(train=False, smoke=False)[0]
    with pytest.raises(ValueError, match="1 image cannot be judged"):
        evaluate_images(images[:1])
    with pytest.raises(ValueError, match="no images"):
        evaluate_images(images[:0])
    evaluate_images(images[:2])
    assert "only 2 images: the Frechet distance is biased upwards" in capsys.readouterr().err
    assert main(["evaluate", "gan", "--n", "1"]) == 2
    err = _one_line(capsys, "cannot be judged")
    assert "--inception" not in err


def test_sample_accepts_a_run_folder_as_evaluate_does(finished_run, tmp_path, capsys):
    assert main(["sample", "--from", str(finished_run), "--n", "8", "--out", str(tmp_path / "x.png")]) == 0
    assert (tmp_path / "x.png").is_file()


def test_a_folder_of_small_faces_is_not_judged_by_the_cifar10_referee():
    assert HealthMonitor(image_shape=(3, 32, 32), data="/home/me/faces").referee is None
    assert HealthMonitor(image_shape=(3, 32, 32), data="cifar10").referee == "cifar10"
    assert HealthMonitor(image_shape=(1, 28, 28), data="mnist").referee == "mnist"


def test_checkpoint_errors_name_the_file_not_the_temporary_one(tmp_path):
    G, D = build_nets("gan")
    target = tmp_path / "checkpoint.pt"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError) as caught:
        save_checkpoint(target, G, D)
    assert str(target) in str(caught.value) and ".tmp" not in str(caught.value)
    assert list(tmp_path.glob(".*.tmp")) == []


def test_celebas_download_has_what_torchvision_needs_for_it():
    """torchvision fetches CelebA from Google Drive through gdown: without it the download could never work."""
    import importlib.util
    from pathlib import Path

    requirements = (Path(__file__).resolve().parent.parent / "requirements.txt").read_text()
    assert any(line.startswith("gdown") for line in requirements.splitlines())
    assert importlib.util.find_spec("gdown") is not None
