"""``python -m ganlib``: bad input gets one clear line and exit code 2; a (smoke) run writes everything."""
import subprocess
import sys

import numpy as np
import pytest

from ganlib.__main__ import main


@pytest.mark.parametrize("argv,message", [
    (["train", "wgan"], "unknown variant 'wgan': choose one of gan, cgan, dcgan, cdcgan"),
    (["train", "gan", "--epochs", "-3"], "--epochs: must be a positive whole number, got -3"),
    (["train", "gan", "--batch-size", "0"], "--batch-size: must be a positive whole number, got 0"),
    (["train", "gan", "--minutes", "-1"], "--minutes: must be a positive number, got -1"),
    (["train", "gan", "--seed", "x"], "--seed: expected a whole number from 0 to 2**63 - 1"),
    (["train", "dcgan", "--ema", "1"], "--ema: must be a number from 0 up to 1 (not 1 itself), e.g. 0.999, got 1"),
    (["train", "dcgan", "--hidden", "-1"], "--hidden: must be a whole number from 0 to 8,192"),
    (["fly"], "invalid choice: 'fly'"),
])
def test_bad_input_gets_one_line_and_exit_code_2(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_unwritable_output_folder(capsys, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["train", "gan", "--out", str(blocker / "run"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert ", the output folder (" in err and "cannot write to" in err and "--out" in err and err.count("\n") == 1


def test_train_writes_checkpoint_pictures_and_gif(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GANLIB_SMOKE", "1")  # three steps
    assert main(["train", "cgan", "--out", str(tmp_path), "--no-progress"]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert {"checkpoint.pt", "samples.png", "losses.png", "d_outputs.png", "training.gif", "summary.json"} <= names
    assert str(tmp_path) in capsys.readouterr().out


def test_train_ema_flag_reaches_the_recorded_settings(tmp_path, monkeypatch):
    import json

    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["train", "gan", "--ema", "0.9", "--out", str(tmp_path), "--no-progress"]) == 0
    assert json.loads((tmp_path / "summary.json").read_text())["config"]["ema_decay"] == 0.9


def test_train_hidden_flag_builds_and_records_the_hidden_layers(tmp_path, monkeypatch, capsys):
    import json

    from ganlib.checkpoints import load_checkpoint

    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["train", "dcgan", "--hidden", "16", "--out", str(tmp_path), "--no-progress"]) == 0
    assert json.loads((tmp_path / "summary.json").read_text())["config"]["hidden"] == 16
    G, D, _ = load_checkpoint(tmp_path / "checkpoint.pt")
    assert G.project[0].out_features == 16 and D.out.in_features == 16
    assert main(["train", "gan", "--hidden", "16", "--out", str(tmp_path / "gan"), "--no-progress"]) == 2
    assert "hidden=16 is for the conv nets (dcgan, cdcgan)" in capsys.readouterr().err


def test_module_entry_point_runs_without_traceback():
    result = subprocess.run([sys.executable, "-m", "ganlib", "train", "nope"], capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.startswith("ganlib: error:") and "Traceback" not in result.stderr
    assert "--minutes" in subprocess.run([sys.executable, "-m", "ganlib", "train", "--help"],
                                         capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory):
    """A saved cgan and gan, as `python -m ganlib train` writes them (untrained weights are enough)."""
    from ganlib import TrainConfig, build_nets, save_checkpoint

    folder = tmp_path_factory.mktemp("ckpt")
    return {v: save_checkpoint(folder / f"{v}.pt", *build_nets(v), config=TrainConfig(variant=v)) for v in ("gan", "cgan")}


def test_sample_writes_a_png_grid_and_npz_arrays(tmp_path, checkpoints, capsys):
    import imageio.v3 as iio
    import numpy as np

    assert main(["sample", "--from", str(checkpoints["cgan"]), "--n", "20", "--out", str(tmp_path / "s.npz")]) == 0
    arrays = np.load(tmp_path / "s.npz")
    assert arrays["images"].shape == (20, 28, 28) and arrays["images"].dtype == np.uint8
    assert arrays["labels"].dtype == np.int64 and arrays["labels"].tolist() == [i % 10 for i in range(20)]
    assert main(["sample", "--from", str(checkpoints["cgan"]), "--n", "5", "--digit", "7", "--seed", "3",
                 "--out", str(tmp_path / "a.npz")]) == 0
    assert main(["sample", "--from", str(checkpoints["cgan"]), "--n", "5", "--digit", "7", "--seed", "3",
                 "--out", str(tmp_path / "b.npz")]) == 0
    a, b = np.load(tmp_path / "a.npz"), np.load(tmp_path / "b.npz")
    assert (a["labels"] == 7).all() and np.array_equal(a["images"], b["images"])  # same seed, same images
    assert main(["sample", "--from", str(checkpoints["gan"]), "--n", "16", "--out", str(tmp_path / "g.png")]) == 0
    assert iio.imread(tmp_path / "g.png").shape == (2 * 30 + 2, 8 * 30 + 2)


@pytest.mark.parametrize("extra,message", [
    (["--digit", "3"], "unconditional: it cannot be asked for a digit"),
    (["--n", "0"], "--n: must be a positive whole number up to 100,000 (for more, run again with another --seed), got 0"),
    (["--digit", "-1"], "--digit/--label: must be a class number, 0 or more"),
])
def test_sample_rejects_bad_requests(tmp_path, checkpoints, capsys, extra, message):
    assert main(["sample", "--from", str(checkpoints["gan"]), "--out", str(tmp_path / "x.png"), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_sample_rejects_bad_files(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hello")
    assert main(["sample", "--from", str(tmp_path / "notes.txt"), "--out", str(tmp_path / "x.png")]) == 2
    assert "a .txt file, not a checkpoint" in capsys.readouterr().err
    assert main(["sample", "--from", str(tmp_path / "notes.txt"), "--out", str(tmp_path / "x.jpg")]) == 2
    assert "--out must end in .png" in capsys.readouterr().err


def test_evaluate_a_checkpoint_a_run_folder_and_an_npz(tmp_path, checkpoints, capsys, monkeypatch):
    import json

    import numpy as np

    assert main(["evaluate", str(checkpoints["cgan"]), "--n", "500", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["result"]["n"] == 500 and report["result"]["conditional_accuracy"] is not None
    assert "real training images" in report["reference"]

    monkeypatch.setenv("GANLIB_SMOKE", "1")  # a tiny real run, then evaluate its output folder
    assert main(["train", "gan", "--no-progress", "--out", str(tmp_path / "run")]) == 0
    assert "Frechet distance" in capsys.readouterr().out  # train ends with the referee's numbers
    assert main(["evaluate", str(tmp_path / "run"), "--n", "300"]) == 0
    assert "uniform noise" in capsys.readouterr().out

    images = np.zeros((50, 28, 28), np.uint8)
    np.savez(tmp_path / "s.npz", images=images, labels=np.arange(50) % 10)
    assert main(["evaluate", str(tmp_path / "s.npz")]) == 0
    assert "conditional accuracy" in capsys.readouterr().out


@pytest.mark.parametrize("setup,message", [
    (lambda p: np.savez(p / "t.npz", images=np.zeros((4, 32, 32), np.uint8)), "no referee judges images of shape 1 x 32 x 32"),
    (lambda p: np.savez(p / "t.npz", images=np.full((4, 28, 28), 9.0)), "must lie in [-1, 1]"),
    (lambda p: np.savez(p / "t.npz", images=np.full((4, 28, 28), np.nan)), "NaN"),
    (lambda p: np.savez(p / "t.npz", images=np.zeros((4, 28, 28), np.uint8), labels=np.array([0, 1, 2, 11])),
     "from 0 to 9"),
    (lambda p: np.savez(p / "t.npz", pictures=np.zeros((4, 28, 28), np.uint8)), "no 'images' array"),
    (lambda p: (p / "t.npz").write_text("not numpy"), "is not a .npz archive"),
    (lambda p: (p / "t.pt").write_text("not torch"), "not a readable PyTorch checkpoint"),
])
def test_evaluate_rejects_bad_targets(tmp_path, capsys, setup, message):
    setup(tmp_path)
    target = next(tmp_path.iterdir())
    assert main(["evaluate", str(target)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_evaluate_rejects_unknown_targets(capsys):
    assert main(["evaluate", "no-such-thing"]) == 2
    assert "not a checkpoint file, a run folder, a samples .npz or a shipped generator" in capsys.readouterr().err


def test_bench_variants_prints_the_referee_table(tmp_path, capsys):
    import json

    assert main(["bench", "variants", "--minutes", "0.01", "--variant", "cgan", "--json", str(tmp_path / "b.json")]) == 0
    out = capsys.readouterr().out
    assert "| variant | images/s | steps | epochs | minutes | Frechet distance | conditional accuracy |" in out
    assert "| cgan |" in out and "| real training images (floor) |" in out  # a Markdown table, ready to paste
    row = json.loads((tmp_path / "b.json").read_text())[0]
    assert row["name"] == "cgan" and row["images_per_second"] > 0 and 0 <= row["conditional_accuracy"] <= 1
