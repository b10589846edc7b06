"""The one training loop: what a step changes, what it leaves alone, and how a run stops."""
import math

import pytest
import torch

from ganlib import TrainConfig, build_nets, seed_everything, train
from ganlib.step import discriminator_step, generator_step, make_optimizers, train_step


def _setup(variant="gan", seed=0):
    torch.manual_seed(seed)
    G, D = build_nets(variant)
    opt_g, opt_d = make_optimizers(G, D, TrainConfig(smoke=False))
    x = torch.rand(16, 1, 28, 28) * 2 - 1
    y = torch.randint(0, 10, (16,))
    return G, D, opt_g, opt_d, x, y


def _copy(net):
    return [p.detach().cpu().clone() for p in net.parameters()]  # on the CPU, wherever training ran


def _all_changed(before, net):
    return all(not torch.equal(a, b) for a, b in zip(before, net.parameters()))


def _unchanged(before, net):
    return all(torch.equal(a, b) for a, b in zip(before, net.parameters()))


@pytest.mark.parametrize("variant", ["gan", "cgan", "dcgan", "cdcgan"])
def test_one_step_changes_both_nets(variant):
    G, D, opt_g, opt_d, x, y = _setup(variant)
    g0, d0 = _copy(G), _copy(D)
    stats = train_step(G, D, opt_g, opt_d, x, y)
    assert _all_changed(g0, G) and _all_changed(d0, D)
    assert set(stats) == {"loss_d", "loss_g", "d_real", "d_fake"}
    assert all(math.isfinite(v.item()) for v in stats.values())
    assert 0 <= stats["d_real"].item() <= 1 and 0 <= stats["d_fake"].item() <= 1


def test_discriminator_step_leaves_the_generator_alone():
    G, D, opt_g, opt_d, x, y = _setup()
    g0, d0 = _copy(G), _copy(D)
    fake = G(torch.randn(16, G.latent_dim))
    discriminator_step(D, opt_d, x, fake)
    assert all(p.grad is None for p in G.parameters()), "the fakes must be detached in D's update"
    assert _unchanged(g0, G) and _all_changed(d0, D)


def test_generator_step_leaves_the_discriminator_alone():
    G, D, opt_g, opt_d, x, y = _setup()
    g0, d0 = _copy(G), _copy(D)
    fake = G(torch.randn(16, G.latent_dim))
    generator_step(D, opt_g, fake)
    assert all(p.grad is None for p in D.parameters()), "D must be frozen in G's update"
    assert all(p.requires_grad for p in D.parameters()), "D must be unfrozen afterwards"
    assert _unchanged(d0, D) and _all_changed(g0, G)


def _tiny_data(n=256):
    g = torch.Generator().manual_seed(0)
    return torch.randint(0, 256, (n, 1, 28, 28), dtype=torch.uint8, generator=g), torch.arange(n) % 10


def test_train_records_history_and_snapshots():
    images, labels = _tiny_data()
    G, D = build_nets("cgan")
    config = TrainConfig(variant="cgan", epochs=2, batch_size=32, log_every=2, snapshots_per_epoch=2,
                         progress=False, smoke=False)
    history = train(G, D, images, labels, config)
    assert history.step == list(range(2, 17, 2))  # 8 steps per epoch, logged every 2
    assert len(history.loss_d) == len(history.loss_g) == len(history.d_real) == len(history.d_fake) == 8
    assert history.snapshot_epochs == [0.0, 0.5, 1.0, 1.5, 2.0]
    assert all(s.shape == (80, 1, 28, 28) and s.dtype == torch.uint8 for s in history.snapshots)  # 10 rows x 8
    assert history.images_seen == 16 * 32 and history.stop_reason == "finished 2 epochs"


def test_train_is_repeatable_with_the_same_seed():
    images, labels = _tiny_data()
    runs = []
    for _ in range(2):
        seed_everything(0)  # the seed decides the initial weights too
        G, D = build_nets("gan")
        train(G, D, images, labels, TrainConfig(epochs=1, batch_size=32, progress=False, smoke=False))
        runs.append(_copy(G))
    assert all(torch.equal(a, b) for a, b in zip(*runs))


