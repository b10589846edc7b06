"""Precision, recall and nearest neighbours on sets whose answers are known."""
import torch

from ganlib.evaluation.neighbours import coverage, nearest, precision_recall


def blob(n, centre, seed):
    return torch.randn(n, 8, generator=torch.Generator().manual_seed(seed)) + centre


def test_identical_sets_have_full_precision_and_recall():
    real = blob(300, 0.0, 0)
    assert precision_recall(real, real.clone()) == {"precision": 1.0, "recall": 1.0, "k": 3}


def test_two_samples_of_one_distribution_score_high_and_disjoint_sets_score_zero():
    real = blob(500, 0.0, 0)
    same = precision_recall(real, blob(500, 0.0, 1))
    assert same["precision"] > 0.8 and same["recall"] > 0.8
    assert precision_recall(real, blob(500, 100.0, 2)) == {"precision": 0.0, "recall": 0.0, "k": 3}


def test_a_collapsed_generator_is_precise_but_covers_little():
    real = blob(500, 0.0, 0)
    collapsed = real[:5].repeat_interleave(100, dim=0) + 0.01 * blob(500, 0.0, 3)  # five real points, over and over
    result = precision_recall(real, collapsed)
    assert result["precision"] == 1.0 and result["recall"] < 0.1


def test_nearest_finds_the_copy_and_can_skip_itself():
    references = blob(50, 0.0, 0)
    queries = references[[7, 3]] + 1e-4
    distances, indices = nearest(queries, references)
    assert indices.tolist() == [7, 3] and distances.max() < 1e-2
    self_distances, _ = nearest(references, references, exclude_self=True)
    assert self_distances.min() > 0
    assert coverage(queries, references[:1], torch.tensor([0.0])) == 0.0
