"""Writing a DNA 3.x database (``parley export dna``): the tables, columns and types of DNA's
own sample file, so DNA opens it.

Reviewed statements (accepted or edited) become 'DNA Statement' statements: one per stance
(DNA codes one concept per statement; a statement with no stance gets the empty concept),
person = the speaker when a person, organization = the first organization, country or group
on the speaker's affiliation chain (or the speaker itself), concept = the topic, agreement =
1 for support, 0 for oppose. DNA's boolean cannot say conditional or neutral: those are
written as agreement 1 and counted in the summary. Every article is a document; the coder of a
statement is the coder who decided it.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .db import StoreError, alias_key

if TYPE_CHECKING:
    from . import Store

DNA_SCHEMA = (
    'CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL)',
    'CREATE TABLE CODERS(ID INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL CHECK (LENGTH(Name) < 191), Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255), Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255), Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255), Refresh INTEGER NOT NULL CHECK (Refresh BETWEEN 0 AND 9999) DEFAULT 0, FontSize INTEGER NOT NULL CHECK (FontSize BETWEEN 1 AND 99) DEFAULT 14, Password TEXT NOT NULL CHECK (LENGTH(Password) < 191), PopupWidth INTEGER CHECK (PopupWidth BETWEEN 100 AND 9999) DEFAULT 300, ColorByCoder INTEGER NOT NULL CHECK (ColorByCoder BETWEEN 0 AND 1) DEFAULT 0, PopupDecoration INTEGER NOT NULL CHECK (PopupDecoration BETWEEN 0 AND 1) DEFAULT 0, PopupAutoComplete INTEGER NOT NULL CHECK (PopupAutoComplete BETWEEN 0 AND 1) DEFAULT 1, PermissionAddDocuments INTEGER NOT NULL CHECK (PermissionAddDocuments BETWEEN 0 AND 1) DEFAULT 1, PermissionEditDocuments INTEGER NOT NULL CHECK (PermissionEditDocuments BETWEEN 0 AND 1) DEFAULT 1, PermissionDeleteDocuments INTEGER NOT NULL CHECK (PermissionDeleteDocuments BETWEEN 0 AND 1) DEFAULT 1, PermissionImportDocuments INTEGER NOT NULL CHECK (PermissionImportDocuments BETWEEN 0 AND 1) DEFAULT 1, PermissionAddStatements INTEGER NOT NULL CHECK (PermissionAddStatements BETWEEN 0 AND 1) DEFAULT 1, PermissionEditStatements INTEGER NOT NULL CHECK (PermissionEditStatements BETWEEN 0 AND 1) DEFAULT 1, PermissionDeleteStatements INTEGER NOT NULL CHECK (PermissionDeleteStatements BETWEEN 0 AND 1) DEFAULT 1, PermissionEditAttributes INTEGER NOT NULL CHECK (PermissionEditAttributes BETWEEN 0 AND 1) DEFAULT 1, PermissionEditRegex INTEGER NOT NULL CHECK (PermissionEditRegex BETWEEN 0 AND 1) DEFAULT 1, PermissionEditStatementTypes INTEGER NOT NULL CHECK (PermissionEditStatementTypes BETWEEN 0 AND 1) DEFAULT 1, PermissionEditCoders INTEGER NOT NULL CHECK (PermissionEditCoders BETWEEN 0 AND 1) DEFAULT 1, PermissionEditCoderRelations INTEGER NOT NULL CHECK (PermissionEditCoderRelations BETWEEN 0 AND 1) DEFAULT 1, PermissionViewOthersDocuments INTEGER NOT NULL CHECK (PermissionViewOthersDocuments BETWEEN 0 AND 1) DEFAULT 1, PermissionEditOthersDocuments INTEGER NOT NULL CHECK (PermissionEditOthersDocuments BETWEEN 0 AND 1) DEFAULT 1, PermissionViewOthersStatements INTEGER NOT NULL CHECK (PermissionViewOthersStatements BETWEEN 0 AND 1) DEFAULT 1, PermissionEditOthersStatements INTEGER NOT NULL CHECK (PermissionEditOthersStatements BETWEEN 0 AND 1) DEFAULT 1)',
    "CREATE TABLE DOCUMENTS(ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL CHECK (LENGTH(Title) < 191), Text TEXT NOT NULL, Coder INTEGER, Author TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Author) < 191), Source TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Source) < 191), Section TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Section) < 191), Notes TEXT NOT NULL DEFAULT '', Type TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Type) < 191), Date INTEGER NOT NULL, FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE)",
    'CREATE TABLE STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL CHECK (LENGTH(Label) < 191), Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255), Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255), Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255))',
    "CREATE TABLE VARIABLES(ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL CHECK (LENGTH(Variable) < 191), DataType TEXT NOT NULL CHECK (DataType = 'boolean' OR DataType = 'integer' OR DataType = 'long text' OR DataType = 'short text') DEFAULT 'short text', StatementTypeId INTEGER, FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE, UNIQUE (Variable, StatementTypeId))",
    'CREATE TABLE VARIABLELINKS(ID INTEGER NOT NULL PRIMARY KEY, SourceVariableId INTEGER, TargetVariableId INTEGER, CHECK (TargetVariableId != SourceVariableId), FOREIGN KEY(SourceVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, FOREIGN KEY(TargetVariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE)',
    'CREATE TABLE REGEXES(Label TEXT PRIMARY KEY CHECK (LENGTH(Label) < 191), Red INTEGER NOT NULL DEFAULT 0 CHECK (Red BETWEEN 0 AND 255), Green INTEGER NOT NULL DEFAULT 0 CHECK (Green BETWEEN 0 AND 255), Blue INTEGER NOT NULL DEFAULT 0 CHECK (Blue BETWEEN 0 AND 255))',
    'CREATE TABLE CODERRELATIONS(ID INTEGER NOT NULL PRIMARY KEY, Coder INTEGER CHECK(Coder > 0), OtherCoder INTEGER CHECK(OtherCoder > 0), viewStatements INTEGER NOT NULL DEFAULT 1 CHECK(viewStatements BETWEEN 0 AND 1), editStatements INTEGER NOT NULL DEFAULT 1 CHECK(editStatements BETWEEN 0 AND 1), viewDocuments INTEGER NOT NULL DEFAULT 1 CHECK(viewDocuments BETWEEN 0 AND 1), editDocuments INTEGER NOT NULL DEFAULT 1 CHECK(editDocuments BETWEEN 0 AND 1), CHECK (Coder != OtherCoder), FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE, FOREIGN KEY(OtherCoder) REFERENCES CODERS(ID) ON DELETE CASCADE)',
    'CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER, Start INTEGER NOT NULL CHECK(Start >= 0), Stop INTEGER NOT NULL CHECK(Stop >= 0), Coder INTEGER, CHECK (Start < Stop), FOREIGN KEY(StatementTypeId) REFERENCES STATEMENTTYPES(ID) ON DELETE CASCADE, FOREIGN KEY(Coder) REFERENCES CODERS(ID) ON DELETE CASCADE, FOREIGN KEY(DocumentId) REFERENCES DOCUMENTS(ID) ON DELETE CASCADE)',
    'CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 1, FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, UNIQUE (StatementId, VariableId))',
    'CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value INTEGER NOT NULL DEFAULT 0, FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, UNIQUE (StatementId, VariableId))',
    "CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, Value TEXT NOT NULL DEFAULT '' CHECK (LENGTH(Value) < 191), Red INTEGER CHECK (Red BETWEEN 0 AND 255), Green INTEGER CHECK (Green BETWEEN 0 AND 255), Blue INTEGER CHECK (Blue BETWEEN 0 AND 255), ChildOf INTEGER CHECK(ChildOf > 0), UNIQUE (VariableId, Value), FOREIGN KEY(ChildOf) REFERENCES ENTITIES(ID) ON DELETE CASCADE, FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE)",
    'CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Entity INTEGER NOT NULL, FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, FOREIGN KEY(Entity) REFERENCES ENTITIES(ID) ON DELETE CASCADE, UNIQUE (StatementId, VariableId))',
    "CREATE TABLE DATALONGTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL, Value TEXT DEFAULT '', FOREIGN KEY(StatementId) REFERENCES STATEMENTS(ID) ON DELETE CASCADE, FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE, UNIQUE (StatementId, VariableId))",
    'CREATE TABLE ATTRIBUTEVARIABLES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, AttributeVariable TEXT NOT NULL CHECK (LENGTH(AttributeVariable) < 191), UNIQUE(VariableId, AttributeVariable), FOREIGN KEY(VariableId) REFERENCES VARIABLES(ID) ON DELETE CASCADE)',
    "CREATE TABLE ATTRIBUTEVALUES(ID INTEGER PRIMARY KEY NOT NULL, EntityId INTEGER NOT NULL, AttributeVariableId INTEGER NOT NULL, AttributeValue TEXT NOT NULL DEFAULT '' CHECK (LENGTH(AttributeValue) < 191), UNIQUE (EntityId, AttributeVariableId), FOREIGN KEY(EntityId) REFERENCES ENTITIES(ID) ON DELETE CASCADE, FOREIGN KEY(AttributeVariableId) REFERENCES ATTRIBUTEVARIABLES(ID) ON DELETE CASCADE)",
)

VARIABLES = ((1, "person", "short text", 1), (2, "organization", "short text", 1),
             (3, "concept", "short text", 1), (4, "agreement", "boolean", 1), (5, "note", "long text", 2))
ATTRIBUTES = ("Type", "Alias", "Notes")
COLOURS = {"DNA Statement": (239, 208, 51), "Annotation": (211, 211, 211)}
ORG_TYPES = ("organization", "country", "group", "media")


def _unix(published: str | None) -> int:
    if not published:
        return 0
    try:
        dt = datetime.fromisoformat(published)
    except ValueError:
        return 0
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return int(dt.timestamp())


def export_dna(store: Store, path: Path, *, reviewed_only: bool = True) -> dict:
    if path.exists():
        raise StoreError(f"{path} exists; choose a new file name (DNA files are not overwritten)")
    if not path.resolve().parent.exists():
        raise StoreError(f"folder does not exist: {path.resolve().parent}")
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    out = sqlite3.connect(tmp)
    try:
        counts = _write(store, out, reviewed_only)
        out.commit()
        out.close()
        tmp.replace(path)
    except BaseException:
        out.close()
        tmp.unlink(missing_ok=True)
        raise
    return counts


def _write(store: Store, out: sqlite3.Connection, reviewed_only: bool) -> dict:
    counts = {"documents": 0, "statements": 0, "coders": 0, "approximated": 0}
    for sql in DNA_SCHEMA:
        out.execute(sql)
    out.executemany("INSERT INTO SETTINGS VALUES (?,?)", [("version", "3.0.7"), ("date", "2022-06-10")])
    out.executemany("INSERT INTO STATEMENTTYPES (ID, Label, Red, Green, Blue) VALUES (?,?,?,?,?)",
                    [(1, "DNA Statement", *COLOURS["DNA Statement"]), (2, "Annotation", *COLOURS["Annotation"])])
    out.executemany("INSERT INTO VARIABLES (ID, Variable, DataType, StatementTypeId) VALUES (?,?,?,?)", VARIABLES)
    attr_ids = {}
    n = 0
    for name in ATTRIBUTES:
        for var in (1, 2, 3):
            n += 1
            attr_ids[(var, name)] = n
            out.execute("INSERT INTO ATTRIBUTEVARIABLES (ID, VariableId, AttributeVariable) VALUES (?,?,?)",
                        (n, var, name))

    coders: dict[str, int] = {"Admin": 1}

    def coder_id(name: str | None) -> int:
        name = name or "Admin"
        if name not in coders:
            coders[name] = len(coders) + 1
        return coders[name]

    entities: dict[tuple[int, str], int] = {}
    attributes: dict[int, dict[str, str]] = {}

    def entity(var: int, value: str, attrs: dict[str, str] | None = None) -> int:
        value = value[:190]
        key = (var, value)
        if key not in entities:
            cur = out.execute("INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?,?,0,0,0)",
                              (var, value))
            entities[key] = cur.lastrowid
            attributes[cur.lastrowid] = attrs or {}
        return entities[key]

    for var in (1, 2, 3):
        entity(var, "")

    actors = {r[0]: dict(r) for r in store.query("SELECT id, name, type, affiliation_id FROM actors")}
    attrs_of: dict[int, dict[str, str]] = {}
    for actor_id, name, value in store.query("SELECT actor_id, name, value FROM actor_attributes"):
        attrs_of.setdefault(actor_id, {})[name] = value
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in store.query("SELECT actor_id, alias FROM aliases ORDER BY id"):
        a = actors.get(actor_id)
        if a and alias_key(alias) != alias_key(a["name"]) and alias not in aliases.get(actor_id, []):
            aliases.setdefault(actor_id, []).append(alias)
    for actor_id, names in aliases.items():
        attrs_of.setdefault(actor_id, {})["Alias"] = ", ".join(names)

    def actor_attrs(actor_id: int) -> dict[str, str]:
        return {k: v for k, v in attrs_of.get(actor_id, {}).items() if k in ATTRIBUTES}

    def organization(actor_id: int | None) -> int | None:
        seen = set()
        current = actor_id
        while current is not None and current not in seen and current in actors:
            seen.add(current)
            if actors[current]["type"] in ORG_TYPES:
                return current
            current = actors[current]["affiliation_id"]
        return None

    doc_ids = {}
    for a in store.query("SELECT id, title, text, source, published, author FROM articles ORDER BY id"):
        extra = {r[0]: r[1] for r in store.query(
            "SELECT name, value FROM article_attributes WHERE article_id = ?", (a["id"],))}
        date = int(extra["dna:date"]) if extra.get("dna:date", "").lstrip("-").isdigit() else _unix(a["published"])
        cur = out.execute(
            "INSERT INTO DOCUMENTS (Title, Text, Coder, Author, Source, Section, Notes, Type, Date) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            ((a["title"] or "")[:190], a["text"], coder_id(extra.get("dna:coder")), (a["author"] or "")[:190],
             (a["source"] or "")[:190], extra.get("dna:section", "")[:190], extra.get("dna:notes", ""),
             extra.get("dna:type", "")[:190], date))
        doc_ids[a["id"]] = cur.lastrowid
        counts["documents"] += 1

    states = "('accepted', 'edited')" if reviewed_only else "('accepted', 'edited', 'pending')"
    for s in store.query(f"SELECT id, article_id, speaker_id, content_start, content_end, reviewed_by "
                         f"FROM statements WHERE review IN {states} ORDER BY id"):
        if s["content_end"] <= s["content_start"]:
            continue
        speaker = actors.get(s["speaker_id"])
        person = speaker["name"] if speaker and speaker["type"] == "person" else ""
        org_id = organization(s["speaker_id"])
        org = actors[org_id]["name"] if org_id else ""
        person_e = entity(1, person, actor_attrs(s["speaker_id"]) if person else None)
        org_e = entity(2, org, actor_attrs(org_id) if org_id else None)
        stances = store.query(
            "SELECT tp.name, COALESCE(st.review_label, st.label) FROM stances st JOIN topics tp ON tp.id = st.topic_id "
            "WHERE st.statement_id = ? AND st.review != 'rejected' AND tp.deleted = 0 ORDER BY st.id", (s["id"],))
        for topic, label in (stances or [("", "support")]):
            if label not in ("support", "oppose"):
                counts["approximated"] += 1
            cur = out.execute("INSERT INTO STATEMENTS (StatementTypeId, DocumentId, Start, Stop, Coder) "
                              "VALUES (1,?,?,?,?)", (doc_ids[s["article_id"]], s["content_start"], s["content_end"],
                                                     coder_id(s["reviewed_by"])))
            sid = cur.lastrowid
            out.executemany("INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?,?,?)",
                            [(sid, 1, person_e), (sid, 2, org_e), (sid, 3, entity(3, topic))])
            out.execute("INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?,4,?)",
                        (sid, 0 if label == "oppose" else 1))
            counts["statements"] += 1

    for name, cid in coders.items():
        out.execute("INSERT INTO CODERS (ID, Name, Password) VALUES (?,?,'')", (cid, name[:190]))
    others = [(c, o) for c in coders.values() for o in coders.values() if c != o]
    out.executemany("INSERT INTO CODERRELATIONS (Coder, OtherCoder) VALUES (?,?)", others)
    for (var, _value), eid in entities.items():
        for name in ATTRIBUTES:
            out.execute("INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?,?,?)",
                        (eid, attr_ids[(var, name)], attributes.get(eid, {}).get(name, "")[:190]))
    counts["coders"] = len(coders) - 1 if len(coders) > 1 else 0
    return counts
