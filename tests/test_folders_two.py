"""Images read as they look: deep and float pixels scaled, EXIF rotation applied, transparency on white, folder
junk ignored, empty class folders dropped, decompression bombs skipped; one line says what was done."""
import hashlib
from collections import Counter

import numpy as np
import pytest
import torch
from PIL import Image

from ganlib import folders
from ganlib.folders import load_image_folder


def make_image(path, size=(24, 24), colour=(120, 60, 30)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)


def one_line(capsys):
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Warning: ") and "Traceback" not in err, err
    return err


def test_a_16_bit_png_of_mid_grey_reads_as_mid_grey(tmp_path, capsys):
    Image.fromarray(np.full((20, 20), 32768, np.uint16)).save(tmp_path / "grey.png")  # mode I;16
    Image.fromarray(np.full((20, 20), 65535, np.uint16)).save(tmp_path / "white.png")
    for channels in (1, 3):
        images, _, _ = load_image_folder(tmp_path, 8, channels=channels)
        assert images.shape == (2, channels, 8, 8)
        assert 126 <= images[0].float().mean() <= 130 and images[1].min() == 255  # not almost white
    err = capsys.readouterr().err
    assert err.count("scaled 2 16-bit ones to 8 bits") == 2 and err.count("\n") == 2


def test_the_16_bit_notice_is_one_line(tmp_path, capsys):
    Image.fromarray(np.full((20, 20), 32768, np.uint16)).save(tmp_path / "grey.png")
    load_image_folder(tmp_path, 8)
    assert f"read 1 image from {tmp_path}: scaled 1 16-bit one to 8 bits" in one_line(capsys)


def test_a_float_tiff_reads_by_its_range(tmp_path, capsys):
    Image.fromarray(np.full((20, 20), 0.5, np.float32)).save(tmp_path / "a_unit.tif")  # mode F, 0..1
    ramp = np.tile(np.linspace(-3.0, 1000.0, 20, dtype=np.float32), (20, 1))  # any other range: stretched
    Image.fromarray(ramp).save(tmp_path / "b_ramp.tif")
    images, _, _ = load_image_folder(tmp_path, 20, channels=1)
    assert 126 <= images[0].float().mean() <= 130  # not black
    assert images[1, 0, :, 0].float().mean() < 5 and images[1, 0, :, -1].float().mean() > 250
    assert "scaled 2 floating-point ones to 8 bits" in one_line(capsys)


def test_an_exif_rotated_jpeg_comes_out_as_it_is_shown(tmp_path, capsys):
    stored = Image.new("RGB", (30, 20), (0, 0, 255))
    stored.paste((255, 0, 0), (0, 0, 15, 20))  # stored: red on the left, blue on the right
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90 degrees clockwise to show": red ends up on top
    stored.save(tmp_path / "phone.jpg", exif=exif, quality=95)
    image = load_image_folder(tmp_path, 8)[0][0].float()
    assert image[0, 0].mean() > 200 and image[2, 0].mean() < 60  # top row red
    assert image[2, -1].mean() > 200 and image[0, -1].mean() < 60  # bottom row blue
    assert "rotated 1 the way its EXIF orientation tag says" in one_line(capsys)


def test_transparent_pixels_are_put_on_white(tmp_path, capsys):
    rgba = np.zeros((20, 20, 4), np.uint8)
    rgba[:, :10] = (255, 0, 0, 255)  # left half opaque red, right half fully transparent black
    Image.fromarray(rgba, "RGBA").save(tmp_path / "logo.png")
    la = np.zeros((20, 20, 2), np.uint8)  # all transparent black, grey with alpha
    Image.fromarray(la, "LA").save(tmp_path / "mask.png")
    images, _, _ = load_image_folder(tmp_path, 20)
    assert images[0, :, :, -1].min() == 255  # white, not black
    assert images[0, 0, :, 0].min() > 240 and images[0, 1, :, 0].max() < 15  # the opaque half stays red
    assert images[1].min() == 255
    grey, _, _ = load_image_folder(tmp_path, 20, channels=1)
    assert grey[0, 0, :, -1].min() == 255
    err = capsys.readouterr().err
    assert "put 2 transparent ones on a white background" in err and err.count("\n") == 2


def test_a_flat_folder_with_an_empty_sub_folder_is_still_flat(tmp_path, capsys):
    for i in range(3):
        make_image(tmp_path / f"{i}.jpg")
    (tmp_path / "thumbs").mkdir()
    (tmp_path / "thumbs" / "notes.txt").write_text("nothing to see")
    images, labels, names = load_image_folder(tmp_path, 8)
    assert images.shape == (3, 3, 8, 8) and labels is None and names == []
    assert "read it as one unlabelled folder, since its sub-folder thumbs holds no images" in one_line(capsys)


def test_images_both_directly_inside_and_in_class_folders_are_refused(tmp_path):
    make_image(tmp_path / "loose.jpg")
    make_image(tmp_path / "cat" / "a.jpg")
    with pytest.raises(ValueError, match=r"holds 1 image directly inside \(such as loose.jpg\) and also class "
                                         r"sub-folders of images \(cat\): move the images directly inside into a "
                                         r"class folder, or move the sub-folders out"):
        load_image_folder(tmp_path, 8)


