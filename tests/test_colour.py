"""Colour: CIFAR-10 and folders through the same loop, the class loss, the CIFAR-10 referee, the GPU switches."""
import urllib.error

import numpy as np
import pytest
import torch
from PIL import Image

from ganlib import TrainConfig, train
from ganlib.__main__ import main
from ganlib.data import load_dataset
from ganlib.gpu import Precision, keeps_data, mixed_precision_default
from ganlib.evaluation import evaluate_images
from ganlib.nets import ConvDiscriminator, ConvGenerator, MLPDiscriminator, MLPGenerator, nets_for_data
from ganlib.evaluation.referee import REFEREES, crop_and_flip, load_referee, referee_for


@pytest.fixture
def cifar_test():
    return load_dataset("cifar10", train=False)  # the smoke subset: 512 images, every class


def make_folder(root, classes=("cats", "dogs", "owls"), per_class=6, flat=False, size=(40, 48)):
    rng = np.random.default_rng(0)
    for c, name in enumerate(classes):
        for i in range(per_class):
            path = root / (f"{name}_{i}.png" if flat else f"{name}/{i}.png")
            path.parent.mkdir(parents=True, exist_ok=True)
            pixels = rng.integers(0, 256, (*size, 3), dtype=np.uint8) // 4 + 60 * c
            Image.fromarray(pixels).save(path)
    return root


def test_cifar10_loads_as_uint8_colour_with_its_classes(cifar_test):
    assert cifar_test.images.shape[1:] == (3, 32, 32) and cifar_test.images.dtype == torch.uint8
    assert cifar_test.classes[:2] == ("airplane", "automobile")
    assert torch.bincount(cifar_test.labels, minlength=10).min() > 0


def test_the_cifar10_referee_ships_and_recognises_real_test_images(cifar_test):
    model, payload = load_referee("cifar10")
    assert payload["test_accuracy"] >= 0.85  # measured on all 10,000 test images when it was trained
    result = evaluate_images(cifar_test.images, cifar_test.labels)
    assert result["referee"] == "cifar10"
    assert result["conditional_accuracy"] >= 0.8  # recomputed here on the smoke subset
    noise = evaluate_images(torch.randint(0, 256, (512, 3, 32, 32), dtype=torch.uint8))
    assert noise["frechet_distance"] > 5 * result["frechet_distance"]
    assert sum(p.numel() for p in model.parameters()) < 1_000_000


def test_each_image_shape_finds_its_referee():
    assert referee_for((1, 28, 28)).name == "mnist" and referee_for((3, 32, 32)).name == "cifar10"
    with pytest.raises(ValueError, match="no referee judges images of shape 3 x 64 x 64"):
        referee_for((3, 64, 64))


def test_channels_last_colour_samples_are_accepted(cifar_test):
    channels_last = cifar_test.images[:200].permute(0, 2, 3, 1).numpy()  # as in a samples .npz
    assert evaluate_images(channels_last)["n"] == 200


def test_crop_and_flip_moves_pixels_but_keeps_them():
    images = torch.arange(2 * 3 * 8 * 8, dtype=torch.float).view(2, 3, 8, 8)
    out = crop_and_flip(images, torch.Generator().manual_seed(0))
    assert out.shape == images.shape
    assert set(out.unique().tolist()) <= set(images.unique().tolist())
    assert torch.equal(out, crop_and_flip(images, torch.Generator().manual_seed(0)))


def test_a_discriminator_can_name_classes_and_the_logit_is_its_projection():
    D = ConvDiscriminator(n_classes=10, image_size=32, channels=3)
    x, y = torch.randn(4, 3, 32, 32), torch.tensor([0, 3, 3, 9])
    logit, class_logits = D(x, y, classify=True)
    assert class_logits.shape == (4, 10)
    assert torch.allclose(logit, D(x, y))
    assert torch.allclose(logit - D.out(D.features(x)).squeeze(1), class_logits[torch.arange(4), y], atol=1e-5)
    with pytest.raises(ValueError, match="projection=True"):
        ConvDiscriminator(n_classes=10, projection=False)(torch.randn(2, 1, 28, 28), torch.tensor([1, 2]),
                                                          classify=True)


