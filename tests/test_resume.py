"""Training that survives: periodic checkpoints, exact resume, Ctrl-C, divergence, damaged files."""
import os
import signal

import pytest
import torch

import ganlib.loop
from ganlib import CheckpointError, TrainConfig, build_nets, seed_everything, train
from ganlib.__main__ import main
from ganlib.checkpoints import periodic_checkpoints, read_checkpoint


def _data(n=256):
    g = torch.Generator().manual_seed(0)
    return torch.randint(0, 256, (n, 1, 28, 28), dtype=torch.uint8, generator=g), torch.arange(n) % 10


def _config(folder, variant="cgan", **overrides):
    # 256 images / batch 32 = 8 steps an epoch; 3 epochs = 24 steps
    settings = dict(variant=variant, epochs=3, batch_size=32, log_every=1, progress=False, smoke=False,
                    checkpoint_dir=str(folder), checkpoint_every_epochs=1)
    return TrainConfig(**{**settings, **overrides})


def _fresh(variant="cgan"):
    seed_everything(0)
    return build_nets(variant)


def _weights(*nets):
    return [t.clone() for net in nets for t in net.state_dict().values()]


def _uninterrupted(tmp_path, variant="cgan"):
    G, D = _fresh(variant)
    history = train(G, D, *_data(), _config(tmp_path / "straight", variant))
    return _weights(G, D), history


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    """The straight run every interrupted one is compared with: trained once for the module."""
    return _uninterrupted(tmp_path_factory.mktemp("straight"))


@pytest.mark.parametrize("stop_after", [5, 8, 13])  # mid-epoch, at an epoch's end, in the second epoch
def test_interrupted_and_resumed_equals_uninterrupted_bit_for_bit(tmp_path, stop_after, uninterrupted):
    expected, straight = uninterrupted
    G, D = _fresh()
    first = train(G, D, *_data(), _config(tmp_path / "run", max_steps=stop_after))
    assert first.step[-1] == stop_after
    G, D = _fresh()  # a new Python session: nets built again, then resumed
    history = train(G, D, *_data(), _config(tmp_path / "run"), resume=True)
    assert all(torch.equal(a, b) for a, b in zip(expected, _weights(G, D)))
    assert history.loss_d == straight.loss_d and history.step == straight.step
    # The GIF of a resumed run is complete: every frame of the straight run (plus one where it stopped).
    frames = dict(zip(history.snapshot_epochs, history.snapshots))
    assert set(straight.snapshot_epochs) <= set(frames)
    assert all(torch.equal(frames[e], s) for e, s in zip(straight.snapshot_epochs, straight.snapshots))
    assert history.images_seen == straight.images_seen


def test_resume_with_a_moving_average_generator_is_exact_too(tmp_path):
    G, D = _fresh()
    train(G, D, *_data(), _config(tmp_path / "straight", ema_decay=0.9))
    expected = _weights(G, D)
    G, D = _fresh()
    train(G, D, *_data(), _config(tmp_path / "run", ema_decay=0.9, max_steps=11))
    G, D = _fresh()
    train(G, D, *_data(), _config(tmp_path / "run", ema_decay=0.9), resume=True)
    assert all(torch.equal(a, b) for a, b in zip(expected, _weights(G, D)))


def test_ctrl_c_saves_a_checkpoint_and_returns_the_history(tmp_path, monkeypatch, uninterrupted):
    expected, _ = uninterrupted
    real_step, calls = ganlib.loop.train_step, []

    def step_then_ctrl_c(*args):
        calls.append(1)
        stats = real_step(*args)
        if len(calls) == 6:
            os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C or Colab's stop button sends
        return stats

    monkeypatch.setattr(ganlib.loop, "train_step", step_then_ctrl_c)
    G, D = _fresh()
    history = train(G, D, *_data(), _config(tmp_path / "run"))
    assert history.stop_reason == "interrupted at step 6" and history.step[-1] == 6
    assert periodic_checkpoints(tmp_path / "run")[0].name == "step-00000006.pt"
    monkeypatch.setattr(ganlib.loop, "train_step", real_step)
    G, D = _fresh()
    train(G, D, *_data(), _config(tmp_path / "run"), resume=True)
    assert all(torch.equal(a, b) for a, b in zip(expected, _weights(G, D)))


