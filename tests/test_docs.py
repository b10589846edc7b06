"""The README is a front door (short, the set-up commands, links that resolve); the pages behind it say what the
code measures: the course map's reading minutes are computed from the notebooks; the published faces notebook
shows no CelebA photo."""
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

from ganlib.course.pacing import reading_minutes

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))


def test_the_readme_fits_on_a_screen_or_two():
    assert len((ROOT / "README.md").read_bytes()) < 15_000


def test_the_readme_has_one_install_and_one_test_command():
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert commands.count("pip install -r requirements.txt") == 1 and commands.count("pytest") == 1
    assert sum(c.startswith("pip ") for c in commands) == 1  # the one install command
    for job in ("jupyter lab notebooks/", "python -m ganlib train", "python -m ganlib sample"):
        assert sum(c.startswith(job) for c in commands) == 1, job  # open the course, train, sample: one each


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_relative_link_leads_somewhere(page):
    text = page.read_text()
    for target in re.findall(r"\]\((?!https?:|mailto:)([^)#\s]+)(?:#([^)]+))?\)", text):
        path, anchor = target
        assert (page.parent / path).exists(), f"{page.name}: {path} does not exist"
    for path, anchor in re.findall(r"\]\(((?:[\w./-]+)?\.md)#([^)]+)\)", text):
        linked = (page.parent / path).read_text()
        headings = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
                    for h in re.findall(r"^#+ (.*)$", linked, flags=re.M)}
        assert anchor in headings, f"{page.name}: no heading #{anchor} in {path}"


def test_the_course_map_reads_the_notebooks_reading_time():
    text = (ROOT / "docs" / "teaching.md").read_text()
    rows = re.findall(r"^\| (\d\d) \|.*\| (\d+) \| [\d.]+ \|$", text, flags=re.M)
    assert len(rows) == 11
    for number, minutes in rows:
        notebook = next((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
        assert int(minutes) == reading_minutes(notebook), f"notebook {number}: the map says {minutes} minutes"


def test_the_readme_counts_the_student_answers_the_tests_put_to_the_checks():
    import sys
    sys.path.insert(0, str(ROOT / "tests"))
    from test_tutor_battery import ANSWERS
    said = re.search(r"the unit tests, ([\d,]+) student answers", (ROOT / "README.md").read_text())
    assert said and int(said[1].replace(",", "")) == len(ANSWERS), f"the README says {said and said[1]}"


def _execute_notebook_script():
    spec = importlib.util.spec_from_file_location("execute_notebook", ROOT / ".ci" / "execute_notebook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_published_faces_notebook_shows_no_celeba_photo():
    """CelebA's agreement forbids publishing any part of it: the cells that show real faces are tagged, and the
    committed copy keeps their text but not their pictures."""
    script = _execute_notebook_script()
    nb = nbformat.read(ROOT / "notebooks" / "07_faces.ipynb", as_version=4)
    real = [cell for cell in nb.cells if cell.cell_type == "code"
            and re.search(r"show_images\((faces|unseen|photos|to_model_input)", cell.source)]
    assert len(real) >= 2
    for cell in real:
        assert script.UNPUBLISHED in cell.metadata.get("tags", []), cell.source
    for cell in nb.cells:
        if script.UNPUBLISHED in cell.metadata.get("tags", []):
            assert not any("image/png" in output.get("data", {}) for output in cell.outputs), cell.source
            assert [o.text for o in cell.outputs].count(script.NOT_PUBLISHED_NOTE) == 1


def test_cleaning_a_notebook_twice_leaves_out_the_photos_and_says_so_once():
    script = _execute_notebook_script()
    cell = nbformat.v4.new_code_cell("show_images(faces)", metadata={"tags": [script.UNPUBLISHED]})
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="8 faces\n"),
                    nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})]
    nb = nbformat.v4.new_notebook(cells=[cell])
    once = script.clean(nb)
    twice = script.clean(once)
    assert [o.get("text") for o in twice.cells[0].outputs] == ["8 faces\n", script.NOT_PUBLISHED_NOTE]