def test_the_class_loss_teaches_d_to_name_the_class():
    """Two classes of tiny images (dark and bright): with the class loss D learns to tell them apart."""
    torch.manual_seed(0)
    images = torch.cat([torch.full((64, 1, 4, 4), 40), torch.full((64, 1, 4, 4), 210)]).to(torch.uint8)
    labels = torch.cat([torch.zeros(64), torch.ones(64)]).long()
    accuracy = {}
    for weight in (0.0, 1.0):
        torch.manual_seed(0)
        G = MLPGenerator(8, 2, (1, 4, 4), hidden=(16, 16))
        D = MLPDiscriminator(2, (1, 4, 4), hidden=(16, 16))
        train(G, D, images, labels, TrainConfig(variant="cgan", epochs=20, batch_size=32, latent_dim=8,
                                                class_weight=weight, progress=False, smoke=False))
        D.cpu()  # train() put D on the fastest device
        with torch.no_grad():
            _, class_logits = D(images.float() / 127.5 - 1, labels, classify=True)
        accuracy[weight] = (class_logits.argmax(1) == labels).float().mean().item()
    assert accuracy[1.0] == 1.0 and accuracy[1.0] > accuracy[0.0] - 1e-9


def test_the_conditional_dcgan_trains_on_cifar10_through_the_one_loop(cifar_test, tmp_path):
    G, D = nets_for_data("cdcgan", *cifar_test)
    assert G.image_shape == (3, 32, 32) and G.n_classes == 10
    config = TrainConfig(variant="cdcgan", data="cifar10", checkpoint_dir=tmp_path)
    assert config.class_weight > 0  # the CIFAR-10 default recipe uses the class loss
    history = train(G, D, cifar_test.images, cifar_test.labels, config)
    assert history.snapshots[-1].shape == (80, 3, 32, 32) and np.isfinite(history.loss_d).all()


def test_train_works_on_any_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "data"))
    labelled, flat = make_folder(tmp_path / "pets"), make_folder(tmp_path / "flat", flat=True)
    assert main(["train", "cdcgan", "--data", str(labelled), "--image-size", "32", "--out", str(tmp_path / "a"),
                 "--no-progress"]) == 2
    assert "holds 18 images, fewer than one batch of 128" in capsys.readouterr().err
    assert main(["train", "cdcgan", "--data", str(labelled), "--image-size", "32", "--out", str(tmp_path / "a"),
                 "--batch-size", "6", "--no-progress"]) == 0
    assert "on " + str(labelled) + " (18 images of 3 x 32 x 32)" in capsys.readouterr().out
    from ganlib.checkpoints import load_generator

    G, _ = load_generator(tmp_path / "a" / "checkpoint.pt")
    assert G.n_classes == 3 and G.image_shape == (3, 32, 32)  # the three sub-folders are the classes
    assert len(list((tmp_path / "data" / "cache").glob("pets-32px-3ch-*.pt"))) == 1  # decoded once, cached
    assert main(["train", "dcgan", "--data", str(flat), "--out", str(tmp_path / "b"), "--batch-size", "6",
                 "--no-progress"]) == 0
    assert "No referee's numbers" in capsys.readouterr().out  # 64 x 64: no referee, said in words
    assert main(["evaluate", str(tmp_path / "b"), "--n", "20"]) == 2
    err = capsys.readouterr().err
    assert "no referee judges images of shape 3 x 64 x 64" in err and "add --inception" in err and err.count("\n") == 1
    from ganlib.evaluation import inception

    monkeypatch.setattr(inception, "inception_model", lambda device: StandInInception())
    assert main(["evaluate", str(tmp_path / "b"), "--n", "20", "--inception"]) == 0  # against the folder it learned
    assert f"Inception FID (20 images against the 18 images of {flat}): " in capsys.readouterr().out
    assert main(["train", "cdcgan", "--data", str(flat), "--out", str(tmp_path / "c")]) == 2
    assert "needs labelled images" in capsys.readouterr().err
    assert main(["train", "gan", "--data", str(tmp_path / "nowhere")]) == 2
    assert "neither a data set name" in capsys.readouterr().err


