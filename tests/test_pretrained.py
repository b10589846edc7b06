"""The shipped generators: they load safely with no data set, they are the good ones, and the CLI serves them."""
import numpy as np
import pytest
import torch

from ganlib import VARIANTS
from ganlib.__main__ import main
from ganlib.evaluation import evaluate_generator
from ganlib.course.shipped import pretrained, shipped_variants, training_record, weights_path


@pytest.fixture
def no_data(tmp_path, monkeypatch):
    """No MNIST anywhere: the shipped generators must not need it."""
    monkeypatch.setenv("GANLIB_DATA", str(tmp_path / "no-data-here"))


def test_all_four_variants_ship_small_files():
    assert shipped_variants() == list(VARIANTS)
    sizes = {v: weights_path(v).stat().st_size for v in VARIANTS}
    # float16; the dcgan's hidden layers (--hidden 1024) take 6.7 MB of the 13.5, the price of its confidence
    assert sum(sizes.values()) < 15e6, sizes


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_loads_and_samples_on_cpu_without_data(no_data, variant):
    G = pretrained(variant, device="cpu")
    assert not G.training and next(G.parameters()).dtype == torch.float32
    record = training_record(variant)
    assert record["command"].startswith(f"python -m ganlib train {variant}") and record["seconds"] > 0
    assert "CPU" in record["machine"] and record["seed"] == 0
    z = torch.randn(8, G.latent_dim)
    y = torch.arange(8) if G.n_classes else None
    images = G(z, y)
    assert images.shape == (8, 1, 28, 28) and images.abs().max() <= 1


@pytest.mark.parametrize("variant", ["cgan", "cdcgan"])
def test_the_shipped_conditional_generators_draw_the_digit_asked_for(no_data, variant):
    result = evaluate_generator(pretrained(variant, device="cpu"), n=1000, seed=1)
    assert result["conditional_accuracy"] >= 0.95, result


def test_sample_a_shipped_generator_from_the_command_line(no_data, tmp_path, capsys):
    import imageio.v3 as iio

    assert main(["sample", "cdcgan", "--digit", "7", "--n", "12", "--seed", "5", "--out", str(tmp_path / "7.npz")]) == 0
    assert "Wrote 12 images (cdcgan, class 7, seed 5)" in capsys.readouterr().out
    arrays = np.load(tmp_path / "7.npz")
    assert arrays["images"].shape == (12, 28, 28) and arrays["images"].dtype == np.uint8
    assert arrays["labels"].dtype == np.int64 and (arrays["labels"] == 7).all()
    assert main(["sample", "cdcgan", "--digit", "7", "--n", "12", "--seed", "5", "--out", str(tmp_path / "b.npz")]) == 0
    assert np.array_equal(np.load(tmp_path / "b.npz")["images"], arrays["images"])  # same seed, same images
    assert main(["sample", "dcgan", "--n", "16", "--out", str(tmp_path / "g.png")]) == 0
    assert iio.imread(tmp_path / "g.png").shape == (2 * 30 + 2, 8 * 30 + 2)
    assert "labels" not in np.load(tmp_path / "7.npz").files or main(
        ["sample", "gan", "--n", "4", "--out", str(tmp_path / "u.npz")]) == 0
    assert "labels" not in np.load(tmp_path / "u.npz").files  # unconditional: no labels array


