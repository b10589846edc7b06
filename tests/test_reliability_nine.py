"""Nothing silently wrong, tester rounds ten to twelve of issue 35.

Round ten: a right slerp or class-means answer in NumPy (a list of rows, a flipped array) was rejected or crashed the
check; a device missing on this machine made a good checkpoint "corrupt"; ``save_figure`` took a folder name or an
image array without a word; one colour image, or a samples file of the wrong shape, was given a message about another
shape or a referee that does exist. Round eleven, in helpers earlier rounds touched less: precision and recall with too
few points or k = 0, a table row without a name, class counts read as a histogram, the toy's counts, the explorer's
digit and coordinates, plot_d_outputs and show_gif given the wrong thing, the health monitor's loss, check names and
a noisy critic estimate, a critic with tanh inside, data_and_nets without a config.
"""
import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from ganlib import (build_nets, class_loss, discriminator_loss, evaluate_images, fixed_inputs, generator_loss,
                    image_grid, to_uint8, train_step)
from ganlib import evaluation as ev
from ganlib.losses import hinge_discriminator_loss
from ganlib.checkpoints import load_checkpoint, load_generator, save_checkpoint
from ganlib.course.cli import main
from ganlib.course.data_checks import check_class_means
from ganlib.course.exercises import check_slerp
from ganlib.latent import lerp, slerp
from ganlib.pictures import save_figure

SELF_BLAME = "check itself failed"


def textbook_slerp(z0, z1, t):
    t = t.reshape(-1, 1)
    omega = torch.arccos(torch.clamp((z0 / z0.norm()) @ (z1 / z1.norm()), -1, 1))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)


@pytest.mark.parametrize("form", [
    lambda path: [row.numpy() for row in path],  # a list of NumPy rows
    lambda path: path.tolist(),  # nested lists
    lambda path: tuple(path.double().numpy()),  # a tuple of float64 rows
    lambda path: np.ascontiguousarray(path.numpy()[::-1])[::-1],  # a flipped array: negative strides
])
def test_a_right_slerp_is_right_in_any_table_of_numbers(capsys, form):
    result = check_slerp(lambda z0, z1, t: form(textbook_slerp(z0, z1, t)))
    text = capsys.readouterr().out
    assert result and "Correct" in text and "not a tensor" in text and SELF_BLAME not in text


def test_a_straight_line_as_a_list_of_rows_is_named_as_the_straight_line(capsys):
    assert not check_slerp(lambda z0, z1, t: [row.numpy() for row in lerp(z0, z1, t)])
    assert "straight line" in capsys.readouterr().out


def test_a_path_of_rows_of_different_lengths_is_a_shape_not_a_crash(capsys):
    assert not check_slerp(lambda z0, z1, t: [row[: 50 + i].numpy() for i, row in enumerate(slerp(z0, z1, t))])
    text = capsys.readouterr().out
    assert "shape (5, 100)" in text and SELF_BLAME not in text


def test_class_means_from_numpy_with_negative_strides_are_told_a_tensor_that_works(capsys):
    """Tester round 18b: a NumPy answer passed, then the notebook's next cell (tensor methods) stopped."""
    def my_class_means(images, labels):
        x, y = images.numpy().astype(np.float64), labels.numpy()
        return np.stack([x[y == c].mean(0) for c in reversed(range(10))])[::-1]
    assert not check_class_means(my_class_means)
    text = capsys.readouterr().out
    assert "torch.from_numpy(np.ascontiguousarray(means))" in text and SELF_BLAME not in text
    assert check_class_means(lambda images, labels: torch.from_numpy(np.ascontiguousarray(my_class_means(images, labels))))


@pytest.fixture
def checkpoint(tmp_path):
    G, D = build_nets("gan")
    return save_checkpoint(tmp_path / "checkpoint.pt", G, D)


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
@pytest.mark.parametrize("load", [load_checkpoint, load_generator])
def test_a_device_this_machine_lacks_is_no_damaged_checkpoint(checkpoint, load):
    with pytest.raises(ValueError, match="does not have.*nothing is wrong with it.*map_location='cpu'"):
        load(checkpoint, map_location="cuda")
    with pytest.raises(ValueError, match="'gpu' is not a device: choose 'cpu', 'cuda' or 'mps'"):
        load(checkpoint, map_location="gpu")
    assert checkpoint.is_file() and load(checkpoint)  # the file was never touched, and loads


