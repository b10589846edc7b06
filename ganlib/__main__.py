"""``python -m ganlib``: the course's command line (``ganlib.course.cli``)."""
import sys

from .course.cli import main

if __name__ == "__main__":
    sys.exit(main())
