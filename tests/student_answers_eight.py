"""An eighth, blind population of student answers (same format as tests/student_answers_seven.py), for the checks of
notebook 09 (check_hinge_loss, check_critic, check_gradient_penalty), written by someone who had seen neither the
checks nor the batteries before it, frozen, then scored: 24 of 25 right answers accepted, 55 of 59 wrong ones
rejected, 44 of the 59 named (before the fixes that followed). For check_hinge_loss, ``args`` hold the name of G's
loss, defined in the same source ({"generator_name": ...})."""

from answer_format import battery

ANSWERS, _answer, _step = battery()

HL, CR, GP = "check_hinge_loss", "check_critic", "check_gradient_penalty"
G = {"generator_name": "my_hinge_g_loss"}

# ============================ 1. hinge loss ============================
# ---- right ----
_answer("eight-hl-r1", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args=G)

_answer("eight-hl-r2", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    loss_real = torch.clamp(1.0 - real_scores, min=0).mean()
    loss_fake = torch.clamp(1.0 + fake_scores, min=0).mean()
    return loss_real + loss_fake

def my_hinge_g_loss(fake_scores):
    return -torch.mean(fake_scores)
''', True, args=G)

_answer("eight-hl-r3", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    zero = torch.zeros_like(real_scores)
    return torch.maximum(zero, 1 - real_scores).mean() + torch.maximum(torch.zeros_like(fake_scores), 1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return fake_scores.mean().neg()
''', True, args=G)

_answer("eight-hl-r4", HL, "my_hinge_d_loss", '''
relu = nn.ReLU()
def my_hinge_d_loss(real_scores, fake_scores):
    # SAGAN style
    d_loss_real = relu(1.0 - real_scores).mean()
    d_loss_fake = relu(1.0 + fake_scores).mean()
    return d_loss_real + d_loss_fake

def my_hinge_g_loss(fake_scores):
    return - fake_scores.mean()
''', True, args=G)

_answer("eight-hl-r5", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    # BigGAN's loss_hinge_dis, summed
    loss_real = torch.mean(F.relu(1. - real_scores))
    loss_fake = torch.mean(F.relu(1. + fake_scores))
    return loss_real + loss_fake

def my_hinge_g_loss(fake_scores):
    loss = -torch.mean(fake_scores)
    return loss
''', True, args=G)

_answer("eight-hl-r6", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (1 - real_scores).clamp_min(0).sum() / real_scores.numel() + (1 + fake_scores).clamp_min(0).sum() / len(fake_scores)

def my_hinge_g_loss(fake_scores):
    return -fake_scores.sum() / fake_scores.shape[0]
''', True, args=G)

_answer("eight-hl-r7", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    # min(0, -1 + x) form from the Geometric GAN paper
    return -torch.mean(torch.min(real_scores - 1, torch.zeros_like(real_scores))) \\
           - torch.mean(torch.min(-fake_scores - 1, torch.zeros_like(fake_scores)))

def my_hinge_g_loss(fake_scores):
    return -1.0 * fake_scores.mean(dim=0)
''', True, args=G)

_answer("eight-hl-r8", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    r = torch.where(1 - real_scores > 0, 1 - real_scores, torch.zeros_like(real_scores))
    f = torch.max(torch.zeros_like(fake_scores), 1 + fake_scores)
    return r.mean() + f.mean()

def my_hinge_g_loss(fake_scores):
    return torch.mean(-fake_scores)
''', True, args=G)

