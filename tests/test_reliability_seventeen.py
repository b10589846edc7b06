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
