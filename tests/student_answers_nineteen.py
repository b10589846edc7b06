"""Round 19: the answers of tester round 14 (issue 35) that misled check_slerp, written by the course's authors (not
blind): a slerp that computes its path but returns nothing, or returns a dict, a generator, complex numbers, a tensor
on the meta device or a sparse one. Each used to be told to make t a column (or that the check itself failed); each
must now be told what came back. Two right answers in styles students copy stand beside them: the path built row by
row in a Python loop, and one returned as a NumPy array."""
from answer_format import battery
ANSWERS, _answer, _step = battery()

C, N = "check_slerp", "my_slerp"

# RIGHT: one row per t, built in a loop and stacked
_answer("b19-slerp-loop-stack", C, N, '''
def my_slerp(z0, z1, t):
    omega = torch.arccos(torch.clamp((z0 / z0.norm()) @ (z1 / z1.norm()), -1, 1))
    rows = [(torch.sin((1 - s) * omega) * z0 + torch.sin(s * omega) * z1) / torch.sin(omega) for s in t]
    return torch.stack(rows)
''', True)

# RIGHT: the textbook formula in NumPy, the path returned as an array
_answer("b19-slerp-numpy", C, N, '''
def my_slerp(z0, z1, t):
    a, b, t = z0.numpy(), z1.numpy(), t.numpy()[:, None]
    omega = np.arccos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1))
    return (np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / np.sin(omega)
''', True)

_SLERP = '''
    t = t[:, None]
    omega = torch.arccos(torch.clamp((z0 / z0.norm()) @ (z1 / z1.norm()), -1, 1))
    path = (torch.sin((1 - t) * omega) * z0 + torch.sin(t * omega) * z1) / torch.sin(omega)
'''

# WRONG: the path is computed, but the function ends without return
_answer("b19-slerp-no-return", C, N, "def my_slerp(z0, z1, t):" + _SLERP, False, ["returns nothing", "return path"])

# WRONG: the path wrapped in a dict
_answer("b19-slerp-dict", C, N, "def my_slerp(z0, z1, t):" + _SLERP + "    return {'path': path}\n", False,
        ["returns a dict", "return the path itself"])

# WRONG: a generator of rows instead of the rows
_answer("b19-slerp-generator", C, N, "def my_slerp(z0, z1, t):" + _SLERP + "    return (row for row in path)\n", False,
        ["returns a generator"])

# WRONG: complex numbers (a complex factor slipped in)
_answer("b19-slerp-complex", C, N, "def my_slerp(z0, z1, t):" + _SLERP + "    return path * (1 + 0j)\n", False,
        ["complex numbers", "the answer is real"])

# WRONG: made on the meta device (shapes without numbers)
_answer("b19-slerp-meta", C, N, "def my_slerp(z0, z1, t):" + _SLERP + "    return path.to('meta')\n", False,
        ["meta device"])

# WRONG: a sparse tensor
_answer("b19-slerp-sparse", C, N, "def my_slerp(z0, z1, t):" + _SLERP + "    return path.to_sparse()\n", False,
        ["sparse tensor"])
