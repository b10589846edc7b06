"""Where the course lives on the web, named once: ``REPOSITORY``. The notebooks' Colab and Binder badges, their
set-up cells (which install this version of ganlib from there, with the extras the notebook needs) and their links
to the report and its figures all follow it, as do the nbgitpuller links a university JupyterHub opens. ``python -m ganlib links`` rewrites them to follow it, ``--check`` lists
what does not; so a fork changes one line here and runs one command.

Links are absolute, because a notebook opened in Colab has no ``../report`` next to it.

The notebooks are the teacher's versions (answers filled in, a full run's outputs). Their student versions are
published beside them, in ``notebooks/student/`` (``STUDENT_FOLDER``): what the README's badges open, so a student who
clicks one gets the exercises to write, not their answers. ``links`` writes them; ``--check`` finds them stale.
"""
from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path
from typing import TYPE_CHECKING, List
from urllib.parse import quote, urlsplit, urlunsplit

from ..files import atomic_write_text
from .versions import notebook_text, read_notebook, versions, write_notebook

if TYPE_CHECKING:
    import nbformat


REPOSITORY = "gan-course/gan-course"  # owner/name on GitHub
BRANCH = "main"  # the branch the badges open and the report links read
STUDENT_FOLDER = "student"  # notebooks/student/: the published student versions, which the README's badges open
EXTRAS = {"06_cifar10": "inception", "07_faces": "celeba,inception", "08_evaluating_gans": "inception"}  # what a notebook needs beyond ganlib itself

_URL = re.compile(r"(https://colab\.research\.google\.com/github/|https://github\.com/)[\w.-]+/[\w.-]+/blob/[\w.-]+/")
_RELATIVE = re.compile(r"\]\(\.\./((?:report|notebooks|ganlib)/[^)\s]+)\)")
_SETUP_MARK = "# Set-up."
# A Colab badge, and the Binder badge after it if there is one already (relink puts one there)
_COLAB_BADGE = re.compile(r"(\[!\[Open In Colab\]\([^)]*\)\]\(https://colab\.research\.google\.com/github/[^)]*/"
                          r"notebooks/(?P<name>(?:student/)?[\w.-]+\.ipynb)\))(?: \[!\[Launch Binder\]\([^)]*\)\]\([^)]*\))?")


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
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?labpath={quote(f'notebooks/{notebook}', safe='')}"


def hub_root(hub: str) -> str:
    """The hub's own address from any page of it a browser shows: ``https://hub.example.edu/hub/home`` and
    ``https://hub.example.edu/user/alice/lab`` both give ``https://hub.example.edu`` (a hub under a base path keeps it)."""
    parts = urlsplit(hub.strip())
    path = re.sub(r"/(hub|user)(/.*)?$", "", parts.path.rstrip("/"))
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def hub_url(hub: str, notebook: str) -> str:
    """The nbgitpuller link that makes a university JupyterHub (at ``hub``, e.g. ``https://hub.example.edu``) clone
    or update the course into each student's home and open ``notebook`` in JupyterLab. The hub needs nbgitpuller
    and the course's requirements installed (its image can be built from ``binder/`` with repo2docker)."""
    repository = quote(f"https://github.com/{REPOSITORY}", safe="")
    folder = REPOSITORY.split("/")[1]
    return (f"{hub_root(hub)}/hub/user-redirect/git-pull?repo={repository}&branch={BRANCH}"
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


def colab_url(notebook: str) -> str:
    """Colab opens ``notebook`` (a path under ``notebooks/``) straight from the repository on GitHub."""
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/notebooks/{notebook}"


STUDENT_NOTE = ("*The student version: each exercise is left for you to write, and its check tells you, as a tutor "
                "would, what is still wrong.*")


def student_notebook(path: Path) -> nbformat.NotebookNode:
    """The student version of the notebook at ``path`` as published in ``notebooks/student/``: its badges open
    itself, and its title says which version it is."""
    student = versions(path)["student"]
    title = student.cells[0] if student.cells else None
    if title is not None and title.cell_type == "markdown":
        name = path.name
        title.source = _with_binder_badges(title.source.replace(f"/notebooks/{name})",
                                                               f"/notebooks/{STUDENT_FOLDER}/{name})"))
        title.source = re.sub(r"(\[!\[Launch Binder\][^\n]*)", lambda m: f"{m[1]}\n\n{STUDENT_NOTE}", title.source, count=1)
    return student


def publish_students(root: Path, check: bool = False) -> List[str]:
    """Write the student version of every notebook of the checkout ``root`` into ``notebooks/student/`` (and
    remove those whose notebook is gone); return the files that were stale (with ``check``, nothing is written)."""
    folder = root / "notebooks" / STUDENT_FOLDER
    wanted = {}
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        wanted[folder / path.name] = notebook_text(student_notebook(path))
    stale = [path for path, text in wanted.items()
             if not path.is_file() or path.read_text(encoding="utf-8", errors="replace") != text]
    # the versions of course notebooks that are gone: named as course notebooks are (a teacher's own files stay)
    orphans = sorted(set(folder.glob("[0-9][0-9]_*.ipynb")) - set(wanted)) if folder.is_dir() else []
    if not check:
        for path in stale:
            atomic_write_text(path, wanted[path])
        for path in orphans:
            path.unlink()
    return [str(path.relative_to(root)) for path in stale] + \
        [f"{path.relative_to(root)} ({'to remove' if check else 'removed'}: its notebook is gone)" for path in orphans]


def relink(root: Path, check: bool = False) -> List[str]:
    """Make every notebook of the course checkout ``root`` (markdown and set-up cells), its README, its docs/ pages and
    its report follow ``REPOSITORY``, and publish the notebooks' student versions (``publish_students``); return the
    files that did not follow or were stale (with ``check``, nothing is written)."""
    stale = []
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = read_notebook(path)
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
    return stale + publish_students(root, check)
