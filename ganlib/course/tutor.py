"""How a check talks to a student: a verdict in one sentence, the student's code run so that none of its errors
escapes as a bare traceback, and PyTorch's famous error messages told in the words of the exercise.

Every ``check_*`` (``ganlib.course.exercises``) prints one verdict line and returns a ``Verdict``. When a student's
code raises, the check says what the error means and which of their lines raised it; an ordinary bug of their own
(a typo, a ``NameError``) is shown as their traceback, as Python would show it, trimmed to their own lines. A
check's own failure is never the student's problem: ``never_raises`` turns it into a verdict that says so.
"""
from __future__ import annotations

import contextlib
import dis
import functools
import inspect
import io
import linecache
import re
import sysconfig
import traceback
from pathlib import Path
from typing import Callable, Optional

import numpy as np
import torch
from torch import nn

from ..places import is_grading

# Frames in these folders are not the student's: PyTorch, ganlib, and every installed package (NumPy, SciPy, ...).
_LIBRARIES = tuple({str(Path(torch.__file__).parent), str(Path(__file__).parents[1]),
                    *(sysconfig.get_paths()[key] for key in ("purelib", "platlib", "stdlib"))})


class NotWrittenYet(NotImplementedError):
    """Raised by a stub in the student version of a notebook; its message is the hint."""


class NotYet(AssertionError):
    """Raised by ``graded()`` under a teacher's grader when a check in its cell said "Not yet": nbgrader gives the cell
    no points, and the message (the check's sentence) is the feedback the student reads."""


_verdicts: list = []  # the verdicts printed since the last graded(), for the grader


def graded():
    """The end of a graded cell (nbgrader's "autograder tests"). On a student's own run it does nothing. Under a
    teacher's grader (``GANLIB_GRADING=1``) it scores the checks run in the cell: all right, full points; none right,
    ``NotYet`` with their sentences (no points); some right, the number right (nbgrader's partial credit)."""
    done = list(_verdicts)
    _verdicts.clear()
    if not is_grading():
        return None
    wrong = [v.text for v in done if not v.ok]
    if not done:
        raise NotYet("no check ran in this cell: run the cells above it, which define the answer")
    if len(wrong) == len(done):
        raise NotYet(" / ".join(wrong))
    return float(len(done) - len(wrong)) if wrong else None


def unwritten(answer) -> Optional[str]:
    """The name of what is still a stub in ``answer`` (a function, a class or a net whose own code is only the
    placeholder ``...`` that the student version puts where the solution was), or None when it is written."""
    functions = []
    if isinstance(answer, type):
        functions = [f for f in vars(answer).values() if callable(f) and hasattr(f, "__code__")]
    elif hasattr(answer, "__code__"):
        functions = [answer]
    elif callable(answer) and not isinstance(answer, torch.nn.Module):
        functions = [getattr(type(answer), "__call__")]
    for function in functions:
        if getattr(function, "__name__", "") == "<lambda>":  # written by hand (a stub is a def with ...): it runs
            continue
        if getattr(function, "__code__", None) is not None and _returns_none_only(function):
            return getattr(function, "__qualname__", getattr(function, "__name__", "it"))
    return None


def _returns_none_only(function) -> bool:
    """The function's body does nothing (``...``, ``pass`` or a docstring): it only returns None."""
    ops = [i for i in dis.get_instructions(function) if i.opname not in ("RESUME", "NOP", "CACHE")]
    if len(ops) == 1:
        return ops[0].opname == "RETURN_CONST" and ops[0].argval is None
    return len(ops) == 2 and ops[0].opname == "LOAD_CONST" and ops[0].argval is None and ops[1].opname == "RETURN_VALUE"


class Verdict:
    """What a check found: true when the answer is right. A notebook shows nothing for it (the sentence is printed)."""

    def __init__(self, ok: bool, text: str = ""):
        self.ok, self.text = bool(ok), text

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return f"Verdict({self.ok})"

    def _ipython_display_(self) -> None:  # IPython's hook: display nothing
        pass


def verdict(ok: bool, text: str) -> Verdict:
    """Print the verdict line ("Correct: ..." or "Not yet: ...") and return it (and keep it for ``graded()``)."""
    print(("Correct: " if ok else "Not yet: ") + text)
    _verdicts.append(Verdict(ok, text))
    del _verdicts[:-100]  # a cell runs a few checks; an ungraded session need not keep them all
    return _verdicts[-1]