def test_only_the_newest_two_checkpoints_are_kept(tmp_path):
    G, D = _fresh()
    train(G, D, *_data(), _config(tmp_path))
    assert [p.name for p in periodic_checkpoints(tmp_path)] == ["step-00000024.pt", "step-00000016.pt"]


def test_a_damaged_newest_checkpoint_falls_back_to_the_one_before(tmp_path, capsys):
    G, D = _fresh()
    train(G, D, *_data(), _config(tmp_path, epochs=2))
    newest = periodic_checkpoints(tmp_path)[0]
    newest.write_bytes(newest.read_bytes()[:1000])  # truncated, as by a full disk
    G, D = _fresh()
    history = train(G, D, *_data(), _config(tmp_path, epochs=2), resume=True)
    assert "Warning: skipping a damaged checkpoint" in capsys.readouterr().err
    assert history.step[-1] == 16 and history.images_seen == 16 * 32


def test_divergence_stops_and_keeps_the_last_good_checkpoint(tmp_path, monkeypatch, capsys):
    real_step, calls = ganlib.loop.train_step, []

    def blows_up_at_step_11(G, D, *args):
        calls.append(1)
        stats = real_step(G, D, *args)
        if len(calls) >= 11:
            with torch.no_grad():
                for p in G.parameters():
                    p.fill_(float("nan"))
            stats["loss_g"] = torch.tensor(float("inf"))
        return stats

    monkeypatch.setattr(ganlib.loop, "train_step", blows_up_at_step_11)
    G, D = _fresh()
    history = train(G, D, *_data(), _config(tmp_path))
    assert history.diverged and "NaN or infinite at step 11" in history.stop_reason
    assert "The last good checkpoint is kept in" in capsys.readouterr().err
    assert [p.name for p in periodic_checkpoints(tmp_path)] == ["step-00000008.pt"]
    state = read_checkpoint(periodic_checkpoints(tmp_path)[0])["generator"]["state"]
    assert all(torch.isfinite(t).all() for t in state.values())


def test_resume_refuses_another_variant_or_settings(tmp_path):
    G, D = _fresh("cgan")
    train(G, D, *_data(), _config(tmp_path, max_steps=2))
    G, D = _fresh("gan")
    with pytest.raises(CheckpointError, match="checkpoint of the 'cgan' variant, not 'gan'"):
        train(G, D, *_data(), _config(tmp_path, variant="gan"), resume=True)
    G, D = _fresh("cgan")
    with pytest.raises(CheckpointError, match="batch_size 32, this run asks for 64"):
        train(G, D, *_data(), _config(tmp_path, batch_size=64), resume=True)


def test_resume_with_no_checkpoint_yet_starts_from_scratch(tmp_path, capsys):
    G, D = _fresh()
    history = train(G, D, *_data(), _config(tmp_path / "empty", epochs=1), resume=True)
    assert history.step[-1] == 8 and "starting from scratch" in capsys.readouterr().out
    assert history.snapshot_epochs[0] == 0.0


def test_cli_resume_continues_a_run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")  # 3 steps, then "resume" finds the run finished
    assert main(["train", "gan", "--out", str(tmp_path), "--no-progress"]) == 0
    assert main(["train", "gan", "--resume", str(tmp_path), "--no-progress"]) == 0
    assert "Resuming from" in capsys.readouterr().out
    assert main(["train", "dcgan", "--resume", str(tmp_path), "--no-progress"]) == 2
    assert "checkpoint of the 'gan' variant, not 'dcgan'" in capsys.readouterr().err
    assert main(["train", "gan", "--resume", str(tmp_path / "nothing-here")]) == 2
    assert "no checkpoint to resume" in capsys.readouterr().err
    assert main(["train", "gan", "--out", str(tmp_path), "--no-progress"]) == 2  # would mix two runs
    assert f"already holds a training run: continue it with --resume {tmp_path}" in capsys.readouterr().err


def test_a_fresh_run_never_overwrites_an_earlier_one(tmp_path):
    G, D = _fresh()
    train(G, D, *_data(), _config(tmp_path, max_steps=3))
    with pytest.raises(FileExistsError, match="pass resume=True"):
        train(G, D, *_data(), _config(tmp_path))
    assert [p.name for p in periodic_checkpoints(tmp_path)] == ["step-00000003.pt"]
