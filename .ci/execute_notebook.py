"""Run a notebook for real, top to bottom, and save it with its outputs, minus execution noise.

    python .ci/execute_notebook.py notebooks/01_vanilla_gan.ipynb
    python .ci/execute_notebook.py --clean-only notebooks/01_vanilla_gan.ipynb   (strip only)

This is how the committed outputs are made (never in smoke mode). It strips widget state and widget
outputs (the progress bar), keeps text and images (except those of cells tagged ``photos-not-published``), and
numbers the cells 1..N as the fresh kernel did.
"""
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET = "application/vnd.jupyter.widget-view+json"
# A cell tagged so shows photos whose licence forbids publishing them (CelebA's): its pictures are left out of the
# saved copy, and one line says so. Whoever runs the notebook sees them.
UNPUBLISHED = "photos-not-published"
NOT_PUBLISHED_NOTE = ("[The photos this cell shows are left out of the published notebook: their licence forbids "
                      "publishing them. Run the cell to see them.]\n")


def clean(nb):
    """Drop widget state and widget outputs; number the code cells 1..N in order.

    A top-to-bottom run in a fresh kernel numbers its cells 1..N, so these counts carry no noise, and
    nbval needs them: it refuses a cell that has outputs but no execution count.
    """
    nb.metadata.pop("widgets", None)
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        # A progress-bar widget has no picture without its live state: the text after it says how it ended.
        cell.outputs = [o for o in cell.get("outputs", []) if WIDGET not in o.get("data", {})]
        if UNPUBLISHED in cell.metadata.get("tags", []):
            cell.outputs = [o for o in cell.outputs
                            if o.get("output_type") == "stream" and o.get("text") != NOT_PUBLISHED_NOTE]
            cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=NOT_PUBLISHED_NOTE))
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = count
    return nb


def main(path, execute=True):
    os.environ.pop("GANLIB_SMOKE", None)
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    start = time.time()
    if execute:
        client = NotebookClient(nb, timeout=3600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
        print(f"executed {path} in {(time.time() - start) / 60:.1f} minutes")
    nbformat.write(clean(nb), path)


if __name__ == "__main__":
    names = [a for a in sys.argv[1:] if a != "--clean-only"]
    for name in names:
        main(name, execute="--clean-only" not in sys.argv)