@pytest.mark.parametrize("argv,message", [
    (["sample", "gan", "--digit", "3"], "unconditional: it cannot be asked for a digit"),
    (["sample", "cgan", "--digit", "10"], "this generator's classes are 0 to 9: 10 (digit=, or --digit on the command line) is not one of them"),
    (["sample", "cgan", "--n", "0"], "--n: must be a positive whole number up to 100,000"),
    (["sample", "wgan"], "unknown generator 'wgan'"),
    (["sample"], "one of the two"),
    (["evaluate"], "give one target to evaluate, or --all"),
    (["gif"], "name one variant"),
])
def test_bad_requests_get_one_line_and_exit_code_2(tmp_path, capsys, argv, message):
    assert main([*argv, "--out", str(tmp_path / "x.png")] if argv[0] == "sample" else argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_evaluate_all_prints_a_markdown_table_per_data_set(no_data, capsys):
    assert main(["evaluate", "--all", "--n", "200"]) == 0
    mnist, cifar10 = (table.splitlines() for table in capsys.readouterr().out.strip().split("\n\n"))
    assert mnist[0].startswith("| shipped generator (mnist) | epochs | minutes | Frechet distance")
    assert [line.split("|")[1].strip() for line in mnist[2:]] == [*VARIANTS, "real training images (floor)"]
    assert cifar10[0].startswith("| shipped generator (cifar10) |")
    assert [line.split("|")[1].strip() for line in cifar10[2:]] == ["cdcgan-cifar10", "real training images (floor)"]


def test_export_turns_a_finished_run_into_a_weights_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    assert main(["train", "cgan", "--no-progress", "--seed", "3", "--out", str(tmp_path / "run")]) == 0
    assert main(["export", str(tmp_path / "run"), "--out", str(tmp_path / "cgan.pt")]) == 0
    from ganlib.checkpoints import load_checkpoint, load_generator, read_checkpoint

    G, payload = load_generator(tmp_path / "cgan.pt")
    trained = payload["trained"]
    assert trained["command"] == f"python -m ganlib train cgan --no-progress --seed 3 --out {tmp_path / 'run'}"
    assert trained["seed"] == 3 and trained["steps"] == 3
    full, _ = load_generator(tmp_path / "run" / "checkpoint.pt")
    z, y = torch.randn(4, 100), torch.arange(4)
    assert torch.allclose(G.eval()(z, y), full.eval()(z, y), atol=1e-2)  # float16 weights draw the same digits
    assert read_checkpoint(tmp_path / "cgan.pt")["discriminator"] is None
    with pytest.raises(ValueError, match="generator only"):
        load_checkpoint(tmp_path / "cgan.pt")  # nothing to resume training from
    assert main(["export", str(tmp_path)]) == 2
    assert "not a finished training run" in capsys.readouterr().err


def test_gif_retrains_a_variant_and_writes_its_figures(monkeypatch, capsys):
    import imageio.v3 as iio

    from ganlib import figures_dir

    monkeypatch.setenv("GANLIB_SMOKE", "1")  # smoke mode writes to a temporary figures folder
    assert main(["gif", "cdcgan"]) == 0
    gif = figures_dir() / "04_conditional_dcgan.gif"
    assert str(gif) in capsys.readouterr().out
    frames = iio.imread(gif, index=None)
    assert frames.shape[1:3] == (14 + 10 * 30 + 2, 8 * 30 + 2)  # caption strip + one row per digit
    assert (figures_dir() / "04_conditional_dcgan_samples.png").is_file()
    assert "report" not in str(gif)  # the committed figures are never touched by a test


@pytest.mark.parametrize("variant", ["cdcgan", "gan"])
def test_the_explorer_draws_a_static_view_and_builds_live_controls(no_data, variant):
    from ganlib.course.explorer import LatentExplorer

    explorer = LatentExplorer(variant=variant, digit=3, seed=2)
    before = explorer.latent().clone()
    explorer.shifts[1] = 2.0
    assert torch.allclose(explorer.latent() - before, torch.eye(100)[1] * 2.0)
    figure = explorer.figure()
    assert len(figure.axes) == 2 and variant in figure.axes[0].get_title()
    box = explorer.show()  # outside a notebook the widgets are built all the same
    assert box is not None and len(box.children) == 4


def test_the_cifar10_generator_ships_and_draws_the_class_asked_for(no_data, tmp_path):
    import numpy as np

    from ganlib.evaluation import evaluate_generator

    G = pretrained("cdcgan-cifar10", device="cpu")
    assert G.image_shape == (3, 32, 32) and G.n_classes == 10
    result = evaluate_generator(G, n=1000)
    assert result["referee"] == "cifar10" and result["conditional_accuracy"] >= 0.6  # chance: 0.1
    assert main(["sample", "cdcgan-cifar10", "--label", "3", "--n", "5", "--out", str(tmp_path / "cats.npz")]) == 0
    with np.load(tmp_path / "cats.npz") as arrays:
        assert arrays["images"].shape == (5, 32, 32, 3) and arrays["labels"].tolist() == [3] * 5
    assert training_record("cdcgan-cifar10")["command"].startswith("python -m ganlib train cdcgan --data cifar10")
