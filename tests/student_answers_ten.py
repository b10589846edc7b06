"""A tenth, blind population of student answers (same format as tests/student_answers_seven.py), for the training
step in its four settings, the losses, the conditional nets, the blocks, slerp, the Frechet distance, notebook 09's
checks and ten check_answer questions: 160 answers written by someone who had seen neither the checks nor the
batteries, frozen, then scored. On the checks as they were: 61 of 61 right answers accepted, 98 of 99 wrong ones
rejected (a critic without activations, one linear map, was accepted), 91 of the 99 named, no check crashed. After
the fixes that followed, every wrong answer is rejected and named. Each wrong answer's comment says its mistake in the
writer's words; ``words`` hold the part of the check's sentence that names it."""
from answer_format import battery
ANSWERS, _answer, _step = battery()


# ======================================================================================================
# Discriminator loss (notebooks 00 and 01): check_discriminator_loss
# ======================================================================================================

# functional BCE on logits against ones_like / zeros_like, the course's own style
_answer("ten-dl-r1-functional-bce", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # Hint: BCE of real logits against 1, plus BCE of fake logits against 0
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real_loss + fake_loss
''', True)

# a module-level nn.BCEWithLogitsLoss object and torch.full labels, as in the PyTorch DCGAN tutorial
_answer("ten-dl-r2-criterion-object", "check_discriminator_loss", "my_discriminator_loss", '''
criterion = nn.BCEWithLogitsLoss()
real_label, fake_label = 1.0, 0.0


def my_discriminator_loss(real_logits, fake_logits):
    real_logits, fake_logits = real_logits.view(-1), fake_logits.view(-1)
    label_real = torch.full((real_logits.size(0),), real_label, dtype=torch.float, device=real_logits.device)
    label_fake = torch.full((fake_logits.size(0),), fake_label, dtype=torch.float, device=fake_logits.device)
    errD_real = criterion(real_logits, label_real)
    errD_fake = criterion(fake_logits, label_fake)
    return errD_real + errD_fake
''', True)

# softplus identities: -log sigmoid(l) = softplus(-l), -log(1 - sigmoid(l)) = softplus(l)
_answer("ten-dl-r3-softplus", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # -log D(x) = softplus(-l) and -log(1 - D(G(z))) = softplus(l), both stable for large |l|
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
''', True)

# logsigmoid form of the textbook objective, negated to be minimised
_answer("ten-dl-r4-logsigmoid", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    # D maximises log D(x) + log(1 - D(G(z))); 1 - sigmoid(l) = sigmoid(-l)
    value = F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean()
    return -value
''', True)

# F.binary_cross_entropy on probabilities (sigmoid first), the "D outputs a probability" style
_answer("ten-dl-r5-bce-on-sigmoid", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    d_fake = torch.sigmoid(fake_logits)
    loss_real = F.binary_cross_entropy(d_real, torch.ones_like(d_real))
    loss_fake = F.binary_cross_entropy(d_fake, torch.zeros_like(d_fake))
    return loss_real + loss_fake
''', True)

# MISTAKE: the labels are swapped: real logits are pushed towards 0 and fake logits towards 1.
_answer("ten-dl-w1-swapped-labels", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.zeros_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return real_loss + fake_loss
''', False, ['real and fake are swapped'])

# MISTAKE: a sigmoid is applied before binary_cross_entropy_with_logits, which applies its own: sigmoid twice.
_answer("ten-dl-w2-sigmoid-twice", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    d_real = torch.sigmoid(real_logits)
    d_fake = torch.sigmoid(fake_logits)
    return (F.binary_cross_entropy_with_logits(d_real, torch.ones_like(d_real))
            + F.binary_cross_entropy_with_logits(d_fake, torch.zeros_like(d_fake)))
''', False, ['sigmoid is applied twice'])

# MISTAKE: one mean over the concatenated real and fake batch is half the sum of the two means (ln 2, not 2 ln 2, at indifference).
_answer("ten-dl-w3-concat-mean-halves", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, targets)
''', False, ["is half of D's loss"])

# MISTAKE: .item() turns the loss into a Python float, so there is no graph and D cannot be trained from it.
_answer("ten-dl-w4-item-in-loss", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits)).item()
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)).item()
    return real_loss + fake_loss
''', False, ['the discriminator loss must return a tensor (so that .backward()'])

# MISTAKE: the targets are integer (long) tensors; BCE needs float targets and raises a dtype error.
_answer("ten-dl-w5-long-targets", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    ones = torch.ones(len(real_logits), dtype=torch.long)
    zeros = torch.zeros(len(fake_logits), dtype=torch.long)
    return (F.binary_cross_entropy_with_logits(real_logits, ones)
            + F.binary_cross_entropy_with_logits(fake_logits, zeros))
''', False, ['the targets are whole numbers (an integer dtype), and BCE takes float'])

# MISTAKE: it returns the two terms as a tuple instead of their sum, so there is no single loss to call backward on.
_answer("ten-dl-w6-returns-tuple", "check_discriminator_loss", "my_discriminator_loss", '''
def my_discriminator_loss(real_logits, fake_logits):
    real_loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_loss = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real_loss, fake_loss
''', False, ['the discriminator loss returns a tuple of its two terms'])


# ======================================================================================================
# Generator loss (notebooks 00 and 01): check_generator_loss
# ======================================================================================================

# functional BCE of the fake logits against ones
_answer("ten-gl-r1-functional-bce", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    # Hint: the non-saturating loss, -log D(G(z)) = BCE of fake logits against 1
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', True)

# softplus form of -log sigmoid(l)
_answer("ten-gl-r2-softplus", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()
''', True)

# textbook formula -E[log D(G(z))] with D = sigmoid of the logit
_answer("ten-gl-r3-textbook-log", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    d_fake = torch.sigmoid(fake_logits)      # D(G(z))
    return -torch.log(d_fake).mean()         # non-saturating: minimise -log D(G(z))
''', True)

# an inline nn.BCEWithLogitsLoss() object
_answer("ten-gl-r4-criterion-inline", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    criterion = nn.BCEWithLogitsLoss()
    target = torch.ones(fake_logits.shape, device=fake_logits.device)
    return criterion(fake_logits, target)
''', True)

# MISTAKE: this is the saturating minimax loss log(1 - D(G(z))), whose gradient vanishes where D rejects the fakes.
_answer("ten-gl-w1-saturating", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return torch.log(1 - torch.sigmoid(fake_logits)).mean()
''', False, ['this is the saturating loss, log(1 - D(G(z)))'])

# MISTAKE: the fakes are scored against 0, so G is trained to make D call its images fake.
_answer("ten-gl-w2-target-zero", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
''', False, ["G's loss uses the target 0 ('fake'), which teaches G to make D say"])

# MISTAKE: the minus sign is missing: it returns log D(G(z)), which G would then minimise.
_answer("ten-gl-w3-missing-minus", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.logsigmoid(fake_logits).mean()
''', False, ['the sign is flipped'])

# MISTAKE: log10 instead of the natural logarithm, so the loss is ln 10 times too small.
_answer("ten-gl-w4-log10", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return -torch.log10(torch.sigmoid(fake_logits)).mean()
''', False, ['that is the loss with the logarithm in base 10'])

# MISTAKE: reduction="sum" adds over the batch instead of averaging, so the loss grows with the batch size.
_answer("ten-gl-w5-sum-not-mean", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits), reduction="sum")
''', False, ['it is a sum over the batch'])

# MISTAKE: the loss is computed but never returned, so the function returns None.
_answer("ten-gl-w6-returns-none", "check_generator_loss", "my_generator_loss", '''
def my_generator_loss(fake_logits):
    loss = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
''', False, ['the generator loss returns nothing'])


# ======================================================================================================
# Conditional nets (notebook 02): check_conditional_net
# ======================================================================================================

# torch.cat of [z; e_y] along dim 1, view to the image shape
_answer("ten-cg-r1-cat-view", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        # Hint: the label's vector next to the noise (one tensor), through the layers, reshaped to images
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', True)

# the inherited embed helper, torch.concat and reshape
_answer("ten-cg-r2-embed-helper", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        e_y = self.embed(y, z.shape[0])
        flat = self.net(torch.concat((z, e_y), dim=1))
        return flat.reshape(z.shape[0], *self.image_shape)
''', True)

