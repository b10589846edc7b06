"""Training a referee (``python -m ganlib referee [mnist|cifar10]``): its recipe from ``ganlib.evaluation.referee``,
the course's shuffled batches, and the payload that ships: weights, test accuracy, the test set's feature
statistics and the reference values (what real training images and uniform noise score)."""
from __future__ import annotations

import time
from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from ..data import TensorBatches, load_dataset
from ..evaluation.metrics import feature_statistics
from ..evaluation.referee import REFEREES, judge
from ..evaluation.verdict import score
from ..folders import evenly_spaced
from ..machine import seed_everything
from ..places import is_smoke


def train_referee(name: str = "mnist", epochs: int = None, seed: int = 0,
                  progress: bool = True, smoke: Optional[bool] = None) -> dict:
    """Train the referee of data set ``name`` on its training set and measure it on the test set.

    Returns the package payload: weights, test accuracy, test-set feature statistics and the reference
    values (what real training images and uniform noise score), all measured here. In smoke mode (``smoke``, by
    default ``GANLIB_SMOKE``) one epoch on the smoke subsets: the lines run, the referee is a poor one.
    """
    recipe = REFEREES[name]
    smoke = is_smoke() if smoke is None else smoke
    epochs, batch_size = epochs or (1 if smoke else recipe.epochs), recipe.batch_size
    seed_everything(seed)
    images, labels, _ = load_dataset(name, train=True, smoke=smoke)
    test_images, test_labels, _ = load_dataset(name, train=False, smoke=smoke)
    model = recipe.make()
    batches = TensorBatches(images, labels, batch_size, seed=seed)  # the loop's own shuffled batches in [-1, 1]
    opt, schedule = recipe.optimiser(model, epochs * len(batches))
    generator = torch.Generator().manual_seed(seed)  # for the augmentation
    start, curve = time.monotonic(), []
    for epoch in range(epochs):
        model.train()
        for x, y in tqdm(batches, total=len(batches), desc=f"{name} referee epoch {epoch + 1}/{epochs}",
                         disable=not progress):
            loss = F.cross_entropy(model(recipe.augment(x, generator)), y, label_smoothing=recipe.label_smoothing)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            schedule.step()
        _, probs = judge(model, test_images)  # the learning curve, for the record (seconds per epoch)
        curve.append(round((probs.argmax(1) == test_labels).double().mean().item(), 4))
        tqdm.write(f"epoch {epoch + 1}: test accuracy {curve[-1]:.2%} after {(time.monotonic() - start) / 60:.1f} min")
    seconds = time.monotonic() - start
    model.eval()
    test_features, test_probs = judge(model, test_images)
    accuracy = (test_probs.argmax(1) == test_labels).double().mean().item()
    mu, sigma = (torch.from_numpy(a) for a in feature_statistics(test_features))  # tensors load safely
    reference = reference_scores(model, images, labels, {"mu": mu, "sigma": sigma}, seed)
    return {"state": model.state_dict(), "test_accuracy": accuracy, "test_mu": mu, "test_sigma": sigma,
            "reference": reference, "trained": {"epochs": epochs, "batch_size": batch_size, "seed": seed,
                                                "seconds": round(seconds, 1), "test_accuracy_per_epoch": curve}}


def reference_scores(model: nn.Module, images: torch.Tensor, labels: torch.Tensor, stats: dict, seed: int = 0,
                     n: int = 10000) -> dict:
    """What ``n`` real training images (the floor: the best a generator can hope for) and ``n`` images of
    uniform noise score. The real ones are spread evenly over the training set, so every class is in
    (a folder of CIFAR-10 is sorted by class)."""
    keep = evenly_spaced(len(images), n)
    noise = torch.randint(0, 256, (n, *images.shape[1:]), dtype=torch.uint8, generator=torch.Generator().manual_seed(seed))
    return {"real training images": score(model, images[keep], labels[keep], stats),
            "uniform noise": score(model, noise, None, stats)}
