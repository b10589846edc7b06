"""The guard: train each of the four variants for a fixed number of steps and for a fixed number of minutes, with
several seeds, ask the referee, and compare with the numbers recorded for the last release
(``report/guard_baseline.json``), naming every number that moved beyond the seeds' range.

A benchmark, not a test: nothing here is asserted, and the numbers belong to the machine they were measured on (the
baseline says which). The two budgets answer two questions. At a fixed number of steps a CPU run is repeatable bit
for bit (same machine, same number of threads: another count rounds differently), so a quality number that moves
there means the training itself changed (the recipe, the code, or the random
stream: a change of stream moves every run after the point where it differs, by seed luck); images/s says whether a
step got slower. At a fixed number of minutes the steps that fit in the budget count too, which is what a student
with a time limit gets (issue 36: a conditional GAN that got worse in five CPU-minutes).

"Moved" is strict on purpose: every seed of the new run lies beyond every seed of the baseline (the two ranges do not
overlap). With three seeds each, two runs of an unchanged program still do that for about one number in ten when the
number is noisy (the minutes' budget, images/s on a busy machine); at a fixed number of steps an unchanged program
gives the very same numbers. So read a flagged line as "repeat and look", and an unflagged one as "within the noise
of three seeds", not as proof of no change.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional

import torch

from ..data import load_mnist
from ..evaluation.tables import markdown_table, number_with_range
from ..files import atomic_write_text
from ..machine import describe_machine
from ..nets import VARIANTS
from ..places import is_smoke, project_root
from .experiments import spread, variant_run

# The default budgets: 24 runs (4 variants x 2 budgets x 3 seeds), each judged on 10,000 samples (about 12 s), took
# 23.6 minutes on one thread of a busy two-core CPU (the baseline's run). 500 steps is just past the first epoch (468
# steps), where the health check first asks the referee (where issue 36's change of random stream begins); it costs
# about 18 s for an MLP variant and 47 s for a conv one, and 1,000 steps would add about 7 minutes, nearly all in the
# conv nets. One minute is about 1,750 steps of the MLPs and 600-700 of the conv nets.
GUARD_STEPS = 500
GUARD_MINUTES = 1.0
GUARD_SEEDS = 3
GUARD_THREADS = 1  # CPU threads per run (see run_guard)
GUARD_SAMPLES = 10_000  # images the referee judges per run, as in `bench variants` and the report
SMOKE_SAMPLES = 200  # under the smoke switch (the runs themselves shrink to a few steps in the loop)
BASELINE_FILE = "guard_baseline.json"  # in report/

# The numbers compared, and which way is better: -1 lower, +1 higher.
COMPARED = {"frechet_distance": -1, "conditional_accuracy": +1, "kl_from_uniform": -1, "images_per_second": +1,
            "steps": +1}
LABELS = {"frechet_distance": "Frechet distance", "conditional_accuracy": "conditional accuracy",
          "kl_from_uniform": "class KL", "images_per_second": "images/s", "steps": "steps in the budget"}
FORMS = {"frechet_distance": "{:.1f}", "conditional_accuracy": "{:.3f}", "kl_from_uniform": "{:.4f}",
         "images_per_second": "{:,.0f}", "steps": "{:,.0f}"}


def baseline_file() -> Path:
    """The committed baseline: ``report/guard_baseline.json`` of the checkout (``~/.ganlib/report/`` when ganlib is
    installed elsewhere)."""
    root = project_root()
    return (root / "report" if root is not None else Path.home() / ".ganlib" / "report") / BASELINE_FILE


def budget_name(budget: dict) -> str:
    """``1,000 steps`` or ``1 minute``: how a row names its budget (and how it is matched with the baseline)."""
    amount, unit = (f"{budget['steps']:,}", "step") if "steps" in budget else (f"{budget['minutes']:g}", "minute")
    return f"{amount} {unit}" + "s" * (amount != "1")


def run_guard(steps: int = GUARD_STEPS, minutes: float = GUARD_MINUTES, seeds: int = GUARD_SEEDS,
              baseline_path: Optional[Path] = None, record: bool = False, variants=None,
              samples: int = GUARD_SAMPLES, threads: Optional[int] = GUARD_THREADS) -> list:
    """Train every variant (or ``variants``) from a fresh start for ``steps`` steps and, separately, for ``minutes``
    minutes, with seeds 0 .. ``seeds`` - 1, judge each run with the referee (``samples`` images), and return one row
    per variant and budget: the mean of each number over the seeds, its range (``<key>_range``), the seeds' own values
    (``per_seed``) and the union of the health warnings. Prints a table, then, when ``baseline_path`` names a file,
    the comparison with it (``compare``); with ``record=True`` the rows become that baseline instead.

    The runs use ``threads`` CPU threads (None: as many as torch would): one by default, so that the numbers do
    not depend on how many cores the machine has or on what else runs on them, and the baseline holds."""
    if is_smoke():
        samples = min(samples, SMOKE_SAMPLES)
    comparing = baseline_path is not None and not record and Path(baseline_path).is_file()
    baseline = load_baseline(baseline_path) if comparing else None  # a damaged one is said before the training
    smoke_only = comparing and is_smoke()  # a few steps on a few images: every number would read as a regression
    comparing = comparing and not smoke_only
    images, labels = load_mnist()
    budgets = [{"steps": steps}, {"minutes": minutes}]
    names = list(variants or VARIANTS)
    all_threads = torch.get_num_threads()
    torch.set_num_threads(threads or all_threads)
    try:
        print(f"guard: {', '.join(names)} for {budget_name(budgets[0])} and for {budget_name(budgets[1])}, seeds "
              f"0-{seeds - 1}, {samples:,} samples judged; {describe_machine()}", flush=True)
        start = time.monotonic()
        repeats = [_one_seed(names, budgets, images, labels, samples, seed) for seed in range(seeds)]
        machine = describe_machine()
    finally:
        torch.set_num_threads(all_threads)
    rows = spread(repeats)
    for i, row in enumerate(rows):
        row["per_seed"] = {key: [found[i].get(key) for found in repeats] for key in COMPARED}
    total = (time.monotonic() - start) / 60
    print(markdown_table(rows, "variant, budget"))
    print(f"guard: {len(names) * len(budgets) * seeds} runs in {total:.1f} minutes", flush=True)
    if baseline_path is not None and record:
        write_baseline(rows, baseline_path, machine=machine, steps=steps, minutes=minutes, seeds=seeds,
                       samples=samples, total_minutes=round(total, 1))
        print(f"guard: recorded as the baseline in {baseline_path}")
    elif comparing:
        print("\n".join(compare(rows, baseline)))
    elif smoke_only:
        print(f"guard: not compared with {baseline_path}: smoke mode (GANLIB_SMOKE) trains a few steps on a few "
              "images, so its numbers say nothing against the release's; unset GANLIB_SMOKE to compare")
    elif baseline_path is not None:
        print(f"guard: no baseline at {baseline_path} to compare with (record one with record=True)")
    return rows


def _one_seed(names: list, budgets: list, images, labels, samples: int, seed: int) -> list:
    """One row per variant and budget for one seed, in the order of ``names`` then ``budgets``."""
    found = []
    for variant in names:
        for budget in budgets:
            rows, history = variant_run(variant, images, labels, budget, samples, seed)
            found.append({"name": f"{variant}, {budget_name(budget)}", "variant": variant, "budget": budget,
                          **rows[-1], "warnings": history.warnings})
            print(f"  seed {seed}, {found[-1]['name']}: {found[-1]['steps']:,} steps, {found[-1]['minutes']:.2f} "
                  f"min, Frechet distance {found[-1]['frechet_distance']:.1f}", flush=True)
    return found


def write_baseline(rows: list, path, **settings) -> Path:
    """The rows as the numbers of the last release, with the date and the guard's ``settings`` (the machine)."""
    payload = {"date": time.strftime("%Y-%m-%d"), "torch": torch.__version__, **settings, "rows": rows}
    return atomic_write_text(path, json.dumps(payload, indent=1) + "\n")


