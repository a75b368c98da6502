"""The export contract (issue 3, item 7): articles, actors, statements and stances as JSON
lines or CSV, with exactly the documented fields. The TUI's export action calls the same
functions.

CSV flattens nested fields (``speaker.name``, ``counts.support``; lists as JSON text) and
escapes every cell that a spreadsheet would run as a formula (starting with = + - @, or a tab
or carriage return) by prefixing a single quote.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

from .store import StoreError

if TYPE_CHECKING:
    from .store import Store

KINDS = ("articles", "actors", "statements", "stances")
FORMATS = ("jsonl", "csv")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = {
    "articles": ["id", "external_id", "path", "title", "source", "published", "text"],
    "actors": ["id", "name", "type", "affiliation", "aliases", "mentions"],
    "statements": ["id", "article_id", "speaker.name", "speaker.type", "speaker.affiliation",
                   "speaker.mention", "speaker.start", "speaker.end", "cue.text", "cue.start",
                   "cue.end", "content.text", "content.start", "content.end", "kind", "topics",
                   "review", "review_by", "review_at", "adjudicated_by", "codings"],
    "stances": ["actor", "actor_type", "affiliation", "topic", "stance", "counts.support",
                "counts.oppose", "counts.conditional", "counts.neutral", "statements", "reviewed"],
}
STANCE_KEYS = ("actor", "actor_type", "affiliation", "topic", "stance", "counts", "statements", "reviewed")

PAGE = 1000


def articles(store: Store) -> Iterator[dict]:
    last = 0
    while True:
        rows = store.query(
            "SELECT id, external_id, path, title, source, published, text FROM articles "
            "WHERE id > ? ORDER BY id LIMIT ?", (last, PAGE))
        if not rows:
            return
        for r in rows:
            yield dict(r)
        last = rows[-1]["id"]


def actors(store: Store) -> Iterator[dict]:
    names = {r[0]: r[1] for r in store.query("SELECT id, name FROM actors")}
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in store.query("SELECT actor_id, alias FROM aliases ORDER BY alias"):
        if alias != names.get(actor_id):
            aliases.setdefault(actor_id, []).append(alias)
    counts = dict(store.query("SELECT actor_id, count(*) FROM mentions GROUP BY actor_id"))
    for r in store.query("SELECT id, name, type, affiliation_id FROM actors ORDER BY id"):
        yield {"id": r["id"], "name": r["name"], "type": r["type"],
               "affiliation": names.get(r["affiliation_id"]), "aliases": aliases.get(r["id"], []),
               "mentions": counts.get(r["id"], 0)}


def statements(store: Store) -> Iterator[dict]:
    actor_rows = {r[0]: (r[1], r[2], r[3]) for r in store.query("SELECT id, name, type, affiliation_id FROM actors")}
    last = 0
    while True:
        rows = store.query(
            "SELECT * FROM statements WHERE id > ? ORDER BY id LIMIT ?", (last, PAGE))
        if not rows:
            return
        ids = [r["id"] for r in rows]
        topics: dict[int, list[dict]] = {}
        for sid, name, label, confidence in store.query(
            "SELECT st.statement_id, t.name, COALESCE(st.review_label, st.label), st.confidence "
            "FROM stances st JOIN topics t ON t.id = st.topic_id "
            f"WHERE st.statement_id IN ({','.join('?' * len(ids))}) AND st.review != 'rejected' "
            "AND t.deleted = 0 ORDER BY t.name", tuple(ids)):
            topics.setdefault(sid, []).append({"name": name, "stance": label, "confidence": confidence})
        codings: dict[int, list[dict]] = {}
        for sid, coder, review in store.query(
            f"SELECT statement_id, coder, review FROM codings WHERE statement_id IN ({','.join('?' * len(ids))}) "
            "ORDER BY id", tuple(ids)):
            codings.setdefault(sid, []).append({"coder": coder, "review": review})
        for r in rows:
            speaker = actor_rows.get(r["speaker_id"])
            affiliation = actor_rows.get(speaker[2])[0] if speaker and speaker[2] in actor_rows else None
            yield {
                "id": r["id"], "article_id": r["article_id"],
                "speaker": {"name": speaker[0] if speaker else None, "type": speaker[1] if speaker else None,
                            "affiliation": affiliation, "mention": r["speaker_text"],
                            "start": r["speaker_start"], "end": r["speaker_end"]},
                "cue": {"text": r["cue"], "start": r["cue_start"], "end": r["cue_end"]},
                "content": {"text": r["content"], "start": r["content_start"], "end": r["content_end"]},
                "kind": r["kind"], "topics": topics.get(r["id"], []), "review": r["review"],
                "review_by": r["reviewed_by"], "review_at": r["reviewed_at"],
                "adjudicated_by": r["adjudicated_by"], "codings": codings.get(r["id"], []),
            }
        last = ids[-1]


def stances(store: Store) -> Iterator[dict]:
    from .analysis.matrix import stance_cells

    for cell in stance_cells(store, reviewed_only=False):
        yield {key: cell[key] for key in STANCE_KEYS}


SOURCES = {"articles": articles, "actors": actors, "statements": statements, "stances": stances}


def rows(store: Store, kind: str) -> Iterator[dict]:
    if kind not in SOURCES:
        raise StoreError(f"unknown export {kind!r}; expected one of {', '.join(KINDS)}")
    return SOURCES[kind](store)


def escape_cell(value) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def flatten(row: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        else:
            out[name] = value
    return out


def write(store: Store, kind: str, fmt: str, fh: IO[str]) -> int:
    """Write one export to an open text file; return the number of rows."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return (_write_jsonl if fmt == "jsonl" else _write_csv)(rows(store, kind), kind, fh)


def _write_jsonl(items: Iterable[dict], kind: str, fh: IO[str]) -> int:
    n = 0
    for item in items:
        fh.write(json.dumps(item, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(items: Iterable[dict], kind: str, fh: IO[str]) -> int:
    writer = csv.writer(fh)
    writer.writerow(COLUMNS[kind])
    n = 0
    for item in items:
        flat = flatten(item)
        writer.writerow([escape_cell(flat.get(col)) for col in COLUMNS[kind]])
        n += 1
    return n
