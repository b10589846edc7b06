"""The self-checking exercises: each check accepts the right answer and names each classic mistake in words."""
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from ganlib.course.exercises import (ANSWERS, NotWrittenYet, check_answer, check_block_shapes,
                                     check_discriminator_loss, check_frechet_distance, check_generator_loss,
                                     check_label_is_used, check_slerp, check_train_step)
from ganlib.nets import ConvGenerator, MLPGenerator
from ganlib.step import frozen, train_step


def bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


def _said(capsys, ok, expected, *words):
    out = capsys.readouterr().out
    assert bool(ok) is expected and all(w in out for w in words), out
    assert out.count("\n") == 1 and "assert" not in out.lower()


@pytest.mark.parametrize("loss,expected,words", [
    (lambda r, f: bce(r, 1) + bce(f, 0), True, ["Correct", "2 ln 2"]),
    (lambda r, f: bce(f, 1) + bce(r, 0), False, ["real and fake are swapped"]),
    (lambda r, f: -(bce(r, 1) + bce(f, 0)), False, ["the sign is flipped"]),
    (lambda r, f: (F.binary_cross_entropy_with_logits(r, torch.ones_like(r), reduction="sum")
                   + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f), reduction="sum")), False, ["sum"]),
    (lambda r, f: bce(torch.sigmoid(r), 1) + bce(torch.sigmoid(f), 0), False, ["sigmoid is applied twice"]),
    (lambda r, f: bce(r, 1), False, ["only the real half"]),
    (lambda r, f: (bce(r, 1) + bce(f, 0)).expand(3), False, ["one number"]),
])
def test_the_discriminator_loss_check(capsys, loss, expected, words):
    _said(capsys, check_discriminator_loss(loss), expected, *words)


@pytest.mark.parametrize("loss,expected,words", [
    (lambda f: bce(f, 1), True, ["Correct", "ln 2"]),
    (lambda f: -bce(f, 0), False, ["saturating", "almost nothing"]),
    (lambda f: -bce(f, 1), False, ["sign is flipped", "G wants D to say 'real'"]),
])
def test_the_generator_loss_check(capsys, loss, expected, words):
    _said(capsys, check_generator_loss(loss), expected, *words)


def test_a_stub_says_it_is_not_written_yet_with_its_hint(capsys):
    def stub(real_logits, fake_logits):
        raise NotWrittenYet("two binary cross-entropies on logits, one per half of the batch")

    _said(capsys, check_discriminator_loss(stub), False, "not written yet", "two binary cross-entropies")


def _step(detach=True, d_first=True, zero_d=True, freeze=True):
    """The course's step, written out, with one classic mistake switched on."""
    def step(G, D, opt_g, opt_d, x, y=None, *rest, **options):
        z = torch.randn(len(x), G.latent_dim)
        fake = G(z)

        def d_update():
            if zero_d:
                opt_d.zero_grad()
            loss = bce(D(x), 1) + bce(D(fake.detach() if detach else fake), 0)
            loss.backward()
            opt_d.step()
            return loss

        def g_update():
            opt_g.zero_grad()
            if freeze:
                with frozen(D):
                    loss = bce(D(fake), 1)
                    loss.backward()
            else:
                loss = bce(D(fake), 1)
                loss.backward()
            opt_g.step()
            return loss

        loss_d = d_update() if d_first else None
        loss_g = g_update()
        loss_d = loss_d if d_first else d_update()
        return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach()}
    return step


@pytest.mark.parametrize("step,expected,words", [
    (train_step, True, ["Correct", "match the course's step"]),
    (_step(), True, ["Correct"]),
    (_step(detach=False), False, ["used up G's graph", "D(fake.detach())"]),
    (_step(d_first=False), False, ["G is updated before D"]),
    (_step(zero_d=False), False, ["never zeroed", "opt_d.zero_grad()"]),
    (_step(freeze=False), False, ["D's gradients changed during your generator step", "freeze D"]),
])
def test_the_training_step_check(capsys, step, expected, words):
    _said(capsys, check_train_step(step), expected, *words)


def test_the_label_check_and_the_shape_check(capsys):
    G = MLPGenerator(n_classes=10)
    _said(capsys, check_label_is_used(G, lambda n: torch.randn(1, 100).repeat(n, 1)), True, "Correct")

    class Deaf(nn.Module):
        def forward(self, z, y):
            return G(z, torch.zeros_like(y))

    _said(capsys, check_label_is_used(Deaf(), lambda n: torch.randn(1, 100).repeat(n, 1)), False, "the label is ignored")
    up = nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1)
    _said(capsys, check_block_shapes(up, (2, 64, 7, 7), (2, 32, 14, 14)), True, "Correct")
    _said(capsys, check_block_shapes(up, (2, 64, 8, 8), (2, 32, 14, 14)), False, "(2, 32, 16, 16)", "expects (2, 32, 14, 14)")
    assert ConvGenerator().latent_dim == 100


def test_numbers_with_known_answers(capsys):
    _said(capsys, check_answer("optimal_d_when_pg_equals_pdata", 0.5), True, "1/2")
    _said(capsys, check_answer("value_at_the_optimum", -1.0), False, "is not it")
    _said(capsys, check_answer("dcgan_28_receptive_field", None), False, "not answered yet")
    assert all(len(entry) == 3 for entry in ANSWERS.values())
    with pytest.raises(KeyError, match="no exercise"):
        check_answer("nonsense", 1)


def test_the_slerp_and_frechet_checks(capsys):
    import numpy as np

    from ganlib.evaluation.metrics import frechet_distance
    from ganlib.latent import lerp, slerp

    _said(capsys, check_slerp(slerp), True, "Correct", "the midpoint is")
    _said(capsys, check_slerp(lerp), False, "this is the straight line")
    _said(capsys, check_slerp(lambda z0, z1, t: slerp(z0, z1, t)[:, :50]), False, "shape (5, 100)")
    _said(capsys, check_frechet_distance(frechet_distance), True, "Correct")
    _said(capsys, check_frechet_distance(lambda m1, s1, m2, s2: float(np.sum((m1 - m2) ** 2))), False, "only the means")
    _said(capsys, check_frechet_distance(lambda *a: frechet_distance(*a) ** 0.5), False, "square root")
    _said(capsys, check_answer("length_of_100d_noise", 10.1), True, "sqrt(100) = 10")