def load_baseline(path) -> dict:
    """A baseline that ``write_baseline`` wrote: its settings, and its rows under ``rows``; a ValueError when the
    file is damaged."""
    try:
        baseline = json.loads(Path(path).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        baseline = None
    if not isinstance(baseline, dict) or not isinstance(baseline.get("rows"), list) \
            or not all(isinstance(row, dict) and "name" in row for row in baseline["rows"]):
        raise ValueError(f"the guard's baseline {path} is damaged (not the JSON that --record writes): restore it from "
                         "git (git checkout -- report/guard_baseline.json), or record a new one with --record")
    return baseline


def _range(row: dict, key: str) -> tuple:
    """The lowest and highest of ``key`` over the seeds (one seed: the value twice)."""
    low_high = row.get(f"{key}_range")
    return tuple(low_high) if low_high else (row[key], row[key])


def moved(new: dict, old: dict, key: str) -> int:
    """+1 when ``key`` got better beyond the seeds' range (every new seed beyond every old one), -1 when it got
    worse, 0 when the two ranges overlap (or the number is missing on one side)."""
    if new.get(key) is None or old.get(key) is None:
        return 0
    (new_low, new_high), (old_low, old_high) = _range(new, key), _range(old, key)
    direction = COMPARED[key]
    if new_low > old_high:
        return direction
    if new_high < old_low:
        return -direction
    return 0


def compare(rows: list, baseline) -> list:
    """Lines naming each number of ``rows`` that moved beyond the seeds' range against ``baseline`` (the dict
    ``load_baseline`` reads, or its list of rows), worse first, then better, then the rows the baseline lacks, and
    last a line that counts them. Rows are matched by name (variant and budget)."""
    old_rows = {r["name"]: r for r in (baseline["rows"] if isinstance(baseline, dict) else baseline)}
    budgets = sorted({budget_name(r["budget"]) for r in old_rows.values()})
    said = {-1: [], +1: []}
    missing = []
    for row in rows:
        old = old_rows.get(row["name"])
        if old is None:
            missing.append(f"{row['name']}: not in the baseline (its budgets: {' and '.join(budgets) or 'none'})")
            continue
        for key in COMPARED:
            way = moved(row, old, key)
            if way:
                form = FORMS[key]
                said[way].append(f"{row['name']}: {LABELS[key]} {'better' if way > 0 else 'worse'}, "
                                 f"{number_with_range(row, key, form)} against {number_with_range(old, key, form)} "
                                 "at the last release")
    verdict = (f"{len(said[-1])} numbers worse and {len(said[+1])} better beyond the seeds' range"
               if said[-1] or said[+1] else "nothing moved beyond the seeds' range")
    return said[-1] + said[+1] + missing + [f"{len(rows) - len(missing)} rows compared with the baseline: {verdict}"]
