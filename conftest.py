"""Test distribution: the cells of one notebook run in one kernel, so nbval's items of a notebook stay together on one
process (``--dist loadgroup`` in pyproject.toml); every other test goes wherever a process is free."""
import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(item.path.name))
