"""Nothing silently wrong, tester round sixteen of issue 35: a student's step that returns odd numbers, leaves a net in
eval mode or is a functools.partial; the referee and the metrics called from a notebook; save_checkpoint with its
arguments mixed up; text where True/False belong; the tutor's words for swapped BCE arguments, a later D block and R1
without create_graph; and, from the command line, export over another variant's shipped file or with a stale
summary, a read-only output file, the command a resumed run keeps, and Ctrl-C during the last step.
"""
import functools
import json
import os
import signal
import stat

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from ganlib import TrainConfig, build_nets, evaluate_images, generate, noise, save_checkpoint, train, train_step
from ganlib.course import shipped
from ganlib.course.cli import main
from ganlib.course.exercises import check_block_shapes, check_discriminator_loss, check_frechet_distance
from ganlib.course.step_check import check_train_step
from ganlib.data import TensorBatches
from ganlib.evaluation import frechet_by_sample_count, judge, load_referee, reference_values, test_statistics
from ganlib.evaluation.tables import format_report
from ganlib.evaluation.verdict import frechet_between
from ganlib.files import atomic_write_text
from ganlib.pictures import history_gif

IMAGES = torch.randint(0, 256, (64, 1, 28, 28), dtype=torch.uint8)


def _one_line(capsys):
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def _train_with(step, tmp_path=None, **config):
    G, D = build_nets("gan")
    return train(G, D, IMAGES, config=TrainConfig(variant="gan", epochs=1, batch_size=16, **config), step=step)


@pytest.mark.parametrize("value, words", [(torch.tensor(1.0 + 2.0j), "complex64"), (torch.tensor(True), "torch.bool")])
def test_a_step_returning_no_real_number_is_told_so(value, words):
    def step(G, D, opt_g, opt_d, x, y=None):
        return {**train_step(G, D, opt_g, opt_d, x, y), "loss_d": value}
    with pytest.raises(TypeError, match=f"must be one real number.*{words}"):
        _train_with(step)


def test_a_step_returning_losses_with_their_graph_trains_without_a_warning(recwarn):
    def step(G, D, opt_g, opt_d, x, y=None):
        stats = train_step(G, D, opt_g, opt_d, x, y)
        return {**stats, "loss_g": stats["loss_g"].clone().requires_grad_()}
    history = _train_with(step)
    assert len(history.loss_g) and not [w for w in recwarn if "requires_grad" in str(w.message)]


def test_a_step_that_leaves_g_in_eval_mode_is_stopped_in_a_sentence():
    def step(G, D, opt_g, opt_d, x, y=None):
        stats = train_step(G, D, opt_g, opt_d, x, y)
        G.eval()
        return stats
    with pytest.raises(ValueError, match=r"left G in eval mode \(G.eval\(\)\)"):
        _train_with(step)


def test_a_partial_step_is_named_by_its_function():
    def my_step(G, D, opt_g, opt_d, x, y=None, scale=1.0):
        return train_step(G, D, opt_g, opt_d, x, y)
    G, D = build_nets("dcgan")
    with pytest.raises(TypeError, match=r"your step my_step\(\) has no r1_gamma parameter"):
        train(G, D, torch.randint(0, 256, (64, 1, 28, 28), dtype=torch.uint8),
              config=TrainConfig(variant="dcgan", epochs=1, batch_size=16), step=functools.partial(my_step, scale=2.0))


def test_the_referee_called_from_a_notebook_says_what_it_takes():
    model, _ = load_referee("MNIST")  # its name in capitals is mnist
    with pytest.raises(TypeError, match=r"load_referee\(name\)\[0\]"):
        judge(load_referee("mnist"), IMAGES)
    with pytest.raises(ValueError, match="batch_size must be a whole number"):
        judge(model, IMAGES, batch_size=0)
    with pytest.raises(ValueError, match=r"images\[:, None\]"):
        judge(model, IMAGES[:, 0])
    features, _ = judge(model, IMAGES.numpy())  # a NumPy batch is unambiguous
    assert features.shape[0] == 64
    for call in (lambda: load_referee("svhn"), lambda: test_statistics("svhn"), lambda: reference_values("svhn")):
        with pytest.raises(ValueError, match="no referee named 'svhn'"):
            call()
    assert test_statistics("MNIST")["mu"].shape == (64,)


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_evaluate_images_on_a_missing_device_says_so_in_a_sentence():
    with pytest.raises(ValueError, match="'cuda' is not available on this machine: leave the device out"):
        evaluate_images(IMAGES, device="cuda")
    with pytest.raises(ValueError) as error:
        noise(4, 100, device="cuda")
    assert "--device" not in str(error.value)


