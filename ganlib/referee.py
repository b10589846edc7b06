"""The referee: a small MNIST classifier that judges generated digits.

Inception-based FID, the usual GAN score, is meaningless on MNIST: Inception was trained on colour photos
of 1,000 object classes, and its features say little about how a handwritten 7 should look. A classifier
trained on MNIST itself knows. Its 64 penultimate features are where the Frechet distance is measured,
and its predicted classes show which digits a generator draws.

The trained weights ship inside the package (``ganlib/weights/referee.pt``, about 0.5 MB) together with
the feature statistics of the MNIST test set and the reference values (real training images, uniform
noise), so evaluation works offline and without the data set. ``python -m ganlib referee`` retrains it.
"""
from __future__ import annotations

import functools
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

WEIGHTS = Path(__file__).resolve().parent / "weights" / "referee.pt"
FEATURES = 64


class Referee(nn.Module):
    """Two conv blocks and a 64-unit feature layer; ``forward`` gives class logits, ``features`` the 64 numbers."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3, stride=2), nn.ReLU(), nn.Flatten(),
            nn.Linear(64 * 3 * 3, FEATURES), nn.ReLU())
        self.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(FEATURES, 10))

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))


def as_input(images: torch.Tensor) -> torch.Tensor:
    """uint8 digits (N, 1, 28, 28) -> the referee's input: floats in [-1, 1], like the GANs' images."""
    return images.float() / 127.5 - 1


@torch.no_grad()
def judge(model: Referee, images: torch.Tensor, batch_size: int = 1000):
    """Features ``(N, 64)`` and class probabilities ``(N, 10)`` of uint8 images, in batches."""
    model.eval()
    device = next(model.parameters()).device
    feats, probs = [], []
    for chunk in images.split(batch_size):
        h = model.features(as_input(chunk.to(device)))
        feats.append(h.cpu().double())
        probs.append(F.softmax(model.head(h), dim=1).cpu().double())
    return torch.cat(feats), torch.cat(probs)


def _shift(images: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Random shifts of up to 2 pixels: cheap augmentation that makes the referee robust to placement."""
    dx, dy = torch.randint(-2, 3, (2,), generator=generator).tolist()
    return torch.roll(images, shifts=(dy, dx), dims=(2, 3))


def train_referee(epochs: int = 4, batch_size: int = 128, seed: int = 0, progress: bool = True) -> dict:
    """Train the referee on the MNIST training set and measure it on the test set.

    Returns the package payload: weights, test accuracy, test-set feature statistics and the reference
    values (what real training images and uniform noise score), all measured here.
    """
    from tqdm.auto import tqdm

    from .config import seed_everything
    from .data import load_mnist
    from .metrics import feature_statistics, score

    seed_everything(seed)
    images, labels = load_mnist(train=True, smoke=False)
    test_images, test_labels = load_mnist(train=False, smoke=False)
    model = Referee()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, 3e-3, total_steps=epochs * (len(images) // batch_size))
    generator = torch.Generator().manual_seed(seed)
    start = time.monotonic()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(images), generator=generator)
        batches = range(len(images) // batch_size)
        for i in tqdm(batches, desc=f"referee epoch {epoch + 1}/{epochs}", disable=not progress):
            index = order[i * batch_size:(i + 1) * batch_size]
            loss = F.cross_entropy(model(_shift(as_input(images[index]), generator)), labels[index])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            schedule.step()
    seconds = time.monotonic() - start
    model.eval()
    test_features, test_probs = judge(model, test_images)
    accuracy = (test_probs.argmax(1) == test_labels).double().mean().item()
    mu, sigma = (torch.from_numpy(a) for a in feature_statistics(test_features))  # tensors load safely
    stats = {"mu": mu, "sigma": sigma}
    noise = torch.randint(0, 256, (10000, 1, 28, 28), dtype=torch.uint8, generator=generator)
    reference = {
        "real training images": score(model, images[:10000], labels[:10000], stats),
        "uniform noise": score(model, noise, None, stats),
    }
    return {"state": model.state_dict(), "test_accuracy": accuracy, "test_mu": mu, "test_sigma": sigma,
            "reference": reference, "trained": {"epochs": epochs, "batch_size": batch_size, "seed": seed,
                                                "seconds": round(seconds, 1)}}


@functools.lru_cache(maxsize=1)
def load_referee(path: str = str(WEIGHTS)):
    """The shipped referee (on the CPU) and its payload, loaded once; never runs code from the file."""
    from .checkpoints import CheckpointError

    if not Path(path).is_file():
        raise CheckpointError(f"the referee's weights are missing ({path}): reinstall ganlib, "
                              "or train them with `python -m ganlib referee`")
    payload = torch.load(path, map_location="cpu", weights_only=True)
    model = Referee()
    model.load_state_dict(payload["state"])
    return model.eval(), payload
