"""Student answers to the three checks added with the exercises on the class loss's two halves (notebook 04), the
class means (06) and a decoded photo's way into the nets (07), and to 06's question on what conditional accuracy
measures; same format as tests/student_answers_seven.py. Right answers in the styles students write (two calls or
one concatenated call, ``class_loss`` or ``F.cross_entropy``; loops, masks, ``index_add_``, a
one-hot product; ``/ 127.5 - 1``, ``(x / 255 - 0.5) / 0.5``, torchvision's ``to_tensor`` and ``normalize``), and
wrong ones with the classic mistakes, each with the words its message must hold."""

from answer_format import battery

ANSWERS, _answer, _step = battery()


def _halves(id, source, ok, words=()):
    _answer(id, "check_class_loss_halves", "my_class_losses", source, ok, words)


def _means(id, source, ok, words=(), student_bug=False):
    _answer(id, "check_class_means", "my_class_means", source, ok, words, student_bug=student_bug)


def _photos(id, source, ok, words=(), student_bug=False):
    _answer(id, "check_model_input", "my_to_model_input", source, ok, words, student_bug=student_bug)


# ---- the class loss's two halves (notebook 04) -------------------------------------------------------------------
_halves("halves-r-course", '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake, y, classify=True)
    return class_loss(real_class_logits, y), class_loss(fake_class_logits, y)
''', True)
_halves("halves-r-cross-entropy-one-call", '''
def my_class_losses(D, real, fake, y):
    _, class_logits = D(torch.cat([real, fake]), torch.cat([y, y]), classify=True)
    real_part, fake_part = class_logits.chunk(2)
    return F.cross_entropy(real_part, y), F.cross_entropy(fake_part, y)
''', True)
_halves("halves-r-nn-module", '''
criterion = nn.CrossEntropyLoss()

def my_class_losses(D, real, fake, y):
    logits_real, classes_real = D(real, y, classify=True)
    logits_fake, classes_fake = D(fake, y, classify=True)
    d_half = criterion(classes_real, y)
    g_half = criterion(classes_fake, y)
    return d_half, g_half
''', True)
_halves("halves-r-log-softmax", '''
def my_class_losses(D, real, fake, y):
    def ce(images):
        log_p = F.log_softmax(D(images, y, classify=True)[1], dim=1)
        return -log_p.gather(1, y[:, None]).mean()
    return ce(real), ce(fake)
''', True)
_halves("halves-w-acgan-proper", '''
def my_class_losses(D, real, fake, y):
    # AC-GAN (Odena et al.): D's classifier learns from real and fake images
    _, c_real = D(real, y, classify=True)
    _, c_fake_d = D(fake.detach(), y, classify=True)
    _, c_fake_g = D(fake, y, classify=True)
    return F.cross_entropy(c_real, y) + F.cross_entropy(c_fake_d, y), F.cross_entropy(c_fake_g, y)
''', False, ["includes the fakes", "real images only"])
_halves("halves-r-list", '''
def my_class_losses(D, real, fake, y):
    return [F.cross_entropy(D(x, y, classify=True)[1], y) for x in (real, fake)]
''', True)
_halves("halves-w-swapped", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cf, y), F.cross_entropy(cr, y)
''', False, ["swapped"])
_halves("halves-w-g-detached", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake.detach(), y, classify=True)
    return F.cross_entropy(cr, y), F.cross_entropy(cf, y)