# step by step with intermediate names and reshape(-1, ...)
_answer("ten-cg-r3-step-by-step", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        label_vector = self.label_embedding(y)          # (B, 10)
        inputs = torch.cat((z, label_vector), 1)        # (B, latent_dim + 10)
        pixels = self.net(inputs)                       # (B, 784)
        c, h, w = self.image_shape
        return pixels.reshape(-1, c, h, w)
''', True)

# MISTAKE: the label vector is put before the noise, so the first layer's weights read the wrong inputs.
_answer("ten-cg-w1-order-swapped", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([self.label_embedding(y), z], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, ["the label's vector comes before the noise"])

# MISTAKE: a fixed one-hot vector replaces the learned embedding e_y, so the embedding's weights are never used.
_answer("ten-cg-w2-one-hot", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        one_hot = F.one_hot(y, num_classes=self.n_classes).float()
        h = torch.cat([z, one_hot], dim=1)
        return self.net(h).view(len(z), *self.image_shape)
''', False, ['a one-hot vector stands in for self.label_embedding(y)'])

# MISTAKE: it returns the flat (batch, 784) output without reshaping it to (batch, 1, 28, 28) images.
_answer("ten-cg-w3-no-reshape", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)], dim=1)
        return self.net(h)
''', False, ["the output has shape (10, 784), the course's net gives (10, 1, 28, 28)"])

# MISTAKE: the noise and the label vector are concatenated along the batch dimension (0), which fails on their widths.
_answer("ten-cg-w4-cat-dim0", "check_conditional_net", "MyConditionalGenerator", '''
class MyConditionalGenerator(MLPGenerator):
    def forward(self, z, y):
        h = torch.cat([z, self.label_embedding(y)])
        return self.net(h).view(len(z), *self.image_shape)
''', False, ['torch.cat joins tensors along one dim, and all their other dims must'])

# features of the flat image, psi(h).squeeze(1) plus the row-wise inner product
_answer("ten-pd-r1-sum-product", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        # Hint: the features of the flat image; the logit is psi of them plus their inner product with the label's vector
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(dim=1)
''', True)

# einsum for the inner product, view(-1) for psi
_answer("ten-pd-r2-einsum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        phi = self.features(x.view(x.size(0), -1))
        e = self.label_embedding(y)
        return self.out(phi).view(-1) + torch.einsum("bd,bd->b", e, phi)
''', True)

# batched matrix product (bmm) of (B,1,d) and (B,d,1)
_answer("ten-pd-r3-bmm", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        features = self.features(x.reshape(len(x), -1))
        label = self.label_embedding(y)
        projection = torch.bmm(label.unsqueeze(1), features.unsqueeze(2)).view(-1)
        realness = self.out(features)[:, 0]
        return realness + projection
''', True)

# MISTAKE: psi's (B, 1) output is not squeezed, so adding the (B,) projection broadcasts to a (B, B) matrix.
_answer("ten-pd-w1-no-squeeze-broadcast", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h) + (self.label_embedding(y) * h).sum(dim=1)
''', False, ['Squeeze first'])

# MISTAKE: e_y @ h.T is the matrix of every label with every image, not each image's own inner product.
_answer("ten-pd-w2-matrix-product", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + self.label_embedding(y) @ h.T
''', False, ["the output has shape (10, 10), every label's vector against every"])

# MISTAKE: the projection term is left out, so the discriminator ignores the label altogether.
_answer("ten-pd-w3-no-projection", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1)
''', False, ['the label is ignored'])

# MISTAKE: it returns a probability (sigmoid of the logit), but the course's D must return a logit.
_answer("ten-pd-w4-sigmoid-output", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        logit = self.out(h).squeeze(1) + (self.label_embedding(y) * h).sum(dim=1)
        return torch.sigmoid(logit)
''', False, ['the projection is right, but D returns sigmoid(logit), a probability'])

# MISTAKE: the inner product is a mean over the 256 features instead of a sum, shrinking the label's term 256 times.
_answer("ten-pd-w5-mean-not-sum", "check_conditional_net", "MyProjectionDiscriminator", '''
class MyProjectionDiscriminator(MLPDiscriminator):
    def forward(self, x, y):
        h = self.features(x.flatten(1))
        return self.out(h).squeeze(1) + (self.label_embedding(y) * h).mean(dim=1)
''', False, ['the inner product <embed(y), h> is a sum over the features'])


# ======================================================================================================
# The up block (notebook 03) and D's first layer (notebook 07): check_block_shapes
# ======================================================================================================

_UP = {"input_shape": [2, 64, 7, 7], "expected": [2, 32, 14, 14]}
_FIRST = {"input_shape": [2, 3, 64, 64], "expected": [2, 16, 32, 32]}

# keyword arguments, inplace ReLU
_answer("ten-up-r1-keywords", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(
        nn.ConvTranspose2d(c_in, c_out, kernel_size=4, stride=2, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    )
''', True, args=_UP)

# positional arguments, a list of layers unpacked into nn.Sequential
_answer("ten-up-r2-layer-list", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    layers = [nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False)]
    layers.append(nn.BatchNorm2d(c_out))
    layers.append(nn.ReLU())
    return nn.Sequential(*layers)
''', True, args=_UP)

# named layers through an OrderedDict
_answer("ten-up-r3-ordered-dict", "check_block_shapes", "my_up_block", '''
from collections import OrderedDict


def my_up_block(c_in, c_out):
    return nn.Sequential(OrderedDict([
        ("up", nn.ConvTranspose2d(in_channels=c_in, out_channels=c_out, kernel_size=(4, 4), stride=(2, 2),
                                  padding=(1, 1), bias=False)),
        ("bn", nn.BatchNorm2d(num_features=c_out)),
        ("relu", nn.ReLU(True)),
    ]))
''', True, args=_UP)

# MISTAKE: stride 1 does not double the map: 7x7 becomes 8x8, not 14x14.
_answer("ten-up-w1-stride-one", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 1, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, ['after your block the shape is (2, 32, 8, 8), the next layer expects'], args=_UP)

# MISTAKE: without padding the transposed convolution makes 16x16 from 7x7, not 14x14.
_answer("ten-up-w2-no-padding", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, ['after your block the shape is (2, 32, 16, 16), the next layer expects'], args=_UP)

# MISTAKE: nn.Conv2d with stride 2 halves the map (7 -> 3) instead of doubling it; a transposed convolution is needed.
_answer("ten-up-w3-conv-not-transposed", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(True))
''', False, ['the block uses nn.Conv2d with stride 2, which halves the map'], args=_UP)

# MISTAKE: LeakyReLU belongs to D; the DCGAN generator's block uses ReLU (the shapes are right, the layer is not).
_answer("ten-up-w4-leaky-relu", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_out),
                         nn.LeakyReLU(0.2, inplace=True))
''', False, ['the activation must be ReLU'], args=_UP)

# MISTAKE: batch norm is built for c_in channels, but it comes after the convolution, which outputs c_out.
_answer("ten-up-w5-batchnorm-c-in", "check_block_shapes", "my_up_block", '''
def my_up_block(c_in, c_out):
    return nn.Sequential(nn.ConvTranspose2d(c_in, c_out, 4, 2, 1, bias=False), nn.BatchNorm2d(c_in), nn.ReLU(True))
''', False, ['a BatchNorm got another number of channels than it was built for'], args=_UP)

# a bare nn.Conv2d with keyword arguments
_answer("ten-fl-r1-conv-keywords", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(in_channels=3, out_channels=16, kernel_size=4, stride=2, padding=1)
)
''', True, args=_FIRST)

# the convolution with its LeakyReLU(0.2), as D's first block is built
_answer("ten-fl-r2-with-leaky-relu", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True))
)
''', True, args=_FIRST)

# MISTAKE: padding is left at 0, so a 64x64 image becomes 31x31, not 32x32.
_answer("ten-fl-w1-no-padding", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, 4, 2)
)
''', False, ['after your layer the shape is (2, 16, 31, 31)'], args=_FIRST)

# MISTAKE: kernel 3 instead of the asked-for kernel 4 (the output shape happens to be the same).
_answer("ten-fl-w2-kernel-three", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
)
''', False, ['the shape is right, but the Conv2d has kernel_size 3'], args=_FIRST)

