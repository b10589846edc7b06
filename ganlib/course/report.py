"""The report's measurements: ``python -m ganlib report`` reruns them and writes what ``report/report.md`` shows.

Each study runs from a fresh start for the same training budget (steps, or minutes) and is repeated with ``--seeds``
seeds. On MNIST: quality along the training of each variant, the ablation of the default recipe (one trick removed
at a time, also at equal minutes), and the failure modes reproduced on purpose; in colour: the class loss on CIFAR-10
and the width of the 64x64 faces DCGAN (``--study`` runs one part, keeping the others' results). Results go to
``report/results.json``, figures to ``report/figures/report_*.png``, and tables into ``report.md`` between the markers
``<!-- ganlib:NAME -->`` and ``<!-- /ganlib:NAME -->``: the prose is written by hand, the numbers never.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional

from matplotlib.figure import Figure

from ..config import TrainConfig, run_defaults
from ..data import load_dataset, load_mnist
from ..evaluation.referee import load_referee, reference_values
from ..evaluation.tables import TABLE_KEY, markdown_table, number_with_range, pipe_table
from ..files import atomic_write_text
from ..machine import describe_machine
from ..nets import VARIANTS, MLPGenerator, build_nets
from ..pictures import HEALTHY_BAND, draw_grid, image_grid, plot_curves, save_figure
from ..places import figures_dir, is_smoke, project_root
from .experiments import (bench_faces, bench_losses, bench_recipes, recipes_for, referee_judge, run_recipe, spread,
                          variant_run)
from .shipped import evaluate_shipped

# The default budget (an hour on two CPU cores) is shared by this many equal training runs, which leaves
# about one run's worth of time for the referee's evaluations: 4 variants + 4 ablations + 3 failures.
BUDGET_SHARES = 12
RESULTS_FILE = "results.json"  # in report/, next to report.md
QUALITY_POINTS = 4  # evaluations along each variant's training, evenly spread over its budget

# The default recipe of the conditional DCGAN, and what each row of the ablation puts back to the textbook.
# short name: (generator class, its options, discriminator class, its options, TrainConfig options, what it is).
_CDCGAN = {"width": 32, "n_classes": 10}
ABLATIONS = {
    "default": ("ConvGenerator", _CDCGAN, "ConvDiscriminator", {**_CDCGAN, "projection": True}, {},
                "the course's recipe: width 32, projection D, learning rate 5e-4, Adam beta1 0.5"),
    "label channel": ("ConvGenerator", _CDCGAN, "ConvDiscriminator", {**_CDCGAN, "projection": False}, {},
                      "the label as an input channel of D instead of a projection (Miyato and Koyama, 2018)"),
    "lr 2e-4": ("ConvGenerator", _CDCGAN, "ConvDiscriminator", {**_CDCGAN, "projection": True},
                {"lr_g": 2e-4, "lr_d": 2e-4}, "learning rate 2e-4 (the DCGAN paper's) instead of 5e-4"),
    "width 64": ("ConvGenerator", {**_CDCGAN, "width": 64}, "ConvDiscriminator", {**_CDCGAN, "width": 64, "projection": True},
                 {}, "64 filters next to the image (the PyTorch DCGAN tutorial's) instead of 32"),
    "beta1 0.9": ("ConvGenerator", _CDCGAN, "ConvDiscriminator", {**_CDCGAN, "projection": True}, {"betas": (0.9, 0.999)},
                  "Adam beta1 0.9 (PyTorch's default) instead of 0.5 (Radford et al., 2015)"),
}

# Failures on purpose, with the MLP nets (the fastest), each with what causes it.
FAILURES = {
    "mode collapse": ("MLPGenerator", {}, "MLPDiscriminator", {}, {"lr_g": 1e-5, "lr_d": 1e-3},
                      "D learns 100 times faster than G (lr 1e-3 vs 1e-5)"),
    "weak D": ("MLPGenerator", {}, "MLPDiscriminator", {"hidden": (64,)}, {"lr_g": 1e-3, "lr_d": 2e-4},
               "a weak D (one hidden layer of 64 units) and G learning 5 times faster (lr 1e-3 vs 2e-4)"),
    "label ignored": ("MLPGenerator", {"n_classes": 10}, "MLPDiscriminator", {}, {},
                      "a conditional G with an unconditional D"),
}
# The MLPs of the failures run about twice as fast as the conv nets, and a failure takes a while to set in: with a
# budget in steps they get this many times the steps, a little more than the minutes of a conv run.
FAILURE_STEPS = 3

# The colour studies (section 5.5), run after the MNIST studies: CIFAR-10's conditional DCGAN with three weights of
# the class loss (each for the MNIST runs' budget), and the 64x64 faces DCGAN at three widths for equal minutes,
# judged every half minute so that the widths also meet at about equal steps (the narrow net is about 10 times faster).
FACES_WIDTHS = (16, 32, 64)
FACES_MINUTES = 4.0  # per width
FACES_POINTS = 8
FACES_SAMPLES = 2_000  # generated faces, and real ones, per Frechet distance (10,000 faces: two disjoint halves)
CIFAR10_PREFIX = "cifar10 width 32, "  # what the CIFAR-10 recipes' names share, left out of the table
CIFAR10_KEY = ("Each row: the conditional DCGAN of width 32 with the projection D, learning rate 5e-4, on CIFAR-10's "
               "50,000 training images; *class loss W*: D also names each image's class, and both nets pay that "
               "classification loss with weight W (AC-GAN, Odena et al., 2017); *no class loss*: W = 0.")
# Equal minutes where the MNIST study's budget in steps gave unequal ones: each MLP variant is trained again from a
# fresh start for the minutes its conv counterpart took (same seed), and each ablation row that took clearly longer
# than the default (this many times its minutes, on average over the seeds) for the default run's minutes.
CONV_COUNTERPART = {"gan": "dcgan", "cgan": "cdcgan"}
SLOWER = 1.2
# The objectives (section 5.6, notebook 09): the same DCGAN with each of experiments.LOSS_RECIPES, for these minutes and, apart,
# for these generator steps (WGAN-GP's step holds 5 critic updates).
LOSS_MINUTES = 1.5
LOSS_STEPS = 600
STUDIES = ("mnist", "equal-minutes", "colour", "losses")  # mnist: quality, ablation, failures, the shipped generators


def plot_histories(histories: dict, smooth: int = 10) -> Figure:
    """Several runs side by side: losses (top row) and mean D(x), D(G(z)) (bottom row), one column per run."""
    figure = Figure(figsize=(3.2 * len(histories), 5.2), layout="constrained")
    axes = figure.subplots(2, len(histories), squeeze=False)
    for column, (name, history) in enumerate(histories.items()):
        top, bottom = axes[0, column], axes[1, column]
        plot_curves(top, history, ("loss_d", "loss_g"), ("D loss", "G loss"), smooth)
        top.set_title(name, fontsize=10)
        scores = getattr(history, "d_outputs", "probability") == "score"  # a hinge or Wasserstein D: no band
        if not scores:
            bottom.axhspan(*HEALTHY_BAND, color="green", alpha=0.08)
        plot_curves(bottom, history, ("d_real", "d_fake"), ("D(x)", "D(G(z))"), smooth)
        if not scores:
            bottom.set_ylim(0, 1)
    return figure


def plot_quality(curves: dict, floor: Optional[dict] = None) -> Figure:
    """The referee's numbers against training minutes, one line per run: Frechet distance, conditional
    accuracy and class KL (``curves``: name -> rows with ``minutes`` and the metrics; ``floor``: real data)."""
    figure = Figure(figsize=(11, 3.4), layout="constrained")
    panels = (("frechet_distance", "Frechet distance (log)", True), ("conditional_accuracy", "conditional accuracy", False),
              ("kl_from_uniform", "class-histogram KL (log)", True))
    for ax, (key, label, log) in zip(figure.subplots(1, 3), panels):
        for number, (name, rows) in enumerate(curves.items()):
            points = [(r["minutes"], r[key]) for r in rows if r.get(key) is not None]
            if points:  # each run keeps its colour in every panel, also where another run has no such number
                ax.plot(*zip(*points), marker="o", label=name, color=f"C{number}")
        if floor and floor.get(key) is not None:
            ax.axhline(floor[key], color="gray", linestyle=":", linewidth=1, label="real images")
        if log:
            ax.set_yscale("log")
        ax.set_xlabel("training minutes")
        ax.set_title(label, fontsize=10)
        ax.legend(fontsize=8)
    return figure


def _recipe_run(recipe, images, labels, budget: dict, samples: int, seed: int):
    """One fresh run of a recipe for the ``budget`` (minutes or steps): its row (with D's last mean outputs) and
    History."""
    rows, history = run_recipe(recipe, images, labels, budget.get("minutes"), seed, referee_judge(samples),
                               budget.get("steps"))
    last = history.d_real[-20:], history.d_fake[-20:]
    return {**rows[-1], "d_real": sum(last[0]) / max(1, len(last[0])), "d_fake": sum(last[1]) / max(1, len(last[1])),
            "warnings": history.warnings}, history


def _one_seed(images, labels, budget: dict, samples: int, seed: int, figures: Optional[Path]) -> dict:
    """The three studies with one seed; with ``figures``, their pictures are written there."""
    said = f"{budget['minutes']:g} minutes" if "minutes" in budget else f"{budget['steps']:,} steps"
    found = {"seed": seed, "curves": {}, "ablation": [], "failures": []}
    histories, failure_histories = {}, {}
    for variant in VARIANTS:
        print(f"seed {seed}, quality over {said}: {variant}", flush=True)
        found["curves"][variant], histories[variant] = variant_run(
            variant, images, labels, budget, samples, seed, 2 if is_smoke() else QUALITY_POINTS)
        if variant == "cdcgan":  # the ablation's first row is this very run
            found["ablation"].append({"name": next(iter(ABLATIONS)), **found["curves"][variant][-1]})
    for name, recipe in list(ABLATIONS.items())[1:]:
        print(f"seed {seed}, ablation, {said}: {name}", flush=True)
        row, _ = _recipe_run(recipe, images, labels, budget, samples, seed)
        found["ablation"].append({"name": name, **row})
    failure_budget = {k: round(v * FAILURE_STEPS) if k == "steps" else v for k, v in budget.items()}
    for name, recipe in FAILURES.items():
        print(f"seed {seed}, failure mode: {name}", flush=True)
        row, history = _recipe_run(recipe, images, labels, failure_budget, samples, seed)
        found["failures"].append({"name": name, "settings": recipe[5], **row})
        failure_histories[name] = history
    if figures:
        save_figure(plot_histories(histories), figures / "report_training.png")
        save_figure(plot_histories(failure_histories), figures / "report_failures.png")
        save_figure(plot_grids({VARIANT_TITLES.get(v, v): h.snapshots[-1] for v, h in histories.items()}),
                    figures / "report_samples.png")
        save_figure(plot_grids({n: h.snapshots[-1] for n, h in failure_histories.items()}),
                    figures / "report_failure_samples.png")
    return found


VARIANT_TITLES = {"gan": "Vanilla GAN (gan)", "cgan": "conditional GAN (cgan)", "dcgan": "DCGAN (dcgan)",
                  "cdcgan": "conditional DCGAN (cdcgan)"}


def plot_grids(grids: dict) -> Figure:
    """Sample grids side by side, each under its title: one figure, so the PDF can number and caption it."""
    figure = Figure(figsize=(2.6 * len(grids), 2.9), layout="constrained")
    for ax, (title, images) in zip(figure.subplots(1, len(grids), squeeze=False)[0], grids.items()):
        draw_grid(ax, image_grid(images))
        ax.set_title(title, fontsize=10)
        ax.axis("off")
    return figure


def _colour_seed(budget: dict, samples: int, seed: int) -> dict:
    """The colour studies with one seed: the CIFAR-10 recipes for ``budget``, the faces widths for equal minutes."""
    recipes = bench_recipes(budget.get("minutes"), recipes_for("cifar10"), seed, "cifar10", budget.get("steps"), samples)
    faces = bench_faces(FACES_MINUTES, FACES_WIDTHS, 2 if is_smoke() else FACES_POINTS, min(samples, FACES_SAMPLES), seed)
    return {"seed": seed, "cifar10_recipes": recipes, "faces": faces}


def check_studies(studies, previous: Optional[dict]) -> dict:
    """``previous`` (or {}), after checking that it holds the results of every study not in ``studies``."""
    unknown, previous = set(studies) - set(STUDIES), previous or {}
    if unknown or not studies:
        raise ValueError(f"unknown studies {sorted(unknown)}: choose from {', '.join(STUDIES)}")
    kept = {"mnist": "curves", "equal-minutes": "equal_minutes", "colour": "colour"}  # losses: optional
    if any(study not in studies and key not in previous for study, key in kept.items()):
        raise ValueError(f"running only the {' and '.join(studies)} studies keeps the others' results from "
                         f"report/{RESULTS_FILE}, which has none: run the whole report (without --study) once first")
    return previous


def load_the_data_first(studies) -> None:
    """Load every data set the chosen studies train on before the first run, so that a missing one is said at the
    start, not after an hour of the others (each is cached: the studies' own loads are quick after this)."""
    needs = [name for name, wanted in (("mnist", {"mnist", "equal-minutes", "losses"}), ("cifar10", {"colour"}),
                                       ("celeba", {"colour"})) if wanted & set(studies)]
    for name in needs:
        load_dataset(name)


def run_report(minutes: float = 60.0, samples: int = 10_000, seed: int = 0, seeds: int = 1,
               steps: Optional[int] = None, studies=STUDIES, previous: Optional[dict] = None) -> dict:
    """Every measurement of the report (or those of ``studies``, keeping the others' from ``previous``); writes
    results and figures.

    Each study runs ``seeds`` times (seeds ``seed``, ``seed + 1``, ...). The budget of each training run is a
    share of ``minutes`` (about ``minutes`` in all per seed), or ``steps`` batches when given: the same work on
    any machine. The figures show the first seed; the tables, with several seeds, each number's mean and range.
    """
    previous = check_studies(studies, previous)
    load_the_data_first(studies)
    out = report_dir()
    share = minutes / BUDGET_SHARES
    budget = {"steps": steps} if steps else {"minutes": share}
    plan = {"machine": describe_machine(), "date": time.strftime("%Y-%m-%d"), "budget_minutes": minutes,
            "minutes_per_run": share if not steps else None, "steps_per_run": steps, "samples": samples,
            "seed": seed, "seeds": list(range(seed, seed + seeds))}
    partial = out / f".{RESULTS_FILE}.partial"
    results = (_mnist_studies(plan, budget, partial) if "mnist" in studies
               else {key: value for key, value in previous.items() if key not in ("equal_minutes", "colour")})
    if "equal-minutes" not in studies:
        results["equal_minutes"] = previous["equal_minutes"]
    else:
        results["equal_minutes"] = _at_equal_minutes(results, samples)
    if "colour" not in studies:
        results["colour"] = previous["colour"]
    else:
        started, repeats = time.monotonic(), []
        for s in plan["seeds"]:
            repeats.append(_colour_seed(budget, samples, s))
            atomic_write_text(partial, json.dumps({**results, "colour": {**plan, "repeats": repeats}}, indent=2))
        results["colour"] = {**plan, "repeats": repeats, "total_minutes": round((time.monotonic() - started) / 60, 1)}
    results["losses"] = _losses_study(plan) if "losses" in studies else previous.get("losses")
    atomic_write_text(out / RESULTS_FILE, json.dumps(results, indent=2))
    partial.unlink(missing_ok=True)
    return results


def _losses_study(plan: dict) -> dict:
    """The objectives of notebook 09 on the same DCGAN, for the plan's seeds: ``LOSS_MINUTES`` per run, then, from
    fresh starts, ``LOSS_STEPS`` generator steps per run."""
    started, seeds = time.monotonic(), plan["seeds"]
    at_minutes, _ = bench_losses(LOSS_MINUTES, len(seeds), None, plan["samples"], seeds[0])
    at_steps, _ = bench_losses(None, len(seeds), LOSS_STEPS, plan["samples"], seeds[0])
    return {"machine": describe_machine(), "date": time.strftime("%Y-%m-%d"), "samples": plan["samples"],
            "seeds": seeds, "minutes_per_run": LOSS_MINUTES, "steps_per_run": LOSS_STEPS, "at_minutes": at_minutes,
            "at_steps": at_steps, "total_minutes": round((time.monotonic() - started) / 60, 1)}


def loss_tables(losses: dict) -> dict:
    """The two tables of section 5.6: the objectives at equal minutes and at equal generator steps."""
    measured = (f"\n\nMeasured on {losses['date']} on {losses['machine']}, seeds {', '.join(map(str, losses['seeds']))} "
                "(each cell: the mean, and in brackets the lowest and highest of the runs); `python -m ganlib report "
                f"--study losses` took {losses['total_minutes']:g} minutes. {TABLE_KEY}")
    compact = {"extras": ("steps", "minutes"), "short": True}
    return {"losses_minutes": markdown_table(losses["at_minutes"], "objective", **compact) + measured,
            "losses_steps": markdown_table(losses["at_steps"], "objective", **compact) + measured}


def _at_equal_minutes(mnist: dict, samples: int) -> dict:
    """Equal minutes for the seeds of the MNIST results ``mnist``: each MLP variant trained from a fresh start for the
    minutes its conv counterpart's run took, next to that run (``variants``); each ablation row that took more than
    ``SLOWER`` times the default's minutes, trained for the default run's minutes, next to the default (``ablation``)."""
    started, repeats = time.monotonic(), mnist.get("repeats") or [mnist]
    rows = spread([r["ablation"] for r in repeats])
    slower = [row["name"] for row in rows[1:] if row["minutes"] > SLOWER * rows[0]["minutes"]]
    images, labels = load_mnist()
    variants, ablation = [], []
    for repeat, seed in zip(repeats, mnist["seeds"]):
        variants.append([])
        for mlp, conv in CONV_COUNTERPART.items():
            target = repeat["curves"][conv][-1]
            print(f"seed {seed}, {mlp} for the {target['minutes']:g} minutes of {conv}", flush=True)
            rows, _ = variant_run(mlp, images, labels, {"minutes": _minutes(target)}, samples, seed)
            variants[-1] += [{**rows[-1], "name": mlp}, {**target, "name": conv}]
        default = repeat["ablation"][0]
        ablation.append([default])
        for name in slower:
            print(f"seed {seed}, ablation for the default's {default['minutes']:g} minutes: {name}", flush=True)
            row, _ = _recipe_run(ABLATIONS[name], images, labels, {"minutes": _minutes(default)}, samples, seed)
            ablation[-1].append({"name": name, **row})
    return {"machine": describe_machine(), "date": time.strftime("%Y-%m-%d"), "samples": samples,
            "seeds": mnist["seeds"], "variants": variants, "ablation": ablation,
            "total_minutes": round((time.monotonic() - started) / 60, 1)}


def _minutes(row: dict) -> float:
    """A row's training minutes as a budget: rows keep 2 decimals, and a smoke run's may read 0."""
    return max(row["minutes"], 0.01)


def _mnist_studies(plan: dict, budget: dict, partial: Path) -> dict:
    """Quality, ablation and failures on MNIST for each seed, then the shipped generators: their part of results."""
    images, labels = load_mnist()
    results, started, repeats = dict(plan), time.monotonic(), []
    for s in plan["seeds"]:  # each seed's results are kept as they come, so a long run that stops loses little
        repeats.append(_one_seed(images, labels, budget, plan["samples"], s, figures_dir() if s == plan["seed"] else None))
        atomic_write_text(partial, json.dumps({**results, "repeats": repeats}, indent=2))
    results.update({k: repeats[0][k] for k in ("curves", "ablation", "failures")})
    if len(repeats) > 1:
        results["repeats"] = repeats
    print("the shipped generators", flush=True)
    results["shipped"] = evaluate_shipped(plan["samples"], plan["seed"])
    results["total_minutes"] = round((time.monotonic() - started) / 60, 1)
    return results


def report_dir() -> Path:
    """``report/`` of the checkout (a temporary folder in smoke mode, like every figure)."""
    return figures_dir().parent


def report_markdown() -> Path:
    """The report's source, ``report/report.md``. A smoke run fills a copy of it in its temporary folder."""
    path = report_dir() / "report.md"
    root = project_root()
    if is_smoke() and not path.exists() and root is not None and (root / "report" / "report.md").is_file():
        shutil.copyfile(root / "report" / "report.md", path)
    return path


def _failure_table(rows: list) -> str:
    header = ["failure", "minutes", "FD", "KL", "conf.", "D(x)", "D(G(z))", "acc.", "health warnings"]
    body = []
    for r in rows:
        warned = "; ".join(sorted({w.split(":")[0].replace("_", " ").replace("discriminator", "D")
                                   for w in r["warnings"]})) or "none"
        body.append([r["name"]] + ["-" if r.get(key) is None else number_with_range(r, key, form) for key, form in (
            ("minutes", "{:.1f}"), ("frechet_distance", "{:.0f}"), ("kl_from_uniform", "{:.3f}"), ("confidence", "{:.3f}"),
            ("d_real", "{:.2f}"), ("d_fake", "{:.2f}"), ("conditional_accuracy", "{:.3f}"))] + [warned])
    return pipe_table(header, body, ["left"] + ["right"] * 7 + ["left"])


def _key(recipes: dict) -> str:
    """What each short row name of a table stands for."""
    return "; ".join(f"*{name}*: {recipe[5]}" for name, recipe in recipes.items()) + "."


def at_equal(curves: dict, key: str = "minutes") -> list:
    """Each run's evaluation nearest in ``key`` (training minutes, or steps) to where the run with the least of it
    ended: runs budgeted in steps compared at (about) equal wall-clock time, or runs budgeted in minutes at (about)
    equal steps. ``curves``: name -> that run's rows, in order."""
    mark = min(rows[-1][key] for rows in curves.values())
    return [{**min(rows, key=lambda r: abs(r[key] - mark)), "name": name} for name, rows in curves.items()]


def setup_table() -> str:
    """The four variants as the report trains them on MNIST: parameters of each net and the training settings, read
    from the code (``build_nets``, ``run_defaults``, ``TrainConfig``), so the table cannot drift from what ran."""
    config, body = TrainConfig(), []
    for variant, (make_g, _, conditional) in VARIANTS.items():
        G, D = build_nets(variant)
        settings = run_defaults(variant)
        body.append([variant, "MLP" if make_g is MLPGenerator else "conv, width 32", "yes" if conditional else "no",
                     f"{sum(p.numel() for p in G.parameters()):,}", f"{sum(p.numel() for p in D.parameters()):,}",
                     f"{settings['lr_g']:g}", f"{settings['r1_gamma']:g}"])
    referees = [f"the {title} referee, test accuracy {load_referee(name)[1]['test_accuracy']:.4f}"
                for name, title in (("mnist", "MNIST"), ("cifar10", "CIFAR-10"))]
    return (pipe_table(["variant", "nets", "label", "G parameters", "D parameters", "Adam lr", "R1 weight"], body,
                       ["left", "left", "left", "right", "right", "right", "right"])
            + f"\n\nAll four: noise of {config.latent_dim} dimensions, batch {config.batch_size}, Adam betas "
            f"{config.betas[0]:g} and {config.betas[1]:g} for both nets, the non-saturating loss; where the R1 weight is not 0, the penalty is "
            f"taken on every {config.r1_every}th D step. Judged by " + "; ".join(referees) + ".")


def _measured(results: dict, budget: str, study: str) -> str:
    """When, where, with which seeds and budget, by which command and in how long a study was measured."""
    seeds, steps = results["seeds"], results.get("steps_per_run")
    command = (f"--steps {steps}" if steps else f"--minutes {results['budget_minutes']:g}") + (
        f" --seeds {len(seeds)}" if len(seeds) > 1 else "") + f" --study {study}"
    return (f"Measured on {results['date']} on {results['machine']}; "
            + (f"seeds {', '.join(map(str, seeds))} (each table cell: the mean, and in brackets the lowest and "
               f"highest of the {len(seeds)} runs); " if len(seeds) > 1 else f"seed {seeds[0]}; ")
            + f"{budget}; `python -m ganlib report {command}` took {results['total_minutes']:g} minutes.")


def _steps_or_minutes(results: dict) -> str:
    steps = results.get("steps_per_run")
    return (f"{steps:,} training steps of {TrainConfig().batch_size} images per run" if steps
            else f"{results['minutes_per_run']:g} training minutes per run")


def tables(results: dict) -> dict:
    """The Markdown blocks of the report, by marker name, from ``results`` (report/results.json)."""
    repeats = results.get("repeats") or [results]
    curves = [[{**row, "name": variant} for variant, rows in r["curves"].items() for row in rows] for r in repeats]
    steps = results.get("steps_per_run")
    budget = _steps_or_minutes(results) + (f" ({round(steps * FAILURE_STEPS):,} for the failure modes)" if steps else "")
    compact = {"extras": ("steps", "minutes"), "short": True}
    key = f"\n\n{TABLE_KEY}"
    blocks = {
        "nets": setup_table(),
        "setup": _measured(results, f"{budget}; the referee judged {results['samples']:,} samples per evaluation, and "
                           "the time includes the shipped generators' evaluation", "mnist"),
        "quality": markdown_table(spread(curves), "variant", **compact) + key,
        "equal_minutes": markdown_table(spread([at_equal(r["curves"]) for r in repeats]), "variant",
                                        **compact) + key,
        "ablation": markdown_table(spread([r["ablation"] for r in repeats]), "recipe", **compact)
        + f"\n\n{_key(ABLATIONS)} {TABLE_KEY}",
        "failures": _failure_table(spread([r["failures"] for r in repeats]))
        + f"\n\n{_key(FAILURES)} D(x), D(G(z)): D's mean outputs over the last logged steps. {TABLE_KEY}",
        "shipped": "\n\n".join(markdown_table(rows, f"shipped ({data})", ("epochs", "minutes"), True)
                                for data, rows in results["shipped"].items()) + key,
    }
    at_minutes = results["equal_minutes"]
    measured = (f"\n\nMeasured on {at_minutes['date']} on {at_minutes['machine']}, seeds "
                f"{', '.join(map(str, at_minutes['seeds']))}; `python -m ganlib report --study equal-minutes` (the "
                f"retrainings of both equal-minutes tables) took {at_minutes['total_minutes']:g} minutes.")
    blocks["variants_minutes"] = markdown_table(spread(at_minutes["variants"]), "variant", **compact) + key + measured
    blocks["ablation_minutes"] = markdown_table(spread(at_minutes["ablation"]), "recipe", **compact) + key + measured
    return {**blocks, **colour_tables(results["colour"]), **(loss_tables(results["losses"]) if results.get("losses") else {})}


def colour_tables(colour: dict) -> dict:
    """The blocks of section 5.5: the CIFAR-10 recipes at equal steps (and, the nets being the same, about equal
    minutes), and the faces widths at equal minutes and at about equal steps."""
    repeats = colour["repeats"]
    recipes = spread([[{**row, "name": row["name"].replace(CIFAR10_PREFIX, "")} for row in r["cifar10_recipes"]]
                      for r in repeats])
    faces = [_by_name(r["faces"]) for r in repeats]
    budget = (f"CIFAR-10: {_steps_or_minutes(colour)}, the referee judged {colour['samples']:,} samples per evaluation; "
              f"faces: {FACES_MINUTES:g} training minutes per width, judged {FACES_POINTS} times along the way on "
              f"{min(colour['samples'], FACES_SAMPLES):,} generated and as many real faces")
    return {
        "colour_setup": _measured(colour, budget, "colour"),
        "cifar10_recipes": markdown_table(recipes, "CIFAR-10 recipe", ("steps", "minutes"), True)
        + f"\n\n{CIFAR10_KEY} {TABLE_KEY}",
        "faces": _faces_table(spread([[row for rows in r.values() for row in rows[1::2]] for r in faces])),
        "faces_equal_steps": _faces_table(spread([at_equal(r, "steps") for r in faces])),
    }


def _by_name(rows: list) -> dict:
    """Rows of several runs, one after the other, as name -> that run's rows."""
    runs = {}
    for row in rows:
        runs.setdefault(row["name"], []).append(row)
    return runs


def _faces_table(rows: list) -> str:
    body = [[row["name"]] + [number_with_range(row, key, form) for key, form in (
        ("steps", "{:,.0f}"), ("minutes", "{:.1f}"), ("images_per_second", "{:,.0f}"), ("frechet_distance", "{:.1f}"))]
        for row in rows]
    body.append(["two sets of real faces (floor)", "", "", "", f"{rows[0]['floor']:.2f}"])
    return (pipe_table(["faces DCGAN", "steps", "minutes", "img/s", "FD"], body, ["left"] + ["right"] * 4)
            + "\n\nFD: Frechet distance between generated and real faces in the CIFAR-10 referee's features (lower "
            "is better; the floor: between two sets of real faces).")


_BLOCK = re.compile(r"(<!-- ganlib:([\w-]+) -->\n).*?(<!-- /ganlib:\2 -->)", re.DOTALL)


def fill_blocks(text: str, blocks: dict) -> str:
    """Replace what sits between each ``<!-- ganlib:NAME -->`` and ``<!-- /ganlib:NAME -->`` with ``blocks[NAME]``."""
    def replace(match):
        name = match.group(2)
        if name not in blocks:
            raise ValueError(f"the report asks for a table {name!r} that ganlib.course.report does not make "
                             f"(it makes: {', '.join(blocks)}): fix the marker's name")
        return f"{match.group(1)}{blocks[name].strip()}\n{match.group(3)}"
    return _BLOCK.sub(replace, text)


def read_results(path: Path) -> dict:
    """The measurements an earlier ``report`` run saved in ``path``, or a ValueError saying the file is damaged and
    what to do: a half-written or hand-edited file would otherwise end in a traceback from deep inside the tables."""
    try:
        results = json.loads(Path(path).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        results = None
    needed = {"curves": dict, "samples": int, "shipped": dict}
    if not isinstance(results, dict) or any(not isinstance(results.get(k), kind) for k, kind in needed.items()):
        raise ValueError(f"{path} is damaged (not the JSON of a report run, or without its "
                         f"{', '.join(needed)}): rerun `python -m ganlib report` without --tables-only, or restore the "
                         "file from git (git checkout -- report/results.json)")
    return results


def write_report(results: dict, markdown: Path) -> Path:
    """Fill the tables of ``markdown`` (report.md) from ``results``, in place, atomically, and draw the figure that
    needs only ``results`` (the quality curves of the first seed)."""
    markdown = Path(markdown)
    if not markdown.is_file():
        raise FileNotFoundError(f"{markdown} not found: the report's tables go into an existing report.md")
    floor = reference_values("mnist")["real training images"]
    save_figure(plot_quality(results["curves"], floor), figures_dir() / "report_quality.png")
    return atomic_write_text(markdown, fill_blocks(markdown.read_text(), tables(results)))


PANDOC = ["pandoc", "--from", "markdown", "--standalone", "--shift-heading-level-by=-1", "-V", "geometry:margin=2.2cm",
          "-V", "colorlinks=true", "-V", "fontsize=10pt"]
# The first heading becomes the PDF's title (--shift-heading-level-by=-1). LaTeX for the PDF's header (pandoc -H):
# tables in a smaller type, figures where the text puts them, and captions without LaTeX's own "Figure N:" (each
# caption in report.md starts with its number, so the text and GitHub agree with the PDF).
PDF_HEADER = r"""\usepackage{etoolbox}
\AtBeginEnvironment{longtable}{\small}
\usepackage{float}
\floatplacement{figure}{H}
\usepackage{caption}
\captionsetup[figure]{labelformat=empty}
"""


def source_fingerprint(markdown: Path) -> str:
    """A short hash of report.md, written into the PDF's subject so a test can tell the PDF matches its source."""
    return hashlib.sha256(Path(markdown).read_bytes()).hexdigest()[:16]


def build_pdf(markdown: Path, pdf: Optional[Path] = None) -> Path:
    """``report.pdf`` from ``report.md``: pandoc writes LaTeX, XeLaTeX typesets it (GIFs are links, so every figure
    is a PNG). Refuses, with the reasons, a report whose PDF would have a line or table past the page's edge, an
    unnumbered figure or a citation without its reference (``pdf_problems``, ``citation_problems``)."""
    markdown = Path(markdown).resolve()
    pdf = Path(pdf) if pdf else markdown.with_suffix(".pdf")
    if not pdf_tools_installed():
        raise FileNotFoundError("building the PDF needs pandoc and XeLaTeX: on Debian or Ubuntu `apt-get install "
                                "pandoc texlive-xetex texlive-latex-recommended texlive-fonts-recommended lmodern` "
                                "(see report/README.md)")
    text = markdown.read_text()
    problems = citation_problems(text) + figure_problems(text)
    subject = f"subject=built from report.md {source_fingerprint(markdown)}"
    with tempfile.TemporaryDirectory(prefix="ganlib-pdf-") as folder:
        header, tex = Path(folder) / "header.tex", Path(folder) / "report.tex"
        header.write_text(PDF_HEADER)
        subprocess.run(PANDOC + ["-H", str(header), "-M", subject, str(markdown), "-o", str(tex)], check=True)
        for _ in range(2):  # the second pass settles the long tables' column widths
            done = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error",
                                   f"-output-directory={folder}", str(tex)], cwd=markdown.parent, capture_output=True)
            log = (Path(folder) / "report.log").read_text(errors="replace")
            if done.returncode != 0:
                errors = re.findall(r"^! .*(?:\n.*){0,2}", log, re.MULTILINE)
                raise ValueError("XeLaTeX could not typeset the report:\n" + "\n".join(errors or [log[-1500:]]))
        problems += pdf_problems(log)
        if problems:
            raise ValueError("report.pdf not written, because:\n  " + "\n  ".join(problems))
        shutil.copyfile(Path(folder) / "report.pdf", pdf)
    return pdf


def pdf_tools_installed() -> bool:
    return shutil.which("pandoc") is not None and shutil.which("xelatex") is not None


def pdf_problems(log: str, tolerance_pt: float = 1.0) -> list:
    """What XeLaTeX's log says went wrong on the page: a box wider than the text (a table or a word past the
    edge), a glyph the font lacks, an undefined reference."""
    problems = []
    for match in re.finditer(r"Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)[^\n]*\n([^\n]*)", log):
        if float(match.group(1)) > tolerance_pt:
            problems.append(f"a line {match.group(1)}pt past the edge of the text: {match.group(2).strip()[:80]!r}")
    problems += [f"the font lacks a character: {m.group(1)}" for m in re.finditer(r"Missing character: ([^\n]*)", log)]
    problems += [m.group(0) for m in re.finditer(r"LaTeX Warning: (?:Reference|Citation) [^\n]*undefined[^\n]*", log)]
    return problems


_SURNAME = r"[A-Z][\w\u00C0-\u017F-]+"


def _reference_keys(references: str) -> dict:
    """``"Lucic et al., 2018"``-style keys of the reference list's entries (``- Surname, I. ... (YEAR)``)."""
    keys = {}
    for line in re.findall(r"^- (.+?\(\d{4}\))", references, re.MULTILINE):
        authors, year = line.rsplit("(", 1)
        surnames = re.findall(rf"({_SURNAME}), (?:[A-Z]\.-?)+", authors)
        if "et al." in authors or len(surnames) > 2:
            key = f"{surnames[0]} et al."
        else:
            key = " and ".join(surnames)
        keys[f"{key}, {year.rstrip(')')}"] = line
    return keys


def citation_problems(text: str) -> list:
    """Every ``Surname et al., 2018`` / ``Surname and Other (2018)`` of the text must be in the references (the
    section headed "References"), and every reference cited."""
    parts = re.split(r"^#+ [\d. ]*References\s*$", text, maxsplit=1, flags=re.MULTILINE)
    body, references = parts if len(parts) == 2 else (text, "")
    keys, body = _reference_keys(references), re.sub(r"\s+", " ", body)
    cited = {f"{m.group(1)}, {m.group(2) or m.group(3)}" for m in re.finditer(
        rf"({_SURNAME}(?: et al\.| and {_SURNAME})?)(?:, (\d{{4}})| \((\d{{4}})\))", body)}
    return ([f"cited but not in the references: {c}" for c in sorted(cited - set(keys))]
            + [f"in the references but never cited: {keys[k]}" for k in sorted(set(keys) - cited)])


def figure_problems(text: str) -> list:
    """Every figure (an image alone in its paragraph) has a caption starting "Figure N." with N = 1, 2, ... in order,
    and the text refers to each ("Figure N")."""
    captions = re.findall(r"^!\[([^\]]*)\]\([^)]+\)\s*$", text, re.MULTILINE)
    problems = []
    for number, caption in enumerate(captions, 1):
        if not caption.startswith(f"Figure {number}."):
            problems.append(f"figure {number} needs a caption starting 'Figure {number}.', has {caption[:40]!r}")
        elif len(re.findall(rf"Figure {number}\b", re.sub(r"!\[[^\]]*\]", "", text))) == 0:
            problems.append(f"the text never refers to Figure {number}")
    return problems
