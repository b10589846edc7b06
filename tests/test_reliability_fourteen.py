"""Nothing silently wrong, what tester round sixteen of issue 35 left: a folder's class names, kept with the generator
and said wherever a class number is; a gradient penalty that makes eps on the CPU (it stops on a GPU); and a stop
request during the last step, which leaves a finished run, not one to resume.
"""
import json
import os
import signal

import numpy as np
import pytest
import torch
from PIL import Image

from ganlib import TrainConfig, build_nets, load_checkpoint, save_checkpoint, train, train_step
from ganlib.course.cli import main
from ganlib.course.objective_checks import check_gradient_penalty
from ganlib.nets import nets_for_data
from ganlib.sampling import class_name, sample_images

ANIMALS = ("bird", "cat", "dog")


def _labelled(n=30, size=16):
    images = torch.randint(0, 256, (n, 3, size, size), dtype=torch.uint8)
    return images, torch.arange(n) % 3


# ---- a folder's class names ---------------------------------------------------------------------------------

def test_a_generator_keeps_the_names_of_its_classes_through_a_checkpoint(tmp_path):
    images, labels = _labelled()
    G, D = nets_for_data("cdcgan", images, labels, ANIMALS)
    assert G.class_names == ANIMALS and class_name(G, 1) == "class 1 (cat)"
    save_checkpoint(tmp_path / "c.pt", G, D)
    G2, _, _ = load_checkpoint(tmp_path / "c.pt")
    assert G2.class_names == ANIMALS
    with pytest.raises(ValueError, match="0 to 2 \\(0 bird, 1 cat, 2 dog\\)"):
        sample_images(G2, 4, digit=3)


def test_digits_need_no_names():
    images = torch.randint(0, 256, (20, 1, 28, 28), dtype=torch.uint8)
    G, _ = nets_for_data("cgan", images, torch.arange(20) % 10, tuple(str(d) for d in range(10)))
    assert G.class_names is None and "class_names" not in G.settings and class_name(G, 7) == "class 7"


def test_a_checkpoint_saved_before_names_existed_resumes_into_a_named_net(tmp_path, capsys):
    images, labels = _labelled()
    config = TrainConfig(variant="cdcgan", epochs=1, batch_size=10, checkpoint_dir=str(tmp_path), progress=False)
    G, D = build_nets("cdcgan", n_classes=3, image_shape=(3, 16, 16))
    train(G, D, images, labels, config)
    G, D = nets_for_data("cdcgan", images, labels, ANIMALS)
    train(G, D, images, labels, TrainConfig(**{**config.to_dict(), "epochs": 2}), resume=True)
    assert "Resuming from" in capsys.readouterr().out and G.class_names == ANIMALS


