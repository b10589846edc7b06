"""The report's measurements: ``python -m ganlib report`` reruns them and writes what ``report/report.md`` shows.

Three studies, each run from a fresh start with seed 0 for the same training budget:
quality against wall-clock minutes for each variant, the ablation of the default recipe (one trick
removed at a time), and the failure modes reproduced on purpose. Results go to ``report/results.json``,
figures to ``report/figures/report_*.png``, and tables into ``report.md`` between the markers
``<!-- ganlib:NAME -->`` and ``<!-- /ganlib:NAME -->``: the prose is written by hand, the numbers never.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Optional

from matplotlib.figure import Figure

from ..data import load_mnist
from ..evaluation.tables import markdown_table, number_with_range
from ..evaluation.referee import reference_values
from ..evaluation.verdict import evaluate_generator
from ..machine import describe_machine, seed_everything
from ..nets import VARIANTS, nets_for_data
from ..pictures import HEALTHY_BAND, plot_curves, save_figure, save_image_grid
from ..places import figures_dir, is_smoke, project_root
from .experiments import quality_over_time, run_recipe
from .shipped import evaluate_shipped

# The default budget (an hour on two CPU cores) is shared by this many equal training runs, which leaves
# about one run's worth of time for the referee's evaluations: 4 variants + 4 ablations + 3 failures.
BUDGET_SHARES = 12
RESULTS_FILE = "results.json"  # in report/, next to report.md
QUALITY_POINTS = 5  # evaluations along each variant's training, evenly spread over its minutes

# The default recipe of the conditional DCGAN, and what each row of the ablation puts back to the textbook.
# name: (generator class, its options, discriminator class, its options, TrainConfig options), as experiments.RECIPES.
_CDCGAN = {"width": 32, "n_classes": 10}
ABLATIONS = {
    "default: width 32, projection D, lr 5e-4, beta1 0.5":
        ("ConvGenerator", _CDCGAN, "ConvDiscriminator", {**_CDCGAN, "projection": True}, {}),
    "label as an input channel instead of a projection D (Miyato and Koyama, 2018)":
        ("ConvGenerator", _CDCGAN, "ConvDiscriminator", {**_CDCGAN, "projection": False}, {}),
    "learning rate 2e-4 (the DCGAN paper's) instead of 5e-4":
        ("ConvGenerator", _CDCGAN, "ConvDiscriminator", {**_CDCGAN, "projection": True}, {"lr_g": 2e-4, "lr_d": 2e-4}),
    "width 64 (the DCGAN paper's) instead of 32":
        ("ConvGenerator", {**_CDCGAN, "width": 64}, "ConvDiscriminator", {**_CDCGAN, "width": 64, "projection": True}, {}),
    "Adam beta1 0.9 (PyTorch's default) instead of 0.5 (Radford et al., 2015)":
        ("ConvGenerator", _CDCGAN, "ConvDiscriminator", {**_CDCGAN, "projection": True}, {"betas": (0.9, 0.999)}),
}

# Failures on purpose, with the MLP nets (the fastest), each with what the reader should see.
FAILURES = {
    "mode collapse": ("MLPGenerator", {}, "MLPDiscriminator", {"hidden": (64,)}, {"lr_g": 1e-3, "lr_d": 2e-4},
                      "a weak D (one hidden layer of 64 units) and G learning 5 times faster (lr 1e-3 vs 2e-4)"),
    "the discriminator wins": ("MLPGenerator", {}, "MLPDiscriminator", {}, {"lr_g": 1e-5, "lr_d": 1e-3},
                               "D learns 100 times faster than G (lr 1e-3 vs 1e-5)"),
    "the generator ignores its label": ("MLPGenerator", {"n_classes": 10}, "MLPDiscriminator", {}, {},
                                        "a conditional G with an unconditional D"),
}


def plot_histories(histories: dict, smooth: int = 10) -> Figure:
    """Several runs side by side: losses (top row) and mean D(x), D(G(z)) (bottom row), one column per run."""
    figure = Figure(figsize=(3.2 * len(histories), 5.2), layout="constrained")
    axes = figure.subplots(2, len(histories), squeeze=False)
    for column, (name, history) in enumerate(histories.items()):
        top, bottom = axes[0, column], axes[1, column]
        plot_curves(top, history, ("loss_d", "loss_g"), ("D loss", "G loss"), smooth)
        top.set_title(name, fontsize=10)
        bottom.axhspan(*HEALTHY_BAND, color="green", alpha=0.08)
        plot_curves(bottom, history, ("d_real", "d_fake"), ("D(x)", "D(G(z))"), smooth)
        bottom.set_ylim(0, 1)
    return figure


def plot_quality(curves: dict, floor: Optional[dict] = None) -> Figure:
    """The referee's numbers against training minutes, one line per run: Frechet distance, conditional
    accuracy and class KL (``curves``: name -> rows with ``minutes`` and the metrics; ``floor``: real data)."""
    figure = Figure(figsize=(11, 3.4), layout="constrained")
    panels = (("frechet_distance", "Frechet distance (log)", True), ("conditional_accuracy", "conditional accuracy", False),
              ("kl_from_uniform", "class-histogram KL (log)", True))
    for ax, (key, label, log) in zip(figure.subplots(1, 3), panels):
        for name, rows in curves.items():
            points = [(r["minutes"], r[key]) for r in rows if r.get(key) is not None]
            if points:
                ax.plot(*zip(*points), marker="o", label=name)
        if floor and floor.get(key) is not None:
            ax.axhline(floor[key], color="gray", linestyle=":", linewidth=1, label="real images")
        if log:
            ax.set_yscale("log")
        ax.set_xlabel("training minutes")
        ax.set_title(label, fontsize=10)
        ax.legend(fontsize=8)
    return figure


def _judge(samples: int):
    return lambda G: evaluate_generator(G, samples)


def _recipe_run(recipe, images, labels, budget: dict, samples: int, seed: int):
    """One fresh run of a recipe for the ``budget`` (minutes or steps): its row (with D's last mean outputs) and
    History."""
    rows, history = run_recipe(recipe, images, labels, budget.get("minutes"), seed, _judge(samples), budget.get("steps"))
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
        seed_everything(seed)
        G, D = nets_for_data(variant, images, labels)
        points = 2 if is_smoke() else QUALITY_POINTS
        found["curves"][variant], histories[variant] = quality_over_time(
            G, D, images, labels, budget.get("minutes"), points, seed, _judge(samples), budget.get("steps"))
        if figures:
            save_image_grid(histories[variant].snapshots[-1], figures / f"report_samples_{variant}.png")
        if variant == "cdcgan":  # the ablation's first row is this very run
            found["ablation"].append({"name": next(iter(ABLATIONS)), **found["curves"][variant][-1]})
    for name, recipe in list(ABLATIONS.items())[1:]:
        print(f"seed {seed}, ablation, {said}: {name}", flush=True)
        row, _ = _recipe_run(recipe, images, labels, budget, samples, seed)
        found["ablation"].append({"name": name, **row})
    for name, recipe in FAILURES.items():
        print(f"seed {seed}, failure mode, {said}: {name}", flush=True)
        row, history = _recipe_run(recipe, images, labels, budget, samples, seed)
        found["failures"].append({"name": name, "settings": recipe[5], **row})
        failure_histories[name] = history
        if figures:
            save_image_grid(history.snapshots[-1], figures / f"report_failure_{_slug(name)}.png")
    if figures:
        floor = reference_values("mnist")["real training images"]
        save_figure(plot_quality(found["curves"], floor), figures / "report_quality.png")
        save_figure(plot_histories(histories), figures / "report_training.png")
        save_figure(plot_histories(failure_histories), figures / "report_failures.png")
    return found


def run_report(minutes: float = 60.0, samples: int = 10_000, seed: int = 0, seeds: int = 1,
               steps: Optional[int] = None) -> dict:
    """Every measurement of the report; writes results and figures.

    Each study runs ``seeds`` times (seeds ``seed``, ``seed + 1``, ...). The budget of each training run is a
    share of ``minutes`` (about ``minutes`` in all per seed), or ``steps`` batches when given: the same work on
    any machine. The figures show the first seed; the tables, with several seeds, each number's mean and range.
    """
    out, figures = report_dir(), figures_dir()
    share = minutes / BUDGET_SHARES
    budget = {"steps": steps} if steps else {"minutes": share}
    images, labels = load_mnist()
    results = {"machine": describe_machine(), "date": time.strftime("%Y-%m-%d"), "budget_minutes": minutes,
               "minutes_per_run": share if not steps else None, "steps_per_run": steps, "samples": samples,
               "seed": seed, "seeds": list(range(seed, seed + seeds))}
    started = time.monotonic()
    repeats = [_one_seed(images, labels, budget, samples, s, figures if s == seed else None)
               for s in results["seeds"]]
    results.update({k: repeats[0][k] for k in ("curves", "ablation", "failures")})
    if seeds > 1:
        results["repeats"] = repeats
    print("the shipped generators", flush=True)
    results["shipped"] = evaluate_shipped(samples, seed)
    results["total_minutes"] = round((time.monotonic() - started) / 60, 1)
    _write_atomically(out / RESULTS_FILE, json.dumps(results, indent=2))
    return results


def _write_atomically(path: Path, text: str) -> Path:
    """Write a temporary file next to ``path``, then rename it over ``path``: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text)
    temporary.replace(path)
    return path


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


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


