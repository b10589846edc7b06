"""Blind round 11: 193 answers to every check in the notebooks, by a helper who had seen neither the checks nor the
batteries (written from the student notebooks alone), with the verdicts they gave. Five answers the writer called wrong
are right here, as the course judges them: sigmoid then nn.BCELoss (the PyTorch tutorial's form) and the log of a
sigmoid written out are the loss, told with a note where they lose the gradient or overflow; R1 with
x.requires_grad_() on the batch itself (as in Mescheder et al.'s code); upsampling + convolution (the exercise allows
it); slerp without a guard for parallel vectors (the formula as the notebook writes it). The words are those of the
tutor's messages, which name each mistake."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

# =====================================================================================================
# check_discriminator_loss (notebooks 00 and 01): my_discriminator_loss(real_logits, fake_logits)
# =====================================================================================================

# functional BCE on logits with ones_like / zeros_like targets
_answer("dl-functional-bce", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real_loss + fake_loss
''', True)

# DCGAN-tutorial style: an nn.BCEWithLogitsLoss object and torch.full labels
_answer("dl-tutorial-criterion", "check_discriminator_loss", "my_discriminator_loss", '''
criterion = nn.BCEWithLogitsLoss()
real_label = 1.
fake_label = 0.


def my_discriminator_loss(real_logits, fake_logits):
    b_size = real_logits.size(0)
    label = torch.full((b_size,), real_label, dtype=torch.float, device=real_logits.device)
    errD_real = criterion(real_logits.view(-1), label)
    label = torch.full((fake_logits.size(0),), fake_label, dtype=torch.float, device=fake_logits.device)
    errD_fake = criterion(fake_logits.view(-1), label)
    errD = errD_real + errD_fake
    return errD
''', True)

# textbook form written out: -log sigmoid(r) - log(1 - sigmoid(f)) = softplus(-r) + softplus(f)
_answer("dl-softplus", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # -log(sigmoid(l)) = softplus(-l) and -log(1 - sigmoid(l)) = softplus(l), both stable
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

# log-sigmoid form computed in float64, cast back, printing the two halves on the way
_answer("dl-logsigmoid-float64-print", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    r = real_logits.double()
    f = fake_logits.double()
    term_real = -F.logsigmoid(r).mean()
    term_fake = -F.logsigmoid(-f).mean()
    print("real part", float(term_real), "fake part", float(term_fake))
    return (term_real + term_fake).to(real_logits.dtype)
''', True)

# MISTAKE: sigmoid then nn.BCELoss on probabilities: wrong value (log clamped at -100) and no gradient once a logit passes about +-17
_answer("dl-sigmoid-bceloss", "check_discriminator_loss", "my_discriminator_loss", '''
bce = nn.BCELoss()


def my_discriminator_loss(real_logits, fake_logits):
    p_real = torch.sigmoid(real_logits)
    p_fake = torch.sigmoid(fake_logits)
    return bce(p_real, torch.ones_like(p_real)) + bce(p_fake, torch.zeros_like(p_fake))
''', True)

# MISTAKE: labels swapped (real against 0, fake against 1)
_answer("dl-swapped-labels", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return real_loss + fake_loss
''', False, words=['real and fake are swapped'])

# MISTAKE: sigmoid applied twice (sigmoid, then the with-logits loss applies another)
_answer("dl-sigmoid-twice", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    d_fake = torch.sigmoid(fake_logits)
    return (F.binary_cross_entropy_with_logits(d_real, torch.ones_like(d_real))
            + F.binary_cross_entropy_with_logits(d_fake, torch.zeros_like(d_fake)))
''', False, words=['sigmoid is applied twice'])

# MISTAKE: sum over the batch instead of the batch mean
_answer("dl-sum-reduction", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits), reduction="sum")
    loss = loss + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits), reduction="sum")
    return loss
''', False, words=['it is a sum over the'])

# MISTAKE: forgets the fake term, only the real images' BCE
_answer("dl-only-real", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    return F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
''', False, words=['only the real half is there'])

# MISTAKE: one-sided label smoothing (real against 0.9) although the exercise asks for BCE against 1
_answer("dl-label-smoothing", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_targets = torch.full_like(real_logits, 0.9)  # label smoothing, Salimans et al.
    return (F.binary_cross_entropy_with_logits(real_logits, real_targets)
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
''', False, words=['the real target is 0.9'])

# MISTAKE: naive log(sigmoid) / log(1 - sigmoid): inf (then NaN) once a logit passes about +-17
_answer("dl-naive-log-unstable", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    d_fake = torch.sigmoid(fake_logits)
    return -(torch.log(d_real).mean() + torch.log(1 - d_fake).mean())
''', True)

# MISTAKE: concatenated batch with labels of shape (2B, 1) against logits of shape (2B,): broadcasting makes a (2B, 2B) matrix
_answer("dl-broadcast-b1", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    labels = torch.cat([torch.ones(len(real_logits), 1), torch.zeros(len(fake_logits), 1)])
    per_item = -(labels * F.logsigmoid(logits) + (1 - labels) * F.logsigmoid(-logits))
    return 2 * per_item.mean()
''', False, words=['every logit is judged against every'])

# =====================================================================================================
# check_generator_loss (notebooks 00 and 01): my_generator_loss(fake_logits)
# =====================================================================================================

# functional BCE against ones
_answer("gl-functional-bce", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', True)

# hand formula: -log D(G(z)) = -logsigmoid(l), averaged
_answer("gl-logsigmoid", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # non-saturating: minimise -log(sigmoid(l)), written stably
    loss = -F.logsigmoid(fake_logits)
    return loss.mean()
''', True)

# DCGAN tutorial style: criterion object, labels filled with real_label = 1
_answer("gl-tutorial-criterion", "check_generator_loss", "my_generator_loss", '''
criterion = nn.BCEWithLogitsLoss()


def my_generator_loss(fake_logits):
    label = torch.full((fake_logits.size(0),), 1.0, dtype=torch.float, device=fake_logits.device)
    output = fake_logits.view(-1)
    errG = criterion(output, label)
    return errG
''', True)

# MISTAKE: the saturating minimax loss log(1 - D(G(z))) instead of the non-saturating one
_answer("gl-saturating", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # G minimises log(1 - D(G(z))) as in the value function
    return torch.log(1 - torch.sigmoid(fake_logits)).mean()
''', False, words=['this is the saturating loss, log'])

# MISTAKE: BCE of the fakes against 0 (copied D's fake term): pushes D(G(z)) towards 0
_answer("gl-target-zero", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, words=["G's loss uses the target 0"])

# MISTAKE: WGAN/hinge habit, minus the mean logit instead of the cross-entropy
_answer("gl-minus-mean-logit", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -fake_logits.mean()
''', False, words=["that is the Wasserstein generator's loss"])

# MISTAKE: detaches the logits: the value is right but no gradient reaches G
_answer("gl-detached", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    logits = fake_logits.detach()
    return F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
''', False, words=['the generator loss returns a tensor'])

# MISTAKE: reduction="none": returns one loss per image (shape (B,)) instead of the batch mean
_answer("gl-no-reduction", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits), reduction="none")
''', False, words=['the generator loss must return one'])

# MISTAKE: mutates the caller's logits in place (neg_) to write softplus(-l)
_answer("gl-inplace-neg", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    fake_logits.neg_()  # -l in place, saves a copy
    return F.softplus(fake_logits).mean()
''', False, words=['you changed an input in place'])

# =====================================================================================================
# check_train_step, setting "unconditional" (notebook 01): my_train_step(G, D, opt_g, opt_d, x, y=None)
# =====================================================================================================

# clean version: one fake batch, detached for D, re-judged by the updated D for G, dict of detached tensors
_step("step-u-clean", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(z, y)

    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
              + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()

    g_logits = D(fake, y)
    loss_g = F.binary_cross_entropy_with_logits(g_logits, torch.ones_like(g_logits))
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# PyTorch DCGAN tutorial transcribed: BCEWithLogitsLoss, torch.full labels, netD.zero_grad(), two backward calls
_step("step-u-tutorial", "my_train_step", '''
criterion = nn.BCEWithLogitsLoss()
real_label = 1.
fake_label = 0.


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    ############################
    # (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
    ###########################
    D.zero_grad()
    b_size = x.size(0)
    label = torch.full((b_size,), real_label, dtype=torch.float, device=x.device)
    output = D(x, y).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean()

    noise = torch.randn(b_size, G.latent_dim, device=x.device)
    fake = G(noise, y)
    label.fill_(fake_label)
    output = D(fake.detach(), y).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean()
    errD = errD_real + errD_fake
    opt_d.step()

    ############################
    # (2) Update G network: maximize log(D(G(z)))
    ###########################
    G.zero_grad()
    label.fill_(real_label)
    output = D(fake, y).view(-1)
    errG = criterion(output, label)
    errG.backward()
    opt_g.step()

    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
''', True, setting="unconditional")

# Algorithm 1 of Goodfellow et al.: fresh noise for G's update, D frozen with requires_grad_(False), set_to_none, softplus losses
_step("step-u-fresh-noise-frozen", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    batch = x.size(0)
    opt_d.zero_grad(set_to_none=True)
    with torch.no_grad():
        fake = G(torch.randn(batch, G.latent_dim, device=x.device), y)
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad(set_to_none=True)
    new_fake = G(torch.randn(batch, G.latent_dim, device=x.device), y)
    loss_g = F.softplus(-D(new_fake, y)).mean()
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)

    with torch.no_grad():
        d_real = torch.sigmoid(real_logits).mean()
        d_fake = torch.sigmoid(fake_logits).mean()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
''', True, setting="unconditional")

# the course's losses from the namespace, D frozen by a loop over its parameters, prints the losses
_step("step-u-course-losses-print", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    noise = torch.randn(len(x), G.latent_dim).to(x.device)
    fake = G(noise, y)

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad = False
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad = True

    print(f"loss_d={loss_d.item():.4f}  loss_g={loss_g.item():.4f}")
    return dict(loss_d=loss_d.detach(), loss_g=loss_g.detach(),
                d_real=real_logits.detach().sigmoid().mean(), d_fake=fake_logits.detach().sigmoid().mean())
''', True, setting="unconditional")

# real and fake judged by D in one concatenated batch (equivalent for a D without batch norm, such as the MLP D)
_step("step-u-concat-batch", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    n = x.shape[0]
    fake = G(torch.randn(n, G.latent_dim, device=x.device), y)
    labels = None if y is None else torch.cat([y, y])
    logits = D(torch.cat([x, fake.detach()]), labels)
    real_logits, fake_logits = logits[:n], logits[n:]
    targets = torch.cat([torch.ones(n, device=x.device), torch.zeros(n, device=x.device)])
    loss_d = 2 * F.binary_cross_entropy_with_logits(logits, targets)  # mean over 2n = half the sum of the two means
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    g_logits = D(fake, y)
    loss_g = F.binary_cross_entropy_with_logits(g_logits, torch.ones_like(g_logits))
    loss_g.backward()
    opt_g.step()
    with torch.no_grad():
        return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
                "d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
''', True, setting="unconditional")

# MISTAKE: no detach (retain_graph to make it run) and both grads zeroed only at the start: D's loss gradient leaks into G's update
_step("step-u-no-detach-leak", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["G's update also carries the gradient"], setting="unconditional")

# MISTAKE: G is updated first, against the old D, and D afterwards (order of the two updates swapped)
_step("step-u-g-first", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()

    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['G is updated before D'], setting="unconditional")

# MISTAKE: never zeroes D's gradients: G's backward of the previous step (and D's old gradients) leak into D's update
_step("step-u-no-zero-grad-d", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["D's update carries gradients left in"], setting="unconditional")

# MISTAKE: d_real and d_fake reported as mean logits, not probabilities
_step("step-u-logits-not-probs", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    loss_g = generator_loss(D(fake, y))
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.mean().detach(), "d_fake": fake_logits.mean().detach()}
''', False, words=["'d_real' is the mean logit"], setting="unconditional")

# MISTAKE: G's loss computed on fake.detach(): G gets no gradient, opt_g.step() does nothing
_step("step-u-g-detached", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y).detach()
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    loss_g = generator_loss(D(fake, y))
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['no gradient reached G at opt_g.step'], setting="unconditional")

# MISTAKE: stale D outputs: reuses D's judgement of the fakes from before opt_d.step() for G's loss
_step("step-u-stale-d-output", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward(retain_graph=True)
    opt_d.step()
    loss_g = generator_loss(fake_logits)  # same logits, saves a forward pass
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["you used D's output from before"], setting="unconditional")

# MISTAKE: hard-coded latent size 100 instead of G.latent_dim (right only for nets with 100 noise numbers)
_step("step-u-hardcoded-latent", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.shape[0], 100, device=x.device)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    loss_g = generator_loss(D(fake, y))
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['G got noise with 100 numbers'], setting="unconditional")

# =====================================================================================================
# check_train_step, setting "conditional" (notebook 02): my_conditional_step(G, D, opt_g, opt_d, x, y)
# =====================================================================================================

# clean conditional step with the course's losses
_step("step-c-clean", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="conditional")

# tutorial style with labels, D frozen for G's update, fresh noise with the same labels for G (Algorithm 1)
_step("step-c-tutorial-fresh", "my_conditional_step", '''
criterion = nn.BCEWithLogitsLoss()


def my_conditional_step(G, D, opt_g, opt_d, x, y):
    b = x.size(0)
    D.zero_grad()
    out_real = D(x, y).view(-1)
    err_real = criterion(out_real, torch.full((b,), 1.0, device=x.device))
    err_real.backward()
    fake = G(torch.randn(b, G.latent_dim, device=x.device), y)
    out_fake = D(fake.detach(), y).view(-1)
    err_fake = criterion(out_fake, torch.full((b,), 0.0, device=x.device))
    err_fake.backward()
    opt_d.step()

    D.requires_grad_(False)
    G.zero_grad()
    fake2 = G(torch.randn(b, G.latent_dim, device=x.device), y)
    err_g = criterion(D(fake2, y).view(-1), torch.full((b,), 1.0, device=x.device))
    err_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": (err_real + err_fake).detach(), "loss_g": err_g.detach(),
            "d_real": out_real.detach().sigmoid().mean(), "d_fake": out_fake.detach().sigmoid().mean()}
''', True, setting="conditional")

# MISTAKE: D judges the fakes with shuffled labels, not the labels they were made for
_step("step-c-mismatched-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    other = y[torch.randperm(len(y), device=y.device)]
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), other)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, other))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['D judges the fakes with other'], setting="conditional")

# MISTAKE: forgets the label in G's update: D(fake) without y
_step("step-c-g-without-label", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the nets are conditional, so each'], setting="conditional")

# MISTAKE: never zeroes G's gradients: they accumulate over the steps (first step looks fine)
_step("step-c-no-zero-grad-g", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["G's gradients are never zeroed before"], setting="conditional")

# MISTAKE: uniform noise torch.rand instead of the normal noise torch.randn
_step("step-c-uniform-noise", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    fake = G(torch.rand(x.size(0), G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the noise is not drawn from'], setting="conditional")

# MISTAKE: device mistake: noise always made on the CPU (no device=x.device), breaks on a GPU
_step("step-c-noise-on-cpu", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(x.size(0), G.latent_dim)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['on the CPU'], setting="conditional")

# =====================================================================================================
# check_train_step, setting "r1" (notebook 03): my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0)
# =====================================================================================================

# the notebook's recipe, written out with autograd.grad on the sum
_step("step-r1-clean", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        penalty = grad.pow(2).flatten(1).sum(1).mean()
        total_d = loss_d + r1_gamma / 2 * penalty
    opt_d.zero_grad()
    total_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# grad_outputs=ones_like instead of .sum(), squared norm via einsum, hand-written BCE; D frozen for G
_step("step-r1-grad-outputs", "my_dcgan_step", '''
def bce_logits(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    real = x.detach().clone().requires_grad_(bool(r1_gamma))
    noise = torch.randn(real.size(0), G.latent_dim, device=real.device)
    fake = G(noise, y)
    opt_d.zero_grad(set_to_none=True)
    real_logits = D(real, y)
    fake_logits = D(fake.detach(), y)
    loss_d = bce_logits(real_logits, 1.0) + bce_logits(fake_logits, 0.0)
    if r1_gamma:
        g, = torch.autograd.grad(outputs=real_logits, inputs=real, grad_outputs=torch.ones_like(real_logits),
                                 create_graph=True)
        g = g.reshape(g.size(0), -1)
        r1 = torch.einsum("bi,bi->b", g, g).mean()
        (loss_d + 0.5 * r1_gamma * r1).backward()
    else:
        loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad(set_to_none=True)
    loss_g = bce_logits(D(fake, y), 1.0)
    loss_g.backward()
    opt_g.step()
    D.requires_grad_(True)
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="r1")

# the course's r1_penalty from the namespace
_step("step-r1-course-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    objective = loss_d + (r1_gamma / 2 * r1_penalty(real_logits, x) if r1_gamma else 0.0)
    opt_d.zero_grad()
    objective.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="r1")

# MISTAKE: no create_graph=True: the penalty is a constant to D's weights and changes nothing
_step("step-r1-no-create-graph", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    opt_d.zero_grad()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the R1 gradient was taken without'], setting="r1")

# MISTAKE: weight r1_gamma instead of r1_gamma / 2
_step("step-r1-no-half", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma * grad.pow(2).flatten(1).sum(1).mean()
    opt_d.zero_grad()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the R1 term is r1_gamma times'], setting="r1")

# MISTAKE: mean over pixels as well (grad.pow(2).mean()) instead of the sum over each image's pixels
_step("step-r1-pixel-mean", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).mean()
    opt_d.zero_grad()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the R1 penalty averages the squared'], setting="r1")

# MISTAKE: reports loss_d with the penalty included
_step("step-r1-reports-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        loss_d = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["'loss_d' includes the R1 penalty"], setting="r1")

# MISTAKE: x.requires_grad_(True) on the caller's batch itself (no detach): mutates the input tensor
_step("step-r1-mutates-x", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    if r1_gamma:
        x.requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    opt_d.zero_grad()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# MISTAKE: the slope is penalised at the fake images instead of the real ones
_step("step-r1-at-fakes", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    fake_in = fake.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake_in, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(fake_logits.sum(), fake_in, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    opt_d.zero_grad()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['the R1 penalty is taken at'], setting="r1")

# =====================================================================================================
# check_train_step, setting "class" (notebook 04): my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0)
# =====================================================================================================

# the notebook's recipe: class logits from the same forward passes, class terms not reported
_step("step-cls-clean", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
    else:
        real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d + class_weight * class_loss(class_logits, y) if class_weight else loss_d
    opt_d.zero_grad()
    total_d.backward()
    opt_d.step()

    if class_weight:
        g_logits, g_class_logits = D(fake, y, classify=True)
        loss_g = generator_loss(g_logits)
        total_g = loss_g + class_weight * class_loss(g_class_logits, y)
    else:
        loss_g = generator_loss(D(fake, y))
        total_g = loss_g
    opt_g.zero_grad()
    total_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# hand-written cross-entropies (log_softmax + gather), always classify=True, D frozen during G's update
_step("step-cls-handwritten-frozen", "my_step", '''
def ce(logits, labels):
    return -F.log_softmax(logits, dim=1).gather(1, labels.view(-1, 1)).mean()


def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    b = x.shape[0]
    z = torch.randn(b, G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad(set_to_none=True)
    real_logits, real_class = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    (loss_d + class_weight * ce(real_class, y)).backward()
    opt_d.step()

    D.requires_grad_(False)
    opt_g.zero_grad(set_to_none=True)
    g_logits, g_class = D(fake, y, classify=True)
    loss_g = F.softplus(-g_logits).mean()
    (loss_g + class_weight * ce(g_class, y)).backward()
    opt_g.step()
    D.requires_grad_(True)
    with torch.no_grad():
        return {"loss_d": loss_d.clone(), "loss_g": loss_g.clone(),
                "d_real": torch.sigmoid(real_logits).mean(), "d_fake": torch.sigmoid(fake_logits).mean()}
''', True, setting="class")

# MISTAKE: ignores class_weight (adds the class losses unweighted); identical only when class_weight == 1
_step("step-cls-ignores-weight", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    (loss_d + class_loss(class_logits, y)).backward()
    opt_d.step()
    g_logits, g_class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    opt_g.zero_grad()
    (loss_g + class_loss(g_class_logits, y)).backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=['with class_weight = 0 your step'], setting="class")

# MISTAKE: AC-GAN proper: D's class loss also on the (detached) fakes, the course's D learns classes from real images only
_step("step-cls-d-classifies-fakes", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits, fake_class_logits = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total_d = loss_d + class_weight * (class_loss(class_logits, y) + class_loss(fake_class_logits, y))
    opt_d.zero_grad()
    total_d.backward()
    opt_d.step()
    g_logits, g_class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    opt_g.zero_grad()
    (loss_g + class_weight * class_loss(g_class_logits, y)).backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["D's class loss includes the fakes"], setting="class")

# MISTAKE: reports loss_d and loss_g with the class terms included
_step("step-cls-reports-class-terms", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits) + class_weight * class_loss(class_logits, y)
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    g_logits, g_class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits) + class_weight * class_loss(g_class_logits, y)
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["'loss_d' includes the class loss"], setting="class")

# MISTAKE: G's class term taken from D's step (class logits of the detached fakes, before opt_d.step()): no class gradient reaches G
_step("step-cls-stale-detached-class", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits, fake_class_logits = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    (loss_d + class_weight * class_loss(class_logits, y)).backward()
    opt_d.step()
    g_class_term = class_weight * class_loss(fake_class_logits.detach(), y)  # already computed above
    loss_g = generator_loss(D(fake, y))
    opt_g.zero_grad()
    (loss_g + g_class_term).backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["D's update is right"], setting="class")

# MISTAKE: wrong sign of G's class term (G "fools the classifier" by maximising the cross-entropy)
_step("step-cls-g-sign", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    (loss_d + class_weight * class_loss(class_logits, y)).backward()
    opt_d.step()
    g_logits, g_class_logits = D(fake, y, classify=True)
    loss_g = generator_loss(g_logits)
    opt_g.zero_grad()
    (loss_g - class_weight * class_loss(g_class_logits, y)).backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, words=["G's class loss is subtracted"], setting="class")

# =====================================================================================================
# check_conditional_net (notebook 02): MyConditionalGenerator and MyProjectionDiscriminator
# =====================================================================================================

# [z; e_y] along dim 1, the layers, view to (batch, *image_shape)
_answer("cg-cat-view", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(z.size(0), *self.image_shape)
''', True)

# torch.hstack and unflatten, with a shape print
_answer("cg-hstack-unflatten", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.label_embedding(y)
        inputs = torch.hstack((z, e))
        flat = self.net(inputs)
        images = flat.unflatten(1, tuple(self.image_shape))
        # print(inputs.shape, images.shape)
        return images
''', True)

# MISTAKE: label vector before the noise ([e_y; z] instead of [z; e_y]): same shapes, wrong inputs to the first layer
_answer("cg-order-swapped", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(-1, *self.image_shape)
''', False, words=["the label's vector comes before the"])

# MISTAKE: one-hot label instead of the learned embedding (10 numbers as well, so the shapes fit)
_answer("cg-one-hot", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        one_hot = F.one_hot(y, num_classes=self.label_embedding.num_embeddings).float()
        return self.net(torch.cat([z, one_hot], 1)).view(-1, *self.image_shape)
''', False, words=['a one-hot vector stands in for'])

# MISTAKE: tanh applied again on top of the net's own Tanh
_answer("cg-tanh-twice", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        out = self.net(torch.cat([z, self.label_embedding(y)], 1))
        return torch.tanh(out).view(-1, *self.image_shape)
''', False, words=['tanh is applied twice'])

# MISTAKE: detaches the label embedding: same outputs, but the embedding never learns
_answer("cg-detached-embedding", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e = self.label_embedding(y).detach()
        return self.net(torch.cat([z, e], 1)).view(-1, *self.image_shape)
''', False, words=["the label's vector is detached"])

# projection D: psi(phi) squeezed plus the row-wise inner product
_answer("pd-sum-inner", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(-1) + (self.label_embedding(y) * h).sum(dim=1)
''', True)

# projection D via einsum, x.view(len(x), -1)
_answer("pd-einsum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.view(x.size(0), -1))
        psi = self.out(phi).view(-1)
        e_y = self.label_embedding(y)
        return psi + torch.einsum("bd,bd->b", e_y, phi)
''', True)

# MISTAKE: forgets the projection term: only psi(phi(x)), the label is ignored
_answer("pd-no-projection", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(-1)
''', False, words=['the label is ignored'])

# MISTAKE: psi not squeezed: (B, 1) + (B,) broadcasts to a (B, B) matrix
_answer("pd-broadcast-bb", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(1)
''', False, words=['broadcasts to (batch, batch)'])

# MISTAKE: the inner product summed over the whole batch (.sum() without dim): one number added to every logit
_answer("pd-sum-all", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum()
''', False, words=['the inner product is summed over'])

# =====================================================================================================
# check_block_shapes, notebook 03: my_up_block(c_in, c_out) -> (2, 64, 7, 7) to (2, 32, 14, 14)
# =====================================================================================================

_UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}

# positional arguments, in-place ReLU, as in the DCGAN tutorial
_answer("up-tutorial", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(True),
    )
''', True, args=_UP)

# keyword arguments, layers collected in a list
_answer("up-keywords-list", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    layers = [nn.ConvTranspose2d(in_channels=c_in, out_channels=c_out, kernel_size=4, stride=2, padding=1, bias=False)]
    layers.append(nn.BatchNorm2d(num_features=c_out))
    layers.append(nn.ReLU())
    return nn.Sequential(*layers)
''', True, args=_UP)

# MISTAKE: keeps the bias of the transposed convolution (bias=True, the default)
_answer("up-with-bias", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1), nn.BatchNorm2d(c_out), nn.ReLU())
''', False, words=['the convolution before BatchNorm has a'], args=_UP)

# MISTAKE: hard-coded 64 -> 32 channels, ignores c_in and c_out (passes only for the checked sizes)
_answer("up-hardcoded-channels", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(64, 32, 4, 2, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU())
''', False, words=['your block works for the channel'], args=_UP)

# MISTAKE: kernel 3 with output_padding=1: also doubles 7 to 14, but not the block asked for (kernel 4)
_answer("up-kernel3-outpad", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(c_in, c_out, kernel_size=3, stride=2, padding=1, output_padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(),
    )
''', False, words=['kernel_size 3'], args=_UP)

# MISTAKE: ReLU before batch norm (order of the layers)
_answer("up-relu-before-bn", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.ReLU(), nn.BatchNorm2d(c_out))
''', False, words=['the order is convolution, BatchNorm, then'], args=_UP)

# MISTAKE: D's habit in G: LeakyReLU(0.2) instead of ReLU
_answer("up-leaky", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2, inplace=True))
''', False, words=['the activation must be ReLU'], args=_UP)

# MISTAKE: upsample + ordinary convolution: right shape, but no transposed convolution
_answer("up-upsample-conv", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(c_in, c_out, 3, 1, 1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU())
''', True, args=_UP)

# =====================================================================================================
# check_block_shapes, notebook 07: my_first_layer -> (2, 3, 64, 64) to (2, 16, 32, 32)
# =====================================================================================================

_FIRST = {"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}

# positional arguments
_answer("first-positional", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, 4, 2, 1)
)
''', True, args=_FIRST)

# keyword arguments, tuples, no bias, inside an nn.Sequential
_answer("first-keywords-seq", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Sequential(nn.Conv2d(in_channels=3, out_channels=16, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False))
)
''', True, args=_FIRST)

# MISTAKE: kernel 3 (stride 2, padding 1 still gives 32x32): not the kernel asked for
_answer("first-kernel3", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
)
''', False, words=['kernel_size 3'], args=_FIRST)

# MISTAKE: batch norm after D's first convolution (the guideline says none there)
_answer("first-with-bn", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16))
)
''', False, words=["there is a BatchNorm in D's"], args=_FIRST)

# MISTAKE: no padding: 64 -> 31
_answer("first-no-padding", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, 4, 2)
)
''', False, words=['padding 0'], args=_FIRST)

# MISTAKE: transposed convolution (G's layer): 64 -> 128
_answer("first-transposed", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.ConvTranspose2d(3, 16, 4, 2, 1)
)
''', False, words=['that is a transposed convolution, which'], args=_FIRST)

# MISTAKE: pooling instead of a strided convolution (conv stride 1 then max-pool): right shape, not the layer asked for
_answer("first-conv-maxpool", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1), nn.MaxPool2d(2))
)
''', False, words=['there is a pooling layer'], args=_FIRST)

# =====================================================================================================
# check_slerp (notebook 05): my_slerp(z0, z1, t)
# =====================================================================================================

# vectorised over t, clamped cosine, falls back to lerp for (nearly) parallel vectors
_answer("slerp-vectorised", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).reshape(-1, 1)
    cos = torch.dot(z0, z1) / (z0.norm() * z1.norm())
    w = torch.acos(cos.clamp(-1.0, 1.0))
    if torch.sin(w).abs() < 1e-6:
        return (1 - t) * z0 + t * z1
    return torch.sin((1 - t) * w) / torch.sin(w) * z0 + torch.sin(t * w) / torch.sin(w) * z1
''', True)

# a loop over the values of t with math functions, torch.stack of the rows
_answer("slerp-loop", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    cos_w = float((z0 @ z1) / (torch.linalg.norm(z0) * torch.linalg.norm(z1)))
    w = math.acos(max(-1.0, min(1.0, cos_w)))
    rows = []
    for ti in torch.as_tensor(t).reshape(-1).tolist():
        if abs(math.sin(w)) < 1e-8:
            rows.append((1 - ti) * z0 + ti * z1)
        else:
            rows.append(math.sin((1 - ti) * w) / math.sin(w) * z0 + math.sin(ti * w) / math.sin(w) * z1)
    return torch.stack(rows)
''', True)

# angle from atan2 of unit vectors (stable near 0 and pi), float64 inside, cast back
_answer("slerp-atan2-float64", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    a, b = z0.double(), z1.double()
    ua, ub = a / a.norm(), b / b.norm()
    w = 2 * torch.atan2((ua - ub).norm(), (ua + ub).norm())
    tt = torch.as_tensor(t, dtype=torch.float64, device=z0.device).reshape(-1, 1)
    s = torch.sin(w)
    if s < 1e-12:
        out = (1 - tt) * a + tt * b
    else:
        out = (torch.sin((1 - tt) * w) * a + torch.sin(tt * w) * b) / s
    return out.to(z0.dtype)
''', True)

# MISTAKE: straight line (lerp) instead of the great circle
_answer("slerp-lerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, words=['this is the straight line'])

# MISTAKE: normalised lerp (lerp rescaled to the interpolated length): same ends and lengths, wrong path
_answer("slerp-nlerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    straight = (1 - t) * z0 + t * z1
    length = (1 - t) * z0.norm() + t * z1.norm()
    return straight / straight.norm(dim=1, keepdim=True) * length
''', False, words=['that is the straight line rescaled'])

# MISTAKE: angle from the raw dot product (vectors not normalised): acos of a number far outside [-1, 1] is NaN
_answer("slerp-unnormalised-angle", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    w = torch.acos(torch.dot(z0, z1))
    return torch.sin((1 - t) * w) / torch.sin(w) * z0 + torch.sin(t * w) / torch.sin(w) * z1
''', False, words=['the path holds NaN'])

# MISTAKE: coefficients swapped: starts at z1 and ends at z0
_answer("slerp-swapped", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    w = torch.acos(torch.clamp(torch.dot(z0 / z0.norm(), z1 / z1.norm()), -1, 1))
    return torch.sin(t * w) / torch.sin(w) * z0 + torch.sin((1 - t) * w) / torch.sin(w) * z1
''', False, words=['the ends are swapped'])

# MISTAKE: normalises z0 and z1 in place (mutates the inputs) and so returns unit-length rows
_answer("slerp-inplace-unit", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    z0 /= z0.norm()
    z1 /= z1.norm()
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    w = torch.acos(torch.clamp(z0 @ z1, -1, 1))
    return torch.sin((1 - t) * w) / torch.sin(w) * z0 + torch.sin(t * w) / torch.sin(w) * z1
''', False, words=['changes z0 or z1 in place'])

# MISTAKE: no guard for parallel vectors: 0/0 = NaN when z1 is a multiple of z0 (right for generic inputs)
_answer("slerp-no-parallel-guard", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    omega = torch.arccos(torch.clamp(F.cosine_similarity(z0, z1, dim=0), -1, 1))
    so = torch.sin(omega)
    return torch.sin((1.0 - t) * omega) / so * z0 + torch.sin(t * omega) / so * z1
''', True)

# =====================================================================================================
# check_frechet_distance (notebook 08): my_frechet(mu1, sigma1, mu2, sigma2), numpy in, float out
# =====================================================================================================

# scipy's sqrtm, real part, the pytorch-fid recipe (offset if the product is singular)
_answer("fd-sqrtm-fid", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * 1e-6
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', True)

# symmetric form: Tr sqrt(S1 S2) = sum of sqrt of the eigenvalues of sqrt(S1) S2 sqrt(S1)
_answer("fd-eigen-symmetric", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    root1 = linalg.sqrtm(sigma1).real
    middle = root1 @ sigma2 @ root1
    middle = (middle + middle.T) / 2
    eig = np.linalg.eigvalsh(middle)
    trace_sqrt = np.sqrt(np.clip(eig, 0, None)).sum()
    mean_term = np.sum((np.asarray(mu1) - np.asarray(mu2)) ** 2)
    return float(mean_term + np.trace(sigma1 + sigma2) - 2.0 * trace_sqrt)
''', True)

# straight from the formula, printing the two terms
_answer("fd-plain-print", "check_frechet_distance", "my_frechet", '''
import scipy.linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    mean_part = np.linalg.norm(mu1 - mu2) ** 2
    cov_part = np.trace(sigma1 + sigma2 - 2 * np.real(scipy.linalg.sqrtm(sigma1 @ sigma2)))
    print("means:", mean_part, "covariances:", cov_part)
    return float(mean_part + cov_part)
''', True)

# MISTAKE: forgets the factor 2 on the cross term
_answer("fd-no-factor-2", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - covmean))
''', False, words=['the factor 2 is missing'])

# MISTAKE: element-wise np.sqrt instead of the matrix square root (right only for diagonal covariances)
_answer("fd-elementwise-sqrt", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = np.sqrt(np.abs(sigma1 @ sigma2))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', False, words=['the square root is element-wise'])

# MISTAKE: sqrtm(S1) @ sqrtm(S2) instead of sqrtm(S1 @ S2) (right only when the covariances commute)
_answer("fd-product-of-roots", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    cross = (linalg.sqrtm(sigma1) @ linalg.sqrtm(sigma2)).real
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(cross))
''', False, words=['that uses sqrtm'])

# MISTAKE: distance of the means not squared (norm instead of squared norm)
_answer("fd-norm-not-squared", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, words=['the mean term is |mu1 -'])

# MISTAKE: returns a torch tensor instead of a float
_answer("fd-returns-tensor", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    d = np.sum((mu1 - mu2) ** 2) + np.trace(sigma1 + sigma2 - 2 * covmean)
    return torch.tensor(d)
''', True)

# =====================================================================================================
# check_hinge_loss (notebook 09): my_hinge_d_loss(real_scores, fake_scores), my_hinge_g_loss(fake_scores)
# =====================================================================================================

_HINGE = {"generator_name": "my_hinge_g_loss"}

# F.relu, as the hint says
_answer("hinge-relu", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args=_HINGE)

# torch.clamp(min=0) and torch.mean
_answer("hinge-clamp", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    loss_real = torch.mean(torch.clamp(1.0 - real_scores, min=0.0))
    loss_fake = torch.mean(torch.clamp(1.0 + fake_scores, min=0.0))
    return loss_real + loss_fake


def my_hinge_g_loss(fake_scores):
    return torch.mean(-fake_scores)
''', True, args=_HINGE)

# torch.maximum against zeros and an nn.ReLU object; G's mean written as sum / numel
_answer("hinge-maximum", "check_hinge_loss", "my_hinge_d_loss", '''
relu = nn.ReLU()


def my_hinge_d_loss(real_scores, fake_scores):
    zero = torch.zeros_like(real_scores)
    return torch.maximum(zero, 1 - real_scores).mean() + relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -(fake_scores.sum() / fake_scores.numel())
''', True, args=_HINGE)

# MISTAKE: no relu on the fake term: right only while every fake score is above -1
_answer("hinge-fake-no-relu", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + (1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=["the fakes' term has no max"], args=_HINGE)

# MISTAKE: margins' signs swapped (real pushed down, fakes pushed up)
_answer("hinge-signs-swapped", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=['real and fake are swapped'], args=_HINGE)

# MISTAKE: hinge in G's loss too (relu(1 - score)) instead of the linear -mean
_answer("hinge-g-hinged", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, words=["that is D's hinge applied to"], args=_HINGE)

# MISTAKE: relu of the batch mean instead of the mean of the relus (right only when all scores sit on one side of the margin)
_answer("hinge-relu-of-mean", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores.mean()) + F.relu(1 + fake_scores.mean())


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, words=['taken of the batch mean'], args=_HINGE)

# MISTAKE: G's loss with the wrong sign (+mean score)
_answer("hinge-g-sign", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, words=['the sign is flipped'], args=_HINGE)

# =====================================================================================================
# check_critic (notebook 09): make_critic() -> scores of shape (B,)
# =====================================================================================================

# nn.Sequential ending with Flatten(0) so that (B, 1) becomes (B,)
_answer("critic-sequential-flatten0", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# a module class with forward(x, y=None), in-place LeakyReLU, squeeze(1)
_answer("critic-module-class", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1),
            nn.LeakyReLU(0.2, inplace=True),
        )
        self.score = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x, y=None):
        return self.score(self.features(x).flatten(1)).squeeze(1)


def make_critic():
    return Critic()
''', True)

# the functional LeakyReLU inside forward and view(-1)
_answer("critic-functional", "check_critic", "make_critic", '''
class WCritic(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 4, 2, 1)
        self.c2 = nn.Conv2d(32, 64, 4, 2, 1)
        self.fc = nn.Linear(3136, 1)

    def forward(self, x):
        h = F.leaky_relu(self.c1(x), 0.2)
        h = F.leaky_relu(self.c2(h), 0.2)
        return self.fc(h.view(h.size(0), -1)).view(-1)


def make_critic():
    return WCritic()
''', True)

# MISTAKE: keeps notebook 03's batch norm in the critic
_answer("critic-batchnorm", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', False, words=['the critic has batch norm'])

# MISTAKE: returns shape (B, 1), no squeeze
_answer("critic-b1", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1),
    )
''', False, words=['a batch of 6 images gave'])

# MISTAKE: nn.LeakyReLU() with its default slope 0.01 instead of 0.2
_answer("critic-default-slope", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# MISTAKE: kernel 3 (stride 2, padding 1 still gives 28 -> 14 -> 7): right shapes, not the convolutions asked for
_answer("critic-kernel3", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 3, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', True)

# MISTAKE: .squeeze() without a dim: a batch of one gives a 0-d score instead of shape (1,)
_answer("critic-squeeze-all", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(64 * 7 * 7, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze()


def make_critic():
    return Critic()
''', False, words=['a batch of one image gave'])

# =====================================================================================================
# check_gradient_penalty (notebook 09): my_gradient_penalty(D, real, fake)
# =====================================================================================================

# the hint, step by step
_answer("gp-clean", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    B = real.size(0)
    eps = torch.rand(B, 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    scores = D(x_hat)
    grad, = torch.autograd.grad(scores.sum(), x_hat, create_graph=True)
    norms = grad.flatten(1).norm(2, dim=1)
    return ((norms - 1) ** 2).mean()
''', True)

# torch.lerp, grad_outputs=ones_like, torch.linalg.vector_norm
_answer("gp-lerp-grad-outputs", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1, device=real.device, dtype=real.dtype)
    interpolates = torch.lerp(fake.detach(), real.detach(), eps).requires_grad_(True)
    d_interpolates = D(interpolates)
    gradients = torch.autograd.grad(outputs=d_interpolates, inputs=interpolates,
                                    grad_outputs=torch.ones_like(d_interpolates),
                                    create_graph=True, retain_graph=True)[0]
    gradients = gradients.view(gradients.size(0), -1)
    return ((torch.linalg.vector_norm(gradients, dim=1) - 1) ** 2).mean()
''', True)

# norm written out as sqrt of the sum of squares (tiny epsilon for the sqrt's slope at 0)
_answer("gp-manual-norm", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    n = len(real)
    alpha = torch.rand(n, 1, 1, 1).to(real.device)
    mixed = alpha * real.detach() + (1 - alpha) * fake.detach()
    mixed.requires_grad_(True)
    out = D(mixed)
    g = torch.autograd.grad(out.sum(), mixed, create_graph=True)[0].reshape(n, -1)
    slope = torch.sqrt((g ** 2).sum(dim=1) + 1e-12)
    penalty = (slope - 1).pow(2).mean()
    return penalty
''', True)

# MISTAKE: one epsilon per pixel (torch.rand_like(real)) instead of one per image
_answer("gp-eps-per-pixel", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand_like(real)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the points are not on the'])

# MISTAKE: no create_graph=True: same value, but the penalty cannot train D
_answer("gp-no-create-graph", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty has no gradient'])

# MISTAKE: one norm over the whole batch's gradient instead of one per image
_answer("gp-batch-norm", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.norm() - 1) ** 2
''', False, words=['the norm is taken over the'])

# MISTAKE: one-sided penalty relu(norm - 1)^2: equal only when every norm is above 1
_answer("gp-one-sided", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return F.relu(grad.flatten(1).norm(dim=1) - 1).pow(2).mean()
''', False, words=['only slopes above 1 are penalised'])

# MISTAKE: includes the weight lambda = 10 although the step multiplies by gp_weight
_answer("gp-times-10", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake, lambda_gp=10.0):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return lambda_gp * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, words=['the penalty is multiplied by lambda'])

# =====================================================================================================
# check_class_loss_halves (notebook 04): my_class_losses(D, real, fake, y) -> (d_half, g_half)
# =====================================================================================================

# the course's class_loss, as the hint says
_answer("halves-course-class-loss", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake, y, classify=True)
    d_half = class_loss(real_class_logits, y)
    g_half = class_loss(fake_class_logits, y)
    return d_half, g_half
''', True)

# F.cross_entropy written inline
_answer("halves-cross-entropy", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    d_half = F.cross_entropy(D(real, y, classify=True)[1], y)
    g_half = F.cross_entropy(D(fake, y, classify=True)[1], y)
    return (d_half, g_half)
''', True)

# an nn.CrossEntropyLoss object, DCGAN-tutorial style
_answer("halves-criterion-object", "check_class_loss_halves", "my_class_losses", '''
aux_criterion = nn.CrossEntropyLoss()


def my_class_losses(D, real, fake, y):
    output, aux_real = D(real, y, classify=True)
    d_half = aux_criterion(aux_real, y)
    output, aux_fake = D(fake, y, classify=True)
    g_half = aux_criterion(aux_fake, y)
    return d_half, g_half
''', True)

# textbook: logsumexp minus the logit of the right class, averaged
_answer("halves-logsumexp", "check_class_loss_halves", "my_class_losses", '''
def ce_by_hand(class_logits, labels):
    picked = class_logits[torch.arange(len(labels)), labels]
    return (torch.logsumexp(class_logits, dim=1) - picked).mean()


def my_class_losses(D, real, fake, y):
    real_class = D(real, y, classify=True)[1]
    fake_class = D(fake, y, classify=True)[1]
    return ce_by_hand(real_class, y), ce_by_hand(fake_class, y)
''', True)

# one-hot targets times log_softmax
_answer("halves-one-hot-log-softmax", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    halves = []
    for images in (real, fake):
        _, c = D(images, y, classify=True)
        target = F.one_hot(y, num_classes=c.shape[1]).to(c.dtype)
        halves.append(-(target * F.log_softmax(c, dim=1)).sum(dim=1).mean())
    return halves[0], halves[1]
''', True)

# computed in float64 with nll_loss, cast back, printed next to ln 10
_answer("halves-float64-nll-print", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    d_half = F.nll_loss(F.log_softmax(c_real.double(), dim=1), y).to(c_real.dtype)
    g_half = F.nll_loss(F.log_softmax(c_fake.double(), dim=1), y).to(c_fake.dtype)
    print(f"d_half {d_half.item():.4f}, g_half {g_half.item():.4f}, uniform guess {math.log(10):.4f}")
    return d_half, g_half
''', True)

# MISTAKE: detaches the fakes for G's half: right value, but no gradient reaches G
_answer("halves-g-detached", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake.detach(), y, classify=True)
    return class_loss(real_class_logits, y), class_loss(fake_class_logits, y)
''', False, words=["G's half has the right value"])

# MISTAKE: returns the halves in the wrong order (g_half, d_half)
_answer("halves-swapped-order", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, real_class_logits = D(real, y, classify=True)
    _, fake_class_logits = D(fake, y, classify=True)
    g_half = class_loss(fake_class_logits, y)
    d_half = class_loss(real_class_logits, y)
    return g_half, d_half
''', False, words=['the halves are swapped'])

# MISTAKE: softmax before F.cross_entropy (softmax applied twice): values stay near ln 10
_answer("halves-double-softmax", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    p_real = torch.softmax(c_real, dim=1)
    p_fake = torch.softmax(c_fake, dim=1)
    return F.cross_entropy(p_real, y), F.cross_entropy(p_fake, y)
''', False, words=["D's half applies softmax before F.cross_entropy,"])

# MISTAKE: reduction="sum": the total over the six images instead of the mean
_answer("halves-sum", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    return F.cross_entropy(c_real, y, reduction="sum"), F.cross_entropy(c_fake, y, reduction="sum")
''', False, words=["D's half is a sum over"])

# MISTAKE: targets are D's own predictions (argmax) instead of the labels y
_answer("halves-argmax-targets", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    return F.cross_entropy(c_real, c_real.argmax(1)), F.cross_entropy(c_fake, c_fake.argmax(1))
''', False, words=["D's half uses D's own guesses"])

# MISTAKE: AC-GAN proper in D's half: adds the class loss of the (detached) fakes to d_half
_answer("halves-d-includes-fakes", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake_d = D(fake.detach(), y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    d_half = class_loss(c_real, y) + class_loss(c_fake_d, y)
    g_half = class_loss(c_fake, y)
    return d_half, g_half
''', False, words=["D's half includes the fakes"])

# MISTAKE: everything under torch.no_grad(): right numbers, but neither half can train anything
_answer("halves-no-grad", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    with torch.no_grad():
        _, c_real = D(real, y, classify=True)
        _, c_fake = D(fake, y, classify=True)
        return F.cross_entropy(c_real, y), F.cross_entropy(c_fake, y)
''', False, words=["D's half returns a tensor without"])

# MISTAKE: log_softmax over the batch (dim=0) instead of over the classes
_answer("halves-logsoftmax-dim0", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    d_half = F.nll_loss(F.log_softmax(c_real, dim=0), y)
    g_half = F.nll_loss(F.log_softmax(c_fake, dim=0), y)
    return d_half, g_half
''', False, words=["D's half takes the softmax over"])

# MISTAKE: switches D to eval mode "to evaluate" it: changes batch norm's behaviour and leaves D in eval mode
_answer("halves-d-eval", "check_class_loss_halves", "my_class_losses", '''
def my_class_losses(D, real, fake, y):
    D.eval()
    _, c_real = D(real, y, classify=True)
    _, c_fake = D(fake, y, classify=True)
    return F.cross_entropy(c_real, y), F.cross_entropy(c_fake, y)
''', False, words=['your function switches D to eval'])

# =====================================================================================================
# check_class_means (notebook 06): my_class_means(images, labels) -> float (10, 3, 32, 32), scale 0..255
# =====================================================================================================

# the hint: a loop over the ten classes, float mean over dim 0, torch.stack
_answer("means-loop-stack", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().mean(dim=0) for c in range(10)])
''', True)

# one-hot matrix times the flattened images, divided by the class sizes
_answer("means-one-hot-matmul", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    one_hot = F.one_hot(labels.long(), num_classes=10).float()      # (N, 10)
    sums = one_hot.T @ images.flatten(1).float()                    # (10, 3072)
    counts = one_hot.sum(dim=0).unsqueeze(1)                        # (10, 1)
    return (sums / counts).view(10, *images.shape[1:])
''', True)

# index_add_ and bincount
_answer("means-index-add", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    sums = torch.zeros(10, *images.shape[1:], dtype=torch.float32, device=images.device)
    sums.index_add_(0, labels.long(), images.float())
    counts = torch.bincount(labels.long(), minlength=10).float()
    return sums / counts.view(10, 1, 1, 1)
''', True)

# sums accumulated in float64 for precision, cast to float32 at the end, printing the class sizes
_answer("means-float64-accumulate", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = []
    for c in range(10):
        members = images[labels == c]
        print(f"class {c}: {len(members)} images")
        means.append(members.to(torch.float64).sum(0) / len(members))
    return torch.stack(means).float()
''', True)

# float64 means returned as they are (a floating-point tensor on the 0..255 scale)
_answer("means-returns-float64", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    x = images.double()
    return torch.stack([x[labels == k].mean(0) for k in range(10)])
''', True)

# a plain Python loop over every image with per-class running sums and counts
_answer("means-python-loop", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    totals = torch.zeros((10,) + tuple(images.shape[1:]))
    counts = [0] * 10
    for image, label in zip(images, labels.tolist()):
        totals[label] += image.float()
        counts[label] += 1
    for c in range(10):
        totals[c] /= counts[c]
    return totals
''', True)

# MISTAKE: divides every class's sum by len(images) / 10: right only when all classes have the same size
_answer("means-equal-size-assumed", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    per_class = len(images) / 10
    return torch.stack([images[labels == c].float().sum(0) / per_class for c in range(10)])
''', False, words=['each sum is divided by N'])

# MISTAKE: uint8 accumulator (zeros_like of the uint8 images): the sums wrap around at 256
_answer("means-uint8-overflow", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    sums = torch.zeros_like(images[:10])
    counts = torch.zeros(10)
    for img, lab in zip(images, labels):
        sums[lab] += img
        counts[lab] += 1
    return sums.float() / counts.view(10, 1, 1, 1)
''', False, words=['the sums ran in uint8 and'])

# MISTAKE: integer floor division (sum // count): int64 result, fractions lost
_answer("means-floor-division", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].sum(0) // (labels == c).sum() for c in range(10)])
''', False, words=['rounded down', 'integer division'])

# MISTAKE: scales to [0, 1] (divides by 255) although the means must stay on the 0..255 scale
_answer("means-scaled-01", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    x = images.float() / 255.0
    return torch.stack([x[labels == c].mean(0) for c in range(10)])
''', False, words=['the right means, but in [0,'])

# MISTAKE: number of classes from labels.max(): range(9) drops the last class
_answer("means-max-label-off-by-one", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    n_classes = int(labels.max())
    return torch.stack([images[labels == c].float().mean(0) for c in range(n_classes)])
''', False, words=['one mean image per class'])

# MISTAKE: classes in order of first appearance in the batch, not 0..9 (right only if the batch starts 0, 1, 2, ...)
_answer("means-first-appearance-order", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    classes = list(dict.fromkeys(labels.tolist()))
    return torch.stack([images[labels == c].float().mean(0) for c in classes])
''', False, words=['the ten means are right but'])

# MISTAKE: the median image instead of the mean
_answer("means-median", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    return torch.stack([images[labels == c].float().median(dim=0).values for c in range(10)])
''', False, words=['that is the median of each'])

# MISTAKE: assumes channels-last photos and permutes (N, 3, 32, 32) into (N, 32, 3, 32)
_answer("means-nhwc-permute", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    x = images.permute(0, 3, 1, 2).float()  # HWC -> CHW
    return torch.stack([x[labels == c].mean(0) for c in range(10)])
''', False, words=['over dim 0'])

# MISTAKE: rounds and returns uint8 (the display cell's job), not float means
_answer("means-rounded-uint8", "check_class_means", "my_class_means", '''
def my_class_means(images, labels):
    means = torch.stack([images[labels == c].float().mean(0) for c in range(10)])
    return means.round().to(torch.uint8)
''', False, words=['the means come back as torch.uint8'])

# =====================================================================================================
# check_model_input (notebook 07): my_to_model_input(photos): uint8 (N, H, W, 3) -> float32 (N, 3, H, W) in [-1, 1]
# =====================================================================================================

# permute, float, / 127.5 - 1
_answer("input-permute-127", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 127.5 - 1
''', True)

# to float32 first, then divide by 255, times 2 minus 1, then move the colour axis
_answer("input-chain", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.to(torch.float32).div(255.0).mul(2.0).sub(1.0)
    return x.permute(0, 3, 1, 2)
''', True)

# torchvision Normalize style: (x / 255 - 0.5) / 0.5, contiguous result
_answer("input-normalize-style", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).contiguous().float() / 255.0
    mean, std = 0.5, 0.5
    return (x - mean) / std
''', True)

# torch.movedim and an explicit linear map a * x + b with a = 2 / 255, b = -1
_answer("input-movedim", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = torch.movedim(photos, -1, 1).to(dtype=torch.float32)
    return x * (2.0 / 255.0) - 1.0
''', True)

# through NumPy: transpose and astype(float32), back with torch.from_numpy
_answer("input-numpy-roundtrip", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    array = photos.cpu().numpy().transpose(0, 3, 1, 2).astype(np.float32)
    array = array / np.float32(127.5) - np.float32(1.0)
    return torch.from_numpy(np.ascontiguousarray(array)).to(photos.device)
''', True)

# two transposes: (N, H, W, C) -> (N, C, W, H) -> (N, C, H, W)
_answer("input-two-transposes", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.transpose(1, 3).transpose(2, 3)
    x = x.float()
    return 2 * x / 255 - 1
''', True)

# MISTAKE: reshape instead of permute: right shape, pixels scrambled across the channels
_answer("input-reshape", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    n, h, w, c = photos.shape
    return photos.reshape(n, c, h, w).float() / 127.5 - 1
''', False, words=['the shape is right but the'])

# MISTAKE: permute(0, 3, 2, 1): colour first but height and width swapped (the picture is transposed; same shape for square pictures)
_answer("input-hw-swapped", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 2, 1).float() / 127.5 - 1
''', False, words=['height and width are swapped'])

# MISTAKE: scales to [0, 1] only
_answer("input-unit-range", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 255
''', False, words=['the values are in [0, 1]'])

# MISTAKE: / 128 - 1: 255 becomes 0.992, not +1
_answer("input-div-128", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).float() / 128.0 - 1.0
''', False, words=['white (255) becomes 0.992'])

# MISTAKE: multiplies by 2 while still uint8: values above 127 wrap around before the conversion
_answer("input-uint8-overflow", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2)
    return (x * 2).float() / 255 - 1
''', False, words=['the arithmetic ran in uint8, which'])

# MISTAKE: float64 result (.double()) instead of float32
_answer("input-float64", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    return photos.permute(0, 3, 1, 2).double() / 127.5 - 1
''', False, words=['the values are right, but torch.float64'])

# MISTAKE: min-max normalisation by the batch's own range: right only when the batch holds both 0 and 255
_answer("input-batch-minmax", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).float()
    x = (x - x.min()) / (x.max() - x.min())
    return x * 2 - 1
''', False, words=['right for these photos, which hold'])

# MISTAKE: integer floor division: only -1, 0 or 1 come out
_answer("input-floor-division", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).long()
    return ((x * 2 - 255) // 255).float()
''', False, words=['floor division (//)'])

# MISTAKE: hard-coded 64x64 faces in a reshape after the permute: fails on other sizes
_answer("input-hardcoded-64", "check_model_input", "my_to_model_input", '''
def my_to_model_input(photos):
    x = photos.permute(0, 3, 1, 2).reshape(-1, 3, 64, 64)
    return x.float() / 127.5 - 1
''', False, words=['a view or reshape to fixed'])

# =====================================================================================================
# check_answer: the numeric questions
# =====================================================================================================

# 00: D* = p_data / (p_data + p_g) = 1/2
_answer("ans-optimal-d-half", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = (
    1 / 2
)
''', True, args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# MISTAKE: D* = 1 (thinks the optimal D always says "real")
_answer("ans-optimal-d-one", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = (
    1.0
)
''', False, words=['D* = p_data /'], args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# 00: 2 ln 2, computed
_answer("ans-loss-d-indiff-2ln2", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = (
    2 * math.log(2)
)
''', True, args={"answer_name": "loss_d_at_indifference"})

# 00: computed with the torch formula on zero logits
_answer("ans-loss-d-indiff-torch", "check_answer", "loss_d_at_indifference", '''
zeros = torch.zeros(4)
loss_d_at_indifference = (
    float(F.binary_cross_entropy_with_logits(zeros, torch.ones(4)) + F.binary_cross_entropy_with_logits(zeros, torch.zeros(4)))
)
''', True, args={"answer_name": "loss_d_at_indifference"})

# MISTAKE: ln 2, only one of the two terms
_answer("ans-loss-d-indiff-ln2", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = (
    math.log(2)
)
''', False, words=["that is one half of D's"], args={"answer_name": "loss_d_at_indifference"})

# 01: V(D*, G*) = -log 4
_answer("ans-value-minus-log4", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = (
    -math.log(4)
)
''', True, args={"answer_name": "value_at_the_optimum"})

# 01: the same as 2 log(1/2), with numpy
_answer("ans-value-2log-half", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = (
    2 * np.log(0.5)
)
''', True, args={"answer_name": "value_at_the_optimum"})

# MISTAKE: sign dropped: +log 4 (D's loss at the optimum, not the value)
_answer("ans-value-plus-log4", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = (
    math.log(4)
)
''', False, words=['the sign is flipped'], args={"answer_name": "value_at_the_optimum"})

# 02: KL(one class || uniform) = ln 10
_answer("ans-kl-one-class", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = (
    1.0 * math.log(1.0 / 0.1)
)
''', True, args={"answer_name": "kl_for_one_class_of_ten"})

# MISTAKE: log base 10 instead of the natural logarithm: 1
_answer("ans-kl-one-class-log10", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = (
    math.log10(10)
)
''', False, words=['that is the logarithm in base'], args={"answer_name": "kl_for_one_class_of_ten"})

# 03: two convolutions of kernel 4, stride 2: 4 + (4 - 1) * 2 = 10
_answer("ans-receptive-field-10", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = (
    4 + (4 - 1) * 2
)
''', True, args={"answer_name": "dcgan_28_receptive_field"})

# MISTAKE: forgets the stride of the first convolution: 4 + 4 - 1 = 7
_answer("ans-receptive-field-7", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = (
    7
)
''', False, words=['4 + 3 leaves out the'], args={"answer_name": "dcgan_28_receptive_field"})

# 05: sqrt(100 * 1) = 10
_answer("ans-length-10", "check_answer", "length_of_100d_noise", '''
length_of_100d_noise = (
    math.sqrt(100)
)
''', True, args={"answer_name": "length_of_100d_noise"})

# MISTAKE: the squared length (100) instead of the length
_answer("ans-length-100", "check_answer", "length_of_100d_noise", '''
length_of_100d_noise = (
    100
)
''', False, words=['that is the squared length |z|^2'], args={"answer_name": "length_of_100d_noise"})

# 05: the midpoint has per-coordinate variance 1/2: sqrt(50)
_answer("ans-midpoint-sqrt50", "check_answer", "length_of_straight_midpoint", '''
length_of_straight_midpoint = (
    math.sqrt(100 * 0.5)
)
''', True, args={"answer_name": "length_of_straight_midpoint"})

# MISTAKE: half the length (5) instead of 10 / sqrt(2)
_answer("ans-midpoint-5", "check_answer", "length_of_straight_midpoint", '''
length_of_straight_midpoint = (
    10 / 2
)
''', False, words=['the midpoint is not half as'], args={"answer_name": "length_of_straight_midpoint"})

# 06: a label-blind generator is right one time in ten
_answer("ans-blind-accuracy", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = (
    1 / 10
)
''', True, args={"answer_name": "accuracy_of_a_label_blind_generator"})

# MISTAKE: 1.0 (the photos are perfect, so the referee is "always right")
_answer("ans-blind-accuracy-one", "check_answer", "accuracy_of_a_label_blind_generator", '''
accuracy_of_a_label_blind_generator = (
    1.0
)
''', False, words=['the referee does recognise every image,'], args={"answer_name": "accuracy_of_a_label_blind_generator"})

# 08: exp(ln 10) = 10
_answer("ans-is-max-10", "check_answer", "inception_score_max_10_classes", '''
inception_score_max_10_classes = (
    math.exp(math.log(10))
)
''', True, args={"answer_name": "inception_score_max_10_classes"})

# MISTAKE: forgets the exp: ln 10
_answer("ans-is-max-ln10", "check_answer", "inception_score_max_10_classes", '''
inception_score_max_10_classes = (
    math.log(10)
)
''', False, words=['that is the largest KL, ln'], args={"answer_name": "inception_score_max_10_classes"})

# 10: 2 * 0.5 * ln(0.5 / 0.1) = ln 5
_answer("ans-kl-two-classes", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = (
    sum(0.5 * math.log(0.5 / 0.1) for _ in range(2))
)
''', True, args={"answer_name": "class_kl_of_two_equal_classes"})

# MISTAKE: counts only one of the two classes: 0.5 ln 5
_answer("ans-kl-two-classes-half", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = (
    0.5 * math.log(0.5 / 0.1)
)
''', False, words=['that is half the answer'], args={"answer_name": "class_kl_of_two_equal_classes"})

# 10: sigmoid(-6)
_answer("ans-slope-sigmoid", "check_answer", "saturating_slope_at_logit_minus_6", '''
saturating_slope_at_logit_minus_6 = (
    torch.sigmoid(torch.tensor(-6.0, dtype=torch.float64)).item()
)
''', True, args={"answer_name": "saturating_slope_at_logit_minus_6"})

# MISTAKE: exp(-6) = 0.00248 instead of sigmoid(-6) = 0.00247 (0.25% off)
_answer("ans-slope-exp", "check_answer", "saturating_slope_at_logit_minus_6", '''
saturating_slope_at_logit_minus_6 = (
    math.exp(-6)
)
''', False, words=['e^(-6)'], args={"answer_name": "saturating_slope_at_logit_minus_6"})

# MISTAKE: the non-saturating slope 1 - sigmoid(-6) instead
_answer("ans-slope-nonsaturating", "check_answer", "saturating_slope_at_logit_minus_6", '''
saturating_slope_at_logit_minus_6 = (
    1 - 1 / (1 + math.exp(6))
)
''', False, words=["that is the non-saturating loss's slope,"], args={"answer_name": "saturating_slope_at_logit_minus_6"})
