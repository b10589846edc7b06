"""The 2-D toy GAN of notebook 00: the data, the exact optimal discriminator, the coverage count, the shared step."""
import torch

from ganlib.step import train_step
from ganlib.toy import (RING, ToyDiscriminator, ToyGenerator, modes_covered, optimal_discriminator, ring_centres,
                        ring_density, ring_of_gaussians, train_toy)


def test_the_ring_and_its_density():
    points = ring_of_gaussians(4000, seed=3)
    assert points.shape == (4000, 2)
    assert (points.norm(dim=1) - RING["radius"]).abs().max() < 6 * RING["std"]  # every point on a blob
    # The density integrates to 1 over the plane (a fine grid around the ring).
    axis = torch.linspace(-3, 3, 601)
    ys, xs = torch.meshgrid(axis, axis, indexing="ij")
    mass = ring_density(torch.stack([xs.flatten(), ys.flatten()], 1)).sum() * (axis[1] - axis[0]) ** 2
    assert abs(mass.item() - 1) < 1e-3


def test_the_optimal_discriminator_is_one_half_where_the_generator_matches_the_data():
    data = ring_of_gaussians(1000, seed=1)  # a perfect generator's 1,000 points
    at_centres = optimal_discriminator(ring_centres(), data)
    assert ((at_centres - 0.5).abs() < 0.1).all()  # D* near 1/2 on the blobs (the estimate of p_g is noisy)
    far_from_fakes = optimal_discriminator(ring_centres(), torch.zeros(100, 2))
    assert (far_from_fakes > 0.999).all()  # fakes all in the middle: D* is sure the blobs are real


def test_coverage_counts_blobs_and_quality():
    assert modes_covered(ring_of_gaussians(4000)) == (8, 1.0) or modes_covered(ring_of_gaussians(4000))[1] > 0.99
    one_blob = ring_centres()[2] + 0.01 * torch.randn(500, 2)
    assert modes_covered(one_blob)[0] == 1
    assert modes_covered(torch.zeros(100, 2)) == (0, 0.0)


def test_the_course_step_trains_the_toy_nets(monkeypatch):
    monkeypatch.delenv("GANLIB_SMOKE", raising=False)
    torch.manual_seed(0)
    G, D = ToyGenerator(), ToyDiscriminator()
    run = train_toy(G, D, ring_of_gaussians(2000), steps=40, frame_every=20)
    assert [f.step for f in run.frames] == [0, 20, 40] and run.frames[-1].belief.shape == (80, 80)
    assert len(run.loss_d) == 4 and all(torch.isfinite(torch.tensor(run.loss_d)))
    seen = []
    train_toy(G, D, ring_of_gaussians(2000), steps=3, step=lambda *a, **k: seen.append(1) or train_step(*a, **k))
    assert len(seen) == 3  # a student's step is what trains
