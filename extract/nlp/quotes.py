"""Direct quotations: the character spans between quote marks, paragraph by paragraph.

Straight and curly double quotes are both handled, and two apostrophes ('' as the New York
Times archive writes a double quote) count as one straight mark. A quote never runs past its paragraph: an
opening mark left unclosed at the end of a paragraph that it starts (the newswire convention
for a quote continued in the next paragraph) closes there; any other unbalanced mark is
ignored, so a stray quote can never swallow the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import paragraph_spans

OPENERS = {"\u201c", "\u201e", "\u00ab"}
CLOSERS = {"\u201d", "\u00bb"}
STRAIGHT = '"'
DOUBLE_APOSTROPHE = "''"


@dataclass
class Quote:
    start: int          # first character inside the marks
    end: int            # one past the last character inside the marks
    open_mark: int      # offset of the opening mark
    close_mark: int | None  # offset of the closing mark, None if closed by the paragraph end
    paragraph: int      # index of the paragraph


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        open_at: int | None = None
        width = 1  # of the opening mark
        i = p_start
        while i < p_end:
            ch = text[i]
            straight = 2 if text.startswith(DOUBLE_APOSTROPHE, i) else 1 if ch == STRAIGHT else 0
            if straight:
                if open_at is None:
                    open_at, width = i, straight
                elif _continues(text, open_at + width - 1, i, p_start, p_end):
                    # '"A. "B."': BBC style, each sentence of a long quote reopens the marks.
                    end = i
                    while end > open_at + width and text[end - 1].isspace():
                        end -= 1
                    quotes.append(Quote(open_at + width, end, open_at, None, p_index))
                    open_at, width = i, straight
                else:
                    quotes.append(Quote(open_at + width, i, open_at, i + straight - 1, p_index))
                    open_at = None
                i += straight
                continue
            if ch in OPENERS:
                open_at, width = i, 1  # a second opener restarts: the first one was stray
            elif ch in CLOSERS and open_at is not None:
                quotes.append(Quote(open_at + width, i, open_at, i, p_index))
                open_at = None
            i += 1
        if open_at is not None and not text[p_start:open_at].strip():
            end = p_end
            while end > open_at + width and text[end - 1].isspace():
                end -= 1
            quotes.append(Quote(open_at + width, end, open_at, None, p_index))
    return [q for q in quotes if q.end > q.start]


def _continues(text: str, open_at: int, i: int, p_start: int, p_end: int) -> bool:
    """A straight mark at i that opens a new sentence of the same quotation rather than closing
    the one opened at open_at: it follows a finished sentence and a space, and starts a word."""
    before = text[open_at + 1:i].rstrip()
    return (i + 1 < p_end and not text[i + 1].isspace() and text[i - 1].isspace()
            and before[-1:] in (".", "?", "!") and len(before.split()) >= 3)


# Words a title leaves in lower case ('State of the Union', 'Midday with Charlie Sykes').
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "with", "for", "in", "on", "to", "at", "by", "is", "no"}
# What stands before a programme's, book's or campaign's name: a capitalised owner's possessive
# ('on CNN’s "State of the Union"', 'NBC’s "Today"') or a preposition ('an interview on
# "Hannity"', 'the founder of "Americans for Reform"').
_TITLE_LEAD = re.compile(r"(?:\b[A-Z][\w.]*['\u2019]s|\b(?:on|of|in|from|to|with))$")
# The kind of work a title names, just before it ('the Syfy movie "Sharknado"', 'In his
# autobiography, "A Time for Truth,"') or after it, with the people of a show ('"Daily Show"
# host Trevor Noah', '"Orange is the New Black" star Selenis Leyva').
WORK_KINDS = {"book", "film", "movie", "show", "program", "programme", "album", "novel", "series",
              "memoir", "autobiography", "documentary", "episode", "sitcom"}
_WORK_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(WORK_KINDS)) + r"),?$")
_WORK_AFTER = re.compile(r"^[\u201d\"',.!?]*\s+(?:" + "|".join(sorted(WORK_KINDS | {"star", "host", "anchor", "cast"}))
                         + r")\b")


def is_title(text: str, q: Quote) -> bool:
    """A quote that names something instead of reporting words: every word capitalised but
    the small ones, right after an owner's possessive or a preposition, or next to the kind of
    work it names. PolNeAR train-300 had 16 such quotes after a possessive or a preposition
    counted wrong as statements ('Sunday on CNN’s "Fareed Zakaria GPS," Ryan said ...'),
    against 4 its coders took as speech, and 4 next to a kind of work, none right."""
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", text[q.start:q.end])
    if not words or not words[0][0].isupper():
        return False
    if not all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words):
        return False
    before = text[:q.open_mark].rstrip(" \t\u00a0")
    after = text[q.end:q.end + 40]
    return bool(_TITLE_LEAD.search(before) or _WORK_BEFORE.search(before) or _WORK_AFTER.match(after))


def word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))