def test_metrics_called_with_odd_arguments_say_what_they_take():
    with pytest.raises(TypeError, match="one tensor or NumPy array of images"):
        frechet_between([IMAGES[0], IMAGES[1]], IMAGES)
    with pytest.raises(TypeError, match="title must be text"):
        format_report({"n": 4, "referee": "mnist"}, title=None)
    features, stats = torch.randn(300, 64), test_statistics("mnist")
    with pytest.raises(ValueError, match="from 2 to the 300 feature rows"):
        frechet_by_sample_count(features, stats, [300, 5000])
    with pytest.raises(TypeError, match="counts must be a list"):
        frechet_by_sample_count(features, stats, 100)
    with pytest.raises(TypeError, match="stats must be a dict"):
        frechet_by_sample_count(features, (stats["mu"], stats["sigma"]), [100])
    assert len(frechet_by_sample_count(features, stats, [100, 300])) == 2


def test_noise_given_a_net_asks_for_its_latent_dim():
    G, _ = build_nets("gan")
    with pytest.raises(ValueError, match=r"noise\(n, G.latent_dim\)") as error:
        noise(8, G)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("flag", ["critic", "spectral_norm"])
def test_build_nets_refuses_text_where_true_or_false_belongs(flag):
    with pytest.raises(TypeError, match=f"{flag} must be True or False"):
        build_nets("dcgan", **{flag: "False"})
    build_nets("dcgan", **{flag: np.bool_(False)})


def test_tensor_batches_say_what_they_take():
    with pytest.raises(ValueError, match="batch_size must be a whole number, 1 or more"):
        TensorBatches(IMAGES, None, 0)
    batches = TensorBatches(IMAGES.numpy(), list(range(64)), 16)  # unambiguous: accepted
    assert len(batches) == 4


def test_generate_takes_one_class_number_for_every_image():
    G, _ = build_nets("cgan")
    assert generate(G, noise(4, G.latent_dim), 3).shape == (4, 1, 28, 28)


def test_save_checkpoint_with_its_arguments_mixed_up(tmp_path):
    G, D = build_nets("gan")
    with pytest.raises(ValueError, match="G and D are swapped"):
        save_checkpoint(tmp_path / "c.pt", D, G)
    with pytest.raises(TypeError, match="the file's path first"):
        save_checkpoint(G, D, tmp_path / "c.pt")
    with pytest.raises(TypeError, match="history must be the History itself"):
        save_checkpoint(tmp_path / "c.pt", G, D, history={"loss_d": []})
    assert not (tmp_path / "c.pt").exists()


def test_train_refuses_text_for_resume():
    G, D = build_nets("gan")
    with pytest.raises(TypeError, match="resume must be True or False"):
        train(G, D, IMAGES, config=TrainConfig(variant="gan", epochs=1), resume="False")


def test_history_gif_takes_its_own_columns(tmp_path):
    history = _train_with(None)
    assert history_gif(history, tmp_path / "g.gif", columns=4).is_file()
    history.snapshot_epochs.pop()
    with pytest.raises(ValueError, match="snapshots but"):
        history_gif(history, tmp_path / "h.gif")


def test_swapped_bce_arguments_in_ds_loss_are_named():
    def loss_d(real_logits, fake_logits):
        return (F.binary_cross_entropy_with_logits(torch.ones_like(real_logits), real_logits)
                + F.binary_cross_entropy_with_logits(torch.zeros_like(fake_logits), fake_logits))
    assert "arguments of binary_cross_entropy_with_logits are swapped" in check_discriminator_loss(loss_d).text


def test_a_later_d_block_may_hold_batch_norm_and_numpy_shapes_are_shapes():
    def down(c_in, c_out):
        return nn.Sequential(nn.Conv2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.LeakyReLU(0.2))
    assert check_block_shapes(down, (2, 32, 14, 14), (2, 64, 7, 7))
    assert check_block_shapes(down, np.array([2, 32, 14, 14]), np.array([2, 64, 7, 7]))
    assert "BatchNorm in D's first layer" in check_block_shapes(down, (2, 3, 14, 14), (2, 64, 7, 7)).text


def test_r1_without_create_graph_is_named_not_blamed_on_detaching():
    def bce(logits, target):
        return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))

    def step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
        fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
        opt_d.zero_grad()
        xr = x.detach().requires_grad_(True)
        real, fakes = D(xr, y), D(fake.detach(), y)
        loss_d = bce(real, 1) + bce(fakes, 0)
        g, = torch.autograd.grad(real.sum(), xr)
        (loss_d + r1_gamma / 2 * g.pow(2).flatten(1).sum(1).mean()).backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = bce(D(fake, y), 1)
        loss_g.backward()
        opt_g.step()
        return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(), d_real=torch.sigmoid(real).mean().detach(),
                    d_fake=torch.sigmoid(fakes).mean().detach())
    text = check_train_step(step, r1_gamma=1.0).text
    assert "create_graph=True" in text and "not detached" not in text


