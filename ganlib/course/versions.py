"""One source, two versions, marked as nbgrader marks them: the committed notebooks hold the solutions, and
``python -m ganlib versions`` writes a student version of each (solutions replaced by placeholders, no outputs), a
teacher version (solutions kept, no outputs), and a course folder for nbgrader, whose ``generate_assignment`` makes
the same student version and whose ``autograde`` scores the checks.

What is a solution is what nbgrader reads, one source of truth for both tools:

- a cell whose metadata says ``nbgrader.solution``; in a code cell, the lines between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION`` become ``CODE_STUB`` (``...`` under a ``# YOUR CODE HERE``, so a function returns None and a
  value is ``...`` until written: the checks say "not written yet", and the notebook still runs top to bottom);
- a markdown solution cell (a written answer, ``*(Model answer: ...)*``) becomes ``TEXT_STUB``.

A graded cell (``nbgrader.grade``, locked) runs a check and ends with ``graded()``: under the grader it turns the
check's verdict into points, on a student's own run it does nothing.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List

if TYPE_CHECKING:  # nbformat is imported where a notebook is read or written: it takes seconds, which every
    import nbformat  # command of the command line would otherwise pay

from ..files import atomic_write_text
from ..places import GRADING_ENV, SMOKE_ENV

CODE_STUB = "# YOUR CODE HERE\n..."
TEXT_STUB = "YOUR ANSWER HERE"
BEGIN, END = "BEGIN SOLUTION", "END SOLUTION"  # nbgrader's delimiters, found anywhere in a line
HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"  # nbgrader removes these regions from students


def is_solution(cell) -> bool:
    """nbgrader's mark of a solution cell (or, should the metadata have been lost, a solution region in it)."""
    marks = cell.get("metadata", {}).get("nbgrader", {})
    return bool(isinstance(marks, dict) and marks.get("solution")) or BEGIN in cell.source


def student_code(source: str, stub: str = CODE_STUB) -> str:
    """A solution cell's source with every solution region replaced by ``stub``, indented as the region was."""
    out, inside = [], False
    for line in source.split("\n"):
        if BEGIN in line:
            if inside:
                raise ValueError("a BEGIN SOLUTION inside another solution region: close the first with END SOLUTION")
            inside, indent = True, re.match(r"\s*", line).group(0)
            out += [indent + line for line in stub.split("\n")]
        elif END in line:
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError("a solution region without its END SOLUTION line")
    return "\n".join(out)


def _without_hidden_tests(source: str, notebook) -> str:
    """``source`` without its hidden-test regions (``### BEGIN HIDDEN TESTS`` to ``### END HIDDEN TESTS``), which the
    grader runs and the student never sees."""
    out, inside = [], False
    for line in source.split("\n"):
        if HIDDEN_BEGIN in line:
            inside = True
        elif HIDDEN_END in line:
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{notebook}: a BEGIN HIDDEN TESTS without its END HIDDEN TESTS line (in the cell that starts "
                         f"{source[:60]!r})")
    return "\n".join(out)


def read_notebook(notebook: Path) -> nbformat.NotebookNode:
    """The notebook at ``notebook``, or a ValueError that names it and says what to do: a half-saved file or a cell
    without its text, metadata or type is no notebook a version can be made of."""
    import nbformat  # on use: it takes seconds to import (see the top)
    try:
        nb = nbformat.read(str(notebook), as_version=4)
    except (ValueError, KeyError, AttributeError, TypeError, nbformat.ValidationError) as error:  # not JSON, no notebook
        raise ValueError(f"{notebook} is not a readable notebook ({type(error).__name__}): open it in Jupyter and "
                         "save it again, or name another file") from None
    if not isinstance(nb.get("cells", []), list) or not all(
            isinstance(cell, dict) and isinstance(cell.get("source"), str) and "cell_type" in cell
            and isinstance(cell.get("metadata", {}), dict) for cell in nb.get("cells", [])):
        raise ValueError(f"{notebook} is not a readable notebook (a cell without its text, type or metadata, or not a "
                         "cell): open it in Jupyter and save it again, or name another file")
    return nb


