"""The GAN losses, on logits (``BCEWithLogits`` is the numerically stable form of log(sigmoid)).

D maximises  log D(x) + log(1 - D(G(z)))   -> minimise BCE(D(x), 1) + BCE(D(G(z)), 0).
G uses the non-saturating loss of Goodfellow et al. (2014): instead of minimising log(1 - D(G(z))),
whose gradient vanishes exactly when G is bad and D rejects its samples, G maximises log D(G(z))
-> minimise BCE(D(G(z)), 1). Same fixed point, strong gradients early in training.

The class loss (conditional nets, optional) is the auxiliary classifier of AC-GAN (Odena et al., 2017):
D also learns to name the class of real images (AC-GAN's D learns it on the fakes too; here real images
only, so a poor early G cannot teach D wrong classes), and G is rewarded when D names the class it was asked
for in its fakes. It makes the label matter from the first steps, where the adversarial loss alone
takes many epochs to teach it.

The R1 penalty (Mescheder et al., 2018, optional) punishes D for a steep slope at real images. Once G's
samples lie on the data, a D without slope there has no gradient left to push G away again, so the two
players settle instead of circling the equilibrium (their analysis); here it evened the unconditional
DCGAN's digit frequencies (``python -m ganlib bench recipes``).

Two later objectives (notebook 09) read D's output as a score, not a probability:
- the hinge loss (Lim and Ye, 2017; SNGAN, BigGAN): D is pushed only while an image sits inside a margin
  (real scored below 1, fake above -1), so a D that already separates them stops pulling away;
- the Wasserstein loss with a gradient penalty (WGAN-GP, Gulrajani et al., 2017): D becomes a critic whose
  score gap estimates the Wasserstein distance, which, unlike the Jensen-Shannon divergence, still shrinks
  smoothly when the fakes and the data do not overlap. The estimate is only valid for a critic with slope at
  most 1, which the penalty asks for at points between real and fake images.
For both, G is rewarded for raising D's score of its fakes: -mean D(G(z)).
"""
import functools
import inspect
from typing import NamedTuple, Optional

import numpy as np
import torch
import torch.nn.functional as F


def accepts_arrays(loss):
    """Lets ``loss`` take NumPy arrays and lists of numbers too (what a student's own test hands over); anything
    else, None included, is a ValueError that names the loss, and so is an empty batch (its mean is NaN) or whole
    numbers where D's outputs belong."""
    signature = inspect.signature(loss)

    @functools.wraps(loss)
    def loss_of_tensors(*values, **named):
        try:
            given = signature.bind(*values, **named).arguments
        except TypeError as error:  # a missing or an extra argument
            raise TypeError(f"{loss.__name__}{signature}: {error}") from None
        for name, value in given.items():
            given[name] = value = _tensor(value, loss.__name__)
            if value.numel() == 0:
                raise ValueError(f"{loss.__name__} got an empty batch ({name} of shape {tuple(value.shape)}): a loss "
                                 "needs at least one image")
            if name != "labels" and not value.is_floating_point():
                raise TypeError(f"{loss.__name__} takes D's outputs as floats, got {name} of {value.dtype}: pass what "
                                "D returned (whole numbers are labels, not logits)")
        return loss(**given)
    return loss_of_tensors


def _tensor(value, name: str) -> torch.Tensor:
    if isinstance(value, torch.Tensor):
        return value
    try:
        tensor = torch.from_numpy(np.array(value))  # a copy: also for a flipped array, which torch cannot share
    except (TypeError, ValueError, RuntimeError):
        tensor = None
    if tensor is None or tensor.dtype == torch.bool or tensor.is_complex():
        raise ValueError(f"{name} takes D's outputs (and labels) as tensors of numbers, got a {type(value).__name__}: "
                         "pass what D returned")
    return tensor


@accepts_arrays
def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """BCE of real images against 1 plus BCE of generated images against 0 (2 ln 2 = 1.386 when D can't tell)."""
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake


@accepts_arrays
def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """Non-saturating generator loss: -log D(G(z)) (ln 2 = 0.693 when D can't tell)."""
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


@accepts_arrays
def saturating_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """The 2014 paper's minimax form: G minimises log(1 - D(G(z))) = -softplus(logit). Its gradient vanishes where
    D rejects the fakes, which is where G starts (notebook 10 shows the stall); the course trains with
    ``generator_loss``."""
    return -F.softplus(fake_logits).mean()


