"""MNIST in memory and the shuffled batches that feed the loop."""
import pytest
import torch

from ganlib import MissingDataError, TensorBatches, load_mnist, to_uint8, to_unit_range
from ganlib.data import MNIST_FILES


def test_mnist_loads_as_one_uint8_tensor():
    images, labels = load_mnist(train=False)  # a subset in smoke mode, all 10,000 otherwise
    assert images.dtype == torch.uint8 and images.shape[1:] == (1, 28, 28)
    assert labels.dtype == torch.int64 and len(labels) == len(images) and set(labels.tolist()) == set(range(10))


def test_missing_mnist_names_the_folder_and_the_files(tmp_path):
    with pytest.raises(MissingDataError) as error:
        load_mnist(root=tmp_path, download=False)
    message = str(error.value)
    assert str(tmp_path / "MNIST" / "raw") in message
    assert all(name in message for name in MNIST_FILES)


def test_batches_cover_the_data_once_per_epoch_in_a_new_order():
    images = torch.arange(100, dtype=torch.uint8).view(100, 1, 1, 1).expand(100, 1, 2, 2).contiguous()
    batches = TensorBatches(images, torch.arange(100), batch_size=32, seed=0)
    assert len(batches) == 3  # the incomplete last batch is dropped
    epoch1 = [(x, y) for x, y in batches]
    epoch2 = [y for _, y in batches]
    seen = torch.cat([y for _, y in epoch1])
    assert len(seen.unique()) == 96 and not torch.equal(seen, torch.cat(epoch2))
    x, y = epoch1[0]
    assert x.dtype == torch.float32 and x.shape == (32, 1, 2, 2)
    assert torch.allclose(x[:, 0, 0, 0], y.float() / 127.5 - 1)  # each image stays with its label


def test_pixel_range_round_trip():
    pixels = torch.arange(256, dtype=torch.uint8)
    floats = to_unit_range(pixels)
    assert floats.min() == -1 and floats.max() == 1
    assert torch.equal(to_uint8(floats), pixels)


def test_batches_reject_bad_input():
    with pytest.raises(ValueError, match="shape \\(N, C, H, W\\)"):
        TensorBatches(torch.zeros(10, 28, 28, dtype=torch.uint8), None, 4)
    with pytest.raises(ValueError, match="10 images but 9 labels"):
        TensorBatches(torch.zeros(10, 1, 28, 28, dtype=torch.uint8), torch.zeros(9), 4)
    with pytest.raises(ValueError, match="larger than the data set"):
        TensorBatches(torch.zeros(10, 1, 28, 28, dtype=torch.uint8), None, 64)