# ---- wrong ----
# missing relu: the Wasserstein critic loss + 2, no margin
_answer("eight-hl-w1", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (1 - real_scores).mean() + (1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('max(0, ...) is missing',), args=G)

# margins wrong: margin 0 instead of 1
_answer("eight-hl-w2", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(-real_scores).mean() + F.relu(fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('margin of 1 is missing',), args=G)

# signs swapped: pushes real down and fake up
_answer("eight-hl-w3", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('swapped',), args=G)

# sums instead of batch means
_answer("eight-hl-w4", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).sum() + F.relu(1 + fake_scores).sum()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.sum()
''', False, words=('sum over the batch',), args=G)

# sigmoid applied to the scores first
_answer("eight-hl-w5", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    real_p, fake_p = torch.sigmoid(real_scores), torch.sigmoid(fake_scores)
    return F.relu(1 - real_p).mean() + F.relu(1 + fake_p).mean()

def my_hinge_g_loss(fake_scores):
    return -torch.sigmoid(fake_scores).mean()
''', False, words=('sigmoid',), args=G)

# G uses the hinge too (relu(1 - D(G(z)))): stops pushing once fakes score above 1
_answer("eight-hl-w6", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, words=("D's hinge applied to G",), args=G)

# G uses the non-saturating BCE loss
_answer("eight-hl-w7", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return F.binary_cross_entropy_with_logits(fake_scores, torch.ones_like(fake_scores))
''', False, words=('non-saturating',), args=G)

# G's sign wrong: +mean D(G(z)) (G would lower its score)
_answer("eight-hl-w8", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, words=('sign is flipped',), args=G)

# relu of the batch means instead of the mean of the per-image relus
_answer("eight-hl-w9", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores.mean()) + F.relu(1 + fake_scores.mean())

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('batch mean', 'each image'), args=G)

# BigGAN style: returns the tuple (loss_real, loss_fake) instead of their sum
_answer("eight-hl-w10", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    loss_real = torch.mean(F.relu(1. - real_scores))
    loss_fake = torch.mean(F.relu(1. + fake_scores))
    return loss_real, loss_fake

def my_hinge_g_loss(fake_scores):
    return -torch.mean(fake_scores)
''', False, words=('tuple', 'loss_real + loss_fake'), args=G)

# .item(): returns Python floats, nothing to backpropagate
_answer("eight-hl-w11", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()).item()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean().item()
''', False, words=('.item()',), args=G)

# subtracts the fake term instead of adding it
_answer("eight-hl-w12", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() - F.relu(1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('subtracted',), args=G)

# one mean over the concatenated terms: half the loss ((a + b) / 2)
_answer("eight-hl-w13", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.cat([F.relu(1 - real_scores), F.relu(1 + fake_scores)]).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('half',), args=G)

# clamp the wrong way (max=0 instead of min=0): keeps only the negative part
_answer("eight-hl-w14", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.clamp(1 - real_scores, max=0).mean() + torch.clamp(1 + fake_scores, max=0).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('clamp(max=0)', 'negative part'), args=G)

# torch.max(x, 0) reduces over the batch (max over images) instead of an elementwise max with 0
_answer("eight-hl-w15", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.max(1 - real_scores, 0)[0].mean() + torch.max(1 + fake_scores, 0)[0].mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('torch.max(x, 0)', 'dim 0, the batch'), args=G)

# torch.max(0, tensor): TypeError inside the student's code
_answer("eight-hl-w16", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.max(0, 1 - real_scores).mean() + torch.max(0, 1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('torch.clamp(t, min=0)',), args=G)

# D loss is the non-saturating BCE loss written with softplus, not the hinge
_answer("eight-hl-w17", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.softplus(-real_scores).mean() + F.softplus(fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('cross-entropy',), args=G)

# squared hinge
_answer("eight-hl-w18", HL, "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).pow(2).mean() + F.relu(1 + fake_scores).pow(2).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=('squared',), args=G)

# ============================ 2. critic ============================
# ---- right ----
_answer("eight-cr-r1", CR, "my_critic", '''
my_critic = nn.Sequential(
    nn.Conv2d(1, 16, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Conv2d(16, 32, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Flatten(), nn.Linear(32 * 7 * 7, 1), nn.Flatten(0),
)
''', True)

_answer("eight-cr-r2", CR, "my_critic", '''
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 4, 2, 1)
        self.conv2 = nn.Conv2d(16, 32, 4, 2, 1)
        self.ln = nn.LayerNorm([32, 7, 7])
        self.fc = nn.Linear(32 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(self.conv1(x), 0.2)
        h = F.leaky_relu(self.ln(self.conv2(h)), 0.2)
        return self.fc(h.view(x.size(0), -1)).view(-1)

my_critic = MyCritic()
''', True)

_answer("eight-cr-r3", CR, "my_critic", '''
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 16, 3, 2, 1), nn.GroupNorm(4, 16), nn.SiLU(),
            nn.Conv2d(16, 32, 3, 2, 1), nn.GroupNorm(8, 32), nn.SiLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 1))

    def forward(self, x):
        return self.net(x).squeeze(1)

my_critic = MyCritic()
''', True)

_answer("eight-cr-r4", CR, "my_critic", '''
# MLP critic
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(
            nn.Linear(28 * 28, 256), nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(256, 128), nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(128, 1))

    def forward(self, img):
        img_flat = img.view(img.shape[0], -1)
        return self.model(img_flat).squeeze(-1)