def test_the_nets_come_back_on_the_device_map_location_names(checkpoint):
    G, D, _ = load_checkpoint(checkpoint, map_location=torch.device("cpu"))
    assert next(G.parameters()).device.type == "cpu" and next(D.parameters()).device.type == "cpu"
    G, _ = load_generator(checkpoint, map_location="cpu")
    assert next(G.parameters()).device.type == "cpu"


def test_save_figure_says_what_it_writes_when_given_an_image_grid(tmp_path):
    grid = image_grid(torch.zeros(4, 1, 8, 8, dtype=torch.uint8), columns=2)
    with pytest.raises(TypeError, match="matplotlib figure.*save_image_grid"):
        save_figure(grid, tmp_path / "grid.png")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, says", [("figs/", "names a folder"), ("figs", "no file type")])
def test_save_figure_wants_a_file_name_with_its_type(tmp_path, monkeypatch, name, says):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=says):
        save_figure(Figure(), name)
    assert list(tmp_path.iterdir()) == []  # no PNG called figs in the way of a later figs/ folder
    assert save_figure(Figure(), "figs/a.png").is_file()


def test_one_colour_image_is_told_to_be_a_batch():
    with pytest.raises(ValueError, match="look like one image.*unsqueeze"):
        evaluate_images(torch.randint(0, 256, (3, 32, 32), dtype=torch.uint8))


def test_three_grey_digits_are_still_three_images(capsys):
    assert evaluate_images(torch.randint(0, 256, (3, 28, 28), dtype=torch.uint8))["referee"] == "mnist"
    assert "only 3 images" in capsys.readouterr().err


def test_a_samples_file_of_the_wrong_shape_for_its_data_set_says_so(tmp_path, capsys):
    path = tmp_path / "grey.npz"
    np.savez(path, images=np.random.randint(0, 256, (30, 28, 28), dtype=np.uint8), data=np.array("cifar10"))
    assert main(["evaluate", str(path)]) != 0
    text = capsys.readouterr().err
    assert "learned cifar10, but its images are 1 x 28 x 28" in text and "3 x 32 x 32" in text
    assert "no referee was trained" not in text


# ---- tester round eleven: the helpers earlier rounds touched less ----------------------------------------------

def test_precision_recall_says_when_there_are_too_few_points_or_k_is_no_count():
    from ganlib.evaluation.neighbours import nearest, precision_recall
    with pytest.raises(ValueError, match="k = 3 needs at least 4 reference points"):
        precision_recall(torch.randn(3, 8), torch.randn(3, 8))
    for k in (0, -1, 2.5, True):
        with pytest.raises(ValueError, match="k must be a whole number, 1 or more"):
            precision_recall(torch.randn(50, 8), torch.randn(50, 8), k=k)
    with pytest.raises(ValueError, match="k = 6 needs at least 6"):
        nearest(torch.randn(2, 8), torch.randn(5, 8), k=6)
    assert precision_recall(torch.randn(50, 8), torch.randn(50, 8), k=np.int64(3))["k"] == 3


def test_markdown_table_numbers_a_result_without_a_name():
    from ganlib.evaluation import markdown_table
    table = markdown_table([{"frechet_distance": 12.0, "kl_from_uniform": 0.01, "confidence": 0.9}])
    assert "| row 1 | 12.0 |" in table
    with pytest.raises(TypeError, match="row 1 is a str"):
        markdown_table(["gan"])


def test_class_counts_are_no_histogram_for_the_kl():
    from ganlib.evaluation import kl_from_uniform
    with pytest.raises(ValueError, match="summing to 1000: divide the counts by their total"):
        kl_from_uniform(torch.full((10,), 100.0))
    assert kl_from_uniform(torch.tensor([1.0] + [0.0] * 9)) == pytest.approx(np.log(10))


