"""The command line: ``python -m ganlib train gan``, ``sample cdcgan --digit 7 --out 7.png``, ``gif dcgan``, ``bench``. Thin: it parses, checks and calls the modules.

Bad input (an unknown variant, a negative number, an unwritable folder, missing data) gets one
line on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import signal
import sys
import threading
import zipfile
from pathlib import Path
from typing import Optional

import numpy as np

from ..arguments import SEED_LIMIT
from ..checkpoints import CheckpointError, latest_checkpoint, load_generator, periodic_checkpoints, read_checkpoint
from ..config import DEFAULT_EPOCHS, TrainConfig, run_defaults, run_settings
from ..data import MissingDataError, load_dataset, say_which_is_read
from ..evaluation.inception import InceptionUnavailable, inception_fid
from ..evaluation.referee import REFEREES, referee_that_knows, reference_values
from ..evaluation.tables import format_report, markdown_table
from ..evaluation.verdict import check_images, evaluate_generator, evaluate_images
from ..files import atomic_save, atomic_write_text, blocking_file, writable_folder
from ..loop import train
from ..losses import LOSSES
from ..machine import pick_device
from ..nets import VARIANTS, check_variant
from ..notices import notice
from ..places import DATA_SET_NAMES, SettingError, command_word, data_set_name, is_smoke, no_such_user, project_root
from ..places import shown as shown_path
from ..pictures import save_samples
from ..sampling import class_name, listed_classes, named_classes, sample_images
from .bench import bench_data, bench_sizes
from .experiments import bench_faces, bench_losses, bench_recipes, bench_variants
from .guard import GUARD_MINUTES, GUARD_SEEDS, GUARD_STEPS, baseline_file, run_guard
from .links import REPOSITORY, STUDENT_FOLDER, hub_url, relink
from .referees import train_referee
from .report import (FACES_MINUTES, RESULTS_FILE, STUDIES, build_pdf, check_studies, pdf_tools_installed, read_results,
                     report_markdown, run_report, write_report)
from .runs import (CHECKPOINTS, FIGURE_NAMES, RUN_FILES, FolderInUseError, course_gif, data_and_nets, new_run_dir,
                   run_lock, save_run, save_started_with)
from .shipped import evaluate_shipped, export_run, newer_checkpoint, parse_name, pretrained
from .versions import write_versions


class UsageError(Exception):
    """Input the user can fix; printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one clear line instead of usage + error
        command = "" if self.prog == "ganlib" else f" {self.prog.split()[-1]}"
        raise UsageError(f"{message} (see python -m ganlib{command} --help)")


