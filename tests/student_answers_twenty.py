"""Round 20: the losses of tester rounds 15 and 16 (issue 35), written by the course's authors (not blind). A batch mean kept
as a tensor of shape (1,) (``mean(0, keepdim=True)``, or a (B, 1) column averaged over dim 0) is a right loss:
``backward()`` takes it and the course trains with it, yet the check used to tell it to "take .mean() over the
batch", which it had. The classic mistakes written the same way must still be named."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

D, G = "check_discriminator_loss", "check_generator_loss"

# RIGHT: softplus forms, each half a batch mean of shape (1,)
_answer("b20-loss-d-keepdim", D, "loss_d", '''
def loss_d(real_logits, fake_logits):
    return F.softplus(-real_logits).mean(0, keepdim=True) + F.softplus(fake_logits).mean(0, keepdim=True)
''', True)

# RIGHT: BCE per element (reduction='none'), then a mean over the batch kept as (1,)
_answer("b20-loss-d-none-keepdim", D, "loss_d", '''
def loss_d(real_logits, fake_logits):
    bce = nn.BCEWithLogitsLoss(reduction="none")
    per_image = bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))
    return per_image.reshape(-1).mean().reshape(1)
''', True)

# RIGHT: the generator's half the same way
_answer("b20-loss-g-keepdim", G, "loss_g", '''
def loss_g(fake_logits):
    return F.softplus(-fake_logits).mean(dim=0, keepdim=True)
''', True)

# WRONG: a sum over the batch, kept as (1,): the sum is still named
_answer("b20-loss-g-sum-keepdim", G, "loss_g", '''
def loss_g(fake_logits):
    return F.softplus(-fake_logits).sum(0, keepdim=True)
''', False, ["sum over the batch"])

# WRONG: the saturating loss, kept as (1,): still named
_answer("b20-loss-g-saturating-keepdim", G, "loss_g", '''
def loss_g(fake_logits):
    return -F.softplus(fake_logits).mean(0, keepdim=True)
''', False, ["saturating"])

# WRONG: one loss per image, never averaged: still refused as more than one number
_answer("b20-loss-d-per-image", D, "loss_d", '''
def loss_d(real_logits, fake_logits):
    return F.softplus(-real_logits) + F.softplus(fake_logits)
''', False, ["one number"])

# Round 16's: swapped arguments of BCE-with-logits in D's loss (targets first), and a hinge loss whose zeros are
# made on the CPU (it stops on a GPU, where the scores are)
_answer("b20-loss-d-swapped-bce-arguments", D, "loss_d", '''
def loss_d(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(torch.ones_like(real_logits), real_logits)
            + F.binary_cross_entropy_with_logits(torch.zeros_like(fake_logits), fake_logits))
''', False, ["arguments of binary_cross_entropy_with_logits are swapped"])

_answer("b20-hinge-zeros-on-the-cpu", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    zeros = torch.zeros(len(real_scores))
    return torch.max(zeros, 1 - real_scores).mean() + torch.max(zeros, 1 + fake_scores).mean()

def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ["on the CPU"], args={"generator_name": "my_hinge_g_loss"})
