"""Titles in running text ('Foreign Minister', 'chief executive', 'spokesman'), found by the
word sequences of the packaged list (lexicon.toml [roles] titles, longest first)."""

from __future__ import annotations

from spacy.tokens import Doc

from .lexicon import Lexicon


def title_at(doc: Doc, i: int, lex: Lexicon) -> tuple[str, int] | None:
    """A title (possibly multi-word) starting at token i: (title, end index)."""
    if i >= len(doc) or doc[i].lower_ not in lex.title_words:
        return None
    for title in lex.titles:
        end = i + len(title)
        if end <= len(doc) and tuple(t.lower_ for t in doc[i:end]) == title:
            return _written(title), end
    return None


def title_ending_at(doc: Doc, end: int, lex: Lexicon, floor: int) -> tuple[str, int] | None:
    """A title whose last token is end-1: (title, start index)."""
    if end < 1 or doc[end - 1].lower_ not in lex.title_words:
        return None
    for title in lex.titles:
        start = end - len(title)
        if start >= floor and tuple(t.lower_ for t in doc[start:end]) == title:
            return _written(title), start
    return None


def _written(title: tuple[str, ...]) -> str:
    return " ".join(title).replace(" - ", "-")  # 'director-general' as written


def part_of_title(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """An entity that is the start of a multi-word title running past it ('Home' + 'Secretary')."""
    for i in range(start, end):
        found = title_at(doc, i, lex)
        if found and found[1] > end:
            return True
    return False


def titled_apposition(doc: Doc, comma: int, lex: Lexicon) -> bool:
    """A post set off by the comma at ``comma`` ('Ann Cole, Tory shadow home secretary, said'):
    a word of a title before the next punctuation, within six words (the title may be
    longer than any on the list: 'shadow work and pensions secretary')."""
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return False
    for j in range(comma + 1, min(len(doc), comma + 7)):
        if doc[j].is_punct:
            return False
        if doc[j].lower_ in lex.title_words:
            return True
    return False
