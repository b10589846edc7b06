"""The shape of the house: three layers, no import cycles (imports inside functions count), a shallow import graph,
every module saying its job in its first sentence, and imports inside functions only for optional dependencies."""
import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ganlib"
# Imported inside a function on purpose: present only with an extra (pytorch-fid) or inside Jupyter; or seconds to
# import and needed by few commands, which every command would otherwise wait for (nbformat, torchvision).
OPTIONAL = {"pytorch_fid.inception", "IPython.display", "ipywidgets", "nbformat", "torchvision", "torchvision.datasets"}
MAX_IMPORT_STEPS = 6  # the longest chain of imports from one ganlib module down to another


def _modules():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = (path, ast.parse(path.read_text()))
    return found


MODULES = _modules()


def _target(module: str, node: ast.ImportFrom) -> str:
    package = module if MODULES[module][0].name == "__init__.py" else module.rsplit(".", 1)[0]
    base = package.split(".")[:len(package.split(".")) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str):
    """(imported ganlib module, inside a function?) for every import statement of ``module``."""
    tree = MODULES[module][1]
    inner = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
             for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            target = _target(module, node)
            names = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES]
            for name in names or [target]:
                yield name, id(node) in inner, node
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            yield (node.module if isinstance(node, ast.ImportFrom) else node.names[0].name), id(node) in inner, node


def _graph():
    return {m: {t for t, _, _ in _imports(m) if t in MODULES and t != m} for m in MODULES}


def _longest(graph, module, seen=()):
    assert module not in seen, f"import cycle: {' -> '.join(seen + (module,))}"
    return max((1 + _longest(graph, t, seen + (module,)) for t in graph[module]), default=0)


def test_no_import_cycles_and_a_shallow_graph():
    graph = _graph()
    steps = {m: _longest(graph, m) for m in graph if m != "ganlib.__main__"}  # __main__ is a 3-line shim over cli
    deepest = max(steps, key=steps.get)
    assert steps[deepest] <= MAX_IMPORT_STEPS, f"{deepest} is {steps[deepest]} imports deep"


def test_the_core_imports_neither_the_tools_nor_the_evaluation_but_through_the_health_check():
    for module in MODULES:
        if module.startswith(("ganlib.course", "ganlib.evaluation")) or module in ("ganlib", "ganlib.__main__"):
            continue
        for target, _, _ in _imports(module):
            assert not target.startswith("ganlib.course"), f"the core module {module} imports {target}"
            if target.startswith("ganlib.evaluation"):
                assert (module, target) == ("ganlib.loop", "ganlib.evaluation.health"), f"{module} imports {target}"
    for module in MODULES:
        if module.startswith("ganlib.evaluation"):
            assert not any(t.startswith("ganlib.course") for t, _, _ in _imports(module)), module


def test_imports_inside_functions_are_only_for_optional_packages_and_say_why():
    for module, (path, _) in MODULES.items():
        lines = path.read_text().splitlines()
        for target, inner, node in _imports(module):
            if inner:
                assert target in OPTIONAL, f"{path.name}:{node.lineno} imports {target} inside a function"
                assert "#" in lines[node.lineno - 1], f"{path.name}:{node.lineno}: say why it is imported on use"


def test_every_module_opens_with_its_job():
    for module, (path, tree) in MODULES.items():
        doc = ast.get_docstring(tree)
        assert doc and len(doc.split(".")[0]) > 10, f"{path} should open with a sentence on its job"


def test_the_test_switch_is_read_in_one_place():
    readers = [m for m, (path, _) in MODULES.items() if "GANLIB_SMOKE" in path.read_text()
               and "os.environ" in path.read_text()]
    assert readers == ["ganlib.places"]
    assert "import is_smoke" not in (PACKAGE / "config.py").read_text()  # TrainConfig says what it was given


def test_the_command_line_starts_without_the_packages_few_commands_need():
    """``python -m ganlib sample`` should not wait seconds for nbformat (notebooks) or torchvision (downloads)."""
    code = ("import sys, ganlib, ganlib.course.cli; "
            "print(sorted(m for m in ('nbformat', 'torchvision') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
