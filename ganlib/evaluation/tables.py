"""The referee's numbers as text: a small table next to the reference values (``format_report``) and Markdown
tables for the README and the report (``markdown_table``), so no number there is ever typed by hand."""
from __future__ import annotations

from .referee import reference_values


METRIC_NAMES = {
    "frechet_distance": "Frechet distance (referee features; lower is better)",
    "conditional_accuracy": "conditional accuracy (class asked for = class seen; chance 0.10)",
    "kl_from_uniform": "class-histogram KL from uniform (0 = all classes equally often)",
    "confidence": "mean referee confidence",
}


def format_report(result: dict, title: str = "generated") -> str:
    """A small table: the result next to the reference values, so a reader can place each number."""
    if not isinstance(result, dict) or "n" not in result:
        raise TypeError(f"format_report takes the dict that evaluate_images or evaluate_generator returns, got "
                        f"{type(result).__name__}" + (" without its image count 'n'" if isinstance(result, dict) else ""))
    if not isinstance(title, str):
        raise TypeError(f"title must be text, the name of the result's column (default 'generated'), got {title!r:.40}")
    columns = {title: result, **reference_values(result.get("referee", "mnist"))}
    lines = [f"{'metric':66s}" + "".join(f"{name:>24s}" for name in columns)]
    for key, label in METRIC_NAMES.items():
        cells = [c.get(key) for c in columns.values()]
        lines.append(f"{label:66s}" + "".join(f"{'-' if v is None else f'{v:.3f}':>24s}" for v in cells))
    lines.append(f"{'images':66s}" + "".join(f"{c['n']:>24,d}" for c in columns.values()))
    return "\n".join(lines)


def number_with_range(row: dict, key: str, form: str) -> str:
    """A number, and its range over repeated runs when the row has one (``<key>_range``): ``9.9 (9.1-10.6)``.
    A range whose ends print alike (every run the same) is left out."""
    low_high = row.get(f"{key}_range")
    low, high = (form.format(v) for v in low_high) if low_high else ("", "")
    return form.format(row[key]) + (f" ({low}-{high})" if low != high else "")


# Short column names for narrow pages (the report's PDF), explained by TABLE_KEY under each table.
SHORT_LABELS = {"images/s": "img/s", "Frechet distance": "FD", "conditional accuracy": "acc.", "class KL": "KL",
                "confidence": "conf."}
TABLE_KEY = ("FD: Frechet distance in the referee's features (lower is better); acc.: conditional accuracy (chance "
             "0.10); KL: class-histogram KL from uniform (0: all ten classes equally often); conf.: the referee's "
             "mean top probability.")


def markdown_table(rows: list, first_column: str = "generator", extras=("images_per_second", "steps", "epochs", "minutes"),
                   short: bool = False) -> str:
    """Rows of referee results as a Markdown table, ending with the real-data floor.

    Each row is a dict with ``name`` and the metrics; of ``extras`` (images/s, steps, epochs, minutes), those the
    rows carry become columns; a ``<key>_range`` (repeated runs) is shown after its mean. ``short`` names the
    columns as ``SHORT_LABELS`` does, for a narrow page. ``python -m ganlib bench`` and ``evaluate --all`` print
    this, so the README's tables are pasted output, never typed numbers.
    """
    if not isinstance(rows, (list, tuple)):
        raise TypeError("markdown_table takes a list of results, one row each: write markdown_table([result])")
    rows = list(rows)
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise TypeError(f"markdown_table takes a list of results (dicts), one row each; row {number} is a "
                            f"{type(row).__name__}")
    extra = [(key, label) for key, label in (("images_per_second", "images/s"), ("steps", "steps"),
                                             ("epochs", "epochs"), ("minutes", "minutes"))
             if key in extras and any(key in r for r in rows)]
    metrics = [("frechet_distance", "Frechet distance", "{:.1f}"), ("conditional_accuracy", "conditional accuracy",
               "{:.3f}"), ("kl_from_uniform", "class KL", "{:.4f}"), ("confidence", "confidence", "{:.3f}")]
    header = [first_column] + [label for _, label in extra] + [label for _, label, _ in metrics]
    if short:
        header = [SHORT_LABELS.get(label, label) for label in header]
    referee = rows[0].get("referee", "mnist") if rows else "mnist"
    floor = {"name": "real training images (floor)", **reference_values(referee)["real training images"]}
    body = []
    for number, row in enumerate(rows + [floor], 1):
        cells = [str(row.get("name", f"row {number}"))]  # a result without a name (evaluate_images') is numbered
        cells += ["" if row.get(key) is None else number_with_range(row, key, "{:,.0f}" if key in ("images_per_second", "steps") else "{:.1f}")
                  for key, _ in extra]
        cells += ["-" if row.get(key) is None else number_with_range(row, key, form) for key, _, form in metrics]
        body.append(cells)
    return pipe_table(header, body, ["left"] + ["right"] * (len(header) - 1))


def pipe_table(header: list, body: list, align: list) -> str:
    """A Markdown pipe table whose separator line gives each column as many dashes as its longest word, plus a margin:
    pandoc sizes the columns of a wide table in that proportion (GitHub ignores it), so a cell wraps between words
    (``9.9`` over ``(9.1-10.6)``) and no word runs past its column's edge."""
    widths = [3 + max(len(word) for r in [header, *body] for word in str(r[i]).split() or [""])
              for i in range(len(header))]
    rule = ["-" * w + (":" if a == "right" else "-") for w, a in zip(widths, align)]
    return "\n".join(["| " + " | ".join(map(str, header)) + " |", "|" + "|".join(rule) + "|"]
                     + ["| " + " | ".join(map(str, r)) + " |" for r in body])
