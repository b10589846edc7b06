"""Every notebook renders as slides (``jupyter nbconvert --to slides``): its title and each numbered section open one."""
from pathlib import Path

import nbformat
import pytest
from nbconvert import SlidesExporter

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_section_is_a_slide(notebook):
    nb = nbformat.read(str(notebook), 4)
    starts = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "slide"]
    sections = [c for c in nb.cells if c.cell_type == "markdown" and c.source.lstrip().startswith(("# ", "## "))]
    assert starts and all(c in starts for c in sections), "tag every title and '## ' section as a slide"
    html, _ = SlidesExporter().from_notebook_node(nb)
    assert html.count("<section") >= len(starts)
