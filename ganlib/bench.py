"""Speed measurements, printed as tables: ``python -m ganlib bench data``.

Numbers depend on the machine; run this where you train. Nothing here is asserted by a test.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable, Optional

import torch

from .config import TrainConfig, data_dir, pick_device, seed_everything
from .data import TensorBatches, load_mnist
from .metrics import markdown_table
from .nets import ConvDiscriminator, ConvGenerator, build_nets
from .training import make_optimizers, train_step


def _rate(batches: Callable[[], Iterable], seconds: float, work=None) -> float:
    """Images per second over ``seconds`` of pulling batches (and doing ``work(x, y)`` on each)."""
    seen, start = 0, time.perf_counter()
    while True:
        for x, y in batches():
            if work is not None:
                work(x, y)
            seen += len(x)
            if time.perf_counter() - start > seconds:
                return seen / (time.perf_counter() - start)


def _dataloader(batch_size: int, workers: int, device):
    """The textbook way: torchvision's MNIST with PIL -> tensor -> normalise, one image at a time."""
    from torchvision import datasets, transforms

    dataset = datasets.MNIST(str(data_dir()), train=True, download=True, transform=transforms.Compose(
        [transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))]))
    loader = torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True,
                                         num_workers=workers, persistent_workers=workers > 0)

    def batches():
        for x, y in loader:
            yield x.to(device), y.to(device)
    return batches


def bench_data(seconds: float = 20.0, batch_size: int = 128, variant: str = "gan") -> list:
    """Images/s of the in-memory tensor path and of DataLoaders, alone and inside GAN training."""
    device = pick_device()
    images, labels = load_mnist()
    memory = TensorBatches(images, labels, batch_size, device)
    paths = {"in-memory tensor (ganlib)": lambda: iter(memory),
             "DataLoader, 0 workers": _dataloader(batch_size, 0, device),
             "DataLoader, 2 workers": _dataloader(batch_size, 2, device)}
    config = TrainConfig(variant=variant, batch_size=batch_size, smoke=False)
    rows = []
    print(f"device {device}, {torch.get_num_threads()} threads, batch {batch_size}, {seconds:g} s per cell")
    print(f"{'data path':28s} {'loading only':>14s} {'training ' + variant:>16s}")
    for name, batches in paths.items():
        seed_everything(0)
        G, D = build_nets(variant, config.latent_dim)
        G.to(device), D.to(device)
        opt_g, opt_d = make_optimizers(G, D, config)
        loading = _rate(batches, seconds)
        training = _rate(batches, seconds, lambda x, y: train_step(G, D, opt_g, opt_d, x, y))
        rows.append({"data_path": name, "loading_images_per_s": loading, "training_images_per_s": training})
        print(f"{name:28s} {loading:14,.0f} {training:16,.0f}")
    return rows


# The CPU settings tried besides width and batch size, each for the faces notebook's width 32 and batch 128.
SIZE_SETTINGS = ({"threads": 1}, {"channels_last": False}, {"compile": True})


def _size_cell(image_size: int, width: int, batch_size: int, seconds: float, threads: Optional[int] = None,
               channels_last: bool = True, compile: bool = False, device=None) -> dict:
    """Training images/s of the unconditional colour DCGAN with one setting (random images, no data needed)."""
    device, all_threads = pick_device(device), torch.get_num_threads()
    torch.set_num_threads(threads or all_threads)
    try:
        seed_everything(0)
        layout = torch.channels_last if channels_last else torch.contiguous_format
        G = ConvGenerator(image_size=image_size, channels=3, width=width).to(device, memory_format=layout)
        D = ConvDiscriminator(image_size=image_size, channels=3, width=width).to(device, memory_format=layout)
        opt_g, opt_d = make_optimizers(G, D, TrainConfig(variant="dcgan", smoke=False))
        G_run, D_run = (torch.compile(G), torch.compile(D)) if compile else (G, D)
        x = torch.rand(batch_size, 3, image_size, image_size, device=device) * 2 - 1
        start = time.perf_counter()
        train_step(G_run, D_run, opt_g, opt_d, x)  # warm-up (and compilation)
        first_step = time.perf_counter() - start
        rate = _rate(lambda: iter([(x, None)] * 1000), seconds, lambda x, y: train_step(G_run, D_run, opt_g, opt_d, x))
    finally:
        torch.set_num_threads(all_threads)
    return {"width": width, "batch_size": batch_size, "threads": threads or all_threads,
            "memory_format": "channels_last" if channels_last else "contiguous", "compiled": compile,
            "first_step_seconds": round(first_step, 2), "images_per_second": round(rate, 1)}