''', False, ["no gradient reaches the fakes", "detached"])
_halves("halves-w-g-no-grad", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    with torch.no_grad():
        _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cr, y), F.cross_entropy(cf, y)
''', False, ["G's half", "without a gradient"])
_halves("halves-w-d-on-fakes", '''
def my_class_losses(D, real, fake, y):
    _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cf.detach() * 0 + D(fake.detach(), y, classify=True)[1], y), F.cross_entropy(cf, y)
''', False, ["D's half judges the fakes", "real images"])
_halves("halves-w-g-on-real", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    return F.cross_entropy(cr, y), F.cross_entropy(D(real, y, classify=True)[1], y)
''', False, ["G's half judges the real images"])
_halves("halves-w-g-minus", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cr, y), -F.cross_entropy(cf, y)
''', False, ["minus sign", "minimises the same cross-entropy"])
_halves("halves-w-argmax-targets", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cr, cr.argmax(1)), F.cross_entropy(cf, y)
''', False, ["own guesses", "labels y"])
_halves("halves-w-softmax-twice", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cr, y), F.cross_entropy(torch.softmax(cf, dim=1), y)
''', False, ["softmax before F.cross_entropy"])
_halves("halves-w-nll-on-logits", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.nll_loss(cr, y), F.nll_loss(cf, y)
''', False, ["nll_loss", "log-probabilities"])
_halves("halves-w-sum", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cr, y, reduction="sum"), F.cross_entropy(cf, y, reduction="sum")
''', False, ["sum over the batch", "mean"])
_halves("halves-w-bce-one-hot", '''
def my_class_losses(D, real, fake, y):
    target = F.one_hot(y, 10).float()
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.binary_cross_entropy_with_logits(cr, target), F.binary_cross_entropy_with_logits(cf, target)
''', False, ["one-hot", "ten-way"])
_halves("halves-w-real-fake-logit", '''
def my_class_losses(D, real, fake, y):
    real_logits = D(real, y)
    fake_logits = D(fake, y)
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits)),
            F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)))
''', False, ["real/fake logit", "classify=True"])
_halves("halves-w-class-logits-first", '''
def my_class_losses(D, real, fake, y):
    class_logits, _ = D(real, y, classify=True)
    fake_class_logits, _ = D(fake, y, classify=True)
    return F.cross_entropy(class_logits, y), F.cross_entropy(fake_class_logits, y)
''', False, ["class logits", "(logits, class_logits)"])
_halves("halves-w-one-loss", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cr, y) + F.cross_entropy(cf, y)
''', False, ["two losses", "d_half, g_half"])
_halves("halves-w-no-labels", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, classify=True)
    _, cf = D(fake, classify=True)
    return F.cross_entropy(cr, y), F.cross_entropy(cf, y)
''', False, ["needs the labels"])
_halves("halves-w-float-labels", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cr, y.float()), F.cross_entropy(cf, y.float())
''', False, ["whole numbers"])
_halves("halves-w-item", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    return F.cross_entropy(cr, y).item(), F.cross_entropy(cf, y).item()
''', False, [".item()"])
_halves("halves-w-returns-nothing", '''
def my_class_losses(D, real, fake, y):
    _, cr = D(real, y, classify=True)
    _, cf = D(fake, y, classify=True)
    d_half, g_half = F.cross_entropy(cr, y), F.cross_entropy(cf, y)
''', False, ["returns nothing"])

# ---- the class means (notebook 06) -------------------------------------------------------------------------------
_means("means-r-loop", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(0) for c in range(10)])
''', True)
_means("means-r-index-add", '''
def my_class_means(images, labels):
    sums = torch.zeros(10, *images.shape[1:]).index_add_(0, labels, images.float())
    counts = torch.bincount(labels, minlength=10).float()
    return sums / counts.view(-1, 1, 1, 1)
''', True)
_means("means-r-one-hot-matmul", '''
def my_class_means(images, labels):
    one_hot = F.one_hot(labels, 10).float()              # (N, 10)
    flat = images.float().reshape(len(images), -1)        # (N, C*H*W)
    means = (one_hot.T @ flat) / one_hot.sum(0, keepdim=True).T
    return means.reshape(10, *images.shape[1:])
''', True)
_means("means-r-numpy", '''
def my_class_means(images, labels):
    x, l = images.numpy().astype(np.float32), labels.numpy()
    return torch.from_numpy(np.stack([x[l == c].mean(axis=0) for c in range(10)]))
''', True)
_means("means-w-rounded-uint8", '''
def my_class_means(images, labels):
    means = [images[labels == c].double().sum(0) / (labels == c).sum() for c in range(10)]
    return torch.stack(means).round().to(torch.uint8)
''', False, ["as floats"])
_means("means-r-preallocated", '''
def my_class_means(images, labels):
    out = torch.empty(10, *images.shape[1:])
    for c in range(10):
        mask = labels == c
        out[c] = images[mask].sum(dim=0) / mask.sum()
    return out
