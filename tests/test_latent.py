"""Latent paths: interpolation ends where it should, slerp stays on the shell, walks change one coordinate."""
import pytest
import torch

from ganlib.latent import interpolate, lerp, slerp, walk


def test_both_interpolations_start_and_end_at_the_given_vectors():
    z0, z1 = torch.randn(100), torch.randn(100)
    for spherical in (False, True):
        path = interpolate(z0, z1, 7, spherical=spherical)
        assert path.shape == (7, 100)
        assert torch.allclose(path[0], z0, atol=1e-5) and torch.allclose(path[-1], z1, atol=1e-5)


def test_slerp_keeps_the_length_that_lerp_loses():
    torch.manual_seed(0)
    z0, z1 = torch.randn(100), torch.randn(100)
    z1 = z1 / z1.norm() * z0.norm()  # two vectors of equal length
    middle = torch.tensor([0.5])
    assert slerp(z0, z1, middle).norm() == pytest.approx(z0.norm().item(), rel=1e-4)
    # nearly orthogonal vectors: the straight midpoint is about 1/sqrt(2) as long
    assert lerp(z0, z1, middle).norm() / z0.norm() == pytest.approx(0.5 ** 0.5, abs=0.1)


def test_slerp_of_parallel_vectors_falls_back_to_a_straight_line():
    z = torch.randn(10)
    assert torch.allclose(slerp(z, 2 * z, torch.tensor([0.5]))[0], 1.5 * z, atol=1e-5)


def test_walk_changes_only_the_chosen_coordinate():
    z = torch.randn(100)
    path = walk(z, 3, [-3.0, 0.0, 3.0])
    assert path[:, 3].tolist() == [-3.0, 0.0, 3.0]
    others = [d for d in range(100) if d != 3]
    assert torch.equal(path[:, others], z[others].repeat(3, 1))


@pytest.mark.parametrize("call,message", [
    (lambda: interpolate(torch.randn(3), torch.randn(4)), "same length"),
    (lambda: interpolate(torch.randn(3), torch.randn(3), steps=1), "whole number of steps, from 2"),
    (lambda: walk(torch.randn(5), 7, [0.0]), "dim must be a whole number from 0 to 4"),
])
def test_bad_arguments_say_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message):
        call()
