"""Evaluation: what a trained generator learned, measured (a layer above the core; the core's one door into it is
the loop's health check).

- ``referee``: the small classifiers that judge MNIST digits and CIFAR-10 images (weights ship in the package)
- ``metrics``: the maths (Frechet distance, class-histogram KL, conditional accuracy, confidence, Inception Score)
- ``verdict``: images or a generator checked, judged and scored at once (``evaluate_generator``)
- ``tables``: the numbers as text and Markdown tables
- ``neighbours``: precision and recall for generative models, nearest training images
- ``inception``: the standard Inception FID through pytorch-fid (to compare with papers)
- ``health``: the training-health warnings the loop gives
"""
from .health import HealthMonitor
from .inception import InceptionUnavailable, inception_fid
from .metrics import (class_histogram, conditional_accuracy, feature_statistics, frechet_by_sample_count,
                      frechet_distance, inception_score, kl_from_uniform, mean_confidence)
from .neighbours import coverage, nearest, precision_recall
from .referee import REFEREES, judge, load_referee, referee_for, reference_values, test_statistics
from .tables import format_report, markdown_table
from .verdict import (check_images, evaluate_generator, evaluate_images, frechet_between, halved_to_referee_size,
                      referee_features, score)