''', True)
_means("means-w-uint8-mean", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].mean(0) for c in range(10)])
''', False, ["uint8", "images.float()"])
_means("means-w-overall-mean", '''
def my_class_means(images, labels):
    mean = images.float().mean(0)
    return torch.stack([mean for c in range(10)])
''', False, ["mean of all the images"])
_means("means-w-divided-by-n", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().sum(0) / len(images) for c in range(10)])
''', False, ["number of all the images", "own count"])
_means("means-w-equal-classes-assumed", '''
def my_class_means(images, labels):
    per_class = len(images) // 10
    return torch.stack([images[labels == c].float().sum(0) / per_class for c in range(10)])
''', False, ["N / 10", "differ in size"])
_means("means-w-floor-division", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].sum(0) // (labels == c).sum() for c in range(10)])
''', False, ["rounded down", "integer division"])
_means("means-w-zero-one", '''
def my_class_means(images, labels):
    x = images.float() / 255
    return torch.stack([x[labels == c].mean(0) for c in range(10)])
''', False, ["[0, 1]", "0 to 255"])
_means("means-w-tanh-range", '''
def my_class_means(images, labels):
    x = images.float() / 127.5 - 1
    return torch.stack([x[labels == c].mean(0) for c in range(10)])
''', False, ["[-1, 1]", "0 to 255"])
_means("means-w-list", '''
def my_class_means(images, labels):
    return [images[labels == c].float().mean(0) for c in range(10)]
''', False, ["list", "torch.stack"])
_means("means-w-over-pixels-too", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean() for c in range(10)])
''', False, ["over the pixels", ".mean(0)"])
_means("means-w-flattened", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().flatten(1).mean(0) for c in range(10)])
''', False, ["keep each mean an image"])
_means("means-w-sums", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().sum(0) for c in range(10)])
''', False, ["sums", "count"])
_means("means-w-median", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().median(0).values for c in range(10)])
''', False, ["median"])
_means("means-w-order-of-appearance", '''
def my_class_means(images, labels):
    seen = []
    for c in labels.tolist():
        if c not in seen:
            seen.append(c)
    return torch.stack([images[labels == c].float().mean(0) for c in seen])
''', False, ["another order", "class c"])
_means("means-w-in-place-on-the-data", '''
def my_class_means(images, labels):
    images[:] = images // 2 * 2   # "denoise" the last bit first
    return torch.stack([images[labels == c].float().mean(0) for c in range(10)])
''', False, ["changed the images"])
_means("means-w-typo", '''
def my_class_means(images, labels):
    return torch.stack([images[label == c].float().mean(0) for c in range(10)])
''', False, ["NameError"], student_bug=True)

# ---- 06's question: what conditional accuracy measures -----------------------------------------------------------
for id, source, ok, words in [
        ("acc-r-tenth", "accuracy_of_a_label_blind_generator = 0.1", True, ()),
        ("acc-r-fraction", "accuracy_of_a_label_blind_generator = 1 / 10", True, ()),
        ("acc-w-perfect", "accuracy_of_a_label_blind_generator = 1.0", False, ("by chance", "asked for")),
        ("acc-w-zero", "accuracy_of_a_label_blind_generator = 0", False, ("1 time in 10",)),
        ("acc-w-percent", "accuracy_of_a_label_blind_generator = 10", False, ("fraction",)),
        ("acc-w-complement", "accuracy_of_a_label_blind_generator = 0.9", False, ("another class",))]:
    _answer(id, "check_answer", "accuracy_of_a_label_blind_generator", source, ok, words,
            {"answer_name": "accuracy_of_a_label_blind_generator"})

