"""Training-health warnings: each fires on a constructed failing run and stays silent on a healthy one."""
import pytest
import torch
from torch import nn

from ganlib import MLPDiscriminator, MLPGenerator, TrainConfig, build_nets, load_mnist, seed_everything, train
from ganlib.config import HEALTH_CHECKS
from ganlib.evaluation.health import HealthMonitor
from ganlib.loop import History


class ReplayGenerator(nn.Module):
    """A stand-in generator that replays real MNIST digits, chosen by its noise (and, if it listens, its label).

    It lets a test build a generator with a known behaviour: perfect, collapsed, or deaf to its label.
    """

    def __init__(self, images, labels, conditional=False, listens=True, collapsed=False):
        super().__init__()
        self.latent_dim, self.n_classes = 8, (10 if conditional else None)
        self.listens, self.collapsed = listens, collapsed
        self.register_buffer("images", images)  # buffers move with the net, so it runs on any device
        self.scale = nn.Parameter(torch.ones(()))  # something for the optimiser to hold
        self.by_class = [torch.nonzero(labels == c).squeeze(1).tolist() for c in range(10)]

    def forward(self, z, y=None):
        pick = (z[:, 0].abs() * 1e4).long().tolist()
        if self.collapsed:
            index = [0] * len(pick)
        elif self.n_classes and self.listens:
            index = [self.by_class[c][p % len(self.by_class[c])] for c, p in zip(y.tolist(), pick)]
        else:
            index = [p % len(self.images) for p in pick]
        return (self.images[torch.tensor(index, device=self.images.device)].float() / 127.5 - 1) * self.scale


@pytest.fixture(scope="module")
def digits():
    return load_mnist(train=False, smoke=False)


def _run(G, digits, **overrides):
    images, labels = digits[0][:1024], digits[1][:1024]
    D = MLPDiscriminator(n_classes=G.n_classes)
    settings = dict(epochs=2, batch_size=128, log_every=1, progress=False, smoke=False, snapshots_per_epoch=1,
                    latent_dim=G.latent_dim)
    return train(G, D, images, labels, TrainConfig(**{**settings, **overrides}))


def test_snapshot_checks_stay_silent_on_a_perfect_generator(digits):
    assert _run(ReplayGenerator(*digits), digits).warnings == []
    assert _run(ReplayGenerator(*digits, conditional=True), digits).warnings == []


def test_mode_collapse_fires_on_a_collapsed_generator(digits, capsys):
    history = _run(ReplayGenerator(*digits, collapsed=True), digits)
    assert history.warnings == ["mode_collapse"]  # once, though two snapshots qualified
    assert "possible mode collapse at epoch 1" in capsys.readouterr().err


def test_label_ignored_fires_on_a_generator_deaf_to_its_label(digits, capsys):
    history = _run(ReplayGenerator(*digits, conditional=True, listens=False), digits)
    assert history.warnings == ["label_ignored"]
    assert "ignore its label" in capsys.readouterr().err


def test_each_warning_can_be_switched_off(digits):
    checks = tuple(c for c in HEALTH_CHECKS if c != "mode_collapse")
    assert _run(ReplayGenerator(*digits, collapsed=True), digits, health_checks=checks).warnings == []
    with pytest.raises(ValueError, match="unknown health checks"):
        HealthMonitor(("mood",))


def test_discriminator_won_fires_when_fakes_are_always_caught(capsys):
    seed_everything(0)
    G, D = MLPGenerator(latent_dim=16, hidden=(32, 64)), MLPDiscriminator(hidden=(64, 32))  # small: the test is the rule
    images = torch.randint(0, 256, (512, 1, 28, 28), dtype=torch.uint8)
    # A generator that cannot learn (learning rate ~0) against a fast discriminator: D wins within steps.
    history = train(G, D, images, None, TrainConfig(epochs=80, batch_size=128, lr_g=1e-12, lr_d=1e-3, log_every=1,
                                                    latent_dim=16, max_steps=260, progress=False, smoke=False))
    assert "discriminator_won" in history.warnings
    assert "the discriminator has won" in capsys.readouterr().err


@pytest.mark.parametrize("loss, says, never", [
    ("saturating", "gradient has all but vanished", "strong gradient"),
    ("non-saturating", "still gets a strong gradient", "vanished"),
    ("hinge", "D learns nothing more", "gradient has"),
])
def test_discriminator_won_says_what_the_generator_gets_under_its_own_loss(capsys, loss, says, never):
    # The non-saturating loss was made for this case: its gradient is large where D(G(z)) is near 0.
    monitor = HealthMonitor(history=History(), loss=loss)
    for step in range(1, 300):
        monitor.after_log(step, {"loss_d": 0.01, "loss_g": 5.0, "d_real": 0.99, "d_fake": 0.01})
    text = capsys.readouterr().err
    assert "the discriminator has won" in text and says in text and never not in text
    assert "learns little" not in text


def test_discriminator_won_stays_silent_while_d_is_unsure():
    history = History()
    monitor = HealthMonitor(history=history)
    for step in range(1, 1000):
        d_fake = 0.3 if step % 150 else 0.01  # brief dips are no verdict
        monitor.after_log(step, {"loss_d": 1.0, "loss_g": 1.0, "d_real": 0.6, "d_fake": d_fake})
    assert history.warnings == []
