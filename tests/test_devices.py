"""Device bugs caught without a GPU.

Nets on PyTorch's ``meta`` device behave like nets on a GPU in the way that matters here: a CPU tensor fed
to them raises, and reading a number (``.item()``, what makes a GPU wait) raises too. ``FakeTensorMode``
goes further and builds nets on a CUDA device that is not there. Each test names the bug it guards.
"""
import pytest
import torch
from torch._subclasses.fake_tensor import FakeTensorMode

import ganlib.loop
from ganlib import TrainConfig, build_nets, fixed_inputs, generate, noise, sample_images, train
from ganlib.files import on_cpu
from ganlib.machine import pick_device
from ganlib.data import TensorBatches
from ganlib.gpu import Precision
from ganlib.machine import device_of
from ganlib.loop import EMA
from ganlib.step import make_optimizers, train_step

VARIANTS = ["gan", "cgan", "dcgan", "cdcgan"]


def _on_meta(variant):
    G, D = build_nets(variant)
    return G.to("meta"), D.to("meta")


@pytest.mark.parametrize("variant", VARIANTS)
def test_generate_takes_cpu_inputs_for_a_generator_elsewhere(variant):
    """Notebooks 01, 02, 04, 06, 07 crashed on a GPU: generate(G, noise(...), torch.full(...)) made on the CPU."""
    G, _ = _on_meta(variant)
    y = torch.full((4,), 7) if G.n_classes else None
    images = generate(G, noise(4, G.latent_dim, seed=0), y)
    assert images.device.type == "meta" and tuple(images.shape) == (4, 1, 28, 28)


@pytest.mark.parametrize("variant", ["gan", "cdcgan"])
def test_fixed_inputs_are_made_where_the_generator_is(variant):
    G, _ = _on_meta(variant)
    z, y = fixed_inputs(G)
    assert z.device.type == "meta" and (y is None or y.device.type == "meta")


@pytest.mark.parametrize("variant", ["gan", "cdcgan"])
def test_sampling_from_a_cuda_generator_without_a_gpu(variant):
    """sample_images on (fake) CUDA nets: made there in chunks, handed back on the CPU with CPU labels."""
    with FakeTensorMode(allow_non_fake_inputs=True):
        with torch.device("cuda"):
            G, _ = build_nets(variant)
        assert device_of(G).type == "cuda"
        images, labels = sample_images(G, 25, seed=0)
        assert images.device.type == "cpu" and images.dtype == torch.uint8 and tuple(images.shape) == (25, 1, 28, 28)
        assert labels is None if not G.n_classes else labels.device.type == "cpu"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("extras", [{}, {"class_weight": 1.0, "r1_gamma": 4.0}])
def test_the_training_step_runs_where_the_nets_are_and_never_waits_for_them(variant, extras):
    """The step makes its noise on the nets' device and reads no number (.item() on meta raises)."""
    G, D = _on_meta(variant)
    if extras.get("class_weight") and not G.n_classes:
        extras = {"r1_gamma": 4.0}
    opt_g, opt_d = make_optimizers(G, D, TrainConfig(variant=variant, smoke=False))
    x = torch.empty(8, 1, 28, 28, device="meta")
    y = torch.zeros(8, dtype=torch.long, device="meta") if G.n_classes else None
    stats = train_step(G, D, opt_g, opt_d, x, y, **extras)
    assert set(stats) == {"loss_d", "loss_g", "d_real", "d_fake"}
    assert all(v.device.type == "meta" and v.dim() == 0 for v in stats.values())


@pytest.mark.parametrize("variant", ["gan", "cdcgan"])
@pytest.mark.parametrize("extras", [{"loss": "hinge"}, {"loss": "wgan-gp", "gp_weight": 10.0, "critic_steps": 2}])
def test_the_hinge_and_wasserstein_steps_run_where_the_nets_are(variant, extras):
    """The gradient penalty's random mixing weights are drawn on the nets' device; spectral norm's power iteration
    runs there; nothing is read back."""
    G, D = build_nets(variant, critic=extras["loss"] == "wgan-gp", spectral_norm=extras["loss"] == "hinge")
    G, D = G.to("meta"), D.to("meta")
    opt_g, opt_d = make_optimizers(G, D, TrainConfig(variant=variant, smoke=False, **extras))
    x = torch.empty(8, 1, 28, 28, device="meta")
    y = torch.zeros(8, dtype=torch.long, device="meta") if G.n_classes else None
    stats = train_step(G, D, opt_g, opt_d, x, y, **extras)
    assert all(v.device.type == "meta" and v.dim() == 0 for v in stats.values())


def test_the_moving_average_stays_on_the_generators_device():
    G, _ = _on_meta("dcgan")
    ema = EMA(G, 0.9)
    ema.update(G)
    assert device_of(ema.model).type == "meta"


