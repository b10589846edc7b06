"""Data sets as one in-memory tensor, served as shuffled mini-batches in [-1, 1].

Why not a ``DataLoader`` with PIL transforms? MNIST is 47 MB as uint8: it fits on any device, and
indexing one tensor with a shuffled permutation skips the per-image Python work (decode, convert,
normalise, collate) that otherwise dominates a small GAN's step. ``python -m ganlib bench data``
measures both ways on your machine.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, NamedTuple, Optional, Tuple

import torch

from .arguments import whole
from .folders import evenly_spaced, load_image_folder
from .notices import notice
from .pixels import tensor_of, to_unit_range
from .places import DATA_SET_NAMES, MAX_IMAGE_SIZE, SMOKE_SUBSET, command_word, data_dir, data_set_name, is_smoke

MNIST_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)


class MissingDataError(FileNotFoundError):
    """The data set is not on disk and could not be downloaded."""


def _check_train(train) -> bool:
    """``train`` as a bool: True (the training images) or False (the test images). A word like "no" would be true
    in Python and silently load the training set, so anything but True, False, 1 or 0 is refused."""
    if type(train).__name__ in ("bool", "bool_") or isinstance(train, int) and train in (0, 1):  # NumPy's bools too
        return bool(train)
    raise TypeError(f"train must be True (the training images) or False (the test images), got {train!r}")


def _check_smoke(smoke) -> Optional[bool]:
    """``smoke`` as None (follow GANLIB_SMOKE), True or False; a word or a number is refused, as for ``train``."""
    if smoke is None or type(smoke).__name__ in ("bool", "bool_"):
        return None if smoke is None else bool(smoke)
    raise TypeError(f"smoke must be True, False or None (follow GANLIB_SMOKE), got {smoke!r}")


def load_mnist(train: bool = True, root: Optional[Path] = None, download: bool = True,
               smoke: Optional[bool] = None) -> Tuple[torch.Tensor, torch.Tensor]:
    """MNIST as ``(images, labels)``: uint8 ``(N, 1, 28, 28)`` and int64 ``(N,)``.

    In smoke mode (or with ``smoke=True``) only the first few hundred images are returned.

    torchvision looks for the files in ``root/MNIST/raw/`` and downloads them when they are missing.
    Offline and without the files, the error names the folder and the four files to put there.
    """
    train, smoke = _check_train(train), _check_smoke(smoke)
    root = Path(root) if root is not None else data_dir()
    raw = root / "MNIST" / "raw"
    files = ", ".join(MNIST_FILES)

    def damaged(why: str) -> MissingDataError:
        return MissingDataError(f"the MNIST files in {raw} are there but damaged ({why}): delete them (torchvision "
                                f"downloads them again) or copy the four files {files} there again")

    if root.exists() and not root.is_dir():
        raise MissingDataError(f"the data folder {root} is a file, not a folder: set GANLIB_DATA to a folder (or "
                               "leave it unset for the course's data/ folder)")
    made = [folder for folder in (raw, raw.parent, root, *root.parents) if not folder.exists()]
    try:
        import torchvision.datasets as datasets  # here, not at the top: importing it takes seconds
        dataset = datasets.MNIST(str(root), train=train, download=download)
    except (RuntimeError, OSError, ValueError) as error:
        for folder in made:  # the empty folders torchvision made for a download that never came
            try:
                folder.rmdir()
            except OSError:
                pass
        why = (str(error).strip().splitlines() or [""])[0][:100].rstrip(":")
        present = [f for f in MNIST_FILES if (raw / f).is_file()]
        if len(present) == len(MNIST_FILES):  # all there, yet unreadable: damaged, not missing
            raise damaged(f"{error.__class__.__name__}: {why or 'unreadable'}") from None
        raise MissingDataError(
            f"MNIST is not in {raw} and could not be downloaded ({error.__class__.__name__}: "
            f"{why or 'no reason given'}). Put the four files {files} (or their .gz) into {raw} and run again."
        ) from None
    images, labels = dataset.data.unsqueeze(1).contiguous(), dataset.targets.long()
    if len(labels) and (labels.min() < 0 or labels.max() > 9):
        raise damaged(f"labels from {labels.min().item()} to {labels.max().item()}, where MNIST's are the digits 0 to 9")
    if is_smoke() if smoke is None else smoke:
        images, labels = images[:SMOKE_SUBSET], labels[:SMOKE_SUBSET]
    return images, labels


CIFAR10_CLASSES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")


def load_cifar10(train: bool = True, root: Optional[Path] = None, download: bool = True,
                 smoke: Optional[bool] = None) -> Tuple[torch.Tensor, torch.Tensor]:
    """CIFAR-10 as ``(images, labels)``: uint8 ``(N, 3, 32, 32)`` and int64 ``(N,)``.

    An image folder ``root/CIFAR10/train/<class>/*.jpg`` (and ``test/``) is used when it is there (decoded
    once, then cached in ``root/cache/``); otherwise torchvision downloads the official set into ``root``.
    """
    train = _check_train(train)
    root = Path(root) if root is not None else data_dir()
    smoke = is_smoke() if smoke is None else smoke
    folder = root / "CIFAR10" / ("train" if train else "test")
    if folder.is_dir():
        images, labels, classes = load_image_folder(folder, 32, 3, root / "cache", SMOKE_SUBSET if smoke else None)
        if tuple(classes) != CIFAR10_CLASSES:
            raise MissingDataError(f"{folder} should hold the ten CIFAR-10 class folders "
                                   f"({', '.join(CIFAR10_CLASSES)}), found: {', '.join(classes) or 'none'}")
        return images, labels
    try:
        import torchvision.datasets as datasets  # here, not at the top: importing it takes seconds
        dataset = datasets.CIFAR10(str(root), train=train, download=download)
    except (RuntimeError, OSError) as error:
        present = [p for p in (root / "cifar-10-batches-py", root / "cifar-10-python.tar.gz") if p.exists()]
        if present:  # the files are there, but torchvision's check of them failed
            raise MissingDataError(
                f"CIFAR-10's files in {present[0]} are there but damaged (an interrupted download or copy): delete "
                f"{', '.join(str(p) for p in present)} (they download again), or copy them again.") from None
        raise MissingDataError(
            f"CIFAR-10 is not in {root} and could not be downloaded ({error.__class__.__name__}). Connect to the "
            f"internet, or put the images into {folder}/<class>/*.jpg (one folder per class) and run again."
        ) from None
    images = torch.from_numpy(dataset.data).permute(0, 3, 1, 2).contiguous()
    labels = torch.tensor(dataset.targets, dtype=torch.long)
    if smoke:  # the same evenly spread subset as from the folder, so every class stays in
        keep = evenly_spaced(len(images), SMOKE_SUBSET)
        images, labels = images[keep], labels[keep]
    return images, labels


CELEBA_HELP = ("get the aligned faces another way, e.g. Kaggle's \"CelebFaces Attributes (CelebA) Dataset\" "
               "(img_align_celeba.zip), unzip the JPEGs into {folder} (or any folder, e.g. on a mounted Google "
               "Drive) and pass that folder: --data PATH, or load_dataset(PATH)")


def load_celeba(train: bool = True, root: Optional[Path] = None, download: bool = True,
                smoke: Optional[bool] = None, image_size: int = 64, fallback: bool = True) -> Tuple[torch.Tensor, None]:
    """CelebA's aligned faces as uint8 ``(N, 3, image_size, image_size)``, unlabelled (all 202,599; ``train``
    is ignored: a GAN uses them all). Centre-cropped and resized as the PyTorch DCGAN tutorial frames CelebA, cached
    in ``root/cache/``.

    The folder ``root/celeba/img_align_celeba/`` is used when it is there; otherwise torchvision downloads it
    from Google Drive, which often fails (the file's daily quota). Then, with ``fallback``, one line says so
    and LFW's faces are used instead (``load_lfw``: a reliable download); without it, or when that fails too,
    one error says how to get CelebA by hand.
    """
    root = Path(root) if root is not None else data_dir()
    folder = root / "celeba" / "img_align_celeba"
    smoke = is_smoke() if smoke is None else smoke
    if not folder.is_dir():
        try:
            import torchvision.datasets as datasets  # here, not at the top: importing it takes seconds
            datasets.CelebA(str(root), split="all", download=download)
        except Exception as error:  # Google Drive's quota, a missing gdown, no internet: all "not here"
            why = f"{error.__class__.__name__}: {_first_line(error)}"
            if fallback:
                try:
                    faces = load_lfw(root, download, smoke, image_size)
                except MissingDataError as lfw_error:
                    raise MissingDataError(f"CelebA could not be downloaded ({why}), nor LFW ({lfw_error}). "
                                           + CELEBA_HELP.format(folder=folder)) from None
                notice(f"CelebA could not be downloaded ({why}): training on LFW's {len(faces[0]):,} faces "
                       f"instead (for CelebA, {CELEBA_HELP.format(folder=folder)})")
                return faces
            raise MissingDataError(f"CelebA could not be downloaded ({why}). "
                                   + CELEBA_HELP.format(folder=folder)) from None
    images, _, _ = load_image_folder(folder, image_size, 3, root / "cache", SMOKE_SUBSET if smoke else None)
    return images, None


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:120] if text else "no detail"


# Labeled Faces in the Wild (Huang et al., 2007), funneled: torchvision no longer downloads it, so ganlib fetches the
# archive from scikit-learn's figshare mirror and checks it against torchvision's recorded MD5.
LFW_URL = "https://ndownloader.figshare.com/files/5976015"
LFW_MD5 = "1b42dfed7d15c9b2dd63d5e5840c86ad"
LFW_CROP = 0.5  # the face fills the middle half of each 250x250 picture


def load_lfw(root: Optional[Path] = None, download: bool = True, smoke: Optional[bool] = None,
             image_size: int = 64) -> Tuple[torch.Tensor, None]:
    """LFW's 13,233 faces as uint8 ``(N, 3, image_size, image_size)``, unlabelled: the middle half of each picture,
    resized. Downloaded once (233 MB) into ``root/lfw/``; the course's stand-in when CelebA's download fails."""
    root = Path(root) if root is not None else data_dir()
    folder = root / "lfw" / "lfw_funneled"
    if not folder.is_dir():
        if not download:
            raise MissingDataError(f"LFW is not in {folder}")
        try:
            import torchvision.datasets as datasets  # here, not at the top: importing it takes seconds
            datasets.utils.download_and_extract_archive(LFW_URL, str(root / "lfw"), filename="lfw-funneled.tgz",
                                                   md5=LFW_MD5, remove_finished=True)
        except Exception as error:  # offline, a moved mirror, a damaged archive
            raise MissingDataError(f"LFW could not be downloaded ({error.__class__.__name__}: {_first_line(error)})") from None
    smoke = is_smoke() if smoke is None else smoke
    images, _, _ = load_image_folder(folder, image_size, 3, root / "cache", SMOKE_SUBSET if smoke else None, LFW_CROP)
    return images, None


class Dataset(NamedTuple):
    """uint8 images ``(N, C, H, W)``, int64 labels ``(N,)`` (None when unlabelled) and the class names."""

    images: torch.Tensor
    labels: Optional[torch.Tensor]
    classes: Tuple[str, ...]


MNIST_CLASSES = tuple(str(digit) for digit in range(10))
DATASETS = {"mnist": (load_mnist, MNIST_CLASSES), "cifar10": (load_cifar10, CIFAR10_CLASSES), "celeba": (load_celeba, ())}
assert tuple(DATASETS) == DATA_SET_NAMES


def say_which_is_read(data: str) -> None:
    """A folder here named as a data set (./mnist, ./MNIST): one line on which of the two ``data`` reads."""
    if data.lower() in DATASETS and Path(data).is_dir():
        name, folder = data.lower(), os.path.join(os.curdir, data)  # ./mnist is always the folder
        if data == name:
            notice(f"--data {name} is the {name} data set, not your folder {folder}: to train on the folder, give "
                   f"--data {command_word(folder)}")
        else:
            notice(f"--data {data} is your folder {folder}, not the {name} data set: for that, give --data {name}")


def load_dataset(data: str = "mnist", train: bool = True, image_size: Optional[int] = None,
                 smoke: Optional[bool] = None) -> Dataset:
    """A data set by name (``mnist``, ``cifar10``, ``celeba``) or any folder of images (``ganlib.folders``).

    A folder's images (and CelebA's faces) are resized and centre-cropped to ``image_size`` (default 64) in
    colour, cached in the data folder's ``cache/``; class sub-folders become labels, a flat folder is unlabelled.
    """
    train, smoke = _check_train(train), _check_smoke(smoke)
    if isinstance(data, os.PathLike):  # a pathlib.Path of a folder is a folder's path
        data = os.fspath(data)
    if not isinstance(data, str) or not data.strip():
        raise ValueError(f"load_dataset() takes a data set name ({', '.join(DATASETS)}) or the path of a folder of "
                         f"images, got {data!r}")
    data = data_set_name(data)  # "MNIST", "CIFAR10": the names, whatever their case
    say_which_is_read(data)
    if image_size is not None and whole(image_size) is not None:
        image_size = whole(image_size)  # NumPy's whole numbers too
    if image_size is not None and (not isinstance(image_size, int) or isinstance(image_size, bool)
                                   or not 8 <= image_size <= MAX_IMAGE_SIZE):
        raise ValueError(f"image_size must be a whole number from 8 to {MAX_IMAGE_SIZE} pixels, got {image_size!r}: the "
                         "course's nets train on 28, 32 or 64 (and 100,000 x 100,000 colour images would need 30 GB "
                         "each)")
    if data in DATASETS:
        load, classes = DATASETS[data]
        sized = {"image_size": image_size or 64} if data == "celeba" else {}
        images, labels = load(train=train, smoke=smoke, **sized)
        if image_size not in (None, images.shape[-1]):
            raise ValueError(f"{data} images are {images.shape[-1]} pixels wide, not {image_size}: "
                             "leave the image size out, or use a folder of images")
        return Dataset(images, labels, classes)
    folder = Path(data).expanduser()
    if not folder.is_dir():
        raise MissingDataError(f"--data {data!r} is neither a data set name ({', '.join(DATASETS)}) nor a folder "
                               "of images: give one of the names, or the path of a folder")
    smoke = is_smoke() if smoke is None else smoke
    images, labels, classes = load_image_folder(folder, image_size or 64, 3, data_dir() / "cache",
                                                SMOKE_SUBSET if smoke else None)
    if images.shape[1] == 3 and len(images) and bool((images[:, 1:] == images[:, :1]).all()):
        notice(f"every image in {folder} is grey: loaded with one channel, as MNIST is "
               "(images.repeat(1, 3, 1, 1) makes three again)")
        images = images[:, :1].contiguous()
    return Dataset(images, labels, tuple(classes))


def class_means(images: torch.Tensor, labels: torch.Tensor, n_classes: int = 10) -> torch.Tensor:
    """The mean image of each class as floats on the images' scale, (n_classes, C, H, W): the blurred layouts a
    conditional generator learns first (notebook 06 asks the student to write it)."""
    floats = images.float()
    return torch.stack([floats[labels == c].mean(0) for c in range(n_classes)])


def as_labels(labels, n_images: int, n_classes: int) -> torch.Tensor:
    """Labels as int64 class numbers 0..n_classes-1, one per image, from a tensor, a NumPy array or a list of whole
    numbers (floats like 3.0 too); a ValueError that says what is wrong with any other."""
    if isinstance(labels, torch.utils.data.Dataset) or isinstance(labels, torch.utils.data.DataLoader):
        raise TypeError("labels must be one tensor of class numbers, shape (N,): for a Dataset, take "
                        "torch.tensor([y for _, y in dataset])")
    try:
        labels = tensor_of(labels.__array__() if hasattr(labels, "__array__") and not
                                 isinstance(labels, torch.Tensor) else labels)
    except (TypeError, ValueError, RuntimeError):
        raise TypeError(f"labels must be class numbers (a tensor, array or list of whole numbers), got "
                        f"{type(labels).__name__}") from None
    if labels.dim() == 2 and labels.shape[1] == n_classes and labels.shape[0] == n_images:
        raise ValueError(f"the labels look one-hot, shape {tuple(labels.shape)}: give the class numbers, "
                         "labels.argmax(1), shape (N,)")
    if labels.dim() != 1 or len(labels) != n_images:
        raise ValueError(f"{n_images} images need {n_images} labels, shape ({n_images},), got shape "
                         f"{tuple(labels.shape)}")
    if labels.dtype == torch.bool or labels.is_complex():
        raise TypeError(f"labels must be class numbers, got {labels.dtype}")
    if labels.is_floating_point():
        if not torch.equal(labels, labels.round()):
            raise ValueError("the labels hold fractions: give class numbers 0, 1, 2, ...")
    labels = labels.long()
    if len(labels) and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must be classes 0 to {n_classes - 1} (this net knows {n_classes}), got values from "
                         f"{labels.min().item()} to {labels.max().item()}")
    return labels


class TensorBatches:
    """Shuffled mini-batches of ``(x, y)`` drawn from tensors that already sit on the device.

    Each epoch is one random permutation of the indices; the last incomplete batch is dropped so
    every step sees the same batch size (batch norm statistics stay comparable).
    """

    def __init__(self, images: torch.Tensor, labels: Optional[torch.Tensor], batch_size: int,
                 device: torch.device | str = "cpu", seed: int = 0):
        try:  # NumPy arrays and nested lists are unambiguous
            images, labels = tensor_of(images), (tensor_of(labels) if labels is not None else None)
        except (TypeError, ValueError, RuntimeError):
            raise TypeError("images (and labels) must be tensors, NumPy arrays or lists of numbers, got "
                            f"{type(images).__name__} and {type(labels).__name__}") from None
        if whole(batch_size) is None or batch_size < 1:
            raise ValueError(f"batch_size must be a whole number, 1 or more, got {batch_size!r}")
        batch_size = whole(batch_size)
        if images.dim() != 4:
            raise ValueError(f"images must have shape (N, C, H, W), got {tuple(images.shape)}")
        if labels is not None and len(labels) != len(images):
            raise ValueError(f"{len(images)} images but {len(labels)} labels: give one label per image")
        if batch_size > len(images):
            raise ValueError(f"batch size {batch_size} is larger than the data set ({len(images)} images)")
        self.device = torch.device(device)
        self.images = images.to(self.device)
        self.labels = labels.to(self.device) if labels is not None else None
        self.batch_size = batch_size
        # The order is drawn on the CPU whatever the device, so a run's batch order (and its checkpoint's
        # random state) is the same on a GPU and on a laptop, and resumes on either.
        self.generator = torch.Generator().manual_seed(seed)
        self.epoch_start_state = self.generator.get_state()

    def __len__(self) -> int:
        return len(self.images) // self.batch_size

    @property
    def image_shape(self) -> Tuple[int, int, int]:
        return tuple(self.images.shape[1:])

    def __iter__(self) -> Iterator[Tuple[torch.Tensor, Optional[torch.Tensor]]]:
        return self.epoch()

    def epoch(self, skip: int = 0) -> Iterator[Tuple[torch.Tensor, Optional[torch.Tensor]]]:
        """One pass in a fresh random order; ``skip`` batches are left out at the start (when resuming)."""
        self.epoch_start_state = self.generator.get_state()  # enough to replay this epoch's order
        order = torch.randperm(len(self.images), generator=self.generator).to(self.device)
        for i in range(skip, len(self)):
            index = order[i * self.batch_size:(i + 1) * self.batch_size]
            y = self.labels[index] if self.labels is not None else None
            yield to_unit_range(self.images[index]), y
