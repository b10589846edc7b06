"""One name for the repository: every notebook's badge, set-up cell and link to the report follows it, so the
notebooks work opened in Colab (absolute links) and a fork changes one line."""
from pathlib import Path

import nbformat

from ganlib.__main__ import main
from ganlib.course.links import REPOSITORY, STUDENT_NOTE, binder_url, colab_url, follow, hub_url, release, setup_cell

ROOT = Path(__file__).resolve().parent.parent


def test_every_notebook_and_the_readme_follow_the_repository(capsys):
    assert main(["links", "--check"]) == 0, capsys.readouterr().out


def test_the_set_up_cell_installs_this_version_with_the_notebooks_extras():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        first_code = next(c for c in nbformat.read(str(path), 4).cells if c.cell_type == "code")
        assert first_code.source == setup_cell(path.stem)
    # 07 measures its faces with the Inception FID on Colab: it needs pytorch-fid as well as CelebA's downloader
    assert f"ganlib[celeba,inception] @ git+https://github.com/{REPOSITORY}@{release()}" in setup_cell("07_faces")
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
    assert printed[0].endswith("notebooks%2Fstudent%2F00_gan_you_can_watch.ipynb")  # what a student should open
    assert main(["links", "--hub", "hub.example.edu"]) == 2
    assert "not a web address" in capsys.readouterr().err


def test_the_badges_open_the_published_student_versions():
    """A student who clicks a badge gets the exercises to write, not their answers: the README's badges open
    notebooks/student/, which holds every notebook's student version (links --check above finds one stale)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    teachers = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in (ROOT / "notebooks" / "student").glob("*.ipynb")) == [p.name for p in teachers]
    for path in teachers:
        student = nbformat.read(str(ROOT / "notebooks" / "student" / path.name), 4)
        for badge in (colab_url(f"student/{path.name}"), binder_url(f"student/{path.name}")):
            assert f"({badge})" in readme and f"({badge})" in student.cells[0].source, badge
        assert f"({colab_url(path.name)})" not in readme  # no badge opens the answers
        assert STUDENT_NOTE in student.cells[0].source
        assert not any(cell.get("outputs") for cell in student.cells)
        assert not any("BEGIN SOLUTION" in cell.source or "Model answer" in cell.source for cell in student.cells)


def test_a_changed_notebook_makes_its_student_version_stale(tmp_path):
    from ganlib.course.links import publish_students
    (tmp_path / "notebooks").mkdir()
    source = ROOT / "notebooks" / "00_gan_you_can_watch.ipynb"
    (tmp_path / "notebooks" / source.name).write_bytes(source.read_bytes())
    assert publish_students(tmp_path) == [f"notebooks/student/{source.name}"]
    assert publish_students(tmp_path, check=True) == []
    nb = nbformat.read(str(tmp_path / "notebooks" / source.name), 4)
    nb.cells[3].source += "\n\nA new sentence."
    nbformat.write(nb, str(tmp_path / "notebooks" / source.name))
    (tmp_path / "notebooks" / "student" / "99_gone.ipynb").write_text("{}")
    (tmp_path / "notebooks" / "student" / "my own worksheet.ipynb").write_text("{}")  # a teacher's file: kept
    assert publish_students(tmp_path, check=True) == [f"notebooks/student/{source.name}",
                                                      "notebooks/student/99_gone.ipynb (to remove: its notebook is gone)"]
    assert publish_students(tmp_path)[-1] == "notebooks/student/99_gone.ipynb (removed: its notebook is gone)"
    assert publish_students(tmp_path, check=True) == []
    assert (tmp_path / "notebooks" / "student" / "my own worksheet.ipynb").read_text() == "{}"
    assert "A new sentence." in (tmp_path / "notebooks" / "student" / source.name).read_text()
