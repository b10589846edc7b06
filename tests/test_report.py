"""The report: its tables come from results.json by command, its figures exist, and the command runs."""
import json
import re
import shutil
from pathlib import Path

import pytest

from ganlib.__main__ import main
from ganlib.course.experiments import LOSS_RECIPES
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
    assert fill_blocks(text, tables(results)) == text
    assert set(re.findall(r"<!-- ganlib:([\w-]+) -->", text)) == set(tables(results))


def test_every_figure_the_report_shows_or_links_exists():
    """Figures are relative (they travel with report.md); GIF links are absolute (the PDF travels alone) and point at
    files of this repository."""
    from ganlib.course.links import BRANCH, REPOSITORY

    text = (REPORT / "report.md").read_text()
    shown = re.findall(r"\]\(((?:figures|\.\./)[^)#\s]+)\)", text)
    linked = re.findall(rf"\]\(https://github\.com/{REPOSITORY}/blob/{BRANCH}/report/([^)#\s]+)\)", text)
    assert shown and all(t.endswith(".png") for t in shown)
    assert len([t for t in linked if t.endswith(".gif")]) == 6
    missing = [t for t in shown + linked if not (REPORT / t).exists()]
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
    for name in ("report_quality.png", "report_training.png", "report_failures.png", "report_samples.png",
                 "report_failure_samples.png"):
        assert (folder / "figures" / name).stat().st_size > 1000
    at_minutes = results["equal_minutes"]
    assert at_minutes["ablation"][0][0] == results["ablation"][0]
    # Which rows are retrained at equal minutes depends on the minutes each took, measured on a shared machine here.
    assert {r["name"] for r in at_minutes["ablation"][0][1:]} <= {r["name"] for r in results["ablation"][1:]}
    assert [r["name"] for r in at_minutes["variants"][0]] == ["gan", "dcgan", "cgan", "cdcgan"]
    assert at_minutes["variants"][0][1] == {**results["curves"]["dcgan"][-1], "name": "dcgan"}
    colour = results["colour"]["repeats"][0]
    assert [r["name"] for r in colour["cifar10_recipes"]] == [
        "cifar10 width 32, no class loss", "cifar10 width 32, class loss 1 (default)", "cifar10 width 32, class loss 3"]
    assert [r["name"] for r in colour["faces"]] == [f"width {w}" for w in (16, 32, 64) for _ in range(2)]
    filled = (folder / "report.md").read_text()
    assert "| cdcgan |" in filled and "*label ignored*: a conditional G with an unconditional D" in filled
    assert "| class loss 3 |" in filled and "| width 64 |" in filled and "--study colour` took" in filled
    losses = results["losses"]
    assert [r["name"] for r in losses["at_minutes"]] == [r["name"] for r in losses["at_steps"]] == list(LOSS_RECIPES)
    blocks = tables(results)
    assert "| WGAN-GP |" in blocks["losses_minutes"] and "--study losses` took" in blocks["losses_steps"]
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
    """``--seeds 2 --steps 2``: every study twice, the same work on any machine; the tables show mean and range (the
    optional losses study is left out here: the smoke-mode test above runs it)."""
    monkeypatch.setenv("GANLIB_SMOKE", "1")
    from ganlib.course import report
    from ganlib.course.report import report_dir
    # two ablations and one failure mode stand for all (the smoke-mode test above runs every one): seeds are the point
    monkeypatch.setattr(report, "ABLATIONS", dict(list(report.ABLATIONS.items())[:2]))
    monkeypatch.setattr(report, "FAILURES", dict(list(report.FAILURES.items())[:1]))

    assert main(["report", "--seeds", "2", "--steps", "2", "--samples", "200", "--study", "mnist"]) == 0
    results = json.loads((report_dir() / RESULTS_FILE).read_text())
    assert results["seeds"] == [0, 1] and len(results["repeats"]) == 2 and results["steps_per_run"] == 2
    assert all(row["steps"] == 2 for r in results["repeats"] for row in r["ablation"])
    assert results["curves"] == results["repeats"][0]["curves"]  # the figures show the first seed
    filled = (report_dir() / "report.md").read_text()
    assert "seeds 0, 1 (each table cell: the mean, and in brackets the lowest and highest of the 2 runs)" in filled
    assert "--steps 2 --seeds 2" in filled
    # steps alike (no range); the Frechet distance with its range
    assert re.search(r"\| cdcgan \| [\d,]+ \| [\d.]+(?: \([^)]*\))? \| [\d.]+ \([\d.]+-[\d.]+\)", filled)
    assert "2 training steps of 128 images per run (6 for the failure modes)" in filled  # MLPs: 3 times the steps

    # the colour studies alone, with their own seeds and steps: the MNIST studies' results stay as they were (the
    # colour runs themselves stand in here by their first run's rows: the smoke-mode test above trains them)
    first = results["colour"]["repeats"][0] if "colour" in results else None
    monkeypatch.setattr(report, "load_the_data_first", lambda studies: None)
    monkeypatch.setattr(report, "_colour_seed", lambda budget, samples, seed: {
        **(first or {"cifar10_recipes": [], "faces": []}), "seed": seed,
        "cifar10_recipes": [{**row, "steps": budget["steps"]} for row in (first or {}).get("cifar10_recipes", [])]})
    assert main(["report", "--study", "colour", "--seeds", "1", "--steps", "3", "--samples", "200"]) == 0
    again = json.loads((report_dir() / RESULTS_FILE).read_text())
    assert {k: v for k, v in again.items() if k != "colour"} == {k: v for k, v in results.items() if k != "colour"}
    assert again["colour"]["seeds"] == [0] and again["colour"]["steps_per_run"] == 3
    assert all(row["steps"] == 3 for r in again["colour"]["repeats"] for row in r["cifar10_recipes"])
    assert re.search(r"--steps 3 (--seeds 1 )?--study colour` took", (report_dir() / "report.md").read_text())


