"""Where the course lives on the web, named once: ``REPOSITORY``. The notebooks' Colab and Binder badges, their
set-up cells (which install this version of ganlib from there, with the extras the notebook needs) and their links
to the report and its figures all follow it, as do the nbgitpuller links a university JupyterHub opens. ``python -m ganlib links`` rewrites them to follow it, ``--check`` lists
what does not; so a fork changes one line here and runs one command.

Links are absolute, because a notebook opened in Colab has no ``../report`` next to it.
"""
from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path
from typing import List
from urllib.parse import quote

import nbformat

from ..files import atomic_write_text
from .versions import write_notebook


REPOSITORY = "gan-course/gan-course"  # owner/name on GitHub
BRANCH = "main"  # the branch the badges open and the report links read
EXTRAS = {"06_cifar10": "inception", "07_faces": "celeba", "08_evaluating_gans": "inception"}  # what a notebook needs beyond ganlib itself

_URL = re.compile(r"(https://colab\.research\.google\.com/github/|https://github\.com/)[\w.-]+/[\w.-]+/blob/[\w.-]+/")
_RELATIVE = re.compile(r"\]\(\.\./((?:report|notebooks|ganlib)/[^)\s]+)\)")
_SETUP_MARK = "# Set-up."
# A Colab badge, and the Binder badge after it if there is one already (relink puts one there)
_COLAB_BADGE = re.compile(r"(\[!\[Open In Colab\]\([^)]*\)\]\(https://colab\.research\.google\.com/github/[^)]*/"
                          r"notebooks/(?P<name>[\w.-]+\.ipynb)\))(?: \[!\[Launch Binder\]\([^)]*\)\]\([^)]*\))?")


def release() -> str:
    """The git tag of this version of the course (``v`` + ganlib's version): what the set-up cells install."""
    return "v" + importlib.metadata.version("ganlib")


def setup_cell(notebook: str) -> str:
    """The set-up cell of a notebook (its file name without ``.ipynb``)."""
    extras = f"[{EXTRAS[notebook]}]" if notebook in EXTRAS else ""
    return (f"{_SETUP_MARK} In Colab this installs the course's library, ganlib, at the version these notebooks were "
            "written for;\n# anywhere else it does nothing (on your own machine, `pip install -r requirements.txt` "
            "has installed it).\nimport subprocess, sys\nif \"google.colab\" in sys.modules:\n"
            "    subprocess.check_call([sys.executable, \"-m\", \"pip\", \"install\", \"-q\",\n"
            f"                           \"ganlib{extras} @ git+https://github.com/{REPOSITORY}@{release()}\"])")


def binder_url(notebook: str) -> str:
    """Binder (mybinder.org) builds the course's image from ``binder/`` and opens ``notebook`` in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?labpath=notebooks%2F{notebook}"


def hub_url(hub: str, notebook: str) -> str:
    """The nbgitpuller link that makes a university JupyterHub (at ``hub``, e.g. ``https://hub.example.edu``) clone
    or update the course into each student's home and open ``notebook`` in JupyterLab. The hub needs nbgitpuller
    and the course's requirements installed (its image can be built from ``binder/`` with repo2docker)."""
    repository = quote(f"https://github.com/{REPOSITORY}", safe="")
    folder = REPOSITORY.split("/")[1]
    return (f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={repository}&branch={BRANCH}"
            f"&urlpath={quote(f'lab/tree/{folder}/notebooks/{notebook}', safe='')}")


def _with_binder_badges(text: str) -> str:
    """``text`` with a Binder badge right after each Colab badge of a notebook."""
    return _COLAB_BADGE.sub(lambda m: f"{m[1]} [![Launch Binder](https://mybinder.org/badge_logo.svg)]"
                                      f"({binder_url(m['name'])})", text)


def _point_at_repository(text: str) -> str:
    """``text`` with every GitHub or Colab link into a repository pointed at ``REPOSITORY`` and ``BRANCH``, and a
    Binder badge next to each Colab badge."""
    return _with_binder_badges(_URL.sub(lambda m: f"{m[1]}{REPOSITORY}/blob/{BRANCH}/", text))


def follow(text: str) -> str:
    """``text`` with its GitHub and Colab links pointed at ``REPOSITORY`` and every relative link to the report, the
    notebooks or the library made absolute (a notebook in Colab has nothing next to it)."""
    return _RELATIVE.sub(lambda m: f"](https://github.com/{REPOSITORY}/blob/{BRANCH}/{m[1]})", _point_at_repository(text))


def relink(root: Path, check: bool = False) -> List[str]:
    """Make every notebook of the course checkout ``root`` (markdown and set-up cells), its README, its docs/ pages and its report follow
    ``REPOSITORY``; return the files that did not (with ``check``, nothing is written)."""
    stale = []
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(str(path), 4)
        changed = False
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                new = follow(cell.source)
            elif cell.source.startswith(_SETUP_MARK):
                new = setup_cell(path.stem)
            else:
                continue
            changed, cell.source = changed or new != cell.source, new
        if changed:
            stale.append(str(path.relative_to(root)))
            if not check:
                write_notebook(nb, path)
    # The README's relative links work where it is read (GitHub, a checkout); the report's GIF links are absolute,
    # because its PDF travels alone.
    for name in ["README.md", "report/report.md"] + sorted(f"docs/{page.name}" for page in (root / "docs").glob("*.md")):
        text = (root / name).read_text(encoding="utf-8")
        new = _point_at_repository(text)
        if new != text:
            stale.append(name)
            if not check:
                atomic_write_text(root / name, new)
    return stale