def test_the_toy_refuses_counts_it_cannot_use_and_films_one_frame():
    from ganlib.toy import ToyDiscriminator, ToyGenerator, film, modes_covered, ring_of_gaussians, train_toy
    G, D, real = ToyGenerator(), ToyDiscriminator(), ring_of_gaussians(512)
    for name, value in (("frame_every", 0), ("steps", -5), ("batch_size", 0)):
        with pytest.raises(ValueError, match=f"{name} must be a whole number"):
            train_toy(G, D, real, **{name: value})
    run = train_toy(G, D, real, steps=4, frame_every=2)
    assert len(film(run, real, columns=1).axes) == 1
    with pytest.raises(ValueError, match="columns must be a whole number, 1 or more"):
        film(run, real, columns=0)
    run.frames.clear()
    with pytest.raises(ValueError, match="no frames"):
        film(run, real)
    with pytest.raises(ValueError, match="needs points to judge"):
        modes_covered(torch.empty(0, 2))


def test_the_explorer_names_a_digit_or_a_coordinate_that_does_not_exist():
    from ganlib.course.explorer import LatentExplorer
    with pytest.raises(ValueError, match="digit must be a class number from 0 to 9"):
        LatentExplorer("cdcgan", digit=12).figure()
    with pytest.raises(ValueError, match="dims must be coordinates of the noise vector, 0 to 99"):
        LatentExplorer("dcgan", dims=(200,)).figure()


def test_plot_d_outputs_and_show_gif_say_what_they_take(tmp_path, monkeypatch):
    from ganlib.pictures import plot_d_outputs, save_gif, show_gif
    with pytest.raises(TypeError, match="plot_d_outputs takes the History"):
        plot_d_outputs({"d_real": [0.5]})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="no GIF at"):
        show_gif("runs/trainnig.gif")
    with pytest.raises(IsADirectoryError, match="is a folder"):
        show_gif(tmp_path)
    with pytest.raises(TypeError, match="path of a GIF file"):
        show_gif(object())
    frames = [torch.zeros(4, 1, 8, 8, dtype=torch.uint8)] * 3
    gif = save_gif(frames, torch.linspace(0, 2, 3), "g.gif")  # a tensor of epochs is numbers too
    assert show_gif(gif) is not None


def test_the_health_monitor_reads_one_name_and_names_an_unknown_loss():
    from ganlib.evaluation.health import HealthMonitor
    assert HealthMonitor(checks="diverged").checks == {"diverged"}
    with pytest.raises(ValueError, match="unknown loss 'wgan': choose one of"):
        HealthMonitor(loss="wgan")


def test_a_critic_estimate_that_dipped_below_zero_and_stays_low_is_no_win():
    from ganlib.evaluation.health import HealthMonitor
    from ganlib.loop import History
    history = History()
    monitor = HealthMonitor(history=history, loss="wgan-gp")
    for step, gap in [(0, 2.0), (10, 10.0), (20, 5.0), (30, -0.3)] + [(s, 1.2) for s in range(40, 400, 10)]:
        monitor.after_log(step, {"loss_d": -gap, "loss_g": 0.0, "d_real": gap / 2, "d_fake": -gap / 2})
    assert history.warnings == []


def test_a_critic_with_tanh_between_its_layers_gives_free_scores(capsys):
    from torch import nn
    from ganlib.course.objective_checks import check_critic

    def make_critic():
        return nn.Sequential(nn.Conv2d(1, 8, 4, 2, 1), nn.Tanh(), nn.Conv2d(8, 16, 4, 2, 1), nn.Tanh(), nn.Flatten(),
                             nn.Linear(16 * 7 * 7, 1), nn.Flatten(0))
    assert check_critic(make_critic)
    assert not check_critic(lambda: nn.Sequential(*make_critic()[:-1], nn.Tanh(), nn.Flatten(0)))
    assert "tanh" in capsys.readouterr().out


def test_data_and_nets_says_it_takes_a_config():
    from ganlib.course.runs import data_and_nets
    with pytest.raises(TypeError, match="data_and_nets takes a TrainConfig"):
        data_and_nets("gan")


