"""Tester round 17a: image folders. Class folders one level down are said (or looked into), the smoke subset keeps
every class, a folder named like a data set is named, linked folders inside a class are read, a cached load says what
the first said, and the cache never goes into a class folder named cache."""
import os

import pytest
import torch
from PIL import Image

from ganlib import data as ganlib_data
from ganlib.data import load_dataset
from ganlib.folders import load_image_folder


def images(folder, n, colour=(200, 40, 90)):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        Image.new("RGB", (8, 8), (colour[0], colour[1], i * 20)).save(folder / f"{i}.png")
    return folder


def one_line(capsys):
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Warning: ") and "Traceback" not in err, err
    return err


def test_class_folders_one_level_down_are_said_or_looked_into(tmp_path, capsys):
    """DATA/train/<class> and DATA/test/<class> were learnt as the classes test, train without a word, and
    DATA/photos/<class> as one class photos ("add a sub-folder per class", though they were there)."""
    for split in ("train", "test"):
        for name in ("cat", "dog"):
            images(tmp_path / "pets" / split / name, 2)
    _, labels, classes = load_image_folder(tmp_path / "pets", 8)
    assert classes == ["test", "train"] and len(labels) == 8
    err = one_line(capsys)
    assert "test, train, whose folders hold only folders of images (cat, dog in train)" in err
    assert f"to learn cat, dog as the classes, give --data {tmp_path / 'pets' / 'train'}" in err
    for name in ("cat", "dog"):
        images(tmp_path / "wrapped" / "photos" / name, 2)
    _, labels, classes = load_image_folder(tmp_path / "wrapped", 8)
    assert classes == ["cat", "dog"] and labels.tolist() == [0, 0, 1, 1]
    assert "read the classes cat, dog inside its one folder photos" in one_line(capsys)
    images(tmp_path / "plain" / "cats", 2)  # a class with images of its own and a folder of more: nothing to say
    images(tmp_path / "plain" / "cats" / "more", 2)
    images(tmp_path / "plain" / "dogs", 2)
    assert load_image_folder(tmp_path / "plain", 8)[2] == ["cats", "dogs"] and capsys.readouterr().err == ""


def test_the_smoke_subset_keeps_a_small_class(tmp_path, capsys):
    """Classes a (20), b (1), c (20) cut to 8 evenly spread files kept b's name but none of its images."""
    images(tmp_path / "a", 20)
    images(tmp_path / "b", 1)
    images(tmp_path / "c", 20)
    _, labels, classes = load_image_folder(tmp_path, 8, max_images=8)
    assert classes == ["a", "b", "c"] and torch.bincount(labels, minlength=3).min() >= 1 and len(labels) <= 9


def test_a_folder_named_like_a_data_set_is_named(tmp_path, monkeypatch, capsys):
    """`--data mnist` with the student's own ./mnist trained on MNIST without a word (./MNIST was the folder)."""
    monkeypatch.chdir(tmp_path)
    images(tmp_path / "mnist", 3)
    digits = (torch.zeros(4, 1, 28, 28, dtype=torch.uint8), torch.zeros(4, dtype=torch.long))
    monkeypatch.setitem(ganlib_data.DATASETS, "mnist", (lambda **_: digits, ganlib_data.MNIST_CLASSES))
    assert load_dataset("mnist").images.shape == (4, 1, 28, 28)
    assert "--data mnist is the mnist data set, not your folder ./mnist: to train on the folder, give --data " \
           "./mnist" in one_line(capsys)
    assert len(load_dataset("./mnist", image_size=8).images) == 3 and capsys.readouterr().err == ""
    os.rename(tmp_path / "mnist", tmp_path / "MNIST")
    assert len(load_dataset("MNIST", image_size=8).images) == 3
    said = one_line(capsys)
    assert "--data MNIST is your folder ./MNIST, not the mnist data set: for that, give --data mnist" in said


def test_a_linked_folder_inside_a_class_is_read_and_loops_are_not(tmp_path):
    """cats/batch1 -> elsewhere/batch1 was skipped: Path.rglob does not enter linked folders."""
    images(tmp_path / "elsewhere" / "batch1", 5)
    pets = tmp_path / "pets"
    images(pets / "cats", 3)
    images(pets / "dogs", 3)
    os.symlink(tmp_path / "elsewhere" / "batch1", pets / "cats" / "batch1")
    os.symlink(pets / "cats", pets / "cats" / "batch1" / "loop")  # back to the class folder
    os.symlink(pets, pets / "dogs" / "up")  # above it: the other class's images are not this one's
    _, labels, classes = load_image_folder(pets, 8)
    assert classes == ["cats", "dogs"] and torch.bincount(labels).tolist() == [8, 3]


