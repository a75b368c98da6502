"""DNA files in and out, and DNA's own network arithmetic, on DNA's sample database (read from
../shared, never copied) through the real commands."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.store import Store

from ..conftest import SHARED

SAMPLE = SHARED / "interop" / "dna" / "sample.dna"
pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/interop/dna/sample.dna is not there")

EPA = "Environmental Protection Agency"


def parley(db, *args):
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    return result


@pytest.fixture
def dna_db(tmp_path):
    db = tmp_path / "dna.db"
    result = parley(db, "import", "dna", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "imported 7 documents" in result.output and "40 statements" in result.output
    assert "1 Annotation" in result.output
    return db


def dna_statements(path) -> list[tuple]:
    """Every 'DNA Statement' of a DNA file as (document title, start, stop, coder, person,
    organization, concept, agreement), sorted."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT d.Title, s.Start, s.Stop, c.Name, "
        " (SELECT e.Value FROM DATASHORTTEXT x JOIN ENTITIES e ON e.ID = x.Entity JOIN VARIABLES v ON v.ID = x.VariableId "
        "  WHERE x.StatementId = s.ID AND v.Variable = 'person'), "
        " (SELECT e.Value FROM DATASHORTTEXT x JOIN ENTITIES e ON e.ID = x.Entity JOIN VARIABLES v ON v.ID = x.VariableId "
        "  WHERE x.StatementId = s.ID AND v.Variable = 'organization'), "
        " (SELECT e.Value FROM DATASHORTTEXT x JOIN ENTITIES e ON e.ID = x.Entity JOIN VARIABLES v ON v.ID = x.VariableId "
        "  WHERE x.StatementId = s.ID AND v.Variable = 'concept'), "
        " (SELECT b.Value FROM DATABOOLEAN b JOIN VARIABLES v ON v.ID = b.VariableId "
        "  WHERE b.StatementId = s.ID AND v.Variable = 'agreement') "
        "FROM STATEMENTS s JOIN DOCUMENTS d ON d.ID = s.DocumentId JOIN CODERS c ON c.ID = s.Coder "
        "JOIN STATEMENTTYPES t ON t.ID = s.StatementTypeId WHERE t.Label = 'DNA Statement'").fetchall()
    conn.close()
    return sorted(rows)


