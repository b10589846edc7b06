"""The objectives beyond the non-saturating loss (issue 33): the hinge loss, WGAN-GP's critic and gradient penalty,
and spectral normalisation, trained by the one loop, saved, resumed exactly, and watched by the health checks."""
import json
import math

import pytest
import torch
from torch import nn

from ganlib import TrainConfig, build_nets, load_checkpoint, save_checkpoint, seed_everything, train
from ganlib.__main__ import main
from ganlib.evaluation.health import HealthMonitor
from ganlib.loop import History
from ganlib.losses import (LOSSES, critic_loss, gradient_penalty, hinge_discriminator_loss, objective,
                           saturating_generator_loss, score_generator_loss)
from ganlib.nets import ConvDiscriminator, MLPDiscriminator
from ganlib.pictures import plot_d_outputs


def _data(n=256):
    g = torch.Generator().manual_seed(0)
    return torch.randint(0, 256, (n, 1, 28, 28), dtype=torch.uint8, generator=g), torch.arange(n) % 10


def _config(**overrides):
    settings = dict(epochs=3, batch_size=32, log_every=1, progress=False, smoke=False)
    return TrainConfig(**{**settings, **overrides})


# ---------------------------------------------------------------------------------------------------------- losses
def test_the_hinge_loss_pushes_only_inside_its_margin():
    zero = torch.zeros(8)
    assert hinge_discriminator_loss(zero, zero).item() == pytest.approx(2.0)  # D unsure: 1 + 1
    beyond = hinge_discriminator_loss(torch.full((8,), 3.0), torch.full((8,), -2.0))
    assert beyond.item() == 0.0  # every image beyond its margin: nothing left to learn
    real = torch.tensor([0.5, 2.0], requires_grad=True)
    hinge_discriminator_loss(real, torch.full((2,), -5.0)).backward()
    assert real.grad.tolist() == [-0.5, 0.0]  # only the image inside the margin is pushed


def test_the_saturating_loss_is_log_of_one_minus_d():
    logits = torch.tensor([-6.0, 0.0, 2.0])
    assert saturating_generator_loss(logits).item() == pytest.approx(torch.log(1 - torch.sigmoid(logits)).mean().item())


def test_the_critic_and_generator_scores():
    real, fake = torch.tensor([3.0, 1.0]), torch.tensor([-1.0, 0.0])
    assert critic_loss(real, fake).item() == pytest.approx(-0.5 - 2.0)  # minus the estimated distance, 2.5
    assert score_generator_loss(fake).item() == pytest.approx(0.5)


class _Linear(nn.Module):
    """D(x) = <w, x>: its slope is ||w|| everywhere, so the gradient penalty is (||w|| - 1)^2 exactly."""

    def __init__(self, slope):
        super().__init__()
        self.w = nn.Parameter(torch.randn(1, 1, 28, 28))
        with torch.no_grad():
            self.w.mul_(slope / self.w.norm())

    def forward(self, x, y=None):
        return (x * self.w).flatten(1).sum(1)


@pytest.mark.parametrize("slope, penalty", [(1.0, 0.0), (3.0, 4.0), (0.5, 0.25)])
def test_the_gradient_penalty_holds_the_slope_at_one(slope, penalty):
    real, fake = torch.rand(16, 1, 28, 28), torch.rand(16, 1, 28, 28)
    D = _Linear(slope)
    value = gradient_penalty(D, real, fake)
    assert value.item() == pytest.approx(penalty, abs=1e-4)
    value.backward()  # the penalty trains D: its gradient reaches D's weights (a double backward)
    if penalty:
        assert D.w.grad.abs().sum() > 0


def test_the_gradient_penalty_with_a_loss_scale_is_the_same_penalty():
    real, fake = torch.rand(8, 1, 28, 28), torch.rand(8, 1, 28, 28)
    torch.manual_seed(1)
    plain = gradient_penalty(_Linear(2.0), real, fake)
    torch.manual_seed(1)
    scaled = gradient_penalty(_Linear(2.0), real, fake, loss_scale=1024.0)
    assert scaled.item() == pytest.approx(plain.item(), rel=1e-5)


