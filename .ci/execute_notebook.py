"""Run a notebook for real, top to bottom, and save it with its outputs, minus execution noise.

    python .ci/execute_notebook.py notebooks/01_vanilla_gan.ipynb
    python .ci/execute_notebook.py --clean-only notebooks/01_vanilla_gan.ipynb   (strip only)

This is how the committed outputs are made (never in smoke mode). It strips execution counts,
widget state and widget outputs (the progress bar), and keeps text and images.
"""
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET = "application/vnd.jupyter.widget-view+json"


def clean(nb):
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        # A progress-bar widget has no picture without its live state: the text after it says how it ended.
        cell.outputs = [o for o in cell.get("outputs", []) if WIDGET not in o.get("data", {})]
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = None
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
