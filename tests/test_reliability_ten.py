"""Nothing lost, nothing silently wrong, tester round thirteen of issue 35.

The course's own tools on odd notebooks (cell metadata that is no object, a half-saved file, a solution region left
open, a notebook without cells), the smoke run of the WGAN-GP recipe from the command line, a run folder that holds
the user's own pictures, grey samples saved channels last, and the curves' smoothing given None or 2.5; and the
hinge recipe that notebook 09 hands students, which kept the DCGAN's R1 penalty that the race it follows leaves out.
"""
import json

import numpy as np
import pytest
import torch

from ganlib import TrainConfig, image_grid, plot_d_outputs, plot_losses
from ganlib.course import cli
from ganlib.course.cli import main
from ganlib.course.links import publish_students, relink
from ganlib.course.versions import versions
from ganlib.evaluation.verdict import check_images
from ganlib.loop import History


def _notebook(cells):
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}


def _cell(source, metadata=None, kind="code"):
    cell = {"cell_type": kind, "metadata": {} if metadata is None else metadata, "source": source}
    return {**cell, "outputs": [], "execution_count": None} if kind == "code" else cell


def _course(root, notebook_text):
    """A course checkout with one notebook besides its README and report, as ``links`` reads it."""
    for name in ("notebooks", "report"):
        (root / name).mkdir()
    (root / "README.md").write_text("# The course\n")
    (root / "report" / "report.md").write_text("# The report\n")
    (root / "notebooks" / "11_new.ipynb").write_text(notebook_text)


def _one_line(capsys):
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("metadata", [{"nbgrader": "yes"}, []])
def test_versions_of_a_notebook_with_odd_cell_metadata_end_in_one_line(tmp_path, capsys, metadata):
    path = tmp_path / "a.ipynb"
    path.write_text(json.dumps(_notebook([_cell("# A", kind="markdown"), _cell("x = 1", metadata)])))
    code = main(["versions", str(path), "--out", str(tmp_path / "out")])
    if isinstance(metadata, dict):  # an nbgrader entry that is no object: not marked as a solution
        assert code == 0 and versions(path)["student"].cells[1].source == "x = 1"
    else:
        assert code == 2 and "not a readable notebook" in _one_line(capsys)


@pytest.mark.parametrize("text, words", [
    ('{"nbformat": 4,', "not a readable notebook"),
    (json.dumps(_notebook([_cell("# New", kind="markdown"), _cell("### BEGIN SOLUTION\nx = 1")])), "END SOLUTION"),
])
def test_links_name_the_notebook_it_cannot_read_in_one_line(tmp_path, capsys, monkeypatch, text, words):
    _course(tmp_path, text)
    monkeypatch.setattr(cli, "project_root", lambda: tmp_path)
    assert main(["links", "--check"]) == 2
    err = _one_line(capsys)
    assert "11_new.ipynb" in err and words in err and "run links again" in err


def test_links_publish_a_notebook_without_cells(tmp_path):
    _course(tmp_path, json.dumps(_notebook([])))
    assert "notebooks/student/11_new.ipynb" in relink(tmp_path)
    assert publish_students(tmp_path, check=True) == []


def test_the_wgan_gp_recipe_runs_as_a_smoke_test_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")  # smoke batches are smaller: 5 of them fit in its few hundred images
    assert main(["train", "dcgan", "--loss", "wgan-gp", "--out", str(tmp_path / "run"), "--no-progress"]) == 0
    assert (tmp_path / "run" / "summary.json").is_file()


@pytest.mark.parametrize("name", ["samples.png", "losses.png", "d_outputs.png"])
def test_a_new_run_never_writes_over_the_users_own_pictures(tmp_path, monkeypatch, capsys, name):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    own = tmp_path / name
    own.write_bytes(b"my picture")
    assert main(["train", "gan", "--out", str(tmp_path), "--no-progress"]) == 2
    assert name in _one_line(capsys) and own.read_bytes() == b"my picture"
    assert not (tmp_path / "checkpoint.pt").exists()


def test_grey_images_with_the_channel_axis_last_are_read_as_grey():
    images = torch.randint(0, 256, (50, 28, 28), dtype=torch.uint8)
    checked, _ = check_images(images[..., None].numpy(), quiet=True)
    assert checked.shape == (50, 1, 28, 28) and torch.equal(checked[:, 0], images)
    assert np.array_equal(image_grid(images[:4, ..., None]), image_grid(images[:4, None]))
    colour = torch.randint(0, 256, (3, 32, 32, 3), dtype=torch.uint8)  # three colour images, channels last
    assert image_grid(colour).shape == image_grid(colour.permute(0, 3, 1, 2)).shape


def test_smoothing_the_curves_takes_none_and_refuses_what_is_no_window():
    history = History(step=[1, 2, 3], epoch=[0.1, 0.2, 0.3], loss_d=[1.0, 1.2, 1.1], loss_g=[0.7, 0.8, 0.9],
                      d_real=[0.6, 0.6, 0.6], d_fake=[0.4, 0.4, 0.4])
    for plot in (plot_losses, plot_d_outputs):
        for smooth in (None, 0, 1, np.int64(2)):
            plot(history, smooth=smooth)
        for smooth in (2.5, -3, "5"):
            with pytest.raises(ValueError, match="smooth must be a whole number"):
                plot(history, smooth=smooth)


def test_spectral_norm_leaves_out_r1_as_the_hinge_race_did():
    assert TrainConfig(variant="dcgan", loss="hinge", spectral_norm=True).r1_gamma == 0.0  # SN bounds D's slope
    assert TrainConfig(variant="dcgan", loss="hinge").r1_gamma == 1.0  # without SN, R1 is what bounds it
    assert TrainConfig(variant="dcgan").r1_gamma == 1.0  # the non-saturating DCGAN keeps its R1 on MNIST
