"""One source, two versions, in nbgrader's marks: the student version's placeholders make every check say "not
written yet" while the notebook runs top to bottom (smoke mode), and the teacher's checks all pass."""
import math
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from ganlib.__main__ import main
from ganlib.course.versions import student_code

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
# The notebooks with checked exercises in nbgrader's solution cells.
WITH_SOLUTIONS = sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")
                        if any(c.metadata.get("nbgrader", {}).get("solution") for c in nbformat.read(str(p), 4).cells))


def test_a_solution_region_becomes_the_placeholder_indented_as_it_was():
    source = ("def loss(a, b):\n    # Hint: two cross-entropies\n    ### BEGIN SOLUTION\n    return (a\n            + b)\n"
              "    ### END SOLUTION\n\n\ndef other(x):\n    return x\n\n\nanswer = (\n    ### BEGIN SOLUTION\n    0.5\n"
              "    ### END SOLUTION\n)")
    stub = student_code(source)
    assert "    # Hint: two cross-entropies\n    # YOUR CODE HERE\n    ...\n" in stub and "+ b" not in stub
    assert "def other(x):\n    return x" in stub and "answer = (\n    # YOUR CODE HERE\n    ...\n)" in stub
    namespace = {}
    exec(stub, namespace)  # the student version runs: a function that returns None, a value that is ...
    assert namespace["loss"](1, 2) is None and namespace["answer"] is Ellipsis
    with pytest.raises(ValueError, match="without its END SOLUTION"):
        student_code("x = (\n    ### BEGIN SOLUTION\n    1\n)")


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
    assert not any("BEGIN SOLUTION" in c.source for c in student.cells)
    NotebookClient(student, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    stubs = _checks(student)
    assert len(stubs) == len(passed)
    assert all(kind == "Not yet" and text.startswith(("not written yet", "not answered yet")) for kind, text in stubs), stubs


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
                     if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade"))
        assert checks >= 2, f"{path.name}: {checks} checked exercises"


def test_every_check_is_a_graded_cell_and_every_answer_a_solution_cell_as_nbgrader_reads_them():
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        ids = []
        for cell in nbformat.read(str(path), 4).cells:
            marks = cell.metadata.get("nbgrader")
            checks = len(re.findall(r"\bcheck_(?!call)\w+\(", cell.source)) if cell.cell_type == "code" else 0
            assert "solution" not in cell.metadata.get("tags", []), f"{path.name}: the old tag, not nbgrader's marks"
            if marks is None:
                assert not checks and "BEGIN SOLUTION" not in cell.source, f"{path.name}: {cell.source[:80]!r}"
                continue
            ids.append(marks["grade_id"])
            assert marks["schema_version"] == 3
            if cell.cell_type == "code" and marks["grade"]:  # autograder tests: the checks, then graded()
                assert marks["locked"] and not marks["solution"] and marks["points"] == checks >= 1
                assert cell.source.rstrip().endswith("\ngraded()"), cell.source
            elif cell.cell_type == "code":  # an autograded answer: the student's code between the markers
                assert marks["solution"] and not marks["locked"] and not checks
                assert cell.source.count("BEGIN SOLUTION") == cell.source.count("END SOLUTION") >= 1
            else:  # a written answer, graded by hand
                assert marks["solution"] and marks["grade"] and marks["points"] >= 1
                assert cell.source.startswith("*(Model answer:")
        assert len(ids) == len(set(ids)), f"{path.name}: nbgrader needs each grade_id once"


def test_graded_scores_the_checks_of_its_cell_only_under_the_grader(monkeypatch, capsys):
    from ganlib.course.exercises import NotYet, check_answer, graded
    monkeypatch.delenv("GANLIB_GRADING", raising=False)
    check_answer("value_at_the_optimum", 1.0)
    assert graded() is None  # a student's own run: nothing
    monkeypatch.setenv("GANLIB_GRADING", "1")
    check_answer("value_at_the_optimum", -math.log(4))
    assert graded() is None  # all right: nbgrader gives full points
    check_answer("value_at_the_optimum", -math.log(4))
    check_answer("loss_d_at_indifference", 1.0)
    assert graded() == 1.0  # one of two: partial credit
    check_answer("loss_d_at_indifference", 1.0)
    with pytest.raises(NotYet, match="is not it"):
        graded()  # none right: no points, the check's sentence as feedback
    with pytest.raises(NotYet, match="no check ran"):
        graded()
