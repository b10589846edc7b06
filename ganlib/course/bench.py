"""Speed measurements, printed as tables: ``python -m ganlib bench data`` and ``bench sizes`` (images/s only;
quality per minute is ``ganlib.course.experiments``).

Numbers depend on the machine; run this where you train. Nothing here is asserted by a test.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable, Optional

import torch


from ..config import TrainConfig
from ..data import TensorBatches, load_mnist
from ..machine import pick_device, seed_everything
from ..nets import ConvDiscriminator, ConvGenerator, build_nets
from ..places import data_dir
from ..step import make_optimizers, train_step


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
    from torchvision import datasets, transforms  # here, not at the top: importing it takes seconds
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
