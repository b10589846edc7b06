"""The standard FID (Heusel et al., 2017): Frechet distance in the features of Inception-v3.

Papers report this number, so it is the one to compare with them. It needs the FID Inception weights
(about 100 MB), which ``pytorch-fid`` (the PyTorch port of the reference TensorFlow code, bit-compatible
weights) downloads once from GitHub; offline they are unavailable, and ``InceptionUnavailable`` says so.
On a CPU it is slow (every image is scaled up to 299 x 299): a few thousand images take minutes.
What it cannot tell: Inception never saw handwritten digits, so on MNIST it measures little; the
course's own referees (``ganlib.evaluation.referee``) judge both data sets offline and in seconds.
"""
from __future__ import annotations

import contextlib
import io

import torch

from ..machine import pick_device
from .metrics import feature_statistics, frechet_distance


class InceptionUnavailable(RuntimeError):
    """The Inception weights could not be had (no internet, or pytorch-fid missing)."""


def inception_model(device):
    """pytorch-fid's Inception-v3 up to its 2,048 pooled features, or ``InceptionUnavailable``."""
    try:
        from pytorch_fid.inception import InceptionV3  # optional (the inception extra): imported on use
    except ImportError:
        raise InceptionUnavailable("the Inception FID needs the pytorch-fid package: pip install pytorch-fid") from None
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # torch.hub's "Downloading: ..." line
            model = InceptionV3([InceptionV3.BLOCK_INDEX_BY_DIM[2048]])
    except Exception as error:  # urllib's URLError, an HTTP error, a broken download: all mean "not here"
        reason = getattr(error, "reason", None) or error
        raise InceptionUnavailable(f"the Inception weights could not be downloaded ({reason}); the standard FID needs "
                                   "the internet once (e.g. in Colab), and the weights are kept after that") from None
    return model.to(device).eval()


@torch.no_grad()
def inception_features(model, images: torch.Tensor, batch_size: int = 100) -> torch.Tensor:
    """2,048 features per uint8 image (grey images are repeated into three channels)."""
    device = next(model.parameters()).device
    features = []
    for chunk in images.split(batch_size):
        x = chunk.to(device).float() / 255  # pytorch-fid wants [0, 1] and resizes to 299 itself
        if x.shape[1] == 1:
            x = x.repeat(1, 3, 1, 1)
        features.append(model(x)[0].flatten(1).double().cpu())
    return torch.cat(features)


def inception_fid(images: torch.Tensor, reference: torch.Tensor, device=None) -> float:
    """The FID between two sets of uint8 images ``(N, C, H, W)``, e.g. samples and the test set."""
    model = inception_model(pick_device(device))
    return frechet_distance(*feature_statistics(inception_features(model, images)),
                            *feature_statistics(inception_features(model, reference)))
