"""Sentence lookup by token index. ``Token.sent`` walks the whole Doc on every call; the
rules ask for sentences thousands of times per article, so the boundaries are computed once."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_current: list = [None, None, None]  # doc, starts, spans


def _index(doc: Doc) -> tuple[list[int], list[Span]]:
    if _current[0] is not doc:
        spans = list(doc.sents) if len(doc) else []
        _current[0], _current[1], _current[2] = doc, [s.start for s in spans], spans
    return _current[1], _current[2]


def sent_of(item: Token | Span) -> Span:
    """The sentence of a token, or of a span's first token."""
    starts, spans = _index(item.doc)
    i = item.start if isinstance(item, Span) else item.i
    return spans[bisect_right(starts, i) - 1]


def start_before(sent: Span, n: int) -> int:
    """Where the ``n`` sentences before ``sent`` start (the Doc's start when fewer come first)."""
    start = sent.start
    for _ in range(n):
        if start == 0:
            break
        start = sent_of(sent.doc[start - 1]).start
    return start


def forget() -> None:
    _current[0] = _current[1] = _current[2] = None
