"""How long a notebook takes to read: the course map's reading column is computed here, never typed."""
from __future__ import annotations

import re

import nbformat

WORDS_PER_MINUTE = 120  # careful reading of technical prose with formulas, slower than the usual 200-250


def words(notebook) -> int:
    """The words of a notebook's markdown cells (what a student reads; code and outputs not counted)."""
    nb = nbformat.read(str(notebook), 4)
    return sum(len(re.findall(r"[A-Za-z0-9']+", cell.source)) for cell in nb.cells if cell.cell_type == "markdown")


def reading_minutes(notebook) -> int:
    """Minutes to read a notebook's text once at ``WORDS_PER_MINUTE``, rounded to the nearest 5 (at least 5)."""
    return max(5, 5 * round(words(notebook) / WORDS_PER_MINUTE / 5))
