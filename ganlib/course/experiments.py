"""The course's experiments: train a recipe for a budget of minutes and ask the referee along the way. ``python -m
ganlib bench variants|recipes|faces`` print them as tables; the report (``ganlib.course.report``) is built on them.
Nothing here is asserted by a test: numbers depend on the machine.
"""
from __future__ import annotations

import contextlib
import io
import tempfile
from typing import Optional

import torch

from ..config import TrainConfig, run_settings
from ..data import load_dataset
from ..evaluation.tables import markdown_table
from ..evaluation.verdict import evaluate_generator, frechet_between
from ..loop import train
from ..machine import pick_device, seed_everything
from ..nets import VARIANTS, ConvDiscriminator, ConvGenerator, nets_for_data, rebuild_net
from ..places import is_smoke
from ..sampling import sample_images
from .shipped import shipped_name

# What the course tried before choosing its defaults, each a step from its neighbour (2 minutes each).
# name: (generator class, its options, discriminator class, its options, TrainConfig options)
_LABELS = {"n_classes": 10}  # the conditional recipes
_TEXTBOOK = {"lr_g": 2e-4, "lr_d": 2e-4, "ema_decay": 0.0, "r1_gamma": 0.0}
_CIFAR = {"n_classes": 10, "image_size": 32, "channels": 3}
RECIPES = {
    "cdcgan textbook: width 64, label as a channel, lr 2e-4":
        ("ConvGenerator", {"width": 64, **_LABELS}, "ConvDiscriminator", {"width": 64, **_LABELS, "projection": False}, _TEXTBOOK),
    "cdcgan width 32":
        ("ConvGenerator", {"width": 32, **_LABELS}, "ConvDiscriminator", {"width": 32, **_LABELS, "projection": False}, _TEXTBOOK),
    "cdcgan width 32, projection":
        ("ConvGenerator", {"width": 32, **_LABELS}, "ConvDiscriminator", {"width": 32, **_LABELS, "projection": True}, _TEXTBOOK),
    "cdcgan width 32, projection, lr 5e-4 (default)":
        ("ConvGenerator", {"width": 32, **_LABELS}, "ConvDiscriminator", {"width": 32, **_LABELS, "projection": True},
         {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4}),
    "cdcgan width 32, projection, lr 5e-4, EMA 0.999":
        ("ConvGenerator", {"width": 32, **_LABELS}, "ConvDiscriminator", {"width": 32, **_LABELS, "projection": True},
         {"lr_g": 5e-4, "lr_d": 5e-4, "ema_decay": 0.999}),
    "dcgan width 32, lr 2e-4": ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32}, _TEXTBOOK),
    "dcgan width 32, lr 5e-4":
        ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32}, {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4}),
    # Tried for the unconditional DCGAN's class balance; none beat lr 5e-4 alone in 2 minutes.
    "dcgan generator width 64": ("ConvGenerator", {"width": 64}, "ConvDiscriminator", {"width": 32},
                                 {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4}),
    "dcgan discriminator width 64": ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 64},
                                     {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4}),
    "dcgan two time-scales: lr_g 2e-4, lr_d 8e-4": ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32},
                                                    {**_TEXTBOOK, "lr_g": 2e-4, "lr_d": 8e-4}),
    "dcgan batch 64": ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32},
                       {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4, "batch_size": 64}),
    # What evened the class balance: the R1 penalty, on every 4th D step ("lazy").
    "dcgan width 32, lr 5e-4, R1 penalty gamma 1 (default)":
        ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32},
         {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4, "r1_gamma": 1.0}),
    # How often to take the R1 penalty (notebook 03): on every step, every 4th (the default) or every 16th (StyleGAN2).
    **{f"dcgan width 32, lr 5e-4, R1 gamma 1 {when}": (
        "ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32},
        {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4, "r1_gamma": 1.0, "r1_every": n})
       for n, when in ((1, "on every step"), (16, "on every 16th step"))},
    # The objectives of notebook 09 on the same DCGAN (python -m ganlib bench losses): the course's non-saturating
    # recipe above, the hinge loss with spectral norm (SNGAN), and WGAN-GP with its paper's settings (5 critic updates
    # per generator update, Adam 1e-4, betas (0, 0.9), penalty weight 10). Neither new D has batch norm.
    "dcgan hinge, spectral norm": ("ConvGenerator", {"width": 32}, "ConvDiscriminator",
                                   {"width": 32, "batch_norm": False, "spectral_norm": True},
                                   {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4, "loss": "hinge", "spectral_norm": True}),
    "dcgan wgan-gp": ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32, "batch_norm": False},
                      {"ema_decay": 0.0, "loss": "wgan-gp"}),
    "cgan label as an input": ("MLPGenerator", _LABELS, "MLPDiscriminator", {**_LABELS, "projection": False}, _TEXTBOOK),
    "cgan projection (default)": ("MLPGenerator", _LABELS, "MLPDiscriminator", {**_LABELS, "projection": True}, _TEXTBOOK),
    # CIFAR-10, conditional DCGAN (python -m ganlib bench recipes --data cifar10).
    **{f"cifar10 {name}": ("ConvGenerator", {**_CIFAR, "width": g}, "ConvDiscriminator", {**_CIFAR, "width": d},
                           {"data": "cifar10", "variant": "cdcgan", "lr_g": 5e-4, "lr_d": 5e-4, **options})
       for name, (g, d, options) in {
           "width 32, no class loss": (32, 32, {"class_weight": 0.0}),
           "width 32, class loss 1 (default)": (32, 32, {"class_weight": 1.0}),
           "width 32, class loss 3": (32, 32, {"class_weight": 3.0}),
       }.items()},
}


