"""ganlib: the small library behind the GAN course. A notebook imports what it needs from here.

Three layers; each imports only the layers below it, so you know where to start and what a change can touch::

    ganlib.course        the course's tools: command line, shipped generators, run folders, bench, report, explorer
        |
    ganlib.evaluation    what a generator learned: referees, metrics, precision/recall, Inception FID, health warnings
        |                (the core's one door into it: the loop's health check)
    ganlib (the core)    what a student reads, top to bottom:
                           nets.py      the MLP and DCGAN nets: G(z, y=None) -> images, D(x, y=None) -> logits
                           losses.py    the GAN losses, written out
                           step.py      one training step: a D update, then a G update (a plain function)
                           loop.py      train(): epochs of steps, History, checkpoints, resume, Ctrl-C
                           data.py      data sets as one uint8 tensor, shuffled batches in [-1, 1]
                           sampling.py  noise, labels, generate(): always on the generator's device
                           pictures.py  grids, curves, GIFs
                         and what they stand on: config.py (TrainConfig), places.py (paths, the smoke switch),
                         machine.py (device, seeding), gpu.py, checkpoints.py, files.py, folders.py, pixels.py,
                         latent.py, notices.py

Start reading at ``nets.py``, then ``losses.py``, ``step.py`` and ``loop.py``. Importing ganlib runs nothing: no
downloads, no files written, no global settings changed (started as the command line, it only turns a Ctrl-C
during start-up into one line).
"""
import os as _os
import sys as _sys


def _one_line_for_ctrl_c(kind, error, trace, default=_sys.excepthook):
    """A Ctrl-C while the command line starts (PyTorch takes seconds to load) ends in one line, not a traceback."""
    if issubclass(kind, KeyboardInterrupt):
        print("Stopped (Ctrl-C) while starting: nothing was run or written.", file=_sys.stderr)
    else:
        default(kind, error, trace)


# Only when started as a command (`python -m ganlib`, or the `ganlib` script); imported, ganlib changes nothing.
if _sys.argv[:1] == ["-m"] or _os.path.basename(_sys.argv[0] if _sys.argv else "").split(".")[0] == "ganlib":
    _sys.excepthook = _one_line_for_ctrl_c

from .checkpoints import CheckpointError, load_checkpoint, read_checkpoint, save_checkpoint
from .config import TrainConfig
from .course.shipped import pretrained
from .data import MissingDataError, TensorBatches, load_dataset, load_mnist
from .evaluation.tables import format_report
from .evaluation.referee import reference_values
from .evaluation.verdict import evaluate_generator, evaluate_images
from .losses import class_loss, discriminator_loss, generator_loss
from .loop import History, train
from .machine import pick_device, seed_everything
from .nets import VARIANTS, ConvDiscriminator, ConvGenerator, MLPDiscriminator, MLPGenerator, build_nets
from .pictures import (history_gif, image_grid, plot_d_outputs, plot_losses, save_figure, save_gif, save_image_grid,
                       save_samples, show_gif, show_images)
from .pixels import to_uint8, to_unit_range
from .places import figures_dir, is_smoke, runs_dir
from .sampling import fixed_inputs, generate, noise, sample_images
from .step import train_step

__version__ = "0.2.0"  # the same as pyproject.toml (tests/test_installed.py holds them together)
