"""Nothing silently wrong, tester round fourteen of issue 35: the toy of notebook 00 and notebook 09's judge given a
student's step, odd data, swapped nets and odd settings; check_slerp given what is no path; the explorer on the
colour generator; the moving average's decay; the report and the guard on damaged saved files; bench options a
measurement would ignore; the steps a smoke run took.
"""
import json

import numpy as np
import pytest
import torch

from ganlib.course.cli import main
from ganlib.course.exercises import check_slerp
from ganlib import build_nets
from ganlib.course.experiments import quality_over_time
from ganlib.course.explorer import LatentExplorer
from ganlib.course.guard import load_baseline
from ganlib.course.report import RESULTS_FILE, report_markdown
from ganlib.ema import EMA
from ganlib.step import train_step
from ganlib.toy import (ToyDiscriminator, ToyGenerator, fit_judge, modes_covered, optimal_discriminator,
                        ring_of_gaussians, train_toy)

REAL = ring_of_gaussians(512)


def _one_line(capsys):
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_the_toy_trains_a_students_six_argument_step_and_reads_plain_numbers():
    def my_step(G, D, opt_g, opt_d, x, y=None):  # the six arguments notebook 01 teaches, returning Python floats
        return {k: float(v) for k, v in train_step(G, D, opt_g, opt_d, x, y).items()}
    run = train_toy(ToyGenerator(), ToyDiscriminator(), REAL, steps=20, step=my_step)
    assert len(run.loss_d) == 2 and all(np.isfinite(run.loss_d))
    with pytest.raises(TypeError, match="r1_gamma is 1.0, but your step my_step"):
        train_toy(ToyGenerator(), ToyDiscriminator(), REAL, steps=20, step=my_step, r1_gamma=1.0)
    with pytest.raises(TypeError, match="returned nothing"):
        train_toy(ToyGenerator(), ToyDiscriminator(), REAL, steps=20, step=lambda G, D, og, od, x, y=None: None)


@pytest.mark.parametrize("data, words", [
    (REAL.numpy(), None), (REAL.double(), None), (REAL.tolist(), None),  # unambiguous: accepted
    (torch.empty(0, 2), "with N at least 1"), (torch.zeros(10, 3), r"got shape \(10, 3\)"),
    (torch.full((10, 2), float("nan")), "NaN or infinite"), ("ring", "got a str"),
])
def test_the_toys_data_is_points_in_the_plane(data, words):
    if words is None:
        assert len(train_toy(ToyGenerator(), ToyDiscriminator(), data, steps=2).loss_d) == 1
    else:
        with pytest.raises(ValueError, match=words):
            train_toy(ToyGenerator(), ToyDiscriminator(), data, steps=2)


def test_the_toy_says_so_when_the_nets_are_swapped_and_checks_its_numbers():
    with pytest.raises(TypeError, match="generator first"):
        train_toy(ToyDiscriminator(), ToyGenerator(), REAL, steps=2)
    with pytest.raises(ValueError, match="share is a fraction"):
        modes_covered(REAL, share=5)
    with pytest.raises(ValueError, match="share is a fraction"):
        modes_covered(REAL + 100, share=-1)
    assert modes_covered(REAL.numpy())[0] == modes_covered(REAL.tolist())[0] == 8
    with pytest.raises(ValueError, match="points in the plane"):
        modes_covered(torch.zeros(10, 3))
    with pytest.raises(ValueError, match="bandwidth must be a positive number"):
        optimal_discriminator(REAL[:10], REAL, bandwidth=0)
    for steps in (2.5, -3):
        with pytest.raises(ValueError, match="fit_judge's steps"):
            fit_judge(ToyDiscriminator(), REAL, REAL + 1, steps=steps)
    with pytest.raises(ValueError, match="fit_judge's real points"):
        fit_judge(ToyDiscriminator(), torch.empty(0, 2), REAL, steps=2)
    assert len(fit_judge(ToyDiscriminator(), REAL.numpy(), (REAL + 1).numpy(), steps=20)) == 2