def documents(path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute("SELECT Title, Text, Author, Source, Section, Date FROM DOCUMENTS").fetchall()
    conn.close()
    return sorted(rows)


def test_import_keeps_documents_offsets_coders_and_values(dna_db):
    with Store(dna_db) as store:
        assert store.scalar("SELECT count(*) FROM articles") == 7
        assert store.scalar("SELECT count(*) FROM statements") == 40
        # Offsets point into the stored text exactly as into DNA's document text.
        conn = sqlite3.connect(f"file:{SAMPLE}?mode=ro", uri=True)
        for title, text, start, stop in conn.execute(
                "SELECT d.Title, d.Text, s.Start, s.Stop FROM STATEMENTS s JOIN DOCUMENTS d ON d.ID = s.DocumentId "
                "WHERE s.StatementTypeId = 1"):
            row = store.query_one("SELECT s.content FROM statements s JOIN articles a ON a.id = s.article_id "
                                  "WHERE a.title = ? AND s.content_start = ? AND s.content_end = ?", (title, start, stop))
            assert row is not None and row[0] == text[start:stop]
        conn.close()
        assert {r[0] for r in store.query("SELECT DISTINCT reviewed_by FROM statements")} == {"Coder 1"}
        assert store.scalar("SELECT count(*) FROM codings WHERE coder = 'Coder 1'") == 40
        assert store.scalar("SELECT author FROM articles WHERE title LIKE '109-876%'") == "Bluestein, Joel"
        person = store.query_one("SELECT ac.type, aff.name, aff.type FROM actors ac JOIN actors aff "
                                 "ON aff.id = ac.affiliation_id WHERE ac.name = 'Joel Bluestein'")
        assert tuple(person) == ("person", "Energy and Environmental Analysis, Inc.", "organization")
        assert store.scalar("SELECT value FROM actor_attributes aa JOIN actors ac ON ac.id = aa.actor_id "
                            "WHERE ac.name = 'Joel Bluestein' AND aa.name = 'Type'") == "Business"
        labels = dict(store.query("SELECT review_label, count(*) FROM stances GROUP BY 1"))
        assert set(labels) <= {"support", "oppose"} and sum(labels.values()) == 40


def test_dna_reference_figures(dna_db, tmp_path):
    from extract.analysis.dna_network import dna_network

    with Store(dna_db) as store:
        two_mode = dna_network(store, kind="actor-topic", actor_types=["organization"])
        assert two_mode.matrix.shape == (7, 6) and two_mode.matrix.sum() == 40
        one_mode = dna_network(store, kind="co-occurrence", actor_types=["organization"])
        assert one_mode.matrix.shape == (7, 7) and one_mode.matrix.sum() == 276
        assert sum(w for _a, _b, w in one_mode.pairs()) == 138
        names = [a["name"] for a in one_mode.actors]
        epa = names.index(EPA)
        assert one_mode.matrix[epa, names.index("Alliance to Save Energy")] == 10
        assert one_mode.matrix[epa, names.index("Energy and Environmental Analysis, Inc.")] == 2
        congruence = dna_network(store, kind="congruence", actor_types=["organization"]).matrix
        conflict = dna_network(store, kind="conflict", actor_types=["organization"]).matrix
        subtract = dna_network(store, kind="subtract", actor_types=["organization"]).matrix
        assert (congruence + conflict == one_mode.matrix).all()
        assert (congruence - conflict == subtract).all()
    # The same figures through the command, as CSV: one row per undirected pair.
    out = tmp_path / "org.csv"
    result = parley(dna_db, "network", "--weighting", "dna", "--kind", "co-occurrence",
                    "--actor-type", "organization", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0][:3] == ["source", "target", "weight"]
    weights = {frozenset(r[:2]): int(float(r[2])) for r in rows[1:]}
    assert len(weights) == len(rows) - 1  # each pair once
    assert sum(weights.values()) == 138
    assert weights[frozenset((EPA, "Alliance to Save Energy"))] == 10
    assert weights[frozenset((EPA, "Energy and Environmental Analysis, Inc."))] == 2
    result = parley(dna_db, "network", "--weighting", "dna", "--kind", "actor-topic",
                    "--actor-type", "organization", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert sum(int(r["weight"]) for r in rows) == 40
    assert len({r["actor"] for r in rows}) == 7 and len({r["topic"] for r in rows}) == 6


def test_round_trip_sample_import_export_import(dna_db, tmp_path):
    exported = tmp_path / "out.dna"
    result = parley(dna_db, "export", "dna", "--out", str(exported))
    assert result.exit_code == 0, result.output
    # The file has DNA's tables, columns and column types.
    def layout(path):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {t: [(c[1], c[2]) for c in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
        conn.close()
        return out
    assert layout(exported) == layout(SAMPLE)
    assert dna_statements(exported) == dna_statements(SAMPLE)
    assert documents(exported) == documents(SAMPLE)
    again = tmp_path / "again.db"
    assert parley(again, "import", "dna", str(exported)).exit_code == 0
    def parley_view(db):
        with Store(db) as store:
            return sorted(tuple(r) for r in store.query(
                "SELECT a.title, s.content_start, s.content_end, s.content, s.reviewed_by, sp.name, aff.name, "
                "tp.name, st.review_label FROM statements s JOIN articles a ON a.id = s.article_id "
                "LEFT JOIN actors sp ON sp.id = s.speaker_id LEFT JOIN actors aff ON aff.id = sp.affiliation_id "
                "LEFT JOIN stances st ON st.statement_id = s.id LEFT JOIN topics tp ON tp.id = st.topic_id"))
    assert parley_view(again) == parley_view(dna_db)
    exported_again = tmp_path / "again.dna"
    assert parley(again, "export", "dna", "--out", str(exported_again)).exit_code == 0
    assert dna_statements(exported_again) == dna_statements(SAMPLE)


def test_importing_twice_adds_nothing(dna_db):
    result = parley(dna_db, "import", "dna", str(SAMPLE), "--json")
    counts = json.loads(result.output)
    assert counts["documents"] == 0 and counts["statements"] == 0 and counts["statements_existing"] == 40


def test_bad_dna_files_are_one_line_and_leave_the_store_untouched(dna_db, tmp_path):
    before = dna_db.read_bytes()
    not_sqlite = tmp_path / "notes.dna"
    not_sqlite.write_text("just some notes\n" * 50)
    other_sqlite = tmp_path / "other.dna"
    sqlite3.connect(other_sqlite).execute("CREATE TABLE t (x)").connection.commit()
    corrupt = tmp_path / "corrupt.dna"
    data = SAMPLE.read_bytes()
    corrupt.write_bytes(data[:4096] + b"\x00" * 1000)
    for bad in (not_sqlite, other_sqlite, corrupt, tmp_path / "missing.dna"):
        result = parley(dna_db, "import", "dna", str(bad))
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and "DNA" in lines[0], result.output
    assert dna_db.read_bytes() == before
    fresh = tmp_path / "fresh.db"
    assert parley(fresh, "import", "dna", str(not_sqlite)).exit_code == 1
    assert not fresh.exists()


def test_export_refuses_to_overwrite(dna_db, tmp_path):
    target = tmp_path / "x.dna"
    shutil.copyfile(SAMPLE, target)
    result = parley(dna_db, "export", "dna", "--out", str(target))
    assert result.exit_code == 1 and "exists" in result.output