def test_the_command_line_says_which_number_is_which_class(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    rng = np.random.default_rng(0)
    for name in ANIMALS:
        (tmp_path / "imgs" / name).mkdir(parents=True)
        for i in range(8):
            Image.fromarray(rng.integers(0, 255, (16, 16, 3), dtype=np.uint8)).save(tmp_path / "imgs" / name / f"{i}.png")
    run = tmp_path / "run"
    assert main(["train", "cdcgan", "--data", str(tmp_path / "imgs"), "--image-size", "28", "--batch-size", "8",
                 "--max-steps", "2", "--out", str(run), "--no-progress"]) == 0
    assert "Its classes: 0 bird, 1 cat, 2 dog" in capsys.readouterr().out
    assert json.loads((run / "summary.json").read_text())["classes"] == list(ANIMALS)
    assert main(["sample", "--from", str(run), "--digit", "1", "--out", str(tmp_path / "cat.png")]) == 0
    assert "class 1 (cat)" in capsys.readouterr().out
    assert main(["sample", "--from", str(run), "--digit", "3", "--out", str(tmp_path / "x.png")]) == 2
    assert "0 bird, 1 cat, 2 dog" in capsys.readouterr().err


# ---- a gradient penalty made on the CPU ---------------------------------------------------------------------

def _penalty(make_eps, ones=torch.ones_like):
    def penalty(D, real, fake):
        eps = make_eps(real)
        x_hat = (eps * real + (1 - eps) * fake.detach()).requires_grad_(True)
        scores = D(x_hat)
        grad, = torch.autograd.grad(scores, x_hat, grad_outputs=ones(scores), create_graph=True)
        return ((grad.flatten(1).norm(2, dim=1) - 1) ** 2).mean()
    return penalty


@pytest.mark.parametrize("make_eps", [lambda real: torch.rand(len(real), 1, 1, 1, device=real.device),
                                      lambda real: torch.rand_like(real[:, :1, :1, :1]),
                                      lambda real: torch.rand(len(real), 1, 1, 1).to(real)])
def test_a_penalty_made_where_the_images_are_is_correct(make_eps):
    assert check_gradient_penalty(_penalty(make_eps)).ok


@pytest.mark.parametrize("penalty", [_penalty(lambda real: torch.rand(len(real), 1, 1, 1)),
                                     _penalty(lambda real: torch.rand_like(real[:, :1, :1, :1]),
                                              ones=lambda scores: torch.ones(scores.size()))])
def test_a_penalty_that_makes_a_tensor_on_the_cpu_is_told_it_stops_on_a_gpu(penalty):
    verdict = check_gradient_penalty(penalty)
    assert not verdict.ok and "device=real.device" in verdict.text and "on a GPU" in verdict.text


# ---- a stop request during the last step --------------------------------------------------------------------

def test_a_stop_during_the_last_step_leaves_a_finished_run(tmp_path):
    images = torch.randint(0, 256, (32, 1, 28, 28), dtype=torch.uint8)
    calls = []

    def step(G, D, opt_g, opt_d, x, y=None):
        calls.append(1)
        if len(calls) == 2:  # the last of two steps: SIGTERM or Ctrl-C arrives while it runs
            os.kill(os.getpid(), signal.SIGINT)
        return train_step(G, D, opt_g, opt_d, x, y)
    G, D = build_nets("gan")
    config = TrainConfig(variant="gan", epochs=1, batch_size=16, checkpoint_dir=str(tmp_path), progress=False)
    with pytest.raises(KeyboardInterrupt, match="finished 1 epoch and is saved.*writes the run's results"):
        train(G, D, images, config=config, step=step)
    _, _, payload = load_checkpoint(next(tmp_path.glob("*.pt")))
    assert payload["history"]["stop_reason"] == "finished 1 epoch"


# ---- tester round seventeen ---------------------------------------------------------------------------------

def test_nbgraders_stub_raise_not_implemented_error_reads_as_not_written_yet(capsys):
    from ganlib.course.exercises import check_generator_loss

    def my_generator_loss(fake_logits):
        raise NotImplementedError()
    verdict = check_generator_loss(my_generator_loss)
    assert not verdict.ok and verdict.text.startswith("not written yet") and "Traceback" not in capsys.readouterr().out


def test_a_builder_without_return_is_told_it_returned_nothing():
    from ganlib.course.objective_checks import check_critic

    def make_critic():
        torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 1))
    verdict = check_critic(make_critic)
    assert not verdict.ok and "make_critic() returned nothing (None)" in verdict.text


def test_an_answer_that_is_none_is_told_so():
    from ganlib.course.exercises import check_answer
    text = check_answer("loss_d_at_indifference", None).text
    assert "the answer is None" in text and "print" in text


def test_gif_names_both_files_it_wrote(tmp_path, monkeypatch, capsys):
    import ganlib.course.cli as cli

    def fake_gif(name, epochs, seed):
        (tmp_path / f"{name}_samples.png").write_bytes(b"png")
        (tmp_path / f"{name}.gif").write_bytes(b"gif")
        return tmp_path / f"{name}.gif"
    monkeypatch.setattr(cli, "course_gif", fake_gif)
    assert main(["gif", "dcgan"]) == 0
    assert "dcgan.gif" in (out := capsys.readouterr().out) and "dcgan_samples.png" in out


def test_a_folder_of_one_image_is_not_told_to_shrink_the_batch(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    (tmp_path / "one").mkdir()
    Image.fromarray(np.zeros((32, 32, 3), dtype=np.uint8)).save(tmp_path / "one" / "a.png")
    assert main(["train", "dcgan", "--data", str(tmp_path / "one"), "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert "holds 1 image" in err and "smaller --batch-size" not in err and "at least 2" in err
