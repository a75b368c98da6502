"""``python -m extract`` is the ``parley`` command."""

from .cli import main

main(prog_name="parley")