def test_spread_takes_the_mean_and_the_range_of_each_number():
    from ganlib.course.report import spread
    rows = spread([[{"name": "a", "frechet_distance": 10.0, "confidence": 0.9, "warnings": ["x: 1"]}],
                   [{"name": "a", "frechet_distance": 14.0, "confidence": 0.8, "warnings": ["y: 2"]}]])
    assert rows == [{"name": "a", "frechet_distance": 12.0, "frechet_distance_range": (10.0, 14.0),
                     "confidence": pytest.approx(0.85), "confidence_range": (0.8, 0.9), "warnings": ["x: 1", "y: 2"]}]
    with pytest.raises(ValueError, match="rows differ"):
        spread([[{"name": "a"}], [{"name": "b"}]])


def test_equal_minutes_picks_each_variants_evaluation_nearest_the_fastest_runs_end():
    from ganlib.course.report import at_equal
    curves = {"gan": [{"minutes": 0.5, "frechet_distance": 9.0}, {"minutes": 1.0, "frechet_distance": 5.0}],
              "dcgan": [{"minutes": 0.9, "frechet_distance": 7.0}, {"minutes": 1.8, "frechet_distance": 3.0}]}
    assert at_equal(curves) == [{"minutes": 1.0, "frechet_distance": 5.0, "name": "gan"},
                                {"minutes": 0.9, "frechet_distance": 7.0, "name": "dcgan"}]


def test_equal_steps_picks_each_widths_evaluation_nearest_the_slowest_runs_last_step():
    """Runs budgeted in minutes (the faces widths) meet at about equal steps where the slowest run ended."""
    from ganlib.course.report import at_equal
    curves = {"width 16": [{"steps": 160}, {"steps": 330}, {"steps": 500}],
              "width 64": [{"steps": 40}, {"steps": 80}, {"steps": 145}]}
    assert at_equal(curves, "steps") == [{"steps": 160, "name": "width 16"}, {"steps": 145, "name": "width 64"}]


def test_a_study_alone_keeps_the_others_results_and_needs_them():
    from ganlib.course.report import check_studies
    with pytest.raises(ValueError, match="run the whole report"):
        check_studies(["colour"], None)
    with pytest.raises(ValueError, match="run the whole report"):
        check_studies(["mnist"], {"curves": {}})  # no colour results to keep
    with pytest.raises(ValueError, match="unknown studies"):
        check_studies(["cifar"], None)
    assert check_studies(["mnist", "equal-minutes", "colour", "losses"], None) == {}
    kept = {"curves": {}, "equal_minutes": {}}  # the losses study's results are optional
    assert check_studies(["colour"], kept) == kept


