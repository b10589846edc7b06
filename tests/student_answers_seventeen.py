"""Blind round 17: 115 answers to six checks of notebooks 02, 06, 07 and 09 (the hinge loss, the critic, the gradient
penalty, the class means, the photos' way into the nets, the conditional nets), written by a helper who had seen
neither the checks nor the other batteries (only this format), from the student notebooks and ganlib's nets and losses.
The emphasis: right answers in unusual but correct styles (index_add_, scatter, einsum, sparse products,
hinge_embedding_loss, lerp, spectral norm, layer and group norm, float64 on the way), and wrong answers of the wrong
type (detached, .item(), rebuilt from a list, integer, bool, complex, NaN, meta device, object arrays), with side
effects (in-place changes of the inputs), with the wrong parameters, that change between calls, plus each exercise's
textbook mistakes. Right answers were computed by hand against references written for the purpose; the checks were
not run on them.

On the checks as they stood, 114 of 115 verdicts agreed with the writer's. The writer's words differed from the
course's phrasing in five (kept as the course says them: "in-place", "swapped", "hinge", "bgr"). Two wrong answers were
rejected but not named, and now are: a loss with noise inside ("something random") and a penalty that changes its
images in place. Where writer and course disagreed, the course's reading is used: a critic with dropout is right (each
image is still judged on its own)."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

"""Battery b17, part 01: check_critic (notebook 09)."""

C, N = "check_critic", "make_critic"

# RIGHT: one nn.Sequential, nn.Flatten(0) at the end turns (B, 1) into (B,)
_answer("b17-critic-sequential-flatten0", C, N, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0))
''', True)

# RIGHT: an nn.Module subclass, squeeze(1) keeps the batch axis for a batch of one
_answer("b17-critic-module-subclass", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1)
        self.fc = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(self.conv1(x), 0.2)
        h = F.leaky_relu(self.conv2(h), 0.2)
        return self.fc(h.flatten(1)).squeeze(1)


def make_critic():
    return Critic()
''', True)

# RIGHT: every layer wrapped in the parametrizations' spectral norm (the SNGAN critic the notebook describes)
_answer("b17-critic-spectral-norm-parametrization", C, N, '''
from torch.nn.utils.parametrizations import spectral_norm


def make_critic():
    return nn.Sequential(
        spectral_norm(nn.Conv2d(1, 32, 4, 2, 1)), nn.LeakyReLU(0.2),
        spectral_norm(nn.Conv2d(32, 64, 4, 2, 1)), nn.LeakyReLU(0.2),
        nn.Flatten(), spectral_norm(nn.Linear(64 * 7 * 7, 1)), nn.Flatten(0))
''', True)

# RIGHT: layer norm after the second convolution, as the WGAN-GP paper suggests (per image, not per batch)
_answer("b17-critic-layer-norm", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 4, 2, 1), nn.LayerNorm([64, 7, 7]), nn.LeakyReLU(0.2),
            nn.Flatten())
        self.score = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        return self.score(self.features(x)).view(-1)


def make_critic():
    return Critic()
''', True)

# RIGHT: group norm with one group per image (normalises each image on its own), helper that makes the blocks
_answer("b17-critic-group-norm-blocks", C, N, '''
def down(c_in, c_out):
    return [nn.Conv2d(c_in, c_out, 4, 2, 1), nn.GroupNorm(1, c_out), nn.LeakyReLU(0.2, inplace=True)]


class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(*down(1, 32), *down(32, 64), nn.Flatten())
        self.head = nn.Linear(3136, 1)

    def forward(self, images):
        return self.head(self.body(images))[:, 0]


def make_critic():
    return Critic()
''', True)

# RIGHT: functional style, the weights are nn.Parameters and forward uses F.conv2d / F.linear
_answer("b17-critic-functional-parameters", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.w1 = nn.Parameter(torch.randn(32, 1, 4, 4) * 0.02)
        self.b1 = nn.Parameter(torch.zeros(32))
        self.w2 = nn.Parameter(torch.randn(64, 32, 4, 4) * 0.02)
        self.b2 = nn.Parameter(torch.zeros(64))
        self.w3 = nn.Parameter(torch.randn(1, 64 * 7 * 7) * 0.02)
        self.b3 = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        h = F.leaky_relu(F.conv2d(x, self.w1, self.b1, stride=2, padding=1), negative_slope=0.2)
        h = F.leaky_relu(F.conv2d(h, self.w2, self.b2, stride=2, padding=1), negative_slope=0.2)
        return F.linear(h.flatten(1), self.w3, self.b3).reshape(-1)


def make_critic():
    return Critic()
''', True)

# RIGHT: named layers in an OrderedDict, the DCGAN initialisation N(0, 0.02) applied to every layer
_answer("b17-critic-ordereddict-dcgan-init", C, N, '''
from collections import OrderedDict


def init_weights(m):
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        nn.init.normal_(m.weight, 0.0, 0.02)
        nn.init.zeros_(m.bias)


class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(OrderedDict([
            ("conv1", nn.Conv2d(1, 32, 4, 2, 1)), ("act1", nn.LeakyReLU(0.2)),
            ("conv2", nn.Conv2d(32, 64, 4, 2, 1)), ("act2", nn.LeakyReLU(0.2)),
            ("flat", nn.Flatten()), ("score", nn.Linear(64 * 7 * 7, 1)),
        ]))
        self.apply(init_weights)

    def forward(self, x):
        return self.net(x).squeeze(-1)


def make_critic():
    return Critic()
''', True)

# RIGHT: the last layer as a weight vector and an einsum, 'bf,f->b', plus a bias
_answer("b17-critic-einsum-head", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.convs = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                   nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2))
        self.w = nn.Parameter(torch.randn(64 * 7 * 7) / math.sqrt(64 * 7 * 7))
        self.b = nn.Parameter(torch.zeros(()))

    def forward(self, x):
        h = self.convs(x).flatten(1)
        return torch.einsum("bf,f->b", h, self.w) + self.b


def make_critic():
    return Critic()
''', True)

# RIGHT: correct critic with a debugging print of the shapes in forward (printing changes nothing)
_answer("b17-critic-debug-print", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 4, stride=2, padding=1)
        self.c2 = nn.Conv2d(32, 64, 4, stride=2, padding=1)
        self.lin = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(self.c1(x), 0.2)
        h = F.leaky_relu(self.c2(h), 0.2)
        print("features", tuple(h.shape))
        return self.lin(h.reshape(len(x), -1)).reshape(len(x))


def make_critic():
    return Critic()
''', True)

# RIGHT: the course's own ConvDiscriminator without batch norm (what build_nets("dcgan", critic=True) makes)
_answer("b17-critic-course-convdiscriminator", C, N, '''
from ganlib.nets import ConvDiscriminator


def make_critic():
    return ConvDiscriminator(image_size=28, channels=1, width=32, batch_norm=False)
''', True)

# RIGHT: the convolutions in an nn.ModuleList, applied in a loop, the score read with .view(-1)
_answer("b17-critic-modulelist-loop", C, N, '''
class Critic(nn.Module):
    def __init__(self, channels=(1, 32, 64)):
        super().__init__()
        self.convs = nn.ModuleList(nn.Conv2d(a, b, 4, 2, 1) for a, b in zip(channels, channels[1:]))
        self.linear = nn.Linear(channels[-1] * 7 * 7, 1)

    def forward(self, x):
        for conv in self.convs:
            x = F.leaky_relu(conv(x), negative_slope=0.2)
        return self.linear(torch.flatten(x, 1)).view(-1)


def make_critic():
    return Critic()
''', True)

# RIGHT: make_critic as a lambda with a keyword-only width, the net built in one expression
_answer("b17-critic-lambda-keyword-width", C, N, '''
make_critic = lambda *, width=32: nn.Sequential(
    nn.Conv2d(1, width, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Conv2d(width, 2 * width, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Flatten(), nn.Linear(2 * width * 7 * 7, 1), nn.Flatten(start_dim=0))
''', True)

# RIGHT: the final linear layer written as a 7x7 convolution over the 7x7 map (the same linear map of the features)
_answer("b17-critic-final-conv7", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(64, 1, 7))  # a 7x7 map to 1x1: one linear layer of the 3136 features

    def forward(self, x):
        return self.net(x).flatten()


def make_critic():
    return Critic()
''', True)

# WRONG: notebook 03's discriminator copied with its batch norm after the second convolution
_answer("b17-critic-batch-norm", C, N, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0))
''', False, ["batch norm"])

# WRONG: batch norm without running statistics, still normalising each image with the rest of its batch
_answer("b17-critic-batch-norm-no-running-stats", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 4, 2, 1)
        self.c2 = nn.Conv2d(32, 64, 4, 2, 1)
        self.norm = nn.BatchNorm2d(64, track_running_stats=False)  # no running stats, so it is fine in eval?
        self.fc = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(self.c1(x), 0.2)
        h = F.leaky_relu(self.norm(self.c2(h)), 0.2)
        return self.fc(h.flatten(1)).squeeze(1)


def make_critic():
    return Critic()
''', False, ["batch norm"])

# WRONG: a sigmoid at the end, a probability instead of a free score
_answer("b17-critic-sigmoid", C, N, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Sigmoid(), nn.Flatten(0))
''', False, ["sigmoid"])

# WRONG: a ReLU after the last linear layer, so no score can be negative
_answer("b17-critic-relu-on-score", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                      nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten())
        self.out = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        return F.relu(self.out(self.features(x))).squeeze(1)


def make_critic():
    return Critic()
''', False, ["relu"])

# WRONG: the scores clamped to [-1, 1] "to keep the critic bounded"
_answer("b17-critic-clamp-score", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                      nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten())
        self.out = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        return self.out(self.features(x)).squeeze(1).clamp(-1.0, 1.0)  # keep the scores bounded


def make_critic():
    return Critic()
''', False, ["clamp"])

# WRONG: scores of shape (B, 1), the linear layer's output not squeezed
_answer("b17-critic-shape-b1", C, N, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1))
''', False, ["shape"])

# WRONG: .squeeze() with no dimension, so a batch of one image gives a 0-d score instead of shape (1,)
_answer("b17-critic-squeeze-all", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                      nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten())
        self.out = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        return self.out(self.features(x)).squeeze()


def make_critic():
    return Critic()
''', False, ["one"])

# WRONG: a Python float for a batch of one image, "to be convenient"
_answer("b17-critic-item-for-one-image", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                      nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten())
        self.out = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        scores = self.out(self.features(x)).view(-1)
        if len(scores) == 1:
            return scores.item()  # a single image: just its number
        return scores


def make_critic():
    return Critic()
''', False, ["float"])

# WRONG: forward under torch.no_grad(), so the scores carry no gradient to the weights or the images
_answer("b17-critic-no-grad-forward", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        with torch.no_grad():  # scoring only, no need for gradients
            return self.net(x).view(-1)


def make_critic():
    return Critic()
''', False, ["grad"])

# WRONG: the scores rebuilt with torch.tensor(...tolist()), cut from the graph
_answer("b17-critic-rebuilt-tolist", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        scores = self.net(x)
        return torch.tensor([s[0] for s in scores.tolist()])


def make_critic():
    return Critic()
''', False, ["grad"])

# WRONG: returns "is it real?" as a comparison, booleans instead of scores
_answer("b17-critic-bool-decision", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        return self.net(x).squeeze(1) > 0  # real if the score is positive


def make_critic():
    return Critic()
''', False, ["bool"])

# WRONG: ProGAN's minibatch standard deviation as an extra channel, so each score depends on the rest of the batch
_answer("b17-critic-minibatch-std", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 4, 2, 1)
        self.c2 = nn.Conv2d(33, 64, 4, 2, 1)
        self.fc = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(self.c1(x), 0.2)
        std = h.std(0, unbiased=False).mean().expand(len(x), 1, *h.shape[2:])  # minibatch std (ProGAN)
        h = F.leaky_relu(self.c2(torch.cat([h, std], 1)), 0.2)
        return self.fc(h.flatten(1)).squeeze(1)


def make_critic():
    return Critic()
''', False, ["batch"])

# WRONG: the scores standardised over the batch, batch-dependent (and NaN for a batch of one)
_answer("b17-critic-standardised-scores", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        s = self.net(x).squeeze(1)
        return (s - s.mean()) / s.std()  # keep the scores well scaled


def make_critic():
    return Critic()
''', False, ["batch"])

# RIGHT (the course's reading; the writer called it wrong): dropout before the last layer. Its scores vary from call
# to call in training mode, but each image is still judged on its own, and a critic with dropout trains under WGAN-GP
_answer("b17-critic-dropout", C, N, '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Dropout(0.3), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0))
''', True)

# WRONG: rescales the images inside forward with in-place operations, changing the caller's batch
_answer("b17-critic-inplace-input", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        x.mul_(0.5).add_(0.5)  # [-1, 1] -> [0, 1], saves a copy
        return self.net(x).view(-1)


def make_critic():
    return Critic()
''', False, ["in-place"])

# WRONG: built on the meta device "to save memory", and forward moves the images to the weights' device
_answer("b17-critic-meta-device", C, N, '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Flatten(), nn.Linear(64 * 7 * 7, 1))

    def forward(self, x):
        x = x.to(next(self.parameters()).device)  # works on any device
        return self.net(x).view(-1)


def make_critic():
    with torch.device("meta"):  # no memory until it is needed
        return Critic()
''', False, ["meta"])

# WRONG: a hand-written spectral norm whose power iteration starts from a zero vector: 0 / 0, NaN weights
_answer("b17-critic-handmade-sn-nan", C, N, '''
def spectral_normalised(w):
    m = w.flatten(1)
    u = torch.zeros(m.shape[0])
    for _ in range(3):
        v = m.T @ u
        v = v / v.norm()
        u = m @ v
        u = u / u.norm()
    return w / (u @ m @ v)


class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 4, 2, 1)
        self.c2 = nn.Conv2d(32, 64, 4, 2, 1)
        self.fc = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(F.conv2d(x, spectral_normalised(self.c1.weight), self.c1.bias, 2, 1), 0.2)
        h = F.leaky_relu(F.conv2d(h, spectral_normalised(self.c2.weight), self.c2.bias, 2, 1), 0.2)
        return F.linear(h.flatten(1), spectral_normalised(self.fc.weight), self.fc.bias).squeeze(1)


def make_critic():
    return Critic()
''', False, ["nan"])

# WRONG: make_critic needs an argument the check cannot know
_answer("b17-critic-required-argument", C, N, '''
def make_critic(width):
    return nn.Sequential(
        nn.Conv2d(1, width, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(width, 2 * width, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(2 * width * 7 * 7, 1), nn.Flatten(0))
''', False, ["argument"])


"""Battery b17, part 02: check_hinge_loss (notebook 09)."""

C, N, G = "check_hinge_loss", "my_hinge_d_loss", {"generator_name": "my_hinge_g_loss"}

# RIGHT: the textbook form with F.relu
_answer("b17-hinge-relu-canonical", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args=G)

# RIGHT: clamp(min=0) and .neg()
_answer("b17-hinge-clamp-neg", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.clamp(1.0 - real_scores, min=0).mean() + torch.clamp(1.0 + fake_scores, min=0).mean()


def my_hinge_g_loss(fake_scores):
    return torch.mean(fake_scores).neg()
''', True, args=G)

# RIGHT: torch.maximum against zeros, sum over numel for G
_answer("b17-hinge-maximum", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    real = torch.maximum(torch.zeros_like(real_scores), 1 - real_scores)
    fake = torch.maximum(torch.zeros_like(fake_scores), 1 + fake_scores)
    return real.mean() + fake.mean()


def my_hinge_g_loss(fake_scores):
    return torch.sum(-fake_scores) / fake_scores.numel()
''', True, args=G)

# RIGHT: torch.where picks the margin violation or 0
_answer("b17-hinge-where", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    real = torch.where(real_scores < 1, 1 - real_scores, torch.zeros_like(real_scores))
    fake = torch.where(fake_scores > -1, 1 + fake_scores, torch.zeros_like(fake_scores))
    return real.mean() + fake.mean()


def my_hinge_g_loss(fake_scores):
    return -(fake_scores.sum() / len(fake_scores))
''', True, args=G)

# RIGHT: a boolean mask times the violation (bool * float is float)
_answer("b17-hinge-mask-multiply", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    r, f = 1 - real_scores, 1 + fake_scores
    return ((r > 0) * r).mean() + ((f > 0) * f).mean()


def my_hinge_g_loss(fake_scores):
    return -1.0 * fake_scores.mean()
''', True, args=G)

# RIGHT: computed in float64 and returned as float32 (the gradient flows through both casts)
_answer("b17-hinge-float64-inside", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    real = F.relu(1 - real_scores.double()).mean()
    fake = F.relu(1 + fake_scores.double()).mean()
    return (real + fake).to(real_scores.dtype)


def my_hinge_g_loss(fake_scores):
    return (-fake_scores.double().mean()).float()
''', True, args=G)

# RIGHT: an nn.ReLU module made once, with a debugging print
_answer("b17-hinge-relu-module-print", C, N, '''
relu = nn.ReLU()


def my_hinge_d_loss(real_scores, fake_scores):
    loss_real = relu(1.0 - real_scores).mean()
    loss_fake = relu(1.0 + fake_scores).mean()
    print(f"hinge: real {loss_real.item():.3f} fake {loss_fake.item():.3f}")
    return loss_real + loss_fake


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args=G)

# RIGHT: PyTorch's hinge_embedding_loss: with target -1 it is mean max(0, margin - x), with target 1 mean x
_answer("b17-hinge-embedding-loss", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    minus = -torch.ones_like(real_scores)
    real = F.hinge_embedding_loss(real_scores, minus, margin=1.0)                       # mean max(0, 1 - s)
    fake = F.hinge_embedding_loss(-fake_scores, -torch.ones_like(fake_scores), margin=1.0)  # mean max(0, 1 + s)
    return real + fake


def my_hinge_g_loss(fake_scores):
    return F.hinge_embedding_loss(-fake_scores, torch.ones_like(fake_scores))  # mean(-s)
''', True, args=G)

# RIGHT: a keyword-only margin with its default of 1
_answer("b17-hinge-keyword-margin", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores, *, margin=1.0):
    return (margin - real_scores).relu().mean() + (margin + fake_scores).relu().mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mul(-1).mean()
''', True, args=G)

# WRONG: the signs the wrong way round, real pushed below -1 and fakes above +1
_answer("b17-hinge-signs-swapped", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ["swapped"], args=G)

# WRONG: sums instead of means over the batch
_answer("b17-hinge-sum-not-mean", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).sum() + F.relu(1 + fake_scores).sum()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.sum()
''', False, ["mean"], args=G)

# WRONG: G's loss given a margin too, max(0, 1 - score), instead of the linear -mean
_answer("b17-hinge-g-with-margin", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()  # G wants its fakes scored as real
''', False, ["hinge"], args=G)

# WRONG: G's loss without its minus sign
_answer("b17-hinge-g-plus-mean", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, ["sign"], args=G)

# WRONG: margin 0 instead of 1
_answer("b17-hinge-margin-zero", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(-real_scores).mean() + F.relu(fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ["margin"], args=G)

# WRONG: a sigmoid on the scores first, as for the non-saturating loss
_answer("b17-hinge-sigmoid", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    real, fake = torch.sigmoid(real_scores), torch.sigmoid(fake_scores)
    return F.relu(1 - real).mean() + F.relu(1 + fake).mean()


def my_hinge_g_loss(fake_scores):
    return -torch.sigmoid(fake_scores).mean()
''', False, ["sigmoid"], args=G)

# WRONG: works on the given scores in place (neg_, add_, clamp_), changing the caller's tensors
_answer("b17-hinge-inplace-clamp", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    real_scores.neg_().add_(1).clamp_(min=0)
    fake_scores.add_(1).clamp_(min=0)
    return real_scores.mean() + fake_scores.mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ["in place"], args=G)

# WRONG: .item() at the end, a Python float that cannot be backpropagated
_answer("b17-hinge-item", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()).item()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean().item()
''', False, ["tensor"], args=G)

# WRONG: the loss rebuilt with torch.tensor(...tolist()), a tensor without a graph
_answer("b17-hinge-rebuilt-tolist", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    real = [max(0.0, 1.0 - s) for s in real_scores.tolist()]
    fake = [max(0.0, 1.0 + s) for s in fake_scores.tolist()]
    return torch.tensor(sum(real) / len(real) + sum(fake) / len(fake))


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ["grad"], args=G)

# WRONG: G's loss takes both score batches, like D's
_answer("b17-hinge-g-two-arguments", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(real_scores, fake_scores):
    return -fake_scores.mean()
''', False, ["argument"], args=G)

# WRONG: the relu of the mean score instead of the mean of the per-image relus
_answer("b17-hinge-relu-of-mean", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores.mean()) + F.relu(1 + fake_scores.mean())


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ["mean"], args=G)

# WRONG: "instance noise" added to the scores, so the same scores give a different loss each call
_answer("b17-hinge-instance-noise", C, N, '''
def my_hinge_d_loss(real_scores, fake_scores):
    real_scores = real_scores + 0.05 * torch.randn_like(real_scores)  # a little noise for stability
    fake_scores = fake_scores + 0.05 * torch.randn_like(fake_scores)
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ["random"], args=G)


"""Battery b17, part 03: check_gradient_penalty (notebook 09)."""

C, N = "check_gradient_penalty", "my_gradient_penalty"

# RIGHT: exactly the hint's recipe
_answer("b17-gp-hint-recipe", C, N, '''
def my_gradient_penalty(D, real, fake):
    B = real.shape[0]
    eps = torch.rand(B, 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    norms = grad.flatten(1).norm(dim=1)
    return ((norms - 1) ** 2).mean()
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# RIGHT: the WGAN-GP reference implementations' style: grad_outputs of ones, retain_graph, reshape and norm(2)
_answer("b17-gp-grad-outputs-ones", C, N, '''
def my_gradient_penalty(D, real, fake):
    alpha = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    interpolates = alpha * real.detach() + (1 - alpha) * fake.detach()
    interpolates.requires_grad_(True)
    disc_interpolates = D(interpolates)
    gradients = torch.autograd.grad(outputs=disc_interpolates, inputs=interpolates,
                                    grad_outputs=torch.ones_like(disc_interpolates),
                                    create_graph=True, retain_graph=True, only_inputs=True)[0]
    gradients = gradients.reshape(gradients.size(0), -1)
    return ((gradients.norm(2, dim=1) - 1) ** 2).mean()
''', True)

# RIGHT: torch.lerp(fake, real, eps) = fake + eps (real - fake), and linalg.vector_norm over the image's axes
_answer("b17-gp-lerp-vector-norm", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, dtype=real.dtype, device=real.device)
    x_hat = torch.lerp(fake.detach(), real.detach(), eps).requires_grad_()
    (g,) = torch.autograd.grad(D(x_hat).sum(), [x_hat], create_graph=True)
    return (torch.linalg.vector_norm(g, dim=(1, 2, 3)) - 1).square().mean()
''', True)

# RIGHT: the squared norms by einsum, then the square root
_answer("b17-gp-einsum-norm", C, N, '''
def my_gradient_penalty(D, real, fake):
    B = len(real)
    eps = torch.rand(B, 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0].reshape(B, -1)
    norms = torch.einsum("bi,bi->b", g, g).sqrt()
    return torch.mean((norms - 1) ** 2)
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# RIGHT: the norms and the penalty computed in float64, returned in the inputs' float32
_answer("b17-gp-float64-norms", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    norms = grad.double().flatten(1).norm(dim=1)
    return ((norms - 1.0) ** 2).mean().to(real.dtype)
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# RIGHT: a keyword-only target slope with its default 1, and a debugging print of the slopes
_answer("b17-gp-keyword-target-print", C, N, '''
def my_gradient_penalty(D, real, fake, *, target=1.0):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = eps * real + (1 - eps) * fake
    x_hat = x_hat.detach().requires_grad_(True)
    scores = D(x_hat)
    grad, = torch.autograd.grad(scores.sum(), x_hat, create_graph=True)
    slopes = grad.view(grad.shape[0], -1).norm(p=2, dim=1)
    print("mean slope", slopes.mean().item())
    return ((slopes - target) ** 2).mean()
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# RIGHT: epsilon shaped for images of any rank, expanded to the images' shape
_answer("b17-gp-any-rank-expand", C, N, '''
def my_gradient_penalty(D, real, fake):
    shape = (real.shape[0],) + (1,) * (real.dim() - 1)
    eps = torch.rand(shape, device=real.device, dtype=real.dtype).expand_as(real)
    x_hat = (eps * real.detach() + (1 - eps) * fake.detach()).requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return grad.flatten(start_dim=1).norm(dim=1).sub(1).pow(2).mean()
''', True)

# RIGHT: x_hat written as fake + eps (real - fake), the same point
_answer("b17-gp-fake-plus-eps-diff", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (fake + eps * (real - fake)).detach()
    x_hat.requires_grad = True
    out = D(x_hat)
    grads = torch.autograd.grad(out.sum(), x_hat, create_graph=True)[0]
    gnorm = grads.flatten(1).norm(dim=-1)
    return torch.mean(torch.square(gnorm - 1))
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# RIGHT: the norm as sqrt(sum of squares + 1e-12), the usual guard against sqrt(0)
_answer("b17-gp-stable-sqrt", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    norm = torch.sqrt(g.pow(2).sum(dim=(1, 2, 3)) + 1e-12)
    return ((norm - 1) ** 2).mean()
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# WRONG: no create_graph=True, so the penalty is not differentiable and cannot train D
_answer("b17-gp-no-create-graph", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["create_graph"])

# WRONG: one norm of the whole batch's gradient instead of one per image
_answer("b17-gp-batch-norm-of-grad", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.norm() - 1) ** 2
''', False, ["norm"])

# WRONG: the norm along dim 1 of the unflattened (B, 1, 28, 28) gradient, a norm per pixel
_answer("b17-gp-norm-dim1-unflattened", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.norm(2, dim=1) - 1) ** 2).mean()
''', False, ["flatten"])

# WRONG: epsilon drawn per pixel (rand_like), so x_hat is not on the line between the two images
_answer("b17-gp-eps-per-pixel", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["per image"])

# WRONG: always the midpoint between real and fake instead of a random point on the line
_answer("b17-gp-midpoint", C, N, '''
def my_gradient_penalty(D, real, fake):
    x_hat = ((real + fake) / 2).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["random"])

# WRONG: never calls D: the "gradient" is that of x_hat itself, so the penalty is a constant
_answer("b17-gp-never-calls-d", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(x_hat.sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["call"])

# WRONG: the gradient with respect to D's weights instead of the interpolated images
_answer("b17-gp-grad-wrt-weights", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    params = [p for p in D.parameters() if p.requires_grad]
    grads = torch.autograd.grad(D(x_hat).sum(), params, create_graph=True)
    norm = torch.cat([g.flatten() for g in grads]).norm()
    return (norm - 1) ** 2
''', False, ["weights"])

# WRONG: multiplied by lambda = 10, though the step multiplies by gp_weight
_answer("b17-gp-times-ten", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return 10 * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()  # lambda = 10, as in the paper
''', False, ["weight"])

# WRONG: the gradient of the mean score, which divides every image's gradient by the batch size
_answer("b17-gp-mean-not-sum", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).mean(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["sum"])

# WRONG: .item() at the end, a float that cannot train D
_answer("b17-gp-item", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean().item()
''', False, ["tensor"])

# WRONG: StyleGAN2's "lazy regularisation" with a call counter: the penalty only every 4th call, 0 otherwise
_answer("b17-gp-lazy-counter", C, N, '''
calls = 0


def my_gradient_penalty(D, real, fake):
    global calls
    calls += 1
    if calls % 4 != 0:  # lazy regularisation: only every 4th step
        return torch.zeros(())
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["call"])

# WRONG: builds x_hat in place in the real batch (mul_, add_), overwriting the caller's images
_answer("b17-gp-inplace-real", C, N, '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1)
    x_hat = real.mul_(eps).add_((1 - eps) * fake.detach())  # no extra copy
    x_hat = x_hat.detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["in place"])


"""Battery b17, part 04: check_class_means (notebook 06)."""

C, N = "check_class_means", "my_class_means"

# RIGHT: the hint's stack of per-class means
_answer("b17-means-stack", C, N, '''
def my_class_means(images, labels):
    x = images.float()
    return torch.stack([x[labels == c].mean(dim=0) for c in range(10)])
''', True)

# RIGHT: index_add_ of the images into ten sums, divided by bincount
_answer("b17-means-index-add", C, N, '''
def my_class_means(images, labels):
    x = images.float()
    sums = torch.zeros(10, *x.shape[1:]).index_add_(0, labels, x)
    counts = torch.bincount(labels, minlength=10).float()
    return sums / counts.view(-1, 1, 1, 1)
''', True)

# RIGHT: one-hot matrix product, averaged by the one-hot's column sums
_answer("b17-means-one-hot-matmul", C, N, '''
def my_class_means(images, labels):
    onehot = F.one_hot(labels, num_classes=10).float()   # (N, 10)
    flat = images.float().flatten(1)                      # (N, 3072)
    means = (onehot.T @ flat) / onehot.sum(0)[:, None]
    return means.view(10, *images.shape[1:])
''', True)

# RIGHT: scatter_add_ on the flattened images
_answer("b17-means-scatter-add", C, N, '''
def my_class_means(images, labels):
    flat = images.flatten(1).to(torch.float32)
    index = labels.view(-1, 1).expand_as(flat)
    sums = torch.zeros(10, flat.shape[1]).scatter_add_(0, index, flat)
    counts = torch.zeros(10).scatter_add_(0, labels, torch.ones(len(labels)))
    return (sums / counts.unsqueeze(1)).reshape(10, *images.shape[1:])
''', True)

# RIGHT: an einsum over a one-hot, summed in float64, returned as float32
_answer("b17-means-einsum-float64", C, N, '''
def my_class_means(images, labels):
    onehot = F.one_hot(labels.long(), 10).double()
    sums = torch.einsum("nk,nchw->kchw", onehot, images.double())
    means = sums / onehot.sum(0).view(10, 1, 1, 1)
    return means.float()
''', True)

# RIGHT: a sparse membership matrix, each row holding 1 / count, times the flat images (the result is dense)
_answer("b17-means-sparse-mm", C, N, '''
def my_class_means(images, labels):
    n = len(labels)
    counts = torch.bincount(labels, minlength=10).float()
    weights = torch.sparse_coo_tensor(torch.stack([labels, torch.arange(n)]), 1.0 / counts[labels], (10, n))
    means = torch.sparse.mm(weights, images.float().reshape(n, -1))
    return means.reshape(10, *images.shape[1:])
''', True)

# RIGHT: a plain Python loop over the images with running sums, a default n_classes and a print of the counts
_answer("b17-means-python-loop", C, N, '''
def my_class_means(images, labels, n_classes=10):
    sums = torch.zeros(n_classes, *images.shape[1:])
    counts = [0] * n_classes
    for image, label in zip(images, labels.tolist()):
        sums[label] += image.float()
        counts[label] += 1
    print("images per class:", counts)
    return torch.stack([sums[c] / counts[c] for c in range(n_classes)])
''', True)

# WRONG: forgets to convert the uint8 images to floats before .mean()
_answer("b17-means-no-float", C, N, '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].mean(0) for c in range(10)])
''', False, ["float"])

# WRONG: each class's sum divided by the whole batch's size instead of the class's own count
_answer("b17-means-divide-by-batch", C, N, '''
def my_class_means(images, labels):
    x = images.float()
    return torch.stack([x[labels == c].sum(0) for c in range(10)]) / len(images)
''', False, ["count"])

# WRONG: integer division, whole numbers in an int64 tensor instead of float means
_answer("b17-means-floor-division", C, N, '''
def my_class_means(images, labels):
    means = []
    for c in range(10):
        members = images[labels == c].long()
        means.append(members.sum(0) // len(members))
    return torch.stack(means)
''', False, ["float"])

# WRONG: returns the Python list of ten means, not one tensor
_answer("b17-means-list", C, N, '''
def my_class_means(images, labels):
    return [images[labels == c].float().mean(0) for c in range(10)]
''', False, ["stack"])

# WRONG: divided by 255, the means in [0, 1] instead of on the images' 0..255 scale
_answer("b17-means-divided-by-255", C, N, '''
def my_class_means(images, labels):
    x = images.float() / 255
    return torch.stack([x[labels == c].mean(0) for c in range(10)])
''', False, ["255"])

# WRONG: accumulates into a uint8 tensor (zeros_like of an image), the sums wrap around past 255
_answer("b17-means-uint8-accumulator", C, N, '''
def my_class_means(images, labels):
    means = []
    for c in range(10):
        total = torch.zeros_like(images[0])
        members = images[labels == c]
        for image in members:
            total += image
        means.append(total.float() / len(members))
    return torch.stack(means)
''', False, ["float"])

# WRONG: divides by count - 1, as for an unbiased variance (inf for a class with one image)
_answer("b17-means-count-minus-one", C, N, '''
def my_class_means(images, labels):
    x = images.float()
    counts = torch.bincount(labels, minlength=10).float()
    sums = torch.stack([x[labels == c].sum(0) for c in range(10)])
    return sums / (counts - 1).view(10, 1, 1, 1)  # unbiased
''', False, ["count"])

# WRONG: averages the images' Fourier transforms and transforms back, leaving a complex tensor
_answer("b17-means-fft-complex", C, N, '''
def my_class_means(images, labels):
    spectra = torch.fft.fft2(images.float())  # the mean is linear: average the spectra
    return torch.stack([torch.fft.ifft2(spectra[labels == c].mean(0)) for c in range(10)])
''', False, ["complex"])

# WRONG: a NumPy array of objects (one tensor per class), not a tensor
_answer("b17-means-numpy-object", C, N, '''
def my_class_means(images, labels):
    means = np.empty(10, dtype=object)  # one slot per class
    for c in range(10):
        means[c] = images[labels == c].float().mean(0)
    return means
''', False, ["tensor"])


"""Battery b17, part 05: check_model_input (notebook 07)."""

C, N = "check_model_input", "my_to_model_input"

# RIGHT: permute, float, then x / 127.5 - 1
_answer("b17-input-permute-canonical", C, N, '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1
''', True)

# RIGHT: movedim, then [0, 1] and onto [-1, 1], made contiguous
_answer("b17-input-movedim-contiguous", C, N, '''
def my_to_model_input(photos):
    x = torch.movedim(photos, -1, 1).to(torch.float32)
    return x.div(255).mul(2).sub(1).contiguous()
''', True)

# RIGHT: einsum to move the axis, computed in float64 and returned as float32
_answer("b17-input-einsum-float64", C, N, '''
def my_to_model_input(photos):
    x = torch.einsum("nhwc->nchw", photos.double())
    return (2.0 * x / 255.0 - 1.0).float()
''', True)

# RIGHT: two transposes, (N, H, W, C) -> (N, C, W, H) -> (N, C, H, W)
_answer("b17-input-two-transposes", C, N, '''
def my_to_model_input(photos):
    x = photos.transpose(1, 3).transpose(2, 3)
    return (x.float() - 127.5) / 127.5
''', True)

# RIGHT: keyword-only ends of the range, a linear map from 0..255 onto low..high
_answer("b17-input-keyword-range", C, N, '''
def my_to_model_input(photos, *, low=-1.0, high=1.0):
    x = photos.permute(0, 3, 1, 2).to(dtype=torch.float32)
    return low + (high - low) * x / 255.0
''', True)

# RIGHT: torch.as_tensor first (accepts NumPy arrays too), with a print of the range
_answer("b17-input-as-tensor-print", C, N, '''
def my_to_model_input(photos):
    x = torch.as_tensor(photos).permute(0, 3, 1, 2).float()
    x = x * (2 / 255) - 1
    print("range", x.min().item(), x.max().item(), tuple(x.shape))
    return x
''', True)

# RIGHT: torch.lerp between -1 and +1 by the pixel's fraction of 255
_answer("b17-input-lerp", C, N, '''
def my_to_model_input(photos):
    t = photos.permute(0, 3, 1, 2).float() / 255
    return torch.lerp(torch.full_like(t, -1.0), torch.full_like(t, 1.0), t)
''', True)

# WRONG: view instead of permute, the pixels scrambled into the channels
_answer("b17-input-view", C, N, '''
def my_to_model_input(photos):
    n, h, w, c = photos.shape
    return photos.float().view(n, c, h, w) / 127.5 - 1
''', False, ["permute"])

# WRONG: only divided by 255, so in [0, 1]
_answer("b17-input-zero-one", C, N, '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 255.0
''', False, ["-1"])

# WRONG: (x - 128) / 128, so 255 becomes 0.992 instead of 1
_answer("b17-input-128", C, N, '''
def my_to_model_input(photos):
    return (photos.permute(0, 3, 1, 2).float() - 128) / 128
''', False, ["255"])

# WRONG: permute(0, 3, 2, 1), height and width swapped
_answer("b17-input-hw-swapped", C, N, '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 2, 1).float() / 127.5 - 1
''', False, ["width"])

# WRONG: reverses the colour channels as if the photos were OpenCV's BGR
_answer("b17-input-bgr-flip", C, N, '''
def my_to_model_input(photos):
    rgb = photos.flip(-1)  # BGR -> RGB
    return rgb.permute(0, 3, 1, 2).float() / 127.5 - 1
''', False, ["bgr"])

# WRONG: float64 out instead of float32
_answer("b17-input-float64", C, N, '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).double() / 127.5 - 1
''', False, ["float32"])

# WRONG: the arithmetic done in uint8 before converting, photos * 2 wraps around
_answer("b17-input-uint8-overflow", C, N, '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2)
    return ((x * 2 - 255) / 255).float()
''', False, ["float"])

# WRONG: the .data trick, which turns the caller's photos themselves into the converted tensor
_answer("b17-input-data-trick", C, N, '''
def my_to_model_input(photos):
    photos.data = photos.data.permute(0, 3, 1, 2).float() / 127.5 - 1  # no copy
    return photos
''', False, ["in-place"])

# WRONG: min-max normalisation over the batch, the scale depends on the darkest and brightest pixel present
_answer("b17-input-min-max", C, N, '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).float()
    return 2 * (x - x.min()) / (x.max() - x.min()) - 1
''', False, ["min"])


"""Battery b17, part 06: check_conditional_net (notebook 02)."""

C = "check_conditional_net"

# RIGHT: the generator: [z; e_y] along dim 1, the layers, reshaped to (B, 1, 28, 28)
_answer("b17-cond-gen-canonical", C, "MyConditionalGenerator", '''
from ganlib import MLPGenerator


class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', True)

# RIGHT: the generator with unflatten and torch.hstack
_answer("b17-cond-gen-unflatten", C, "MyConditionalGenerator", '''
from ganlib import MLPGenerator


class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.label_embedding(y)
        return self.net(torch.hstack((z, e))).unflatten(1, self.image_shape)
''', True)

# RIGHT: the discriminator, inner product by einsum
_answer("b17-cond-disc-einsum", C, "MyProjectionDiscriminator", '''
from ganlib import MLPDiscriminator


class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + torch.einsum("bf,bf->b", self.label_embedding(y), h)
''', True)

# RIGHT: the discriminator, inner product as a batched matrix product
_answer("b17-cond-disc-bmm", C, "MyProjectionDiscriminator", '''
from ganlib import MLPDiscriminator


class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.flatten(1))               # (B, 256)
        e = self.label_embedding(y)                     # (B, 256)
        projection = (e.unsqueeze(1) @ phi.unsqueeze(2)).view(-1)
        return self.out(phi).view(-1) + projection
''', True)

# RIGHT: the discriminator with the (B, 1) logit squeezed and the product summed over dim -1
_answer("b17-cond-disc-canonical", C, "MyProjectionDiscriminator", '''
from ganlib import MLPDiscriminator


class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        psi = self.out(h).squeeze(-1)
        return psi + (self.label_embedding(y) * h).sum(dim=-1)
''', True)

# WRONG: the generator concatenates [e_y; z], label first
_answer("b17-cond-gen-label-first", C, "MyConditionalGenerator", '''
from ganlib import MLPGenerator


class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, ["order"])

# WRONG: the generator uses a one-hot label instead of the learned embedding
_answer("b17-cond-gen-one-hot", C, "MyConditionalGenerator", '''
from ganlib import MLPGenerator


class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, F.one_hot(y, 10).float()], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, ["embedding"])

# WRONG: the discriminator without the projection term, the label ignored
_answer("b17-cond-disc-no-projection", C, "MyProjectionDiscriminator", '''
from ganlib import MLPDiscriminator


class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1)
''', False, ["label"])

# WRONG: the discriminator averages the product over the features instead of summing it
_answer("b17-cond-disc-mean-product", C, "MyProjectionDiscriminator", '''
from ganlib import MLPDiscriminator


class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).mean(1)
''', False, ["sum"])

# WRONG: the discriminator ends in a sigmoid, a probability instead of the logit
_answer("b17-cond-disc-sigmoid", C, "MyProjectionDiscriminator", '''
from ganlib import MLPDiscriminator


class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return torch.sigmoid(self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(1))
''', False, ["sigmoid"])