SPREAD_KEYS = ("frechet_distance", "conditional_accuracy", "kl_from_uniform", "confidence", "d_real", "d_fake",
               "minutes", "steps", "epochs", "images_per_second")


def spread(repeats: list) -> list:
    """Rows of several seeds (one list of rows per seed, the same rows in the same order) as one list: each number
    the mean over the seeds, with its range (lowest, highest) under ``<key>_range``. One seed: its rows unchanged.
    Health warnings are the union of the seeds'."""
    if len(repeats) == 1:
        return repeats[0]
    merged = []
    for rows in zip(*repeats):
        if len({r["name"] for r in rows}) != 1:
            raise ValueError(f"the seeds' rows differ: {[r['name'] for r in rows]}")
        row = dict(rows[0])
        for key in SPREAD_KEYS:
            values = [r[key] for r in rows if r.get(key) is not None]
            if len(values) == len(rows):
                row[key], row[f"{key}_range"] = sum(values) / len(values), (min(values), max(values))
        if "warnings" in row:
            row["warnings"] = sorted({w for r in rows for w in r["warnings"]})
        merged.append(row)
    return merged


def _failure_table(rows: list) -> str:
    lines = ["| failure | settings | Frechet distance | conditional accuracy | class KL | confidence | D(x) | D(G(z)) "
             "| health warnings |", "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        warned = "; ".join(sorted({w.split(":")[0].replace("_", " ") for w in r["warnings"]})) or "none"
        cells = ["-" if r.get(key) is None else number_with_range(r, key, form) for key, form in (("frechet_distance", "{:.1f}"),
                 ("conditional_accuracy", "{:.3f}"), ("kl_from_uniform", "{:.4f}"), ("confidence", "{:.3f}"),
                 ("d_real", "{:.2f}"), ("d_fake", "{:.2f}"))]
        lines.append(f"| {r['name']} | {r['settings']} | " + " | ".join(cells) + f" | {warned} |")
    return "\n".join(lines)


def tables(results: dict, folder: Optional[Path] = None) -> dict:
    """The Markdown blocks of the report, by marker name, from ``results`` and the JSON files that ``python -m
    ganlib bench ... --json`` wrote into ``folder`` (default: the checkout's ``report/``, read even in smoke mode)."""
    root = project_root()
    folder = Path(folder) if folder else (root / "report" if root is not None else report_dir())
    repeats = results.get("repeats") or [results]
    curves = [[{**row, "name": variant} for variant, rows in r["curves"].items() for row in rows] for r in repeats]
    seeds = results.get("seeds") or [results["seed"]]
    budget = (f"{results['steps_per_run']:,} training steps per run" if results.get("steps_per_run") else
              f"{results['minutes_per_run']:g} training minutes per run")
    command = (f"--steps {results['steps_per_run']}" if results.get("steps_per_run") else
               f"--minutes {results['budget_minutes']:g}") + (f" --seeds {len(seeds)}" if len(seeds) > 1 else "")
    blocks = {
        "setup": (f"Measured on {results['date']} on {results['machine']}; "
                  + (f"seeds {', '.join(map(str, seeds))} (each table cell: the mean, and the range over the seeds); "
                     if len(seeds) > 1 else f"seed {seeds[0]}; ")
                  + f"{budget}; the referee judged {results['samples']:,} samples per evaluation; the whole "
                  f"`python -m ganlib report {command}` took {results['total_minutes']:g} minutes."),
        "quality": markdown_table(spread(curves), "variant"),
        "ablation": markdown_table(spread([r["ablation"] for r in repeats]), "conditional DCGAN recipe"),
        "failures": _failure_table(spread([r["failures"] for r in repeats])),
        "shipped": "\n\n".join(markdown_table(rows, f"shipped generator ({data})")
                                for data, rows in results["shipped"].items()),
    }
    for name, file, title in (("cifar10", "bench_cifar10.json", "variant (CIFAR-10)"),
                              ("cifar10_recipes", "bench_recipes_cifar10.json", "recipe (CIFAR-10)")):
        if (folder / file).is_file():
            blocks[name] = markdown_table(json.loads((folder / file).read_text()), title)
    if (folder / "bench_faces.json").is_file():
        blocks["faces"] = _faces_table(json.loads((folder / "bench_faces.json").read_text()))
    return blocks


def _faces_table(rows: list) -> str:
    lines = ["| width | training minutes | epochs | images/s | Frechet distance (CIFAR-10 referee features) |",
             "|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['width']} | {r['minutes']:.1f} | {r['epochs']:.1f} | {r['images_per_second']:,} | "
              f"{r['frechet_distance']:.1f} |" for r in rows]
    lines.append(f"| two sets of real faces (floor) | | | | {rows[0]['floor']:.2f} |")
    return "\n".join(lines)


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


def write_report(results: dict, markdown: Path) -> Path:
    """Fill the tables of ``markdown`` (report.md) from ``results``, in place, atomically."""
    markdown = Path(markdown)
    if not markdown.is_file():
        raise FileNotFoundError(f"{markdown} not found: the report's tables go into an existing report.md")
    return _write_atomically(markdown, fill_blocks(markdown.read_text(), tables(results)))


PANDOC = ["pandoc", "--from", "markdown", "--pdf-engine=xelatex", "-V", "geometry:margin=2.2cm",
          "-V", "colorlinks=true"]


def source_fingerprint(markdown: Path) -> str:
    """A short hash of report.md, written into the PDF's subject so a test can tell the PDF matches its source."""
    return hashlib.sha256(Path(markdown).read_bytes()).hexdigest()[:16]


def build_pdf(markdown: Path, pdf: Optional[Path] = None) -> Path:
    """``report.pdf`` from ``report.md`` with pandoc and XeLaTeX (GIFs are links, so every figure is a PNG)."""
    markdown = Path(markdown)
    pdf = Path(pdf) if pdf else markdown.with_suffix(".pdf")
    if shutil.which("pandoc") is None or shutil.which("xelatex") is None:
        raise FileNotFoundError("building the PDF needs pandoc and XeLaTeX: on Debian or Ubuntu `apt-get install "
                                "pandoc texlive-xetex texlive-latex-recommended lmodern` (see report/README.md)")
    subject = f"subject=built from report.md {source_fingerprint(markdown)}"
    subprocess.run(PANDOC + ["--resource-path", str(markdown.parent), "-M", subject, str(markdown), "-o", str(pdf)],
                   check=True)
    return pdf
