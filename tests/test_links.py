"""One name for the repository: every notebook's badge, set-up cell and link to the report follows it, so the
notebooks work opened in Colab (absolute links) and a fork changes one line."""
from pathlib import Path

import nbformat

from ganlib.__main__ import main
from ganlib.course.links import REPOSITORY, binder_url, follow, hub_url, release, setup_cell

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


def test_a_binder_badge_stands_next_to_each_colab_badge_and_follows_the_repository():
    colab = ("[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
             "(https://colab.research.google.com/github/someone/fork/blob/dev/notebooks/03_dcgan.ipynb)")
    once = follow(colab)
    assert once.endswith(f" [![Launch Binder](https://mybinder.org/badge_logo.svg)]({binder_url('03_dcgan.ipynb')})")
    assert binder_url("03_dcgan.ipynb") == (f"https://mybinder.org/v2/gh/{REPOSITORY}/main"
                                            "?labpath=notebooks%2F03_dcgan.ipynb")
    assert follow(once) == once  # one Binder badge, however often relinked
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        title = nbformat.read(str(path), 4).cells[0].source
        assert binder_url(path.name) in title and "colab.research.google.com" in title, path.name


def test_binder_builds_from_the_courses_own_requirements_with_the_cpu_build_of_pytorch():
    lines = [line.strip() for line in (ROOT / ".binder" / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines == ["--extra-index-url https://download.pytorch.org/whl/cpu", "-r ../requirements.txt"]
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()  # ganlib itself comes with them


def test_the_hub_link_clones_the_course_with_nbgitpuller_and_opens_the_notebook(capsys):
    from urllib.parse import parse_qs, urlsplit
    url = urlsplit(hub_url("https://hub.example.edu/", "01_vanilla_gan.ipynb"))
    assert (url.scheme, url.netloc, url.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    query = parse_qs(url.query)
    assert query == {"repo": [f"https://github.com/{REPOSITORY}"], "branch": ["main"],
                     "urlpath": [f"lab/tree/{REPOSITORY.split('/')[1]}/notebooks/01_vanilla_gan.ipynb"]}
    assert main(["links", "--hub", "https://hub.example.edu"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    assert printed[0].startswith("00_gan_you_can_watch: https://hub.example.edu/hub/user-redirect/git-pull?repo=")
    assert main(["links", "--hub", "hub.example.edu"]) == 2
    assert "not a web address" in capsys.readouterr().err
