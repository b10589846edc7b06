"""Tester round 17a: the commands. sample keeps a run's own results, a name starting with '-' is said to be read as an
option, versions checks every place before writing, guard in smoke mode compares nothing with the release, and the
report checks its data before the first run, keeps the checkout's results in smoke mode and says nothing of the
temporary checkpoints its curves resume from."""
from pathlib import Path

import pytest
import torch

from ganlib.course import report
from ganlib.course.cli import main
from ganlib.course.experiments import quality_over_time
from ganlib.course.guard import run_guard
from ganlib.data import MissingDataError
from ganlib.nets import MLPDiscriminator, MLPGenerator

ROOT = Path(__file__).resolve().parents[1]


def test_sample_keeps_a_runs_own_grid(tmp_path, capsys):
    run = tmp_path / "run"
    run.mkdir()
    (run / "checkpoint.pt").write_bytes(b"not read: refused before")
    (run / "samples.png").write_bytes(b"the run's grid")
    assert main(["sample", "--from", str(run), "--out", str(run / "samples.png")]) == 2
    err = capsys.readouterr().err
    assert "one of the run's own results" in err and "samples-seed0.png" in err
    assert (run / "samples.png").read_bytes() == b"the run's grid"


@pytest.mark.parametrize("words", [["evaluate", "-run"], ["export", "-run"], ["sample", "--from", "-run", "--out", "x.png"]])
def test_a_name_starting_with_a_dash_is_said_to_be_read_as_an_option(tmp_path, monkeypatch, capsys, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-run").mkdir()
    assert main(words) == 2
    assert "-run starts with '-', so it is read as an option, not as your folder: write it ./-run" in capsys.readouterr().err


def test_versions_writes_nothing_when_a_file_is_in_the_way(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "teacher").write_text("a file, not a folder")
    assert main(["versions", "--out", str(tmp_path / "out"), str(ROOT / "notebooks" / "01_vanilla_gan.ipynb")]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "nothing was written" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["teacher"]


def test_guard_in_smoke_mode_compares_nothing_with_the_release(monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    run_guard(steps=20, minutes=0.02, seeds=1, baseline_path=ROOT / "report" / "guard_baseline.json",
              variants=["gan"], samples=100)
    out = capsys.readouterr().out
    assert "worse" not in out and "not compared with" in out and "unset GANLIB_SMOKE" in out


def test_the_report_finds_missing_data_before_the_first_run(monkeypatch):
    def missing(name, *args, **kwargs):
        if name == "cifar10":
            raise MissingDataError("CIFAR-10 is not here")
    monkeypatch.setattr(report, "load_dataset", missing)
    monkeypatch.setattr(report, "_mnist_studies", lambda *a: pytest.fail("trained before the data was checked"))
    with pytest.raises(MissingDataError):
        report.run_report(steps=3, studies=("mnist", "equal-minutes", "colour"))


def test_the_report_in_smoke_mode_keeps_the_checkouts_results(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    (tmp_path / "figures").mkdir()  # a fresh smoke folder (this process's may hold another test's results.json)
    monkeypatch.setattr(report, "figures_dir", lambda: tmp_path / "figures")
    assert main(["report", "--tables-only"]) == 0
    assert "Wrote the tables of" in capsys.readouterr().out


def test_a_curve_does_not_announce_its_temporary_checkpoints(capsys):
    torch.manual_seed(0)
    G = MLPGenerator(latent_dim=8, image_shape=(1, 4, 4), hidden=(16,))
    D = MLPDiscriminator(image_shape=(1, 4, 4), hidden=(16,))
    images = torch.randint(0, 256, (64, 1, 4, 4), dtype=torch.uint8)
    rows, _ = quality_over_time(G, D, images, None, points=3, steps=6, judge=lambda G: {}, batch_size=16,
                                latent_dim=8, variant="gan")
    assert len(rows) == 3 and "Resuming from" not in capsys.readouterr().out


def test_a_run_on_a_folder_reads_the_same_folder_from_any_working_folder(tmp_path, monkeypatch, capsys):
    """Tester round 18a: --data was kept as typed, so a run resumed from another working folder read another folder of
    that name, or blamed a --data the user never gave."""
    import json
    import numpy as np
    from PIL import Image
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    for place in ("work", "elsewhere"):
        (tmp_path / place / "photos").mkdir(parents=True)
        for i in range(8):
            Image.fromarray(np.full((8, 8, 3), 30 * i, np.uint8)).save(tmp_path / place / "photos" / f"{i}.png")
    monkeypatch.chdir(tmp_path / "work")
    assert main(["train", "dcgan", "--data", "photos", "--image-size", "32", "--batch-size", "4", "--max-steps", "1",
                 "--out", "run", "--no-progress"]) == 0
    (tmp_path / "work" / "run" / "summary.json").unlink()  # as a lost session leaves it
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert main(["train", "dcgan", "--resume", "../work/run", "--max-steps", "2", "--no-progress"]) == 0
    assert "Training dcgan on ../work/photos" in capsys.readouterr().out
    config = json.loads((tmp_path / "work" / "run" / "summary.json").read_text())["config"]
    assert config["data"] == str(tmp_path / "work" / "photos")
    (tmp_path / "work" / "photos").rename(tmp_path / "work" / "moved")
    assert main(["train", "dcgan", "--resume", "../work/run", "--max-steps", "3", "--no-progress"]) == 2
    assert "was trained on the folder" in capsys.readouterr().err


def test_a_run_folder_given_as_data_is_refused(tmp_path, capsys):
    """Tester round 18a (noted): a run folder as --data trained on the run's own pictures."""
    (tmp_path / "run" / "checkpoints").mkdir(parents=True)
    (tmp_path / "run" / "samples.png").write_bytes(b"png")
    (tmp_path / "run" / "checkpoints" / "step-00000003.pt").write_bytes(b"a periodic checkpoint")
    assert main(["train", "dcgan", "--data", str(tmp_path / "run"), "--out", str(tmp_path / "new")]) == 2
    assert "is a training run's folder" in capsys.readouterr().err and not (tmp_path / "new").exists()