# ---- the command line --------------------------------------------------------------------------------------

@pytest.fixture
def dcgan_run(tmp_path, monkeypatch):
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    run = tmp_path / "run"
    assert main(["train", "dcgan", "--out", str(run), "--no-progress", "--max-steps", "2"]) == 0
    return run


def test_export_never_puts_one_variant_into_anothers_shipped_place(dcgan_run, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(shipped, "WEIGHTS_DIR", tmp_path)
    (tmp_path / "cdcgan.pt").write_bytes(b"shipped")
    capsys.readouterr()
    assert main(["export", str(dcgan_run), "--out", str(tmp_path / "cdcgan.pt"), "--force"]) == 2
    assert "shipped cdcgan generator's place" in _one_line(capsys)
    assert (tmp_path / "cdcgan.pt").read_bytes() == b"shipped"


def test_export_refuses_a_summary_of_another_step(dcgan_run, capsys):
    summary = json.loads((dcgan_run / "summary.json").read_text())
    summary["steps"] -= 1
    atomic_write_text(dcgan_run / "summary.json", json.dumps(summary))
    capsys.readouterr()
    assert main(["export", str(dcgan_run)]) == 2
    assert "stopped while it wrote its files" in _one_line(capsys)


def test_a_resumed_run_keeps_the_command_that_started_it(dcgan_run):
    first = json.loads((dcgan_run / "summary.json").read_text())["command"]
    assert main(["train", "dcgan", "--resume", str(dcgan_run), "--no-progress", "--max-steps", "3"]) == 0
    summary = json.loads((dcgan_run / "summary.json").read_text())
    assert summary["command"] == first and "--resume" in summary["resumed_with"][0]


def test_a_read_only_output_file_is_kept(tmp_path, capsys):
    kept = tmp_path / "kept.png"
    kept.write_bytes(b"mine")
    os.chmod(kept, 0o444)
    assert main(["sample", "gan", "--n", "4", "--out", str(kept)]) == 2
    assert "is read-only" in _one_line(capsys)
    assert kept.read_bytes() == b"mine" and stat.S_IMODE(kept.stat().st_mode) == 0o444


def test_a_ctrl_c_during_the_last_step_stops_the_command(monkeypatch, tmp_path):
    import ganlib.loop as loop
    real_snapshot = loop._snapshot

    sent = []

    def snapshot_then_ctrl_c(G, z, y, history, epoch, monitor=None):
        real_snapshot(G, z, y, history, epoch, monitor)
        if epoch == 1 and not sent:  # the last step's snapshot, inside the loop
            sent.append(os.kill(os.getpid(), signal.SIGINT))
    monkeypatch.setattr(loop, "_snapshot", snapshot_then_ctrl_c)
    G, D = build_nets("gan")
    with pytest.raises(KeyboardInterrupt, match="is saved"):
        train(G, D, IMAGES, config=TrainConfig(variant="gan", epochs=1, batch_size=64, checkpoint_dir=str(tmp_path)))
    assert (tmp_path / "checkpoints").is_dir() or any(tmp_path.iterdir())


def test_the_frechet_check_names_eigenvalues_that_rounding_made_negative():
    def frechet(mu1, sigma1, mu2, sigma2):  # the eigenvalue form, without clipping
        ev = np.linalg.eigvals(sigma1 @ sigma2)
        return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.sqrt(ev).real.sum())
    with np.errstate(all="ignore"):
        text = check_frechet_distance(frechet).text
    assert "slightly negative" in text and "clip the eigenvalues" in text


def test_noise_of_a_fixed_size_is_told_to_use_the_generators_latent_dim():
    def step(G, D, opt_g, opt_d, x, y=None):
        z = torch.randn(len(x), 100, device=x.device)  # 100 written in, not G.latent_dim
        return _fixed_noise_step(G, D, opt_g, opt_d, x, y, z)
    for conditional in (False, True):
        text = check_train_step(step, conditional=conditional).text
        assert "G.latent_dim" in text and "concatenat" not in text


def _fixed_noise_step(G, D, opt_g, opt_d, x, y, z):
    fake = G(z, y)
    opt_d.zero_grad()
    real, fakes = D(x, y), D(fake.detach(), y)
    loss_d = F.binary_cross_entropy_with_logits(real, torch.ones_like(real)) + \
        F.binary_cross_entropy_with_logits(fakes, torch.zeros_like(fakes))
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    out = D(fake, y)
    loss_g = F.binary_cross_entropy_with_logits(out, torch.ones_like(out))
    loss_g.backward()
    opt_g.step()
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(), d_real=torch.sigmoid(real).mean().detach(),
                d_fake=torch.sigmoid(fakes).mean().detach())