def bench_sizes(seconds: float = 15.0, image_size: int = 64, widths=(16, 32, 64), batch_sizes=(64, 128),
                settings=SIZE_SETTINGS, device=None) -> list:
    """Training images/s of the unconditional DCGAN at ``image_size`` (colour) for each width and batch size,
    then for each of the other CPU ``settings`` (threads, memory layout, torch.compile) at width 32, batch 128.

    Speed only (random images: no data set needed), to choose a CPU setting for the 64x64 faces; the
    paper's width 64 is the GPU setting, and its step costs about four times that of width 32 (filters x filters).
    """
    print(f"{image_size}x{image_size} colour DCGAN on {pick_device(device)}, {torch.get_num_threads()} threads, "
          f"{seconds:g} s per cell")
    cells = [{"width": w, "batch_size": b} for w in widths for b in batch_sizes]
    cells += [{"width": 32, "batch_size": 128, **setting} for setting in settings]
    rows = []
    for cell in cells:
        rows.append(_size_cell(image_size, seconds=seconds, device=device, **cell))
        row = rows[-1]
        print(f"  width {row['width']:3d}, batch {row['batch_size']:3d}, {row['threads']} threads, {row['memory_format']}"
              f"{', compiled' if row['compiled'] else ''}: {row['images_per_second']:8,.1f} images/s "
              f"(first step {row['first_step_seconds']:.1f} s)", flush=True)
    return rows


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


def quality_over_time(G, D, images, labels, minutes: float, points: int = 1, seed: int = 0, judge=None,
                      **options):
    """Train ``G`` against ``D`` from a fresh start for ``minutes``, stopping ``points`` times to ``judge(G)``
    (default: the referee's numbers for 10,000 samples). Returns the rows and the History.

    The run is cut into equal slices that resume from a checkpoint (exactly, see ``training.train``), so the
    judging costs no training time. Each row holds the training minutes, epochs and images/s so far.
    """
    import tempfile

    from .metrics import evaluate_generator
    from .training import train

    judge = judge or (lambda G: evaluate_generator(G, 10_000))
    options.setdefault("variant", ("c" if G.n_classes else "") + ("dcgan" if type(G).__name__.startswith("Conv") else "gan"))
    rows, history = [], None
    with tempfile.TemporaryDirectory(prefix="ganlib-bench-") as folder:
        for point in range(points):
            config = TrainConfig(epochs=10_000, minutes=minutes / points, seed=seed, progress=False,
                                 checkpoint_dir=folder, checkpoint_every_minutes=None, **options)
            history = train(G, D, images, labels, config, resume=point > 0)
            rows.append({"minutes": round(history.seconds / 60, 2), "epochs": history.snapshot_epochs[-1],
                         "images_per_second": round(history.images_per_second), **judge(G)})
            if history.diverged:
                break
    return rows, history


def run_recipe(recipe, images, labels, minutes: float, seed: int = 0, judge=None):
    """A fresh run of one recipe, ``(G class, its options, D class, its options, TrainConfig options)`` as in
    ``RECIPES``, for ``minutes``; returns ``quality_over_time``'s rows and History."""
    from .nets import rebuild_net

    g_class, g_options, d_class, d_options, options = recipe[:5]
    seed_everything(seed)
    G, D = rebuild_net(g_class, g_options), rebuild_net(d_class, d_options)
    return quality_over_time(G, D, images, labels, minutes, 1, seed, judge, **options)


def bench_variants(minutes: float = 5.0, variants=None, seed: int = 0, data: str = "mnist", device=None) -> list:
    """Train each variant from a fresh start for ``minutes`` with the course's defaults, then ask the referee."""
    from .data import load_dataset
    from .nets import VARIANTS, nets_for_data
    from .shipped import shipped_name

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


def bench_recipes(minutes: float = 2.0, names=None, seed: int = 0, data: str = "mnist") -> list:
    """The recipe comparison behind the defaults: ``RECIPES`` of one data set, each for ``minutes`` from a fresh start."""
    from .data import load_dataset

    names = names or [n for n, recipe in RECIPES.items() if recipe[4].get("data", "mnist") == data]
    images, labels, _ = load_dataset(data)
    print(f"{minutes:g} minutes per recipe on {data}, {pick_device()}, {torch.get_num_threads()} threads")
    rows = []
    for name in names:
        curve, history = run_recipe(RECIPES[name], images, labels, minutes, seed)
        rows.append({"name": name, **curve[-1], "warnings": history.warnings})
        print(f"  {name}: done", flush=True)
    print(markdown_table(rows, "recipe"))
    return rows


def bench_faces(minutes: float = 6.0, widths=(16, 32, 64), points: int = 3, samples: int = 2000, seed: int = 0,
                data: str = "celeba") -> list:
    """Faces per CPU-minute: the 64x64 DCGAN at each width for ``minutes`` (Adam 2e-4, batch 128), judged
    ``points`` times by the Frechet distance between ``samples`` generated and real faces in the CIFAR-10
    referee's features (``metrics.frechet_between``; what that number can and cannot tell is said there)."""
    from .data import load_dataset
    from .metrics import frechet_between
    from .sampling import sample_images

    faces = load_dataset(data, image_size=64).images
    reference, others = faces[0::2][:samples], faces[1::2][:samples]  # two disjoint sets of real faces
    floor = frechet_between(others, reference)
    print(f"{minutes:g} minutes per width on {len(faces):,} faces, {pick_device()}, {torch.get_num_threads()} threads; "
          f"floor (real vs real) {floor:.2f}")

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
