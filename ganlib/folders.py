"""Any folder of images as one uint8 tensor: decoded once, resized and centre-cropped, then cached.

Sub-folders are classes (the ``torchvision.datasets.ImageFolder`` layout: ``root/<class>/*.jpg``, classes in
sorted order, linked folders inside them read too); a folder with images directly inside is unlabelled. Decoding
tens of thousands of JPEGs takes a while on a CPU, so the result is saved next to the data (``<data>/cache/``) under
a key made of the source's file names, sizes and modification times, the image size and the version of the decoding
rules: the second run starts in seconds, and a changed folder (or a change to the rules) is decoded again. A cache
folder that would lie among the images read (a class folder named cache) is not used, and that is said.

Images are read as they look: 16-bit and floating-point ones are scaled to 8 bits by their real range, 32-bit
integer ones by the bit depth their values fill (8 or 16 bits, else stretched from lowest to highest), the EXIF
orientation tag is applied, transparent pixels are put on a white background. Listing ignores what zips and file
managers leave behind (``__MACOSX``, hidden files such as AppleDouble ``._a.jpg``), and a sub-folder without
images is not a class. Files that cannot be read, broken links, and files too large to decode safely (more pixels
than ``PIL.Image.MAX_IMAGE_PIXELS``) are skipped and counted; one warning line then says what was done.
"""
from __future__ import annotations

import hashlib
import os
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch
from PIL import Image, ImageOps

from .files import atomic_save
from .notices import notice
from .places import command_word

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".jfif", ".jpe", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}
# Pictures in formats PIL cannot read without plug-ins (an iPhone's HEIC, a camera's raw files): counted and named,
# never lost without a word.
UNSUPPORTED_SUFFIXES = {".heic", ".heif", ".avif", ".jxl", ".dng", ".cr2", ".cr3", ".nef", ".arw", ".orf", ".rw2",
                        ".raf", ".psd", ".svg"}
# What zips, file managers and operating systems leave in a folder of images; names starting with "." (hidden
# files and folders: .DS_Store, AppleDouble ._a.jpg, .ipynb_checkpoints) are left out as well.
JUNK_FOLDERS = {"__MACOSX", "@eaDir", "$RECYCLE.BIN", "System Volume Information"}
# Bump when decoding changes what an image becomes: caches made under older rules are then not reused.
DECODING_RULES = 6
BACKGROUND = (255, 255, 255)  # what transparent pixels are put on: white
BACKGROUND_NAME = "white"
TOO_LARGE, UNREADABLE, BROKEN_LINK = "too large", "unreadable", "broken link"
TRANSPARENT, ROTATED, DEEP, FLOAT = "transparent", "rotated", "16-bit", "float"
NOT_FINITE = "not finite"  # floating-point images with some NaN or infinite pixels (those become black)
ENLARGED, THIN = "enlarged", "thin"  # smaller than the size asked for (blurred); cropped to less than half of them
THIN_RATIO = 2  # a picture more than twice as long as it is wide loses more than half of it to the centre square
# What a 32-bit integer image was read as, by the bit depth its values fill (None: neither, so stretched).
WIDE = {8: "32-bit as 8-bit", 16: "32-bit as 16-bit", None: "32-bit stretched"}


def evenly_spaced(n: int, k: int) -> list:
    """At most ``k`` indices out of ``range(n)``, evenly spread, always keeping the first and the last."""
    if n <= k:
        return list(range(n))
    return sorted({round(i * (n - 1) / (k - 1)) for i in range(k)})


def _junk(name: str) -> bool:
    return name.startswith(".") or name in JUNK_FOLDERS


def _names(names, most: Optional[int] = None) -> str:
    """``names`` joined by commas; with ``most``, only the first ``most`` of them and how many more there are."""
    if most is not None and len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most} more"
    return ", ".join(names)


def _broken_link(path: Path) -> bool:
    """A symbolic link whose file is gone (or that points at itself in a loop): listed, so that it is skipped and
    counted rather than lost unsaid."""
    return path.is_symlink() and not path.exists()


def _kind(entry: os.DirEntry) -> str:
    """"dir", "file" or "link" (a broken link or a link loop, which the OS refuses to follow) for a folder entry."""
    try:
        return "dir" if entry.is_dir() else "file" if entry.is_file() else "link" if entry.is_symlink() else "other"
    except OSError:  # too many levels of symbolic links
        return "link"


