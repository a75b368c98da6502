"""Write the current view to CSV or Markdown."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from . import safe


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def write_csv(path: Path, headers: list[str], rows: Iterable[list]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if v is None else safe.clean(v) for v in row])
            count += 1
    return count


def write_markdown(path: Path, headers: list[str], rows: Iterable[list]) -> int:
    def cell(v) -> str:
        return safe.line(v).replace("|", "\\|")

    count = 0
    with path.open("w", encoding="utf-8") as f:
        f.write("| " + " | ".join(headers) + " |\n")
        f.write("|" + "|".join("---" for _ in headers) + "|\n")
        for row in rows:
            f.write("| " + " | ".join(cell(v) for v in row) + " |\n")
            count += 1
    return count


def export_view(folder: Path, stem: str, fmt: str, headers: list[str], rows: Iterable[list]) -> tuple[Path, int]:
    suffix = ".csv" if fmt == "csv" else ".md"
    path = unique_path(folder, stem, suffix)
    writer = write_csv if fmt == "csv" else write_markdown
    return path, writer(path, headers, rows)


def query_rows(browse, query, columns: list[str]) -> Iterable[list]:
    """Every row of a ListQuery, page by page (keyset), for exporting a whole list."""
    after = None
    while True:
        rows = browse.fetch(query, after=after, limit=500)
        if not rows:
            return
        for r in rows:
            yield [r.get(c) for c in columns]
        after = rows[-1]["_key"]