# ---- tester round twelve ---------------------------------------------------------------------------------------

def test_a_frechet_distance_computed_in_float32_is_right(capsys):
    import scipy.linalg
    from ganlib.course.exercises import check_frechet_distance

    def my_frechet(mu1, sigma1, mu2, sigma2):
        mu1, sigma1, mu2, sigma2 = [a.astype(np.float32) for a in (mu1, sigma1, mu2, sigma2)]
        return float(((mu1 - mu2) ** 2).sum() + np.trace(sigma1 + sigma2 - 2 * scipy.linalg.sqrtm(sigma1 @ sigma2).real))
    assert check_frechet_distance(my_frechet)


def test_resuming_from_a_checkpoint_with_damaged_contents_says_so(tmp_path):
    import torch as t
    from ganlib import TrainConfig, build_nets, load_mnist, train
    from ganlib.checkpoints import CheckpointError, periodic_checkpoints
    images, _ = load_mnist(train=True)
    config = TrainConfig(variant="gan", checkpoint_dir=str(tmp_path), progress=False, smoke=True)
    G, D = build_nets("gan")
    train(G, D, images, None, config)
    newest = periodic_checkpoints(tmp_path)[0]
    payload = t.load(newest, weights_only=True)
    del payload["training_state"]["opt_g"]
    t.save(payload, newest)
    G, D = build_nets("gan")
    with pytest.raises(CheckpointError, match="its contents are damaged .*KeyError.*Move it"):
        train(G, D, images, None, config, resume=True)


def test_damaged_cifar10_files_are_called_damaged_not_missing(tmp_path):
    from ganlib.data import MissingDataError, load_cifar10
    folder = tmp_path / "cifar-10-batches-py"
    folder.mkdir()
    for name in ("data_batch_1", "batches.meta"):
        (folder / name).write_bytes(b"cut short")
    with pytest.raises(MissingDataError, match="there but damaged"):
        load_cifar10(root=tmp_path, download=False)


def test_guard_never_replaces_the_baseline_with_smoke_runs_or_some_variants(capsys, monkeypatch):
    from ganlib.course import cli
    from ganlib.course.guard import baseline_file
    before = baseline_file().read_bytes()
    assert cli.main(["bench", "guard", "--record"]) != 0
    assert "smoke mode" in capsys.readouterr().err
    monkeypatch.setattr(cli, "is_smoke", lambda: False)
    assert cli.main(["bench", "guard", "--record", "--variant", "gan"]) != 0
    assert "drop the others" in capsys.readouterr().err
    assert baseline_file().read_bytes() == before


def test_bench_json_never_replaces_a_file(tmp_path, capsys):
    from ganlib.course.cli import main
    existing = tmp_path / "summary.json"
    existing.write_text('{"steps": 3}')
    assert main(["bench", "data", "--seconds", "1", "--json", str(existing)]) != 0
    assert "exists already" in capsys.readouterr().err and existing.read_text() == '{"steps": 3}'


def test_small_arguments_read_as_meant():
    from ganlib import image_grid, seed_everything
    from ganlib.evaluation import format_report, reference_values
    from ganlib.latent import interpolate, walk
    with pytest.raises(ValueError, match="channel axis, images\\[:, None\\]"):
        image_grid(torch.zeros(10, 28, 28, dtype=torch.uint8))
    z0, z1 = torch.randn(100), torch.randn(100)
    with pytest.raises(TypeError, match="spherical must be True or False"):
        interpolate(z0, z1, 5, spherical="False")
    with pytest.raises(ValueError, match="6.55e\\+04"):
        walk(z0.half(), 3, [1e5])
    with pytest.raises(TypeError, match="format_report takes the dict"):
        format_report({})
    with pytest.raises(ValueError, match="no referee named 'svhn'"):
        reference_values("svhn")
    assert reference_values("MNIST") == reference_values("mnist")
    seed_everything(np.int64(3))
    for bad in ("3", 2.5, True, -1):
        with pytest.raises(ValueError, match="a seed is a whole number"):
            seed_everything(bad)


