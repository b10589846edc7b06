"""Folders of images: classes from sub-folders, mixed sizes squared, bad files skipped, decoding cached."""
import pytest
import torch
from PIL import Image

from ganlib import folders
from ganlib.folders import load_image_folder


def make_image(path, size, colour):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)


@pytest.fixture
def classes(tmp_path):
    root = tmp_path / "pets"
    make_image(root / "cat" / "a.jpg", (40, 30), (255, 0, 0))
    make_image(root / "cat" / "b.png", (20, 50), (250, 0, 0))
    make_image(root / "dog" / "c.jpg", (32, 32), (0, 0, 255))
    return root


def test_sub_folders_are_classes_and_every_image_is_squared(classes):
    images, labels, names = load_image_folder(classes, 16)
    assert images.shape == (3, 3, 16, 16) and images.dtype == torch.uint8
    assert names == ["cat", "dog"] and labels.tolist() == [0, 0, 1]
    assert images[0, 0].float().mean() > 200 and images[2, 2].float().mean() > 200  # red cat, blue dog


def test_a_flat_folder_is_unlabelled_and_can_be_grey(tmp_path):
    for i in range(2):
        make_image(tmp_path / f"{i}.jpg", (64, 80), (100, 100, 100))
    images, labels, names = load_image_folder(tmp_path, 8, channels=1)
    assert images.shape == (2, 1, 8, 8) and labels is None and names == []


def test_unreadable_files_are_skipped_and_counted(classes, capsys):
    (classes / "dog" / "broken.jpg").write_bytes(b"not a jpeg")
    images, labels, _ = load_image_folder(classes, 16)
    assert len(images) == 3 and labels.tolist() == [0, 0, 1]
    err = capsys.readouterr().err
    assert "Warning: skipped 1 of 4 files" in err and ".py" not in err  # one line, no source code


def test_empty_or_unreadable_folders_say_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="holds no images"):
        load_image_folder(tmp_path, 16)
    (tmp_path / "x.jpg").write_bytes(b"junk")
    with pytest.raises(ValueError, match="none of the 1 image files"):
        load_image_folder(tmp_path, 16)
    with pytest.raises(FileNotFoundError, match="is not a folder"):
        load_image_folder(tmp_path / "missing", 16)


def test_decoding_is_cached_and_redone_when_the_folder_changes(classes, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = load_image_folder(classes, 16, cache_dir=cache)
    assert len(list(cache.glob("pets-16px-3ch-*.pt"))) == 1

    def no_decoding(*args):
        raise AssertionError("decoded again although nothing changed")
    monkeypatch.setattr(folders, "decode", no_decoding)
    again = load_image_folder(classes, 16, cache_dir=cache)
    assert torch.equal(first[0], again[0]) and torch.equal(first[1], again[1])

    monkeypatch.undo()
    make_image(classes / "dog" / "d.jpg", (32, 32), (0, 0, 250))
    changed = load_image_folder(classes, 16, cache_dir=cache)
    assert len(changed[0]) == 4 and len(list(cache.glob("*.pt"))) == 2


def test_cifar10_from_an_image_folder_and_a_clear_error_offline(tmp_path, monkeypatch):
    from ganlib.data import CIFAR10_CLASSES, MissingDataError, load_cifar10

    for index, name in enumerate(CIFAR10_CLASSES):
        for i in range(3):
            make_image(tmp_path / "CIFAR10" / "train" / name / f"{i}.jpg", (32, 32), (index * 25, 0, 0))
    images, labels = load_cifar10(root=tmp_path, smoke=False)
    assert images.shape == (30, 3, 32, 32) and labels.tolist() == [i // 3 for i in range(30)]

    import torchvision.datasets

    class Offline:
        def __init__(self, *args, **kwargs):
            raise RuntimeError("Error downloading cifar-10-python.tar.gz")
    monkeypatch.setattr(torchvision.datasets, "CIFAR10", Offline)
    with pytest.raises(MissingDataError, match="could not be downloaded.*CIFAR10/test/<class>"):
        load_cifar10(train=False, root=tmp_path)