# MISTAKE: it puts batch norm on D's first layer, which the DCGAN guidelines (and the exercise) leave without it.
_answer("ten-fl-w3-batchnorm-first", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1, bias=False), nn.BatchNorm2d(16), nn.LeakyReLU(0.2))
)
''', False, ["there is a BatchNorm in D's first layer"], args=_FIRST)

# MISTAKE: the channel counts are swapped (16 in, 3 out), so the layer cannot read a 3-channel image.
_answer("ten-fl-w4-channels-swapped", "check_block_shapes", "my_first_layer", '''
my_first_layer = (
    nn.Conv2d(16, 3, 4, 2, 1)
)
''', False, ['a convolution built for 16 input channels got 3'], args=_FIRST)


# ======================================================================================================
# Spherical interpolation (notebook 05): check_slerp
# ======================================================================================================

# torch, acos of the normalised dot product, a column of t, straight-line fallback for parallel vectors
_answer("ten-sl-r1-torch-acos", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype, device=z0.device).reshape(-1, 1)
    cos = torch.dot(z0, z1) / (z0.norm() * z1.norm())
    omega = torch.acos(cos.clamp(-1.0, 1.0))
    if omega.abs() < 1e-6:  # the same direction: the great circle is the straight line
        return (1 - t) * z0 + t * z1
    return torch.sin((1 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) / torch.sin(omega) * z1
''', True)

# F.cosine_similarity, weights as 1-D tensors then broadcast with [:, None]
_answer("ten-sl-r2-cosine-similarity", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).flatten()
    omega = torch.arccos(torch.clamp(F.cosine_similarity(z0, z1, dim=0), -1, 1))
    so = torch.sin(omega)
    if so.abs() < 1e-7:
        w0, w1 = 1 - t, t
    else:
        w0 = torch.sin((1 - t) * omega) / so
        w1 = torch.sin(t * omega) / so
    return w0[:, None] * z0[None, :] + w1[:, None] * z1[None, :]
''', True)

# NumPy, as in White's (2016) code, converted back to a tensor
_answer("ten-sl-r3-numpy", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    a = z0.detach().cpu().numpy().astype(np.float64)
    b = z1.detach().cpu().numpy().astype(np.float64)
    ts = np.atleast_1d(np.asarray(t, dtype=np.float64)).reshape(-1, 1)
    omega = np.arccos(np.clip(np.dot(a / np.linalg.norm(a), b / np.linalg.norm(b)), -1, 1))
    so = np.sin(omega)
    if so == 0:
        out = (1.0 - ts) * a + ts * b
    else:
        out = np.sin((1.0 - ts) * omega) / so * a + np.sin(ts * omega) / so * b
    return torch.from_numpy(out).to(dtype=z0.dtype, device=z0.device)
''', True)

# MISTAKE: this is the straight line (lerp), whose middle sags inside the shell, not the great circle.
_answer("ten-sl-w1-lerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    return (1 - t) * z0 + t * z1
''', False, ['this is the straight line'])

# MISTAKE: nlerp (the straight line rescaled to the interpolated length) has the right directions but the wrong speed along the arc.
_answer("ten-sl-w2-nlerp", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    line = (1 - t) * z0 + t * z1
    length = (1 - t) * z0.norm() + t * z1.norm()
    return line / line.norm(dim=1, keepdim=True) * length
''', False, ['that is the straight line rescaled onto the shell (nlerp)'])

# MISTAKE: the angle is taken from the raw dot product without dividing by the lengths, so acos gets values far outside [-1, 1] (NaN).
_answer("ten-sl-w3-unnormalised-angle", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    omega = torch.acos(torch.dot(z0, z1))
    return torch.sin((1 - t) * omega) / torch.sin(omega) * z0 + torch.sin(t * omega) / torch.sin(omega) * z1
''', False, ['the path holds NaN'])

# MISTAKE: the two weights are swapped, so the path starts at z1 and ends at z0.
_answer("ten-sl-w4-weights-swapped", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    t = torch.as_tensor(t, dtype=z0.dtype).reshape(-1, 1)
    omega = torch.acos(torch.clamp(torch.dot(z0 / z0.norm(), z1 / z1.norm()), -1, 1))
    return torch.sin(t * omega) / torch.sin(omega) * z0 + torch.sin((1 - t) * omega) / torch.sin(omega) * z1
''', False, ['the ends are swapped'])

# MISTAKE: t is left as a 1-D tensor, so it broadcasts against the 100 coordinates instead of giving one row per value of t.
_answer("ten-sl-w5-t-not-column", "check_slerp", "my_slerp", '''
def my_slerp(z0, z1, t):
    omega = torch.acos(torch.dot(z0, z1) / (torch.norm(z0) * torch.norm(z1)))
    return (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
''', False, ['the points are right, but only for one t at a time'])


# ======================================================================================================
# The Frechet distance (notebook 08): check_frechet_distance
# ======================================================================================================

# scipy.linalg.sqrtm of the product, real part, float out
_answer("ten-fd-r1-sqrtm", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1 @ sigma2)
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', True)

# pytorch-fid's calculate_frechet_distance, with its offset for a singular product
_answer("ten-fd-r2-pytorch-fid", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2, eps=1e-6):
    mu1, mu2 = np.atleast_1d(mu1), np.atleast_1d(mu2)
    sigma1, sigma2 = np.atleast_2d(sigma1), np.atleast_2d(sigma2)
    assert mu1.shape == mu2.shape, "Training and test mean vectors have different lengths"
    assert sigma1.shape == sigma2.shape, "Training and test covariances have different dimensions"
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1.dot(sigma2))
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    tr_covmean = np.trace(covmean)
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean)
''', True)

# the trace of the square root from the eigenvalues of sigma1 sigma2 (real and non-negative for covariances)
_answer("ten-fd-r3-eigenvalues", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    mean_term = np.sum((np.asarray(mu1) - np.asarray(mu2)) ** 2)
    eigenvalues = np.linalg.eigvals(np.asarray(sigma1) @ np.asarray(sigma2))
    trace_sqrt = np.sqrt(np.clip(eigenvalues.real, 0, None)).sum()
    return float(mean_term + np.trace(sigma1) + np.trace(sigma2) - 2 * trace_sqrt)
''', True)

# MISTAKE: the matrix square root is missing: it uses Tr(sigma1 sigma2) instead of Tr((sigma1 sigma2)^(1/2)).
_answer("ten-fd-w1-no-square-root", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(sigma1 + sigma2 - 2 * sigma1 @ sigma2))
''', False, ['the matrix square root is missing'])

# MISTAKE: sqrtm(sigma1) @ sqrtm(sigma2) is not the square root of sigma1 @ sigma2 unless the two matrices commute.
_answer("ten-fd-w2-product-of-roots", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1).real @ linalg.sqrtm(sigma2).real
    return float(diff @ diff + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', False, ['that uses sqrtm(S1) @ sqrtm(S2), the product of two square roots'])

# MISTAKE: the distance between the means is not squared (np.linalg.norm instead of its square).
_answer("ten-fd-w3-norm-not-squared", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    covmean = linalg.sqrtm(sigma1 @ sigma2).real
    return float(np.linalg.norm(mu1 - mu2) + np.trace(sigma1 + sigma2 - 2 * covmean))
''', False, ['the mean term is |mu1 - mu2| squared'])

# MISTAKE: sigma1 * sigma2 is the element-wise product, not the matrix product, inside the square root.
_answer("ten-fd-w4-elementwise-product", "check_frechet_distance", "my_frechet", '''
from scipy import linalg


def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1 * sigma2).real
    return float(np.sum(diff ** 2) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', False, ['S1 * S2 is the element-wise product'])

# MISTAKE: it uses linalg.sqrtm without importing linalg from scipy in this cell, so it raises a NameError.
_answer("ten-fd-w5-missing-import", "check_frechet_distance", "my_frechet", '''
def my_frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    covmean = linalg.sqrtm(sigma1.dot(sigma2)).real
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))
''', False, ['your code raised NameError'], student_bug=True)


# ======================================================================================================
# Hinge losses, critic and gradient penalty (notebook 09)
# ======================================================================================================

_G_HINGE = {"generator_name": "my_hinge_g_loss"}

# F.relu as the hint says
_answer("ten-hl-r1-relu", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', True, args=_G_HINGE)

# torch.clamp(min=0) and torch.mean
_answer("ten-hl-r2-clamp", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    loss_real = torch.mean(torch.clamp(1.0 - real_scores, min=0.0))
    loss_fake = torch.mean(torch.clamp(1.0 + fake_scores, min=0.0))
    return loss_real + loss_fake


def my_hinge_g_loss(fake_scores):
    return -torch.mean(fake_scores)
''', True, args=_G_HINGE)