@pytest.mark.parametrize("answer, words", [
    (lambda z0, z1, t: None, "returns nothing"),
    (lambda z0, z1, t: {"path": z0}, "returns a dict"),
    (lambda z0, z1, t: (z for z in (z0, z1)), "returns a generator"),
    (lambda z0, z1, t: torch.zeros(5, 100, dtype=torch.complex64), "complex numbers"),
    (lambda z0, z1, t: torch.zeros(5, 100, device="meta"), "meta device"),
    (lambda z0, z1, t: torch.zeros(5, 100).to_sparse(), "sparse tensor"),
])
def test_check_slerp_names_what_came_back_instead_of_a_path(capsys, answer, words):
    assert not check_slerp(answer)
    said = capsys.readouterr().out
    assert words in said and "t[:, None]" not in said and "check itself failed" not in said


def test_the_explorer_draws_the_colour_generator():
    explorer = LatentExplorer("cdcgan-cifar10", digit=3)
    assert explorer.figure().axes[0].images[0].get_array().shape[-1] == 3


@pytest.mark.parametrize("decay", [1.0, 1.5, -0.5, float("nan"), True, "0.9", None])
def test_the_moving_average_refuses_a_decay_that_would_not_average(decay):
    with pytest.raises(ValueError, match=r"decay must be a number in \[0, 1\)"):
        EMA(torch.nn.Linear(2, 2), decay)
    EMA(torch.nn.Linear(2, 2), np.float64(0.999))


@pytest.mark.parametrize("text", ['{"curves": {"gan": [{"minutes": 1', "", "[]", json.dumps({"seed": 0}),
                                  json.dumps({"curves": None})])
def test_report_tables_from_a_damaged_results_file_end_in_one_line(monkeypatch, capsys, text):
    monkeypatch.setenv("GANLIB_SMOKE", "1")  # the report folder is a temporary copy: nothing of the package is touched
    (report_markdown().parent / RESULTS_FILE).write_text(text)
    assert main(["report", "--tables-only"]) == 2
    assert "damaged" in _one_line(capsys)


def test_a_damaged_guard_baseline_is_said_before_any_training(tmp_path, monkeypatch, capsys):
    baseline = tmp_path / "guard_baseline.json"
    baseline.write_text('{"rows": [{"name": ')
    with pytest.raises(ValueError, match="baseline .* is damaged"):
        load_baseline(baseline)
    monkeypatch.setattr("ganlib.course.cli.baseline_file", lambda: baseline)
    monkeypatch.setattr("ganlib.course.guard.load_mnist", lambda: pytest.fail("trained before reading the baseline"))
    assert main(["bench", "guard", "--json", str(tmp_path / "rows.json")]) == 2
    assert "damaged" in _one_line(capsys)


@pytest.mark.parametrize("argv, option", [(["data", "--steps", "3"], "--steps"), (["variants", "--steps", "200"], "--steps"),
                                          (["data", "--variant", "gan"], "--variant"), (["sizes", "--record"], "--record"),
                                          (["faces", "--seconds", "1"], "--seconds"), (["data", "--data", "cifar10"], "--data")])
def test_bench_refuses_an_option_its_measurement_would_ignore(capsys, argv, option):
    assert main(["bench", *argv]) == 2
    assert f"{option} applies to" in _one_line(capsys)


def test_the_steps_column_counts_the_steps_a_smoke_run_took(monkeypatch):
    monkeypatch.setenv("GANLIB_SMOKE", "1")  # smoke mode shrinks WGAN-GP's five batches to fit its few images
    images = torch.randint(0, 256, (512, 1, 28, 28), dtype=torch.uint8)
    G, D = build_nets("dcgan", critic=True)
    rows, _ = quality_over_time(G, D, images, None, steps=1, judge=lambda G: {}, loss="wgan-gp")
    assert rows[-1]["steps"] == 1
