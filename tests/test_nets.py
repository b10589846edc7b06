"""Every net of the four variants: shapes, labels, and clear errors."""
import pytest
import torch

from ganlib import VARIANTS, ConvDiscriminator, ConvGenerator, MLPDiscriminator, build_nets


def _inputs(G, batch=4):
    z = torch.randn(batch, G.latent_dim)
    y = torch.randint(0, 10, (batch,)) if G.n_classes else None
    return z, y


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_variant_has_the_shared_call_signature(variant):
    G, D = build_nets(variant)
    z, y = _inputs(G)
    x = G(z, y)
    assert x.shape == (4, 1, 28, 28)
    assert x.min() >= -1 and x.max() <= 1  # tanh output, the data's range
    assert D(x, y).shape == (4,)
    assert (G.n_classes == 10) == variant.startswith("c") and D.n_classes == G.n_classes


@pytest.mark.parametrize("size,channels", [(28, 1), (32, 3), (64, 3)])
@pytest.mark.parametrize("n_classes", [None, 10])
def test_one_conv_family_for_every_size(size, channels, n_classes):
    G = ConvGenerator(latent_dim=16, n_classes=n_classes, image_size=size, channels=channels, width=8)
    D = ConvDiscriminator(n_classes=n_classes, image_size=size, channels=channels, width=8)
    z, y = _inputs(G, 3)
    x = G(z, y)
    assert x.shape == (3, channels, size, size)
    assert D(x, y).shape == (3,)


def test_hidden_layer_of_the_conv_nets():
    plain, deeper = ConvGenerator(), ConvGenerator(hidden=64)
    assert [type(m).__name__ for m in plain.project] == ["Linear", "BatchNorm1d", "ReLU"]  # old checkpoints still fit
    assert [m.out_features for m in deeper.project if isinstance(m, torch.nn.Linear)] == [64, 64 * 7 * 7]
    assert deeper(torch.randn(3, 100)).shape == (3, 1, 28, 28)
    assert type(deeper)(**deeper.settings).project[0].out_features == 64  # rebuilt from a checkpoint's settings
    assert [type(m).__name__ for m in ConvDiscriminator().features][-1] == "Flatten"
    for n_classes in (None, 10):  # the projection's label vectors take the hidden layer's size
        G, D = build_nets("cdcgan" if n_classes else "dcgan", hidden=64)
        assert isinstance(D.features[-2], torch.nn.Linear) and D.out.in_features == 64
        y = torch.arange(3) if n_classes else None
        assert D(G(torch.randn(3, 100), y), y).shape == (3,)
    with pytest.raises(ValueError, match="hidden=8 is for the conv nets"):
        build_nets("gan", hidden=8)


@pytest.mark.parametrize("variant,projection", [("cgan", True), ("cdcgan", True), ("cgan", False), ("cdcgan", False)])
def test_conditional_nets_use_the_label(variant, projection):
    G, D = build_nets(variant)
    if not projection:  # the label as an extra input (MLP) or an extra image channel (conv)
        D = type(D)(**{**D.settings, "projection": False})
        assert not D.projection
    G.eval(), D.eval()
    z = torch.randn(4, G.latent_dim)
    x3, x7 = G(z, torch.full((4,), 3)), G(z, torch.full((4,), 7))
    assert not torch.allclose(x3, x7), "changing y must change G's output"
    assert not torch.allclose(D(x3, torch.full((4,), 3)), D(x3, torch.full((4,), 7)))


def test_bad_shapes_and_names_get_clear_errors():
    G, D = build_nets("cgan")
    with pytest.raises(ValueError, match=r"z must have shape \(batch, 100\)"):
        G(torch.randn(4, 7), torch.zeros(4, dtype=torch.long))
    with pytest.raises(ValueError, match="conditional: pass labels"):
        G(torch.randn(4, 100))
    with pytest.raises(ValueError, match=r"x must have shape \(batch, 1, 28, 28\)"):
        D(torch.randn(4, 3, 32, 32), torch.zeros(4, dtype=torch.long))
    with pytest.raises(ValueError, match="unknown variant 'wgan': choose one of gan, cgan, dcgan, cdcgan"):
        build_nets("wgan")


def test_projection_adds_the_label_embedding_dotted_with_the_features():
    D = MLPDiscriminator(n_classes=10, projection=True).eval()
    x, y = torch.rand(3, 1, 28, 28) * 2 - 1, torch.tensor([1, 4, 9])
    h = D.features(x.flatten(1))
    expected = D.out(h).squeeze(1) + (D.label_embedding(y) * h).sum(1)
    assert torch.allclose(D(x, y), expected)