def test_the_batch_order_is_drawn_on_the_cpu_whatever_the_device():
    """A run's batch order, and the random state its checkpoint keeps, must not depend on the device."""
    images, labels = torch.zeros(64, 1, 28, 28, dtype=torch.uint8), torch.arange(64) % 10
    on_meta, on_cpu_ = TensorBatches(images, labels, 16, "meta", seed=3), TensorBatches(images, labels, 16, "cpu", seed=3)
    x, y = next(iter(on_meta))
    assert x.device.type == "meta" and y.device.type == "meta"
    assert on_meta.generator.device.type == "cpu"
    list(on_cpu_)
    assert torch.equal(on_meta.generator.get_state(), on_cpu_.generator.get_state())


def test_checkpoints_hold_cpu_tensors_only():
    """What a GPU run saves must load on a laptop: every tensor, however nested, goes to the CPU."""
    with FakeTensorMode(), torch.device("cuda"):
        payload = {"state": {"w": torch.ones(2)}, "opt": [{"step": torch.zeros(())}, (torch.ones(1), 3)], "n": 5}
        assert payload["state"]["w"].device.type == "cuda"
        moved = on_cpu(payload)
    tensors = [moved["state"]["w"], moved["opt"][0]["step"], moved["opt"][1][0]]
    assert all(t.device.type == "cpu" for t in tensors) and moved["n"] == 5 and isinstance(moved["opt"][1], tuple)


def test_compiled_nets_train_with_the_r1_penalty(monkeypatch):
    """--compile crashed at the first R1 step: compiled graphs cannot take the penalty's double backward."""
    real_compile = torch.compile
    monkeypatch.setattr(torch, "compile", lambda model, **kw: real_compile(model, backend="aot_eager"))
    torch.manual_seed(0)
    G, D = build_nets("dcgan")
    images = torch.randint(0, 256, (64, 1, 28, 28), dtype=torch.uint8)
    config = TrainConfig(variant="dcgan", epochs=1, batch_size=16, r1_gamma=1.0, r1_every=2, compile=True,
                         progress=False, smoke=False, health_checks=())
    history = train(G, D, images, None, config)
    assert history.step[-1] == 4 and not history.diverged


def test_emulated_bfloat16_is_not_used(monkeypatch):
    """A T4 reports bfloat16 support by emulation only: mixed precision must pick float16 there."""
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda including_emulation=True: including_emulation)
    assert Precision(torch.device("cuda"), enabled=True).dtype == torch.float16
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda including_emulation=True: True)
    assert Precision(torch.device("cuda"), enabled=True).dtype == torch.bfloat16


def test_unknown_or_absent_devices_are_named(monkeypatch):
    with pytest.raises(ValueError, match="unknown device 'tpu'"):
        pick_device("tpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ValueError, match="'cuda' is not available on this machine"):
        TrainConfig(device="cuda")
    assert pick_device("cpu") == torch.device("cpu")


def test_the_fused_optimiser_is_asked_for_on_cuda_only():
    with FakeTensorMode(), torch.device("cuda"):
        G, D = build_nets("gan")
        opt_g, _ = make_optimizers(G, D, TrainConfig(smoke=False))
    assert opt_g.defaults["fused"] is True
    G, D = build_nets("gan")
    assert not make_optimizers(G, D, TrainConfig(smoke=False))[0].defaults["fused"]


def test_train_reads_numbers_only_at_log_steps(monkeypatch):
    """The loop reads the step's numbers (a GPU wait) every log_every steps, not after each step."""
    reads = []
    real = ganlib.loop._finite
    monkeypatch.setattr(ganlib.loop, "_finite", lambda stats: reads.append(1) or real(stats))
    images = torch.randint(0, 256, (320, 1, 28, 28), dtype=torch.uint8)
    G, D = build_nets("gan")
    train(G, D, images, None, TrainConfig(epochs=1, batch_size=32, log_every=5, progress=False, smoke=False,
                                          health_checks=()))
    assert len(reads) == 2  # steps 5 and 10 of 10


@pytest.mark.parametrize("minibatch_std", [False, True])
def test_the_toy_gan_takes_cpu_data_and_noise_for_nets_elsewhere(minibatch_std):
    """Notebook 00's frames and batches are made on the CPU: they must reach toy nets on another device (the
    minibatch-std D judges the grid with the spread of G's points, which must meet it there too)."""
    from ganlib.toy import ToyDiscriminator, ToyGenerator, frame

    with FakeTensorMode(allow_non_fake_inputs=True):
        with torch.device("cuda"):
            G, D = ToyGenerator(), ToyDiscriminator(minibatch_std=minibatch_std)
        toy_frame = frame(G, D, torch.randn(10, 2), step=0, resolution=8)
        assert toy_frame.points.device.type == "cpu" and tuple(toy_frame.belief.shape) == (8, 8)



def test_a_decoded_photo_batch_is_scaled_where_it_is():
    """``photos_to_unit_range`` (notebook 07's fallback) makes its result on the photos' device. (``class_means``, 06's,
    indexes by boolean masks, whose shapes depend on the data, so it cannot run on ``meta``; it makes no tensor of its
    own.)"""
    from ganlib.pixels import photos_to_unit_range
    photos = torch.zeros(4, 8, 6, 3, dtype=torch.uint8, device="meta")
    scaled = photos_to_unit_range(photos)
    assert scaled.device.type == "meta" and scaled.shape == (4, 3, 8, 6) and scaled.dtype == torch.float32
