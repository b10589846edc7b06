"""A blind population for the checks of notebooks 04, 06 and 07's own exercises (the class loss's two halves, the class
means, a decoded photo's way into the nets) and 06's question on conditional accuracy, written with the tenth
(tests/student_answers_ten.py) by someone who had seen neither the checks nor the batteries: 77 answers, frozen, then
scored. On the checks as they were: 31 of 31 right answers accepted, 41 of 46 wrong ones rejected (accepted: AC-GAN's
own D half, a D left frozen, means rounded to uint8, white at 0.992, a min-max stretch), 31 of the 46 named, no check
crashed. After the fixes that followed, every wrong answer is rejected and named."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

# ---------------------------------------------------------------------------------------------------------------
# Notebook 04: my_class_losses(D, real, fake, y) -> (d_half, g_half)
# ---------------------------------------------------------------------------------------------------------------

# Two D calls, F.cross_entropy on each half's class logits (the plain answer).
_answer("tenb-cl-r1-two-calls", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake, y, classify=True)
    d_half = F.cross_entropy(real_class_logits, y)
    g_half = F.cross_entropy(fake_class_logits, y)
    return d_half, g_half
''', True)

# The course's class_loss, indexing the second output of D, returned as an explicit tuple.
_answer("tenb-cl-r2-classloss-index", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    d_half = class_loss(D(real, y, classify=True)[1], y)
    g_half = class_loss(D(fake, y, classify=True)[1], y)
    return (d_half, g_half)
''', True)

# One D call on the concatenated batch (the MLP D has no batch norm, so this equals two calls), split with chunk.
_answer("tenb-cl-r3-concat", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    images = torch.cat([real, fake], dim=0)
    labels = torch.cat([y, y], dim=0)
    _, class_logits = D(images, labels, classify=True)
    real_c, fake_c = class_logits.chunk(2)
    return F.cross_entropy(real_c, y), F.cross_entropy(fake_c, y)
''', True)

# nn.CrossEntropyLoss module instead of the functional form.
_answer("tenb-cl-r4-module", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    criterion = nn.CrossEntropyLoss()
    real_logits, real_classes = D(real, y, classify=True)
    fake_logits, fake_classes = D(fake, y, classify=True)
    d_half = criterion(real_classes, y)
    g_half = criterion(fake_classes, y)
    return d_half, g_half
''', True)

# Cross-entropy written out: log_softmax over the classes, gather the true class, minus the mean.
_answer("tenb-cl-r5-gather", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    def ce(logits, targets):
        log_probs = F.log_softmax(logits, dim=1)
        return -log_probs.gather(1, targets.unsqueeze(1)).squeeze(1).mean()

    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    return ce(c_real, y), ce(c_fake, y)
''', True)

# nll_loss on log_softmax, returned as a list of two losses (a list unpacks like the tuple asked for).
_answer("tenb-cl-r6-nll-list", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    real_out = D(real, y, classify=True)
    fake_out = D(fake, y, classify=True)
    d_half = F.nll_loss(F.log_softmax(real_out[1], dim=-1), y)
    g_half = F.nll_loss(F.log_softmax(fake_out[1], dim=-1), y)
    return [d_half, g_half]
''', True)

# logsumexp minus the true-class logit, by hand.
_answer("tenb-cl-r7-logsumexp", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    def cross_entropy(c):
        true_logit = c[torch.arange(len(y)), y]
        return (torch.logsumexp(c, dim=1) - true_logit).mean()
    d_half = cross_entropy(D(real, y, classify=True)[1])
    g_half = cross_entropy(D(fake, y, classify=True)[1])
    return d_half, g_half
''', True)

# One-hot targets times log-probabilities, summed over classes, averaged over the batch.
_answer("tenb-cl-r8-onehot", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    onehot = F.one_hot(y, num_classes=cr.shape[1]).float()
    d_half = -(onehot * F.log_softmax(cr, dim=1)).sum(dim=1).mean()
    g_half = -(onehot * F.log_softmax(cf, dim=1)).sum(dim=1).mean()
    return d_half, g_half
''', True)

# The pix2pix set_requires_grad habit: D's weights frozen only while g_half is built, then restored; g_half still
# reaches G through the (not detached) fakes, which is all the text asks of it, and D is left as it was found.
_answer("tenb-cl-r9-freeze-restore", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_classes = D(real, y, classify=True)
    d_half = F.cross_entropy(real_classes, y)
    was = [p.requires_grad for p in D.parameters()]
    for p in D.parameters():
        p.requires_grad_(False)
    _, fake_classes = D(fake, y, classify=True)
    g_half = F.cross_entropy(fake_classes, y)
    for p, r in zip(D.parameters(), was):
        p.requires_grad_(r)
    return d_half, g_half
''', True)

# Detaching the REAL images (harmless: D's gradient comes through its weights), batch split by length.
_answer("tenb-cl-r10-detach-real", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    n = real.shape[0]
    _, logits = D(torch.cat((real.detach(), fake)), torch.cat((y, y)), classify=True)
    d_half = F.cross_entropy(logits[:n], y)
    g_half = F.cross_entropy(logits[n:], y)
    return d_half, g_half
''', True)

# MISTAKE: The halves are swapped: d_half is computed on the fakes and g_half on the real images.
_answer("tenb-cl-w1-swapped", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake, y, classify=True)
    g_half = F.cross_entropy(real_class_logits, y)
    d_half = F.cross_entropy(fake_class_logits, y)
    return d_half, g_half
''', False, ['the halves are swapped'])

# MISTAKE: The fakes are detached in g_half, so no gradient can reach the generator through them.
_answer("tenb-cl-w2-detach-fake", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake.detach(), y, classify=True)
    return F.cross_entropy(c_real, y), F.cross_entropy(c_fake, y)
''', False, ["G's half has the right value but no gradient reaches the fakes"])

# MISTAKE: d_half is computed under torch.no_grad(), so it carries no gradient to D and D cannot learn from it.
_answer("tenb-cl-w3-nograd-d", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    with torch.no_grad():
        _, c_real = D(real, y, classify=True)
        d_half = F.cross_entropy(c_real, y)
    _, c_fake = D(fake, y, classify=True)
    g_half = F.cross_entropy(c_fake, y)
    return d_half, g_half
''', False, ["D's half returns a tensor without a gradient (detached, or rebuilt"])

# MISTAKE: Softmax is applied before F.cross_entropy, which applies log-softmax itself (softmax twice).
_answer("tenb-cl-w4-softmax-twice", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    d_half = F.cross_entropy(F.softmax(c_real, dim=1), y)
    g_half = F.cross_entropy(F.softmax(c_fake, dim=1), y)
    return d_half, g_half
''', False, ["D's half applies softmax before F.cross_entropy, which applies its"])

# MISTAKE: F.nll_loss is given raw logits instead of log-probabilities (the log_softmax is missing).
_answer("tenb-cl-w5-nll-raw", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    return F.nll_loss(c_real, y), F.nll_loss(c_fake, y)
''', False, ["D's half uses F.nll_loss on the logits"])

# MISTAKE: The minus sign of the cross-entropy is missing, so both halves are mean log-probabilities (<= 0).
_answer("tenb-cl-w6-sign", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    def ce(logits):
        return F.log_softmax(logits, dim=1).gather(1, y[:, None]).mean()
    return ce(D(real, y, classify=True)[1]), ce(D(fake, y, classify=True)[1])
''', False, ["D's half has a minus sign"])

# MISTAKE: log_probs[:, y] picks an N x N block (every image against every label), not each image's own class.
_answer("tenb-cl-w7-index-block", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    lp_real = F.log_softmax(D(real, y, classify=True)[1], dim=1)
    lp_fake = F.log_softmax(D(fake, y, classify=True)[1], dim=1)
    d_half = -lp_real[:, y].mean()
    g_half = -lp_fake[:, y].mean()
    return d_half, g_half
''', False, ["D's half indexes log_probs[:, y], a block of every image against"])

# MISTAKE: log_softmax is taken over the batch (dim=0) instead of over the classes.
_answer("tenb-cl-w8-axis", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    d_half = F.nll_loss(F.log_softmax(c_real, dim=0), y)
    g_half = F.nll_loss(F.log_softmax(c_fake, dim=0), y)
    return d_half, g_half
''', False, ["D's half takes the softmax over the batch (dim=0)"])

# MISTAKE: d_half also includes the fakes' class loss (AC-GAN proper), but the course's D learns classes from real images only.
_answer("tenb-cl-w9-acgan-fakes", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    g_half = F.cross_entropy(c_fake, y)
    d_half = F.cross_entropy(c_real, y) + F.cross_entropy(c_fake.detach(), y)
    return d_half, g_half
''', False, ["D's half includes the fakes (as the AC-GAN paper's does)"])

# MISTAKE: .item() turns both losses into Python floats, so neither half can be backpropagated.
_answer("tenb-cl-w10-item", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    return F.cross_entropy(c_real, y).item(), F.cross_entropy(c_fake, y).item()
''', False, ["D's half must return a tensor (so that .backward() works), got float"])

# MISTAKE: Both halves are the cross-entropy of the whole concatenated batch, so each mixes real and fake images.
_answer("tenb-cl-w11-whole-batch", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    labels = torch.cat([y, y])
    _, c = D(torch.cat([real, fake]), labels, classify=True)
    d_half = F.cross_entropy(c, labels)
    g_half = F.cross_entropy(c, labels)
    return d_half, g_half
''', False, ["D's half is the class loss of real and fake images together"])

# MISTAKE: g_half has a minus sign, so G would be rewarded for making D misname the class it asked for.
_answer("tenb-cl-w12-g-negated", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    d_half = F.cross_entropy(c_real, y)
    g_half = -F.cross_entropy(c_fake, y)
    return d_half, g_half
''', False, ["G's half has a minus sign"])

# MISTAKE: A typo (fake_clas_logits) raises a NameError.
_answer("tenb-cl-w13-typo", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake, y, classify=True)
    d_half = F.cross_entropy(real_class_logits, y)
    g_half = F.cross_entropy(fake_clas_logits, y)
    return d_half, g_half
''', False, ['your code raised NameError'], student_bug=True)

# MISTAKE: Turns off requires_grad on all of D's weights and never turns it back on, so D can no longer be trained.
_answer("tenb-cl-w14-frozen-for-good", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    d_half = F.cross_entropy(c_real, y)
    for p in D.parameters():
        p.requires_grad = False
    _, c_fake = D(fake, y, classify=True)
    g_half = F.cross_entropy(c_fake, y)
    return d_half, g_half
''', False, ['your function leaves D frozen (label_embedding.weight and others no'])

# ---------------------------------------------------------------------------------------------------------------
# Notebook 06: my_class_means(images, labels) -> (10, C, H, W) floats on the 0..255 scale
# ---------------------------------------------------------------------------------------------------------------

# The hint's loop: a boolean mask per class, mean over dim 0 as floats, stacked.
_answer("tenb-cm-r1-mask-loop", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = []
    for c in range(10):
        means.append(images[labels == c].float().mean(dim=0))
    return torch.stack(means)
''', True)

# index_add_ of the float images per label, divided by bincount (minlength 10).
_answer("tenb-cm-r2-index-add", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    sums = torch.zeros((10,) + tuple(images.shape[1:]), dtype=torch.float32)
    sums.index_add_(0, labels, images.float())
    counts = torch.bincount(labels, minlength=10).float()
    return sums / counts.view(10, 1, 1, 1)
''', True)

# scatter_add_ with the label expanded over the pixels.
_answer("tenb-cm-r3-scatter-add", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    x = images.float()
    index = labels.view(-1, 1, 1, 1).expand_as(x)
    sums = torch.zeros(10, *x.shape[1:]).scatter_add_(0, index, x)
    counts = torch.zeros(10).scatter_add_(0, labels, torch.ones(len(labels)))
    return sums / counts[:, None, None, None]
''', True)

# One-hot matrix (N, 10) transposed times the flattened images, divided by the column sums.
_answer("tenb-cm-r4-onehot-matmul", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    onehot = F.one_hot(labels, num_classes=10).float()
    flat = images.reshape(len(images), -1).float()
    sums = onehot.T @ flat
    means = sums / onehot.sum(dim=0).unsqueeze(1)
    return means.reshape(10, *images.shape[1:])
''', True)

# torch.unique (sorted) for the classes; right when every class occurs, as in the data sets the text describes.
_answer("tenb-cm-r5-unique", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    classes, inverse, counts = torch.unique(labels, sorted=True, return_inverse=True, return_counts=True)
    out = torch.zeros(len(classes), *images.shape[1:])
    out.index_add_(0, inverse, images.to(torch.float32))
    return out / counts.reshape(-1, 1, 1, 1)
''', True)

# NumPy, back to a float32 tensor.
_answer("tenb-cm-r6-numpy", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    x = images.numpy().astype(np.float64)
    y = labels.numpy()
    means = np.stack([x[y == c].mean(axis=0) for c in range(10)])
    return torch.from_numpy(means.astype(np.float32))
''', True)

# Averaged in float64 and returned as float64: the text asks for "a float tensor" and does not fix the precision.
_answer("tenb-cm-r7-double", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == k].double().mean(0) for k in range(10)])
''', True)

# Preallocated output filled per class with sum / count.
_answer("tenb-cm-r8-sum-count", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    out = torch.empty(10, *images.shape[1:])
    for c in range(10):
        members = images[labels == c]
        out[c] = members.sum(dim=0, dtype=torch.float32) / members.shape[0]
    return out
''', True)

# Sort by label, split into the classes by their counts, average each piece.
_answer("tenb-cm-r9-sort-split", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    order = torch.argsort(labels, stable=True)
    counts = torch.bincount(labels, minlength=10).tolist()
    groups = torch.split(images[order].float(), counts)
    return torch.stack([g.mean(0) for g in groups])
''', True)

# MISTAKE: Averages the uint8 images without converting to floats (mean() refuses an integer tensor).
_answer("tenb-cm-w1-uint8-mean", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].mean(0) for c in range(10)])
''', False, ['the images are whole numbers (uint8), and mean(), std() and division'])

# MISTAKE: Integer sums divided with //, so every mean is truncated to a whole number.
_answer("tenb-cm-w2-int-division", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = []
    for c in range(10):
        members = images[labels == c].long()
        means.append(members.sum(0) // len(members))
    return torch.stack(means).float()
''', False, ['the means are rounded down'])

# MISTAKE: Sums in uint8, which wraps around past 255 before the division.
_answer("tenb-cm-w3-uint8-overflow", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = []
    for c in range(10):
        members = images[labels == c]
        means.append(members.sum(0, dtype=torch.uint8).float() / len(members))
    return torch.stack(means)
''', False, ['the sums ran in uint8 and wrapped past 255 (sum(dtype=torch.uint8),'])

# MISTAKE: Averages over dim 1 (the colour channels) instead of over the images of the class.
_answer("tenb-cm-w4-wrong-dim", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(dim=1) for c in range(10)])
''', False, ['the ten means have different shapes, so torch.stack cannot join them'])

# MISTAKE: The mean of all images is repeated for every class; the labels are never used.
_answer("tenb-cm-w5-global-mean", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    mean = images.float().mean(dim=0)
    return mean.unsqueeze(0).repeat(10, 1, 1, 1)
''', False, ['every class got the mean of all the images'])

# MISTAKE: Divides every class's sum by N / 10, as if all classes were the same size.
_answer("tenb-cm-w6-equal-sizes", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    per_class = len(images) / 10
    return torch.stack([images[labels == c].float().sum(0) / per_class for c in range(10)])
''', False, ['each sum is divided by N / 10, as if every class held the same number'])

# MISTAKE: Divides by 255, so the means are on the 0..1 scale instead of the images' own 0..255.
_answer("tenb-cm-w7-unit-scale", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    x = images.float() / 255
    return torch.stack([x[labels == c].mean(0) for c in range(10)])
''', False, ['the right means, but in [0, 1] (divided by 255)'])

# MISTAKE: Rounds and casts the means to uint8, which is the display cell's job and loses the fractions.
_answer("tenb-cm-w8-uint8-out", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = torch.stack([images[labels == c].float().mean(0) for c in range(10)])
    return means.round().to(torch.uint8)
''', False, ['the means come back as torch.uint8 rounded to whole numbers'])

# MISTAKE: The classes come out in the order they first appear in the batch, not 0 to 9.
_answer("tenb-cm-w9-first-seen-order", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    classes = list(dict.fromkeys(labels.tolist()))
    return torch.stack([images[labels == c].float().mean(0) for c in classes])
''', False, ['the ten means are right but in another order ([8, 4, 6, 1, 7, 5, 2,'])

# MISTAKE: range(9) leaves out the last class, so only nine means are returned.
_answer("tenb-cm-w10-range9", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(0) for c in range(9)])
''', False, ['shape (9, 3, 4, 5)'])

# MISTAKE: The mask compares with labels[c], the label of the c-th image, instead of the class number c.
_answer("tenb-cm-w11-labels-of-c", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = []
    for c in range(10):
        means.append(images[labels == labels[c]].float().mean(0))
    return torch.stack(means)
''', False, ['each row is the mean of some class, but not of class c'])

# MISTAKE: The one-hot product gives each class's sum of images, which is never divided by the class's size.
_answer("tenb-cm-w12-sums", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    onehot = F.one_hot(labels, 10).float()
    sums = onehot.T @ images.flatten(1).float()
    return sums.view(10, *images.shape[1:])
''', False, ["these are the sums of each class's images"])

# MISTAKE: A typo (image instead of images) raises a NameError.
_answer("tenb-cm-w13-typo", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    floats = images.float()
    return torch.stack([image[labels == c].mean(0) for c in range(10)])
''', False, ['your code raised NameError'], student_bug=True)

# ---------------------------------------------------------------------------------------------------------------
# Notebook 06: the conditional accuracy of a label-blind generator (a perfect referee, ten classes equally often)
# ---------------------------------------------------------------------------------------------------------------

# One in ten: the class drawn matches the class asked for with probability 1/10.
_answer("tenb-acc-r1-decimal", "check_answer", "accuracy_of_a_label_blind_generator",
        "accuracy_of_a_label_blind_generator = 0.1", True,
        args={"answer_name": "accuracy_of_a_label_blind_generator"})

# 1/10 written as a fraction, in the notebook's own parenthesised cell.
_answer("tenb-acc-r2-fraction", "check_answer", "accuracy_of_a_label_blind_generator",
        "accuracy_of_a_label_blind_generator = (\n    1 / 10  # ten classes, drawn independently of the label\n)",
        True, args={"answer_name": "accuracy_of_a_label_blind_generator"})

# Computed as the sum over classes of P(asked c) * P(drawn c).
_answer("tenb-acc-r3-sum", "check_answer", "accuracy_of_a_label_blind_generator",
        "n_classes = 10\naccuracy_of_a_label_blind_generator = sum((1 / n_classes) * (1 / n_classes) for _ in range(n_classes))",
        True, args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: Ignoring the label does not make every answer wrong: one in ten still matches by chance.
_answer("tenb-acc-w1-zero", "check_answer", "accuracy_of_a_label_blind_generator",
        "accuracy_of_a_label_blind_generator = 0", False, ['it is not 0'],
        args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: Perfect photos are not enough; the accuracy asks whether the class is the one asked for.
_answer("tenb-acc-w2-one", "check_answer", "accuracy_of_a_label_blind_generator",
        "accuracy_of_a_label_blind_generator = 1.0", False, ['the referee does recognise every image, but as the class it shows,'],
        args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: Copies the table's no-class-loss row (0.44), a measured run, not the label-blind generator.
_answer("tenb-acc-w3-table", "check_answer", "accuracy_of_a_label_blind_generator",
        "accuracy_of_a_label_blind_generator = 0.44", False, ['that is the measured run without the class loss, which had partly'],
        args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: Integer division 1 // 10 gives 0, not one tenth.
_answer("tenb-acc-w4-floordiv", "check_answer", "accuracy_of_a_label_blind_generator",
        "accuracy_of_a_label_blind_generator = 1 // 10", False, ['it is not 0'],
        args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: Gives the accuracy in percent (10) where the table's accuracies are fractions between 0 and 1.
_answer("tenb-acc-w5-percent", "check_answer", "accuracy_of_a_label_blind_generator",
        "accuracy_of_a_label_blind_generator = 10", False, ['accuracy is a fraction of the images, from 0 to 1'],
        args={"answer_name": "accuracy_of_a_label_blind_generator"})

# ---------------------------------------------------------------------------------------------------------------
# Notebook 07: my_to_model_input(photos): uint8 (N, H, W, 3) -> float32 (N, 3, H, W) in [-1, 1]
# ---------------------------------------------------------------------------------------------------------------

# permute, float, / 127.5 - 1.
_answer("tenb-mi-r1-permute", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1
''', True)

# movedim and the (x / 255 - 0.5) / 0.5 of torchvision's Normalize.
_answer("tenb-mi-r2-movedim", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.movedim(-1, 1).to(torch.float32)
    return (x / 255 - 0.5) / 0.5
''', True)

# Two transposes: (N, H, W, C) -> (N, C, W, H) -> (N, C, H, W).
_answer("tenb-mi-r3-transposes", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.transpose(1, 3).transpose(2, 3).float()
    return x * 2 / 255 - 1
''', True)

# torchvision's to_tensor and normalize per photo, stacked.
_answer("tenb-mi-r4-torchvision", "check_model_input", "my_to_model_input", '''
from torchvision.transforms.functional import normalize, to_tensor

def my_to_model_input(photos):
    out = [normalize(to_tensor(p.numpy()), [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]) for p in photos]
    return torch.stack(out)
''', True)

# NumPy transpose and scaling, back to a float32 tensor.
_answer("tenb-mi-r5-numpy", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    a = np.asarray(photos).transpose(0, 3, 1, 2).astype(np.float32)
    a = a / np.float32(127.5) - np.float32(1.0)
    return torch.from_numpy(np.ascontiguousarray(a))
''', True)

# einsum for the axes, (x - 127.5) / 127.5 for the scale.
_answer("tenb-mi-r6-einsum", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = torch.einsum("nhwc->nchw", photos.float())
    return (x - 127.5) / 127.5
''', True)

# No explicit .float(): torch's true division of a uint8 tensor by 127.5 already gives float32.
_answer("tenb-mi-r7-true-division", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2) / 127.5 - 1.0
''', True)

# torchvision v2's to_dtype with scale=True gives [0, 1]; then 2x - 1.
_answer("tenb-mi-r8-v2-to-dtype", "check_model_input", "my_to_model_input", '''
from torchvision.transforms.v2 import functional as TF

def my_to_model_input(photos):
    x = TF.to_dtype(photos.permute(0, 3, 1, 2), torch.float32, scale=True)
    return x * 2 - 1
''', True)

# Method chain with a contiguous copy.
_answer("tenb-mi-r9-chain", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).contiguous().to(dtype=torch.float32).div(255.0).mul(2.0).sub(1.0)
''', True)

# MISTAKE: view reinterprets the memory as (N, 3, H, W) instead of moving the colour axis, scrambling the pixels.
_answer("tenb-mi-w1-view", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    n, h, w, c = photos.shape
    return photos.view(n, c, h, w).float() / 127.5 - 1
''', False, ['the shape is right but the pixels are scrambled'])

# MISTAKE: A single transpose(1, 3) gives (N, 3, W, H): the pictures come out transposed (rows and columns swapped).
_answer("tenb-mi-w2-transpose-once", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.transpose(1, 3).float() / 127.5 - 1
''', False, ['the shape is (2, 3, 4, 5)'])

# MISTAKE: Divides by 255 only, giving [0, 1] instead of [-1, 1].
_answer("tenb-mi-w3-zero-one", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 255
''', False, ['the values are in [0, 1] (divided by 255)'])

# MISTAKE: photos * 2 is computed in uint8 and wraps around above 127 before the conversion to float.
_answer("tenb-mi-w4-uint8-times2", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return (photos * 2).permute(0, 3, 1, 2).float() / 255 - 1
''', False, ['the arithmetic ran in uint8, which wraps past 255 (200 * 2 gives 144)'])

# MISTAKE: photos - 128 is computed in uint8, so the dark pixels wrap around to large values.
_answer("tenb-mi-w5-uint8-minus", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    centred = (photos - 128).permute(0, 3, 1, 2)
    return centred.float() / 127.5
''', False, ['the subtraction ran in uint8, which wraps below 0 (100 - 128 gives'])

# MISTAKE: Floor division // 127.5 leaves only the values -1, 0 and 1.
_answer("tenb-mi-w6-floordiv", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() // 127.5 - 1
''', False, ['floor division (//) leaves only -1, 0 and 1'])

# MISTAKE: Returns float64, not the float32 the nets read.
_answer("tenb-mi-w7-float64", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).double() / 127.5 - 1
''', False, ['the values are right, but torch.float64'])

# MISTAKE: Divides by 128, so white (255) becomes 0.992 instead of +1.
_answer("tenb-mi-w8-by-128", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 128 - 1
''', False, ['white (255) becomes'])

# MISTAKE: 1 - x / 127.5 inverts the pictures: black becomes +1 and white -1.
_answer("tenb-mi-w9-inverted", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return 1 - photos.permute(0, 3, 1, 2).float() / 127.5
''', False, ['the sign is flipped'])

# MISTAKE: The colour axis is never moved; the result is still (N, H, W, 3).
_answer("tenb-mi-w10-no-permute", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.float() / 127.5 - 1
''', False, ['the shape is still (2, 5, 4, 3), channels last as the decoder gives'])

# MISTAKE: Stretches the batch's own minimum and maximum onto [-1, 1] instead of the fixed 0..255, so a dim batch is brightened.
_answer("tenb-mi-w11-minmax", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).float()
    return (x - x.min()) / (x.max() - x.min()) * 2 - 1
''', False, ['right for these photos, which hold black and white pixels, but wrong'])

# MISTAKE: Normalises with ImageNet's means and standard deviations, which does not give [-1, 1].
_answer("tenb-mi-w12-imagenet", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).float() / 255
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    return (x - mean) / std
''', False, ["ImageNet's normalisation"])

# MISTAKE: Flips the colour channels to BGR (an OpenCV habit), so red and blue are swapped.
_answer("tenb-mi-w13-bgr", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.flip(-1).permute(0, 3, 1, 2).float()
    return x / 127.5 - 1
''', False, ['the colour channels are reversed (BGR)'])

# MISTAKE: A typo (photo instead of photos) raises a NameError.
_answer("tenb-mi-w14-typo", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photo.permute(0, 3, 1, 2).float()
    return x / 127.5 - 1
''', False, ['your code raised NameError'], student_bug=True)
