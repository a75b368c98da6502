"""``python -m tui DB``: open the explorer (the ``parley tui`` command does the same)."""

import sys

from .app import run_tui

if __name__ == "__main__":
    run_tui(sys.argv[1] if len(sys.argv) > 1 else "parley.db")