@dataclass
class Survey:
    """What a folder holds: the images and their labels, and what was left out of them and why."""
    files: List[Path]
    labels: Optional[List[int]]
    classes: List[str]
    ignored_folders: List[str] = field(default_factory=list)  # __MACOSX, or hidden folders in a class
    hidden_files: List[Path] = field(default_factory=list)  # ._a.jpg and other hidden image files
    empty_folders: List[str] = field(default_factory=list)  # sub-folders without images: not classes
    unsupported: List[Path] = field(default_factory=list)  # .heic, raw files: pictures the course cannot read
    layout: List[str] = field(default_factory=list)  # how class folders found one level down were read

    def notes(self) -> List[str]:
        """Half-sentences for the summary line: how the classes were read, when that needs saying, and what
        listing left out (nothing when nothing was)."""
        notes = list(self.layout)
        if self.empty_folders:
            many = len(self.empty_folders) > 1
            names = _names(self.empty_folders)
            if self.labels is None:
                notes.append(f"read it as one unlabelled folder, since its sub-folder{'s' if many else ''} {names} "
                             f"hold{'' if many else 's'} no images")
            else:
                notes.append(f"the sub-folder{'s' if many else ''} {names} hold{'' if many else 's'} no images, so "
                             f"{'they are not classes' if many else 'it is not a class'}")
        ignored = list(self.ignored_folders)
        if self.hidden_files:
            n = len(self.hidden_files)
            ignored.append(f"{n} hidden file{'s' if n > 1 else ''} such as {self.hidden_files[0].name}")
        if ignored:
            notes.append("ignored " + " and ".join(ignored))
        if self.unsupported:
            n, kinds = len(self.unsupported), sorted({path.suffix.lower() for path in self.unsupported})
            notes.append(f"left out {n} picture{'s' if n > 1 else ''} in a format it cannot read ({', '.join(kinds)}, "
                         f"such as {self.unsupported[0].name}): convert {'them' if n > 1 else 'it'} to JPEG or PNG")
        return notes


def _regular(path: Path) -> bool:
    """An ordinary file, or a broken link (skipped and counted later); never a folder or a pipe named x.png, which
    reading would hang on."""
    try:
        return path.is_file() or _broken_link(path)
    except OSError:  # a link loop
        return True


def _walk(folder: Path, ignored: set, hidden: list, unsupported: list, elsewhere: frozenset = frozenset(),
          crossed: Optional[list] = None) -> List[Path]:
    """The image files anywhere under ``folder``, sorted, leaving out junk (which is noted in ``ignored``) and
    pictures in formats it cannot read (noted in ``unsupported``). Linked folders are read like the others, each
    folder once: a link back to a folder above (a loop) is passed over, and so is one into a folder of
    ``elsewhere`` (another class's), noted in ``crossed``."""
    found, seen, start = [], set(), os.path.realpath(folder)
    for top, subfolders, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in seen or start.startswith(os.path.join(real, "")):
            subfolders.clear()  # read already, or above the class folder: a loop
            continue
        if any(real == other or real.startswith(os.path.join(other, "")) for other in elsewhere):
            subfolders.clear()  # a link into another class: its images are that class's
            if crossed is not None:
                crossed.append(Path(top).relative_to(folder.parent).as_posix())
            continue
        seen.add(real)
        for name in names:
            path = Path(top, name)
            suffix = path.suffix.lower()
            if suffix not in IMAGE_SUFFIXES and suffix not in UNSUPPORTED_SUFFIXES or not _regular(path):
                continue
            parts = path.relative_to(folder).parts
            if suffix in UNSUPPORTED_SUFFIXES:
                if not any(_junk(part) for part in parts):
                    unsupported.append(path)
                continue
            junk = next((part for part in parts if _junk(part)), None)
            if junk is None:
                found.append(path)
            elif junk == parts[-1]:
                hidden.append(path)
            else:
                ignored.add(junk)
    return sorted(found)


SPLITS = {"train", "training", "test", "testing", "val", "valid", "validation"}  # a data set's parts, not classes


