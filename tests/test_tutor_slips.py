"""Slips a student makes that the checks must name in a sentence, never a raw PyTorch error or "the check itself
failed" (tester round seventeen of issue 35): labels off by one, a step written for MNIST's ten classes, cross_entropy's
arguments swapped, nets in float64 or float16, answers returned beside other values or made tuples by a trailing comma,
NumPy in a step (it stops on a GPU), the stale-D slip in a step without a penalty, and a penalty's parameters in
another order.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ganlib import MLPDiscriminator, MLPGenerator, train_step
from ganlib.course.data_checks import check_class_means, check_model_input
from ganlib.course.exercises import check_answer, check_block_shapes, check_conditional_net, check_slerp, check_train_step
from ganlib.course.objective_checks import (check_class_loss_halves, check_critic, check_gradient_penalty,
                                            check_hinge_loss)
from ganlib.losses import discriminator_loss, generator_loss


def _no_raw_error(verdict, capsys):
    out = capsys.readouterr().out
    assert not verdict.ok and "Traceback" not in out and "could not be checked" not in verdict.text
    return verdict.text


def test_labels_numbered_from_one_are_named(capsys):
    class ShiftedGenerator(MLPGenerator):
        def forward(self, z, y):
            return self.net(torch.cat([z, self.label_embedding(y + 1)], dim=1)).view(len(z), *self.image_shape)

    def shifted_losses(D, real, fake, y):
        return (F.cross_entropy(D(real, y, classify=True)[1], y + 1),
                F.cross_entropy(D(fake, y, classify=True)[1], y + 1))
    for verdict in (check_conditional_net(ShiftedGenerator), check_class_loss_halves(shifted_losses)):
        assert "numbered from 0" in _no_raw_error(verdict, capsys)


def test_labels_off_by_one_in_a_step_are_named(capsys):
    def step(G, D, opt_g, opt_d, x, y):  # the ten-class step of the battery (b15-cstep-randint-ten) passes
        return train_step(G, D, opt_g, opt_d, x, y + 1)
    assert "numbered from 0" in _no_raw_error(check_train_step(step, conditional=True), capsys)


def test_cross_entropy_swapped_or_without_classify_is_named(capsys):
    def swapped(D, real, fake, y):
        return F.cross_entropy(y, D(real, y, classify=True)[1]), F.cross_entropy(y, D(fake, y, classify=True)[1])

    def no_classify(D, real, fake, y):
        return F.cross_entropy(D(real, y)[1], y), F.cross_entropy(D(fake, y)[1], y)
    assert "swapped" in _no_raw_error(check_class_loss_halves(swapped), capsys)
    assert "classify=True" in _no_raw_error(check_class_loss_halves(no_classify), capsys)


def test_a_projection_in_float64_is_right_and_half_precision_is_named(capsys):
    class Float64Projection(MLPDiscriminator):
        def forward(self, x, y):
            h = self.features(x.flatten(1))
            return self.out(h).squeeze(1) + (self.label_embedding(y).double() * h.double()).sum(1)

    class HalfGenerator(MLPGenerator):
        def forward(self, z, y):
            return self.net(torch.cat([z, self.label_embedding(y)], 1)).view(len(z), *self.image_shape).half()
    assert check_conditional_net(Float64Projection).ok
    assert "float16" in _no_raw_error(check_conditional_net(HalfGenerator), capsys)


def test_an_answer_beside_other_values_or_in_a_trailing_comma_tuple_is_named(capsys):
    def slerp_and_t(z0, z1, t):
        t = t.reshape(-1, 1)
        w = torch.arccos(torch.dot(z0 / z0.norm(), z1 / z1.norm()).clamp(-1, 1))
        return (torch.sin((1 - t) * w) * z0 + torch.sin(t * w) * z1) / torch.sin(w), t

    def means_and_counts(images, labels):
        return torch.stack([images[labels == c].float().mean(0) for c in range(10)]), torch.bincount(labels)

    def input_and_shape(photos):
        return photos.permute(0, 3, 1, 2).float() / 127.5 - 1, photos.shape
    for verdict in (check_slerp(slerp_and_t), check_class_means(means_and_counts), check_model_input(input_and_shape)):
        text = _no_raw_error(verdict, capsys)
        assert "return only" in text and "torch.stack" not in text
    assert "trailing comma" in _no_raw_error(check_answer("optimal_d_when_pg_equals_pdata", (0.5,)), capsys)
    assert "trailing comma" in _no_raw_error(check_block_shapes((nn.Conv2d(3, 16, 4, 2, 1),), (2, 3, 64, 64),
                                                                (2, 16, 32, 32)), capsys)
    text = _no_raw_error(check_answer("optimal_d_when_pg_equals_pdata", "0.5"), capsys)
    assert "1.39" not in text and "log(4)" not in text  # another exercise's answer is not the example


def test_numpy_in_a_step_is_told_it_stops_on_a_gpu(capsys):
    def step(G, D, opt_g, opt_d, x, y=None):
        return {name: np.float32(value) for name, value in train_step(G, D, opt_g, opt_d, x, y).items()}
    text = _no_raw_error(check_train_step(step), capsys)
    assert "NumPy" in text and "made on the CPU" not in text and "makes a tensor on the CPU" not in text


def test_the_stale_d_slip_without_a_penalty_is_not_told_of_a_penalty(capsys):
    def step(G, D, opt_g, opt_d, x, y=None):
        fake = G(torch.randn(len(x), G.latent_dim, device=x.device))
        opt_d.zero_grad()
        real_logits, fake_logits = D(x), D(fake)  # fake_logits kept for G's loss: stale after opt_d.step()
        loss_d = discriminator_loss(real_logits, D(fake.detach()))
        loss_d.backward()
        opt_d.step()
        loss = generator_loss(fake_logits)
        opt_g.zero_grad(); loss.backward()  # noqa: E702 (the line the error names holds "zero_grad")
        opt_g.step()
        return {"loss_d": loss_d.detach(), "loss_g": loss.detach(),
                "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
    text = _no_raw_error(check_train_step(step), capsys)
    assert "penalty" not in text and "Compute D(fake) again after opt_d.step()" in text


def test_a_penalty_with_the_critic_last_is_told_the_order(capsys):
    def gradient_penalty(real, fake, D):
        eps = torch.rand(len(real), 1, 1, 1, device=real.device)
        x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
        grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
        return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
    assert "penalty(D, real, fake)" in _no_raw_error(check_gradient_penalty(gradient_penalty), capsys)


# ---- tester round 18b ------------------------------------------------------------------------------------------

def test_half_or_twice_is_said_of_terms_only_where_there_are_terms(capsys):
    assert "terms" not in _no_raw_error(check_answer("accuracy_of_a_label_blind_generator", 0.05), capsys)
    assert "both terms" in _no_raw_error(check_answer("class_kl_of_two_equal_classes", math.log(5) / 2), capsys)


def test_a_list_holding_only_the_answer_is_told_so(capsys):
    assert "without the brackets" in _no_raw_error(check_answer("inception_score_of_five_sure_classes", [5]), capsys)
    text = _no_raw_error(check_class_means(
        lambda images, labels: torch.stack([images[labels == c].float().mean(0) for c in range(10)]).tolist()), capsys)
    assert "Python list" in text and "other values" not in text


def test_class_means_in_numpy_are_told_the_next_cell_needs_a_tensor(capsys):
    def numpy_means(images, labels):
        return np.stack([images.numpy()[labels.numpy() == c].mean(0) for c in range(10)])
    assert "torch.from_numpy" in _no_raw_error(check_class_means(numpy_means), capsys)


def test_layers_and_nets_the_block_checks_meet(capsys):
    sn = nn.utils.parametrizations.spectral_norm(nn.Conv2d(3, 16, 4, 2, 1))
    assert check_block_shapes(sn, (2, 3, 64, 64), (2, 16, 32, 32)).ok
    text = _no_raw_error(check_block_shapes(nn.Conv2d(1, 16, 4, 2, 1), (2, 3, 64, 64), (2, 16, 32, 32)), capsys)
    assert "swapped" not in text and "here 3" in text
    modules = nn.ModuleList([nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2)])
    assert "nn.Sequential" in _no_raw_error(check_block_shapes(modules, (2, 3, 64, 64), (2, 16, 32, 32)), capsys)
    layers = [nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(32 * 14 * 14, 1), nn.Flatten(0)]
    assert "nn.Sequential(*layers)" in _no_raw_error(check_critic(lambda: list(layers)), capsys)
    assert "trailing comma" in _no_raw_error(check_critic(lambda: (nn.Sequential(*layers),)), capsys)


def test_a_penalty_returned_beside_other_values_is_not_told_of_two_terms_or_item(capsys):
    def penalty_and_norms(D, real, fake):
        eps = torch.rand(len(real), 1, 1, 1, device=real.device)
        x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
        grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
        norms = grad.flatten(1).norm(dim=1)
        return ((norms - 1) ** 2).mean(), norms
    text = _no_raw_error(check_gradient_penalty(penalty_and_norms), capsys)
    assert "loss_real" not in text and "return only" in text
    text = _no_raw_error(check_gradient_penalty(lambda D, real, fake: {"gp": penalty_and_norms(D, real, fake)[0]}),
                         capsys)
    assert ".item()" not in text and "dict" in text


def test_hinge_margins_are_not_named_as_a_missing_term_or_max(capsys):
    for m_real, m_fake in ((0.5, 0.5), (0, 0.5), (0.5, 0)):
        text = _no_raw_error(check_hinge_loss(lambda r, f: F.relu(m_real - r).mean() + F.relu(m_fake + f).mean(),
                                              lambda f: -f.mean()), capsys)
        assert "has no max(0" not in text and "term is there" not in text


def test_a_conditional_net_of_its_own_making_is_told_what_to_keep(capsys):
    class OwnEmbedding(MLPGenerator):
        def __init__(self, **options):
            super().__init__(**options)
            self.emb = nn.Embedding(10, 10)

        def forward(self, z, y):
            return self.net(torch.cat([z, self.emb(y)], 1)).view(len(z), *self.image_shape)

    class FromScratch(nn.Module):
        def forward(self, z, y):
            return z

    class Inherited(MLPDiscriminator):
        pass
    assert "layers of its own" in _no_raw_error(check_conditional_net(OwnEmbedding), capsys)
    assert "subclass" in _no_raw_error(check_conditional_net(FromScratch), capsys)
    assert "no forward of its own" in _no_raw_error(check_conditional_net(Inherited), capsys)


def test_a_flipped_adversarial_part_beside_the_class_loss_is_named(capsys):
    def step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
        fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
        (real_logits, real_classes), fake_logits = D(x, y, classify=True), D(fake.detach(), y)
        opt_d.zero_grad(); (-discriminator_loss(real_logits, fake_logits) + class_weight * F.cross_entropy(real_classes, y)).backward(); opt_d.step()  # noqa: E702,E501
        logits, classes = D(fake, y, classify=True)
        opt_g.zero_grad(); (generator_loss(logits) + class_weight * F.cross_entropy(classes, y)).backward(); opt_g.step()  # noqa: E702,E501
        return {"loss_d": discriminator_loss(real_logits, fake_logits).detach(), "loss_g": generator_loss(logits).detach(),
                "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
    assert "real/fake loss is flipped" in _no_raw_error(check_train_step(step, class_weight=1.0), capsys)