def referee_judge(samples: int = 10_000):
    """How the studies judge a generator: the referee's numbers for ``samples`` of its images."""
    return lambda G: evaluate_generator(G, samples)


def quality_over_time(G, D, images, labels, minutes: Optional[float] = None, points: int = 1, seed: int = 0,
                      judge=None, steps: Optional[int] = None, **options):
    """Train ``G`` against ``D`` from a fresh start for ``minutes`` of training, or for ``steps`` batches, stopping
    ``points`` times to ``judge(G)`` (default: the referee's numbers for 10,000 samples). Returns the rows and the
    History.

    The run is cut into equal slices that resume from a checkpoint (exactly, see ``ganlib.loop.train``), so the
    judging costs no training time. Each row holds the training minutes, steps, epochs and images/s so far. A
    budget in steps is the same on every machine; one in minutes is what a student with a time limit gets.
    """
    if (minutes is None) == (steps is None):
        raise ValueError("give the training budget as minutes or as steps (one of the two)")
    judge = judge or referee_judge()
    options.setdefault("variant", G.variant)
    rows, history = [], None
    with tempfile.TemporaryDirectory(prefix="ganlib-bench-") as folder:
        for point in range(points):
            budget = ({"minutes": minutes / points} if steps is None else
                      {"max_steps": max(1, round(steps * (point + 1) / points))})
            config = TrainConfig(epochs=10_000, seed=seed, progress=False, checkpoint_dir=folder,
                                 checkpoint_every_minutes=None, **budget, **options)
            said = io.StringIO()  # a slice's "Resuming from <a temporary file>" is no news to the reader: left out
            with contextlib.redirect_stdout(said) if point else contextlib.nullcontext():
                history = train(G, D, images, labels, config, resume=point > 0)
            print("".join(line for line in said.getvalue().splitlines(True) if not line.startswith("Resuming from ")),
                  end="")
            if history.stop_reason.startswith("interrupted"):  # Ctrl-C or SIGTERM stops the study, not just this slice
                raise KeyboardInterrupt(f"the study was stopped during a training run ({history.stop_reason})")
            rows.append({"minutes": round(history.seconds / 60, 2),
                         # the batch the loop took (smoke mode shrinks it), not the one asked for
                         "steps": history.images_seen // (run_settings(config).batch_size * config.critic_steps),
                         "epochs": history.snapshot_epochs[-1], "images_per_second": round(history.images_per_second),
                         **judge(G)})
            if history.diverged:
                break
    return rows, history


def run_recipe(recipe, images, labels, minutes: Optional[float], seed: int = 0, judge=None,
               steps: Optional[int] = None):
    """A fresh run of one recipe, ``(G class, its options, D class, its options, TrainConfig options)`` as in
    ``RECIPES``, for ``minutes`` (or ``steps``); returns ``quality_over_time``'s rows and History."""
    g_class, g_options, d_class, d_options, options = recipe[:5]
    seed_everything(seed)
    G, D = rebuild_net(g_class, g_options), rebuild_net(d_class, d_options)
    return quality_over_time(G, D, images, labels, minutes, 1, seed, judge, steps, **options)


def bench_variants(minutes: float = 5.0, variants=None, seed: int = 0, data: str = "mnist", device=None) -> list:
    """Train each variant from a fresh start for ``minutes`` with the course's defaults, then ask the referee."""
    images, labels, classes = load_dataset(data)
    print(f"{minutes:g} minutes per variant on {data}, {pick_device(device)}, {torch.get_num_threads()} threads")
    rows = []
    for variant in variants or VARIANTS:
        seed_everything(seed)
        G, D = nets_for_data(variant, images, labels, classes)
        curve, history = quality_over_time(G, D, images, labels, minutes, 1, seed, variant=variant, data=data,
                                           device=device)
        rows.append({"name": shipped_name(variant, data), **curve[-1], "warnings": history.warnings})
        print(f"  {variant}: done", flush=True)
    print(markdown_table(rows, "variant"))
    return rows


def recipes_for(data: str) -> list:
    """The names of the ``RECIPES`` tried on one data set."""
    return [name for name, recipe in RECIPES.items() if recipe[4].get("data", "mnist") == data]