def test_ema_hands_back_the_average_of_the_generators_weights():
    images, labels = _tiny_data()
    seed_everything(0)
    G, D = build_nets("gan")
    start = _copy(G)
    config = TrainConfig(epochs=1, batch_size=32, ema_decay=0.5, progress=False, smoke=False)
    train(G, D, images, labels, config)
    averaged = _copy(G)
    seed_everything(0)
    G_raw, D_raw = build_nets("gan")
    train(G_raw, D_raw, images, labels, TrainConfig(epochs=1, batch_size=32, ema_decay=0, progress=False,
                                                    smoke=False))
    raw = _copy(G_raw)
    # The average differs from both the starting weights and the raw end point.
    assert not torch.equal(averaged[0], raw[0]) and not torch.equal(averaged[0], start[0])
    with pytest.raises(ValueError, match=r"ema_decay must be a number in \[0, 1\)"):
        TrainConfig(ema_decay=1.5)


def test_train_stops_at_the_time_budget():
    images, labels = _tiny_data()
    G, D = build_nets("gan")
    config = TrainConfig(epochs=50, batch_size=32, minutes=1e-6, progress=False, smoke=False)
    history = train(G, D, images, labels, config)
    assert history.images_seen == 32 and "time budget" in history.stop_reason
    assert history.snapshot_epochs[-1] == round(1 / 8, 2)  # the last state is always snapshotted


def test_train_stops_when_losses_diverge():
    images, labels = _tiny_data()
    G, D = build_nets("gan")
    with torch.no_grad():
        D.out.bias.fill_(float("nan"))  # a discriminator that has already blown up
    history = train(G, D, images, labels, TrainConfig(epochs=1, batch_size=32, log_every=1,
                                                      progress=False, smoke=False))
    assert history.step == [] and "NaN or infinite at step 1" in history.stop_reason


def test_conditional_training_needs_labels():
    images, _ = _tiny_data()
    G, D = build_nets("cdcgan")
    with pytest.raises(ValueError, match="pass the labels"):
        train(G, D, images, None, TrainConfig(variant="cdcgan", progress=False))


def test_r1_penalty_is_the_squared_slope_of_d_at_real_images():
    from ganlib.losses import r1_penalty

    weight = torch.tensor([3.0, -4.0])  # D(x) = w.x has slope w everywhere: penalty |w|^2 = 25
    x = torch.randn(5, 2, requires_grad=True)
    assert r1_penalty(x @ weight, x).item() == pytest.approx(25.0)
    assert r1_penalty(x @ weight, x, loss_scale=2.0 ** 16).item() == pytest.approx(25.0)  # float16's loss scale


def test_the_r1_penalty_is_lazy_every_r1_every_steps_and_that_much_stronger(monkeypatch):
    import ganlib.loop as training

    images, _ = _tiny_data()
    G, D = build_nets("dcgan")
    given, step = [], training.train_step
    monkeypatch.setattr(training, "train_step",
                        lambda *args, **options: given.append(options["r1_gamma"]) or step(*args, **options))
    train(G, D, images, None, TrainConfig(variant="dcgan", r1_gamma=0.5, r1_every=4, batch_size=8, max_steps=8,
                                          progress=False, smoke=False))
    assert given == [2.0, 0, 0, 0, 2.0, 0, 0, 0]
    with pytest.raises(ValueError, match="r1_every"):
        TrainConfig(r1_every=0, smoke=False)


def test_r1_gamma_steers_the_discriminator_step_and_leaves_the_rest_alone():
    G, D, _, opt_d, x, _ = _setup("dcgan")
    _, D_r1, _, opt_d_r1, _, _ = _setup("dcgan")  # the same seed: the same D and optimizer
    fake, g_before = G(torch.randn(16, G.latent_dim)).detach(), _copy(G)
    discriminator_step(D, opt_d, x, fake)
    loss, d_real, d_fake = discriminator_step(D_r1, opt_d_r1, x, fake, r1_gamma=10.0)
    assert torch.isfinite(loss) and 0 < d_real < 1 and 0 < d_fake < 1
    assert not all(torch.equal(a, b) for a, b in zip(D.parameters(), D_r1.parameters()))
    assert _unchanged(g_before, G) and not x.requires_grad  # the caller's batch is left as it was
    with pytest.raises(ValueError, match="r1_gamma"):
        TrainConfig(r1_gamma=-1.0, smoke=False)