def test_equal_minutes_retrains_the_mlps_and_the_slower_ablation_rows_for_the_other_runs_minutes(monkeypatch):
    """Each MLP variant for its conv counterpart's minutes, each ablation row slower than the default for the
    default's minutes, seed by seed; the rows they are compared with are the MNIST study's own."""
    from ganlib.course import experiments, report

    trained = []

    def fake_quality(G, D, images, labels, minutes, points, seed, judge, steps=None):
        trained.append((G, minutes, seed))
        return [{"minutes": minutes, "frechet_distance": 30.0}], None

    def fake_run(recipe, images, labels, budget, samples, seed):
        trained.append((recipe[1].get("width"), budget["minutes"], seed))
        return {"minutes": budget["minutes"], "frechet_distance": 20.0}, None

    monkeypatch.setattr(experiments, "quality_over_time", fake_quality)
    monkeypatch.setattr(report, "_recipe_run", fake_run)
    monkeypatch.setattr(experiments, "nets_for_data", lambda variant, images, labels: (variant, None))
    monkeypatch.setattr(report, "load_mnist", lambda: (None, None))
    repeats = [{"curves": {v: [{"minutes": m * speed}] for v, speed in (("gan", 0.5), ("cgan", 0.5), ("dcgan", 1.2),
                                                                          ("cdcgan", 1.0))},
                "ablation": [{"name": "default", "minutes": m}, {"name": "lr 2e-4", "minutes": m * 1.05},
                             {"name": "width 64", "minutes": m * 2.3}]} for m in (1.0, 2.0)]
    found = report._at_equal_minutes({"seeds": [0, 1], "repeats": repeats}, samples=100)
    assert trained == [("gan", 1.2, 0), ("cgan", 1.0, 0), (64, 1.0, 0), ("gan", 2.4, 1), ("cgan", 2.0, 1), (64, 2.0, 1)]
    assert found["variants"][1] == [{"minutes": 2.4, "frechet_distance": 30.0, "name": "gan"},
                                    {"minutes": 2.4, "name": "dcgan"},
                                    {"minutes": 2.0, "frechet_distance": 30.0, "name": "cgan"},
                                    {"minutes": 2.0, "name": "cdcgan"}]
    assert found["ablation"][1] == [{"name": "default", "minutes": 2.0},
                                    {"name": "width 64", "minutes": 2.0, "frechet_distance": 20.0}]


def test_a_range_is_shown_only_where_the_runs_differ():
    from ganlib.evaluation.tables import number_with_range
    assert number_with_range({"s": 5000, "s_range": (5000, 5000)}, "s", "{:,.0f}") == "5,000"
    assert number_with_range({"f": 9.94, "f_range": (9.1, 10.6)}, "f", "{:.1f}") == "9.9 (9.1-10.6)"


def test_every_citation_has_its_reference_and_every_reference_is_cited():
    from ganlib.course.report import citation_problems
    text = ("As in (Goodfellow et al., 2014) and Miyato and Koyama (2018); Mescheder et\nal., 2018 too.\n"
            "## 6. References\n- Goodfellow, I. et al. (2014). *GANs.*\n- Miyato, T. and Koyama, M. (2018). *P.*\n"
            "- Miyato, T. et al. (2018). *SN.*\n")
    assert citation_problems(text) == ["cited but not in the references: Mescheder et al., 2018",
                                       "in the references but never cited: Miyato, T. et al. (2018)"]
    assert citation_problems((REPORT / "report.md").read_text()) == []


def test_every_figure_is_numbered_captioned_and_referred_to():
    from ganlib.course.report import figure_problems
    assert figure_problems("Figure 1 shows it.\n\n![Figure 1. A curve.](a.png)\n\n![A grid.](b.png)\n") == [
        "figure 2 needs a caption starting 'Figure 2.', has 'A grid.'"]
    assert figure_problems("![Figure 1. A curve.](a.png)\n") == ["the text never refers to Figure 1"]
    assert figure_problems((REPORT / "report.md").read_text()) == []


needs_latex = pytest.mark.skipif(shutil.which("pandoc") is None or shutil.which("xelatex") is None,
                                 reason="pandoc and XeLaTeX are not installed (.ci/run installs them)")


@needs_latex
def test_the_report_builds_into_a_pdf_with_nothing_past_the_page_edge(tmp_path):
    """The committed report.md typesets cleanly: no overfull table or line, no missing glyph or reference."""
    pdf = build_pdf(REPORT / "report.md", tmp_path / "report.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


@needs_latex
def test_building_the_pdf_refuses_a_table_past_the_page_edge(tmp_path):
    wide = "x" * 300
    (tmp_path / "report.md").write_text(f"# r\n\n| a | b |\n|---|---|\n| {wide} | 1 |\n")
    with pytest.raises(ValueError, match="past the edge of the text"):
        build_pdf(tmp_path / "report.md", tmp_path / "report.pdf")
    assert not (tmp_path / "report.pdf").exists()


def test_a_stop_request_during_a_study_stops_the_study_not_just_one_run(monkeypatch):
    """Ctrl-C or SIGTERM ends train() after the current step; a study must then stop too, instead of recording the
    cut-short run as a result and starting the next one (its earlier seeds stay in the partial results file)."""
    import torch

    from ganlib.course import experiments
    from ganlib.loop import train as real_train
    from ganlib.nets import build_nets

    def interrupted(*args, **kwargs):
        history = real_train(*args, **kwargs)
        history.stop_reason = "interrupted at step 1"  # what train() reports after a stop request
        return history

    monkeypatch.setenv("GANLIB_SMOKE", "1")
    monkeypatch.setattr(experiments, "train", interrupted)
    G, D = build_nets("gan")
    judged = []
    with pytest.raises(KeyboardInterrupt, match="interrupted at step 1"):
        experiments.quality_over_time(G, D, torch.rand(256, 1, 28, 28) * 2 - 1, None, points=2, steps=4,
                                      judge=judged.append)
    assert judged == []  # nothing of the stopped run was judged or recorded
