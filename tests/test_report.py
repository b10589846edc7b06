"""The report: its tables come from results.json by command, its figures exist, and the command runs."""
import json
import re
import shutil
from pathlib import Path

import pytest

from ganlib.__main__ import main
from ganlib.course.report import RESULTS_FILE, build_pdf, fill_blocks, tables

REPORT = Path(__file__).resolve().parent.parent / "report"


def test_fill_blocks_replaces_only_what_sits_between_the_markers():
    text = "# Title\nprose 1\n<!-- ganlib:a -->\nold\n<!-- /ganlib:a -->\nprose 2\n<!-- ganlib:b -->\n<!-- /ganlib:b -->\n"
    filled = fill_blocks(text, {"a": "| new |", "b": "B"})
    assert filled == "# Title\nprose 1\n<!-- ganlib:a -->\n| new |\n<!-- /ganlib:a -->\nprose 2\n<!-- ganlib:b -->\nB\n<!-- /ganlib:b -->\n"
    assert fill_blocks(filled, {"a": "| new |", "b": "B"}) == filled  # filling twice changes nothing
    with pytest.raises(ValueError, match="table 'c' that ganlib.course.report does not make"):
        fill_blocks("<!-- ganlib:c -->\n<!-- /ganlib:c -->", {"a": ""})


def test_committed_report_tables_are_the_output_of_the_command():
    """report.md's tables are exactly what `python -m ganlib report --tables-only` makes of results.json."""
    text = (REPORT / "report.md").read_text()
    results = json.loads((REPORT / RESULTS_FILE).read_text())
    assert fill_blocks(text, tables(results, REPORT)) == text
    assert set(re.findall(r"<!-- ganlib:([\w-]+) -->", text)) == set(tables(results, REPORT))


def test_every_figure_the_report_shows_or_links_exists():
    text = (REPORT / "report.md").read_text()
    targets = re.findall(r"\]\(((?:figures|\.\./)[^)#\s]+)\)", text)
    assert any(t.endswith(".png") for t in targets) and any(t.endswith(".gif") for t in targets)
    missing = [t for t in targets if not (REPORT / t).exists()]
    assert not missing, f"report.md points at files that are not there: {missing}"


def test_report_command_in_smoke_mode_writes_results_figures_and_tables(monkeypatch, capsys):
    monkeypatch.setenv("GANLIB_SMOKE", "1")  # three steps per run, into a temporary folder
    from ganlib.course.report import report_dir

    assert main(["report", "--minutes", "0.3", "--samples", "200"]) == 0
    folder = report_dir()
    results = json.loads((folder / RESULTS_FILE).read_text())
    assert list(results["curves"]) == ["gan", "cgan", "dcgan", "cdcgan"]
    assert len(results["ablation"]) == 5 and len(results["failures"]) == 3
    assert results["ablation"][0] == {"name": results["ablation"][0]["name"], **results["curves"]["cdcgan"][-1]}
    for name in ("report_quality.png", "report_training.png", "report_failures.png", "report_samples_cdcgan.png"):
        assert (folder / "figures" / name).stat().st_size > 1000
    filled = (folder / "report.md").read_text()
    assert "| cdcgan |" in filled and "the generator ignores its label" in filled
    assert not (REPORT / "figures" / "report_quality.png").samefile(folder / "figures" / "report_quality.png")
    (folder / "report.md").write_text(filled.replace("| cdcgan |", "| edited by hand |"))
    assert main(["report", "--tables-only"]) == 0  # the numbers come back from results.json
    assert (folder / "report.md").read_text() == filled


def test_building_the_pdf_without_pandoc_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    (tmp_path / "report.md").write_text("# r\n")
    with pytest.raises(FileNotFoundError, match="apt-get install pandoc"):
        build_pdf(tmp_path / "report.md")


def test_committed_pdf_was_built_from_the_committed_report_md():
    """build_pdf writes the start of report.md's SHA-256 into the PDF's subject (UTF-16 hex, in a compressed stream)."""
    import zlib

    from ganlib.course.report import source_fingerprint

    pdf = (REPORT / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    subject = f"built from report.md {source_fingerprint(REPORT / 'report.md')}"
    forms = (subject.encode(), "".join(f"{b:02x}" for b in subject.encode("utf-16-be")).encode())
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            pass
    assert any(form in part.lower() for part in parts for form in forms), \
        "report.pdf was not built from this report.md: run python -m ganlib report --tables-only --pdf"


def test_report_with_seeds_and_a_budget_in_steps_gives_each_number_its_range(monkeypatch):
    """``--seeds 2 --steps 2``: every study twice, the same work on any machine; the tables show mean and range."""
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    from ganlib.course.report import report_dir

    assert main(["report", "--seeds", "2", "--steps", "2", "--samples", "200"]) == 0
    results = json.loads((report_dir() / RESULTS_FILE).read_text())
    assert results["seeds"] == [0, 1] and len(results["repeats"]) == 2 and results["steps_per_run"] == 2
    assert all(row["steps"] == 2 for r in results["repeats"] for row in r["ablation"])
    assert results["curves"] == results["repeats"][0]["curves"]  # the figures show the first seed
    filled = (report_dir() / "report.md").read_text()
    assert "seeds 0, 1 (each table cell: the mean, and the range over the seeds)" in filled
    assert "--steps 2 --seeds 2" in filled
    assert re.search(r"\| cdcgan \| [\d,]+ \(", filled)  # a number followed by its range


def test_spread_takes_the_mean_and_the_range_of_each_number():
    from ganlib.course.report import spread
    rows = spread([[{"name": "a", "frechet_distance": 10.0, "confidence": 0.9, "warnings": ["x: 1"]}],
                   [{"name": "a", "frechet_distance": 14.0, "confidence": 0.8, "warnings": ["y: 2"]}]])
    assert rows == [{"name": "a", "frechet_distance": 12.0, "frechet_distance_range": (10.0, 14.0),
                     "confidence": pytest.approx(0.85), "confidence_range": (0.8, 0.9), "warnings": ["x: 1", "y: 2"]}]
    with pytest.raises(ValueError, match="rows differ"):
        spread([[{"name": "a"}], [{"name": "b"}]])