def bench_recipes(minutes: Optional[float] = 2.0, names=None, seed: int = 0, data: str = "mnist",
                  steps: Optional[int] = None, samples: int = 10_000) -> list:
    """The recipe comparison behind the defaults: ``RECIPES`` of one data set, each from a fresh start for
    ``minutes`` (or ``steps`` batches), judged on ``samples`` images."""
    names = names or recipes_for(data)
    images, labels, _ = load_dataset(data)
    said = f"{steps:,} steps" if steps else f"{minutes:g} minutes"
    print(f"{said} per recipe on {data}, seed {seed}, {pick_device()}, {torch.get_num_threads()} threads", flush=True)
    rows = []
    for name in names:
        curve, history = run_recipe(RECIPES[name], images, labels, None if steps else minutes, seed,
                                    referee_judge(samples), steps)
        rows.append({"name": name, **curve[-1], "warnings": history.warnings})
        print(f"  {name}: done", flush=True)
    print(markdown_table(rows, "recipe"))
    return rows


# The three objectives notebook 09 compares on the same DCGAN (names of RECIPES), under the names it shows.
LOSS_RECIPES = {
    "non-saturating + R1 (default)": "dcgan width 32, lr 5e-4, R1 penalty gamma 1 (default)",
    "hinge + spectral norm": "dcgan hinge, spectral norm",
    "WGAN-GP": "dcgan wgan-gp",
}


def bench_losses(minutes: Optional[float] = 2.0, seeds: int = 3, steps: Optional[int] = None, samples: int = 10_000,
                 first_seed: int = 0):
    """The same DCGAN on MNIST trained with each objective of ``LOSS_RECIPES``, from a fresh start for ``minutes``
    (or ``steps`` generator updates), for ``seeds`` seeds, judged by the referee on ``samples`` images.

    Returns the rows (each number the mean over the seeds, with its range) and, per objective, the History of the
    first seed (its curves and last snapshot are what the notebook draws)."""
    images, _, _ = load_dataset("mnist")
    seeds = 1 if is_smoke() else seeds  # a smoke run checks that it runs, not the spread over seeds
    said = f"{steps:,} steps" if steps else f"{minutes:g} minutes"
    print(f"{said} per objective and seed on mnist, {pick_device()}, {torch.get_num_threads()} threads", flush=True)
    per_seed, histories = [], {}
    for seed in range(first_seed, first_seed + seeds):
        rows = []
        for name, recipe in LOSS_RECIPES.items():
            curve, history = run_recipe(RECIPES[recipe], images, None, None if steps else minutes, seed,
                                        referee_judge(samples), steps)
            rows.append({"name": name, **curve[-1], "warnings": history.warnings})
            histories.setdefault(name, history)
            print(f"  seed {seed}, {name}: done", flush=True)
        per_seed.append(rows)
    rows = spread(per_seed)
    print(markdown_table(rows, "objective"))
    return rows, histories


def bench_faces(minutes: float = 6.0, widths=(16, 32, 64), points: int = 3, samples: int = 2000, seed: int = 0,
                data: str = "celeba") -> list:
    """Faces per CPU-minute: the 64x64 DCGAN at each width for ``minutes`` (Adam 2e-4, batch 128), judged
    ``points`` times by the Frechet distance between ``samples`` generated and real faces in the CIFAR-10
    referee's features (``evaluation.verdict.frechet_between``; what that number can and cannot tell is said there)."""
    faces = load_dataset(data, image_size=64).images
    reference, others = faces[0::2][:samples], faces[1::2][:samples]  # two disjoint sets of real faces
    floor = frechet_between(others, reference)
    print(f"{minutes:g} minutes per width on {len(faces):,} faces, seed {seed}, {pick_device()}, "
          f"{torch.get_num_threads()} threads; floor (real vs real) {floor:.2f}", flush=True)

    def judge(G):
        return {"frechet_distance": frechet_between(sample_images(G, samples, seed=seed)[0], reference)}

    rows = []
    for width in widths:
        seed_everything(seed)
        G = ConvGenerator(image_size=64, channels=3, width=width)
        D = ConvDiscriminator(image_size=64, channels=3, width=width)
        curve, _ = quality_over_time(G, D, faces, None, minutes, points, seed, judge, data=data, lr_g=2e-4, lr_d=2e-4)
        rows += [{"name": f"width {width}", "width": width, "floor": floor, **row} for row in curve]
        for row in curve:
            print(f"  width {width:3d}: {row['minutes']:5.2f} min, {row['epochs']:5.2f} epochs, "
                  f"{row['images_per_second']:5,d} images/s, Frechet distance {row['frechet_distance']:6.2f}", flush=True)
    return rows


def variant_run(variant: str, images, labels, budget: dict, samples: int, seed: int, points: int = 1):
    """A fresh run of one variant with the course's defaults for the ``budget`` (minutes or steps), judged ``points``
    times: ``quality_over_time``'s rows and History."""
    seed_everything(seed)
    G, D = nets_for_data(variant, images, labels)
    return quality_over_time(G, D, images, labels, budget.get("minutes"), points, seed, referee_judge(samples),
                             steps=budget.get("steps"))


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