# torch.maximum against zeros, the textbook max(0, .)
_answer("ten-hl-r3-maximum", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    zero = torch.zeros_like(real_scores)
    real_part = torch.maximum(zero, 1 - real_scores).mean()
    fake_part = torch.maximum(torch.zeros_like(fake_scores), 1 + fake_scores).mean()
    return real_part + fake_part


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean().neg()
''', True, args=_G_HINGE)

# MISTAKE: the margins are swapped: real images are pushed below -1 and fakes above +1.
_answer("ten-hl-w1-signs-swapped", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 + real_scores).mean() + F.relu(1 - fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ['real and fake are swapped'], args=_G_HINGE)

# MISTAKE: G's loss is also a hinge, max(0, 1 - D(G(z))), which stops pulling fakes once they pass the margin; it should be linear.
_answer("ten-hl-w2-hinge-for-g", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return F.relu(1 - fake_scores).mean()
''', False, ["that is D's hinge applied to G"], args=_G_HINGE)

# MISTAKE: the margin of 1 is left out, so D's loss is max(0, -D(x)) + max(0, D(G(z))) and is 0, not 2, at indifference.
_answer("ten-hl-w3-no-margin", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return F.relu(-real_scores).mean() + F.relu(fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ['the margin of 1 is missing'], args=_G_HINGE)

# MISTAKE: G's loss has the wrong sign: +mean D(G(z)) makes G lower D's scores of its own fakes.
_answer("ten-hl-w4-g-sign", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return torch.clamp(1 - real_scores, min=0).mean() + torch.clamp(1 + fake_scores, min=0).mean()


def my_hinge_g_loss(fake_scores):
    return fake_scores.mean()
''', False, ['the sign is flipped'], args=_G_HINGE)

# MISTAKE: without the max(0, .) D's loss is the plain Wasserstein critic loss (plus 2), not the hinge loss.
_answer("ten-hl-w5-no-relu", "check_hinge_loss", "my_hinge_d_loss", '''
def my_hinge_d_loss(real_scores, fake_scores):
    return (1 - real_scores).mean() + (1 + fake_scores).mean()


def my_hinge_g_loss(fake_scores):
    return -fake_scores.mean()
''', False, ['the max(0, ...) is missing (F.relu)'], args=_G_HINGE)

# nn.Sequential ending in nn.Flatten(0) so the scores have shape (B,)
_answer("ten-cr-r1-sequential", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),     # 28 -> 14
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),    # 14 -> 7
        nn.Flatten(),
        nn.Linear(64 * 7 * 7, 1),
        nn.Flatten(0),                                    # (B, 1) -> (B,)
    )
''', True)

# an nn.Module subclass with the course's call signature D(x, y=None)
_answer("ten-cr-r2-module-class", "check_critic", "make_critic", '''
class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1)
        self.act = nn.LeakyReLU(0.2, inplace=True)
        self.fc = nn.Linear(64 * 7 * 7, 1)

    def forward(self, x, y=None):
        h = self.act(self.conv1(x))
        h = self.act(self.conv2(h))
        return self.fc(h.flatten(1)).view(-1)


def make_critic():
    return Critic()
''', True)

# MISTAKE: the critic has batch norm, which makes each image's score depend on its batch and breaks the per-image penalty.
_answer("ten-cr-w1-batchnorm", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.BatchNorm2d(64), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', False, ['the critic has batch norm (BatchNorm2d)'])

# MISTAKE: a sigmoid at the end turns the critic's free scores into probabilities in (0, 1).
_answer("ten-cr-w2-sigmoid", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Sigmoid(), nn.Flatten(0),
    )
''', False, ['come out of a sigmoid'])

# MISTAKE: the scores keep shape (B, 1) instead of (B,).
_answer("ten-cr-w3-shape-b1", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1),
    )
''', False, ['a batch of 6 images gave scores of shape (6, 1)'])

# MISTAKE: the linear layer expects 32 x 7 x 7 inputs, but the second convolution gives 64 channels of 7x7.
_answer("ten-cr-w4-linear-size", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 1), nn.Flatten(0),
    )
''', False, ['a linear layer got 3136 inputs per row and was built for 1568'])

# MISTAKE: there is no activation between or after the convolutions, so the whole critic is one linear map of the image.
_answer("ten-cr-w5-no-activations", "check_critic", "make_critic", '''
def make_critic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1),
        nn.Conv2d(32, 64, 4, 2, 1),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1), nn.Flatten(0),
    )
''', False, ['the critic is one linear map of the image'])

# the hint, line by line: one epsilon per image, detach().requires_grad_(True), grad of the sum with create_graph
_answer("ten-gp-r1-hint", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    B = real.shape[0]
    eps = torch.rand(B, 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    slopes = grad.flatten(1).norm(2, dim=1)
    return ((slopes - 1) ** 2).mean()
''', True)

# the WGAN-GP reference code's style: grad_outputs=ones, retain_graph, [0], view(B, -1)
_answer("ten-gp-r2-grad-outputs", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    alpha = torch.rand(real.size(0), 1, 1, 1)
    alpha = alpha.to(real.device)
    interpolates = alpha * real.detach() + (1 - alpha) * fake.detach()
    interpolates.requires_grad_(True)
    disc_interpolates = D(interpolates)
    gradients = torch.autograd.grad(outputs=disc_interpolates, inputs=interpolates,
                                    grad_outputs=torch.ones_like(disc_interpolates),
                                    create_graph=True, retain_graph=True, only_inputs=True)[0]
    gradients = gradients.view(gradients.size(0), -1)
    return ((gradients.norm(2, dim=1) - 1) ** 2).mean()
''', True)

# torch.lerp for the interpolates, requires_grad = True, torch.linalg.vector_norm
_answer("ten-gp-r3-lerp", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(len(real), 1, 1, 1, device=real.device, dtype=real.dtype)
    x_hat = torch.lerp(fake.detach(), real.detach(), eps)   # eps * real + (1 - eps) * fake
    x_hat.requires_grad = True
    scores = D(x_hat)
    (grad,) = torch.autograd.grad(scores.sum(), [x_hat], create_graph=True)
    norms = torch.linalg.vector_norm(grad.reshape(len(real), -1), dim=1)
    return (norms - 1).pow(2).mean()
''', True)

# the square root of the summed squares written out, the older torch.autograd.Variable idiom
_answer("ten-gp-r4-variable-sqrt", "check_gradient_penalty", "my_gradient_penalty", '''
from torch.autograd import Variable


def my_gradient_penalty(D, real, fake):
    batch_size = real.size(0)
    epsilon = torch.rand(batch_size, 1, 1, 1).to(real.device)
    interpolated = Variable((epsilon * real + (1 - epsilon) * fake).detach(), requires_grad=True)
    prob_interpolated = D(interpolated)
    gradients = torch.autograd.grad(outputs=prob_interpolated.sum(), inputs=interpolated, create_graph=True)[0]
    gradients = gradients.view(batch_size, -1)
    gradients_norm = torch.sqrt(torch.sum(gradients ** 2, dim=1))
    return torch.mean((gradients_norm - 1) ** 2)
''', True)

# MISTAKE: without create_graph=True the penalty is a constant to D's weights and does not train D.
_answer("ten-gp-w1-no-create-graph", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.shape[0], 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ['the penalty has no gradient'])

# MISTAKE: one epsilon is drawn for the whole batch instead of one per image.
_answer("ten-gp-w2-one-eps-for-batch", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ['one eps is used for the whole batch'])

# MISTAKE: grad.norm() is the norm of the whole batch's gradient, not each image's own gradient norm.
_answer("ten-gp-w3-batch-norm-of-grad", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return (grad.norm() - 1) ** 2
''', False, ['the norm is taken over the whole batch at once'])

# MISTAKE: it multiplies by lambda = 10, but the function must return the penalty without its weight (the step applies gp_weight).
_answer("ten-gp-w4-includes-weight", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake, lambda_gp=10.0):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return lambda_gp * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ['the penalty is multiplied by lambda = 10'])

# MISTAKE: the gradient of the mean score is each image's gradient divided by the batch size, so the slopes come out B times too small.
_answer("ten-gp-w5-grad-of-mean", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).mean(), x_hat, create_graph=True)
    return ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
''', False, ["the gradient is taken of the mean score, which divides each image's"])

