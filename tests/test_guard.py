"""The guard (ganlib.course.guard): its comparison names what moved beyond the seeds' range on made-up numbers, the
committed baseline has a row for every variant and budget, and a smoke run records a baseline and is compared with
it."""
import json

from ganlib.course.guard import (COMPARED, budget_name, GUARD_MINUTES, GUARD_SEEDS, GUARD_STEPS, baseline_file, compare,
                                 load_baseline, moved, run_guard)
from ganlib.nets import VARIANTS


def _row(name, fd, fd_range, accuracy=None, accuracy_range=None, budget=None):
    row = {"name": name, "budget": budget or {"steps": 1000}, "frechet_distance": fd,
           "frechet_distance_range": fd_range,
           "conditional_accuracy": accuracy, "images_per_second": 5000.0, "images_per_second_range": [4900.0, 5100.0]}
    if accuracy_range:
        row["conditional_accuracy_range"] = accuracy_range
    return row


BASELINE = {"rows": [_row("gan, 1,000 steps", 80.0, [75.0, 85.0]),
                     _row("cgan, 1,000 steps", 31.0, [29.0, 37.0], 0.975, [0.972, 0.978]),
                     _row("cgan, 1 minute", 40.0, [38.0, 42.0], 0.97, [0.96, 0.98], {"minutes": 1.0})]}


def test_a_number_moved_only_when_the_seeds_ranges_do_not_overlap():
    old = BASELINE["rows"][1]
    assert moved(_row("x", 55.0, [51.7, 60.1]), old, "frechet_distance") == -1  # every seed worse: higher distance
    assert moved(_row("x", 20.0, [18.0, 22.0]), old, "frechet_distance") == +1
    assert moved(_row("x", 36.0, [36.5, 38.0]), old, "frechet_distance") == 0  # overlaps the baseline's 29-37
    assert moved(_row("x", 31.0, [31.0, 31.0], 0.99, [0.985, 0.995]), old, "conditional_accuracy") == +1
    assert moved(_row("x", 31.0, [31.0, 31.0]), old, "conditional_accuracy") == 0  # missing on one side
    one_seed = {"name": "x", "frechet_distance": 38.0}  # one seed: its range is the value itself
    assert moved(one_seed, old, "frechet_distance") == -1
    assert set(COMPARED) >= {"frechet_distance", "conditional_accuracy", "images_per_second", "steps"}


def test_compare_names_worse_numbers_first_then_better_then_rows_without_a_baseline():
    rows = [_row("gan, 1,000 steps", 81.0, [76.0, 86.0]),  # within the seeds' range: not named
            _row("cgan, 1,000 steps", 55.0, [51.7, 60.1], 0.99, [0.985, 0.995]),
            _row("dcgan, 1,000 steps", 90.0, [88.0, 92.0])]
    rows[1]["images_per_second"], rows[1]["images_per_second_range"] = 2500.0, [2400.0, 2600.0]
    lines = compare(rows, BASELINE)
    assert lines[0] == ("cgan, 1,000 steps: Frechet distance worse, 55.0 (51.7-60.1) against 31.0 (29.0-37.0) "
                        "at the last release")
    assert lines[1].startswith("cgan, 1,000 steps: images/s worse, 2,500 (2,400-2,600) against 5,000")
    assert lines[2].startswith("cgan, 1,000 steps: conditional accuracy better, 0.990 (0.985-0.995)")
    assert lines[3] == "dcgan, 1,000 steps: not in the baseline (its budgets: 1 minute and 1,000 steps)"
    assert lines[4] == "2 rows compared with the baseline: 2 numbers worse and 1 better beyond the seeds' range"
    assert len(lines) == 5
    nothing = "rows compared with the baseline: nothing moved beyond the seeds' range"
    assert compare(BASELINE["rows"], BASELINE) == [f"3 {nothing}"]


def test_the_committed_baseline_holds_every_variant_at_the_default_budgets():
    baseline = load_baseline(baseline_file())
    assert (baseline["steps"], baseline["minutes"], baseline["seeds"]) == (GUARD_STEPS, GUARD_MINUTES, GUARD_SEEDS)
    names = [r["name"] for r in baseline["rows"]]
    budgets = (budget_name({"steps": GUARD_STEPS}), budget_name({"minutes": GUARD_MINUTES}))
    assert names == [f"{v}, {b}" for v in VARIANTS for b in budgets]
    for row in baseline["rows"]:
        assert len(row["per_seed"]["frechet_distance"]) == GUARD_SEEDS
        low, high = row["frechet_distance_range"]
        assert low <= row["frechet_distance"] <= high
    assert compare(baseline["rows"], baseline) == [
        "8 rows compared with the baseline: nothing moved beyond the seeds' range"]


def test_a_smoke_run_records_a_baseline_and_is_compared_with_it(tmp_path, capsys):
    path = tmp_path / "baseline.json"
    rows = run_guard(steps=2, minutes=0.01, seeds=2, baseline_path=path, record=True, variants=["cgan", "dcgan"])
    assert [r["name"] for r in rows] == ["cgan, 2 steps", "cgan, 0.01 minutes", "dcgan, 2 steps", "dcgan, 0.01 minutes"]
    assert all(len(r["per_seed"]["frechet_distance"]) == 2 for r in rows)
    assert rows[0]["conditional_accuracy"] is not None and rows[2]["conditional_accuracy"] is None
    saved = json.loads(path.read_text())
    assert (saved["steps"], saved["seeds"]) == (2, 2) and len(saved["rows"]) == 4
    assert "recorded as the baseline" in capsys.readouterr().out
    run_guard(steps=2, minutes=0.01, seeds=2, baseline_path=path, variants=["cgan"])
    out = capsys.readouterr().out
    assert "cgan, 2 steps" in out and "no baseline" not in out  # compared with the file just written


def test_a_budget_of_one_is_singular():
    assert [budget_name(b) for b in ({"minutes": 1.0}, {"minutes": 0.5}, {"steps": 1}, {"steps": 1000})] == [
        "1 minute", "0.5 minutes", "1 step", "1,000 steps"]
