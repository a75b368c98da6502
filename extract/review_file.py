"""``parley review apply FILE.jsonl``: analyst decisions from a file, one a line.

    {"statement": 12, "decision": "accept"}              accept (or "reject") the statement
    {"statement": 12, "topic": "tariffs", "stance": "oppose"}   set that stance, or add it
    {"statement": 12, "topic": "tariffs", "decision": "reject"} reject that stance
    {"statement": 12, "speaker": "Liu He"}               the speaker is this actor
    any of them with "coder": "ana" (else the coder of the command)

Each line is one decision through ``store.review``, exactly as a key in the explorer: same
rules (a statement another coder decided is refused), same audit log, undoable with ``u`` or
``undo`` one line at a time. A bad line is reported with its line number and changes nothing;
the good lines still apply.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .analysis.names import resolve_actor, resolve_topic
from .store import STANCE_LABELS, Store, StoreError, check_coder
from .store.team import Conflict
from .textsafe import one_line

KEYS = {"statement", "decision", "topic", "stance", "speaker", "coder"}
MAX_LINE = 100_000  # characters; a decision is a few dozen


class BadDecision(ValueError):
    """A line that is not a decision Parley can apply; the message says why."""


@dataclass
class ApplySummary:
    lines: int = 0
    applied: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"lines": self.lines, "applied": self.applied, "unchanged": self.unchanged,
                "errors": [{"line": n, "error": e} for n, e in self.errors]}


def apply_file(store: Store, path: str | Path) -> ApplySummary:
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise StoreError(f"decisions file not found: {path}") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    text = data.decode("utf-8", errors="replace")
    return apply_lines(store, text.splitlines())


def apply_lines(store: Store, lines: Iterable[str]) -> ApplySummary:
    summary = ApplySummary()
    default_coder = store.coder
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        summary.lines += 1
        try:
            item = parse_line(line)
            store.coder = item.get("coder") or default_coder
            changed = apply_one(store, item)
        except (BadDecision, StoreError, Conflict, ValueError) as exc:
            summary.errors.append((number, one_line(str(exc), 200)))
            continue
        finally:
            store.coder = default_coder
        if changed:
            summary.applied += 1
        else:
            summary.unchanged += 1
    return summary


def parse_line(line: str) -> dict:
    if len(line) > MAX_LINE:
        raise BadDecision(f"line too long ({len(line):,} characters)")
    try:
        item = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadDecision(f"not valid JSON ({getattr(exc, 'msg', 'too deeply nested')})") from None
    if not isinstance(item, dict):
        raise BadDecision("a decision is a JSON object, e.g. {\"statement\": 12, \"decision\": \"accept\"}")
    unknown = sorted(set(item) - KEYS)
    if unknown:
        raise BadDecision(f"unknown field {', '.join(map(repr, unknown))}; "
                          f"expected {', '.join(sorted(KEYS))}")
    sid = item.get("statement")
    if isinstance(sid, bool) or not isinstance(sid, int) or sid < 1:
        raise BadDecision("'statement' must be a statement id (a positive whole number)")
    for key in ("decision", "topic", "stance", "speaker", "coder"):
        if key in item and (not isinstance(item[key], str) or not item[key].strip()):
            raise BadDecision(f"'{key}' must be a non-empty string")
    if "coder" in item:
        try:
            item["coder"] = check_coder(item["coder"])
        except (StoreError, ValueError) as exc:
            raise BadDecision(str(exc)) from None
    decision, topic, stance, speaker = (item.get(k) for k in ("decision", "topic", "stance", "speaker"))
    if decision is not None and decision not in ("accept", "reject"):
        raise BadDecision(f"unknown decision {decision!r}; expected 'accept' or 'reject'")
    if stance is not None and stance not in STANCE_LABELS:
        raise BadDecision(f"unknown stance {stance!r}; expected one of {', '.join(STANCE_LABELS)}")
    shapes = [
        decision is not None and topic is None and stance is None and speaker is None,
        topic is not None and stance is not None and decision is None and speaker is None,
        topic is not None and decision == "reject" and stance is None and speaker is None,
        speaker is not None and decision is None and topic is None and stance is None,
    ]
    if not any(shapes):
        raise BadDecision("a line holds one decision: 'decision'; or 'topic' with 'stance' "
                          "(or with 'decision': 'reject'); or 'speaker'")
    return item


def apply_one(store: Store, item: dict) -> bool:
    """Apply one parsed decision; True if it changed anything."""
    sid = item["statement"]
    if store.scalar("SELECT 1 FROM statements WHERE id = ?", (sid,)) is None:
        raise BadDecision(f"no statement {sid}")
    if "speaker" in item:
        # The CLI's own resolver: a name or alias, else one line with the closest matches.
        actor_id = resolve_actor(store, item["speaker"])
        return store.review.set_speaker(sid, actor_id) is not None
    if "topic" in item:
        topic_id = resolve_topic(store, item["topic"])
        row = store.query_one("SELECT id FROM stances WHERE statement_id = ? AND topic_id = ?", (sid, topic_id))
        if item.get("decision") == "reject":
            if row is None:
                raise BadDecision(f"statement {sid} has no stance on {item['topic']!r} to reject")
            return store.review.reject_stance(row["id"]) is not None
        if row is None:
            store.review.add_stance(sid, topic_id, item["stance"])
            return True
        return store.review.set_stance(row["id"], item["stance"]) is not None
    state = "accepted" if item["decision"] == "accept" else "rejected"
    return store.review.set_statement_review(sid, state) is not None