# MISTAKE: it penalises the squared norm (sum of squares, no square root) instead of the norm: (|g|^2 - 1)^2.
_answer("ten-gp-w6-squared-norm", "check_gradient_penalty", "my_gradient_penalty", '''
def my_gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True)
    grad, = torch.autograd.grad(D(x_hat).sum(), x_hat, create_graph=True)
    return ((grad.pow(2).flatten(1).sum(1) - 1) ** 2).mean()
''', False, ['the squared norm is used'])


# ======================================================================================================
# Numeric questions: check_answer
# ======================================================================================================

# the exact value 1/2
_answer("ten-num-r1-dstar-half", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = (
    0.5
)
''', True, args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# MISTAKE: 0 is D's logit at indifference, not its probability D*(x) = 1/2.
_answer("ten-num-w1-dstar-logit", "check_answer", "optimal_d_when_pg_equals_pdata", '''
optimal_d_when_pg_equals_pdata = (
    0.0
)
''', False, ["0 is D's logit there"], args={"answer_name": "optimal_d_when_pg_equals_pdata"})

# exact expression 2 ln 2
_answer("ten-num-r2-loss-d-exact", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = (
    2 * math.log(2)
)
''', True, args={"answer_name": "loss_d_at_indifference"})

# the rounded number as the notebook's table writes it
_answer("ten-num-r3-loss-d-rounded", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = (
    1.386
)
''', True, args={"answer_name": "loss_d_at_indifference"})

# MISTAKE: ln 2 is one BCE term (G's loss at indifference); D's loss is the sum of two, 2 ln 2.
_answer("ten-num-w2-loss-d-one-term", "check_answer", "loss_d_at_indifference", '''
loss_d_at_indifference = (
    math.log(2)
)
''', False, ["that is one half of D's loss"], args={"answer_name": "loss_d_at_indifference"})

# exact expression -log 4
_answer("ten-num-r4-value-optimum", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = (
    -math.log(4)
)
''', True, args={"answer_name": "value_at_the_optimum"})

# MISTAKE: the sign is wrong: V(D*, G*) = log(1/2) + log(1/2) = -log 4, which is negative.
_answer("ten-num-w3-value-optimum-sign", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = (
    math.log(4)
)
''', False, ['the sign is flipped'], args={"answer_name": "value_at_the_optimum"})

# MISTAKE: only one of the two expectations is counted: -log 2 instead of -log 4.
_answer("ten-num-w4-value-optimum-half", "check_answer", "value_at_the_optimum", '''
value_at_the_optimum = (
    -math.log(2)
)
''', False, ['that is one of the two terms, log 1/2'], args={"answer_name": "value_at_the_optimum"})

# sum over the one class drawn, 1 * ln(1 / 0.1)
_answer("ten-num-r5-kl-one-class", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = (
    1.0 * math.log(1.0 / 0.1)
)
''', True, args={"answer_name": "kl_for_one_class_of_ten"})

# MISTAKE: log base 2 (3.32 bits), but the referee's KL uses the natural logarithm (ln 10 = 2.30).
_answer("ten-num-w5-kl-log2", "check_answer", "kl_for_one_class_of_ten", '''
kl_for_one_class_of_ten = (
    math.log2(10)
)
''', False, ['that is the logarithm in base 2'], args={"answer_name": "kl_for_one_class_of_ten"})

# 4 + (4 - 1) * 2 by the receptive-field recursion
_answer("ten-num-r6-receptive-field", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = (
    4 + (4 - 1) * 2
)
''', True, args={"answer_name": "dcgan_28_receptive_field"})

# MISTAKE: the stride of the first convolution is ignored (4 + 3 = 7); each step of the second layer moves 2 input pixels.
_answer("ten-num-w6-receptive-field-no-stride", "check_answer", "dcgan_28_receptive_field", '''
dcgan_28_receptive_field = (
    7
)
''', False, ['4 + 3 leaves out the stride'], args={"answer_name": "dcgan_28_receptive_field"})

# sqrt of the expected squared length, 100 coordinates of variance 1
_answer("ten-num-r7-noise-length", "check_answer", "length_of_100d_noise", '''
length_of_100d_noise = (
    math.sqrt(100)
)
''', True, args={"answer_name": "length_of_100d_noise"})

# MISTAKE: 100 is the expected squared length, not the length (its square root, 10).
_answer("ten-num-w7-noise-length-squared", "check_answer", "length_of_100d_noise", '''
length_of_100d_noise = (
    100
)
''', False, ['that is the squared length |z|^2'], args={"answer_name": "length_of_100d_noise"})

# each coordinate of (z0 + z1) / 2 has variance 1/2: sqrt(100 / 2)
_answer("ten-num-r8-midpoint", "check_answer", "length_of_straight_midpoint", '''
length_of_straight_midpoint = (
    10 / math.sqrt(2)
)
''', True, args={"answer_name": "length_of_straight_midpoint"})

# MISTAKE: halving the length assumes z0 and z1 point the same way; nearly orthogonal vectors give 10 / sqrt(2), not 5.
_answer("ten-num-w8-midpoint-half", "check_answer", "length_of_straight_midpoint", '''
length_of_straight_midpoint = (
    5.0
)
''', False, ['the midpoint is not half as long'], args={"answer_name": "length_of_straight_midpoint"})

# the number of classes
_answer("ten-num-r9-inception-max", "check_answer", "inception_score_max_10_classes", '''
inception_score_max_10_classes = (
    10
)
''', True, args={"answer_name": "inception_score_max_10_classes"})

# MISTAKE: ln 10 is the largest expected KL; the Inception Score is its exponential, 10.
_answer("ten-num-w9-inception-no-exp", "check_answer", "inception_score_max_10_classes", '''
inception_score_max_10_classes = (
    math.log(10)
)
''', False, ['that is the largest KL, ln 10'], args={"answer_name": "inception_score_max_10_classes"})

# the sum over the two classes written out
_answer("ten-num-r10-kl-two-classes", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = (
    0.5 * math.log(0.5 / 0.1) + 0.5 * math.log(0.5 / 0.1)
)
''', True, args={"answer_name": "class_kl_of_two_equal_classes"})

# MISTAKE: ln 2 is the entropy of two equal classes, not their KL from the uniform histogram over ten (ln 5).
_answer("ten-num-w10-kl-two-ln2", "check_answer", "class_kl_of_two_equal_classes", '''
class_kl_of_two_equal_classes = (
    math.log(2)
)
''', False, ['ln 2 compares the two classes with a uniform over those two'], args={"answer_name": "class_kl_of_two_equal_classes"})

# sigma(-6) written out
_answer("ten-num-r11-saturating-slope", "check_answer", "saturating_slope_at_logit_minus_6", '''
saturating_slope_at_logit_minus_6 = (
    1 / (1 + math.exp(6))
)
''', True, args={"answer_name": "saturating_slope_at_logit_minus_6"})

# MISTAKE: the sign in the exponent is wrong: 1 / (1 + e^-6) is sigma(+6) = 0.9975, the non-saturating loss's slope size.
_answer("ten-num-w11-saturating-slope-sign", "check_answer", "saturating_slope_at_logit_minus_6", '''
saturating_slope_at_logit_minus_6 = (
    1 / (1 + math.exp(-6))
)
''', False, ["that is the non-saturating loss's slope, 1 - sigmoid(-6)"], args={"answer_name": "saturating_slope_at_logit_minus_6"})


# ======================================================================================================
# The training step, unconditional (notebook 01): my_train_step
# ======================================================================================================

