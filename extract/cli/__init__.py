"""The ``parley`` command: a thin layer over the same functions the TUI and the tests call.

Each subject's commands live in their own module and register themselves on ``main``.
Errors the user can fix are printed as one line (``error: ...``) with exit code 1 or 2,
never as a traceback.
"""

from __future__ import annotations

import importlib

from .base import main

# Command modules, imported for their side effect of registering on ``main``.
COMMAND_MODULES = ("data_cmds", "extract_cmds", "analysis_cmds", "tui_cmds", "team_cmds", "learn_cmds")

for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")

__all__ = ["main"]