my_critic = MyCritic()
''', True)

_answer("eight-cr-r5", CR, "my_critic", '''
# Gulrajani et al.'s MNIST critic (5x5 convs, ReLU), smaller DIM
DIM = 16
class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        main = nn.Sequential(
            nn.Conv2d(1, DIM, 5, stride=2, padding=2), nn.ReLU(True),
            nn.Conv2d(DIM, 2 * DIM, 5, stride=2, padding=2), nn.ReLU(True),
            nn.Conv2d(2 * DIM, 4 * DIM, 5, stride=2, padding=2), nn.ReLU(True),
        )
        self.main = main
        self.output = nn.Linear(4 * 4 * 4 * DIM, 1)

    def forward(self, input):
        input = input.view(-1, 1, 28, 28)
        out = self.main(input)
        out = out.view(-1, 4 * 4 * 4 * DIM)
        out = self.output(out)
        return out.view(-1)

my_critic = Discriminator()
''', True)

_answer("eight-cr-r6", CR, "my_critic", '''
# InstanceNorm is per image too
my_critic_body = nn.Sequential(
    nn.Conv2d(1, 16, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Conv2d(16, 32, 4, 2, 1), nn.InstanceNorm2d(32, affine=True), nn.LeakyReLU(0.2),
    nn.Conv2d(32, 1, 7, 1, 0))

class Squeeze(nn.Module):
    def forward(self, x):
        return x.reshape(x.shape[0])

my_critic = nn.Sequential(my_critic_body, Squeeze())
''', True)

_answer("eight-cr-r7", CR, "my_critic", '''
from ganlib.nets import ConvDiscriminator
my_critic = ConvDiscriminator(batch_norm=False)
''', True)

_answer("eight-cr-r8", CR, "my_critic", '''
SN = nn.utils.spectral_norm
class MyCritic(nn.Module):
    def __init__(self, width=16):
        super().__init__()
        self.c1 = SN(nn.Conv2d(1, width, 4, 2, 1))
        self.c2 = SN(nn.Conv2d(width, 2 * width, 4, 2, 1))
        self.fc = SN(nn.Linear(2 * width * 49, 1))

    def forward(self, x):
        x = F.elu(self.c1(x))
        x = F.elu(self.c2(x))
        return self.fc(torch.flatten(x, 1))[:, 0]

my_critic = MyCritic()
''', True)

# ---- wrong ----
# BatchNorm2d in the critic
_answer("eight-cr-w1", CR, "my_critic", '''
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 16, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(16, 32, 4, 2, 1), nn.BatchNorm2d(32), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(32 * 49, 1))

    def forward(self, x):
        return self.net(x).view(-1)

my_critic = MyCritic()
''', False, words=('batch norm',))

# sigmoid at the end (module in the Sequential)
_answer("eight-cr-w2", CR, "my_critic", '''
my_critic = nn.Sequential(
    nn.Conv2d(1, 16, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Conv2d(16, 32, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Flatten(), nn.Linear(32 * 49, 1), nn.Sigmoid(), nn.Flatten(0))
''', False, words=('Sigmoid',))

# tanh at the end (module)
_answer("eight-cr-w3", CR, "my_critic", '''
my_critic = nn.Sequential(
    nn.Flatten(), nn.Linear(784, 256), nn.LeakyReLU(0.2),
    nn.Linear(256, 1), nn.Tanh(), nn.Flatten(0))
''', False, words=('Tanh',))

# output shape (B, 1): no squeeze
_answer("eight-cr-w4", CR, "my_critic", '''
my_critic = nn.Sequential(
    nn.Conv2d(1, 16, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Conv2d(16, 32, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Flatten(), nn.Linear(32 * 49, 1))
''', False, words=('shape (6, 1)',))

# batch-mixing: ProGAN's minibatch standard deviation layer
_answer("eight-cr-w5", CR, "my_critic", '''
class MinibatchStd(nn.Module):
    def forward(self, x):
        s = x.std(0).mean().expand(x.size(0), 1, x.size(2), x.size(3))
        return torch.cat([x, s], 1)

class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 16, 4, 2, 1), nn.LeakyReLU(0.2), MinibatchStd(),
                                  nn.Conv2d(17, 32, 4, 2, 1), nn.LeakyReLU(0.2), nn.Flatten())
        self.fc = nn.Linear(32 * 49, 1)

    def forward(self, x):
        return self.fc(self.body(x)).squeeze(1)

my_critic = MyCritic()
''', False, words=('mixes images',))

# the class, not an instance
# decided after blind round 8: a class or a builder function is accepted (the notebook passes make_critic)
_answer("eight-cr-w6", CR, "my_critic", '''
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))

    def forward(self, x):
        return self.net(x).squeeze(1)

