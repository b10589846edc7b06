"""ganlib: the small library behind the GAN course.

Nets, data, the one training loop, plots and GIFs, and trained generators (``pretrained("cdcgan")``);
a notebook imports what it needs from here.
Importing ganlib runs nothing: no downloads, no files written, no global settings changed.
"""
from .checkpoints import CheckpointError, load_checkpoint, read_checkpoint, save_checkpoint
from .config import TrainConfig, figures_dir, is_smoke, pick_device, runs_dir, seed_everything
from .data import MissingDataError, TensorBatches, load_dataset, load_mnist, to_uint8, to_unit_range
from .gifs import history_gif, save_gif, show_gif
from .losses import class_loss, discriminator_loss, generator_loss
from .metrics import evaluate_generator, evaluate_images, format_report, reference_values
from .nets import (VARIANTS, ConvDiscriminator, ConvGenerator, MLPDiscriminator, MLPGenerator,
                   build_nets)
from .plotting import image_grid, plot_d_outputs, plot_losses, save_figure, save_image_grid, show_images
from .sampling import fixed_inputs, generate, noise, sample_images, save_samples
from .shipped import pretrained
from .training import History, train, train_step

__version__ = "0.1.0"
