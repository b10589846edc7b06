"""Nothing silently wrong, round eight's leftovers: the faults of the eighth tester round of issue 35 that were still
open after its first fixes (``test_reliability_seven.py`` holds the others).

A check called with an answer missing, or given an answer of complex numbers, text, a sparse or a meta tensor, told
the student that the check itself had failed; a few answers got a wrong diagnosis; a slerp between huge vectors
gave rows of inf; an array of text reached PyTorch's converter; bool and complex weights passed the loader.
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from ganlib import evaluate_images
from ganlib.checkpoints import CheckpointError, load_generator
from ganlib.course.data_checks import check_class_means, check_model_input
from ganlib.course.exercises import check_answer, check_discriminator_loss
from ganlib.course.objective_checks import check_critic, check_gradient_penalty, check_hinge_loss
from ganlib.latent import lerp, slerp
from pathlib import Path

SHIPPED = Path(__import__("ganlib").__file__).parent / "weights"

SELF_BLAME = "check itself failed"

hinge_d = lambda r, f: F.relu(1 - r).mean() + F.relu(1 + f).mean()  # noqa: E731
hinge_g = lambda f: -f.mean()  # noqa: E731


def penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device, dtype=real.dtype)
    x = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x).sum(), x, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()


def critic_net():
    return nn.Sequential(nn.Conv2d(1, 8, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(8 * 14 * 14, 1),
                         nn.Flatten(0))


class Ending(nn.Module):
    """A good critic whose forward ends in ``end(scores)``."""

    def __init__(self, end):
        super().__init__()
        self.net, self.end = critic_net(), end

    def forward(self, x):
        return self.end(self.net(x))


class ZeroesItsInput(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = critic_net()

    def forward(self, x):
        x.mul_(0)
        return self.net(x)


def class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(0) for c in range(10)])


def model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1


def _second_call_none():
    calls = []

    def loss_d(real, fake):
        calls.append(1)
        return hinge_d(real, fake) if len(calls) == 1 else None
    return loss_d


# (the call, words its verdict must hold): each a student's slip, told as the student's, never as the check's.
SLIPS = [
    (lambda: check_hinge_loss(hinge_d), "check_hinge_loss(loss_d, loss_g)"),
    (lambda: check_hinge_loss(), "gave it 0 arguments"),
    (lambda: check_hinge_loss(hinge_d, hinge_g, 3), "gave it 3 arguments"),
    (lambda: check_hinge_loss(hinge_d, loss_q=hinge_g), "it has no parameter 'loss_q'"),
    (lambda: check_gradient_penalty(), "check_gradient_penalty(penalty)"),
    (lambda: check_gradient_penalty(penalty, 10), "pass your answer alone"),
    (lambda: check_answer("q"), "check_answer(name, value)"),
    (lambda: check_hinge_loss(lambda r, f: hinge_d(r, f) * (1 + 0j), hinge_g), "complex numbers"),
    (lambda: check_hinge_loss(_second_call_none(), hinge_g), "called a second time with the same logits"),
    (lambda: check_hinge_loss(lambda r, f: exec("raise SystemExit(1)"), hinge_g), "your code called exit()"),
    (lambda: check_discriminator_loss(lambda r, f: __import__("sys").exit()), "your code called exit()"),
    (lambda: check_gradient_penalty(lambda D, r, f: penalty(D, r, f) * (1 + 0j)), "complex numbers"),
    (lambda: check_gradient_penalty(lambda D, r, f: torch.tensor(3)), "the critic D was never called"),
    (lambda: check_gradient_penalty(lambda D, r, f: (r - f).pow(2).mean().requires_grad_()),
     "the critic D was never called"),
    (lambda: check_critic(Ending(lambda s: s > 0)), "True/False (torch.bool)"),
    (lambda: check_critic(Ending(lambda s: s if len(s) > 1 else s.item())), "a batch of one image gave a float"),
    (lambda: check_critic(ZeroesItsInput()), "changed the images it was given"),
    (lambda: check_critic(Ending(lambda s: s.to_sparse())), "sparse tensor"),
    (lambda: check_class_means(lambda im, lb: class_means(im, lb).to("meta")), "meta device"),
    (lambda: check_model_input(lambda p: model_input(p).to("meta")), "meta device"),
    (lambda: check_class_means(lambda im, lb: np.array([["a"]])), "a NumPy array of <U1 (not numbers)"),
    (lambda: check_class_means(lambda im, lb: np.array([None, 1], dtype=object)), "NumPy array of object"),
    (lambda: check_class_means(lambda im, lb: np.zeros((10, 3, 4, 5), dtype="datetime64[s]")), "datetime64"),
    (lambda: check_class_means(lambda im, lb: class_means(im, lb).to_sparse()), ".to_dense()"),
    (lambda: check_model_input(lambda p: model_input(p).to_sparse()), ".to_dense()"),
    (lambda: check_class_means(lambda im, lb: class_means(im, lb) / 0), "some means are infinite"),
    (lambda: check_model_input(lambda p: model_input(p) * (1 + 0j)), "complex numbers"),
    (lambda: check_model_input(lambda p: model_input(p) > 0), "True/False (torch.bool)"),
]


@pytest.mark.parametrize("call, words", SLIPS, ids=[f"slip{i}" for i in range(len(SLIPS))])
def test_a_students_slip_is_named_as_theirs(call, words, capsys):
    assert not call()
    out = capsys.readouterr().out
    assert words in out and SELF_BLAME not in out, out
    assert out.count("\n") <= 2 or "Traceback of your code" in out, out  # one verdict, not PyTorch's dispatcher table


def test_a_class_mean_with_nan_values_but_no_empty_class_is_not_called_empty(capsys):
    def nan_pixel(images, labels):
        means = class_means(images, labels)
        means[3, 0, 0, 0] = float("nan")
        return means
    assert not check_class_means(nan_pixel)
    out = capsys.readouterr().out
    assert "some values of the means are NaN" in out and "rows []" not in out, out


@pytest.mark.parametrize("answer", [
    lambda D, real, fake: penalty(D, real.double(), fake.double()),  # computed in float64: right
    lambda D, real, fake: penalty(D, real, fake),
])
def test_a_right_penalty_in_float64_is_right(answer, capsys):
    assert check_gradient_penalty(answer), capsys.readouterr().out


def test_the_right_answers_are_still_right(capsys):
    assert check_hinge_loss(hinge_d, hinge_g)
    assert check_hinge_loss(loss_d=hinge_d, loss_g=hinge_g)
    assert check_critic(critic_net())
    assert check_class_means(class_means)
    assert check_model_input(model_input)
    assert "Not yet" not in capsys.readouterr().out


def test_a_slerp_between_huge_vectors_stays_finite():
    huge = torch.full((4,), 3e38)
    path = slerp(huge, huge, [0, 0.5, 1])
    assert torch.isfinite(path).all() and torch.allclose(path, huge.expand(3, 4))
    z0, z1 = torch.randn(100), torch.randn(100)
    lengths = slerp(z0, z1, [0, 0.5, 1]).norm(dim=1)
    assert torch.allclose(lengths[[0, 2]], torch.stack([z0.norm(), z1.norm()]), rtol=1e-5)
    assert slerp(z0.half(), z1.half(), [0.5]).dtype == torch.float16


def test_a_path_beyond_float32_is_refused_not_inf():
    with pytest.raises(ValueError, match="beyond torch.float32's range"):
        lerp(torch.full((4,), 3e38), torch.full((4,), -3e38), [5])


@pytest.mark.parametrize("images", [np.array(["a"] * 100), np.zeros((100, 28, 28), dtype="datetime64[s]"),
                                    np.array([None] * 100, dtype=object)])
def test_evaluate_images_names_an_array_that_holds_no_numbers(images):
    with pytest.raises(TypeError, match="images must hold numbers, got an array of"):
        evaluate_images(images)


@pytest.mark.parametrize("dtype", [torch.bool, torch.complex64, torch.int64])
def test_weights_that_are_no_real_numbers_are_a_damaged_file(dtype, tmp_path):
    payload = torch.load(SHIPPED / "gan.pt", weights_only=True)
    payload["generator"]["state"] = {name: value.to(dtype) for name, value in payload["generator"]["state"].items()}
    torch.save(payload, tmp_path / "forged.pt")
    with pytest.raises(CheckpointError, match="network entry is damaged"):
        load_generator(tmp_path / "forged.pt")
    assert load_generator(SHIPPED / "gan.pt")[0] is not None


# ---- round nine -------------------------------------------------------------------------------------------------

def test_numpy_text_and_truth_values_in_a_config_become_plain_values(tmp_path):
    from ganlib import TrainConfig
    from ganlib.checkpoints import read_checkpoint, save_checkpoint
    from ganlib import build_nets
    config = TrainConfig(data=np.str_("mnist"), checkpoint_dir=np.str_(str(tmp_path)), smoke=np.bool_(True),
                         health_checks=np.array(["discriminator_won"]), seed=torch.tensor(5))
    assert type(config.data) is str and type(config.checkpoint_dir) is str and type(config.smoke) is bool
    assert config.health_checks == ("discriminator_won",) and type(config.health_checks[0]) is str
    assert config.seed == 5 and type(config.seed) is int
    G, D = build_nets("gan")
    save_checkpoint(tmp_path / "c.pt", G, D, config=config)
    assert read_checkpoint(tmp_path / "c.pt")["config"]["data"] == "mnist"  # readable: nothing refused as code


def test_a_tensor_seed_and_a_device_number_are_read_as_meant():
    from ganlib import noise
    assert torch.equal(noise(2, 3, seed=torch.tensor(5)), noise(2, 3, seed=5))
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="'cuda:0' is not available on this machine"):
            noise(2, 3, device=0)


@pytest.mark.parametrize("check, answer", [
    (check_discriminator_loss, lambda r, f: (r.data.mul_(0), F.binary_cross_entropy_with_logits(r, torch.ones_like(r))
                                             + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f)))[1]),
    ("generator", lambda f: (f.data.clamp_(min=0), F.binary_cross_entropy_with_logits(f, torch.ones_like(f)))[1]),
])
def test_a_loss_that_changes_its_logits_is_not_called_correct(check, answer, capsys):
    from ganlib.course.exercises import check_generator_loss
    check = check_generator_loss if check == "generator" else check
    assert not check(answer)
    assert "changes the logits it is given" in capsys.readouterr().out


def test_an_error_whose_message_cannot_be_shown_is_still_the_students(capsys):
    class Odd(Exception):
        def __str__(self):
            raise RuntimeError("boom")

    def loss_d(real, fake):
        raise Odd()
    assert not check_discriminator_loss(loss_d)
    out = capsys.readouterr().out
    assert "your code raised Odd" in out and SELF_BLAME not in out, out


def test_a_float64_layer_gets_the_tutors_sentence_in_cpu_words(capsys):
    critic = critic_net().double()
    assert not check_critic(critic)
    assert "different float types" in capsys.readouterr().out


def test_upper_case_suffixes_are_the_suffixes(tmp_path, capsys):
    from ganlib.__main__ import main
    main(["sample", "gan", "--n", "100", "--out", str(tmp_path / "UP.NPZ")])
    main(["evaluate", str(tmp_path / "UP.NPZ")])
    assert "Frechet distance" in capsys.readouterr().out


def test_numpy_arrays_with_negative_strides_are_arrays():
    from ganlib import build_nets, generate, image_grid
    G, _ = build_nets("cgan")
    assert image_grid(np.flip(np.random.rand(4, 1, 28, 28).astype(np.float32), 0)).shape[-1] == 1
    assert generate(G, np.flip(np.random.randn(4, 100).astype(np.float32), 0), [1, 2, 3, 4]).shape == (4, 1, 28, 28)
    assert generate(G, np.random.randn(4, 100).astype(np.float32), np.flip(np.arange(4))).shape == (4, 1, 28, 28)


def test_a_half_precision_slerp_is_told_so(capsys):
    from ganlib.course.exercises import check_slerp

    def half_slerp(z0, z1, t):
        t = t[:, None]
        w = torch.arccos((z0 / z0.norm()) @ (z1 / z1.norm()))
        return ((torch.sin((1 - t) * w) * z0 + torch.sin(t * w) * z1) / torch.sin(w)).half()
    assert not check_slerp(half_slerp)
    assert "half precision" in capsys.readouterr().out


def test_numpy_numbers_given_to_the_checks_are_numbers(capsys):
    from ganlib.course.exercises import check_block_shapes
    from ganlib.course.step_check import check_train_step
    block = lambda ci, co: nn.Sequential(nn.ConvTranspose2d(ci, co, 4, 2, 1, bias=False), nn.BatchNorm2d(co),  # noqa
                                         nn.ReLU())
    assert check_block_shapes(block, tuple(np.array([8, 64, 7, 7])), (8, 32, 14, 14))
    check_train_step(lambda G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0: None, r1_gamma=np.float32(10.0))
    out = capsys.readouterr().out
    assert "must be a number" not in out and "returns nothing" in out, out


@pytest.mark.parametrize("returned, words", [("6.8", "returns '6.8' (str)"), (True, "(bool)"),
                                             (np.array(["a"]), "NumPy array of <U1")])
def test_a_frechet_answer_of_the_wrong_type_is_named_by_its_type(returned, words, capsys):
    from ganlib.course.exercises import check_frechet_distance
    assert not check_frechet_distance(lambda mu1, s1, mu2, s2: returned)
    assert words in capsys.readouterr().out


def test_a_step_returning_parameters_is_told_what_they_are(capsys):
    from ganlib.course.step_check import check_train_step

    def step(G, D, opt_g, opt_d, x, y=None):
        bce = lambda l, t: F.binary_cross_entropy_with_logits(l, torch.full_like(l, t))  # noqa: E731
        fake = G(torch.randn(len(x), G.latent_dim), y)
        opt_d.zero_grad()
        rl, fl = D(x, y), D(fake.detach(), y)
        ld = bce(rl, 1) + bce(fl, 0)
        ld.backward()
        opt_d.step()
        opt_g.zero_grad()
        lg = bce(D(fake, y), 1)
        lg.backward()
        opt_g.step()
        out = {"loss_d": ld, "loss_g": lg, "d_real": torch.sigmoid(rl).mean(), "d_fake": torch.sigmoid(fl).mean()}
        return {k: nn.Parameter(v.detach().clone()) for k, v in out.items()}
    assert not check_train_step(step)
    assert "is an nn.Parameter" in capsys.readouterr().out


def test_a_penalty_that_sets_the_seed_is_named(capsys):
    def reseeding(D, real, fake):
        torch.manual_seed(0)
        return penalty(D, real, fake)
    assert not check_gradient_penalty(reseeding)
    assert "sets the random seed" in capsys.readouterr().out


@pytest.mark.parametrize("options, words", [({"scale": 2.5}, "scale must be a whole number"),
                                            ({"scale": 0}, "scale must be a whole number"),
                                            ({"frame_ms": -5}, "frame_ms must be"),
                                            ({"epochs": ["one", "two"]}, "epochs must be numbers")])
def test_save_gif_names_a_wrong_argument(options, words, tmp_path):
    from ganlib.pictures import save_gif
    arguments = {"snapshots": [torch.rand(4, 1, 8, 8)] * 2, "epochs": [1, 2], "path": tmp_path / "a.gif", **options}
    with pytest.raises((ValueError, TypeError), match=words):
        save_gif(**arguments)
    with pytest.raises(ValueError, match="must all have one shape"):
        save_gif([torch.rand(4, 1, 8, 8), torch.rand(2, 1, 8, 8)], [1, 2], tmp_path / "b.gif")
    assert not list(tmp_path.iterdir())
