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
        z = torch.randn(len(x), G.latent_dim, device=x.device)
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
        with torch.no_grad():
            d_real, d_fake = torch.sigmoid(D(x)).mean(), torch.sigmoid(D(fake)).mean()
        return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
    return step


@pytest.mark.parametrize("step,expected,words", [
    (train_step, True, ["Correct", "descends D's loss"]),
    (_step(), True, ["Correct"]),
    (_step(detach=False), False, ["backward() went twice", "D(fake.detach())"]),
    (_step(d_first=False), False, ["G is updated before D"]),
    (_step(zero_d=False), False, ["not zeroed at the start of D's update", "opt_d.zero_grad()"]),
    # D not frozen in G's update (the PyTorch DCGAN tutorial): its stray gradients are zeroed before its next update
    (_step(freeze=False), True, ["Correct"]),
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
    up = nn.Sequential(nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU())
    _said(capsys, check_block_shapes(up, (2, 64, 7, 7), (2, 32, 14, 14)), True, "Correct")
    _said(capsys, check_block_shapes(up[0], (2, 64, 7, 7), (2, 32, 14, 14)), False, "no BatchNorm2d")
    _said(capsys, check_block_shapes(up, (2, 64, 8, 8), (2, 32, 14, 14)), False, "(2, 32, 16, 16)", "expects (2, 32, 14, 14)")
    assert ConvGenerator().latent_dim == 100


def test_numbers_with_known_answers(capsys):
    _said(capsys, check_answer("optimal_d_when_pg_equals_pdata", 0.5), True, "1/2")
    _said(capsys, check_answer("value_at_the_optimum", -1.0), False, "is not it")
    _said(capsys, check_answer("dcgan_28_receptive_field", None), False, "not answered yet")
    assert all(len(entry) == 3 for entry in ANSWERS.values())
    _said(capsys, check_answer("nonsense", 1), False, "there is no exercise")  # a verdict, never a traceback


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


def _general_step(labels=True, r1=True, class_d=True, class_g=True):
    """A student's step for every variant, written out, with one of its new parts switchable off."""
    from ganlib.losses import class_loss, discriminator_loss, generator_loss, r1_penalty

    def judge(D, x, y, weight, on):
        if weight and on:
            logits, class_logits = D(x, y, classify=True)
            return logits, weight * class_loss(class_logits, y)
        return D(x, y if labels else torch.zeros_like(y) if y is not None else None), 0.0

    def step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0, class_weight=0.0):
        fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
        opt_d.zero_grad()
        if r1_gamma:
            x = x.detach().requires_grad_(True)
        real_logits, naming = judge(D, x, y, class_weight, class_d)
        fake_logits = D(fake.detach(), y)
        loss_d = discriminator_loss(real_logits, fake_logits)
        penalty = r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma and r1 else 0.0
        (loss_d + naming + penalty).backward()
        opt_d.step()
        opt_g.zero_grad()
        with frozen(D):
            logits, naming = judge(D, fake, y, class_weight, class_g)
            loss_g = generator_loss(logits)
            (loss_g + naming).backward()
        opt_g.step()
        return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": torch.sigmoid(real_logits).mean().detach(),
                "d_fake": torch.sigmoid(fake_logits).mean().detach()}
    return step


@pytest.mark.parametrize("step,options,expected,words", [
    (_general_step(), {"conditional": True}, True, ["labels passed to both nets"]),
    (_general_step(), {"r1_gamma": 4.0}, True, ["R1 penalty on D"]),
    (_general_step(), {"class_weight": 1.0}, True, ["class loss in both updates"]),
    (_general_step(labels=False), {"conditional": True}, False, ["D(x, y)"]),
    (_general_step(r1=False), {"r1_gamma": 4.0}, False, ["no R1 penalty", "r1_gamma / 2"]),
    (_general_step(class_d=False), {"class_weight": 1.0}, False, ["has no class loss", "classify=True"]),
    (_general_step(class_g=False), {"class_weight": 1.0}, False, ["G's has no class loss"]),
])
def test_the_step_check_for_labels_r1_and_the_class_loss(capsys, step, options, expected, words):
    _said(capsys, check_train_step(step, **options), expected, *words)


def test_the_conditional_net_check_compares_with_the_course_net(capsys):
    from ganlib.course.exercises import check_conditional_net
    from ganlib.nets import MLPDiscriminator

    class Concatenating(MLPGenerator):
        def forward(self, z, y):
            return self.net(torch.cat([z, self.label_embedding(y)], 1)).view(len(z), *self.image_shape)

    class Reversed(MLPGenerator):  # the label first: a cGAN, but not the course's net (its checkpoint would load wrong)
        def forward(self, z, y):
            return self.net(torch.cat([self.label_embedding(y), z], 1)).view(len(z), *self.image_shape)

    class Projecting(MLPDiscriminator):
        def forward(self, x, y):
            h = self.features(x.flatten(1))
            return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)

    class Deaf(MLPDiscriminator):
        def forward(self, x, y):
            return self.out(self.features(x.flatten(1))).squeeze(1)

    class Unsqueezed(MLPDiscriminator):
        def forward(self, x, y):
            h = self.features(x.flatten(1))
            return self.out(h) + (self.label_embedding(y) * h).sum(1, keepdim=True)

    _said(capsys, check_conditional_net(Concatenating), True, "Correct", "MLPGenerator")
    _said(capsys, check_conditional_net(Reversed), False, "comes before the noise", "put the noise first")
    _said(capsys, check_conditional_net(Projecting), True, "Correct", "MLPDiscriminator")
    _said(capsys, check_conditional_net(Deaf), False, "the label is ignored")
    _said(capsys, check_conditional_net(Unsqueezed), False, "(10, 1)", "squeeze")