def unusable_numbers(value) -> Optional[str]:
    """What makes a tensor or NumPy array a student's function returned unusable as an answer of real numbers, said
    as the end of "your function returns ...", or None: complex numbers, text or objects, a sparse tensor, the meta
    device (shapes without values)."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufc":
            return (f"a NumPy array of {value.dtype} (not numbers): compute the answer with tensor operations and "
                    "return a float tensor.")
        dtype = value.dtype
    elif isinstance(value, torch.Tensor):
        if value.layout != torch.strided:
            return (f"a sparse tensor ({value.layout}): return an ordinary (dense) one, .to_dense(), or leave out the "
                    ".to_sparse().")
        if value.device.type == "meta":
            return ("a tensor on PyTorch's meta device, which holds shapes but no numbers: compute it on the inputs' "
                    "own device (make nothing with device='meta' or .to('meta')).")
        dtype = value.dtype
    else:
        return None
    if getattr(dtype, "is_complex", False) or getattr(dtype, "kind", "") == "c":
        return (f"complex numbers ({dtype}): the answer is real. Leave out what made it complex (a complex factor such "
                "as 1j, torch.fft, a complex dtype), or take .real if the imaginary part is 0.")
    return None


def several_values(value, what: str, pieces: bool = True, one_number: bool = False) -> Optional[str]:
    """What to say of a tuple or list given where one answer is asked for (to follow "your function returns " or "the
    answer is "), or None when ``value`` is neither: a trailing comma's tuple of one, a list of one (the brackets),
    tensors of one shape (which torch.stack joins into the answer, unless the answer has no ``pieces``), numbers where
    ``one_number`` is asked for, or the answer with something else beside it."""
    if not isinstance(value, (tuple, list)):
        return None
    if isinstance(value, tuple) and len(value) == 1:
        return (f"a tuple of one, ({type(value[0]).__name__},): a trailing comma after the answer makes a tuple "
                "(x, is the tuple (x,)); remove the comma.")
    kinds = ", ".join(sorted({type(v).__name__ for v in value})) or "nothing in it"
    shapes = {tuple(v.shape) for v in value if isinstance(v, (torch.Tensor, np.ndarray))}
    if pieces and len(value) > 1 and len(shapes) == 1 and all(isinstance(v, (torch.Tensor, np.ndarray)) for v in value):
        return (f"a {type(value).__name__} of {len(value)} tensors of one shape: return one tensor, {what} "
                "(torch.stack(...) makes one tensor of a list of tensors).")
    if isinstance(value, list) and value and not any(isinstance(v, (torch.Tensor, np.ndarray)) for v in value):
        try:
            numbers = np.asarray(value, dtype=float)
        except (TypeError, ValueError):  # rows of different lengths, or not numbers
            numbers = None
        if numbers is not None and numbers.size == 1:
            return f"a list of one number, {value!r:.40}: give the number itself, without the brackets."
        if numbers is not None and one_number:
            return (f"a list of {numbers.size} numbers, {value!r:.40}: the answer is one number; write that number "
                    "alone, not a list.")
        if numbers is not None:
            return (f"a Python list of numbers, shape {numbers.shape} (what .tolist() or a list comprehension gives): "
                    f"return one tensor, {what} (leave out the .tolist(), or make one with torch.tensor(...)).")
    if isinstance(value, list) and len(value) == 1:
        return f"a list of one, [{kinds}]: leave out the brackets and give {what}."
    return (f"a {type(value).__name__} of {len(value)} ({kinds}): return only {what}, not a {type(value).__name__} of "
            "it and other values.")


class StudentError(Exception):
    """The student's code raised: ``message`` says what it means (the traceback, when shown, is already printed)."""

    def __init__(self, message: str, error: BaseException):
        super().__init__(message)
        self.message, self.error = message, error


def _student_frames(error: BaseException) -> list:
    """The traceback's frames in the student's own code (not PyTorch's, not ganlib's)."""
    return [frame for frame in traceback.extract_tb(error.__traceback__)
            if not frame.filename.startswith(_LIBRARIES)]


def _student_lines(error: BaseException) -> list:
    """The lines of the student's innermost function, from its first line to the one that raised ([] if unknown)."""
    found, tb = None, error.__traceback__
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(_LIBRARIES):
            found = tb
        tb = tb.tb_next
    if found is None:
        return []
    code = found.tb_frame.f_code
    return linecache.getlines(code.co_filename)[code.co_firstlineno - 1:found.tb_lineno]


NO_CREATE_GRAPH = ("torch.autograd.grad without create_graph=True freed the graph of the logits it differentiated, "
                   "which D's loss then needs in its backward(); and without it the penalty would have no gradient "
                   "either: torch.autograd.grad(real_logits.sum(), x, create_graph=True).")


def _calls(code: str, start: str) -> list:
    """The text of each call that begins with ``start`` (e.g. "autograd.grad(") in ``code``, to its closing
    parenthesis, however many lines its arguments take."""
    calls = []
    for found in re.finditer(re.escape(start), code):
        depth, end = 1, found.end()
        while end < len(code) and depth:
            depth += {"(": 1, ")": -1}.get(code[end], 0)
            end += 1
        calls.append(code[found.start():end])
    return calls


def _concatenates(error: BaseException) -> bool:
    """Does the student's function join tensors (torch.cat, stack, hstack) before the line that raised?"""
    return any(re.search(r"\b(cat|stack|hstack|column_stack)\(", line.split("#")[0]) for line in _student_lines(error))


def _failing_line(error: BaseException) -> str:
    """The student's line that raised, as written ("" when none of their frames is known)."""
    frames = _student_frames(error)
    return (frames[-1].line or linecache.getline(frames[-1].filename, frames[-1].lineno)).strip() if frames else ""


def student_line(error: BaseException) -> str:
    """" (your line: `loss_g.backward()`, line 12 of my_step)" for the student's last line in the traceback, or ""."""
    frames = _student_frames(error)
    if not frames:
        return ""
    frame, text = frames[-1], _failing_line(error)
    return f" (your line: `{text}`, line {frame.lineno} of {frame.name})" if text else \
        f" (line {frame.lineno} of your {frame.name})"


def _arguments_of(error: BaseException, function: str) -> dict:
    """The local variables, at the moment of ``error``, of the innermost call of PyTorch's ``function`` in its
    traceback (e.g. the ``input`` and ``target`` that F.cross_entropy got), or {}."""
    found, tb = {}, error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == function and code.co_filename.startswith(_LIBRARIES):
            found = tb.tb_frame.f_locals
        tb = tb.tb_next
    return found


def _class_logits_are_one_per_image(error: BaseException) -> Optional[tuple]:
    """The shape of the "class logits" F.cross_entropy got, when they are one number per image (the real/fake logit,
    shape (B,), with the labels' shape); else None."""
    arguments = _arguments_of(error, "cross_entropy")
    logits, target = arguments.get("input"), arguments.get("target")
    if isinstance(logits, torch.Tensor) and isinstance(target, torch.Tensor) and logits.dim() == 1 \
            and tuple(logits.shape) == tuple(target.shape) and not target.is_floating_point():
        return tuple(logits.shape)
    return None


# PyTorch's messages for the classic mistakes, and what they mean in a GAN exercise. ``context`` holds what the check
# knows of the moment, as words: "G" when the error came after D's update (in G's), "r1-off" when r1_gamma was 0,
# "D-frozen" when D's weights did not require grad in D's update.
def message_of(error: BaseException) -> str:
    """``str(error)``, or a stand-in when the error's own ``__str__`` raises (a student's exception class)."""
    try:
        return str(error)
    except Exception:
        return f"(a {type(error).__name__} whose message could not be shown)"


def explain(error: BaseException, context: str = "") -> Optional[str]:
    """The classic error ``error`` told as a tutor would, or None when it is not one of them."""
    text, context, line = message_of(error), set(context.split()), _failing_line(error)
    number_in_max = (re.match(r"(max|min)\(\) received an invalid combination of arguments - got "
                              r"\((int|float), Tensor\)|(max|min)\(\) .* got \(Tensor, float\)", text)
                     or re.match(r"(maximum|minimum)\(\): argument '(input|other)' \(position \d\) must be "
                                 r"Tensor, not (int|float)", text))
    if number_in_max:
        function = number_in_max.group(1) or number_in_max.group(3)
        return (f"torch.{function} takes tensors, not a number next to one: for max(0, t) write F.relu(t) or "
                "torch.clamp(t, min=0), for min(0, t) torch.clamp(t, max=0) (torch.max(t, 0) is another thing: the "
                "largest value along dim 0).")
    no_forward = re.search(r'Module \[(\w+)\] is missing the required "forward" function', text)
    if no_forward and no_forward.group(1) in ("ModuleList", "ModuleDict"):
        return (f"nn.{no_forward.group(1)} only holds layers; it does not run them one after another: put them into "
                "nn.Sequential(...) instead, which does.")
    if no_forward:
        return (f"your {no_forward.group(1)} has no forward method, so calling it runs nothing: write "
                "def forward(self, x): ... in the class (spelt forward, indented inside it).")
    if re.search(r"input to conv1d|input to conv3d|Expected 2D \(unbatched\) or 3D \(batched\) input", text):
        return ("nn.Conv1d (or Conv3d) is for other shapes: images of shape (B, C, H, W) need nn.Conv2d (and "
                "nn.ConvTranspose2d, nn.BatchNorm2d).")
    module_class = re.search(r"torch\.nn\.modules\.[\w.]+\.(\w+) is not a Module subclass", text)
    if module_class:
        return (f"nn.{module_class.group(1)} without parentheses is the class, not a layer: write "
                f"nn.{module_class.group(1)}() (with its arguments) inside nn.Sequential.")
    if "Boolean value of Tensor with more than one value is ambiguous" in text:
        return ("a tensor of several values was used as one True or False: Python's max(0, t), min, an if or an and/or "
                "on a tensor. For max(0, t) write F.relu(t) or t.clamp(min=0); compare tensors element by element "
                "with torch.where.")
    if "modified by an inplace operation" in text:
        if "G" in context and re.search(r"penalty|r1|gp|grad", line.replace("zero_grad", ""), re.I) \
                and "loss_g" not in line:
            return ("the penalty's backward() comes after opt_d.step(), which has already changed D's weights in place "
                    "(and the penalty would miss this update anyway): add the penalty to D's loss before D's one "
                    "backward(), (loss_d + r1_gamma / 2 * penalty).backward(), then opt_d.step().")
        if "G" in context:
            return ("you used D's output from before opt_d.step() in G's loss: opt_d.step() changed D's weights in "
                    "place, so that output's graph is out of date. Compute D(fake) again after opt_d.step(), for G's "
                    "loss.")
        return ("a tensor that backward() needs was changed in place (a += or an operation ending in _ on it, or "
                "an optimiser step) after it was used: compute it again after the change.")
    if re.search(r"Input type \((float|double)\) and (bias|weight) type \((double|float)\) should be the same", text) \
            or re.search(r"Input type \(torch\.(Float|Double)Tensor\) and weight type \(torch\.(Double|Float)Tensor\)", text) \
            or re.search(r"must have the same dtype, but got (Float and Double|Double and Float)", text):
        return ("the layer and its input have different float types (float64 against float32): the course's images "
                "and nets are float32, so leave out .double() (or use .float()).")
    if "leaf Variable that requires grad is being used in an in-place operation" in text:
        return ("you changed an input in place (an operation ending in _, or +=, -= on it): the logits that came in "
                "belong to the caller and carry its gradient. Make a new tensor instead, e.g. -fake_logits rather "
                "than fake_logits.neg_().")
    if re.search(r"shape '\[[-\d, ]*\]' is invalid for input of size \d+", text):
        return ("a view or reshape to fixed sizes does not fit this batch: the check's pictures have other sizes "
                "than the ones written in your code. Take the sizes from the tensor (x.shape), or use permute, which "
                "keeps them.")
    code = "".join(line.split("#")[0] for line in _student_lines(error)) if "a second time" in text else ""
    if "backward through the graph a second time" in text and any(
            "create_graph" not in call for call in _calls(code, "autograd.grad(")):
        return NO_CREATE_GRAPH
    if "backward through the graph a second time" in text:
        return ("backward() went twice through the same graph. Most likely D's loss reached G because the fakes "
                "were not detached, and that freed G's graph before G's own backward: use D(fake.detach()) in D's "
                "update (or call backward() once per loss).")
    if "does not require grad and does not have a grad_fn" in text:
        if "G" in context:
            return ("G's loss has no gradient to follow back to G: in G's update the fakes must not be detached "
                    "(D(fake), not D(fake.detach())) nor made under torch.no_grad().")
        if "D-frozen" in context:
            return ("D is still frozen from the previous step, so D's loss has no gradient: after G's backward, "
                    "set D.requires_grad_(True) again.")
        return ("the loss has no gradient to follow: it was computed from detached tensors, under torch.no_grad(), "
                "or through a frozen net.")
    if "One of the differentiated Tensors does not require grad" in text:
        if "r1-off" in context:
            return ("with r1_gamma = 0 (as the loop passes on most steps) your step still takes the R1 gradient, but "
                    "the images do not require grad then: compute the penalty only `if r1_gamma:`, or set "
                    "requires_grad_ every time.")
        if "gp" in context:
            return ("torch.autograd.grad(..., x_hat) needs x_hat to require grad before D(x_hat) is computed: "
                    "x_hat = (eps * real + (1 - eps) * fake).detach().requires_grad_(True), then scores = D(x_hat).")
        return ("torch.autograd.grad(..., x) needs x to require grad before D(x) is computed: "
                "x = x.detach().requires_grad_(True), then real_logits = D(x, y) (the R1 penalty's gradient is "
                "taken with respect to the real images).")
    if "appears to not have been used in the graph" in text:
        return ("you asked for the gradient with respect to a tensor that D's output does not depend on: take it "
                "with respect to the very tensor you passed to D, and make it require grad before D(x) is computed "
                "(x = x.detach().requires_grad_(True), then real_logits = D(x, y)): set afterwards, or on a copy, the "
                "graph has no path from the logits to it.")
    if "index out of range in self" in text or re.search(r"Target -?\d+ is out of bounds", text):
        return ("a label is outside the classes, which are numbered from 0 to n_classes - 1 (MNIST's digits 0 to 9): "
                "the label embedding and F.cross_entropy have no class n_classes and no class -1. Use the labels as "
                "they come (y, not y + 1 or y - 1), and draw random ones with torch.randint(0, G.n_classes, (B,)).")
    if "not implemented for 'Long'" in text and "softmax" in text:
        return ("F.cross_entropy got whole numbers where the class logits go: it takes the class logits first "
                "(floats, one row per image) and the labels second, F.cross_entropy(class_logits, y). Are the two "
                "swapped?")
    if isinstance(error, IndexError) and "Dimension out of range" in text and \
            getattr(_arguments_of(error, "cross_entropy").get("input"), "dim", lambda: None)() in (0, 1):
        return ("the class loss got one number per image (or a single number), not a row of class logits: D(x, y) "
                "returns only the real/fake logits, and D(x, y, classify=True) returns the pair, "
                "logits, class_logits = D(x, y, classify=True).")
    if "labels y must have shape" in text and "got (" in text and ", 1)" in text:
        return ("the labels have shape (B, 1); the nets take shape (B,), one class number per image: pass y as it "
                "comes (no unsqueeze, no view(-1, 1)).")
    if "Expected floating point type for target with class probabilities" in text:
        shape = _class_logits_are_one_per_image(error)
        if shape is not None:
            return (f"the class loss got one number per image, shape {shape}: that is D's real/fake logit, not its "
                    "class logits. D(x, y, classify=True) returns (logits, class_logits) in that order: "
                    "logits, class_logits = D(x, y, classify=True), then class_loss(class_logits, y).")
    if ("scalar type Long" in text or "labels y must have shape" in text or "'indices'" in text or "one_hot is only applicable to index" in text
            or "Expected floating point type for target with class probabilities" in text
            or ("target" in text and "Float" in text)):
        return ("the labels must stay whole numbers (int64): pass y as it comes; don't .float() or one-hot it (the "
                "nets embed the label themselves, and cross_entropy takes the class numbers).")
    if "must be the same as input size" in text or "must match the size of tensor" in text and "target" in text:
        return ("the targets' shape differs from the logits' shape: D gives one logit per image, shape (B,); make "
                "the targets with torch.ones_like(logits), not torch.ones(B, 1).")
    if "is conditional: pass labels" in text:
        return ("the nets are conditional, so each call needs the labels: G(z, y), D(x, y) and D(fake, y) (the fakes "
                "judged with the labels they were made for).")
    if "running_mean should contain" in text:
        return ("a BatchNorm got another number of channels than it was built for: BatchNorm2d(c_out) follows a "
                "convolution that gives c_out channels.")
    if "z must have shape" in text:
        shape = re.search(r"z must have shape \(batch, (\d+)\), got \(([\d, ]*)\)", text)
        got = tuple(int(n) for n in shape.group(2).split(",") if n.strip()) if shape else ()
        if len(got) == 4 and got[1] == int(shape.group(1)) and got[2:] == (1, 1):
            return (f"the noise has shape {got}, (batch, latent_dim, 1, 1) as in the PyTorch DCGAN tutorial, whose G "
                    "starts with a transposed convolution; the course's G takes z of shape (batch, G.latent_dim) and "
                    "reshapes it itself: z = torch.randn(len(x), G.latent_dim).")
        if len(got) == 2 and shape and got[1] != int(shape.group(1)) and not _concatenates(error):
            return (f"the noise has {got[1]} numbers per row and this G takes {shape.group(1)}: draw it with the "
                    "generator's own size, z = torch.randn(len(x), G.latent_dim), not a number written in.")
        if len(got) == 1:  # a batch of labels where the noise goes: G(y, z)
            return (f"G was given a tensor of shape {got} as its noise, one number per image, which is the labels: "
                    "the arguments are swapped. Call G(z, y), the noise first, then the labels.")
        return ("G takes the noise alone, z of shape (B, latent_dim), and joins the label's vector to it itself: call "
                "G(z, y), without concatenating anything to z.")
    if "gp" in context and "must match the size of tensor" in text:
        return ("the shapes do not broadcast, most likely eps's: for images of shape (B, C, H, W) draw one eps per "
                "image as eps = torch.rand(B, 1, 1, 1), which broadcasts over channels and pixels (torch.rand(B, 1) or "
                "torch.rand(B) lines up with the last dims, the pixels).")
    if "slerp" in context and ("must match the size of tensor" in text or "broadcast" in text):
        return "the shapes do not broadcast: make t a column, t.reshape(-1, 1), so that each t gives one row."
    if "net-D" in context and ("mat1 and mat2" in text or "must match the size of tensor" in text):
        return ("D's layers got inputs of another size than they were built for: flatten the images first, "
                "h = self.features(x.flatten(1)), and project the label onto the features h, not onto the pixels.")
    if "expected 2D or 3D input" in text:
        return "BatchNorm1d is for flat features; a block of images (B, C, H, W) needs nn.BatchNorm2d(channels)."
    if "mat1 and mat2 shapes cannot be multiplied" in text:
        sizes = re.search(r"\((\d+)x(\d+) and (\d+)x(\d+)\)", text)
        got, built = (sizes.group(2), sizes.group(3)) if sizes else ("another number of", "")
        if (re.search(r"\bG\(", line) or any(re.search(r"randn\([^)]*\b\d+\b", code) and "latent_dim" not in code
                                                for code in _student_lines(error))) and "net-G" not in context:
            return (f"G got noise with {got} numbers per row, and its first layer takes {built or 'G.latent_dim'}: draw "
                    "the noise with the generator's own size, z = torch.randn(len(x), G.latent_dim), not a fixed "
                    "100.")
        if "net-G" in context:
            return ("the first layer got inputs of another width than it was built for: next to the noise goes the "
                    "label's vector, self.label_embedding(y) (one learned vector per class), not the raw label number.")
        return (f"a linear layer got {got} inputs per row and was built for {built or 'another number'}: check what "
                "you concatenate or flatten before it (for a flattened feature map: channels x height x width of "
                "the map that really arrives).")
    if "expected input" in text and "channels" in text:
        numbers = re.search(r"to have (\d+) channels, but got (\d+) channels", text)
        built, got = numbers.groups() if numbers else ("c_in", "another number of")
        return (f"a convolution built for {built} input channel{'s' if built != '1' else ''} got {got}: the first "
                "number of nn.Conv2d(c_in, c_out, ...) and nn.ConvTranspose2d(c_in, c_out, ...) is the number of "
                f"channels that come in, here {got}" + (" (3 for colour images, 1 for grey)." if {built, got} == {"1", "3"}
                                                        else "."))
    if "all elements of input should be between 0 and 1" in text:
        return ("F.binary_cross_entropy (nn.BCELoss) takes probabilities, and D returns logits: use "
                "F.binary_cross_entropy_with_logits (or apply torch.sigmoid first).")
    if re.search(r"can't be cast to the desired output type (Long|Int|Short)", text):
        return ("the targets are whole numbers (an integer dtype), and BCE takes float targets: make them from the "
                "logits, torch.ones_like(logits) and torch.zeros_like(logits), or torch.ones(B) (float by default), "
                "not torch.ones(B, dtype=torch.long).")
    if "Sizes of tensors must match except in dimension 0" in text:
        return ("torch.cat joins tensors along one dim, and all their other dims must agree. To put the label's "
                "vector beside the noise (each row gets both), join along the features, torch.cat([z, e], dim=1); "
                "dim=0, the default, stacks rows (images) on top of one another.")
    if "can't be cast to the desired output type Byte" in text:
        return ("an in-place operation (div_, sub_, /=, -=) on uint8 images cannot hold the fractions it makes: work on "
                "a float copy instead, x = images.float(), then scale it.")
    if "means" in context and "stack expects each tensor to be equal size" in text:
        return ("the ten means have different shapes, so torch.stack cannot join them: the mean ran over another dim "
                "than the images of the class, so each class kept its own number of images. Average over dim 0, "
                "images[labels == c].float().mean(0).")
    if "could not infer output dtype" in text or "only support floating point and complex dtypes" in text:
        return ("the images are whole numbers (uint8), and mean(), std() and division into floats need float tensors: "
                "convert first, images.float().")
    if "grad can be implicitly created only for scalar outputs" in text and "autograd.grad" in line:
        return ("torch.autograd.grad of a vector needs one number to start from: take it of the sum, "
                "torch.autograd.grad(logits.sum(), x, create_graph=True) (the sum, not the mean, so each image keeps "
                "its own gradient), or pass grad_outputs=torch.ones_like(logits).")
    if "grad can be implicitly created only for scalar outputs" in text:
        return "backward() needs one number: take the mean over the batch, so the loss is a 0-d tensor."
    return None


def made_on_the_cpu(function: Callable, *args, **options) -> Optional[BaseException]:
    """The error of ``function(*args)``, run quietly with its inputs on PyTorch's ``meta`` device, when it says a
    tensor was made on the CPU (it would stop on a GPU the same way); None otherwise. Anything else that meta cannot
    run proves nothing, so it counts as no error."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            function(*args, **options)
    except Exception as error:
        if "cpu" in message_of(error).lower() and "meta" in message_of(error):
            return error
    finally:
        torch.set_grad_enabled(True)
    return None


def numpy_on_a_gpu(error: BaseException) -> Optional[str]:
    """For an error ``made_on_the_cpu`` found: the sentence when it came from turning a tensor into NumPy (which reads
    only the CPU's memory), None when a tensor was made on the CPU."""
    if "numpy" not in message_of(error).lower():
        return None
    return ("your code turns a tensor into NumPy (np.float32(t), t.numpy(), np.mean(t)), and NumPy reads only tensors "
            "in the CPU's memory: on a GPU (in Colab) it stops with 'can't convert cuda:0 device type tensor to "
            f"numpy'{student_line(error)}. Keep the numbers tensors, with torch's own functions (torch.sigmoid(t)."
            "mean()): return them .detach()ed, or as floats with .item().")


def sets_the_seed(call: Callable[[], object]) -> bool:
    """Whether ``call()`` (the student's function on fresh inputs) sets PyTorch's random seed: started from two
    different random states, it leaves the same one behind. The caller's random state is restored after."""
    before, states = torch.get_rng_state(), []
    try:
        for seed in (11, 12):
            torch.manual_seed(seed)
            call()
            states.append(torch.get_rng_state())
    except StudentError:  # it already ran once without error: an error now is no verdict on the seed
        return False
    finally:
        torch.set_rng_state(before)
    return torch.equal(states[0], states[1])


SETS_THE_SEED = ("the value is right, but your {what} sets the random seed (torch.manual_seed) inside it: the loop "
                 "calls it at every step, so the random numbers drawn after it, G's noise, would repeat from step to "
                 "step. Seed once, at the top of the notebook, not in a function the loop calls.")


def run_student(function: Callable, *args, context: Callable[[], str] = lambda: "", **options):
    """``function(*args, **options)``, its prints held back (shown before its error, if it raises); a
    ``StudentError`` that explains what went wrong when it raises.

    A stub's ``NotWrittenYet`` becomes "not written yet" with its hint; a classic PyTorch error is explained and
    the student's line named; any other error (their own bug) has its traceback printed, trimmed to their lines.
    ``context()`` is asked, at the moment of the error, what the check knows of where the code was.
    """
    if isinstance(function, type) and issubclass(function, nn.modules.loss._Loss):
        raise StudentError(f"you passed PyTorch's loss class {function.__name__} itself: the exercise asks for your "
                           "own function of the logits that returns the loss (def ...(logits): return ...); inside "
                           f"it, nn.{function.__name__}()(logits, targets) or its F. form computes a term.", None)
    if callable(function) and not isinstance(function, (type, torch.nn.Module)) and (
            getattr(function, "__module__", None) in ("torch.nn.functional", "torch", "torch._C._nn")
            or type(function).__name__ == "builtin_function_or_method" and "torch" in repr(function)):
        name = getattr(function, "__name__", "it")
        raise StudentError(f"you passed PyTorch's {name} itself: the exercise asks for your own function, written "
                           f"with def, that takes the inputs the exercise names and uses {name} inside.", None)
    if not callable(function):
        called = (" (the result of calling your function: my_loss(...) runs it, my_loss is the function)"
                  if isinstance(function, torch.Tensor) else f" ({function!r:.40})")
        raise StudentError(f"a function is asked for here, got a {type(function).__name__}{called}: pass the function "
                           "itself, by its name, without quotes or parentheses.", None)
    printed = io.StringIO()  # what their code prints: shown only before an error (a check calls it many times)
    try:
        with contextlib.redirect_stdout(printed):
            return function(*args, **options)
    except NotWrittenYet as hint:
        raise StudentError(f"not written yet. Hint: {hint}", hint) from None
    except SystemExit as error:  # exit(), sys.exit() or quit(): it would stop the notebook's run, not just the check
        print(printed.getvalue(), end="")
        raise StudentError(f"your code called exit() (SystemExit {error.code!r}){student_line(error)}: that stops the "
                           "whole program, not just your function. A function gives its answer with return; to say "
                           "something went wrong, raise an error (raise ValueError(...)).", error) from None
    except Exception as error:  # the student's code: every error becomes a sentence
        print(printed.getvalue(), end="")
        frames = traceback.extract_tb(error.__traceback__)
        if isinstance(error, NotImplementedError) and frames and not frames[-1].filename.startswith(_LIBRARIES) \
                and "NotImplementedError" in (frames[-1].line or ""):
            # raised by their own line: the stub `raise NotImplementedError` (nbgrader's default) is still there
            raise StudentError("not written yet: your function still raises NotImplementedError, the stub's line. "
                               "Replace it with your code.", error) from None
        meaning = explain(error, context())
        if meaning is not None:
            raise StudentError(meaning + student_line(error), error) from None
        frames = _student_frames(error)
        if frames:  # their own bug: their traceback, trimmed to their lines
            print("Traceback of your code (most recent call last):")
            print("".join(traceback.format_list(frames)).rstrip())
            print(f"{type(error).__name__}: {message_of(error)}")
        first = message_of(error).splitlines()[0] if message_of(error) else ""
        if not frames and isinstance(error, TypeError):  # raised by the call itself: the function's signature
            called = ", ".join([f"{len(args)} argument{'s' if len(args) != 1 else ''}"] * bool(args)
                               + [f"{k}=..." for k in options])
            raise StudentError(f"the check calls it with {called or 'no arguments'}, as the exercise describes, and it "
                               f"cannot be called so ({first}): give it the parameters the exercise names, in that "
                               "order.", error) from None
        where = " The traceback above shows where." if frames else ""
        raise StudentError(f"your code raised {type(error).__name__}: {first}{student_line(error)}.{where}",
                           error) from None


def _call_slip(check: Callable, args: tuple, options: dict) -> Optional[str]:
    """What is wrong with how the check itself was called (an answer left out, one too many, a misspelt keyword),
    as a sentence; None when the call fits the check's parameters."""
    try:
        signature = inspect.signature(check)
    except (TypeError, ValueError):  # a check without a readable signature: let the call itself say
        return None
    try:
        signature.bind(*args, **options)
    except TypeError as error:
        names = ", ".join(name for name, parameter in signature.parameters.items()
                          if parameter.default is inspect.Parameter.empty
                          and parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD))
        given = len(args) + len(options)
        unknown = [name for name in options if name not in signature.parameters]
        why = f"it has no parameter {unknown[0]!r}" if unknown else error
        return (f"{check.__name__} is called as {check.__name__}({names}), and this call gave it {given} "
                f"argument{'s' if given != 1 else ''} ({why}): "
                + ("pass your answers in that order" if "," in names else "pass your answer alone")
                + ", as the exercise's cell shows.")
    return None


def run_student_unless(truer: Callable[[], Optional[str]], function: Callable, *args, **options):
    """``run_student``, but when the student's code raises, ``truer()`` is asked first for a sentence that explains the
    error better (the arguments in another order, a shape written in): a StudentError saying that, with the student's
    traceback held back; else the error as ``run_student`` tells it, traceback and all."""
    shown = io.StringIO()
    try:
        with contextlib.redirect_stdout(shown):
            return run_student(function, *args, **options)
    except StudentError as error:
        said = truer()
        if said:
            raise StudentError(said, error.error) from None
        print(shown.getvalue(), end="")
        raise


def never_raises(check: Callable) -> Callable:
    """A check that cannot crash a student's notebook: what the student's code raised is explained
    (``StudentError``); anything else is the check's own fault and is said to be so, in one line."""

    @functools.wraps(check)
    def guarded(*args, **options) -> Verdict:
        if args and (args[0] is None or args[0] is Ellipsis):
            return verdict(False, "not answered yet: the answer is still None (or the placeholder ...); write it "
                                  "(define the function, class or layer) and run its cell again.")
        stub = next(filter(None, map(unwritten, args)), None)
        if stub:
            return verdict(False, f"not written yet: {stub} is still the placeholder (...). Write its code where the "
                                  "cell says YOUR CODE HERE, following the hint above it, and run the cell again.")
        slip = _call_slip(check, args, options)
        if slip:
            return verdict(False, slip)
        try:
            return check(*args, **options)
        except StudentError as error:
            return verdict(False, error.message)
        except Exception as error:  # the check's own failure: never a student's traceback
            return verdict(False, f"this answer could not be checked ({type(error).__name__}: {message_of(error)}). Look at its "
                                  "type and shape against the exercise's description; if they are right, tell your "
                                  "teacher, since the check itself failed.")
    return guarded