def test_an_unknown_objective_is_named():
    with pytest.raises(ValueError, match="unknown loss 'wgan'.*non-saturating, saturating, hinge, wgan-gp"):
        objective("wgan")
    with pytest.raises(ValueError, match="unknown loss"):
        TrainConfig(loss="wasserstein")
    assert set(LOSSES) == {"non-saturating", "saturating", "hinge", "wgan-gp"}


# ---------------------------------------------------------------------------------------------------------- config
def test_wgan_gp_gets_its_papers_recipe_unless_told_otherwise():
    config = TrainConfig(variant="dcgan", loss="wgan-gp")
    assert (config.lr_g, config.lr_d, config.betas, config.critic_steps, config.gp_weight, config.r1_gamma) == \
           (1e-4, 1e-4, (0.0, 0.9), 5, 10.0, 0.0)
    mine = TrainConfig(variant="dcgan", loss="wgan-gp", critic_steps=2, gp_weight=5.0, lr_d=3e-4)
    assert (mine.critic_steps, mine.gp_weight, mine.lr_d, mine.lr_g) == (2, 5.0, 3e-4, 1e-4)
    plain = TrainConfig(variant="dcgan")
    assert (plain.betas, plain.critic_steps, plain.gp_weight, plain.r1_gamma) == ((0.5, 0.999), 1, 0.0, 1.0)


def test_a_critic_without_a_slope_limit_is_refused():
    with pytest.raises(ValueError, match="needs a limit on the critic's slope"):
        TrainConfig(loss="wgan-gp", gp_weight=0)
    assert TrainConfig(loss="wgan-gp", gp_weight=0, spectral_norm=True).gp_weight == 0  # SN limits it instead
    with pytest.raises(ValueError, match="gp_weight must be a number, 0 or more"):
        TrainConfig(gp_weight=-1)
    with pytest.raises(ValueError, match="critic_steps must be a positive"):
        TrainConfig(critic_steps=0)
    with pytest.raises(ValueError, match="spectral_norm must be True or False"):
        TrainConfig(spectral_norm="yes")


def test_a_checkpoints_old_config_still_loads():
    """A config saved before the objectives existed (betas as a list, no loss) is the non-saturating recipe."""
    old = TrainConfig(variant="dcgan").to_dict()
    for name in ("loss", "spectral_norm", "gp_weight", "critic_steps"):
        del old[name]
    config = TrainConfig.from_dict(old)
    assert (config.loss, config.critic_steps, config.betas) == ("non-saturating", 1, (0.5, 0.999))


# ---------------------------------------------------------------------------------------------------------- nets
def test_a_wgan_critic_has_no_batch_norm_and_spectral_norm_replaces_it():
    _, critic = build_nets("dcgan", critic=True)
    assert not any(isinstance(m, nn.BatchNorm2d) for m in critic.modules())
    _, plain = build_nets("dcgan")
    assert any(isinstance(m, nn.BatchNorm2d) for m in plain.modules())
    for variant in ("gan", "dcgan", "cdcgan"):
        _, D = build_nets(variant, spectral_norm=True)
        layers = [m for m in D.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]
        assert layers and all(torch.nn.utils.parametrize.is_parametrized(m, "weight") for m in layers)
        assert not any(isinstance(m, nn.BatchNorm2d) for m in D.modules())


@pytest.mark.parametrize("make", [lambda: ConvDiscriminator(spectral_norm=True), lambda: MLPDiscriminator(spectral_norm=True)])
def test_spectral_norm_holds_every_layers_largest_stretch_at_one(make):
    torch.manual_seed(0)
    D = make().train()
    for _ in range(30):  # each forward pass in training mode runs one power iteration
        D(torch.randn(4, 1, 28, 28))
    for module in D.modules():
        if isinstance(module, (nn.Linear, nn.Conv2d)):
            sigma = torch.linalg.matrix_norm(module.weight.detach().flatten(1), ord=2).item()
            assert sigma == pytest.approx(1.0, abs=0.05)


def test_a_spectrally_normalised_critic_is_saved_and_loaded(tmp_path):
    G, D = build_nets("cdcgan", spectral_norm=True)
    D(torch.randn(4, 1, 28, 28), torch.arange(4))
    path = save_checkpoint(tmp_path / "c.pt", G, D, History(), TrainConfig(variant="cdcgan", spectral_norm=True))
    _, D2, _ = load_checkpoint(path)
    D.eval(), D2.eval()
    x, y = torch.randn(3, 1, 28, 28), torch.arange(3)
    assert torch.equal(D(x, y), D2(x, y))


