"""Text helpers that keep offsets: everything here returns strings of the same length."""

from __future__ import annotations

import re

# A newline that may only wrap a line (hard-wrapped newswire): not a blank line and not
# followed by an indented paragraph start.
_WRAP = re.compile(r"(?<!\n)\n(?![\n \t])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]{2,}\S)|\n")
# Hard-wrapped text breaks its lines at 80 columns or less; after a longer line a single newline
# ends a paragraph (web text with one paragraph a line), it does not wrap one.
WRAP_WIDTH = 100


def _line_before(text: str, pos: int) -> int:
    return pos - (text.rfind("\n", 0, pos) + 1)


def unwrap(text: str) -> str:
    """Replace wrapping newlines with spaces (same length, so offsets stay valid) so that the
    parser sees sentences whole."""
    return _WRAP.sub(lambda m: "\n" if _line_before(text, m.start()) > WRAP_WIDTH else " ", text)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: split at blank lines, at indented line starts and at a
    single newline after a line too long to be a wrapped one."""
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.group() == "\n" and _line_before(text, m.start()) <= WRAP_WIDTH:
            continue
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
