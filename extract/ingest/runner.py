"""Walk inputs, read them, store the good ones, log the bad ones, summarise."""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..batching import batched
from ..store import ArticleIn, Store
from .readers import READERS, Failure, FieldMap, read_file

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Articles per transaction: large enough to be fast, small enough that a crash loses little
# (and never half an article: each batch commits whole or not at all).
BATCH = 200


# Files in a folder that describe data rather than hold articles. Named files are always read.
DEFAULT_EXCLUDES = ("README*", "LICENSE*", "CHANGELOG*", "gold.jsonl", "*.gold.jsonl")


@dataclass
class IngestOptions:
    include: tuple[str, ...] = ()       # globs on the file name or relative path; empty = all known types
    exclude: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    fields: FieldMap = field(default_factory=FieldMap)


@dataclass
class IngestSummary:
    ingested: int = 0
    skipped: int = 0                    # duplicates of stored articles
    failed: list[Failure] = field(default_factory=list)
    files: int = 0
    seconds: float = 0.0
    run_id: int | None = None

    @property
    def exit_code(self) -> int:
        """0 unless every input failed."""
        return 1 if self.failed and not (self.ingested or self.skipped) else 0

    def as_dict(self) -> dict:
        return {
            "ingested": self.ingested, "skipped": self.skipped, "failed": len(self.failed),
            "errors": [{"path": f.path, "reason": f.reason} for f in self.failed],
            "files": self.files, "seconds": round(self.seconds, 3), "run_id": self.run_id,
        }


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(paths: Iterable[str | Path], options: IngestOptions) -> Iterator[tuple[Path, str] | Failure]:
    """Files to read, in a stable order, as (path, name shown to the user)."""
    for raw in paths:
        root = Path(raw)
        if root.is_file():
            yield root, str(root)
        elif root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                rel = path.relative_to(root).as_posix()
                if any(part.startswith(".") for part in path.relative_to(root).parts):
                    continue  # hidden files and folders (.git, .DS_Store)
                if options.include and not _matches(rel, options.include):
                    continue
                if not options.include and path.suffix.lower() not in READERS:
                    continue  # in a folder, unknown types are not inputs
                if _matches(rel, (*DEFAULT_EXCLUDES, *options.exclude)):
                    continue
                yield path, str(path)
        else:
            yield Failure(str(root), "no such file or folder")


def _read_all(paths: Iterable[str | Path], options: IngestOptions, summary: IngestSummary,
              on_progress: Callable[[int], None] | None) -> Iterator[ArticleIn | Failure]:
    for found in discover(paths, options):
        if isinstance(found, Failure):
            yield found
            continue
        path, shown = found
        summary.files += 1
        yield from read_file(path, shown, options.max_bytes, options.fields)
        if on_progress:
            try:
                on_progress(path.stat().st_size)
            except OSError:
                pass



def ingest_paths(store: Store, paths: Iterable[str | Path], options: IngestOptions | None = None,
                 *, on_progress: Callable[[int], None] | None = None) -> IngestSummary:
    """Ingest files and folders into ``store``. Never raises for bad input: it is summarised.

    ``on_progress`` is called with the size in bytes of each file when it is done."""
    options = options or IngestOptions()
    summary = IngestSummary()
    started = time.perf_counter()
    summary.run_id = store.runs.start("ingest")
    for batch in batched(_read_all(paths, options, summary, on_progress), BATCH):
        with store.transaction():
            for item in batch:
                if isinstance(item, Failure):
                    summary.failed.append(item)
                    store.runs.record_error(item.path, item.reason, summary.run_id)
                elif store.articles.add(item)[1]:
                    summary.ingested += 1
                else:
                    summary.skipped += 1
    summary.seconds = time.perf_counter() - started
    store.runs.finish(summary.run_id, summary.as_dict() | {"errors": len(summary.failed)})
    return summary


def total_bytes(paths: Iterable[str | Path], options: IngestOptions) -> int:
    """Size of everything ``ingest_paths`` will read, for a progress bar."""
    total = 0
    for found in discover(paths, options):
        if not isinstance(found, Failure):
            try:
                total += found[0].stat().st_size
            except OSError:
                pass
    return total


__all__ = ["ArticleIn", "IngestOptions", "IngestSummary", "discover", "ingest_paths", "total_bytes"]
