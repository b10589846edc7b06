"""One name for the repository: every notebook's badge, set-up cell and link to the report follows it, so the
notebooks work opened in Colab (absolute links) and a fork changes one line."""
from pathlib import Path

import nbformat

from ganlib.__main__ import main
from ganlib.course.links import REPOSITORY, follow, release, setup_cell

ROOT = Path(__file__).resolve().parent.parent


def test_every_notebook_and_the_readme_follow_the_repository(capsys):
    assert main(["links", "--check"]) == 0, capsys.readouterr().out


def test_the_set_up_cell_installs_this_version_with_the_notebooks_extras():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        first_code = next(c for c in nbformat.read(str(path), 4).cells if c.cell_type == "code")
        assert first_code.source == setup_cell(path.stem)
    assert f"ganlib[celeba] @ git+https://github.com/{REPOSITORY}@{release()}" in setup_cell("07_faces")
    assert f"ganlib @ git+https://github.com/{REPOSITORY}@{release()}" in setup_cell("01_vanilla_gan")


def test_links_become_absolute_and_follow_the_repository():
    text = ("[open it](../report/figures/03_dcgan.gif) and [![Open In Colab](badge.svg)]"
            "(https://colab.research.google.com/github/someone/fork/blob/dev/notebooks/03_dcgan.ipynb)")
    new = follow(text)
    assert f"(https://github.com/{REPOSITORY}/blob/main/report/figures/03_dcgan.gif)" in new
    assert f"colab.research.google.com/github/{REPOSITORY}/blob/main/notebooks/03_dcgan.ipynb" in new
    assert "../" not in new