# ---------------------------------------------------------------------------------------------------------- training
@pytest.mark.parametrize("variant, settings", [
    ("gan", {"loss": "hinge"}),
    ("dcgan", {"loss": "hinge", "spectral_norm": True}),
    ("dcgan", {"loss": "wgan-gp"}),
    ("cdcgan", {"loss": "wgan-gp", "critic_steps": 2, "class_weight": 1.0}),
    ("cgan", {"loss": "non-saturating", "spectral_norm": True}),
])
def test_every_objective_trains_through_the_one_loop(variant, settings):
    seed_everything(0)
    config = _config(variant=variant, max_steps=6, epochs=30, **settings)
    G, D = build_nets(variant, critic=config.loss == "wgan-gp", spectral_norm=config.spectral_norm)
    before = [p.clone() for p in G.parameters()]
    history = train(G, D, *_data(), config)
    assert history.step == list(range(1, 7)) and all(map(math.isfinite, history.loss_d + history.loss_g))
    assert history.d_outputs == ("probability" if config.loss == "non-saturating" else "score")
    assert any(not torch.equal(a, b) for a, b in zip(before, G.parameters()))
    # each step takes critic_steps batches: one per D update
    assert history.images_seen == 6 * 32 * config.critic_steps


def test_a_wgan_gp_run_resumes_bit_for_bit(tmp_path):
    def fresh():
        seed_everything(0)
        return build_nets("dcgan", critic=True)

    settings = dict(variant="dcgan", loss="wgan-gp", critic_steps=2, epochs=3, checkpoint_every_epochs=1)
    G, D = fresh()
    straight = train(G, D, *_data(), _config(checkpoint_dir=str(tmp_path / "a"), **settings))
    expected = [t.clone() for net in (G, D) for t in net.state_dict().values()]
    G, D = fresh()
    train(G, D, *_data(), _config(checkpoint_dir=str(tmp_path / "b"), max_steps=5, **settings))
    G, D = fresh()
    resumed = train(G, D, *_data(), _config(checkpoint_dir=str(tmp_path / "b"), **settings), resume=True)
    assert all(torch.equal(a, b) for a, b in zip(expected, [t for net in (G, D) for t in net.state_dict().values()]))
    assert resumed.loss_d == straight.loss_d


def test_a_step_that_cannot_honour_the_objective_is_refused_before_training():
    def my_step(G, D, opt_g, opt_d, x, y=None):
        raise AssertionError("never called")

    G, D = build_nets("gan")
    with pytest.raises(TypeError, match="config.loss is 'hinge'.*no loss parameter"):
        train(G, D, *_data(), _config(loss="hinge"), step=my_step)
    with pytest.raises(TypeError, match="config.critic_steps is 5"):
        train(G, D, *_data(), _config(loss="wgan-gp"), step=lambda G, D, opt_g, opt_d, x, y=None, loss="", gp_weight=0: {})


def test_the_command_line_trains_saves_and_resumes_each_objective(tmp_path, capsys):
    run = tmp_path / "w"
    assert main(["train", "dcgan", "--loss", "wgan-gp", "--critic-steps", "2", "--gp-weight", "5", "--max-steps", "3",
                 "--out", str(run), "--no-progress"]) == 0
    config = json.loads((run / "summary.json").read_text())["config"]
    assert (config["loss"], config["critic_steps"], config["gp_weight"], config["betas"]) == ("wgan-gp", 2, 5.0, [0.0, 0.9])
    assert main(["train", "dcgan", "--max-steps", "5", "--resume", str(run), "--no-progress"]) == 0
    assert json.loads((run / "summary.json").read_text())["config"]["loss"] == "wgan-gp"  # the run's own objective
    assert main(["train", "dcgan", "--loss", "hinge", "--spectral-norm", "--max-steps", "2", "--out",
                 str(tmp_path / "h"), "--no-progress"]) == 0
    assert json.loads((tmp_path / "h" / "summary.json").read_text())["config"]["spectral_norm"] is True
    assert main(["sample", "--from", str(tmp_path / "h" / "checkpoint.pt"), "--out", str(tmp_path / "s.png")]) == 0
    capsys.readouterr()
    assert main(["train", "dcgan", "--loss", "wgan-gp", "--gp-weight", "0", "--out", str(tmp_path / "x")]) == 2
    assert "needs a limit on the critic's slope" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