def test_colour_samples_file_is_channels_last(tmp_path):
    from ganlib.pictures import save_samples
    from ganlib.sampling import sample_images

    G = ConvGenerator(n_classes=10, image_size=32, channels=3)
    images, labels = sample_images(G, 20, seed=1)
    with np.load(save_samples(tmp_path / "s.npz", images, labels)) as arrays:
        assert arrays["images"].shape == (20, 32, 32, 3) and arrays["images"].dtype == np.uint8
        assert arrays["labels"].tolist() == [i % 10 for i in range(20)]


def test_inception_fid_offline_is_one_clear_line(monkeypatch, capsys):
    def no_internet(*args, **kwargs):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(torch.hub, "load_state_dict_from_url", no_internet)
    monkeypatch.setattr("pytorch_fid.inception.load_state_dict_from_url", no_internet, raising=False)
    assert main(["evaluate", "gan", "--n", "1000", "--inception"]) == 1  # 1,000: no small-count warning
    captured = capsys.readouterr()
    assert "Frechet distance" in captured.out  # the referee's numbers still come
    assert captured.err.count("\n") == 1 and "Inception weights could not be downloaded" in captured.err


class StandInInception(torch.nn.Module):
    """Stands in for pytorch-fid's Inception (whose weights need the internet): a list of (N, F, 1, 1) blocks."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 16, 4, 4)

    def forward(self, x):
        return [self.conv(x).mean((2, 3), keepdim=True)]


def test_inception_fid_is_zero_for_identical_sets(monkeypatch, cifar_test):
    from ganlib.evaluation import inception

    torch.manual_seed(0)
    monkeypatch.setattr(inception, "inception_model", lambda device: StandInInception())
    same = inception.inception_fid(cifar_test.images, cifar_test.images)
    other = inception.inception_fid(cifar_test.images, torch.randint(0, 256, (512, 3, 32, 32), dtype=torch.uint8))
    assert same < 1e-6 < other


def test_gpu_switches_stay_off_on_a_cpu():
    cpu, cuda = torch.device("cpu"), torch.device("cuda")
    assert not mixed_precision_default(cpu, None) and mixed_precision_default(cuda, None)
    assert not mixed_precision_default(cuda, False)
    assert not Precision(cpu, enabled=True).enabled  # autocast is never switched on for a CPU
    assert keeps_data(torch.zeros(10, dtype=torch.uint8), cpu)
    net = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    before = net.weight.detach().clone()
    Precision(cpu).backward_and_step(net(torch.ones(1, 2)).sum(), opt)
    assert not torch.equal(before, net.weight)


def test_referee_recipes_know_their_weights():
    assert REFEREES["mnist"].weights.name == "referee.pt"
    assert REFEREES["cifar10"].weights.name == "referee_cifar10.pt"


def test_a_failed_celeba_download_says_how_to_get_the_faces_by_hand(tmp_path, monkeypatch, capsys):
    import torchvision.datasets

    from ganlib.data import MissingDataError, load_celeba

    def quota_exceeded(*args, **kwargs):
        raise RuntimeError("The daily quota of the file img_align_celeba.zip is exceeded and it can't be "
                           "downloaded.\nThis is a limitation of Google Drive.")

    def offline(*args, **kwargs):
        raise OSError("<urlopen error [Errno -3] Temporary failure in name resolution>")

    monkeypatch.setattr(torchvision.datasets, "CelebA", quota_exceeded)
    monkeypatch.setattr(torchvision.datasets.utils, "download_and_extract_archive", offline)  # LFW fails too
    with pytest.raises(MissingDataError, match="CelebA could not be downloaded .RuntimeError: The daily quota"):
        load_celeba(root=tmp_path)
    with pytest.raises(MissingDataError, match="nor LFW .LFW could not be downloaded .OSError"):
        load_celeba(root=tmp_path)
    with pytest.raises(MissingDataError, match="Kaggle"):
        load_celeba(root=tmp_path, fallback=False)
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path))
    assert main(["train", "dcgan", "--data", "celeba"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Kaggle" in err and "--data PATH" in err


def test_when_celeba_fails_lfw_faces_stand_in_with_one_line(tmp_path, monkeypatch, capsys):
    """CelebA's Google Drive download is the most reported failure of face tutorials: fall back and go on."""
    import torchvision.datasets

    from ganlib.data import LFW_MD5, LFW_URL, load_dataset

    def quota_exceeded(*args, **kwargs):
        raise RuntimeError("The daily quota of the file img_align_celeba.zip is exceeded")

    def fake_lfw(url, download_root, filename, md5, remove_finished):  # what the 233 MB archive unpacks to
        assert (url, filename, md5) == (LFW_URL, "lfw-funneled.tgz", LFW_MD5)
        root = tmp_path / "lfw" / "lfw_funneled"
        for person in ("Ada_Lovelace", "Alan_Turing"):
            make_folder(root / person, classes=("face",), per_class=3, flat=True, size=(250, 250))  # LFW's size

    monkeypatch.setenv("GANLIB_DATA", str(tmp_path))
    monkeypatch.setattr(torchvision.datasets, "CelebA", quota_exceeded)
    monkeypatch.setattr(torchvision.datasets.utils, "download_and_extract_archive", fake_lfw)
    faces = load_dataset("celeba", image_size=64)
    assert faces.images.shape == (6, 3, 64, 64) and faces.labels is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "training on LFW's 6 faces instead" in err