def versions(notebook: Path) -> Dict[str, nbformat.NotebookNode]:
    """``{"student": ..., "teacher": ...}`` of one notebook, both without outputs."""
    import nbformat  # on use: it takes seconds to import (see the top)
    nb = read_notebook(notebook)
    if not any(BEGIN in cell.source for cell in nb.cells) and any(
            is_solution(cell) and CODE_STUB.split("\n")[0] in cell.source for cell in nb.cells):
        raise ValueError(f"{notebook} is a student version: its answers are '# YOUR CODE HERE' stubs, so its teacher "
                         "version would have no solutions. Make the versions from the teacher's notebook (e.g. "
                         f"notebooks/{Path(notebook).name})")
    teacher, student = nbformat.from_dict(nb), nbformat.from_dict(nb)
    for version in (teacher, student):
        for cell in version.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
    for cell in student.cells:
        if HIDDEN_BEGIN in cell.source:
            cell.source = _without_hidden_tests(cell.source, notebook)
        if not is_solution(cell):
            continue
        if cell.cell_type == "code" and BEGIN not in cell.source:  # a solution cell without delimiters: all of it,
            cell.source = CODE_STUB                                   # as nbgrader does
        elif cell.cell_type == "code":
            try:
                cell.source = student_code(cell.source)
            except ValueError as error:
                raise ValueError(f"{notebook}: {error} (in the cell that starts {cell.source[:60]!r})") from None
        else:  # a written answer: its region, or the whole cell, as nbgrader does
            cell.source = student_code(cell.source, TEXT_STUB) if BEGIN in cell.source else TEXT_STUB
    return {"student": student, "teacher": teacher}


NBGRADER_CONFIG = f'''# nbgrader's settings for the GAN course, written by `python -m ganlib versions`.
import os

# The checks' verdicts become points: graded() ends each graded cell (on a student's own run it does nothing).
os.environ["{GRADING_ENV}"] = "1"
# Autograding runs each submission in smoke mode: the checks judge the student's code, and the training cells
# (which the checks do not grade) take seconds instead of minutes.
os.environ["{SMOKE_ENV}"] = "1"

c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = "gan-course"
# The placeholder of the student version, the same as `python -m ganlib versions` writes: the notebook still
# runs top to bottom, and each check says "not written yet".
c.ClearSolutions.code_stub = {{"python": {json.dumps(CODE_STUB)}}}
c.ClearSolutions.text_stub = {json.dumps(TEXT_STUB)}
c.ExecutePreprocessor.timeout = 600
'''


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    """The file's text of a notebook, as ``nbformat.write`` writes it (ending in a newline)."""
    import nbformat  # on use: it takes seconds to import (see the top)
    text = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"


def write_notebook(notebook: nbformat.NotebookNode, path: Path) -> Path:
    """Write a notebook as ``nbformat.write`` does, atomically: an interrupted write never leaves half a notebook."""
    return atomic_write_text(path, notebook_text(notebook))


def write_versions(notebooks: List[Path], out: Path, force: bool = False) -> List[Path]:
    """Write ``out/student/NAME.ipynb`` and ``out/teacher/NAME.ipynb`` for each notebook, and the nbgrader course
    ``out/nbgrader/`` (its ``nbgrader_config.py``, and each teacher version as the source of an assignment of the
    notebook's name, ``source/NAME/NAME.ipynb``); returns the paths. A file already there that differs from what
    would be written (a teacher's edit, say) is only replaced with ``force``: a FileExistsError lists them first."""
    texts = {}
    for notebook in notebooks:
        notebook = Path(notebook)
        for name, version in versions(notebook).items():
            text = notebook_text(version)
            texts[Path(out) / name / notebook.name] = text
            if name == "teacher":
                texts[Path(out) / "nbgrader" / "source" / notebook.stem / notebook.name] = text
    texts[Path(out) / "nbgrader" / "nbgrader_config.py"] = NBGRADER_CONFIG
    edited = [str(path) for path, text in texts.items()
              if path.is_file() and path.read_text(encoding="utf-8", errors="replace") != text]
    if edited and not force:
        raise FileExistsError(f"{len(edited)} file{'s' if len(edited) > 1 else ''} in {out} differ from the versions "
                              f"(edited since they were written?), such as {edited[0]}: nothing was written. Choose "
                              "another --out, or add --force to replace them")
    written = [atomic_write_text(path, text) for path, text in texts.items()]
    return written
