"""Speed measurements, printed as tables: ``python -m ganlib bench data``.

Numbers depend on the machine; run this where you train. Nothing here is asserted by a test.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable

import torch

from .config import TrainConfig, data_dir, pick_device, seed_everything
from .data import TensorBatches, load_mnist
from .nets import build_nets
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