def _course_cache(folder: Path) -> bool:
    """Whether ``folder`` is a cache/ of the course's own, holding only its cached tensors (``*.pt``)."""
    try:
        return folder.name == "cache" and all(p.suffix == ".pt" for p in folder.iterdir())
    except OSError:
        return False


def survey(root: Path) -> Survey:
    """List ``root``: class sub-folders, or images directly inside.

    A sub-folder without images is not a class. A folder with images directly inside and sub-folders that hold
    none is one unlabelled folder; one with images both directly inside and in sub-folders is refused with a
    ValueError, since either reading would leave images out. Class folders that hold only folders of images may
    hold the real classes: one such folder alone (as unzipping leaves) is looked into, and with several
    (``train/<class>``, ``test/<class>``) the line says which folder to give for those classes.
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder: give a folder of images (or of class sub-folders)")
    ignored, hidden, unsupported = set(), [], []
    top, folders = [], []
    with os.scandir(root) as entries:
        for entry in sorted(entries, key=lambda entry: entry.name):
            path, kind = Path(entry.path), _kind(entry)
            if kind == "dir":
                if path.name in JUNK_FOLDERS:
                    ignored.add(path.name)
                elif not _junk(path.name):
                    folders.append(path)  # hidden folders (.ipynb_checkpoints, ...) are passed over, as ever
            elif path.suffix.lower() in IMAGE_SUFFIXES and (kind == "file" or _broken_link(path)):
                (hidden if _junk(path.name) else top).append(path)
            elif path.suffix.lower() in UNSUPPORTED_SUFFIXES and kind == "file" and not _junk(path.name):
                unsupported.append(path)
    classes, empty, files, labels, crossed = [], [], [], [], []
    inner = {}  # class folder -> the folders of images inside it, for those with no images of their own
    real_root = os.path.realpath(root)
    around = [f for f in folders if real_root.startswith(os.path.join(os.path.realpath(f), "")) or
              os.path.realpath(f) == real_root]  # linked to the data folder itself, or above it: a loop
    folders = [f for f in folders if f not in around]
    for folder in folders:
        others = frozenset(os.path.realpath(f) for f in folders if f != folder)
        found = _walk(folder, ignored, hidden, unsupported, others, crossed)
        if not found:
            if not _course_cache(folder):  # the course's own cache (GANLIB_DATA set to the images): no news
                empty.append(folder.name)
            continue
        labels += [len(classes)] * len(found)
        classes.append(folder.name)
        files += found
        if all(path.parent != folder for path in found):
            inner[folder.name] = sorted({path.relative_to(folder).parts[0] for path in found})
    if classes and top:
        raise ValueError(
            f"{root} holds {len(top)} image{'s' if len(top) > 1 else ''} directly inside (such as {top[0].name}) "
            f"and also class sub-folders of images ({_names(classes)}): move the images directly inside into a "
            "class folder, or move the sub-folders out, so that it is either one folder of unlabelled images or "
            "one sub-folder per class")
    ignored = sorted(ignored)
    unsupported.sort()
    layout = [f"passed over the linked folder{'s' if len(around) > 1 else ''} {_names([f.name for f in around])}, "
              f"which lead{'s' if len(around) == 1 else ''} back to {root.name} itself"] if around else []
    if crossed:
        layout.append(f"passed over linked folders that lead into another class ({_names(crossed, 3)}): each image is "
                      "read once, in its own class")
    if classes and len(inner) == len(classes):  # no class folder holds images of its own: the classes may be below
        given = next((name for name in classes if name.lower() in ("train", "training")), classes[0])
        below = _names(inner[given], 5)
        if len(classes) == 1:  # one folder around the class folders (or around another such folder): read those
            inside = survey(root / given)
            if inside.classes:
                said = f"read the classes {_names(inside.classes, 5)} inside its one folder "
                deeper = [note.replace(said, said + given + "/") for note in inside.layout]
                return Survey(inside.files, inside.labels, inside.classes,
                              sorted(set(ignored + inside.ignored_folders)), hidden, empty + inside.empty_folders,
                              unsupported, layout + (deeper if any(said in note for note in deeper)
                                                     else [said + given] + deeper))
        elif any(name.lower() in SPLITS for name in classes):  # train/<class>, test/<class>: a data set's split
            learn = f"to learn {below} as the classes" if len(inner[given]) > 1 else f"to read {given}'s images alone"
            layout.append(f"the classes are {_names(classes, 5)}, whose folders hold only folders of images "
                          f"({below} in {given}): {learn}, give --data {command_word(root / given)}")
        else:  # cats/2019, dogs/2021: each class keeps its images in folders of its own, all read into the class
            layout.append(f"the class folders {_names(classes, 5)} hold their images in folders of their own (such as "
                          f"{below} in {given}): each class reads all of them")
    elif len(classes) > 1 and all(name.lower() in SPLITS for name in classes):  # train/*.png and test/*.png
        given = next((name for name in classes if name.lower() in ("train", "training")), classes[0])
        layout.append(f"the classes are named {_names(classes, 5)}, like a data set's split, not like kinds of "
                      f"image: to train on the training images alone, give --data {command_word(root / given)}")
    if classes:
        return Survey(files, labels, classes, ignored, hidden, empty, unsupported, layout)
    return Survey(top, None, [], ignored, hidden, empty, unsupported)


def list_images(root: Path) -> Tuple[List[Path], Optional[List[int]], List[str]]:
    """The image files under ``root``, their class indices (None when unlabelled) and the class names."""
    found = survey(root)
    return found.files, found.labels, found.classes


def square(image, size: int, crop: float = 1.0):
    """Resize the shorter side to ``size`` and cut out the centre square (how the PyTorch DCGAN tutorial frames
    CelebA); with ``crop`` below 1, keep only that central fraction of the picture first (LFW's faces fill its middle half)."""
    w, h = image.size
    if crop < 1:
        cw, ch = round(w * crop), round(h * crop)
        image = image.crop(((w - cw) // 2, (h - ch) // 2, (w - cw) // 2 + cw, (h - ch) // 2 + ch))
        w, h = image.size
    # The centre square is cut out and resized in one go (Pillow's box), never the whole picture first: a 1 x 250,000
    # strip resized to a shorter side of 64 would be 16 million pixels wide.
    side = min(w, h)
    left, top = (w - side) / 2, (h - side) / 2
    return image.resize((size, size), Image.BICUBIC, box=(left, top, left + side, top + side))


def _eight_bits(values: np.ndarray, unit: Optional[float]) -> Image.Image:
    """An 8-bit greyscale image from ``values``: divided by ``unit`` when they fit in 0..255 units of it, else
    stretched from their own minimum to their maximum."""
    values = np.nan_to_num(values.astype(np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 0.0)
    if unit is not None and low >= 0 and high <= 255 * unit:
        scaled = values / unit
    elif high > low:
        scaled = (values - low) * (255 / (high - low))
    else:  # one flat value outside the usual range
        scaled = np.full_like(values, min(max(low, 0.0), 255.0))
    return Image.fromarray(np.clip(np.rint(scaled), 0, 255).astype(np.uint8), "L")


def _integer_depth(values: np.ndarray) -> Optional[int]:
    """The bit depth (8 or 16) that a 32-bit integer image's values fit in, or None (negative, or wider).

    Pillow's mode "I" does not say how deep the pixels are (8- and 16-bit pictures are often saved as int32),
    so the range the values fill says it: an 8-bit picture read as 16-bit would come out black."""
    low, high = (int(values.min()), int(values.max())) if values.size else (0, 0)
    if low < 0:
        return None
    return next((bits for bits in (8, 16) if high < 2 ** bits), None)


def as_it_looks(image: Image.Image, mode: str, done: Counter) -> Image.Image:
    """``image`` in ``mode`` ("L" or "RGB") as a viewer shows it; what that took is counted in ``done``."""
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:  # unreadable EXIF: the pixels may still be fine
        orientation = 1
    if orientation in (2, 3, 4, 5, 6, 7, 8):
        image = ImageOps.exif_transpose(image)
        done[ROTATED] += 1
    if image.mode.startswith("I;16"):  # 16-bit integers: 257 per 8-bit step
        image = _eight_bits(np.asarray(image), 257.0)
        done[DEEP] += 1
    elif image.mode == "I":  # 32-bit integers: scaled by the depth their values fill (65535 / 255 = 257 for 16)
        values = np.asarray(image)
        depth = _integer_depth(values)
        image = _eight_bits(values, (2 ** depth - 1) / 255 if depth else None)
        done[WIDE[depth]] += 1
    elif image.mode == "F":  # floats: 0..1 is black to white, any other range is stretched
        values = np.asarray(image)
        finite = np.isfinite(values)
        if values.size and not finite.any():
            raise ValueError("no pixel is a finite number")  # skipped and counted as unreadable, never a black image
        if not finite.all():
            done[NOT_FINITE] += 1
        image = _eight_bits(values, 1 / 255)
        done[FLOAT] += 1
    alpha = (image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
             or (image.mode == "P" and image.palette is not None and image.palette.mode == "RGBA"))
    if alpha:
        image = image.convert("RGBA")
        if image.getchannel("A").getextrema()[0] < 255:
            image = Image.alpha_composite(Image.new("RGBA", image.size, BACKGROUND + (255,)), image)
            done[TRANSPARENT] += 1
    return image.convert(mode)


def decode(files: List[Path], size: int, channels: int, crop: float = 1.0,
           done: Optional[Counter] = None) -> Tuple[torch.Tensor, List[int]]:
    """uint8 ``(N, channels, size, size)`` from the readable files, and the indices of those that were read.

    Files that cannot be read are left out, and so are those with more pixels than ``PIL.Image.MAX_IMAGE_PIXELS``:
    Pillow refuses twice that many as a possible decompression bomb and only warns below, but both are skipped
    alike (the warning is turned into a skip for that file), since decoding one could take gigabytes. ``done``
    (a Counter, when given) counts the skipped files and what reading the others took.
    """
    mode = {1: "L", 3: "RGB"}[channels]
    done = Counter() if done is None else done
    arrays, kept = [], []
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")  # corrupt EXIF and the like
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        for i, path in enumerate(files):
            seen = Counter()
            try:
                with Image.open(path) as image:
                    image = as_it_looks(image, mode, seen)
                    short, long = sorted(image.size)
                    if short * crop < size:
                        seen[ENLARGED] += 1
                    if long > THIN_RATIO * short:
                        seen[THIN] += 1
                    arrays.append(np.asarray(square(image, size, crop)))
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                done[TOO_LARGE] += 1
                continue
            except Exception:  # not an image, truncated, a mode Pillow cannot convert, ...: skipped and counted
                done[BROKEN_LINK if _broken_link(path) else UNREADABLE] += 1
                continue
            kept.append(i)
            done.update(seen)
    if not arrays:
        return torch.zeros(0, channels, size, size, dtype=torch.uint8), kept
    stacked = torch.from_numpy(np.stack(arrays))
    return (stacked.unsqueeze(1) if channels == 1 else stacked.permute(0, 3, 1, 2)).contiguous(), kept


def cache_key(files: List[Path], size: int, channels: int, crop: float = 1.0) -> str:
    """Changes whenever a file is added, removed, renamed or rewritten, the size asked for changes, or the
    decoding rules do (``DECODING_RULES``)."""
    digest = hashlib.sha1(f"{size}x{channels}".encode() + (f"crop{crop}".encode() if crop < 1 else b"")
                          + f"rules{DECODING_RULES}".encode())
    for path in files:
        digest.update(os.fsencode(path) + f"|{_stamp(path)}\n".encode())  # any file name, even one not in UTF-8
    return digest.hexdigest()[:16]


def _stamp(path: Path) -> str:
    """A file's size and modification time, or "missing" (a broken link): either way the cache key can be made."""
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return f"{stat.st_size}|{stat.st_mtime_ns}"


def _too_large() -> str:
    limit = Image.MAX_IMAGE_PIXELS
    return "too large to decode safely" + (f" (over {limit:,} pixels)" if limit else "")


def _ones(n: int, kind: str) -> str:
    return f"{n} {kind} {'one' if n == 1 else 'ones'}"


def _skip_reasons(done: Dict[str, int], verb: bool = False) -> List[str]:
    """Why files were skipped, one part per reason ("2 too large to decode safely"); ``verb`` adds is/are, for
    the error that no file at all could be read ("2 are too large ...")."""
    def counted(n: int, what: str) -> str:
        return f"{n} {('is ' if n == 1 else 'are ') if verb else ''}{what}"

    reasons = []
    if done.get(UNREADABLE):
        reasons.append(f"{done[UNREADABLE]} could not be read")
    if done.get(BROKEN_LINK):
        n = done[BROKEN_LINK]
        if n == 1:
            what = ("a " if verb else "") + "broken link (its file is gone, so fix or remove it)"
        else:
            what = "broken links (their files are gone, or they point at each other: fix or remove them)"
        reasons.append(counted(n, what))
    if done.get(TOO_LARGE):
        reasons.append(counted(done[TOO_LARGE], _too_large()))
    return reasons


def summary(root: Path, total: int, kept: int, done: Dict[str, int], notes: List[str]) -> Optional[str]:
    """The one line that says what loading did, or None when it only read the images."""
    parts = []
    skipped = total - kept
    if skipped and not (done.get(TOO_LARGE) or done.get(BROKEN_LINK)):
        parts.append(f"skipped {skipped} of {total} files in {root} that could not be read")
    elif skipped:
        parts.append(f"skipped {skipped} of {total} files in {root}: {', '.join(_skip_reasons(done))}")
    conversions = []
    if done.get(TRANSPARENT):
        conversions.append(f"put {_ones(done[TRANSPARENT], 'transparent')} on a {BACKGROUND_NAME} background")
    if done.get(ROTATED):
        n = done[ROTATED]
        conversions.append(f"rotated {n} the way {'its' if n == 1 else 'their'} EXIF orientation tag says")
    if done.get(DEEP):
        conversions.append(f"scaled {_ones(done[DEEP], '16-bit')} to 8 bits")
    if done.get(FLOAT):
        conversions.append(f"scaled {_ones(done[FLOAT], 'floating-point')} to 8 bits")
    if done.get(NOT_FINITE):
        n = done[NOT_FINITE]
        conversions.append(f"made the NaN or infinite pixels of {n} floating-point {'one' if n == 1 else 'ones'} black")
    for depth in (8, 16):
        if done.get(WIDE[depth]):
            conversions.append(f"read {_ones(done[WIDE[depth]], '32-bit integer')} as {depth}-bit (values up to "
                               f"{2 ** depth - 1})")
    if done.get(WIDE[None]):
        conversions.append(f"stretched {_ones(done[WIDE[None]], '32-bit integer')} to 8 bits from lowest to highest "
                           "value (values outside 0..65535)")
    if done.get(ENLARGED):
        n = done[ENLARGED]
        conversions.append(f"enlarged {n} image{'s' if n != 1 else ''} smaller than the size asked for (blurred)")
    if done.get(THIN):
        conversions.append(f"cut {_ones(done[THIN], 'long thin')} to {'its' if done[THIN] == 1 else 'their'} centre "
                           "square, less than half of the picture")
    if conversions:
        parts.append(", ".join(conversions))
    parts += notes
    if not parts:
        return None
    if skipped:
        return "; ".join(parts)
    return f"read {kept} image{'s' if kept != 1 else ''} from {root}: " + "; ".join(parts)


def _without_unreadable_classes(labels: torch.Tensor, classes: List[str]) -> Tuple[torch.Tensor, List[str]]:
    """A class folder whose every file was unreadable holds no images: like an empty folder it is not a class (a
    conditional generator would be asked to draw what it never saw). The others are numbered again, in order."""
    kept = labels.unique().tolist()
    if len(kept) == len(classes):
        return labels, classes
    renumber = torch.full((len(classes),), -1, dtype=torch.long)
    renumber[kept] = torch.arange(len(kept))
    return renumber[labels], [classes[c] for c in kept]


def _cache_folder(cache_dir: Optional[Path], root: Path, found: Survey) -> Tuple[Optional[Path], List[str]]:
    """Where to cache ``root``'s images, and what to say about it: a folder of the cache's own inside ``root`` (no
    images) is passed over; never one among the images read (a class folder named cache), where it is not used."""
    if cache_dir is None:
        return None, []
    cache_dir, top = Path(cache_dir).expanduser(), root.resolve()
    place = cache_dir.resolve()
    if place.parent == top and cache_dir.name not in found.classes:
        if cache_dir.name in found.empty_folders:  # the cache's own folder: not a sub-folder without images
            found.empty_folders.remove(cache_dir.name)
    elif place.is_relative_to(top):
        return None, [f"kept no cache of the decoded images, since the cache folder {cache_dir} lies among the images "
                      f"read (they are decoded again next run): set GANLIB_DATA to a folder outside {root} to keep one"]
    return cache_dir, []


def _cached(cache: Optional[Path]) -> Optional[dict]:
    """What an earlier run saved in ``cache``, or None: none yet, or damaged (only a cache: decode again)."""
    if cache is None or not cache.is_file():
        return None
    try:
        saved = torch.load(cache, weights_only=True)
        return saved if {"images", "labels", "classes"} <= set(saved) else None
    except Exception:
        return None


def load_image_folder(root, size: int, channels: int = 3, cache_dir: Optional[Path] = None,
                      max_images: Optional[int] = None, crop: float = 1.0,
                      ) -> Tuple[torch.Tensor, Optional[torch.Tensor], List[str]]:
    """``(images, labels, class_names)`` of a folder: uint8 ``(N, channels, size, size)``, int64 labels or None.

    Unreadable files are skipped and counted; an empty folder, or one where no file could be read, is an
    error that says so. Whatever was converted, skipped or ignored is said in one warning line, from the cache
    as on the first load. ``max_images`` keeps about that many files, evenly spread over the folder and at least
    one of each class, before anything is decoded: the smoke runs use it.
    """
    root = Path(root).expanduser()
    found = survey(root)
    cache_dir, cache_notes = _cache_folder(cache_dir, root, found)
    files, labels, classes = found.files, found.labels, found.classes
    if not files:
        empty = f" (nor do its sub-folders {_names(found.empty_folders)})" if found.empty_folders else ""
        unreadable = f" ({found.notes()[-1].replace('left out', 'it holds')})" if found.unsupported else ""
        raise FileNotFoundError(f"{root} holds no images ({', '.join(sorted(IMAGE_SUFFIXES))}){empty}{unreadable}: "
                                "put the images there, or one sub-folder of images per class")
    if max_images is not None:
        keep = evenly_spaced(len(files), max_images)
        if labels is not None:  # and the first image of a class the spread passed over (a small one between large)
            spread = {labels[i] for i in keep}
            keep = sorted(keep + [labels.index(c) for c in range(len(classes)) if c not in spread])
        files, labels = [files[i] for i in keep], ([labels[i] for i in keep] if labels is not None else None)
    cache = None
    if cache_dir is not None:
        cache = cache_dir / f"{root.name}-{size}px-{channels}ch-{cache_key(files, size, channels, crop)}.pt"
    done, saved = Counter(), _cached(cache)
    if saved is not None:
        images, label_tensor, kept_classes = saved["images"], saved["labels"], list(saved["classes"])
        done.update(saved.get("done", {}))
    else:
        images, kept = decode(files, size, channels, crop, done)
        if len(kept) == 0:
            if done[TOO_LARGE] or done[BROKEN_LINK]:
                raise ValueError(f"none of the {len(files)} image files in {root} could be read: "
                                 f"{', '.join(_skip_reasons(done, verb=True))}")
            raise ValueError(f"none of the {len(files)} image files in {root} could be read: are they images?")
        label_tensor, kept_classes = None, classes
        if labels is not None:
            label_tensor, kept_classes = _without_unreadable_classes(
                torch.tensor([labels[i] for i in kept], dtype=torch.long), classes)
    line = summary(root, len(files), len(images), done, found.notes() + cache_notes)
    if line:
        notice(line)
    lost = [name for name in classes if name not in kept_classes]
    if lost:  # said again from the cache: the classes are numbered without them
        notice(f"no file of the class folder{'s' if len(lost) > 1 else ''} {_names(lost)} in {root} could be read: "
               f"{'they are' if len(lost) > 1 else 'it is'} left out of the classes ({len(kept_classes)} remain)")
    if cache is not None and saved is None:
        try:
            atomic_save({"images": images, "labels": label_tensor, "classes": kept_classes, "done": dict(done)}, cache)
        except OSError as error:  # a read-only or full data folder: the cache is optional, go on without it
            notice(f"could not write the image cache in {cache.parent} ({error.strerror or error}): going on "
                   "without it, so the next run decodes the images again")
    return images, label_tensor, kept_classes