# the PyTorch DCGAN tutorial's loop body: module zero_grad, a criterion object, two backward calls for D, D not frozen
_step("ten-step-r1-tutorial", "my_train_step", '''
criterion = nn.BCEWithLogitsLoss()


def my_train_step(G, D, opt_g, opt_d, x, y=None):
    b_size = x.size(0)
    # (1) Update D: maximise log(D(x)) + log(1 - D(G(z)))
    D.zero_grad()
    label = torch.full((b_size,), 1.0, dtype=torch.float, device=x.device)
    output = D(x, y).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = torch.sigmoid(output).mean()
    noise = torch.randn(b_size, G.latent_dim, device=x.device)
    fake = G(noise, y)
    label.fill_(0.0)
    output = D(fake.detach(), y).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = torch.sigmoid(output).mean()
    errD = errD_real + errD_fake
    opt_d.step()
    # (2) Update G: maximise log(D(G(z)))
    G.zero_grad()
    label.fill_(1.0)
    output = D(fake, y).view(-1)
    errG = criterion(output, label)
    errG.backward()
    opt_g.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(), "d_real": D_x.detach(), "d_fake": D_G_z1.detach()}
''', True, setting="unconditional")

# the course's structure: optimiser zero_grad(set_to_none=True), library losses, D frozen with requires_grad_(False)
_step("ten-step-r2-course-frozen", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad(set_to_none=True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="unconditional")

# Algorithm 1's fresh fakes for G; D's fakes made under torch.no_grad(); softplus losses written inline
_step("ten-step-r3-fresh-noise", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    batch = len(x)
    with torch.no_grad():
        fake = G(torch.randn(batch, G.latent_dim, device=x.device), y)
    D.zero_grad()
    real_logits, fake_logits = D(x, y), D(fake, y)
    loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
    loss_d.backward()
    opt_d.step()

    G.zero_grad()
    fake = G(torch.randn(batch, G.latent_dim, device=x.device), y)   # fresh fakes, as in Algorithm 1
    loss_g = F.softplus(-D(fake, y)).mean()
    loss_g.backward()
    opt_g.step()

    with torch.no_grad():
        d_real, d_fake = torch.sigmoid(real_logits).mean(), torch.sigmoid(fake_logits).mean()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(), "d_real": d_real, "d_fake": d_fake}
''', True, setting="unconditional")

# real and fake images concatenated into one batch for D; D's weights frozen by a loop over its parameters
_step("ten-step-r4-concatenated", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    n = x.size(0)
    z = torch.randn(n, G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad()
    both = torch.cat([x, fake.detach()])
    labels_both = None if y is None else torch.cat([y, y])
    logits = D(both, labels_both)
    real_logits, fake_logits = logits[:n], logits[n:]
    loss_d = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
              + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    loss_d.backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad = False
    opt_g.zero_grad()
    loss_g = F.binary_cross_entropy_with_logits(D(fake, y), torch.ones(n, device=x.device))
    loss_g.backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad = True

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="unconditional")

# MISTAKE: the fakes are not detached for D's loss, so its backward frees G's graph and G's backward then fails.
_step("ten-step-w1-no-detach", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['backward() went twice through the same graph'], setting="unconditional")

# MISTAKE: without detach (kept alive by retain_graph) and with G's gradients zeroed before D's backward, D's loss leaks into G's update.
_step("ten-step-w2-no-detach-retain-graph", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    opt_d.zero_grad()
    opt_g.zero_grad()
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
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
''', False, ["G's update also carries the gradient of D's loss"], setting="unconditional")

# MISTAKE: G's loss reuses D's logits of the fakes from before D's step, not the updated D's judgement (and D's step changed the weights that graph needs).
_step("ten-step-w3-stale-d-output", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    opt_d.zero_grad()
    loss_d.backward(retain_graph=True)
    opt_d.step()
    loss_g = generator_loss(fake_logits)
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["you used D's output from before opt_d.step() in G's loss"], setting="unconditional")

# MISTAKE: D's gradients are never zeroed, so every D step adds this step's gradient to all earlier ones (and to G's loss's).
_step("ten-step-w4-no-zero-grad-d", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
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
''', False, ["D's update carries gradients left in D from before it"], setting="unconditional")

# MISTAKE: opt_g.zero_grad() sits between G's backward and its step, so it wipes the gradient and G never learns.
_step("ten-step-w5-zero-grad-before-step", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.zero_grad()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['no gradient reached G at opt_g.step()'], setting="unconditional")

# MISTAKE: it returns a tuple of four numbers instead of the dict with keys loss_d, loss_g, d_real, d_fake.
_step("ten-step-w6-returns-tuple", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return (loss_d.detach(), loss_g.detach(),
            torch.sigmoid(real_logits).mean().detach(), torch.sigmoid(fake_logits).mean().detach())
''', False, ['your step returns a tuple'], setting="unconditional")

# MISTAKE: d_real and d_fake are mean logits, not mean probabilities (the sigmoid is missing).
_step("ten-step-w7-logits-not-probabilities", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
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
            "d_real": real_logits.mean().detach(), "d_fake": fake_logits.mean().detach()}
''', False, ["'d_real' is the mean logit"], setting="unconditional")

# MISTAKE: the noise size is hard-coded to 100 instead of G.latent_dim, so it breaks for any other generator.
_step("ten-step-w8-hardcoded-latent", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(x.size(0), 100, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
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
''', False, ['G got noise with 100 numbers per row, and its first layer takes 2'], setting="unconditional")

# MISTAKE: the noise has the DCGAN tutorial's shape (B, latent_dim, 1, 1), but the course's generators take (B, latent_dim).
_step("ten-step-w9-noise-4d", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    noise = torch.randn(x.size(0), G.latent_dim, 1, 1, device=x.device)
    fake = G(noise, y)
    opt_d.zero_grad()
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
''', False, ['the noise has shape (16, 2, 1, 1), (batch, latent_dim, 1, 1) as in'], setting="unconditional")

# MISTAKE: G is updated before D, so G learns against the old D and D then judges fakes from the new G.
_step("ten-step-w10-g-before-d", "my_train_step", '''
def my_train_step(G, D, opt_g, opt_d, x, y=None):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['G is updated before D'], setting="unconditional")


# ======================================================================================================
# The training step, conditional (notebook 02): my_conditional_step
# ======================================================================================================

# notebook 01's course-style step with y everywhere; D frozen by a loop over its parameters
_step("ten-step-r5-cond-course", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad(set_to_none=True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    flags = [p.requires_grad for p in D.parameters()]
    for p in D.parameters():
        p.requires_grad_(False)
    opt_g.zero_grad(set_to_none=True)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    for p, flag in zip(D.parameters(), flags):
        p.requires_grad_(flag)

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="conditional")

# tutorial style with labels passed by keyword and two backward calls for D
_step("ten-step-r6-cond-two-backward", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    D.zero_grad()
    real_logits = D(x, y=y)
    loss_real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    loss_real.backward()
    noise = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(noise, y=y)
    fake_logits = D(fake.detach(), y=y)
    loss_fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    loss_fake.backward()
    opt_d.step()

    G.zero_grad()
    out = D(fake, y=y)
    loss_g = F.binary_cross_entropy_with_logits(out, torch.ones_like(out))
    loss_g.backward()
    opt_g.step()
    return dict(loss_d=(loss_real + loss_fake).detach(), loss_g=loss_g.detach(),
                d_real=torch.sigmoid(real_logits.detach()).mean(), d_fake=torch.sigmoid(fake_logits.detach()).mean())
''', True, setting="conditional")

# both optimisers zeroed at the top (safe: the detach keeps D's loss out of G), D frozen with requires_grad_
_step("ten-step-r7-cond-zero-both-first", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    opt_d.zero_grad()
    opt_g.zero_grad()
    fake = G(torch.randn(x.shape[0], G.latent_dim, device=x.device), y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()

    D.requires_grad_(False)
    try:
        loss_g = generator_loss(D(fake, y))
        loss_g.backward()
    finally:
        D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.sigmoid().mean().detach(), "d_fake": fake_logits.sigmoid().mean().detach()}
''', True, setting="conditional")

# probabilities first, then F.binary_cross_entropy, zero_grad(set_to_none=False)
_step("ten-step-r8-cond-probabilities", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    b = x.size(0)
    ones = torch.ones(b, device=x.device)
    zeros = torch.zeros(b, device=x.device)
    fake = G(torch.randn(b, G.latent_dim, device=x.device), y)

    opt_d.zero_grad(set_to_none=False)
    p_real = torch.sigmoid(D(x, y))
    p_fake = torch.sigmoid(D(fake.detach(), y))
    loss_d = F.binary_cross_entropy(p_real, ones) + F.binary_cross_entropy(p_fake, zeros)
    loss_d.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=False)
    loss_g = F.binary_cross_entropy(torch.sigmoid(D(fake, y)), ones)
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": p_real.mean().detach(), "d_fake": p_fake.mean().detach()}
''', True, setting="conditional")

# MISTAKE: D judges the fakes without their labels, D(fake.detach()), which a conditional D refuses.
_step("ten-step-w11-cond-no-y-for-fakes", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach())
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['the nets are conditional, so each call needs the labels'], setting="conditional")

# MISTAKE: y is forgotten when the fakes are made, G(z), so the conditional generator is not told which digit to draw.
_step("ten-step-w12-cond-g-without-y", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z)
    opt_d.zero_grad()
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
''', False, ['the nets are conditional, so each call needs the labels'], setting="conditional")

