"""`parley review apply FILE.jsonl`: decisions from a file through the explorer's store API."""

from __future__ import annotations

import json

from click.testing import CliRunner

from extract.cli import main
from extract.store import Store


def run(db, *args):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def write(path, lines):
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
                    encoding="utf-8")
    return path


def pick(db):
    """Three statements with a stance, and the topic of the third's first stance."""
    with Store(db) as store:
        rows = store.query("SELECT s.id, t.name FROM statements s JOIN stances st ON st.statement_id = s.id "
                           "JOIN topics t ON t.id = st.topic_id ORDER BY s.id")
        actor = store.query_one("SELECT name FROM actors WHERE type = 'person' ORDER BY id")[0]
    ids = list(dict.fromkeys(r[0] for r in rows))[:3]
    topic = next(r[1] for r in rows if r[0] == ids[2])
    return ids, topic, actor


def test_good_lines_apply_with_audit_log_coder_and_undo(sample_db, tmp_path):
    (a, b, c), topic, actor = pick(sample_db)
    path = write(tmp_path / "d.jsonl", [
        {"statement": a, "decision": "accept"},
        {"statement": b, "decision": "reject", "coder": "ben"},
        {"statement": c, "topic": topic, "stance": "conditional"},
        {"statement": c, "speaker": actor},
    ])
    result = run(sample_db, "review", "apply", str(path))
    assert result.exit_code == 0, result.output
    assert "4 decisions applied, 0 unchanged, 0 bad lines (of 4)" in result.output
    with Store(sample_db, coder="analyst") as store:
        assert tuple(store.query_one("SELECT review, reviewed_by FROM statements WHERE id = ?", (a,))) == (
            "accepted", "analyst")
        assert tuple(store.query_one("SELECT review, reviewed_by FROM statements WHERE id = ?", (b,))) == (
            "rejected", "ben")
        st = store.query_one("SELECT st.review_label, s.review FROM stances st JOIN topics t ON t.id = st.topic_id "
                             "JOIN statements s ON s.id = st.statement_id WHERE s.id = ? AND t.name = ?", (c, topic))
        assert tuple(st) == ("conditional", "edited")
        assert store.query_one("SELECT a.name FROM statements s JOIN actors a ON a.id = s.speaker_id "
                               "WHERE s.id = ?", (c,))[0] == actor
        # One decision per line in the audit log, under its coder.
        coders = {r[0] for r in store.query("SELECT coder FROM reviews WHERE entity = 'statement' AND entity_id = ?",
                                            (b,))}
        assert coders == {"ben"}
        assert store.scalar("SELECT count(DISTINCT decision) FROM reviews") == 4
        # Undo works line by line, for the coder who decided.
        store.review.undo()  # the speaker
        store.review.undo()  # the stance
        assert store.query_one("SELECT review FROM statements WHERE id = ?", (c,))[0] == "pending"
        store.review.undo()  # the acceptance (ben's rejection is ben's to undo)
        assert store.query_one("SELECT review FROM statements WHERE id = ?", (a,))[0] == "pending"
        assert store.query_one("SELECT review FROM statements WHERE id = ?", (b,))[0] == "rejected"
    # The same file again: nothing changes twice.
    again = run(sample_db, "review", "apply", str(path))
    assert "0 bad lines" in again.output


def test_bad_and_hostile_lines_are_reported_and_the_good_ones_apply(sample_db, tmp_path):
    (a, b, c), topic, _actor = pick(sample_db)
    deep = "[" * 100_000 + "]" * 100_000
    path = write(tmp_path / "bad.jsonl", [
        "not json",                                                   # 1
        {"statement": a, "decision": "accept"},                       # 2 good
        [1, 2],                                                       # 3
        {"statement": True, "decision": "accept"},                    # 4
        {"statement": 10**9, "decision": "accept"},                   # 5
        {"statement": b, "decision": "maybe"},                        # 6
        {"statement": b, "topic": "[/bold]\x1b]8;;x\x07", "stance": "support"},  # 7
        {"statement": b, "speaker": "[@click=app.quit]Nobody\u202e"},  # 8
        {"statement": b, "decision": "accept", "stance": "oppose"},   # 9 two decisions at once
        {"statement": b, "decision": "accept", "extra": 1},           # 10
        {"statement": b, "decision": "accept", "coder": "a,b"},       # 11
        {"statement": c, "topic": topic, "stance": "furious"},        # 12
        deep,                                                         # 13
        "",                                                           # blank: skipped
        {"statement": c, "topic": topic, "decision": "reject"},       # 15 good: rejects that stance
    ])
    with Store(sample_db) as store:
        before = store.scalar("SELECT count(*) FROM reviews")
    result = run(sample_db, "review", "apply", str(path))
    assert result.exit_code == 0
    err = result.stderr
    for n in (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13):
        assert f"bad.jsonl:{n}: " in err, (n, err)
    assert "bad.jsonl:2:" not in err and "bad.jsonl:15:" not in err
    assert "\x1b" not in err and "\u202e" not in err
    assert "2 decisions applied, 0 unchanged, 12 bad lines (of 14)" in result.stdout
    with Store(sample_db) as store:
        assert store.query_one("SELECT review FROM statements WHERE id = ?", (a,))[0] == "accepted"
        assert store.query_one("SELECT review FROM statements WHERE id = ?", (b,))[0] == "pending"
        assert store.scalar("SELECT count(*) FROM stances st JOIN topics t ON t.id = st.topic_id "
                            "WHERE st.statement_id = ? AND t.name = ? AND st.review = 'rejected'", (c, topic)) == 1
        assert store.scalar("SELECT count(DISTINCT decision) FROM reviews WHERE id > ?", (before,)) == 2
        assert store.integrity_check() == "ok"


def test_another_coders_decision_is_refused_not_overwritten(sample_db, tmp_path):
    (a, _b, _c), _topic, _actor = pick(sample_db)
    with Store(sample_db, coder="ana") as store:
        store.review.accept(a)
    path = write(tmp_path / "d.jsonl", [{"statement": a, "decision": "reject", "coder": "ben"}])
    result = run(sample_db, "review", "apply", str(path))
    assert "d.jsonl:1: not saved: statement" in result.output and "accepted by ana" in result.output
    with Store(sample_db) as store:
        assert store.query_one("SELECT review FROM statements WHERE id = ?", (a,))[0] == "accepted"


def test_unreadable_files_are_one_line_errors(sample_db, tmp_path):
    missing = run(sample_db, "review", "apply", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1 and "decisions file not found" in missing.output
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_bytes(bytes(range(256)) * 10)
    result = run(sample_db, "review", "apply", str(garbage))
    assert result.exit_code == 1 and "0 decisions applied" in result.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert run(sample_db, "review", "apply", str(empty)).exit_code == 0
