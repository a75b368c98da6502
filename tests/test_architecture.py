"""The dependency rules of the layout (GUIDE.md section 6), checked on every import statement."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

RULES = [
    # (package folder, forbidden module prefixes, why)
    ("extract/nlp", ("extract.store", "extract.analysis", "extract.cli", "tui", "textual", "sqlite3"),
     "per-article extraction is a pure function: spaCy in, records out"),
    ("extract/store", ("spacy", "textual", "tui", "extract.nlp"), "the store knows neither spaCy nor Textual"),
    ("extract/analysis", ("textual", "tui", "spacy", "extract.nlp"), "analysis is shared by the CLI and the TUI"),
    ("extract/ingest", ("spacy", "textual", "tui", "extract.nlp"), "ingest does no NLP"),
    ("tui", ("spacy", "extract.nlp", "extract.extract_run", "sqlite3"), "the TUI reaches data only through the store"),
    ("extract/cluster", ("textual", "tui", "sqlite3"), "cluster workers never touch the database: the parent's writer does"),
    ("extract/nlp", ("extract.cluster", "dask", "distributed"), "the per-article extraction does not know where it runs"),
]


def imported_modules(path: Path) -> set[str]:
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("folder,forbidden,why", RULES, ids=[r[0] for r in RULES])
def test_dependency_rules(folder, forbidden, why):
    offenders = []
    for path in sorted((REPO / folder).rglob("*.py")):
        for module in imported_modules(path):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                offenders.append(f"{path.relative_to(REPO)} imports {module}")
    assert not offenders, f"{why}:\n" + "\n".join(offenders)


def test_the_explorer_starts_without_loading_spacy():
    code = "import sys, tui.app, extract.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"
