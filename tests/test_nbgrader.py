"""The teacher's path through nbgrader, on a temporary course folder: ``python -m ganlib versions`` writes the
course, nbgrader's ``generate_assignment`` makes the student version (the same as ganlib's own), a student submits
with some answers right, one wrong and one not written, ``nbgrader autograde`` runs the submission (smoke mode, as
the course's nbgrader_config.py says), and the gradebook holds the points the checks decided, with the checks'
sentences in the graded notebook as the student's feedback."""
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from ganlib.__main__ import main

pytest.importorskip("nbgrader")
from nbgrader.api import Gradebook  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOK = "01_vanilla_gan"  # two loss checks in one graded cell (2 points), the step (1), a number (1)

# The student's answers, by the function or value each solution cell defines: the D loss right, G's loss the
# saturating one (a classic mistake), the step left unwritten, the number wrong by half.
ANSWERS = {
    "my_discriminator_loss": (
        "def my_discriminator_loss(real_logits, fake_logits):\n"
        "    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))\n"
        "            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))\n\n\n"
        "def my_generator_loss(fake_logits):\n"
        "    return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))\n"),
    "value_at_the_optimum": "value_at_the_optimum = -math.log(2)\n",
}


def _nbgrader(*args, cwd):
    env = {key: value for key, value in os.environ.items() if key not in ("GANLIB_SMOKE", "GANLIB_GRADING")}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, f"nbgrader {' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return done.stdout + done.stderr


def _submit(released: Path, submitted: Path):
    """The released notebook with the student's answers written into its solution cells, as a student saves it."""
    nb = nbformat.read(str(released), 4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution"):
            for name, source in ANSWERS.items():
                if f"{name} " in cell.source or f"def {name}(" in cell.source:
                    cell.source = source
    submitted.parent.mkdir(parents=True)
    nbformat.write(nb, str(submitted))


def test_a_teacher_grades_a_submission_with_nbgrader_and_the_checks_decide_the_points(tmp_path, capsys):
    out = tmp_path / "versions"
    assert main(["versions", str(NOTEBOOKS / f"{NOTEBOOK}.ipynb"), "--out", str(out)]) == 0
    assert "Wrote 1 student and 1 teacher notebooks" in capsys.readouterr().out
    course = out / "nbgrader"
    assert (course / "source" / NOTEBOOK / f"{NOTEBOOK}.ipynb").is_file()

    _nbgrader("generate_assignment", NOTEBOOK, "--force", cwd=course)
    released = course / "release" / NOTEBOOK / f"{NOTEBOOK}.ipynb"
    ours = nbformat.read(str(out / "student" / f"{NOTEBOOK}.ipynb"), 4)
    theirs = nbformat.read(str(released), 4)
    assert [c.source for c in theirs.cells] == [c.source for c in ours.cells]  # one rule for what a solution is

    _submit(released, course / "submitted" / "alice" / NOTEBOOK / f"{NOTEBOOK}.ipynb")
    _nbgrader("autograde", NOTEBOOK, "--force", cwd=course)

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(NOTEBOOK, NOTEBOOK, "alice")
        scores = {grade.name: (grade.auto_score, grade.max_score) for grade in submission.grades
                  if grade.cell_type == "code"}
    graded = [c for c in nbformat.read(str(released), 4).cells if c.metadata.get("nbgrader", {}).get("grade")
              and c.cell_type == "code"]
    by_check = {next(word for word in ("loss", "train_step", "check_answer") if word in c.source):
                scores[c.metadata["nbgrader"]["grade_id"]] for c in graded}
    assert by_check == {"loss": (1.0, 2.0), "train_step": (0.0, 1.0), "check_answer": (0.0, 1.0)}, scores

    feedback = nbformat.read(str(course / "autograded" / "alice" / NOTEBOOK / f"{NOTEBOOK}.ipynb"), 4)
    said = json.dumps([c.get("outputs", []) for c in feedback.cells if c.cell_type == "code"])
    assert "Correct: " in said and "saturating" in said  # the right loss, and the mistake named
    assert "not written yet" in said and "NotYet" in said  # the step's placeholder, scored 0 with its sentence
    assert "one of the two terms" in said  # -log 2 is half of V(D*, G*)
