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
    columns = {title: result, **reference_values(result.get("referee", "mnist"))}
    lines = [f"{'metric':66s}" + "".join(f"{name:>24s}" for name in columns)]
    for key, label in METRIC_NAMES.items():
        cells = [c.get(key) for c in columns.values()]
        lines.append(f"{label:66s}" + "".join(f"{'-' if v is None else f'{v:.3f}':>24s}" for v in cells))
    lines.append(f"{'images':66s}" + "".join(f"{c['n']:>24,d}" for c in columns.values()))
    return "\n".join(lines)


def number_with_range(row: dict, key: str, form: str) -> str:
    """A number, and its range over repeated runs when the row has one (``<key>_range``): ``9.9 (9.1-10.6)``."""
    low_high = row.get(f"{key}_range")
    return form.format(row[key]) + (f" ({form.format(low_high[0])}-{form.format(low_high[1])})" if low_high else "")


def markdown_table(rows: list, first_column: str = "generator") -> str:
    """Rows of referee results as a Markdown table, ending with the real-data floor.

    Each row is a dict with ``name`` and the metrics; ``images_per_second``, ``epochs`` and ``minutes``
    become columns when the rows carry them; a ``<key>_range`` (repeated runs) is shown after its mean. ``python -m ganlib bench`` and ``evaluate --all`` print
    this, so the README's tables are pasted output, never typed numbers.
    """
    extra = [(key, label) for key, label in (("images_per_second", "images/s"), ("steps", "steps"),
                                             ("epochs", "epochs"), ("minutes", "minutes")) if any(key in r for r in rows)]
    metrics = [("frechet_distance", "Frechet distance", "{:.1f}"), ("conditional_accuracy", "conditional accuracy",
               "{:.3f}"), ("kl_from_uniform", "class KL", "{:.4f}"), ("confidence", "confidence", "{:.3f}")]
    header = [first_column] + [label for _, label in extra] + [label for _, label, _ in metrics]
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    referee = rows[0].get("referee", "mnist") if rows else "mnist"
    floor = {"name": "real training images (floor)", **reference_values(referee)["real training images"]}
    for row in rows + [floor]:
        cells = [row["name"]]
        cells += ["" if row.get(key) is None else number_with_range(row, key, "{:,.0f}" if key in ("images_per_second", "steps") else "{:.1f}")
                  for key, _ in extra]
        cells += ["-" if row.get(key) is None else number_with_range(row, key, form) for key, _, form in metrics]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
