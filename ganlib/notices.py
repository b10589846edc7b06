"""One-line notices to the user on stderr ("Warning: ..."), printed so a progress bar stays intact.

Python's ``warnings`` would add a file name and a line of ganlib's source, which means nothing to a student.
"""
import sys

from tqdm.auto import tqdm


def notice(text: str) -> None:
    """Print ``Warning: text`` on stderr, above any progress bar."""
    tqdm.write(f"Warning: {text}", file=sys.stderr)