# ---- a decoded photo's way into the nets (notebook 07) -----------------------------------------------------------
_photos("photos-r-permute-scale", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1
''', True)
_photos("photos-r-half-and-half", '''
def my_to_model_input(photos):
    x = photos.float() / 255.0          # [0, 1]
    x = (x - 0.5) / 0.5                 # [-1, 1]
    return x.permute(0, 3, 1, 2).contiguous()
''', True)
_photos("photos-r-movedim", '''
def my_to_model_input(photos):
    return torch.movedim(photos, -1, 1).to(torch.float32).mul(2 / 255).sub(1)
''', True)
_photos("photos-r-torchvision", '''
import torchvision.transforms.functional as TF

def my_to_model_input(photos):
    return torch.stack([TF.normalize(TF.to_tensor(p.numpy()), [0.5] * 3, [0.5] * 3) for p in photos])
''', True)
_photos("photos-w-128", '''
def my_to_model_input(photos):
    return (photos.permute(0, 3, 1, 2).float() - 128) / 128   # black -1, white 0.992
''', False, ["0.992", "127.5"])
_photos("photos-r-numpy-then-float", '''
def my_to_model_input(photos):
    arr = photos.numpy().transpose(0, 3, 1, 2).astype(np.float32)
    return torch.from_numpy(arr / 127.5 - 1)
''', True)
_photos("photos-r-einops-style-transpose", '''
def my_to_model_input(photos):
    return (photos.transpose(1, 3).transpose(2, 3).float() * 2 / 255) - 1
''', True)
_photos("photos-w-view", '''
def my_to_model_input(photos):
    n, h, w, c = photos.shape
    return photos.float().view(n, c, h, w) / 127.5 - 1
''', False, ["scrambled", "permute"])
_photos("photos-w-zero-one", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 255
''', False, ["[0, 1]", "[-1, 1]"])
_photos("photos-w-to-tensor-only", '''
import torchvision.transforms.functional as TF

def my_to_model_input(photos):
    return torch.stack([TF.to_tensor(p.numpy()) for p in photos])
''', False, ["[0, 1]"])
_photos("photos-w-no-minus-one", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5
''', False, ["[0, 2]", "subtract 1"])
_photos("photos-w-half-normalised", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 255 - 0.5
''', False, ["[-0.5, 0.5]"])
_photos("photos-w-precedence", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() - 127.5 / 127.5
''', False, ["precedence"])
_photos("photos-w-uint8-overflow", '''
def my_to_model_input(photos):
    return (photos.permute(0, 3, 1, 2) * 2).float() / 255 - 1
''', False, ["uint8", "wraps"])
_photos("photos-w-channels-last", '''
def my_to_model_input(photos):
    return photos.float() / 127.5 - 1
''', False, ["channels last", "permute(0, 3, 1, 2)"])
_photos("photos-w-height-width-swapped", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 2, 1).float() / 127.5 - 1
''', False, ["height and width are swapped"])
_photos("photos-w-float64", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).double() / 127.5 - 1
''', False, ["float64", "x.float()"])
_photos("photos-w-integer", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).long() * 2 // 255 - 1
''', False, ["whole numbers", "float"])
_photos("photos-w-standardised", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).float()
    return (x - x.mean()) / x.std()
''', False, ["standardises", "fixed numbers"])
_photos("photos-w-imagenet", '''
import torchvision.transforms.functional as TF

