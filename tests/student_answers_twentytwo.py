"""Round 22: the answers of tester round 20b (issue 35), written by the course's authors from the tester's report (not
blind). A projection D whose logit is bent (it used to pass while every logit of the check happened to be positive) or
whose features are detached; nets whose output carries no gradient, or that ignore the noise given; an R1 helper of its
own cell without create_graph; a class loss as BCE against one-hot labels in the step; G called with its arguments
swapped; class means rounded to uint8 or written for CIFAR-10's shape only; up blocks with a layer too many or a norm
without its scale and shift."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

D_NET = '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = {features}
        return {logit}
'''
PLAIN = "self.features(x.flatten(1))"
LOGIT = "self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)"
for id, features, logit, ok, words in [
        ("b22-proj-relu-on-logit", PLAIN, f"F.relu({LOGIT})", False, ["logit is bent"]),
        ("b22-proj-abs-on-logit", PLAIN, f"torch.abs({LOGIT})", False, ["logit is bent"]),
        ("b22-proj-clamp-on-logit", PLAIN, f"({LOGIT}).clamp(min=0)", False, ["logit is bent"]),
        ("b22-proj-leaky-on-logit", PLAIN, f"F.leaky_relu({LOGIT})", False, ["logit is bent"]),
        ("b22-proj-features-detached-in-projection", PLAIN,
         "self.out(h).squeeze(1) + (self.label_embedding(y) * h.detach()).sum(1)", False, ["cut off", "detached"]),
        ("b22-proj-features-detached-in-out", PLAIN,
         "self.out(h.detach()).squeeze(1) + (self.label_embedding(y) * h).sum(1)", False, ["cut off", "detached"]),
        ("b22-proj-output-detached", PLAIN, f"({LOGIT}).detach()", False, ["carries no gradient"]),
        ("b22-proj-right-einsum", PLAIN, "self.out(h)[:, 0] + torch.einsum('bf,bf->b', self.label_embedding(y), h)",
         True, [])]:
    _answer(id, "check_conditional_net", "MyProjectionDiscriminator", D_NET.format(features=features, logit=logit),
            ok, words)

_answer("b22-proj-features-under-no-grad", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        with torch.no_grad():
            h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1)
''', False, ["no gradient reaches", "features"])

G_NET = '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        {before}
        return self.net(torch.cat([z, self.label_embedding(y)], 1)).view(len(z), *self.image_shape){after}
'''
for id, before, after, ok, words in [
        ("b22-cgen-own-noise", "z = torch.randn_like(z)", "", False, ["random anew every time"]),
        ("b22-cgen-noise-zeroed", "z = z * 0", "", False, ["does not use the z"]),
        ("b22-cgen-output-detached", "pass", ".detach()", False, ["carries no gradient"])]:
    _answer(id, "check_conditional_net", "MyConditionalGenerator", G_NET.format(before=before, after=after), ok, words)

_step("b22-r1-helper-of-its-own-without-create-graph", "my_dcgan_step", '''
def r1_penalty_of(real_logits, x):
    grad, = torch.autograd.grad(real_logits.sum(), x)
    return grad.pow(2).flatten(1).sum(1).mean()


def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    penalty = r1_gamma / 2 * r1_penalty_of(real_logits, x) if r1_gamma else 0.0
    (loss_d + penalty).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["create_graph=True"], setting="r1")

_step("b22-class-loss-one-hot-bce", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    (real_logits, real_classes), fake_logits = D(x, y, classify=True), D(fake.detach(), y)
    one_hot = F.one_hot(y, real_classes.shape[1]).float()
    loss_d = discriminator_loss(real_logits, fake_logits) + class_weight * F.binary_cross_entropy_with_logits(real_classes, one_hot)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, classes = D(fake, y, classify=True)
    loss_g = generator_loss(logits) + class_weight * F.binary_cross_entropy_with_logits(classes, one_hot)
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["one-hot labels"], setting="class")

_step("b22-cgan-step-g-arguments-swapped", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(y, z)
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
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["arguments are swapped", "G(z, y)"], setting="conditional")

_answer("b22-means-rounded-to-uint8", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(0) for c in range(10)]).to(torch.uint8)
''', False, ["torch.uint8", "return them as floats"])
_answer("b22-means-cifar-shape-written-in", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = torch.zeros(10, 3, 32, 32)
    for c in range(10):
        means[c] = images[labels == c].float().mean(0)
    return means
''', False, ["3 x 32 x 32 images only", "images.shape[1:]"])
_answer("b22-means-shape-from-the-images", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = torch.zeros(10, *images.shape[1:])
    for c in range(10):
        means[c] = images[labels == c].float().mean(0)
    return means
''', True)

UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
BLOCK = '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), {layers})
'''
for id, layers, ok, words in [
        ("b22-up-sigmoid-after-relu", "nn.BatchNorm2d(c_out), nn.ReLU(True), nn.Sigmoid()", False, ["Sigmoid"]),
        ("b22-up-dropout", "nn.BatchNorm2d(c_out), nn.ReLU(True), nn.Dropout(0.5)", False, ["Dropout"]),
        ("b22-up-batchnorm-twice", "nn.BatchNorm2d(c_out), nn.BatchNorm2d(c_out), nn.ReLU(True)", False,
         ["2 BatchNorm2d layers"]),
        ("b22-up-batchnorm-not-affine", "nn.BatchNorm2d(c_out, affine=False), nn.ReLU(True)", False, ["affine=False"]),
        ("b22-up-batchnorm-momentum", "nn.BatchNorm2d(c_out, momentum=0.2), nn.ReLU(inplace=False)", True, [])]:
    _answer(id, "check_block_shapes", "my_up_block", BLOCK.format(layers=layers), ok, words, args=UP)
