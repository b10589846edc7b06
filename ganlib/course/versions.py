"""One source, two versions: the committed notebooks hold the solutions; ``python -m ganlib versions`` writes a
student version of each (solutions replaced by stubs that raise a hint, model answers removed, no outputs) and a
teacher version (solutions and model answers kept, no outputs).

What is a solution, in a code cell tagged ``solution``:

- a comment line ``# SOLUTION: hint`` inside a function: it and the rest of the function's body become
  ``raise NotWrittenYet("hint")``;
- a line ``name = value  # SOLUTION...``: the value becomes ``None`` (the check then says "not answered yet").

In markdown, ``*(Model answer: ...)*`` is the teacher's: the student version leaves it out.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, List

import nbformat

from ..files import atomic_write_text

SOLUTION_TAG = "solution"
_HINT = re.compile(r"^(?P<indent>\s*)# SOLUTION:\s*(?P<hint>.+)$")
_VALUE = re.compile(r"^(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\s*=\s*.+#\s*SOLUTION\b.*$")
_MARKER = re.compile(r"#\s*SOLUTION\b")
_MODEL_ANSWER = re.compile(r"\s*\*\(Model answer:.*?\)\*", re.S)


def student_code(source: str) -> str:
    """A solution cell's source with every marked solution replaced by a stub."""
    lines, out, i = source.split("\n"), [], 0
    while i < len(lines):
        hint, value = _HINT.match(lines[i]), _VALUE.match(lines[i])
        if hint:
            indent = hint["indent"]
            out.append(f'{indent}raise NotWrittenYet({json.dumps(hint["hint"].strip())})')  # quotes escaped
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith(indent)):
                if not lines[i].strip() and (i + 1 >= len(lines) or not lines[i + 1].startswith(indent)):
                    break
                i += 1
            continue
        if value:
            out.append(f'{value["indent"]}{value["name"]} = None  # your answer')
        else:
            out.append(lines[i])
        i += 1
    text = "\n".join(out)
    if "NotWrittenYet" in text and "import NotWrittenYet" not in text:
        text = "from ganlib.course.exercises import NotWrittenYet\n\n" + text
    return text


def versions(notebook: Path) -> Dict[str, nbformat.NotebookNode]:
    """``{"student": ..., "teacher": ...}`` of one notebook, both without outputs."""
    try:
        nb = nbformat.read(str(notebook), as_version=4)
    except (ValueError, KeyError, AttributeError) as error:  # not JSON, or JSON that is no notebook
        raise ValueError(f"{notebook} is not a readable notebook ({type(error).__name__}): open it in Jupyter and "
                         "save it again, or name another file") from None
    teacher, student = nbformat.from_dict(nb), nbformat.from_dict(nb)
    for version in (teacher, student):
        for cell in version.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
    for cell in student.cells:
        # The tag marks a solution cell; a "# SOLUTION" line marks one too, should the tag have been lost.
        if cell.cell_type == "code" and (SOLUTION_TAG in cell.metadata.get("tags", []) or _MARKER.search(cell.source)):
            cell.source = student_code(cell.source)
        elif cell.cell_type == "markdown":
            cell.source = _MODEL_ANSWER.sub("", cell.source)
    return {"student": student, "teacher": teacher}


def write_notebook(notebook: nbformat.NotebookNode, path: Path) -> Path:
    """Write a notebook as ``nbformat.write`` does, atomically: an interrupted write never leaves half a notebook."""
    text = nbformat.writes(notebook)
    return atomic_write_text(path, text if text.endswith("\n") else text + "\n")


def write_versions(notebooks: List[Path], out: Path) -> List[Path]:
    """Write ``out/student/NAME.ipynb`` and ``out/teacher/NAME.ipynb`` for each notebook; returns the paths."""
    written = []
    for notebook in notebooks:
        for name, version in versions(Path(notebook)).items():
            path = Path(out) / name / Path(notebook).name
            write_notebook(version, path)
            written.append(path)
    return written
