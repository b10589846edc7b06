"""The course on a GPU, checked in one command: the test suite with CUDA visible, then every notebook top to
bottom in full mode (as a Colab student runs it), each in a fresh kernel; prints one table.

    python .ci/gpu_check.py                      on a machine with a CUDA GPU (about 8 minutes is the aim)
    python .ci/gpu_check.py --only 01 05         some notebooks only
    python .ci/gpu_check.py --smoke --allow-cpu  a dry run of the check itself on a CPU (smoke-mode notebooks)

Offline: nothing is downloaded when MNIST, CIFAR-10 and the faces sit in data/ (as .ci/run links them).
Executed notebooks are written to a temporary folder: the committed ones are never touched.
Exit code 0 when the tests and every notebook ran without an error.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the notebooks print: "finished 30 epochs: 1.9 minutes on cuda, 16,489 images/s" and format_report's rows.
SPEED = re.compile(r"([\d,]+) images/s")
REFEREE = {"Frechet": re.compile(r"^Frechet distance[^\n]*?\s+([\d.]+)\s", re.M),
           "accuracy": re.compile(r"^conditional accuracy[^\n]*?\s+([\d.]+|-)\s", re.M),
           "confidence": re.compile(r"^mean referee confidence\s+([\d.]+)\s", re.M)}


def machine() -> str:
    import torch

    if torch.cuda.is_available():
        return f"{torch.cuda.get_device_name(0)}, PyTorch {torch.__version__}, CUDA {torch.version.cuda}"
    return f"no CUDA GPU ({os.cpu_count()} CPU cores), PyTorch {torch.__version__}"


def run_tests(env: dict) -> dict:
    """The whole unit-test suite (notebooks excluded: they run below, in full mode) with the GPU visible."""
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
    return {"name": "pytest tests", "seconds": time.monotonic() - start, "errors": len(failed),
            "detail": (lines[-1] if lines else done.stderr.strip()[-200:]), "failures": failed}


def run_notebook(path: Path, out: Path, smoke: bool, timeout: int) -> dict:
    """Execute one notebook in a fresh kernel (cwd notebooks/, as nbval and Jupyter do) and read its outputs."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nbformat.read(path, as_version=4)
    start, error = time.monotonic(), ""
    if smoke:  # the kernel inherits this process's environment
        os.environ["GANLIB_SMOKE"] = "1"
    else:
        os.environ.pop("GANLIB_SMOKE", None)
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    except (CellExecutionError, CellTimeoutError) as failure:
        lines = [line for line in str(failure).strip().splitlines() if line.strip()]
        error = lines[-1][:160] if lines else type(failure).__name__
    seconds = time.monotonic() - start
    nbformat.write(nb, out / path.name)
    text = "\n".join("".join(o.get("text", "")) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    speeds = [int(s.replace(",", "")) for s in SPEED.findall(text)]
    numbers = {k: pattern.findall(text) for k, pattern in REFEREE.items()}
    return {"name": path.stem, "seconds": seconds, "errors": int(bool(error)), "detail": error,
            "images_per_second": max(speeds) if speeds else None,
            **{k: (v[0] if v else "") for k, v in numbers.items()}}


def table(rows: list) -> str:
    lines = ["| notebook or suite | seconds | errors | images/s (fastest run) | Frechet | cond. accuracy | confidence |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        speed = f"{r['images_per_second']:,}" if r.get("images_per_second") else ""
        lines.append(f"| {r['name']} | {r['seconds']:.0f} | {r['errors']} | {speed} | {r.get('Frechet', '')} | "
                     f"{r.get('accuracy', '')} | {r.get('confidence', '')} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", metavar="NN", help="notebook numbers to run (default: all)")
    parser.add_argument("--no-tests", action="store_true", help="skip the test suite")
    parser.add_argument("--smoke", action="store_true", help="run the notebooks in smoke mode (a dry run of the check)")
    parser.add_argument("--allow-cpu", action="store_true", help="run even without a CUDA GPU")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per notebook cell (default 600)")
    args = parser.parse_args(argv)

    import torch

    print(f"GPU check on {machine()}", flush=True)
    if not torch.cuda.is_available() and not args.allow_cpu:
        print("gpu_check: no CUDA GPU here, so nothing to check (add --allow-cpu for a dry run)", file=sys.stderr)
        return 2
    rows, start = [], time.monotonic()
    if not args.no_tests:
        rows.append(run_tests(dict(os.environ)))  # pytest-env switches smoke mode on for the suite
        print(f"tests: {rows[-1]['detail']}", flush=True)
        for line in rows[-1]["failures"]:
            print(f"  {line}")
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.only:
        notebooks = [p for p in notebooks if p.name[:2] in args.only]
    with tempfile.TemporaryDirectory(prefix="ganlib-gpu-check-") as folder:
        for path in notebooks:
            rows.append(run_notebook(path, Path(folder), args.smoke, args.timeout))
            r = rows[-1]
            print(f"{r['name']}: {r['seconds']:.0f} s, {'error: ' + r['detail'] if r['errors'] else 'no errors'}",
                  flush=True)
    print(f"\n{machine()}, {'smoke' if args.smoke else 'full'} mode, {(time.monotonic() - start) / 60:.1f} minutes in all\n")
    print(table(rows))
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
