"""What a reviewer needs around one statement: its sentence, the sentence before, and the
sentence that names the speaker when that is elsewhere ('he said' three sentences after
'Kirby told reporters'), with the actors mentioned nearby for the speaker picker.

Sentences are found with a plain rule (., ! or ? then space and a capital, a quote or a
digit; a line break), good enough to show context: the store never loads spaCy."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Store

WINDOW_BEFORE = 700   # characters read before the statement to find the sentence before
WINDOW_AFTER = 400    # characters read after it to find its sentence's end
SENTENCE_LIMIT = 500  # a 'sentence' longer than this (no punctuation) is cut with '…'
GAP = "\n…\n"          # between the speaker's sentence and the statement's

_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[A-Z0-9])|\n\s*")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|Jr|Sr|No|vs)"
                           r"|\b[A-Z](?:\.[A-Z])*)\.$")


def sentence_starts(text: str) -> list[int]:
    """Offsets in ``text`` where a sentence starts (0 first)."""
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith(".") and _ABBREVIATION.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue  # 'Mr. Kirby', 'U.S. officials'
        starts.append(m.end())
    return starts


@dataclass
class Piece:
    """A run of article text shown in the context: article[start:end] at ``at`` in the text."""

    start: int
    end: int
    at: int


@dataclass
class StatementContext:
    text: str
    pieces: list[Piece]
    speaker_sentence: bool = False  # a separate sentence naming the speaker is shown first
    nearby_actor_ids: list[int] = field(default_factory=list)  # statement's sentence, then the one before
    mentions: list[dict] = field(default_factory=list)  # mentions inside the pieces (article offsets)

    def place(self, start: int, end: int) -> tuple[int, int] | None:
        """Where article[start:end] appears in ``text`` (clipped to its piece), or None."""
        for p in self.pieces:
            if start < p.end and end > p.start:
                return p.at + max(start, p.start) - p.start, p.at + min(end, p.end) - p.start
        return None


def _read(store: Store, article_id: int, lo: int, hi: int) -> str:
    return store.scalar("SELECT substr(text, ?, ?) FROM articles WHERE id = ?", (lo + 1, hi - lo, article_id)) or ""


def _sentences_around(store: Store, article_id: int, start: int, end: int, before: int = 1) -> list[tuple[int, int]]:
    """(start, end) article offsets of the sentence holding [start, end) (and those it runs
    into) preceded by ``before`` sentences."""
    lo = max(0, start - WINDOW_BEFORE)
    text = _read(store, article_id, lo, end + WINDOW_AFTER)
    starts = [lo + s for s in sentence_starts(text)]
    if lo > 0:
        starts = starts[1:] or [lo]  # the window's own start is not a sentence start
    own = max((i for i, s in enumerate(starts) if s <= start), default=0)
    following = [s for s in starts if s >= end]
    stop = following[0] if following else lo + len(text)
    bounds = starts[max(0, own - before):own + 1] + [stop]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        if b - a > SENTENCE_LIMIT and not a <= start < b:  # a long run before: keep its end
            a = b - SENTENCE_LIMIT
        out.append((a, b))
    if out:  # the statement's own run: from its sentence start to the end of its last sentence
        out[-1] = (out[-1][0], stop)
    return out


def statement_context(store: Store, statement: dict) -> StatementContext:
    article_id = statement["article_id"]
    spans = [(statement[f"{k}_start"], statement[f"{k}_end"]) for k in ("content", "speaker", "cue")
             if statement.get(f"{k}_start") is not None]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    sentences = _sentences_around(store, article_id, start, end)
    lo, hi = sentences[0][0], sentences[-1][1]
    own_start = sentences[-1][0]
    mentions = [dict(r) for r in store.query(
        'SELECT start, "end", actor_id FROM mentions WHERE article_id = ? AND start < ? AND "end" > ? '
        "ORDER BY start", (article_id, hi, lo))]

    ranges = [(lo, hi)]
    speaker_id = statement.get("speaker_id")
    speaker_sentence = False
    if speaker_id is not None and not any(m["actor_id"] == speaker_id for m in mentions):
        named = store.query_one(
            'SELECT start, "end" FROM mentions WHERE article_id = ? AND actor_id = ? AND start < ? '
            "ORDER BY start DESC LIMIT 1", (article_id, speaker_id, lo))
        if named is not None:
            s0, s1 = _sentences_around(store, article_id, named[0], named[1], before=0)[-1]
            s1 = min(s1, lo)
            ranges.insert(0, (s0, s1))
            speaker_sentence = True
            mentions = [dict(r) for r in store.query(
                'SELECT start, "end", actor_id FROM mentions WHERE article_id = ? AND start < ? AND "end" > ? '
                "ORDER BY start", (article_id, s1, s0))] + mentions

    pieces: list[Piece] = []
    parts: list[str] = []
    at = 0
    for a, b in ranges:
        raw = _read(store, article_id, a, b)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if parts:
            parts.append(GAP)
            at += len(GAP)
        pieces.append(Piece(a + lead, a + lead + len(body), at))
        parts.append(body)
        at += len(body)

    in_own = [m["actor_id"] for m in mentions if own_start <= m["start"] < hi]
    before = [m["actor_id"] for m in mentions if lo <= m["start"] < own_start]
    elsewhere = [m["actor_id"] for m in mentions if m["start"] < lo]
    nearby = list(dict.fromkeys(in_own + list(reversed(before)) + elsewhere))
    return StatementContext("".join(parts), pieces, speaker_sentence, nearby, mentions)
