"""Speed measurements, printed as tables: ``python -m ganlib bench data``.

Numbers depend on the machine; run this where you train. Nothing here is asserted by a test.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable

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


def bench_sizes(seconds: float = 15.0, image_size: int = 64, widths=(16, 32, 64), batch_sizes=(64, 128)) -> list:
    """Training images/s of the unconditional DCGAN at ``image_size`` (colour) for each width and batch size.

    Speed only (random images: no data set needed), to choose a CPU setting for the 64x64 faces; the
    paper's width is 64, whose step costs about four times that of width 32 (filters x filters).
    """
    device = pick_device()
    print(f"{image_size}x{image_size} colour DCGAN on {device}, {torch.get_num_threads()} threads, {seconds:g} s per cell")
    rows = []
    for width in widths:
        for batch_size in batch_sizes:
            seed_everything(0)
            G = ConvGenerator(image_size=image_size, channels=3, width=width).to(device, memory_format=torch.channels_last)
            D = ConvDiscriminator(image_size=image_size, channels=3, width=width).to(device, memory_format=torch.channels_last)
            opt_g, opt_d = make_optimizers(G, D, TrainConfig(variant="dcgan", smoke=False))
            x = torch.rand(batch_size, 3, image_size, image_size, device=device) * 2 - 1
            train_step(G, D, opt_g, opt_d, x)  # warm-up
            rate = _rate(lambda: iter([(x, None)] * 1000), seconds, lambda x, y: train_step(G, D, opt_g, opt_d, x))
            rows.append({"width": width, "batch_size": batch_size, "images_per_second": round(rate, 1)})
            print(f"  width {width:3d}, batch {batch_size:3d}: {rate:8,.1f} images/s", flush=True)
    return rows


# What the course tried before choosing its defaults, each a step from its neighbour (2 minutes each).
# name: (generator class, its options, discriminator class, its options, TrainConfig options)
_LABELS = {"n_classes": 10}  # the conditional recipes
_TEXTBOOK = {"lr_g": 2e-4, "lr_d": 2e-4, "ema_decay": 0.0}
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
    "dcgan width 32, lr 5e-4 (default)":
        ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32}, {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4}),
    # Tried for the unconditional DCGAN's class balance; none beat the default in 2 minutes.
    "dcgan generator width 64": ("ConvGenerator", {"width": 64}, "ConvDiscriminator", {"width": 32},
                                 {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4}),
    "dcgan discriminator width 64": ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 64},
                                     {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4}),
    "dcgan two time-scales: lr_g 2e-4, lr_d 8e-4": ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32},
                                                    {**_TEXTBOOK, "lr_g": 2e-4, "lr_d": 8e-4}),
    "dcgan batch 64": ("ConvGenerator", {"width": 32}, "ConvDiscriminator", {"width": 32},
                       {**_TEXTBOOK, "lr_g": 5e-4, "lr_d": 5e-4, "batch_size": 64}),
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


def _budget_run(G, D, images, labels, minutes: float, seed: int, **config) -> dict:
    """Train ``G`` against ``D`` for ``minutes`` from a fresh start; the referee's numbers and the speed."""
    from .metrics import evaluate_generator
    from .training import train

    config = TrainConfig(epochs=10_000, minutes=minutes, seed=seed, progress=False, smoke=False, **config)
    history = train(G, D, images, labels, config)
    return {"images_per_second": round(history.images_per_second), "epochs": history.snapshot_epochs[-1],
            "minutes": round(history.seconds / 60, 2), "warnings": history.warnings,
            **evaluate_generator(G.cpu(), 10_000)}


def bench_variants(minutes: float = 5.0, variants=None, seed: int = 0, data: str = "mnist") -> list:
    """Train each variant from a fresh start for ``minutes`` with the course's defaults, then ask the referee."""
    from .data import load_dataset
    from .nets import VARIANTS, nets_for_data
    from .shipped import shipped_name

    images, labels, classes = load_dataset(data)
    print(f"{minutes:g} minutes per variant on {data}, {pick_device()}, {torch.get_num_threads()} threads")
    rows = []
    for variant in variants or VARIANTS:
        seed_everything(seed)
        G, D = nets_for_data(variant, images, labels, classes)
        rows.append({"name": shipped_name(variant, data),
                     **_budget_run(G, D, images, labels, minutes, seed, variant=variant, data=data)})
        print(f"  {variant}: done", flush=True)
    print(markdown_table(rows, "variant"))
    return rows


def bench_recipes(minutes: float = 2.0, names=None, seed: int = 0, data: str = "mnist") -> list:
    """The recipe comparison behind the defaults: ``RECIPES`` of one data set, each for ``minutes`` from a fresh start."""
    from .data import load_dataset
    from .nets import rebuild_net

    names = names or [n for n, recipe in RECIPES.items() if recipe[4].get("data", "mnist") == data]
    images, labels, _ = load_dataset(data)
    print(f"{minutes:g} minutes per recipe on {data}, {pick_device()}, {torch.get_num_threads()} threads")
    rows = []
    for name in names:
        g_class, g_options, d_class, d_options, config = RECIPES[name]
        seed_everything(seed)
        G, D = rebuild_net(g_class, g_options), rebuild_net(d_class, d_options)
        rows.append({"name": name, **_budget_run(G, D, images, labels, minutes, seed, **config)})
        print(f"  {name}: done", flush=True)
    print(markdown_table(rows, "recipe"))
    return rows
