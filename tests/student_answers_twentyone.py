"""Round 21: the answers of tester round 19b (issue 35), written by the course's authors from the tester's report (not
blind). Critics whose scores bend after the last layer however the bend is written (a scaled tanh, a ReLU as a mask,
a logsigmoid, a square) and the free ones (a sign, an affine map, a weight of the student's own); block makers that
return the block beside something else; an R1 gradient written over two lines; a real/fake loss scaled beside a right
R1 term or class loss (the same update as a wrongly weighted extra term, told apart by the scale); lists and a
True/False tensor given for one number."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

CRITIC = '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(32, 64, 4, 2, 1),
                                  nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        s = self.body(x).view(-1)
        return {end}
'''
for id, end, ok, words in [
        ("b21-critic-scaled-tanh", "10 * torch.tanh(s)", False, ["bend", "both sides"]),
        ("b21-critic-sigmoid-rescaled", "2 * torch.sigmoid(s) - 1", False, ["bend", "both sides"]),
        ("b21-critic-one-minus-sigmoid", "1 - torch.sigmoid(s)", False, ["bend"]),
        ("b21-critic-softsign", "F.softsign(s)", False, ["bend", "both sides"]),
        ("b21-critic-logsigmoid", "F.logsigmoid(s)", False, ["bend", "one side"]),
        ("b21-critic-where-relu", "torch.where(s > 0, s, torch.zeros_like(s))", False, ["bend", "one side"]),
        ("b21-critic-mask-relu", "s * (s > 0)", False, ["bend", "one side"]),
        ("b21-critic-maximum-zero", "torch.maximum(s, torch.zeros_like(s))", False, ["bend", "one side"]),
        ("b21-critic-negative-relu", "-F.relu(s)", False, ["bend", "one side"]),
        ("b21-critic-negative-softplus", "-F.softplus(s)", False, ["bend", "one side"]),
        ("b21-critic-squared", "s ** 2", False, ["same score for t and -t"]),
        ("b21-critic-negated", "-s", True, []),
        ("b21-critic-affine", "2 * s + 1", True, []),
        ("b21-critic-scaled-down", "s / 100", True, [])]:
    _answer(id, "check_critic", "Critic", CRITIC.format(end=end), ok, words)

# A ReLU at the end of a critic whose scores all come out below 0 with this seed: it used to be called "one linear map"
_answer("b21-critic-relu-end-all-negative", "check_critic", "critic", '''
torch.manual_seed(5)
critic = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                       nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0), nn.ReLU())
''', False, ["ReLU", "cannot go below 0"])

# RIGHT: the last linear map written with a weight of the critic's own, F.linear in forward
_answer("b21-critic-own-last-weight", "check_critic", "Critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten())
        self.w = nn.Parameter(torch.randn(1, 32 * 14 * 14) * 0.01)
        self.b = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return F.linear(self.features(x), self.w, self.b).view(-1)
''', True)

# RIGHT: a convolution as the last layer, its map averaged into one score per image
_answer("b21-critic-conv-last-mean", "check_critic", "Critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(32, 1, 3, 1, 1))

    def forward(self, x):
        return self.net(x).mean(dim=(1, 2, 3))
''', True)

UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
_answer("b21-up-block-beside-a-name", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    block = nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
    return block, f"{c_in}->{c_out}"
''', False, ["return only the block"], args=UP)
_answer("b21-up-block-list-with-none", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return [nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True), None]
''', False, ["item 4", "not a layer"], args=UP)
_answer("b21-up-block-tuple-of-layers", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return (nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', True, args=UP)

R1_STEP = '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits, fake_logits = D(x, y), D({fakes}, y)
    loss_d = {d_loss}
    penalty = 0.0
    if r1_gamma:
        grad, = torch.autograd.grad(outputs=real_logits.sum(), inputs=x,
                                    create_graph=True)
        penalty = r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    (loss_d + penalty).backward()
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
BCE = ("F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits){r})"
       " + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits){r})")
for id, fakes, d_loss, ok, words, bug in [
        ("b21-r1-create-graph-on-its-own-line", "fake.detach()", BCE.format(r=""), True, [], False),
        ("b21-r1-split-grad-fakes-not-detached", "fake", BCE.format(r=""), False, ["not detached"], True),
        ("b21-r1-d-loss-summed", "fake.detach()", BCE.format(r=", reduction='sum'"), False,
         ["R1 term is right", "sum over the batch"], False),
        ("b21-r1-d-loss-halved", "fake.detach()", "0.5 * (" + BCE.format(r="") + ")", False,
         ["R1 term is right", "(real + fake) / 2"], False),
        ("b21-r1-d-loss-quartered", "fake.detach()", "0.25 * (" + BCE.format(r="") + ")", False,
         ["R1 term is right", "1/4 of the course's"], False)]:
    _step(id, "my_dcgan_step", R1_STEP.format(fakes=fakes, d_loss=d_loss), ok, words, setting="r1", student_bug=bug)

_step("b21-class-d-loss-doubled", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(len(x), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    (real_logits, real_classes), fake_logits = D(x, y, classify=True), D(fake.detach(), y)
    loss_d = 2 * discriminator_loss(real_logits, fake_logits) + class_weight * class_loss(real_classes, y)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    logits, classes = D(fake, y, classify=True)
    loss_g = generator_loss(logits) + class_weight * class_loss(classes, y)
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["class loss is right", "2 times the course's"], setting="class")

ANSWER = {"answer_name": "optimal_d_when_pg_equals_pdata"}
_answer("b21-answer-list-of-two", "check_answer", "optimal_d_when_pg_equals_pdata",
        "optimal_d_when_pg_equals_pdata = [0.5, 0.5]", False, ["one number", "not a list"], args=ANSWER)
_answer("b21-answer-bool-tensor", "check_answer", "optimal_d_when_pg_equals_pdata",
        "optimal_d_when_pg_equals_pdata = torch.tensor(0.5) > 0", False, ["yes or no"], args=ANSWER)
_answer("b21-hinge-g-in-a-list", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return [-fake_scores.mean()]
''', False, ["list of one", "leave out the brackets"], args={"generator_name": "my_hinge_g_loss"})