# MISTAKE: the fakes are made for random labels but judged with the real batch's labels, so D sees each fake with the wrong label.
_step("ten-step-w13-cond-mismatched-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    y_fake = torch.randint(0, G.n_classes, (len(x),), device=x.device)
    fake = G(z, y_fake)
    opt_d.zero_grad()
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
''', False, ['D judges the fakes with other labels than they were made for'], setting="conditional")

# MISTAKE: the labels are cast to float, but the nets' nn.Embedding needs integer (long) labels.
_step("ten-step-w14-cond-float-labels", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    y = y.float()
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
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
''', False, ['the labels must stay whole numbers (int64)'], setting="conditional")

# MISTAKE: D's gradients are zeroed right after D's step instead of before its backward, so the gradients G's loss leaves in D leak into D's next update.
_step("ten-step-w15-cond-zero-grad-after-step", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward()
    opt_d.step()
    opt_d.zero_grad()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["D's update carries gradients left in D from before it"], setting="conditional")

# MISTAKE: D's outputs go through a sigmoid and then into losses that apply their own sigmoid: sigmoid twice.
_step("ten-step-w16-cond-sigmoid-twice", "my_conditional_step", '''
def my_conditional_step(G, D, opt_g, opt_d, x, y):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    d_real = torch.sigmoid(D(x, y))
    d_fake = torch.sigmoid(D(fake.detach(), y))
    loss_d = discriminator_loss(d_real, d_fake)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(torch.sigmoid(D(fake, y)))
    loss_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": d_real.mean().detach(), "d_fake": d_fake.mean().detach()}
''', False, ['sigmoid is applied before a with-logits loss'], setting="conditional")


# ======================================================================================================
# The training step with the R1 penalty (notebook 03): my_dcgan_step, checked with r1_gamma=4.0
# ======================================================================================================

# the notebook's four instructions, in order, with one backward on the sum
_step("ten-step-r9-r1-course", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad(set_to_none=True)
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        penalty = grad.pow(2).flatten(1).sum(1).mean()
        total = loss_d + r1_gamma / 2 * penalty
    total.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# two backward calls for D: the loss with retain_graph=True, then the penalty on its own
_step("ten-step-r10-r1-two-backward", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)
    opt_d.zero_grad()
    real = x.detach().requires_grad_(True) if r1_gamma else x
    real_logits = D(real, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        loss_d.backward(retain_graph=True)
        slope, = torch.autograd.grad(real_logits.sum(), real, create_graph=True)
        r1 = slope.pow(2).reshape(len(real), -1).sum(dim=1).mean()
        (r1_gamma / 2 * r1).backward()
    else:
        loss_d.backward()
    opt_d.step()

    opt_g.zero_grad()
    for p in D.parameters():
        p.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    for p in D.parameters():
        p.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits.detach()).mean(), "d_fake": torch.sigmoid(fake_logits.detach()).mean()}
''', True, setting="r1")

# grad_outputs=ones_like instead of .sum(), x cloned and requires_grad = True set as an attribute
_step("ten-step-r11-r1-grad-outputs", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    noise = torch.randn(x.shape[0], G.latent_dim, device=x.device)
    fake = G(noise, y)

    x = x.detach().clone()
    x.requires_grad = r1_gamma > 0
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
              + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    penalty = torch.zeros((), device=x.device)
    if r1_gamma > 0:
        gradients = torch.autograd.grad(outputs=real_logits, inputs=x,
                                        grad_outputs=torch.ones_like(real_logits), create_graph=True)[0]
        penalty = gradients.view(gradients.size(0), -1).pow(2).sum(1).mean()
    (loss_d + 0.5 * r1_gamma * penalty).backward()
    opt_d.step()

    opt_g.zero_grad()
    D.requires_grad_(False)
    out = D(fake, y)
    loss_g = F.binary_cross_entropy_with_logits(out, torch.ones_like(out))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="r1")

# the DCGAN tutorial's step (module zero_grad, D not frozen for G) with a helper function for R1
_step("ten-step-r12-r1-tutorial-helper", "my_dcgan_step", '''
def r1(real_logits, real_images):
    grad_real, = torch.autograd.grad(outputs=real_logits.sum(), inputs=real_images, create_graph=True)
    return grad_real.pow(2).reshape(grad_real.shape[0], -1).sum(1).mean()


def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    D.zero_grad()
    if r1_gamma > 0:
        x = x.detach()
        x.requires_grad_()
    noise = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(noise, y)
    output_real = D(x, y)
    output_fake = D(fake.detach(), y)
    errD = discriminator_loss(output_real, output_fake)
    reg = r1_gamma * 0.5 * r1(output_real, x) if r1_gamma > 0 else 0.0
    (errD + reg).backward()
    opt_d.step()

    G.zero_grad()
    errG = generator_loss(D(fake, y))
    errG.backward()
    opt_g.step()
    return {"loss_d": errD.detach(), "loss_g": errG.detach(),
            "d_real": output_real.detach().sigmoid().mean(), "d_fake": output_fake.detach().sigmoid().mean()}
''', True, setting="r1")

# MISTAKE: the R1 penalty is taken at the fakes instead of at the real images.
_step("ten-step-w17-r1-on-fakes", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_in = fake.detach().requires_grad_(True)
    fake_logits = D(fake_in, y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(fake_logits.sum(), fake_in, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['the R1 penalty is taken at the fakes'], setting="r1")

# MISTAKE: without create_graph=True the slope is a constant to D's weights, so the penalty adds nothing to D's gradient.
_step("ten-step-w18-r1-no-create-graph", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, retain_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['the R1 gradient was taken without create_graph=True, so the penalty'], setting="r1")

# MISTAKE: the penalty is weighted by gamma instead of gamma / 2, twice the course's R1 term.
_step("ten-step-w19-r1-gamma-not-half", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['the R1 term is r1_gamma times the penalty'], setting="r1")

# MISTAKE: the slope is taken of the mean logit, which divides every image's gradient by the batch size (the penalty by its square).
_step("ten-step-w20-r1-grad-of-mean", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.mean(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['the R1 gradient was taken of real_logits.mean(), which divides each'], setting="r1")

# MISTAKE: x is made to require grad only after D has seen it, so the logits do not depend on that x and autograd.grad fails.
_step("ten-step-w21-r1-requires-grad-too-late", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        x = x.detach().requires_grad_(True)
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["you asked for the gradient with respect to a tensor that D's output"], setting="r1")

# MISTAKE: the reported loss_d includes the R1 term; the step must report D's loss without the penalty.
_step("ten-step-w22-r1-reported-with-penalty", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        loss_d = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
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
''', False, ["'loss_d' includes the R1 penalty"], setting="r1")

# MISTAKE: the penalty's backward comes after opt_d.step(), so it is no part of D's update (and its graph needs the weights the step has just changed in place).
_step("ten-step-w23-r1-backward-after-step", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits.sum(), x, create_graph=True)
        penalty = r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    loss_d.backward(retain_graph=True)
    opt_d.step()
    if r1_gamma:
        penalty.backward()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["the penalty's backward() comes after opt_d.step(), which has already"], setting="r1")