def test_use_yours_takes_the_students_code_only_once_it_passed(capsys):
    from ganlib.course.exercises import Verdict, use_yours

    def mine():
        pass

    assert use_yours(Verdict(True), mine, train_step) is mine
    assert "Training with your mine" in capsys.readouterr().out
    assert use_yours(Verdict(False), mine, train_step) is train_step
    assert "uses the course's train_step" in capsys.readouterr().out


def test_a_students_block_builds_the_same_generator():
    """ConvGenerator(block=...) trains a student's block; the weights keep their names, so checkpoints load."""
    def my_block(c_in, c_out):
        return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))

    torch.manual_seed(0)
    course = ConvGenerator()
    torch.manual_seed(0)
    mine = ConvGenerator(block=my_block)
    assert list(course.state_dict()) == list(mine.state_dict())
    z = torch.randn(4, 100)
    assert torch.equal(course.eval()(z), mine.eval()(z))


# ---- the student's code trains the real model ------------------------------------------------------------------

def _digits(n=128):
    return torch.randint(0, 256, (n, 1, 28, 28), dtype=torch.uint8, generator=torch.Generator().manual_seed(0))


def _plain_step(G, D, opt_g, opt_d, x, y=None):
    """A student's step with the plain signature: no class_weight, precision or r1_gamma."""
    from ganlib.losses import discriminator_loss, generator_loss
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    with frozen(D):
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}


def test_train_runs_a_students_plain_step_exactly_like_the_course_step():
    from ganlib import TrainConfig, build_nets, seed_everything, train
    weights = []
    for step in (None, _plain_step):
        seed_everything(0)
        G, D = build_nets("gan")
        history = train(G, D, _digits(), None, TrainConfig(epochs=2, batch_size=32, progress=False, smoke=False,
                                                          health_checks=()), step=step)
        assert len(history.d_fake) == 1 and history.stop_reason == "finished 2 epochs"
        weights.append([p.detach().clone() for p in G.parameters()])
    assert all(torch.equal(a, b) for a, b in zip(*weights))


def test_a_setting_the_students_step_cannot_honour_is_refused_before_training():
    from ganlib import TrainConfig, build_nets, train
    G, D = build_nets("dcgan")
    with pytest.raises(TypeError, match=r"config.r1_gamma is 1.0, but your step _plain_step\(\) has no r1_gamma"):
        train(G, D, _digits(), None, TrainConfig(variant="dcgan", r1_gamma=1.0, smoke=False, progress=False),
              step=_plain_step)


def test_resuming_with_changed_settings_says_which(tmp_path, capsys):
    from ganlib import TrainConfig, build_nets, seed_everything, train
    settings = dict(epochs=1, batch_size=32, progress=False, smoke=False, checkpoint_dir=str(tmp_path), health_checks=())
    seed_everything(0)
    train(*build_nets("gan"), _digits(), None, TrainConfig(**settings))
    capsys.readouterr()
    train(*build_nets("gan"), _digits(), None, TrainConfig(**{**settings, "epochs": 2}), resume=True)
    assert "you changed settings" not in capsys.readouterr().err  # more epochs is what resuming is for
    train(*build_nets("gan"), _digits(), None, TrainConfig(**{**settings, "epochs": 3, "lr_g": 1e-3}), resume=True)
    err = capsys.readouterr().err
    assert "you changed settings" in err and "lr_g: 0.0002 -> 0.001" in err and "in another folder" in err


def test_a_students_subclass_is_saved_as_the_course_class(tmp_path):
    from ganlib import load_checkpoint, save_checkpoint
    from ganlib.nets import MLPDiscriminator

    class MyConditionalGenerator(MLPGenerator):
        def forward(self, z, y):
            return self.net(torch.cat([z, self.label_embedding(y)], 1)).view(len(z), *self.image_shape)

    G = MyConditionalGenerator(n_classes=10)
    save_checkpoint(tmp_path / "mine.pt", G, MLPDiscriminator(n_classes=10))
    loaded = load_checkpoint(tmp_path / "mine.pt")
    loaded = loaded[0] if isinstance(loaded, tuple) else loaded
    assert type(loaded) is MLPGenerator
    z, y = torch.randn(3, 100), torch.arange(3)
    assert torch.equal(loaded.eval()(z, y), G.eval()(z, y))


def test_the_shape_check_takes_a_block_maker_and_an_unanswered_layer(capsys):
    def maker(c_in, c_out):
        return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU())

    def stub(c_in, c_out):
        raise NotWrittenYet("a transposed convolution, batch norm, ReLU")

    _said(capsys, check_block_shapes(maker, (2, 64, 7, 7), (2, 32, 14, 14)), True, "Correct")
    _said(capsys, check_block_shapes(stub, (2, 64, 7, 7), (2, 32, 14, 14)), False, "not written yet", "batch norm")
    _said(capsys, check_block_shapes(None, (2, 3, 64, 64), (2, 16, 32, 32)), False, "not answered yet")
    _said(capsys, check_block_shapes(nn.Conv2d(3, 16, 4, 2, 0), (2, 3, 64, 64), (2, 16, 32, 32)), False,
          "(2, 16, 31, 31)", "for a convolution")