def test_a_mac_zip_is_read_without_its_junk(tmp_path, capsys):
    for i in range(3):
        make_image(tmp_path / "photos" / f"{i}.jpg")
        (tmp_path / "photos" / "__MACOSX").mkdir(exist_ok=True)
        (tmp_path / "photos" / "__MACOSX" / f"._{i}.jpg").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    (tmp_path / "photos" / ".DS_Store").write_bytes(b"Bud1")
    images, labels, names = load_image_folder(tmp_path / "photos", 8)
    assert images.shape == (3, 3, 8, 8) and labels is None and names == []
    assert "ignored __MACOSX" in one_line(capsys)

    make_image(tmp_path / "pets" / "cat" / "a.jpg")
    make_image(tmp_path / "pets" / "dog" / "b.jpg")
    (tmp_path / "pets" / "cat" / "._a.jpg").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    (tmp_path / "pets" / "dog" / ".thumbnails").mkdir()
    make_image(tmp_path / "pets" / "dog" / ".thumbnails" / "b.jpg")
    images, labels, names = load_image_folder(tmp_path / "pets", 8)
    assert names == ["cat", "dog"] and labels.tolist() == [0, 1]
    err = one_line(capsys)
    assert "skipped" not in err and "ignored .thumbnails and 1 hidden file such as ._a.jpg" in err


def test_an_empty_class_folder_is_not_a_class(tmp_path, capsys):
    make_image(tmp_path / "cat" / "a.jpg")
    make_image(tmp_path / "dog" / "b.jpg")
    (tmp_path / "bird").mkdir()
    (tmp_path / "fish").mkdir()
    images, labels, names = load_image_folder(tmp_path, 8)
    assert names == ["cat", "dog"] and labels.tolist() == [0, 1]
    assert "the sub-folders bird, fish hold no images, so they are not classes" in one_line(capsys)


def test_a_decompression_bomb_is_skipped_and_counted(tmp_path, monkeypatch, capsys):
    make_image(tmp_path / "a_fine.png", (20, 20))
    make_image(tmp_path / "b_warned.png", (40, 40))  # over the limit: Pillow only warns
    make_image(tmp_path / "c_bomb.png", (50, 50))  # over twice the limit: Pillow raises
    (tmp_path / "d_broken.png").write_bytes(b"not a png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    images, _, _ = load_image_folder(tmp_path, 8)
    assert images.shape == (1, 3, 8, 8)
    assert (f"skipped 3 of 4 files in {tmp_path}: 1 could not be read, 2 too large to decode safely (over 1,000 "
            "pixels)") in one_line(capsys)
    for name in ("a_fine.png", "d_broken.png"):
        (tmp_path / name).unlink()
    with pytest.raises(ValueError, match="none of the 2 image files .* could be read: 2 are too large to decode"):
        load_image_folder(tmp_path, 8)


def test_everything_done_is_said_in_one_line(tmp_path, capsys):
    rgba = np.zeros((20, 20, 4), np.uint8)
    Image.fromarray(rgba, "RGBA").save(tmp_path / "clear.png")
    Image.fromarray(np.full((20, 20), 32768, np.uint16)).save(tmp_path / "deep.png")
    (tmp_path / "broken.jpg").write_bytes(b"junk")
    (tmp_path / "__MACOSX").mkdir()
    load_image_folder(tmp_path, 8, cache_dir=tmp_path / "cache")
    line = (f"Warning: skipped 1 of 3 files in {tmp_path} that could not be read; put 1 transparent one on a white "
            "background, scaled 1 16-bit one to 8 bits; ignored __MACOSX\n")
    assert one_line(capsys) == line
    load_image_folder(tmp_path, 8, cache_dir=tmp_path / "cache")  # from the cache: said again, the same
    assert one_line(capsys) == line


def test_caches_made_under_the_old_decoding_rules_are_not_reused(tmp_path):
    root = tmp_path / "pets"
    root.mkdir()
    Image.fromarray(np.full((20, 20), 32768, np.uint16)).save(root / "grey.png")
    files = [root / "grey.png"]
    digest = hashlib.sha1(b"8x3")  # the key as it was made before the decoding rules had a version
    for path in files:
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    cache = tmp_path / "cache"
    cache.mkdir()
    wrong = torch.full((1, 3, 8, 8), 255, dtype=torch.uint8)  # what the old decoding made of mid-grey
    torch.save({"images": wrong, "labels": None, "classes": []}, cache / f"pets-8px-3ch-{digest.hexdigest()[:16]}.pt")
    images, _, _ = load_image_folder(root, 8, cache_dir=cache)
    assert 126 <= images.float().mean() <= 130 and len(list(cache.glob("*.pt"))) == 2


def test_decode_keeps_its_signature_and_counts_when_asked(tmp_path):
    make_image(tmp_path / "a.png")
    (tmp_path / "b.png").write_bytes(b"junk")
    images, kept = folders.decode([tmp_path / "a.png", tmp_path / "b.png"], 8, 3)
    assert images.shape == (1, 3, 8, 8) and kept == [0]
    done = Counter()
    folders.decode([tmp_path / "a.png", tmp_path / "b.png"], 8, 3, 1.0, done)
    assert done == {"unreadable": 1}


def test_a_long_thin_image_is_cropped_before_it_is_resized(tmp_path):
    """A 1 x 250,000 strip used to be resized to 64 x 16,000,000 first (5.5 GB) before its centre was cut out."""
    import resource
    from PIL import Image
    from ganlib.folders import decode
    Image.new("L", (250_000, 1), 200).save(tmp_path / "strip.png")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    images, kept = decode([tmp_path / "strip.png"], 64, 1)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert images.shape == (1, 1, 64, 64) and kept == [0] and grown_mb < 200