def test_the_metrics_take_numpy_arrays_and_lists_and_refuse_the_rest_in_one_line():
    rng = np.random.default_rng(0)
    probs, labels, features = rng.dirichlet(np.ones(10), 40), np.arange(40) % 10, rng.normal(size=(40, 4))
    as_tensor = torch.from_numpy(probs)
    assert ev.class_histogram(probs).tolist() == ev.class_histogram(as_tensor).tolist()
    assert ev.conditional_accuracy(probs, labels) == ev.conditional_accuracy(as_tensor, torch.from_numpy(labels))
    assert ev.conditional_accuracy(probs.tolist(), labels.tolist()) == ev.conditional_accuracy(probs, labels)
    assert ev.mean_confidence(probs) == pytest.approx(ev.mean_confidence(as_tensor))
    assert ev.inception_score(probs) == pytest.approx(ev.inception_score(as_tensor))
    mu, sigma = ev.feature_statistics(features)
    assert ev.frechet_distance(mu.tolist(), sigma.tolist(), torch.from_numpy(mu), sigma) == pytest.approx(0, abs=1e-6)
    assert ev.precision_recall(features, features[::-1])["precision"] == 1.0  # a flipped array too
    assert ev.nearest(features[:3].tolist(), features)[1].tolist() == [0, 1, 2]
    assert ev.halved_to_referee_size(np.zeros((2, 3, 64, 64), np.uint8)).shape == (2, 3, 32, 32)
    for call, words in [
        (lambda: ev.inception_score(np.log(probs)), "softmax"),  # logits (or log-probabilities) are not probabilities
        (lambda: ev.class_histogram(probs[0]), "shape (10,)"),
        (lambda: ev.conditional_accuracy(probs, labels[:5]), "one label per row"),
        (lambda: ev.mean_confidence(None), "got a NoneType"),
        (lambda: ev.feature_statistics(features[:1]), "2 or more images"),
        (lambda: ev.frechet_distance(np.zeros(2), np.eye(2), np.zeros(3), np.eye(3)), "got 2 and 3 features"),
        (lambda: ev.frechet_distance(np.zeros(2), np.eye(3), np.zeros(2), np.eye(2)), "(d, d) covariance"),
        (lambda: ev.frechet_distance("mu", None, np.zeros(2), np.eye(2)), "feature_statistics gives them"),
        (lambda: ev.precision_recall(features, features[:, :3]), "got 4 and 3 values"),
        (lambda: ev.nearest(features, "x"), "got a str"),
    ]:
        with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
            call()


def test_losses_take_numpy_and_lists_and_the_core_refuses_what_is_no_net():
    logits = torch.tensor([0.5, -1.0, 2.0])
    assert float(generator_loss(logits.numpy())) == pytest.approx(float(generator_loss(logits)))
    assert float(discriminator_loss(logits.tolist(), [0.0, 0.0, 1.0])) == pytest.approx(
        float(discriminator_loss(logits, torch.tensor([0.0, 0.0, 1.0]))))
    assert float(hinge_discriminator_loss(real_logits=np.ones(3), fake_logits=-np.ones(3))) == 0.0  # named too
    assert float(class_loss(np.zeros((4, 10)), np.arange(4))) == pytest.approx(np.log(10))
    assert to_uint8(np.array([[-1.0, 0.0, 1.0]])).tolist() == [[0, 128, 255]]
    for call, words in [(lambda: generator_loss(None), "generator_loss takes D's outputs"),
                        (lambda: discriminator_loss(logits, "fake"), "discriminator_loss takes"),
                        (lambda: to_uint8(None), "to_uint8 takes a generator's images"),
                        (lambda: fixed_inputs(np.zeros(3)), "fixed_inputs needs one of the course's generators"),
                        (lambda: train_step(None, None, None, None, None), "train_step needs one of the course's")]:
        with pytest.raises(ValueError, match=words):
            call()
    G, D = build_nets("gan")
    with pytest.raises(ValueError, match="batch of images as a tensor"):
        train_step(G, D, None, None, np.zeros((4, 1, 28, 28)))