# ---------------------------------------------------------------------------------------------------------- health
def _watch(loss, values_at):
    history = History()
    monitor = HealthMonitor(history=history, loss=loss)
    for step in range(1, 600):
        monitor.after_log(step, values_at(step))
    return history.warnings


def _values(loss_d=1.0, d_real=0.5, d_fake=0.5):
    return {"loss_d": loss_d, "loss_g": 1.0, "d_real": d_real, "d_fake": d_fake}


def test_a_hinge_d_has_won_when_every_image_is_beyond_its_margin(capsys):
    assert _watch("hinge", lambda s: _values(loss_d=0.01, d_real=2.5, d_fake=-2.5)) == ["discriminator_won"]
    assert "beyond the hinge's margin" in capsys.readouterr().err
    # scores far below 0.05 are no verdict for a hinge D (the non-saturating rule would fire on them)
    assert _watch("hinge", lambda s: _values(loss_d=0.8, d_real=0.6, d_fake=-0.7)) == []


def test_a_wasserstein_critic_has_won_when_its_distance_estimate_grows_again(capsys):
    falling = lambda s: _values(loss_d=-10.0 / s, d_real=5.0 / s + 0.2, d_fake=-5.0 / s)  # a healthy run: it shrinks
    assert _watch("wgan-gp", falling) == []
    # early on the estimate climbs while the critic learns: no verdict
    learning = lambda s: _values(d_real=min(s, 300) / 10, d_fake=0.0)
    assert _watch("wgan-gp", learning) == []
    # it peaks at 5, shrinks to 0.5 (G caught up), then the fakes drift away: the estimate climbs to 4
    rising = lambda s: _values(d_real=5.0 if s < 50 else 0.5 if s < 100 else 4.0, d_fake=0.0)
    assert _watch("wgan-gp", rising) == ["discriminator_won"]
    assert "moving away from the data" in capsys.readouterr().err


def test_the_score_curves_are_drawn_without_the_probability_band():
    history = History(step=[1, 2, 3], epoch=[0.1, 0.2, 0.3], loss_d=[1, 1, 1], loss_g=[1, 1, 1], d_real=[3.0, 4.0, 5.0],
                      d_fake=[-3.0, -4.0, -5.0], d_outputs="score")
    ax = plot_d_outputs(history).axes[0]
    assert ax.get_ylim()[1] > 4 and "score" in ax.get_ylabel()


def test_resuming_with_other_nets_names_the_settings_that_differ(tmp_path, capsys):
    """A run resumed with another --width is refused, and the message says which setting differs, there and here;
    another --loss is refused by name."""
    run = tmp_path / "r"
    assert main(["train", "dcgan", "--max-steps", "2", "--out", str(run), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["train", "dcgan", "--width", "16", "--max-steps", "3", "--resume", str(run), "--no-progress"]) != 0
    said = capsys.readouterr().err
    assert "width 32 there, 16 here" in said and "another folder" in said
    assert main(["train", "dcgan", "--loss", "wgan-gp", "--max-steps", "3", "--resume", str(run), "--no-progress"]) != 0
    assert "trained with the non-saturating objective" in capsys.readouterr().err


def test_settings_that_live_in_the_nets_must_be_in_them():
    """TrainConfig(spectral_norm=True) cannot add spectral normalisation to a D built without it, nor take batch
    norm out of a WGAN-GP critic: train refuses, and says how to build the nets, instead of another experiment."""
    images = torch.randint(0, 256, (16, 1, 28, 28), dtype=torch.uint8)
    for settings, words in (({"loss": "hinge", "spectral_norm": True}, "this D has no spectral normalisation"),
                            ({"loss": "wgan-gp"}, "needs a critic without batch norm")):
        G, D = build_nets("dcgan")
        with pytest.raises(ValueError, match=words):
            train(G, D, images, config=TrainConfig(variant="dcgan", max_steps=1, batch_size=8, **settings))
    G, D = build_nets("dcgan", critic=True, spectral_norm=True)  # what the refusals advise trains
    train(G, D, images, config=TrainConfig(variant="dcgan", loss="wgan-gp", gp_weight=0, spectral_norm=True,
                                           max_steps=1, batch_size=8, critic_steps=1, progress=False))