@accepts_arrays
def class_loss(class_logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Cross-entropy of D's class logits against the labels (ln 10 = 2.30 when D can't tell classes apart)."""
    classes = class_logits.shape[-1]
    if labels.is_floating_point() and labels.shape != class_logits.shape:  # (B, C) floats are class probabilities
        raise TypeError(f"labels must be whole class numbers 0 to {classes - 1} (int64), got {labels.dtype}: pass "
                        "labels.long(), or the labels as they came with the images")
    try:
        return F.cross_entropy(class_logits, labels)
    except IndexError:  # on the CPU; a GPU stops with a device-side assert for the same slip
        raise ValueError(f"labels must be class numbers 0 to {classes - 1}, one per image, got {labels.min().item()} "
                         f"to {labels.max().item()}: number the classes from 0") from None


@accepts_arrays
def hinge_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """mean max(0, 1 - D(x)) + mean max(0, 1 + D(G(z))): 2 when D scores everything 0, 0 once every image is
    beyond its margin."""
    return F.relu(1 - real_logits).mean() + F.relu(1 + fake_logits).mean()


@accepts_arrays
def critic_loss(real_scores: torch.Tensor, fake_scores: torch.Tensor) -> torch.Tensor:
    """The Wasserstein critic's loss, mean D(G(z)) - mean D(x): minus its estimate of the distance."""
    return fake_scores.mean() - real_scores.mean()


@accepts_arrays
def score_generator_loss(fake_scores: torch.Tensor) -> torch.Tensor:
    """G's loss when D gives scores (hinge, Wasserstein): -mean D(G(z)), lower as D likes the fakes more."""
    return -fake_scores.mean()


class Objective(NamedTuple):
    """A GAN objective: D's loss, G's loss, and whether D's outputs read as probabilities (through a sigmoid)."""
    discriminator: object
    generator: object
    probabilities: bool


# The objectives ``TrainConfig.loss`` names (notebook 09 compares three; notebook 10 shows the saturating one stall).
LOSSES = {
    "non-saturating": Objective(discriminator_loss, generator_loss, True),
    "saturating": Objective(discriminator_loss, saturating_generator_loss, True),
    "hinge": Objective(hinge_discriminator_loss, score_generator_loss, False),
    "wgan-gp": Objective(critic_loss, score_generator_loss, False),
}


def objective(name: str) -> Objective:
    """The objective called ``name``, or a ValueError that lists the ones that exist."""
    if not isinstance(name, str) or name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}: choose one of {', '.join(LOSSES)}")
    return LOSSES[name]


def _input_gradients(logits: torch.Tensor, inputs: torch.Tensor, loss_scale: float) -> torch.Tensor:
    """Each image's gradient of its own logit, flattened to (B, pixels), kept in the graph (a penalty on it trains D).

    Under float16 pass the loss scaler's factor: the gradient is taken of the scaled mean logit in float32,
    so its small values don't round to 0 (and the sum can't overflow), then scaled back to the gradient of
    each image's own logit (PyTorch's mixed-precision recipe for gradient penalties).
    """
    grad, = torch.autograd.grad(logits.float().mean() * loss_scale, inputs, create_graph=True)
    return (grad.float() * (len(logits) / loss_scale)).flatten(1)


def r1_penalty(real_logits: torch.Tensor, real_images: torch.Tensor, loss_scale: float = 1.0) -> torch.Tensor:
    """Mean squared norm of the gradient of D's logits at real images (which must require grad)."""
    return _input_gradients(real_logits, real_images, loss_scale).pow(2).sum(1).mean()


def gradient_penalty(D, real: torch.Tensor, fake: torch.Tensor, y: Optional[torch.Tensor] = None,
                     loss_scale: float = 1.0) -> torch.Tensor:
    """WGAN-GP's penalty, mean (||grad D(x_hat)|| - 1)^2 at x_hat = e x + (1 - e) G(z), e ~ U[0, 1] per image:
    the critic's slope is held near 1 on the lines between real and fake images, where the fakes must travel."""
    e = torch.rand(len(real), *([1] * (real.dim() - 1)), device=real.device, dtype=real.dtype)
    between = (e * real.detach() + (1 - e) * fake.detach()).requires_grad_(True)
    slopes = _input_gradients(D(between, y), between, loss_scale).norm(dim=1)
    return (slopes - 1).pow(2).mean()
