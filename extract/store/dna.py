"""Discourse Network Analyzer (DNA 3.x) files in and out.

A DNA database is one SQLite file: DOCUMENTS (text, title, author, source, section, notes,
type, date as Unix seconds), STATEMENTS (character offsets Start/Stop into a document, a
statement type, a coder), per-variable values in DATASHORTTEXT (-> ENTITIES), DATABOOLEAN,
DATAINTEGER, DATALONGTEXT, and entity attributes (ATTRIBUTEVARIABLES / ATTRIBUTEVALUES).

Import: documents -> articles (text kept byte for byte, so DNA's offsets stay valid);
'DNA Statement' statements -> statements with their offsets, person -> speaker,
organization -> the person's affiliation (an organization actor), concept -> topic,
agreement -> stance (1 support, 0 oppose); every statement is a decision of its DNA coder
(``reviewed_by`` and the coder's own coding). Entity attribute Alias -> aliases; Type and
Notes are kept as actor attributes. Other statement types are counted and skipped.

Export writes the sample's tables, columns and types (``DNA_SCHEMA``).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .db import StoreError, alias_key, utcnow

if TYPE_CHECKING:
    from . import Store

DNA_TABLES = ("DOCUMENTS", "STATEMENTS", "STATEMENTTYPES", "VARIABLES", "ENTITIES", "DATASHORTTEXT",
              "DATABOOLEAN", "CODERS")
DNA_STATEMENT = "DNA Statement"
EXTERNAL_PREFIX = "dna:"


def open_dna(path: str | Path) -> sqlite3.Connection:
    """Open a DNA file read-only; one clear StoreError when it is not one."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"DNA file not found: {path}")
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        tables = {r[0].upper() for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a DNA database ({exc})") from None
    missing = [t for t in DNA_TABLES if t not in tables]
    if missing:
        conn.close()
        raise StoreError(f"{path} is not a DNA 3.x database (no {', '.join(missing)} table)")
    return conn


def _iso(unix_seconds) -> str | None:
    try:
        return datetime.fromtimestamp(int(unix_seconds), timezone.utc).date().isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _coder_name(name: str) -> str:
    cleaned = " ".join(str(name or "").replace(",", " ").split())
    return cleaned[:64] or "dna coder"


class DnaRepo:
    def __init__(self, store: Store):
        self.store = store

    # -- in --------------------------------------------------------------------------------

    def import_file(self, path: str | Path) -> dict:
        """Read a DNA file into the store in one transaction; return counts."""
        dna = open_dna(path)
        try:
            with self.store.transaction() as conn:
                return _Importer(conn, dna, Path(path).name).run()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a readable DNA database ({exc})") from None
        finally:
            dna.close()

    # -- out -------------------------------------------------------------------------------

    def export_file(self, path: str | Path, *, reviewed_only: bool = True) -> dict:
        from .dna_export import export_dna

        return export_dna(self.store, Path(path), reviewed_only=reviewed_only)


class _Importer:
    def __init__(self, conn: sqlite3.Connection, dna: sqlite3.Connection, name: str):
        self.conn = conn
        self.dna = dna
        self.name = name
        self.counts = {"documents": 0, "documents_existing": 0, "statements": 0, "statements_existing": 0,
                       "stances": 0, "actors": 0, "topics": 0, "aliases": 0, "skipped": {},
                       "affiliation_conflicts": 0, "coders": []}
        self.now = utcnow()

    def run(self) -> dict:
        coders = {r[0]: _coder_name(r[1]) for r in self.dna.execute("SELECT ID, Name FROM CODERS")}
        articles = self._documents(coders)
        types = {r[0]: r[1] for r in self.dna.execute("SELECT ID, Label FROM STATEMENTTYPES")}
        dna_type = next((i for i, label in types.items() if label == DNA_STATEMENT), None)
        variables = {}
        if dna_type is not None:
            variables = {r[1]: (r[0], r[2]) for r in self.dna.execute(
                "SELECT ID, Variable, DataType FROM VARIABLES WHERE StatementTypeId = ?", (dna_type,))}
        entity_actor: dict[int, int] = {}
        entity_topic: dict[int, int] = {}
        for var, type_ in (("person", "person"), ("organization", "organization")):
            if var in variables:
                for eid, value in self.dna.execute("SELECT ID, Value FROM ENTITIES WHERE VariableId = ?",
                                                   (variables[var][0],)):
                    if value.strip():
                        entity_actor[eid] = self._actor(value, type_)
        if "concept" in variables:
            for eid, value in self.dna.execute("SELECT ID, Value FROM ENTITIES WHERE VariableId = ?",
                                               (variables["concept"][0],)):
                if value.strip():
                    entity_topic[eid] = self._topic(value)
        self._attributes(entity_actor, entity_topic)
        used_coders = set()
        for sid, type_id, doc, start, stop, coder in self.dna.execute(
                "SELECT ID, StatementTypeId, DocumentId, Start, Stop, Coder FROM STATEMENTS ORDER BY ID"):
            if type_id != dna_type:
                label = types.get(type_id, f"type {type_id}")
                self.counts["skipped"][label] = self.counts["skipped"].get(label, 0) + 1
                continue
            article = articles.get(doc)
            if article is None:
                self.counts["skipped"]["no document"] = self.counts["skipped"].get("no document", 0) + 1
                continue
            values = self._values(sid, variables)
            person = entity_actor.get(values.get("person"))
            org = entity_actor.get(values.get("organization"))
            topic = entity_topic.get(values.get("concept"))
            agreement = values.get("agreement", 1)
            coder_name = coders.get(coder, _coder_name(f"coder {coder}"))
            used_coders.add(coder_name)
            if person and org:
                self._affiliate(person, org)
            self._statement(article, start, stop, person or org, topic, agreement, coder_name)
        self.counts["coders"] = sorted(used_coders)
        return self.counts

    def _documents(self, coders: dict) -> dict[int, tuple[int, str]]:
        import hashlib

        out = {}
        for did, title, text, coder, author, source, section, notes, type_, date in self.dna.execute(
                "SELECT ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date FROM DOCUMENTS"):
            text = text or ""
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            row = self.conn.execute("SELECT id FROM articles WHERE sha256 = ?", (sha,)).fetchone()
            if row:
                out[did] = (row[0], text)
                self.counts["documents_existing"] += 1
                continue
            cur = self.conn.execute(
                "INSERT INTO articles (external_id, path, title, source, published, text, sha256, words, "
                "ingested_at, author) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (f"{EXTERNAL_PREFIX}{did}", self.name, title or "", source or None, _iso(date), text, sha,
                 len(text.split()), self.now, author or None))
            article_id = cur.lastrowid
            extras = {"dna:section": section, "dna:notes": notes, "dna:type": type_,
                      "dna:coder": coders.get(coder), "dna:date": str(date) if date is not None else None}
            self.conn.executemany(
                "INSERT INTO article_attributes (article_id, name, value) VALUES (?,?,?)",
                [(article_id, k, v) for k, v in extras.items() if v])
            out[did] = (article_id, text)
            self.counts["documents"] += 1
        return out

    def _actor(self, name: str, type_: str) -> int:
        name = " ".join(name.split())
        key = alias_key(name)
        row = self.conn.execute(
            "SELECT ac.id FROM actors ac WHERE ac.name = ? AND ac.type = ?", (name, type_)).fetchone() or \
            self.conn.execute("SELECT al.actor_id FROM aliases al JOIN actors ac ON ac.id = al.actor_id "
                              "WHERE al.norm = ? AND ac.type = ?", (key, type_)).fetchone()
        if row:
            return row[0]
        unique, n = name, 2
        while self.conn.execute("SELECT 1 FROM actors WHERE name = ?", (unique,)).fetchone():
            unique, n = f"{name} ({n})", n + 1
        cur = self.conn.execute(
            "INSERT INTO actors (name, type, created_at, name_locked, type_locked) VALUES (?,?,?,1,1)",
            (unique, type_, self.now))
        self.conn.execute("INSERT OR IGNORE INTO aliases (actor_id, alias, norm, origin) VALUES (?,?,?,'analyst')",
                          (cur.lastrowid, name, key))
        self.counts["actors"] += 1
        return cur.lastrowid

    def _topic(self, name: str) -> int:
        name = " ".join(name.split())
        row = self.conn.execute("SELECT id FROM topics WHERE name = ?", (name,)).fetchone() or \
            self.conn.execute("SELECT topic_id FROM topic_aliases WHERE norm = ?", (alias_key(name),)).fetchone()
        if row:
            self.conn.execute("UPDATE topics SET deleted = 0 WHERE id = ?", (row[0],))
            return row[0]
        cur = self.conn.execute("INSERT INTO topics (name, origin, created_at) VALUES (?, 'analyst', ?)",
                                (name, self.now))
        self.conn.execute("INSERT OR IGNORE INTO topic_aliases (topic_id, alias, norm) VALUES (?,?,?)",
                          (cur.lastrowid, name, alias_key(name)))
        self.counts["topics"] += 1
        return cur.lastrowid

    def _attributes(self, entity_actor: dict[int, int], entity_topic: dict[int, int]) -> None:
        tables = {r[0].upper() for r in self.dna.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"ATTRIBUTEVARIABLES", "ATTRIBUTEVALUES"} <= tables:
            return
        for entity, attribute, value in self.dna.execute(
                "SELECT v.EntityId, a.AttributeVariable, v.AttributeValue FROM ATTRIBUTEVALUES v "
                "JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId WHERE v.AttributeValue != ''"):
            if attribute.lower() == "alias":
                for alias in (a.strip() for a in value.replace(";", ",").split(",")):
                    if not alias_key(alias):
                        continue
                    if entity in entity_actor:
                        cur = self.conn.execute(
                            "INSERT OR IGNORE INTO aliases (actor_id, alias, norm, origin) VALUES (?,?,?,'analyst')",
                            (entity_actor[entity], alias, alias_key(alias)))
                    elif entity in entity_topic:
                        cur = self.conn.execute(
                            "INSERT OR IGNORE INTO topic_aliases (topic_id, alias, norm) VALUES (?,?,?)",
                            (entity_topic[entity], alias, alias_key(alias)))
                    else:
                        continue
                    self.counts["aliases"] += cur.rowcount
            elif entity in entity_actor:
                self.conn.execute("INSERT OR REPLACE INTO actor_attributes (actor_id, name, value) VALUES (?,?,?)",
                                  (entity_actor[entity], attribute, value))

    def _values(self, statement_id: int, variables: dict) -> dict:
        out = {}
        names = {vid: name for name, (vid, _t) in variables.items()}
        for vid, entity in self.dna.execute("SELECT VariableId, Entity FROM DATASHORTTEXT WHERE StatementId = ?",
                                            (statement_id,)):
            if vid in names:
                out[names[vid]] = entity
        for vid, value in self.dna.execute("SELECT VariableId, Value FROM DATABOOLEAN WHERE StatementId = ?",
                                           (statement_id,)):
            if vid in names:
                out[names[vid]] = value
        return out

    def _affiliate(self, person: int, org: int) -> None:
        current = self.conn.execute("SELECT affiliation_id FROM actors WHERE id = ?", (person,)).fetchone()[0]
        if current is None:
            self.conn.execute("UPDATE actors SET affiliation_id = ?, affiliation_locked = 1 WHERE id = ?",
                              (org, person))
        elif current != org:
            self.counts["affiliation_conflicts"] += 1

    def _statement(self, article: tuple[int, str], start: int, stop: int, speaker: int | None,
                   topic: int | None, agreement, coder: str) -> None:
        article_id, text = article
        start, stop = max(0, int(start)), min(len(text), int(stop))
        existing = self.conn.execute(
            "SELECT s.id FROM statements s WHERE s.article_id = ? AND s.content_start = ? AND s.content_end = ? "
            "AND s.speaker_id IS ? AND s.reviewed_by = ?", (article_id, start, stop, speaker, coder)).fetchone()
        if existing:
            self.counts["statements_existing"] += 1
            return
        cur = self.conn.execute(
            "INSERT INTO statements (article_id, speaker_id, content, content_start, content_end, kind, "
            "confidence, review, reviewed_at, reviewed_by, extractor_version) "
            "VALUES (?,?,?,?,?,'indirect',1.0,'accepted',?,?,'dna')",
            (article_id, speaker, text[start:stop], start, stop, self.now, coder))
        sid = cur.lastrowid
        self.conn.execute("INSERT INTO codings (statement_id, coder, review, at) VALUES (?,?,'accepted',?)",
                          (sid, coder, self.now))
        self.counts["statements"] += 1
        if topic is not None:
            label = "support" if int(agreement) else "oppose"
            self.conn.execute(
                "INSERT INTO stances (statement_id, topic_id, label, confidence, evidence, review, review_label, "
                "reviewed_at, reviewed_by) VALUES (?,?,?,1.0,'coded in DNA','accepted',?,?,?)",
                (sid, topic, label, label, self.now, coder))
            self.conn.execute(
                "INSERT INTO coding_stances (statement_id, topic_id, coder, label, at) VALUES (?,?,?,?,?)",
                (sid, topic, coder, label, self.now))
            self.counts["stances"] += 1
