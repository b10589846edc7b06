"""One source, two versions: the student version's stubs fail with their hints, the teacher's checks all pass,
and both notebooks run top to bottom (smoke mode)."""
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from ganlib.__main__ import main
from ganlib.course.versions import student_code

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
# The notebooks with checked exercises in marked solution cells.
WITH_SOLUTIONS = sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")
                        if any("solution" in c.metadata.get("tags", []) for c in nbformat.read(str(p), 4).cells))


def test_a_solution_becomes_a_stub_with_its_hint():
    source = ("def loss(a, b):\n    # SOLUTION: two cross-entropies\n    return (a\n            + b)\n\n\n"
              "def other(x):\n    return x\n\nanswer = 0.5  # SOLUTION\nprint(answer)")
    stub = student_code(source)
    assert 'raise NotWrittenYet("two cross-entropies")' in stub and "+ b" not in stub
    assert "def other(x):\n    return x" in stub and "answer = None  # your answer" in stub
    assert stub.startswith("from ganlib.course.exercises import NotWrittenYet")


def _checks(nb):
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    return re.findall(r"^(Correct|Not yet): (.*)$", text, re.M)


@pytest.mark.parametrize("notebook", WITH_SOLUTIONS, ids=lambda p: p.stem)
def test_the_teachers_checks_pass_and_the_students_stubs_give_hints(notebook, tmp_path, capsys):
    """The teacher version is the committed notebook without outputs: its checks passed in the committed full run
    (nbval executes it again in smoke mode). The student version is executed here, top to bottom."""
    assert main(["versions", str(notebook), "--out", str(tmp_path)]) == 0
    committed = nbformat.read(str(notebook), 4)
    teacher = nbformat.read(str(tmp_path / "teacher" / notebook.name), 4)
    assert [c.source for c in teacher.cells] == [c.source for c in committed.cells]
    assert not any(c.get("outputs") for c in teacher.cells if c.cell_type == "code")
    passed = _checks(committed)
    assert passed and all(kind == "Correct" for kind, _ in passed)

    student = nbformat.read(str(tmp_path / "student" / notebook.name), 4)
    assert not any("Model answer" in c.source for c in student.cells if c.cell_type == "markdown")
    NotebookClient(student, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    stubs = _checks(student)
    assert len(stubs) == len(passed)
    assert all(kind == "Not yet" and text.startswith(("not written yet. Hint:", "not answered yet")) for kind, text in stubs)


@pytest.mark.parametrize("name", ["01_vanilla_gan", "02_conditional_gan", "03_dcgan", "04_conditional_dcgan"])
def test_the_committed_runs_of_01_to_04_trained_the_students_own_step(name):
    """The teacher's full run passed every check, so ``use_yours`` handed the student's step to ``train``."""
    nb = nbformat.read(str(NOTEBOOKS / f"{name}.ipynb"), 4)
    trains = [c for c in nb.cells if c.cell_type == "code" and "step=step" in c.source]
    assert trains, f"{name} has no train(..., step=step) cell"
    said = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert re.search(r"^Training with your my_\w*step\.$", said, re.M), said[:2000]
    assert "has not passed its check" not in said


def test_every_notebook_has_at_least_two_checked_exercises():
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(str(path), 4)
        checks = sum(len(re.findall(r"\bcheck_\w+\(", c.source)) for c in nb.cells
                     if c.cell_type == "code" and "solution" in c.metadata.get("tags", []))
        assert checks >= 2, f"{path.name}: {checks} checked exercises"