def test_a_cached_load_says_the_class_it_left_out(tmp_path, capsys):
    """The second load (from the cache) dropped class b and renumbered c without a word."""
    root = tmp_path / "badcls"
    images(root / "a", 2)
    images(root / "c", 2)
    (root / "b").mkdir()
    (root / "b" / "0.png").write_text("not a png")
    said = []
    for _ in range(2):
        _, labels, classes = load_image_folder(root, 8, cache_dir=tmp_path / "cache")
        assert classes == ["a", "c"] and labels.tolist() == [0, 0, 1, 1]
        said.append(capsys.readouterr().err)
    assert len(list((tmp_path / "cache").glob("*.pt"))) == 1  # the second load was the cache's
    assert said[0] == said[1] and "no file of the class folder b" in said[1] and "(2 remain)" in said[1]


def test_a_class_folder_named_cache_is_a_class_and_gets_no_cache_file(tmp_path, monkeypatch, capsys):
    """GANLIB_DATA=photos with photos/cache/ and photos/other/: the class cache was passed over as the cache folder
    and the cache file written among its images."""
    photos = tmp_path / "photos"
    images(photos / "cache", 4)
    images(photos / "other", 4)
    monkeypatch.setenv("GANLIB_DATA", str(photos))
    loaded = load_dataset(str(photos), image_size=8)
    assert loaded.classes == ("cache", "other") and len(loaded.images) == 8
    assert sorted(path.suffix for path in (photos / "cache").iterdir()) == [".png"] * 4
    assert f"kept no cache of the decoded images, since the cache folder {photos / 'cache'} lies among the images " \
           "read" in one_line(capsys)


@pytest.mark.parametrize("flat", [True, False])
def test_a_cache_folder_of_its_own_inside_the_images_is_still_used_unsaid(tmp_path, capsys, flat):
    images(tmp_path if flat else tmp_path / "a", 2)
    if not flat:
        images(tmp_path / "b", 2)
    for _ in range(2):
        assert len(load_image_folder(tmp_path, 8, cache_dir=tmp_path / "cache")[0]) == (2 if flat else 4)
    assert len(list((tmp_path / "cache").glob("*.pt"))) == 1 and capsys.readouterr().err == ""


# ---- tester round 18a ------------------------------------------------------------------------------------------

def test_links_back_to_the_data_folder_or_into_another_class_are_passed_over_and_said(tmp_path, capsys):
    root = tmp_path / "imgs"
    images(root / "bird", 2), images(root / "cat", 3)
    os.symlink(".", root / "all")  # a class folder that is the data folder itself
    os.symlink("../cat", root / "bird" / "catlink")  # a folder inside one class that is another class
    _, labels, classes = load_image_folder(root, 8)
    assert classes == ["bird", "cat"] and labels.tolist() == [0, 0, 1, 1, 1]
    err = one_line(capsys)
    assert "passed over the linked folder all, which leads back to imgs itself" in err
    assert "lead into another class (bird/catlink)" in err


def test_class_folders_below_one_inner_class_or_two_wrappers_are_said_or_read(tmp_path, capsys):
    for split in ("train", "test"):
        images(tmp_path / "split" / split / "cat", 2)
    _, _, classes = load_image_folder(tmp_path / "split", 8)
    assert classes == ["test", "train"]
    assert f"to read train's images alone, give --data {tmp_path / 'split' / 'train'}" in one_line(capsys)
    for name in ("bird", "cat", "dog"):
        images(tmp_path / "wrapped" / "outer" / "photos" / name, 2)
    _, _, classes = load_image_folder(tmp_path / "wrapped", 8)
    assert classes == ["bird", "cat", "dog"] and "inside its one folder outer/photos" in one_line(capsys)


def test_suggested_commands_quote_their_paths():
    from ganlib.places import command_word
    assert command_word("my run") == "'my run'" and command_word("-run") == "./-run" and command_word("runs/a") == "runs/a"


def test_very_many_classes_are_listed_in_a_line():
    from ganlib.nets import MLPGenerator
    from ganlib.sampling import listed_classes
    G = MLPGenerator(n_classes=300, hidden=(8,))
    G.name_classes([f"c{i:03d}" for i in range(300)])
    line = listed_classes(G)
    assert line.startswith("0 c000, 1 c001") and line.endswith("... 299 c299 (300 classes)") and len(line) < 200
