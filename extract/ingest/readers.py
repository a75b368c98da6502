"""One reader per input format. Each yields ``ArticleIn`` records or ``Failure``s.

A file holding one article (.txt, .md, .html) yields one item; a bundle (.jsonl, .json,
.csv) yields one item per record, so one bad line never loses the good ones.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..store import ArticleIn
from .clean import BadInput, clean_text, decode, split_title, wire_credit
from .dates import parse_date


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class FieldMap:
    """Which record fields hold what, for .json/.jsonl/.csv. The first present name wins."""

    text: tuple[str, ...] = ("text", "body", "content", "article")
    title: tuple[str, ...] = ("title", "headline")
    date: tuple[str, ...] = ("date", "published", "published_at", "pubdate")
    source: tuple[str, ...] = ("source", "publisher", "outlet")
    url: tuple[str, ...] = ("url", "link")
    id: tuple[str, ...] = ("id", "external_id", "guid", "uid")
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def with_overrides(cls, overrides: dict[str, str]) -> FieldMap:
        """'text=content' style overrides put the given field first for that role."""
        fm = cls()
        for role, name in overrides.items():
            if role not in ("text", "title", "date", "source", "url", "id"):
                raise ValueError(f"unknown field role {role!r} (use text, title, date, source, url or id)")
            setattr(fm, role, (name, *getattr(fm, role)))
        return fm


Item = ArticleIn | Failure


def _finish(path: str, body: str, *, title: str = "", published=None, source=None, url=None,
            external_id=None) -> Item:
    text = clean_text(body)
    if not text.strip():
        return Failure(path, "empty: no text after clean-up")
    return ArticleIn(
        text=text, title=clean_text(title).replace("\n", " ") if title else "", path=path,
        external_id=external_id, source=source or wire_credit(text),
        published=parse_date(published), url=url,
    )


def read_text(path: str, data: bytes, fields: FieldMap) -> Iterator[Item]:
    """.txt / .md: the first non-empty line is the title."""
    text = clean_text(decode(data))
    title, body = split_title(text)
    if not body.strip():
        # A one-line file: keep it as a body with that line as title too.
        body = title
    yield _finish(path, body, title=title.lstrip("# ").strip())


def read_html(path: str, data: bytes, fields: FieldMap) -> Iterator[Item]:
    """.html / .htm: main text by trafilatura, title and date from the page's metadata."""
    import trafilatura  # heavy import, only when HTML is actually ingested

    html = decode(data, "HTML file")
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        favor_recall=True, date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        yield Failure(path, "no article text found in the HTML page")
        return
    title = doc.title or ""
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    if paragraphs and title and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]  # trafilatura repeats the <h1>
    yield _finish(path, "\n\n".join(paragraphs), title=title, published=doc.date,
                  source=_site_name(html, title, doc.sitename), url=doc.url)


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TITLE_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " :: ")


def _site_name(html: str, title: str, sitename: str | None) -> str | None:
    """The publisher: trafilatura's guess unless it is just the headline again, else the
    suffix of the page's <title> ('Headline | Meridian News')."""
    if sitename and sitename.strip() != title.strip():
        return sitename.strip()
    match = _TITLE_TAG.search(html)
    raw = " ".join(match.group(1).split()) if match else ""
    for sep in _TITLE_SEPARATORS:
        head, found, tail = raw.rpartition(sep)
        if found and tail and head.strip() == title.strip() and len(tail) <= 60:
            return tail.strip()
    return None


def _record_item(path: str, record: object, fields: FieldMap) -> Item:
    if not isinstance(record, dict):
        return Failure(path, f"expected a JSON object, got {type(record).__name__}")

    def pick(names: tuple[str, ...]) -> str | None:
        for name in names:
            value = record.get(name)
            if value not in (None, ""):
                return value if isinstance(value, str) else str(value)
        return None

    body = pick(fields.text)
    if body is None:
        return Failure(path, f"no text field (looked for {', '.join(fields.text)}; map another with --field text=NAME)")
    return _finish(
        path, body, title=pick(fields.title) or "", published=pick(fields.date),
        source=pick(fields.source), url=pick(fields.url), external_id=pick(fields.id),
    )