my_critic = MyCritic
''', True)

# BatchNorm1d in an MLP critic
_answer("eight-cr-w7", CR, "my_critic", '''
my_critic = nn.Sequential(
    nn.Flatten(), nn.Linear(784, 256), nn.BatchNorm1d(256), nn.LeakyReLU(0.2),
    nn.Linear(256, 1), nn.Flatten(0))
''', False, words=('batch norm', 'BatchNorm1d'))

# returns one number for the whole batch (mean score), shape ()
_answer("eight-cr-w8", CR, "my_critic", '''
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))

    def forward(self, x):
        return self.net(x).mean()

my_critic = MyCritic()
''', False, words=('shape ()',))

# 3 input channels (copied from a CIFAR critic): crashes on MNIST
_answer("eight-cr-w9", CR, "my_critic", '''
my_critic = nn.Sequential(
    nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Conv2d(16, 32, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Flatten(), nn.Linear(32 * 49, 1), nn.Flatten(0))
''', False, words=('3 input channels',))

# functional sigmoid inside forward
_answer("eight-cr-w10", CR, "my_critic", '''
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 16, 4, 2, 1), nn.LeakyReLU(0.2),
                                  nn.Conv2d(16, 32, 4, 2, 1), nn.LeakyReLU(0.2))
        self.fc = nn.Linear(32 * 49, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc(self.conv(x).flatten(1))).squeeze(1)

my_critic = MyCritic()
''', False, words=('sigmoid',))

# functional tanh inside forward
_answer("eight-cr-w11", CR, "my_critic", '''
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 1)

    def forward(self, x):
        h = F.leaky_relu(self.fc1(x.flatten(1)), 0.2)
        return torch.tanh(self.fc2(h)).view(-1)

my_critic = MyCritic()
''', False, words=('tanh',))

# batch-mixing: centres the scores on the batch mean
_answer("eight-cr-w12", CR, "my_critic", '''
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))

    def forward(self, x):
        s = self.net(x).squeeze(1)
        return s - s.mean()

my_critic = MyCritic()
''', False, words=('mixes images',))

# ReLU as the last layer: scores clamped at 0, not free
_answer("eight-cr-w13", CR, "my_critic", '''
my_critic = nn.Sequential(
    nn.Flatten(), nn.Linear(784, 256), nn.LeakyReLU(0.2),
    nn.Linear(256, 1), nn.ReLU(), nn.Flatten(0))
''', False, words=('ReLU', 'below 0'))

# 10 outputs (a classifier head), shape (B, 10)
_answer("eight-cr-w14", CR, "my_critic", '''
my_critic = nn.Sequential(
    nn.Conv2d(1, 16, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Conv2d(16, 32, 4, 2, 1), nn.LeakyReLU(0.2),
    nn.Flatten(), nn.Linear(32 * 49, 10))
''', False, words=('(6, 10)',))

# clamps the score to [-1, 1]
_answer("eight-cr-w15", CR, "my_critic", '''
class MyCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))

    def forward(self, x):
        return self.net(x).squeeze(1).clamp(-1, 1)