def test_celeba_faces_in_their_folder_load_at_64_pixels(tmp_path):
    from ganlib.data import load_celeba

    make_folder(tmp_path / "celeba" / "img_align_celeba", classes=("face",), per_class=4, flat=True)
    images, labels = load_celeba(root=tmp_path)
    assert images.shape == (4, 3, 64, 64) and labels is None


def test_bench_sizes_measures_widths_then_threads_and_memory_layout():
    from ganlib.course.bench import bench_sizes

    threads = torch.get_num_threads()
    rows = bench_sizes(0.2, image_size=32, widths=(16,), batch_sizes=(8,),
                       settings=({"threads": 1}, {"channels_last": False}))
    assert [(r["width"], r["batch_size"], r["threads"], r["memory_format"]) for r in rows] == [
        (16, 8, threads, "channels_last"), (32, 128, 1, "channels_last"), (32, 128, threads, "contiguous")]
    assert all(r["images_per_second"] > 0 and not r["compiled"] for r in rows)
    assert torch.get_num_threads() == threads  # the one-thread cell gives the threads back


def test_bench_faces_judges_each_width_along_its_training(tmp_path, monkeypatch):
    from ganlib.course.experiments import bench_faces

    monkeypatch.setenv("GANLIB_SMOKE", "1")  # three training steps per width
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "data"))
    faces = make_folder(tmp_path / "faces", classes=("face",), per_class=130, flat=True)
    rows = bench_faces(minutes=0.05, widths=(8,), points=2, samples=64, data=str(faces))
    assert [r["name"] for r in rows] == ["width 8", "width 8"]
    assert rows[0]["minutes"] <= rows[1]["minutes"] and all(r["frechet_distance"] > r["floor"] >= 0 for r in rows)
