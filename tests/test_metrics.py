"""The referee and the metrics, calibrated on inputs whose answer is known."""
import math

import numpy as np
import pytest
import torch

from ganlib import load_mnist
from ganlib.evaluation import (check_images, evaluate_images, format_report, frechet_distance, kl_from_uniform,
                            reference_values, score)
from ganlib.evaluation.referee import judge, load_referee


@pytest.fixture(scope="module")
def mnist_test():
    return load_mnist(train=False, smoke=False)


@pytest.fixture(scope="module")
def referee():
    model, payload = load_referee()
    return model, {"mu": payload["test_mu"], "sigma": payload["test_sigma"]}, payload


def test_the_shipped_referee_is_at_least_99_percent_accurate(mnist_test, referee):
    images, labels = mnist_test
    assert len(images) == 10000
    _, probs = judge(referee[0], images)
    accuracy = (probs.argmax(1) == labels).double().mean().item()
    assert accuracy >= 0.99
    assert abs(accuracy - referee[2]["test_accuracy"]) < 1e-9  # the number it ships with is this one


def test_real_test_images_against_their_own_statistics_score_about_zero(mnist_test, referee):
    result = score(referee[0], *mnist_test, referee[1])
    assert result["frechet_distance"] < 1e-3
    assert result["conditional_accuracy"] >= 0.99 and result["kl_from_uniform"] < 0.01


def test_training_images_small_noise_and_black_large(referee):
    train_images, train_labels = load_mnist(train=True, smoke=False)
    real = score(referee[0], train_images[:5000], train_labels[:5000], referee[1])
    g = torch.Generator().manual_seed(1)
    noise = score(referee[0], torch.randint(0, 256, (5000, 1, 28, 28), dtype=torch.uint8, generator=g), None,
                  referee[1])
    black = score(referee[0], torch.zeros(2000, 1, 28, 28, dtype=torch.uint8), None, referee[1])
    assert real["frechet_distance"] < 0.05 * noise["frechet_distance"]
    assert black["frechet_distance"] > 20 * real["frechet_distance"]
    assert real["kl_from_uniform"] < 0.01
    assert black["kl_from_uniform"] == pytest.approx(math.log(10))  # one class for all: collapsed
    top = max(noise["class_histogram"])
    assert noise["kl_from_uniform"] < 0.1 or top > 0.9  # noise: near-uniform or collapsed


def test_a_generator_that_ignores_labels_gets_chance_accuracy(mnist_test):
    images, _ = mnist_test
    random_labels = torch.randint(0, 10, (len(images),), generator=torch.Generator().manual_seed(0))
    result = evaluate_images(images, random_labels)
    assert 0.08 < result["conditional_accuracy"] < 0.12


def test_frechet_distance_of_known_gaussians():
    sigma = np.diag([1.0, 4.0])
    assert frechet_distance(np.zeros(2), sigma, np.array([3.0, 4.0]), sigma) == pytest.approx(25.0)
    # Equal means, covariances I and 4I in 2 dimensions: Tr(I + 4I - 2 * 2I) = 2.
    assert frechet_distance(np.zeros(2), np.eye(2), np.zeros(2), 4 * np.eye(2)) == pytest.approx(2.0)


def test_kl_from_uniform():
    assert kl_from_uniform(torch.full((10,), 0.1, dtype=torch.float64)) == pytest.approx(0.0)
    assert kl_from_uniform(torch.tensor([1.0] + [0.0] * 9)) == pytest.approx(math.log(10))


@pytest.mark.parametrize("images,labels,message", [
    (np.zeros((5, 32, 32), np.uint8), None, "no referee judges images of shape 1 x 32 x 32"),
    (np.zeros((5, 3, 28, 28), np.uint8), None, "no referee judges images of shape 3 x 28 x 28"),
    (np.full((5, 28, 28), 3.0, np.float32), None, r"must lie in \[-1, 1\]"),
    (np.full((5, 28, 28), np.nan, np.float32), None, "NaN"),
    (np.zeros((5, 28, 28), np.uint8), np.array([0, 1, 2, 3, 10]), "from 0 to 9"),
    (np.zeros((5, 28, 28), np.uint8), np.array([0, 1]), r"shape \(5,\)"),
])
def test_bad_samples_get_clear_errors(images, labels, message):
    with pytest.raises(ValueError, match=message):
        check_images(images, labels)


def test_report_shows_the_reference_values_next_to_the_result(mnist_test):
    text = format_report(evaluate_images(mnist_test[0][:500]))
    assert "real training images" in text and "uniform noise" in text and "Frechet distance" in text
    assert set(reference_values()) == {"real training images", "uniform noise"}


def test_inception_score_rewards_confident_balanced_classes_and_ignores_variety():
    from ganlib.evaluation import inception_score

    one_perfect_image_per_class = torch.eye(10)
    assert inception_score(one_perfect_image_per_class) == pytest.approx(10.0)  # the maximum, with no variety
    assert inception_score(torch.full((50, 10), 0.1)) == pytest.approx(1.0)  # undecided
    assert inception_score(torch.eye(10)[[3] * 50]) == pytest.approx(1.0)  # collapsed onto one class


def test_the_frechet_distance_is_biased_upwards_at_small_sample_counts(mnist_test, referee):
    from ganlib.evaluation import frechet_by_sample_count, referee_features

    from ganlib.evaluation import test_statistics

    features, probs = referee_features(mnist_test[0][:5000])
    assert test_statistics()["mu"].shape == (64,) and probs.shape == (5000, 10)
    curve = frechet_by_sample_count(features, test_statistics(), [100, 1000, 5000])
    assert curve[0] > curve[1] > curve[2]  # real test images: the "true" distance is ~0, small n inflates it


def test_frechet_between_faces_uses_the_cifar10_referee_on_halved_images():
    from ganlib.evaluation import frechet_between, halved_to_referee_size

    generator = torch.Generator().manual_seed(0)
    faces = torch.randint(0, 256, (300, 3, 64, 64), dtype=torch.uint8, generator=generator)
    assert halved_to_referee_size(faces).shape == (300, 3, 32, 32)
    assert frechet_between(faces, faces) < 1e-6
    dark = (faces // 4).to(torch.uint8)
    assert frechet_between(faces, dark) > 1.0