my_critic = MyCritic()
''', False, words=('clamped',))

# ganlib's ConvDiscriminator with its default batch norm left on
_answer("eight-cr-w16", CR, "my_critic", '''
from ganlib.nets import ConvDiscriminator
my_critic = ConvDiscriminator()
''', False, words=('batch norm',))

# ============================ 3. gradient penalty ============================
# ---- right ----
_answer("eight-gp-r1", GP, "my_gradient_penalty", '''
from torch import autograd
def my_gradient_penalty(D, real, fake):
    # Gulrajani et al.'s PyTorch port style
    B = real.size(0)
    alpha = torch.rand(B, 1)
    alpha = alpha.expand(B, real.nelement() // B).contiguous().view(real.size())
    interpolates = alpha * real.detach() + (1 - alpha) * fake.detach()
    interpolates = autograd.Variable(interpolates, requires_grad=True)
    disc_interpolates = D(interpolates)
    gradients = autograd.grad(outputs=disc_interpolates, inputs=interpolates,
                              grad_outputs=torch.ones(disc_interpolates.size()),
                              create_graph=True, retain_graph=True)[0]
    gradients = gradients.view(gradients.size(0), -1)
    return ((gradients.norm(2, dim=1) - 1) ** 2).mean()
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

_answer("eight-gp-r2", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    out = D(x_hat)
    grad, = torch.autograd.grad(out.sum(), x_hat, create_graph=True)
    norm = grad.flatten(1).norm(dim=1)
    return ((norm - 1) ** 2).mean()
''', True)

_answer("eight-gp-r3", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real[:, :1, :1, :1])
    x_hat = fake + eps * (real - fake)
    x_hat.requires_grad_()
    scores = D(x_hat)
    g = torch.autograd.grad(scores, x_hat, grad_outputs=torch.ones_like(scores), create_graph=True)[0]
    return (torch.linalg.vector_norm(g.reshape(len(g), -1), dim=1) - 1).pow(2).mean()
''', True)

_answer("eight-gp-r4", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    B = real.size(0)
    eps = torch.rand(B, 1, 1, 1).expand_as(real)
    x_hat = torch.lerp(fake, real, eps).detach().requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    slopes = torch.sqrt(torch.sum(g ** 2, dim=[1, 2, 3]) + 1e-12)
    return torch.mean((slopes - 1.0) ** 2)
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# eps on fake and (1 - eps) on real: 1 - eps is U[0,1] too, so the same distribution
_answer("eight-gp-r5", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = eps * fake + (1 - eps) * real
    x_hat = x_hat.detach()
    x_hat.requires_grad = True
    d = D(x_hat)
    grads = torch.autograd.grad(outputs=d, inputs=x_hat, grad_outputs=torch.ones_like(d),
                                create_graph=True, retain_graph=True, only_inputs=True)[0]
    grads = grads.view(len(grads), -1)
    return ((grads.norm(2, dim=1) - 1) ** 2).mean()
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

_answer("eight-gp-r6", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.distributions.Uniform(0.0, 1.0).sample((real.size(0),))
    x_hat = eps[:, None, None, None] * real + (1 - eps[:, None, None, None]) * fake
    x_hat.requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    norms = g.reshape(g.shape[0], -1).norm(p=2, dim=-1)
    return F.mse_loss(norms, torch.ones_like(norms))
''', True)

_answer("eight-gp-r7", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    # gradient of the mean score, scaled back by the batch size
    B = len(real)
    eps = torch.rand(B, 1, 1, 1, dtype=real.dtype)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).mean(), x_hat, create_graph=True)[0] * B
    return g.flatten(start_dim=1).norm(dim=1).sub(1).square().mean()
''', True)

_answer("eight-gp-r8", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    batch_size = real.shape[0]
    alpha = torch.rand(batch_size, 1, 1, 1).to(real.device)
    interpolated = alpha * real.data + (1 - alpha) * fake.data
    interpolated = interpolated.clone().detach().requires_grad_(True)
    prob_interpolated = D(interpolated)
    gradients = torch.autograd.grad(outputs=prob_interpolated, inputs=interpolated,
                                    grad_outputs=torch.ones(prob_interpolated.size(), device=real.device),
                                    create_graph=True, retain_graph=True)[0]
    gradients = gradients.view(batch_size, -1)
    gradients_norm = torch.sqrt(torch.sum(gradients ** 2, dim=1) + 1e-12)
    return ((gradients_norm - 1) ** 2).mean()
''', True)

_answer("eight-gp-r9", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    n = real.shape[0]
    eps = torch.rand(n, device=real.device).view(n, *([1] * (real.dim() - 1)))
    x_hat = torch.autograd.Variable(eps * real + (1 - eps) * fake, requires_grad=True)
    (g,) = torch.autograd.grad(D(x_hat), [x_hat], torch.ones(n), create_graph=True)
    penalty = 0.0
    for i in range(n):
        penalty = penalty + (g[i].norm() - 1) ** 2
    return penalty / n
''', False, ["on the CPU"])  # eps or grad_outputs made on the CPU: it stops on a GPU

# ---- wrong ----
# taken at the real images only (that is a variant of R1 with target 1)
_answer("eight-gp-w1", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    x = real.detach().clone().requires_grad_(True)
    g = torch.autograd.grad(D(x).sum(), x, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('real images only',))

# taken at the fakes only
_answer("eight-gp-w2", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    x = fake.detach().clone().requires_grad_(True)
    g = torch.autograd.grad(D(x).sum(), x, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('fakes only',))

# eps per pixel (rand_like(real))
_answer("eight-gp-w3", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('every pixel',))

# one eps for the whole batch
_answer("eight-gp-w4", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('one eps is used for the whole batch',))

# randn instead of rand (eps ~ N(0,1): points off the segment)
_answer("eight-gp-w5", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.randn(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('outside [0, 1]',))

# squared norm instead of the norm: (||g||^2 - 1)^2
_answer("eight-gp-w6", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.pow(2).flatten(1).sum(1) - 1) ** 2).mean()
''', False, words=('squared norm',))

# not centred at 1: mean ||g||^2
_answer("eight-gp-w7", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return (g.flatten(1).norm(dim=1) ** 2).mean()
''', False, words=('not centred at 1',))

# one-sided: only slopes above 1 are penalised
_answer("eight-gp-w8", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return (F.relu(g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('only slopes above 1', 'two-sided'))

# norm over the whole batch's gradient (one number)
_answer("eight-gp-w9", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return (g.norm(2) - 1) ** 2
''', False, words=('whole batch at once',))

# gradient of the mean score (each image's gradient divided by B)
_answer("eight-gp-w10", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).mean(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('mean score',))

# missing create_graph: the penalty does not train D
_answer("eight-gp-w11", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    scores = D(x_hat)
    g = torch.autograd.grad(scores, x_hat, grad_outputs=torch.ones_like(scores))[0]
    return ((g.view(len(g), -1).norm(2, dim=1) - 1) ** 2).mean()
''', False, words=('no gradient', 'create_graph=True'))

# x_hat does not require grad (autograd.grad raises inside the student's code)
_answer("eight-gp-w12", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = eps * real.detach() + (1 - eps) * fake.detach()
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('require grad',))

# multiplied by the weight 10 (the step multiplies again)
_answer("eight-gp-w13", GP, "my_gradient_penalty", '''
LAMBDA = 10
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean() * LAMBDA
''', False, words=('lambda',))

# mean of the norms before squaring: (mean ||g|| - 1)^2
_answer("eight-gp-w14", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return (g.flatten(1).norm(dim=1).mean() - 1) ** 2
''', False, words=('mean is taken before the square',))

# norm over dim 1 of a (B, C, H, W) gradient without flattening: the channel norm per pixel
_answer("eight-gp-w15", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.norm(2, dim=1) - 1) ** 2).mean()
''', False, words=('dim 1', 'flatten'))

# midpoint, no random eps
_answer("eight-gp-w16", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    x_hat = ((real + fake) / 2).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('midpoint',))

# uses .backward() and x_hat.grad: the gradient is a constant, the penalty does not train D (and D's .grad is polluted)
_answer("eight-gp-w17", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    D(x_hat).sum().backward()
    g = x_hat.grad
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('.backward()', 'autograd.grad'))

# sum over images instead of mean
_answer("eight-gp-w18", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).sum()
''', False, words=('sum over the batch',))

# L1 norm of the gradient instead of L2
_answer("eight-gp-w19", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).abs().sum(1) - 1) ** 2).mean()
''', False, words=('L1 norm',))

# |norm - 1| not squared
_answer("eight-gp-w20", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return (g.flatten(1).norm(dim=1) - 1).abs().mean()
''', False, words=('not squared',))

# gradient with respect to D's parameters instead of its input
_answer("eight-gp-w21", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = eps * real + (1 - eps) * fake
    grads = torch.autograd.grad(D(x_hat).sum(), list(D.parameters()), create_graph=True)
    norm = torch.sqrt(sum((g ** 2).sum() for g in grads))
    return (norm - 1) ** 2
''', False, words=("D's weights",))

# forgot (1 - eps): x_hat = eps * real + fake
_answer("eight-gp-w22", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('not between real and fake', '(1 - eps)'))

# eps of shape (B, 1): broadcasts against the last two dims (H, W) and fails for (B, 1, 28, 28)
_answer("eight-gp-w23", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('torch.rand(B, 1, 1, 1)', 'broadcast'))

# .item(): a Python float, no gradient for D
_answer("eight-gp-w24", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0]
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean().item()
''', False, words=('.item()',))

# gradient detached after autograd.grad (create_graph undone)
_answer("eight-gp-w25", GP, "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)[0].detach()
    return ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=('detached',))
