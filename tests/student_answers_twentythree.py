"""Round 23: the answers of tester round 21b (issue 35), written by the course's authors from the tester's report (not
blind). A right gradient penalty whose parameters have short names (the order used to be judged by the names); a slerp
of the unit vectors with the length blended in a straight line; noise that is not N(0, I) in a step; an up block with
its layers in another order or one layer too many."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

GP = '''
def my_gradient_penalty({names}):
    eps = torch.rand(len({real}), 1, 1, 1, device={real}.device)
    x_hat = (eps * {real} + (1 - eps) * {fake}).detach().requires_grad_(True)
    grad, = torch.autograd.grad({critic}(x_hat).sum(), x_hat, create_graph=True)
    return (grad.flatten(1).norm(2, dim=1) - 1).pow(2).mean()
'''
for id, names, ok, words in [
        ("b23-gp-short-names", "D_model, r, f", True, []),
        ("b23-gp-dis-r-f", "dis, r, f", True, []),
        ("b23-gp-critic-named-c", "c, r, f", True, []),
        ("b23-gp-critic-last-short-names", "r, f, c", False, ["put the critic first"])]:
    critic = next(name for name in names.split(", ") if name not in ("r", "f"))
    _answer(id, "check_gradient_penalty", "my_gradient_penalty",
            GP.format(names=names, real="r", fake="f", critic=critic), ok, words)

_answer("b23-slerp-of-units-blended-length", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    u0, u1 = z0 / z0.norm(), z1 / z1.norm()
    w = torch.arccos(torch.dot(u0, u1).clamp(-1, 1))
    direction = (torch.sin((1 - t) * w) * u0 + torch.sin(t * w) * u1) / torch.sin(w)
    return direction * ((1 - t) * z0.norm() + t * z1.norm())
''', False, ["direction is slerp's", "straight line"])

STEP = '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = {noise}
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {{"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}}
'''
for id, noise, ok, words in [
        ("b23-cstep-uniform-noise", "torch.empty(len(x), G.latent_dim, device=x.device).uniform_(-1, 1)", False,
         ["not drawn from N(0, I)", "uniform_(-1, 1)"]),
        ("b23-cstep-narrow-noise", "0.6 * torch.randn(len(x), G.latent_dim, device=x.device)", False,
         ["not drawn from N(0, I)"]),
        ("b23-cstep-random-signs", "torch.randint(0, 2, (len(x), G.latent_dim), device=x.device).float() * 2 - 1", False,
         ["not drawn from N(0, I)"]),
        ("b23-cstep-normal-", "torch.empty(len(x), G.latent_dim, device=x.device).normal_()", True, [])]:
    _step(id, "my_conditional_step", STEP.format(noise=noise), ok, words, setting="conditional")

UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
BLOCK = '''
def my_up_block(c_in, c_out):
    return nn.Sequential({layers})
'''
for id, layers, ok, words in [
        ("b23-up-norm-before-convolution", "nn.BatchNorm2d(c_in), nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.ReLU()",
         False, ["comes before the convolution"]),
        ("b23-up-pre-activation", "nn.BatchNorm2d(c_in), nn.ReLU(), nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False)",
         False, ["comes before the convolution"]),
        ("b23-up-convolution-after-relu", "nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), "
         "nn.ReLU(), nn.Conv2d(c_out, c_out, 3, 1, 1)", False, ["after the ReLU"]),
        ("b23-up-upsample-then-convolution", "nn.Upsample(scale_factor=2), nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False), "
         "nn.BatchNorm2d(c_out), nn.ReLU()", True, [])]:
    _answer(id, "check_block_shapes", "my_up_block", BLOCK.format(layers=layers), ok, words, args=UP)
