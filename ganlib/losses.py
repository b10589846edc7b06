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
"""
import torch
import torch.nn.functional as F


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """BCE of real images against 1 plus BCE of generated images against 0 (2 ln 2 = 1.386 when D can't tell)."""
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """Non-saturating generator loss: -log D(G(z)) (ln 2 = 0.693 when D can't tell)."""
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def class_loss(class_logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Cross-entropy of D's class logits against the labels (ln 10 = 2.30 when D can't tell classes apart)."""
    return F.cross_entropy(class_logits, labels)


def r1_penalty(real_logits: torch.Tensor, real_images: torch.Tensor, loss_scale: float = 1.0) -> torch.Tensor:
    """Mean squared norm of the gradient of D's logits at real images (which must require grad).

    Under float16 pass the loss scaler's factor: the gradient is taken of the scaled mean logit in float32,
    so its small values don't round to 0 (and the sum can't overflow), then scaled back to the gradient of
    each image's own logit (PyTorch's mixed-precision recipe for gradient penalties).
    """
    grad, = torch.autograd.grad(real_logits.float().mean() * loss_scale, real_images, create_graph=True)
    return (grad.float() * (len(real_logits) / loss_scale)).pow(2).flatten(1).sum(1).mean()