def read_jsonl(path: str, lines: Iterable[bytes], fields: FieldMap, max_bytes: int) -> Iterator[Item]:
    """.jsonl: one JSON object a line; a malformed line is reported and skipped.

    Streams: memory stays flat however long the file is."""
    for number, raw in enumerate(lines, start=1):
        where = f"{path}:{number}"
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            yield Failure(where, f"record larger than --max-bytes ({len(raw):,} > {max_bytes:,} bytes)")
            continue
        try:
            record = json.loads(decode(raw, "line"))
        except BadInput as exc:
            yield Failure(where, str(exc))
            continue
        except json.JSONDecodeError as exc:
            yield Failure(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _record_item(where, record, fields)


def read_json(path: str, data: bytes, fields: FieldMap, max_bytes: int) -> Iterator[Item]:
    """.json: one object, or a list of objects, or {"articles": [...]}."""
    try:
        doc = json.loads(decode(data, "JSON file"))
    except json.JSONDecodeError as exc:
        yield Failure(path, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    records = doc if isinstance(doc, list) else [doc]
    for i, record in enumerate(records, start=1):
        yield _record_item(f"{path}#{i}" if len(records) > 1 else path, record, fields)


def read_csv(path: str, data: bytes, fields: FieldMap, max_bytes: int) -> Iterator[Item]:
    """.csv with a header row; needs a text column."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    text = decode(data, "CSV file")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not any(name.lower() in header for name in fields.text):
        yield Failure(path, f"CSV has no text column (header: {', '.join(header) or 'none'}; "
                            f"expected one of {', '.join(fields.text)}, or --field text=NAME)")
        return
    try:
        for number, row in enumerate(reader, start=2):
            record = {(k or "").strip().lower(): v for k, v in row.items()}
            yield _record_item(f"{path}:{number}", record, fields)
    except csv.Error as exc:
        yield Failure(path, f"malformed CSV: {exc}")


# suffix -> (reader, kind). 'one': one article a file, --max-bytes per file; 'bundle': many
# records read whole, --max-bytes per record and BUNDLE_FACTOR x --max-bytes per file;
# 'stream': records read line by line, --max-bytes per record, no file limit.
READERS: dict[str, tuple[Callable, str]] = {
    ".txt": (read_text, "one"), ".md": (read_text, "one"), ".text": (read_text, "one"),
    ".html": (read_html, "one"), ".htm": (read_html, "one"),
    ".jsonl": (read_jsonl, "stream"), ".ndjson": (read_jsonl, "stream"),
    ".json": (read_json, "bundle"), ".csv": (read_csv, "bundle"),
}
BUNDLE_FACTOR = 20


def read_file(path: Path, shown: str, max_bytes: int, fields: FieldMap) -> Iterator[Item]:
    """Read one file with the reader for its suffix, turning every expected problem into a Failure."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        yield Failure(shown, f"unsupported file type {suffix or '(none)'} "
                             f"(supported: {', '.join(sorted(READERS))})")
        return
    reader, kind = READERS[suffix]
    try:
        size = path.stat().st_size
        limit = {"one": max_bytes, "bundle": BUNDLE_FACTOR * max_bytes}.get(kind)
        if limit is not None and size > limit:
            yield Failure(shown, f"file too large ({size:,} bytes > {limit:,}; raise --max-bytes)")
            return
        if size == 0:
            yield Failure(shown, "empty file")
            return
        if kind == "stream":
            with path.open("rb") as stream:
                yield from reader(shown, stream, fields, max_bytes)
        elif kind == "bundle":
            yield from reader(shown, path.read_bytes(), fields, max_bytes)
        else:
            yield from reader(shown, path.read_bytes(), fields)
    except BadInput as exc:
        yield Failure(shown, str(exc))
    except OSError as exc:
        yield Failure(shown, f"cannot read: {exc.strerror or exc}")