# MISTAKE: the R1 penalty is added to G's loss instead of D's; it regularises D's slope, so it belongs to D's update.
_step("ten-step-w24-r1-on-g", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_in = x.detach().requires_grad_(True)
    real_logits = D(real_in, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    loss_d.backward(retain_graph=True)
    opt_d.step()
    opt_g.zero_grad()
    loss_g = generator_loss(D(fake, y))
    total_g = loss_g
    if r1_gamma:
        grad, = torch.autograd.grad(D(real_in, y).sum(), real_in, create_graph=True)
        total_g = loss_g + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total_g.backward()
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["the R1 penalty was computed but does not reach D's weights"], setting="r1")

# MISTAKE: autograd.grad is called on the vector of logits without .sum() or grad_outputs, which raises "grad can be implicitly created only for scalar outputs".
_step("ten-step-w25-r1-grad-of-vector", "my_dcgan_step", '''
def my_dcgan_step(G, D, opt_g, opt_d, x, y=None, r1_gamma=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if r1_gamma:
        x = x.detach().requires_grad_(True)
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    total = loss_d
    if r1_gamma:
        grad, = torch.autograd.grad(real_logits, x, create_graph=True)
        total = loss_d + r1_gamma / 2 * grad.pow(2).flatten(1).sum(1).mean()
    total.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['torch.autograd.grad of a vector needs one number to start from'], setting="r1")


# ======================================================================================================
# The training step with the class loss (notebook 04): my_step, checked with class_weight=1.0
# ======================================================================================================

# the notebook's bullets: classify=True only when class_weight, class terms left out of the reported losses
_step("ten-step-r13-class-course", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)

    opt_d.zero_grad(set_to_none=True)
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        naming_d = class_weight * class_loss(class_logits, y)
    else:
        real_logits, naming_d = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + naming_d).backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    D.requires_grad_(False)
    if class_weight:
        fake_logits_g, fake_class_logits = D(fake, y, classify=True)
        naming_g = class_weight * class_loss(fake_class_logits, y)
    else:
        fake_logits_g, naming_g = D(fake, y), 0.0
    loss_g = generator_loss(fake_logits_g)
    (loss_g + naming_g).backward()
    D.requires_grad_(True)
    opt_g.step()

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(),
            "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', True, setting="class")

# always classify=True (the projection D gives class logits anyway), F.cross_entropy written directly
_step("ten-step-r14-class-always-classify", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    fake = G(torch.randn(x.size(0), G.latent_dim, device=x.device), y)

    opt_d.zero_grad()
    real_logits, real_classes = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.cross_entropy(real_classes, y)).backward()
    opt_d.step()

    for p in D.parameters():
        p.requires_grad = False
    opt_g.zero_grad()
    out, fake_classes = D(fake, y, classify=True)
    loss_g = generator_loss(out)
    (loss_g + class_weight * F.cross_entropy(fake_classes, y)).backward()
    opt_g.step()
    for p in D.parameters():
        p.requires_grad = True

    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": real_logits.detach().sigmoid().mean(), "d_fake": fake_logits.detach().sigmoid().mean()}
''', True, setting="class")

# tutorial style (module zero_grad, D not frozen for G), separate backward calls for the real and fake terms
_step("ten-step-r15-class-tutorial", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    D.zero_grad()
    if class_weight:
        real_out, real_cls = D(x, y, classify=True)
        err_real = F.binary_cross_entropy_with_logits(real_out, torch.ones_like(real_out))
        (err_real + class_weight * class_loss(real_cls, y)).backward()
    else:
        real_out = D(x, y)
        err_real = F.binary_cross_entropy_with_logits(real_out, torch.ones_like(real_out))
        err_real.backward()
    noise = torch.randn(x.size(0), G.latent_dim, device=x.device)
    fake = G(noise, y)
    fake_out = D(fake.detach(), y)
    err_fake = F.binary_cross_entropy_with_logits(fake_out, torch.zeros_like(fake_out))
    err_fake.backward()
    opt_d.step()

    G.zero_grad()
    if class_weight:
        out, cls = D(fake, y, classify=True)
        err_g = F.binary_cross_entropy_with_logits(out, torch.ones_like(out))
        (err_g + class_weight * class_loss(cls, y)).backward()
    else:
        out = D(fake, y)
        err_g = F.binary_cross_entropy_with_logits(out, torch.ones_like(out))
        err_g.backward()
    opt_g.step()
    return {"loss_d": (err_real + err_fake).detach(), "loss_g": err_g.detach(),
            "d_real": torch.sigmoid(real_out.detach()).mean(), "d_fake": torch.sigmoid(fake_out.detach()).mean()}
''', True, setting="class")

# MISTAKE: D also learns to name the class of the fakes (AC-GAN proper); the course's D learns the class loss on real images only.
_step("ten-step-w26-class-on-fakes-in-d", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, real_classes = D(x, y, classify=True)
    fake_logits, fake_classes = D(fake.detach(), y, classify=True)
    loss_d = discriminator_loss(real_logits, fake_logits)
    naming = class_weight * (class_loss(real_classes, y) + class_loss(fake_classes, y))
    (loss_d + naming).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    out, classes = D(fake, y, classify=True)
    loss_g = generator_loss(out)
    (loss_g + class_weight * class_loss(classes, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["D's class loss includes the fakes (as the AC-GAN paper's does)"], setting="class")

# MISTAKE: the class loss is added to D's loss only; G's update leaves it out, so G is never rewarded for drawing the class asked for.
_step("ten-step-w27-class-missing-in-g", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    if class_weight:
        real_logits, class_logits = D(x, y, classify=True)
        extra = class_weight * class_loss(class_logits, y)
    else:
        real_logits, extra = D(x, y), 0.0
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + extra).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    loss_g = generator_loss(D(fake, y))
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["G's has no class loss"], setting="class")

# MISTAKE: the reported loss_d and loss_g include the class terms; they must be the adversarial losses alone.
_step("ten-step-w28-class-in-reported-losses", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits) + class_weight * class_loss(class_logits, y)
    loss_d.backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    out, classes = D(fake, y, classify=True)
    loss_g = generator_loss(out) + class_weight * class_loss(classes, y)
    loss_g.backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["'loss_d' includes the class loss"], setting="class")

# MISTAKE: class_weight is ignored: the class loss is always added with weight 1, so the MNIST default of 0 cannot switch it off.
_step("ten-step-w29-class-weight-ignored", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_loss(class_logits, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    out, classes = D(fake, y, classify=True)
    loss_g = generator_loss(out)
    (loss_g + class_loss(classes, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['with class_weight = 0 your step behaves as if it were 1'], setting="class")

# MISTAKE: F.nll_loss on raw class logits skips the log-softmax, so it is not the cross-entropy (and is unbounded below).
_step("ten-step-w30-class-nll-on-logits", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * F.nll_loss(class_logits, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    out, classes = D(fake, y, classify=True)
    loss_g = generator_loss(out)
    (loss_g + class_weight * F.nll_loss(classes, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['the class loss is F.nll_loss on raw class logits, which has no'], setting="class")

# MISTAKE: the class loss is computed on the real/fake logit instead of the class logits (classify=True is never asked for).
_step("ten-step-w31-class-on-wrong-logits", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits = D(x, y)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(real_logits, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    out = D(fake, y)
    loss_g = generator_loss(out)
    (loss_g + class_weight * class_loss(out, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ['the class loss got one number per image, shape (16,)'], setting="class")

# MISTAKE: G's class term has the wrong sign, so G is rewarded when D cannot name the class it asked for.
_step("ten-step-w32-class-sign-in-g", "my_step", '''
def my_step(G, D, opt_g, opt_d, x, y, class_weight=0.0):
    z = torch.randn(len(x), G.latent_dim, device=x.device)
    fake = G(z, y)
    opt_d.zero_grad()
    real_logits, class_logits = D(x, y, classify=True)
    fake_logits = D(fake.detach(), y)
    loss_d = discriminator_loss(real_logits, fake_logits)
    (loss_d + class_weight * class_loss(class_logits, y)).backward()
    opt_d.step()
    opt_g.zero_grad()
    D.requires_grad_(False)
    out, classes = D(fake, y, classify=True)
    loss_g = generator_loss(out)
    (loss_g - class_weight * class_loss(classes, y)).backward()
    D.requires_grad_(True)
    opt_g.step()
    return {"loss_d": loss_d.detach(), "loss_g": loss_g.detach(),
            "d_real": torch.sigmoid(real_logits).mean().detach(), "d_fake": torch.sigmoid(fake_logits).mean().detach()}
''', False, ["G's class loss is subtracted"], setting="class")
