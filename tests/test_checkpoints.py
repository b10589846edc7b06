"""Checkpoints: round trip, atomic writes, and files that must be refused."""
import os
from unittest import mock

import pytest
import torch

from ganlib import CheckpointError, TrainConfig, build_nets, load_checkpoint, save_checkpoint
from ganlib.loop import History


@pytest.mark.parametrize("variant", ["gan", "cdcgan"])
def test_checkpoint_round_trip(tmp_path, variant):
    G, D = build_nets(variant)
    history = History(step=[1], loss_d=[1.3], snapshots=[torch.zeros(2, 1, 28, 28, dtype=torch.uint8)],
                      snapshot_epochs=[0.0])
    path = save_checkpoint(tmp_path / "checkpoint.pt", G, D, history, TrainConfig(variant=variant))
    G2, D2, payload = load_checkpoint(path)
    assert type(G2) is type(G) and G2.n_classes == G.n_classes
    for a, b in zip(list(G.state_dict().values()) + list(D.state_dict().values()),
                    list(G2.state_dict().values()) + list(D2.state_dict().values())):
        assert torch.equal(a, b)
    assert payload["variant"] == variant and payload["config"]["betas"] == [0.5, 0.999]
    assert History.from_dict(payload["history"]).loss_d == [1.3]


def test_a_failed_write_keeps_the_previous_checkpoint(tmp_path):
    G, D = build_nets("gan")
    path = save_checkpoint(tmp_path / "checkpoint.pt", G, D)
    before = path.read_bytes()
    G2, D2 = build_nets("dcgan")

    def dies_half_way(obj, file, *args, **kwargs):
        file.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    with mock.patch("ganlib.checkpoints.torch.save", dies_half_way), pytest.raises(OSError):
        save_checkpoint(path, G2, D2)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["checkpoint.pt"], "the temporary file must be cleaned up"
    assert type(load_checkpoint(path)[0]).__name__ == "MLPGenerator"


class _RunsCode:
    def __reduce__(self):
        return (os.system, ("touch " + os.environ["GANLIB_PWNED"],))


def test_a_checkpoint_that_would_run_code_is_refused(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    monkeypatch.setenv("GANLIB_PWNED", str(marker))
    path = tmp_path / "evil.pt"
    torch.save({"format": "ganlib-checkpoint", "payload": _RunsCode()}, path)
    with pytest.raises(CheckpointError, match="refused to load"):
        load_checkpoint(path)
    assert not marker.exists(), "loading must never execute code from the file"


def test_bad_files_get_clear_errors(tmp_path):
    G, D = build_nets("gan")
    good = save_checkpoint(tmp_path / "good.pt", G, D).read_bytes()
    cases = {
        "missing.pt": (None, "no such file"),
        "empty.pt": (b"", "the file is empty"),
        "truncated.pt": (good[: len(good) // 2], "corrupt, truncated"),
        "garbage.pt": (os.urandom(1000), "corrupt, truncated"),
    }
    for name, (content, message) in cases.items():
        if content is not None:
            (tmp_path / name).write_bytes(content)
        with pytest.raises(CheckpointError, match=message):
            load_checkpoint(tmp_path / name)
    torch.save({"weights": torch.zeros(3)}, tmp_path / "foreign.pt")
    with pytest.raises(CheckpointError, match="not a ganlib checkpoint"):
        load_checkpoint(tmp_path / "foreign.pt")
    torch.save({"format": "ganlib-checkpoint", "format_version": 99}, tmp_path / "future.pt")
    with pytest.raises(CheckpointError, match="another ganlib version"):
        load_checkpoint(tmp_path / "future.pt")