def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).float() / 255
    return TF.normalize(x, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
''', False, ["ImageNet"])
_photos("photos-w-bgr", '''
def my_to_model_input(photos):
    return photos.flip(-1).permute(0, 3, 1, 2).float() / 127.5 - 1
''', False, ["BGR"])
_photos("photos-w-inverted", '''
def my_to_model_input(photos):
    return 1 - photos.permute(0, 3, 1, 2).float() / 127.5
''', False, ["sign is flipped"])
_photos("photos-w-in-place", '''
def my_to_model_input(photos):
    photos.div_(127.5)
    return photos.permute(0, 3, 1, 2) - 1
''', False, ["in-place", "float copy"])
_photos("photos-w-in-place-float-ok", '''
def my_to_model_input(photos):
    photos[photos > 250] = 255          # clip the highlights
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1
''', False, ["changed the photos"])
_photos("photos-w-returns-numpy-list", '''
def my_to_model_input(photos):
    return [p.permute(2, 0, 1).float() / 127.5 - 1 for p in photos]
''', False, ["list", "one tensor"])

# ---- 10's question: how many times steeper the non-saturating loss is at s = -6 ----------------------------------
for id, source, ok, words in [
        ("ratio-r-exp", "slope_ratio_at_logit_minus_6 = math.exp(6)", True, ()),
        ("ratio-r-sigmoids", "slope_ratio_at_logit_minus_6 = (1 - torch.sigmoid(torch.tensor(-6.0))).item() / "
                             "torch.sigmoid(torch.tensor(-6.0)).item()", True, ()),
        ("ratio-r-rounded", "slope_ratio_at_logit_minus_6 = 403.4", True, ()),
        ("ratio-r-about-400", "slope_ratio_at_logit_minus_6 = 400", True, ()),
        ("ratio-r-numpy", "slope_ratio_at_logit_minus_6 = np.exp(6.0)", True, ()),
        ("ratio-w-upside-down", "slope_ratio_at_logit_minus_6 = math.exp(-6)", False, ("upside down",)),
        ("ratio-w-saturating-slope", "slope_ratio_at_logit_minus_6 = 1 / (1 + math.exp(6))", False,
         ("saturating loss's slope", "not the ratio")),
        ("ratio-w-non-saturating-slope", "slope_ratio_at_logit_minus_6 = 1 - 1 / (1 + math.exp(6))", False,
         ("non-saturating loss's slope",)),
        ("ratio-w-the-logit", "slope_ratio_at_logit_minus_6 = 6", False, ("logit", "e^6")),
        ("ratio-w-half-the-exponent", "slope_ratio_at_logit_minus_6 = math.exp(3)", False, ("square root",)),
        ("ratio-w-left-blank", "slope_ratio_at_logit_minus_6 = ...", False, ("not answered",))]:
    _answer(id, "check_answer", "slope_ratio_at_logit_minus_6", source, ok, words,
            {"answer_name": "slope_ratio_at_logit_minus_6"})

# ---- 05's question: the length a quarter of the way along the straight line ---------------------------------------
for id, source, ok, words in [
        ("quarter-r-formula", "length_at_a_quarter_of_the_line = 10 * math.sqrt(0.75 ** 2 + 0.25 ** 2)", True, ()),
        ("quarter-r-rounded", "length_at_a_quarter_of_the_line = 7.9", True, ()),
        ("quarter-r-measured", "z0, z1 = torch.randn(2, 1000, 100)\n"
                               "length_at_a_quarter_of_the_line = (0.75 * z0 + 0.25 * z1).norm(dim=1).mean().item()",
         True, ()),
        ("quarter-w-linear-in-t", "length_at_a_quarter_of_the_line = 0.75 * 10", False, ("1 - t", "variance")),
        ("quarter-w-no-root", "length_at_a_quarter_of_the_line = 10 * 0.625", False, ("square root",)),
        ("quarter-w-squared", "length_at_a_quarter_of_the_line = 62.5", False, ("squared length",)),
        ("quarter-w-midpoint", "length_at_a_quarter_of_the_line = 50 ** 0.5", False, ("midpoint",)),
        ("quarter-w-an-end", "length_at_a_quarter_of_the_line = 10", False, ("an end's length",)),
        ("quarter-w-lengths-interpolated", "length_at_a_quarter_of_the_line = (10 + 50 ** 0.5) / 2", False,
         ("lengths do not change linearly",))]:
    _answer(id, "check_answer", "length_at_a_quarter_of_the_line", source, ok, words,
            {"answer_name": "length_at_a_quarter_of_the_line"})

# ---- 08's question: the Inception Score of a generator of five sure classes ---------------------------------------
for id, source, ok, words in [
        ("is5-r-five", "inception_score_of_five_sure_classes = 5", True, ()),
        ("is5-r-exp-log", "inception_score_of_five_sure_classes = math.exp(math.log(5))", True, ()),
        ("is5-r-computed", "p = torch.zeros(1000, 10)\np[torch.arange(1000), torch.arange(1000) % 5] = 1\n"
                           "marginal = p.mean(0)\nkl = (p * (torch.log(p + 1e-12) - torch.log(marginal + 1e-12))).sum(1)"
                           "\ninception_score_of_five_sure_classes = kl.mean().exp().item()", True, ()),
        ("is5-w-ten", "inception_score_of_five_sure_classes = 10", False, ("largest score", "draws five")),
        ("is5-w-the-kl", "inception_score_of_five_sure_classes = math.log(5)", False, ("KL itself",)),
        ("is5-w-fraction", "inception_score_of_five_sure_classes = 0.5", False, ("not a fraction",)),
        ("is5-w-ln10", "inception_score_of_five_sure_classes = math.log(10)", False, ("ln 10",)),
        ("is5-w-one", "inception_score_of_five_sure_classes = 1", False, ("score of 1",))]:
    _answer(id, "check_answer", "inception_score_of_five_sure_classes", source, ok, words,
            {"answer_name": "inception_score_of_five_sure_classes"})