def _checked(cast, ok, rule: str):
    """An argparse type: ``cast`` the text, then insist on ``ok(value)``; errors say the ``rule``."""
    def parse(text: str):
        try:
            value = cast(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {rule}, got {text!r}") from None
        if not ok(value):
            raise argparse.ArgumentTypeError(f"must be {rule}, got {text}")
        return value
    return parse


_positive_int = _checked(int, lambda v: v > 0, "a positive whole number")
_positive_float = _checked(float, lambda v: 0 < v < float("inf"), "a positive number")
_non_negative_float = _checked(float, lambda v: 0 <= v < float("inf"), "a number, 0 or more")
_whole_number = _checked(int, lambda v: v >= 0, "a whole number, 0 or more")
_seed = _checked(int, lambda v: 0 <= v < SEED_LIMIT, "a whole number from 0 to 2**63 - 1 (PyTorch's seeds are 64-bit)")
_digit = _checked(int, lambda v: v >= 0, "a class number, 0 or more (the generator says how many it has)")
# More images than this are refused (100,000 64x64 colour images are 1.2 GB): draw several sets with other seeds.
MAX_SAMPLES = 100_000
_sample_count = _checked(int, lambda v: 0 < v <= MAX_SAMPLES,
                         f"a positive whole number up to {MAX_SAMPLES:,} (for more, run again with another --seed)")
_decay = _checked(float, lambda v: 0 <= v < 1, "a number from 0 up to 1 (not 1 itself), e.g. 0.999")
# Beyond these a net no longer fits in memory (width 512 is 8x the DCGAN tutorial's; 8,192 hidden units, 8x InfoGAN's).
_width = _checked(int, lambda v: 1 <= v <= 512, "a whole number from 1 to 512 (32 is the default, 64 the tutorial's)")
_hidden = _checked(int, lambda v: 0 <= v <= 8192, "a whole number from 0 to 8,192 (0: no hidden layer; 1,024 is InfoGAN's)")


def _named_by(check):
    """An argparse type that asks the library's own ``check`` (which raises a ValueError saying what exists)."""
    def parse(text: str) -> str:
        try:
            check(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
        return text
    return parse


def _path(text: str) -> str:
    """An argparse type for a file or folder. Empty text names nothing (`--resume "$RUN"` with RUN never set); a quoted
    `~/run` is read as the shell would have, so `--resume '~/run'` finds the run `--out '~/run'` wrote."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: name a file or folder (a shell variable that was never set gives "
                                         "empty text)")
    unknown = no_such_user(text)
    if unknown:
        raise argparse.ArgumentTypeError(f"{text}: {unknown}")
    return os.path.expanduser(text)


_variant = _named_by(check_variant)
def _generator_name(text: str) -> str:
    """A shipped generator's name; a path there is a checkpoint given without --from, which says so."""
    if ("/" in text or text.endswith(".pt")) and Path(text).exists():
        raise argparse.ArgumentTypeError(f"{text!r} is a file or folder, not a shipped generator's name: to sample "
                                         f"from your own run, give it with --from {shlex.quote(text)}")
    return _named_by(parse_name)(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ganlib", description="The GAN course's command line.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    train = commands.add_parser("train", help="train a variant on MNIST, CIFAR-10 or your images and save everything",
                                description="Train a GAN (on MNIST unless --data says otherwise); writes checkpoint.pt, "
                                            "samples.png, losses.png, d_outputs.png, training.gif and summary.json.")
    train.add_argument("variant", type=_variant, help=f"which GAN: {', '.join(VARIANTS)}")
    train.add_argument("--data", type=_path, help="mnist (default), cifar10, celeba, or a folder of images: class sub-folders give "
                                      "labels (for the conditional variants), a flat folder is unlabelled")
    train.add_argument("--width", type=_width,
                       help="conv nets: filters next to the image, doubling inwards (default 32; the PyTorch DCGAN "
                            "tutorial's 64 is the GPU choice: about 3x slower on a CPU, see bench sizes)")
    train.add_argument("--hidden", type=_hidden, metavar="UNITS",
                       help="conv nets: a fully connected layer of this many units in G (before its projection) "
                            "and in D (before its logit); default 0: none; InfoGAN's MNIST nets use 1024")
    train.add_argument("--image-size", type=_positive_int, choices=[28, 32, 64], metavar="{28,32,64}",
                       help="a folder's images are centre-cropped and resized to this (default 64)")
    defaults = ", ".join(f"{k} {v}" for k, v in DEFAULT_EPOCHS.items())
    others = (f"on CIFAR-10 {run_defaults('cdcgan', 'cifar10')['epochs']}, "
              f"on a folder {run_defaults('dcgan', 'folder')['epochs']}")
    train.add_argument("--epochs", type=_positive_int,
                       help=f"passes over the data (default on MNIST: {defaults}; {others})")
    train.add_argument("--batch-size", type=_positive_int, help="images per step (default 128)")
    train.add_argument("--seed", type=_seed, help="random seed; the same seed repeats a run (default 0)")
    train.add_argument("--ema", type=_decay, metavar="DECAY",
                       help="sample from a moving average of G's weights, e.g. 0.999 (default off: it pays in "
                            "long runs, see ganlib.ema.EMA)")
    train.add_argument("--loss", choices=list(LOSSES),
                       help="the objective: non-saturating (default; Goodfellow et al.), hinge (SNGAN, BigGAN) or "
                            "wgan-gp (a Wasserstein critic with a gradient penalty; notebook 09 compares them)")
    train.add_argument("--spectral-norm", action="store_true", default=None,
                       help="spectral normalisation on D's layers, in place of its batch norm (usual with --loss hinge); it "
                            "bounds D's slope, so the DCGAN's R1 penalty is left out")
    train.add_argument("--gp-weight", type=_non_negative_float, metavar="LAMBDA",
                       help="weight of WGAN-GP's gradient penalty (default: 10 with --loss wgan-gp, else 0)")
    train.add_argument("--critic-steps", type=_positive_int, metavar="N",
                       help="D updates per G update (default: 5 with --loss wgan-gp, else 1)")
    train.add_argument("--max-steps", type=_positive_int, metavar="STEPS",
                       help="stop cleanly after this many training steps (a budget that is the same on every machine)")
    train.add_argument("--minutes", type=_positive_float,
                       help="wall-clock budget: stop cleanly after this many minutes and save everything")
    train.add_argument("--out", type=_path, help="output folder (default: runs/<variant>-<date>-<time>)")
    train.add_argument("--resume", metavar="DIR", type=_path,
                       help="continue the run whose output folder is DIR from its newest checkpoint "
                            "(e.g. after a lost Colab session); --epochs may raise its target")
    train.add_argument("--checkpoint-minutes", type=_positive_float,
                       help="save a checkpoint at least this often, and at the end (default 5)")
    train.add_argument("--device", help="cuda, mps or cpu (default: the fastest one present)")
    train.add_argument("--full-precision", action="store_true",
                       help="GPU: train in float32 (default there: mixed precision, bf16 or fp16); CPUs always do")
    train.add_argument("--compile", action="store_true",
                       help="torch.compile the nets: faster steps on a GPU after a slow first minute")
    train.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    sample = commands.add_parser("sample", help="draw images from a shipped or your own trained generator",
                                 description="Draw images from a shipped generator (VARIANT) or from the generator in "
                                             "a checkpoint of your own run (--from): a PNG grid (--out x.png) or "
                                             "arrays (--out x.npz: images uint8 N x 28 x 28, or N x H x W x 3 "
                                             "for colour, labels int64 N).")
    sample.add_argument("variant", nargs="?", type=_generator_name,
                        help=f"a shipped generator: {', '.join(VARIANTS)} (MNIST) or cdcgan-cifar10 "
                             "(leave out when using --from)")
    sample.add_argument("--from", dest="checkpoint", metavar="CHECKPOINT", type=_path,
                        help="a checkpoint.pt written by `python -m ganlib train`, or its run folder (the variant is "
                             "read from it)")
    sample.add_argument("--n", type=_sample_count, default=64, help=f"how many images (default 64, at most {MAX_SAMPLES:,})")
    sample.add_argument("--digit", "--label", dest="digit", type=_digit,
                        help="conditional generators only: which class to draw by its number (MNIST: the digit; "
                             "CIFAR-10: 0 airplane, 1 automobile, 2 bird, 3 cat, 4 deer, 5 dog, 6 frog, 7 horse, "
                             "8 ship, 9 truck; a folder: its class sub-folders in alphabetical order, as train "
                             "printed; default: every class in turn)")
    sample.add_argument("--seed", type=_seed, default=0, help="the same seed gives the same images (default 0)")
    sample.add_argument("--out", required=True, type=_path, help="output file ending in .png or .npz")

    evaluate = commands.add_parser(
        "evaluate", help="measure a generator with the referee (MNIST or CIFAR-10)",
        description="Measure generated digits with the referee: Frechet distance in its features, conditional "
                    "accuracy, class-histogram KL from uniform, confidence; printed next to the reference "
                    "values of real training images and of uniform noise.")
    evaluate.add_argument("target", nargs="?", type=_path,
                          help="a shipped generator (e.g. cdcgan, cdcgan-cifar10), a checkpoint.pt or run folder of "
                               "your own, or a samples .npz (images uint8 N x 28 x 28 or N x 32 x 32 x 3, optional labels)")
    evaluate.add_argument("--all", action="store_true",
                          help="every shipped generator, as a Markdown table with its training time")
    evaluate.add_argument("--n", type=_sample_count,
                          help=f"images to draw from a generator (default 10,000, at most {MAX_SAMPLES:,})")
    evaluate.add_argument("--seed", type=_seed, help="seed for drawing them (default 0)")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of a table")
    evaluate.add_argument("--inception", action="store_true",
                          help="also the standard FID in Inception-v3 features (pytorch-fid; downloads its weights "
                               "once, so it needs the internet; slow on a CPU), to compare with papers; the only "
                               "score for images no referee judges, such as 64x64 faces")
    evaluate.add_argument("--reference", metavar="DATA", type=_path,
                          help="with --inception: the real images to compare with (mnist, cifar10, celeba or a "
                               "folder; default: the data set the generator learned from)")

    referee = commands.add_parser("referee", help="train the referee classifier that evaluate uses",
                                  description="Train a referee classifier (MNIST or CIFAR-10) and write its weights, "
                                              "test accuracy and reference values into the package.")
    referee.add_argument("dataset", nargs="?", default="mnist", choices=["mnist", "cifar10"],
                         help="which data set's referee (default mnist)")
    referee.add_argument("--epochs", type=_positive_int, help="passes over the training set (default: mnist 4, cifar10 16)")
    referee.add_argument("--out", type=_path, help="weights file (default: the one ganlib ships in ganlib/weights/)")

    export = commands.add_parser("export", help="turn a finished run into a shipped weights file",
                                 description="Write the generator of a finished `python -m ganlib train` run, with "
                                             "its command, seed, epochs, time and machine, as a shipped-weights file "
                                             "(into the run folder unless --out says otherwise).")
    export.add_argument("run", type=_path, help="the run's output folder (holding checkpoint.pt and summary.json)")
    export.add_argument("--out", type=_path, help="weights file or folder (default: RUN/<variant>.pt, RUN/<variant>-<folder>.pt "
                        "for a run on a folder of images); to replace the shipped "
                                      "generator, name ganlib/weights/<variant>.pt and add --force")
    export.add_argument("--force", action="store_true", help="replace the file at --out if it exists")

    gif = commands.add_parser("gif", help="regenerate a course model's training GIF in report/figures/",
                              description="Train a course model with the library's defaults and a fixed seed (not "
                                          "every notebook's own settings) and write its training-progress GIF "
                                          "into report/figures/, in place of the notebook's.")
    gif.add_argument("variant", nargs="?", choices=list(FIGURE_NAMES), metavar="MODEL",
                     help=f"which one: {', '.join(FIGURE_NAMES)}")
    gif.add_argument("--all", action="store_true", help="all of them, one after the other")
    gif.add_argument("--epochs", type=_positive_int, help="passes over the data (default: " + ", ".join(
        f"{name} {run_defaults(*parse_name(name))['epochs']}" for name in FIGURE_NAMES) + ")")
    gif.add_argument("--seed", type=_seed, default=0, help="random seed (default 0, as in the notebooks)")

    bench = commands.add_parser("bench", help="measure speed on this machine",
                                description="data: images/s of the two ways to feed MNIST to a GAN. variants: train "
                                            "each variant for a fixed budget and print the referee's numbers. "
                                            "recipes: the same for the alternatives the defaults were chosen from.")
    bench.add_argument("what", choices=["data", "variants", "recipes", "losses", "sizes", "faces", "guard"],
                       help="data, variants, recipes (the comparison behind the course's defaults), losses (the same "
                            "DCGAN with the non-saturating, hinge and WGAN-GP objectives, --seeds seeds), sizes "
                            "(images/s of the 64x64 colour DCGAN at several widths, batch sizes, threads, memory "
                            "layouts, compiled), faces (64x64 faces per CPU-minute at widths 16, 32, 64), or guard "
                            "(the four variants for a fixed number of steps and of minutes, three seeds, compared "
                            "with report/guard_baseline.json: run it after any change to the loop, the step or the "
                            "nets)")
    bench.add_argument("--steps", type=_positive_int, help=f"guard, losses: the budget in steps (guard default {GUARD_STEPS}; losses: minutes unless given)")
    bench.add_argument("--seeds", type=_positive_int, help=f"guard, losses: seeds 0 .. N-1 (default: guard {GUARD_SEEDS}, losses 3)")
    bench.add_argument("--record", action="store_true",
                       help="guard: write the results as the new baseline (at a release) instead of comparing")
    bench.add_argument("--seconds", type=_checked(float, lambda v: 1 <= v < float("inf"), "a number of seconds, 1 or more"),
                       help="data, sizes: time per measurement (default 20, and 15 for sizes)")
    bench.add_argument("--minutes", type=_positive_float,
                       help="variants, recipes, faces, losses, guard: training budget for each (default: variants 5, 10 "
                            f"for cifar10; recipes 2, 5 for cifar10; faces 6; losses 2; guard {GUARD_MINUTES:g})")
    bench.add_argument("--variant", action="append", type=_variant,
                       help="variants, guard: only this one (repeat for several; default all four)")
    bench.add_argument("--data", default="mnist", type=str.lower, choices=["mnist", "cifar10"],
                       help="variants, recipes: the data set (default mnist)")
    bench.add_argument("--device", help="variants, sizes: cuda, mps or cpu (default: the fastest one present)")
    bench.add_argument("--json", metavar="FILE", type=_path, help="also write the rows as JSON to FILE")

    report = commands.add_parser("report", help="rerun the report's measurements and fill report/report.md",
                                 description="Train every variant, the ablation of the default recipe, the failure "
                                             "modes, the colour studies (CIFAR-10 recipes, faces widths) and the "
                                             "losses study (non-saturating, hinge, WGAN-GP) for equal budgets, ask the referee, and write report/results.json, "
                                             "report/figures/report_*.png and the tables of report/report.md.")
    report.add_argument("--minutes", type=_positive_float, default=60.0,
                        help="the MNIST study's budget (default 60: 5 training minutes for each of its 11 runs, plus "
                             f"evaluation); the CIFAR-10 runs get the same share, the faces widths {FACES_MINUTES:g} minutes each")
    report.add_argument("--samples", type=_positive_int, default=10_000,
                        help="images the referee judges per evaluation (default 10,000)")
    report.add_argument("--seeds", type=_positive_int, default=1,
                        help="run every study this many times, seeds --seed, --seed + 1, ...; the tables give each "
                             "number's mean and range (default 1)")
    report.add_argument("--seed", type=_seed, default=0, help="the first seed (default 0)")
    report.add_argument("--steps", type=_positive_int,
                        help="a budget of this many training steps per run instead of a share of --minutes: the "
                             f"same work on every machine (the faces widths keep their {FACES_MINUTES:g} minutes each)")
    report.add_argument("--study", action="append", choices=STUDIES,
                        help="run only this study (repeatable), keeping the others' results from report/results.json: "
                             "mnist (quality, ablation, failures, the shipped generators), equal-minutes (the MLP "
                             "variants and the ablation's slower rows again, for the minutes of the run they are "
                             "compared with), colour (CIFAR-10 recipes, faces widths) or losses (notebook 09's objectives on "
                             "one DCGAN); default: all")
    report.add_argument("--tables-only", action="store_true",
                        help="train nothing: refill report.md's tables from report/results.json")
    report.add_argument("--pdf", action="store_true", help="build report/report.pdf with pandoc and XeLaTeX, or fail "
                        "saying why (default: built whenever both are installed, outside smoke mode)")

    versions = commands.add_parser("versions", help="write the student and teacher versions of the notebooks",
                                   description="Write OUT/student/NAME.ipynb (each solution replaced by '# YOUR CODE HERE' "
                                               "and ..., its hint kept; each model answer by YOUR ANSWER HERE) and "
                                               "OUT/teacher/NAME.ipynb (everything), "
                                               "both without outputs, from the committed notebooks.")
    versions.add_argument("notebooks", nargs="*", type=_path, help="notebooks to convert (default: every notebook of the course)")
    versions.add_argument("--out", default="course-versions", type=_path, help="output folder (default: course-versions)")
    versions.add_argument("--force", action="store_true",
                          help="replace files in --out that differ from the versions (a teacher's edits are lost)")

    links = commands.add_parser("links", help="point the notebooks' badges, set-up cells and links at the repository",
                                description=f"Rewrite every notebook's Colab and Binder badges, set-up cell (which "
                                            f"installs this version of ganlib) and links to the report so they follow "
                                            f"the repository named in ganlib/course/links.py ({REPOSITORY}), and "
                                            f"write the student versions the badges open (notebooks/{STUDENT_FOLDER}/); "
                                            "--check only lists what does not follow or is stale. With --hub, print "
                                            "instead the nbgitpuller link that opens each notebook's student version "
                                            "on that JupyterHub.")
    links.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file does not follow it")
    links.add_argument("--hub", metavar="URL", help="your university JupyterHub's address (e.g. "
                                                    "https://hub.example.edu): print the link that opens each notebook "
                                                    "there, cloned into the student's home by nbgitpuller")
    return parser


def shown_data(data: str) -> str:
    """A data set's name as it is; a folder as ``shown`` shows paths (relative to the working folder when near)."""
    return data if data_set_name(data).lower() in DATA_SET_NAMES else shown_path(data)


def _train_config(args) -> TrainConfig:
    """The run's settings: the command line's, on top of the resumed run's when resuming."""
    given = {k: v for k, v in dict(variant=args.variant, data=args.data, image_size=args.image_size, width=args.width,
                                    hidden=args.hidden,
                                    epochs=args.epochs, batch_size=args.batch_size,
                                    seed=args.seed, ema_decay=args.ema, loss=args.loss, spectral_norm=args.spectral_norm,
                                    gp_weight=args.gp_weight, critic_steps=args.critic_steps, minutes=args.minutes, max_steps=args.max_steps, device=args.device,
                                    checkpoint_every_minutes=args.checkpoint_minutes).items() if v is not None}
    if "data" in given and data_set_name(given["data"]) not in DATA_SET_NAMES and Path(given["data"]).expanduser().is_dir():
        # a folder, kept as a whole path: a run resumed from another working folder reads the same images
        say_which_is_read(given["data"])  # ./MNIST: the folder, said before its name becomes a path
        given["data"] = str(Path(given["data"]).expanduser().resolve())
    given["progress"] = not args.no_progress
    if args.full_precision:
        given["mixed_precision"] = False
    if args.compile:
        given["compile"] = True
    values = given
    if args.resume:
        found = latest_checkpoint(Path(args.resume) / CHECKPOINTS)
        if found is None:
            raise UsageError(f"no checkpoint to resume in {Path(args.resume) / CHECKPOINTS}: give the output folder "
                             "of an earlier `python -m ganlib train` run")
        if found[1].get("discriminator") is None or "config" not in found[1]:
            raise UsageError(f"{found[0]} holds a generator's weights only (an export or a shipped file), not a "
                             "training checkpoint: there is nothing to resume. Sample from it with --from, or train "
                             "anew with another --out")
        trained_with = (found[1]["config"] or {}).get("loss", "non-saturating")
        if args.loss and args.loss != trained_with:
            raise UsageError(f"{args.resume} was trained with the {trained_with} objective; --loss {args.loss} would "
                             "need other nets and settings. Resume it without --loss, or train the new objective in "
                             "another folder")
        # The saved settings, minus the budget (minutes, steps) and device of that session; smoke follows this session's switch.
        values = {**(found[1]["config"] or {}), "minutes": None, "device": None, "max_steps": None, **given,
                  "smoke": None}
        recorded = str(values.get("data") or "mnist")
        if "data" not in given and data_set_name(recorded).lower() not in DATA_SET_NAMES and \
                not Path(recorded).expanduser().is_dir():
            raise UsageError(f"{args.resume} was trained on the folder {recorded} (its checkpoint says so), which is "
                             "not there from this working folder: resume from the folder you trained in, or give "
                             "--data with the images' folder (nothing was changed)")
    try:
        return TrainConfig.from_dict(values, strict=not args.resume)
    except ValueError as error:
        raise UsageError(str(error)) from None


def cmd_train(args) -> int:
    inside = Path(args.resume) if args.resume else None
    if inside is not None and (inside.name == CHECKPOINTS and inside.is_dir() or
                               inside.name == RUN_FILES["checkpoint"] or inside.match("checkpoints/step-*.pt")):
        run = inside.parent.parent if inside.match("checkpoints/step-*.pt") else inside.parent
        raise UsageError(f"--resume takes the run's folder, {command_word(run)}, not {args.resume} inside it: "
                         f"python -m ganlib train {args.variant} --resume {command_word(run)}")
    if args.resume and args.out and Path(args.out).resolve() != Path(args.resume).resolve():
        raise UsageError(f"--resume {args.resume} continues that run in its own folder; --out {args.out} names another. "
                         "Give only --resume (the run goes on where it was), or copy the folder first and resume the copy")
    given = Path(args.data).expanduser() if args.data else None
    if given is not None and given.is_dir() and _is_run_folder(given):
        raise UsageError(f"--data {args.data} is a training run's folder (its samples, plots and checkpoints), not a "
                         "folder of training images: give the folder of your images (nothing was written)")
    runs_inside = sorted(p.name for p in given.iterdir() if p.is_dir() and _is_run_folder(p)) \
        if given is not None and given.is_dir() else []
    if runs_inside:  # runs/ itself: each run folder would become a class of its pictures
        raise UsageError(f"--data {args.data} holds training runs ({', '.join(runs_inside[:3])}"
                         f"{' ...' if len(runs_inside) > 3 else ''}), whose samples and plots would be read as training "
                         "images: give the folder of your images (nothing was written)")
    config = _train_config(args)
    try:
        images, labels, G, D = data_and_nets(config)
    except ValueError as error:  # e.g. a conditional variant on an unlabelled folder: said before any folder is made
        raise UsageError(str(error)) from None
    batch_size = run_settings(config).batch_size  # what the run will take (smoke mode shrinks the batches)
    if batch_size * config.critic_steps > len(images):
        per_step = (f"one step's {config.critic_steps} batches of {batch_size}" if config.critic_steps > 1
                    else f"one batch of {batch_size}")
        smaller = " or give a smaller --batch-size (2 or more)" if len(images) >= 2 * config.critic_steps else \
            " (a batch holds at least 2 images)"
        raise UsageError(f"{config.data} holds {len(images)} image{'' if len(images) == 1 else 's'}, fewer than "
                         f"{per_step}: add images{smaller}" + (" or --critic-steps" if config.critic_steps > 1 else ""))
    data_folder, asked = Path(config.data).expanduser(), args.out or args.resume
    # the folder and its class folders, followed through links: a run inside any of them would feed the next run
    read = [data_folder, *_folders_read(data_folder)] if asked and data_folder.is_dir() else []
    if asked and any(folder.resolve() in (Path(asked).expanduser().resolve(), *Path(asked).expanduser().resolve().parents)
                     for folder in read):
        raise UsageError(f"the output folder {asked} is inside the data folder {config.data}: the run's pictures would "
                         "become training images of the next run. Choose an --out outside it (nothing was written)")
    try:
        out = new_run_dir(config.variant, asked)
    except PermissionError as error:
        if not args.resume:
            raise
        raise UsageError(f"cannot write to {args.resume}, the run to resume ({getattr(error, 'reason', 'not writable')}): "
                         "make it writable, or copy the folder somewhere writable and resume the copy (nothing was "
                         "changed)") from None
    with run_lock(out):  # the run owns its folder until it has written everything
        return _train_into(out, args, config, images, labels, G, D)


def _folders_read(data: Path) -> list:
    """The class folders of ``data`` and every linked folder inside it: where the loader reads images (through links)."""
    found = [p for p in data.iterdir() if p.is_dir()]
    for root, folders, _ in os.walk(data):
        found += [Path(root) / name for name in folders if (Path(root) / name).is_symlink()]
    return found


def _is_run_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a training run: its checkpoint or summary, or periodic checkpoints."""
    return any((folder / name).is_file() for name in (RUN_FILES["checkpoint"], RUN_FILES["summary"])) \
        or any((folder / CHECKPOINTS).glob("step-*.pt"))


def _train_into(out: Path, args, config: TrainConfig, images, labels, G, D) -> int:
    config.checkpoint_dir = str(out / CHECKPOINTS)
    earlier = periodic_checkpoints(config.checkpoint_dir)
    smoke_before = bool(earlier) and bool(_was_smoke(config.checkpoint_dir))
    if earlier and smoke_before and not is_smoke():
        raise UsageError(f"{out} holds a smoke-mode test run (trained with GANLIB_SMOKE on, on a few hundred images): a "
                         f"real run cannot continue it. Choose another --out, or delete {out} first (nothing was "
                         "overwritten)")
    if not args.resume and earlier:
        if is_smoke() and not smoke_before:
            raise UsageError(f"{out} already holds a real training run, which smoke mode (GANLIB_SMOKE) may not "
                             "continue: choose another --out (nothing was overwritten)")
        raise UsageError(f"{out} already holds a training run: continue it with --resume {command_word(out)}, "
                         "or choose another --out (nothing was overwritten)")
    finished = [name for name in RUN_FILES.values() if (out / name).exists()]
    if not args.resume and finished:
        raise UsageError(f"{out} holds the results of an earlier run ({', '.join(finished)}): choose another --out, or "
                         "move them away first (nothing was overwritten)")
    if args.resume and is_smoke() and _was_smoke(config.checkpoint_dir) is False:
        raise UsageError(f"smoke mode is on (GANLIB_SMOKE): resuming {out} would go on as a shrunk test run and write "
                         "over its results. Unset GANLIB_SMOKE to resume it (nothing was changed)")
    if not args.resume:
        save_started_with(out, args.command_line)
    shown = run_settings(config)
    budget = (f", at most {shown.minutes:g} minutes" if shown.minutes else "") + \
        (f", at most {shown.max_steps:,} step{'' if shown.max_steps == 1 else 's'}" if shown.max_steps else "")
    test = " as a smoke test (GANLIB_SMOKE is on)" if shown.smoke else ""
    data = args.data if args.data and args.data.lower() not in DATA_SET_NAMES else shown_data(config.data)
    print(f"Training {config.variant} on {data} ({len(images):,} images of {' x '.join(map(str, images.shape[1:]))})"
          f"{test} for {shown.epochs} epoch{'' if shown.epochs == 1 else 's'}{budget} on {pick_device(config.device)}.")
    if named_classes(G):  # a folder's classes: say which number is which
        print(f"Its classes: {listed_classes(G)} (sample --digit takes the number)")
    try:
        history = train(G, D, images, labels, config, resume=bool(args.resume))
    except KeyboardInterrupt as stop:  # before the loop took its stop requests, or a second Ctrl-C
        if periodic_checkpoints(config.checkpoint_dir):
            raise
        raise KeyboardInterrupt(f"{str(stop) or 'Ctrl-C'} before the run's first checkpoint: nothing was trained or saved, "
                                f"so there is nothing to resume. Train again with the same command "
                                f"({command_word(out)} can take it)") from None
    try:
        files = save_run(out, G, D, history, config, args.command_line)
    except OSError as error:  # a full disk: what train() saved periodically is intact
        kept = periodic_checkpoints(config.checkpoint_dir)
        if not kept:
            raise UsageError(f"{error.strerror or error}. No checkpoint of this run could be written, so its training "
                             f"is lost: free some space (or choose another --out) and train again") from None
        raise UsageError(f"{error.strerror or error}. The run's last checkpoint, {kept[0].name} in "
                         f"{config.checkpoint_dir}, is intact: free some space and continue with --resume {command_word(out)}") from None
    print(f"{history.stop_reason[0].upper()}{history.stop_reason[1:]}: {history.seconds / 60:.1f} minutes, "
          f"{history.images_per_second:,.0f} images/s.")
    print(f"Wrote {', '.join(p.name for p in files.values())} to {out}")
    if not history.diverged:
        n = 1000 if is_smoke() else 10000
        if referee_that_knows(G.image_shape, config.data) is None:
            known = ", ".join(f"{name} ({' x '.join(map(str, r.image_shape))})" for name, r in REFEREES.items())
            print(f"No referee's numbers: no referee was trained on {args.data or shown_data(config.data)} (there are referees for {known}); "
                  "its classes would say nothing of these images. Judge the samples by eye.")
        else:
            try:
                numbers = format_report(evaluate_generator(G, n))
            except KeyboardInterrupt as stop:  # the run is whole on disk: only the printed numbers are missing
                raise KeyboardInterrupt(f"{str(stop) or 'Ctrl-C'} while the referee judged the final generator. The run is "
                                        f"whole in {out}; python -m ganlib evaluate {command_word(out)} prints its "
                                        "numbers") from None
            print(f"The referee's numbers for the final generator ({n:,} samples):\n{numbers}")
    if not history.diverged and not history.stop_reason.startswith("finished") and \
            periodic_checkpoints(config.checkpoint_dir):
        print(f"Continue this run with: python -m ganlib train {config.variant} --resume {command_word(out)}")
    # A run stopped by Ctrl-C or SIGTERM ends as interrupted commands do (130), so a script or scheduler can tell it
    # from a finished one; its checkpoint is intact either way.
    return 1 if history.diverged else 130 if history.stop_reason.startswith("interrupted") else 0


def _was_smoke(checkpoint_dir) -> Optional[bool]:
    """Was the run in ``checkpoint_dir`` trained in smoke mode? None when it has no checkpoint yet."""
    found = latest_checkpoint(checkpoint_dir)
    return None if found is None else bool((found[1].get("config") or {}).get("smoke"))


def _learned_from(payload: dict):
    """The data set a checkpoint's (or exported file's) generator learned from, or None where it does not say."""
    found = [entry.get("data") for entry in (payload.get("config"), payload.get("trained")) if isinstance(entry, dict)]
    return next((data for data in found if isinstance(data, str) and data), None)


def _generator(args):
    """The generator a command was pointed at: a shipped one (a variant name) or one in ``--from``."""
    if (args.variant is None) == (args.checkpoint is None):
        raise UsageError("name a shipped generator (e.g. `sample cdcgan`) or give --from CHECKPOINT, one of the two")
    if args.checkpoint:
        path = Path(args.checkpoint)
        if path.is_dir() and not (path / "checkpoint.pt").exists():
            _no_final_checkpoint(path)
        G, payload = load_generator(path / "checkpoint.pt" if path.is_dir() else path)  # a run folder, as evaluate
        _say_if_newer(path.parent if path.name == RUN_FILES["checkpoint"] else path, payload)
        return G.to(pick_device()), payload.get("variant"), _learned_from(payload)
    return pretrained(args.variant), args.variant, parse_name(args.variant)[1]


def _no_final_checkpoint(run: Path, verb: str = "sample from") -> None:
    """A run folder without its checkpoint.pt (a run that did not finish): say which periodic checkpoint to use, or how
    to finish the run, when it looks like a run; else that the folder holds no run."""
    if not any((run / name).exists() for name in ("summary.json", CHECKPOINTS, "training.gif", "losses.png")):
        raise UsageError(f"{run} holds no training run (no checkpoint.pt): give a run folder, a checkpoint file, or a "
                         "shipped generator's name")
    periodic = periodic_checkpoints(run / CHECKPOINTS)
    try:
        variant = read_checkpoint(periodic[0]).get("variant") or "VARIANT" if periodic else "VARIANT"
    except CheckpointError:
        variant = "VARIANT"
    where = (f": {verb} its last periodic checkpoint, {periodic[0]}, or finish the run with `python -m ganlib "
             f"train {variant} --resume {command_word(run)}`") if periodic else ", nor any periodic checkpoint"
    raise UsageError(f"the run folder {run} has no checkpoint.pt (the run did not finish, or it was moved){where}")


def _say_if_newer(run: Path, payload: dict) -> None:
    """A run folder whose checkpoints/ went on past its checkpoint.pt: say that this is the older generator."""
    newer = newer_checkpoint(run, payload) if Path(run).is_dir() else None
    if newer:
        notice(f"{newer}; this uses checkpoint.pt, the generator of before it")


def _ready_to_write(path: str, option: str) -> None:
    """Before any work is spent: ``option`` (--out, --json) names a file in a folder that can be written."""
    target = Path(path).expanduser()
    if not str(path).strip() or target.is_dir() or str(path).endswith(("/", os.sep)):
        what = "empty" if not str(path).strip() else "a folder" if target.is_dir() else "a folder's name (it ends in '/')"
        raise UsageError(f"{option} {path!r} is {what}: give a file name")
    blocking = blocking_file(target)
    if blocking is not None:
        raise UsageError(f"cannot write {path}: {blocking} is a file, not a folder; choose another {option}")
    writable_folder(target.parent, f"the folder of {option} {path}", option)


def cmd_sample(args) -> int:
    if args.variant and Path(args.variant).is_dir() and _is_run_folder(Path(args.variant)):
        notice(f"{args.variant} is a shipped generator's name and also a run folder here: this samples the shipped "
               f"{args.variant}; for your run, give --from ./{args.variant}")
    if Path(args.out).name.lower() in (".png", ".npz"):
        raise UsageError(f"--out {args.out!r} is only a suffix: give a file name, e.g. samples{Path(args.out).name}")
    if Path(args.out).suffix.lower() not in (".png", ".npz"):
        raise UsageError(f"--out must end in .png (a grid) or .npz (arrays), got {args.out!r}")
    out = Path(args.out)
    if out.name in RUN_FILES.values() and _is_run_folder(out.parent):  # finished, or with periodic checkpoints
        raise UsageError(f"--out {args.out} is one of the run's own results (train wrote it; {out.parent} is a run "
                         f"folder): give another name, e.g. {out.with_name(f'{out.stem}-seed{args.seed}{out.suffix}')}")
    G, variant, data = _generator(args)
    _ready_to_write(args.out, "--out")
    try:
        images, labels = sample_images(G, args.n, args.digit, args.seed)
    except ValueError as error:
        raise UsageError(str(error)) from None
    columns = G.n_classes if G.n_classes and args.digit is None and G.n_classes <= 16 else 8  # one class a column
    path = save_samples(args.out, images, labels, columns, data=data)
    what = class_name(G, args.digit) if args.digit is not None else "all classes" if G.n_classes else "unconditional"
    capped = f" (smoke mode keeps at most {len(images):,} of the {args.n:,} asked for)" if len(images) < args.n else ""
    print(f"Wrote {len(images):,} image{'s' if len(images) != 1 else ''} ({variant}, {what}, seed {args.seed}) to {path}{capped}")
    return 0


def _load_samples(path: Path):
    if not path.is_file():
        raise UsageError(f"{path}: {'no such file' if not path.exists() else 'not a file'}. Give a samples .npz "
                         "written by `python -m ganlib sample --out FILE.npz`")
    if not zipfile.is_zipfile(path):
        raise UsageError(f"{path} is not a .npz archive (np.savez writes one; `python -m ganlib sample --out x.npz` "
                         "too): give the samples file")
    try:
        with np.load(path, allow_pickle=False) as arrays:
            if "images" not in arrays:
                raise UsageError(f"{path} holds no 'images' array (it has: {', '.join(arrays.files) or 'nothing'})")
            data = str(arrays["data"]) if "data" in arrays and arrays["data"].dtype.kind == "U" else None
            images, labels = arrays["images"], (arrays["labels"] if "labels" in arrays else None)
    except (ValueError, OSError, TypeError, zipfile.BadZipFile) as error:
        raise UsageError(f"{path} is not a readable .npz file ({error})") from None
    if not isinstance(images, np.ndarray) or labels is not None and not isinstance(labels, np.ndarray):
        raise UsageError(f"{path} is not a readable .npz file (its arrays are damaged): give the samples file "
                         "`python -m ganlib sample --out FILE.npz` writes")
    if images.dtype.kind not in "uif":
        raise UsageError(f"{path}: its images hold {images.dtype} values, not numbers: give the samples file "
                         "`python -m ganlib sample --out FILE.npz` writes (uint8 images)")
    if labels is not None and labels.dtype.kind not in "ui":
        raise UsageError(f"{path}: its labels must be whole numbers (class numbers), not {labels.dtype} values")
    if labels is not None and labels.dtype.kind == "u":  # uint64 and its kind: whole numbers all the same
        if labels.size and int(labels.max()) > np.iinfo(np.int64).max:
            raise UsageError(f"{path}: its labels are not class numbers (up to {labels.max()})")
        labels = labels.astype(np.int64)
    return images, labels, data


def _is_generator_name(text: str) -> bool:
    try:
        parse_name(text)
        return True
    except ValueError:
        return False


def _evaluate_target(args) -> tuple:
    """(what was evaluated, its images, their labels, the data set it learned from or None) for a shipped
    generator, a checkpoint, a run folder or a samples .npz."""
    target = Path(args.target)
    if not target.exists() and _is_generator_name(args.target):
        images, labels = sample_images(pretrained(args.target), args.n, seed=args.seed)
        return f"shipped {args.target}", images, labels, parse_name(args.target)[1]
    target = target / "checkpoint.pt" if target.is_dir() else target
    try:
        if target.suffix.lower() == ".npz":
            images, labels, data = _load_samples(target)
            if data is not None and data not in REFEREES:  # a folder's classes (any number): no referee reads them
                labels = None
            return (str(target), *check_images(images, labels, quiet=True), data)
        if not target.exists() and target.name == "checkpoint.pt" and target.parent.is_dir():
            _no_final_checkpoint(target.parent, "evaluate")
        if not target.exists():
            raise UsageError(f"{args.target!r} is not a checkpoint file, a run folder, a samples .npz or a shipped "
                             f"generator ({', '.join(VARIANTS)}, cdcgan-cifar10)")
        G, payload = load_generator(target)
        _say_if_newer(target.parent if target.name == "checkpoint.pt" else target, payload)
        images, labels = sample_images(G.to(pick_device()), args.n, seed=args.seed)
        return str(target), images, labels, _learned_from(payload)
    except ValueError as error:
        if isinstance(error, CheckpointError):
            raise
        hint = (". For other images ask for the standard FID: add --inception (and --reference DATA, the real images "
                "to compare with)") if str(error).startswith("no referee judges") else ""
        raise UsageError(f"{target}: {error}{hint}") from None


def _inception_fid(images, data: str) -> dict:
    """The standard FID of ``images`` against real images of ``data`` (a data set's test set, or a folder)."""
    reference = load_dataset(data, train=False, image_size=images.shape[-1], smoke=False).images[:10_000]
    where = f"{data} test set" if data in ("mnist", "cifar10") else f"{len(reference):,} images of {data}"
    return {"inception_fid": inception_fid(images, reference), "inception_reference": where}


def cmd_evaluate(args) -> int:
    if args.all == (args.target is not None):
        raise UsageError(f"--all evaluates every shipped generator, and {args.target} is one target: give one of the two, "
                         "not both" if args.all else "give one target to evaluate, or --all for every shipped generator")
    if args.reference is not None and not args.inception:
        raise UsageError("--reference names the real images of the Inception FID: add --inception, or leave it out "
                         "(the referee compares with its own data set's test images)")
    if args.reference is not None and args.reference.lower() not in DATA_SET_NAMES and not Path(args.reference).is_dir():
        raise UsageError(f"--reference {args.reference!r} is neither a data set name ({', '.join(DATA_SET_NAMES)}) nor a "
                         "folder of images: give one of the names, or the folder of the real images to compare with")
    if args.target and Path(args.target).suffix.lower() == ".npz" and (args.n, args.seed) != (None, None):
        raise UsageError(f"{args.target} holds its images already: --n and --seed choose how many images to draw from "
                         "a generator and which; leave them out for a samples file")
    args.n, args.seed = args.n or 10000, args.seed or 0
    if args.all:
        tables = evaluate_shipped(args.n, args.seed)
        print(json.dumps(tables, indent=2) if args.json else "\n\n".join(
            markdown_table(rows, f"shipped generator ({data})") for data, rows in tables.items()))
        return 0

    name, images, labels, trained_on = _evaluate_target(args)
    shape = tuple(images.shape[1:])
    # A referee of this shape exists, but it was trained on other images (a run on your own 32x32 folder).
    other_referee = trained_on and referee_that_knows(shape) is not None and referee_that_knows(shape, trained_on) is None
    if other_referee and not args.inception and trained_on in REFEREES:  # its own referee takes another shape
        wanted = REFEREES[trained_on].image_shape
        raise UsageError(f"{name} says its generator learned {trained_on}, but its images are "
                         f"{' x '.join(map(str, shape))}, and {trained_on}'s images (and its referee's) are "
                         f"{' x '.join(map(str, wanted))}: check that this is the file you meant (or add --inception "
                         "for the standard FID)")
    if other_referee and not args.inception:
        raise UsageError(f"{name} {'came from a generator trained' if name.endswith('.npz') else 'was trained'} on "
                         f"{trained_on}, and no referee was trained on it: the "
                         f"{referee_that_knows(shape)} referee's classes would say nothing of these images. Ask for "
                         "the standard FID against its images: add --inception")
    try:
        result = {} if other_referee else evaluate_images(images, labels)
    except ValueError as error:  # no referee for these images (e.g. 64x64 faces): only the Inception FID can judge
        if not str(error).startswith("no referee judges"):
            raise UsageError(f"{name}: {error}") from None
        if not args.inception:
            raise UsageError(f"{name}: {error}. For other images ask for the standard FID: add --inception "
                             "(and --reference DATA, the real images to compare with)") from None
        result = {}
    unavailable = None
    if args.inception:
        data = args.reference or trained_on or result.get("referee")
        if data is None:
            raise UsageError("--inception needs the real images to compare with: add --reference DATA "
                             "(mnist, cifar10, celeba or a folder of images)")
        folder = Path(data).expanduser()
        if folder.is_dir() and (_is_run_folder(folder) or any(p.is_dir() and _is_run_folder(p) for p in folder.iterdir())):
            raise UsageError(f"--reference {data} is a training run's folder (or holds runs): its samples and plots are "
                             "no real images to compare with. Give the folder of the real images the generator learned "
                             "from (or mnist, cifar10, celeba)")
        try:
            result.update(_inception_fid(images, data))
        except ValueError as error:  # reference images of another size than these, say
            raise UsageError(f"--inception against {data}: {error} (these images are "
                             f"{' x '.join(map(str, images.shape[1:]))}; give --reference images of that size)") from None
        except InceptionUnavailable as error:
            unavailable = f"ganlib: Inception FID unavailable: {error}. " + (
                "The referee's numbers above need nothing." if "referee" in result else
                "No referee judges these images, so offline there is no score for them.")
    if args.json:
        reference = reference_values(result["referee"]) if "referee" in result else None
        print(json.dumps({"target": name, "result": result, "reference": reference}, indent=2))
    else:
        print(f"{name}\n{format_report(result)}" if "referee" in result else name)
        if "inception_fid" in result:
            print(f"Inception FID ({len(images):,} images against the {result['inception_reference']}): "
                  f"{result['inception_fid']:.2f}")
    if unavailable:
        print(unavailable, file=sys.stderr)
        return 1
    return 0


def cmd_referee(args) -> int:
    recipe = REFEREES[args.dataset]
    if not args.out and is_smoke():  # the shipped referee judges every evaluate: a few smoke steps must not replace it
        raise UsageError(f"smoke mode (GANLIB_SMOKE) trains the referee for one epoch on a few images, which would replace the shipped "
                         f"{recipe.weights.name} with a poor one: give --out FILE, or unset GANLIB_SMOKE")
    _ready_to_write(args.out or recipe.weights, "--out")
    if args.out and Path(args.out).suffix.lower() != ".pt":  # a PyTorch weights file, as export's
        raise UsageError(f"--out {args.out} does not end in .pt: the referee is a PyTorch weights file; name it e.g. "
                         "my-referee.pt (nothing was trained)")
    if args.out and Path(args.out).expanduser().exists():  # a run's checkpoint, another referee: never written over
        raise UsageError(f"--out {args.out} exists already, and referee writes only a new file: give another name, or "
                         f"move that file away first (to replace the shipped {recipe.weights.name}, leave --out out). "
                         "Nothing was trained")
    payload = train_referee(args.dataset, epochs=args.epochs)
    payload["trained"]["command"] = args.command_line
    accuracy = (f"Referee: {payload['test_accuracy']:.2%} accurate on the {args.dataset} test images, trained in "
                f"{payload['trained']['seconds'] / 60:.1f} minutes")
    good = payload["test_accuracy"] >= recipe.accuracy_goal
    if not good and not args.out:  # a referee below its goal never replaces the shipped one
        print(f"{accuracy}: below the goal of {recipe.accuracy_goal:.0%}, so the shipped {recipe.weights} is kept and "
              f"nothing was written (train longer with --epochs, or give --out FILE to keep this referee anyway)")
        return 1
    path = atomic_save(payload, Path(args.out) if args.out else recipe.weights)
    print(f"{accuracy}; wrote {path} ({path.stat().st_size / 1e3:.0f} kB)")
    return 0 if good else 1


def cmd_export(args) -> int:
    try:
        path = export_run(Path(args.run), args.out or None, force=args.force)
    except ValueError as error:  # an --out that names no weights file
        raise UsageError(str(error)) from None
    # the periodic checkpoints record the shrunk run a smoke run was
    smoke = "; trained in smoke mode (a few steps), so it draws noise" if _was_smoke(Path(args.run) / CHECKPOINTS) else ""
    print(f"Wrote {path} ({path.stat().st_size / 1e6:.1f} MB{smoke})")
    return 0


def cmd_gif(args) -> int:
    if args.all == (args.variant is not None):
        raise UsageError(f"--all makes every course model's GIF, and {args.variant} is one: give one of the two, not "
                         "both" if args.all else "name one variant (e.g. `gif dcgan`) or give --all")
    for name in FIGURE_NAMES if args.all else [args.variant]:
        path = course_gif(name, args.epochs, args.seed)
        smoke = " in smoke mode's temporary folder, removed when this command ends (unset GANLIB_SMOKE to keep it)" \
            if is_smoke() else ""
        grid = path.with_name(path.stem + "_samples.png")  # course_gif writes the final grid beside the GIF
        print(f"Wrote {path} ({path.stat().st_size / 1e3:.0f} kB) and {grid.name}{smoke}")
    return 0


# Which bench measurements read each option (the others would ignore it without a word).
BENCH_OPTIONS = {"steps": ("guard", "losses"), "seeds": ("guard", "losses"), "record": ("guard",),
                 "seconds": ("data", "sizes"), "minutes": ("variants", "recipes", "faces", "losses", "guard"),
                 "variant": ("variants", "guard"), "data": ("variants", "recipes"), "device": ("variants", "sizes")}


def cmd_bench(args) -> int:
    if args.variant:  # --variant gan --variant gan: one run, not the same one twice
        args.variant = list(dict.fromkeys(args.variant))
    for option, readers in BENCH_OPTIONS.items():
        given = getattr(args, option)
        if given not in (None, False, "mnist") and args.what not in readers:
            raise UsageError(f"--{option} applies to {' and '.join(f'bench {r}' for r in readers)}, not bench "
                             f"{args.what}: leave it out")
    if args.device:
        try:
            pick_device(args.device)
        except ValueError as error:
            raise UsageError(str(error)) from None
    if args.json is not None:
        _ready_to_write(args.json, "--json")
        if Path(args.json).exists():
            raise UsageError(f"{args.json} exists already: --json writes a new file; give another name (or delete it)")
    if args.what == "data":
        rows = bench_data(args.seconds or 20.0)
    elif args.what == "sizes":
        rows = bench_sizes(args.seconds or 15.0, device=args.device)
    elif args.what == "faces":
        rows = bench_faces(args.minutes or 6.0)
    elif args.what == "variants":
        rows = bench_variants(args.minutes or (10.0 if args.data == "cifar10" else 5.0), args.variant, data=args.data,
                              device=args.device)
    elif args.what == "losses":
        rows, _ = bench_losses(None if args.steps else args.minutes or 2.0, args.seeds or 3, args.steps)
    elif args.what == "guard":
        if args.record and is_smoke():  # the committed baseline is the release's: smoke runs must not replace it
            raise UsageError(f"--record in smoke mode would replace {baseline_file()} with tiny runs: unset "
                             "GANLIB_SMOKE to record a baseline")
        if args.record and args.variant:
            raise UsageError(f"--record writes the baseline of every variant; with --variant it would drop the others "
                             f"from {baseline_file()}: record without --variant")
        try:
            rows = run_guard(args.steps or GUARD_STEPS, args.minutes or GUARD_MINUTES, args.seeds or GUARD_SEEDS,
                             baseline_file(), record=args.record, variants=args.variant)
        except ValueError as error:  # a damaged baseline, said before any run trains
            raise UsageError(str(error)) from None
    else:
        rows = bench_recipes(args.minutes or (5.0 if args.data == "cifar10" else 2.0), data=args.data)
    if args.json:
        atomic_write_text(args.json, json.dumps(rows, indent=2))
    return 0


def _saved_results(path: Path) -> dict:
    try:
        return read_results(path)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _saved_results_file(markdown: Path) -> Path:
    """The results a report keeps: beside report.md, or in smoke mode (whose folder is new in every run) the
    checkout's own report/results.json, read only."""
    saved, root = markdown.parent / RESULTS_FILE, project_root()
    if is_smoke() and not saved.is_file() and root is not None and (root / "report" / RESULTS_FILE).is_file():
        return root / "report" / RESULTS_FILE
    return saved


def cmd_report(args) -> int:
    if args.pdf and is_smoke():  # its copy of report.md lies in a temporary folder, without the figures beside it
        raise UsageError("--pdf builds report.pdf beside report/report.md and its figures, and smoke mode (GANLIB_SMOKE) "
                         "fills a temporary copy of report.md instead: unset GANLIB_SMOKE to build the PDF (nothing was "
                         "run)")
    markdown = report_markdown()
    defaults = vars(build_parser().parse_args(["report"]))  # to tell the options given from their defaults
    if args.tables_only:
        ignored = [name for name in ("minutes", "samples", "seeds", "seed", "steps", "study")
                   if getattr(args, name) != defaults[name]]
        if ignored:  # --tables-only measures nothing, so these would be ignored without a word
            raise UsageError(f"--tables-only trains and measures nothing, so {', '.join('--' + n for n in ignored)} "
                             f"would change nothing: leave {'it' if len(ignored) == 1 else 'them'} out, or drop --tables-only")
        saved = _saved_results_file(markdown)
        if not saved.is_file():
            raise FileNotFoundError(f"{saved} not found: run `python -m ganlib report` (without --tables-only) first")
        results = _saved_results(saved)
    else:
        if args.steps and args.minutes != defaults["minutes"]:
            raise UsageError("--steps gives every run a budget in steps instead of a share of --minutes: give one of "
                             "the two")
        saved = _saved_results_file(markdown)
        previous = _saved_results(saved) if args.study and saved.is_file() else None
        try:
            check_studies(args.study or STUDIES, previous)
        except ValueError as error:  # a study alone, without the others' results to keep
            raise UsageError(str(error)) from None
        results = run_report(args.minutes, args.samples, args.seed, args.seeds, args.steps, args.study or STUDIES,
                             previous)
    try:
        print(f"Wrote the tables of {write_report(results, markdown)}")
    except ValueError as error:  # a marker in report.md without a table
        raise UsageError(str(error)) from None
    except (KeyError, TypeError, AttributeError, IndexError) as error:  # results.json with some parts missing
        raise UsageError(f"{saved} lacks some of the results the tables need ({type(error).__name__}: {error}): "
                         "rerun `python -m ganlib report` without --tables-only, or restore the file from git") from None
    if not args.pdf and is_smoke():
        print("report.pdf not rebuilt in smoke mode")
    elif not args.pdf and not pdf_tools_installed():
        print("report.pdf not rebuilt: it needs pandoc and XeLaTeX (see report/README.md)")
    else:
        try:
            print(f"Wrote {build_pdf(markdown)}")
        except ValueError as error:  # a table past the page's edge, a citation without its reference, ...
            print(f"ganlib: error: {error}", file=sys.stderr)
            return 1
    return 0


def cmd_versions(args) -> int:
    root = project_root()
    notebooks = [Path(p) for p in args.notebooks] or (sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")) if root else [])
    if not notebooks:
        raise UsageError("no notebooks to convert: name them (this ganlib is not inside the course's repository)")
    folders = [str(p) for p in notebooks if p.is_dir()]
    if folders:
        raise UsageError(f"{', '.join(folders)} is a folder: name the notebooks (.ipynb files) in it, or none for all "
                         "of the course's")
    missing = [str(p) for p in notebooks if not p.is_file()]
    if missing:
        raise UsageError(f"no such notebook: {', '.join(missing)}")
    others = [str(p) for p in notebooks if p.suffix != ".ipynb"]
    if others:
        raise UsageError(f"not a notebook (.ipynb): {', '.join(others)}; name the course's notebooks, e.g. "
                         "notebooks/01_vanilla_gan.ipynb, or none for all of them")
    outputs = {(Path(args.out) / kind / p.name).resolve() for p in notebooks for kind in ("student", "teacher")} | \
        {(Path(args.out) / "nbgrader" / "source" / p.stem / p.name).resolve() for p in notebooks}
    overwritten = [str(p) for p in notebooks if p.resolve() in outputs]
    if overwritten:
        raise UsageError(f"{', '.join(overwritten)} would be overwritten by a version of itself: choose another --out "
                         "folder than the one the notebook lies in")
    blocked = next(((target, folder) for target in sorted(outputs) for folder in reversed(target.parents)
                    if folder.exists() and not folder.is_dir()), None)
    if blocked:  # found before anything is written, so no version is left half-done
        raise UsageError(f"cannot write {blocked[0]}: {blocked[1]} is a file, not a folder; choose another --out "
                         "(nothing was written)")
    names = [p.name for p in notebooks]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UsageError(f"two notebooks named {', '.join(twice)}: their versions would land on one file; convert them "
                         "into separate --out folders")
    try:
        write_versions(notebooks, Path(args.out), force=args.force)
    except ValueError as error:  # a file named .ipynb that is not a notebook
        raise UsageError(str(error)) from None
    print(f"Wrote {len(notebooks)} student and {len(notebooks)} teacher notebooks to {args.out}/student and "
          f"{args.out}/teacher, and the nbgrader course to {args.out}/nbgrader (cd there, then nbgrader "
          "generate_assignment NAME)")
    return 0


def cmd_links(args) -> int:
    root = project_root()
    if root is None:
        raise UsageError("links reads the course's notebooks: run it inside the course's repository")
    if args.hub is not None:
        if not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", args.hub, flags=re.IGNORECASE):
            raise UsageError(f"--hub {args.hub!r} is not a web address (without ?query or #fragment): give your hub's, e.g. https://hub.example.edu")
        for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
            print(f"{path.stem}: {hub_url(args.hub, f'{STUDENT_FOLDER}/{path.name}')}")
        return 0
    try:
        stale = relink(root, check=args.check)
    except ValueError as error:  # a notebook that cannot be read, or a solution region left open
        raise UsageError(f"{error}; then run links again") from None
    if args.check:
        print(f"Not following {REPOSITORY}: {', '.join(stale)}" if stale else f"Every link follows {REPOSITORY}.")
        return 1 if stale else 0
    print(f"Rewrote {', '.join(stale)} to follow {REPOSITORY}." if stale else f"Every link already follows {REPOSITORY}.")
    return 0


def _one_line(error: Exception) -> str:
    """The error's own words, without Python's "[Errno 28]" in front of an operating system error."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return str(error)


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt("stopped by SIGTERM")


def main(argv=None) -> int:
    # SIGTERM (kill, a scheduler) unwinds like Ctrl-C, so a file half-written by the atomic writer is removed and
    # the earlier one stays; training turns it into a clean stop after the current step (ganlib.stopping).
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm) \
        if threading.current_thread() is threading.main_thread() else None
    try:
        return _run(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _dash_names(words: list, error: UsageError) -> None:
    """A file or folder whose name starts with '-' is read as an option, and argparse's message then blames something
    else: say so, and how to write it (./-run)."""
    dashed = [word for word in words if word.startswith("-") and word != "-" and os.path.exists(word)]
    if dashed:
        raise UsageError(f"{dashed[0]} starts with '-', so it is read as an option, not as your "
                         f"{'folder' if os.path.isdir(dashed[0]) else 'file'}: write it ./{dashed[0]} ({error})") from None


def _run(argv) -> int:
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        try:
            args = build_parser().parse_args(words)
        except UsageError as error:
            _dash_names(words, error)
            raise
        args.command_line = "python -m ganlib " + shlex.join(words)
        return {"train": cmd_train, "sample": cmd_sample, "evaluate": cmd_evaluate, "referee": cmd_referee,
                "export": cmd_export, "gif": cmd_gif, "bench": cmd_bench,
                "report": cmd_report, "versions": cmd_versions, "links": cmd_links}[args.command](args)
    except BrokenPipeError:  # `ganlib ... | head` closed the pipe: the reader has what it wanted, nothing is wrong
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except (UsageError, MissingDataError, CheckpointError, OSError, FolderInUseError, SettingError) as error:
        # OSError: a full or read-only disk, a missing file, a folder where a file was asked for; each says which
        print(f"ganlib: error: {_one_line(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as stop:
        print(f"ganlib: interrupted{': ' + str(stop) if str(stop) else ''}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
