"""Text helpers that keep offsets: everything here returns strings of the same length."""

from __future__ import annotations

import re

# A newline that only wraps a line (hard-wrapped newswire): not a blank line and not followed
# by an indented paragraph start.
_WRAP = re.compile(r"(?<!\n)\n(?![\n \t])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]{2,}\S)")


def unwrap(text: str) -> str:
    """Replace wrapping newlines with spaces (same length, so offsets stay valid) so that the
    parser sees sentences whole."""
    return _WRAP.sub(" ", text)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: split at blank lines and at indented line starts."""
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
