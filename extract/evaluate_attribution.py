"""Scoring attributions against PolNeAR-style gold, as ../shared/devsets/README.md describes.

Gold, one article: {"text", "attributions": [{"type", "source": [SPAN], "cue": [SPAN],
"content": [SPAN]}]} with SPAN = {"start", "end", "text"} (offsets into the gold text).
Predictions: statements with content and speaker spans in the *stored* text, which ingest may
have normalised; ``OffsetMap`` carries them back to the gold text.

Rules (the README's):
- a predicted statement is correct when its content overlaps some gold content by at least
  half of the shorter of the two;
- recall counts gold attributions of type "Attribution" with content matched by a prediction;
- speaker accuracy: among correct predictions, those whose speaker mention overlaps the source
  of a gold attribution they match;
- beside it, a strict F1 with the overlap counted against the longer span (rewards boundaries).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

Span = tuple[int, int]

PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me",
            "his", "their", "its", "our", "who", "which", "that"}
QUOTE_MARKS = "\"\u201c\u201d\u201e\u00ab\u00bb"


class OffsetMap:
    """Character offsets of one text (stored) mapped onto another (gold) by a diff."""

    def __init__(self, stored: str, gold: str):
        self._blocks = []
        if stored == gold:
            self._identity = True
            return
        self._identity = False
        matcher = difflib.SequenceMatcher(None, stored, gold, autojunk=False)
        self._blocks = [(a, b, n) for a, b, n in matcher.get_matching_blocks() if n]

    def __call__(self, pos: int) -> int:
        if self._identity:
            return pos
        best = 0
        for a, b, n in self._blocks:
            if a <= pos < a + n:
                return b + (pos - a)
            if a + n <= pos:
                best = b + n + (pos - a - n)
            else:
                break
        return best

    def span(self, start: int, end: int) -> Span:
        return self(start), max(self(start), self(end - 1) + 1) if end > start else self(start)


def _length(spans: list[Span]) -> int:
    return sum(e - s for s, e in spans)


def _overlap(a: list[Span], b: list[Span]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def matches(pred: list[Span], gold: list[Span], *, strict: bool = False) -> bool:
    shared = _overlap(pred, gold)
    if shared <= 0:
        return False
    base = max(_length(pred), _length(gold)) if strict else min(_length(pred), _length(gold))
    return shared >= 0.5 * base


@dataclass
class Attribution:
    content: list[Span]
    source: list[Span]
    cue_text: str
    source_text: str
    content_text: str
    counted: bool  # type "Attribution" with content: counts for recall

    @property
    def quoted(self) -> bool:
        return any(m in self.content_text for m in QUOTE_MARKS)

    @property
    def source_kind(self) -> str:
        words = [w for w in re.findall(r"[\w'.-]+", self.source_text)]
        if not words:
            return "none"
        if len(words) <= 2 and words[-1].lower() in PRONOUNS:
            return "pronoun"
        # A name has a capitalised word that does not start the phrase only because it starts it.
        if any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper()
                                                        and words[0].lower() not in PRONOUNS):
            return "name"
        return "nominal"


@dataclass
class Prediction:
    content: Span
    speaker: Span | None


def gold_attributions(article: dict) -> list[Attribution]:
    out = []
    for a in article.get("attributions", []):
        content = [(s["start"], s["end"]) for s in a.get("content") or []]
        source = [(s["start"], s["end"]) for s in a.get("source") or []]
        out.append(Attribution(
            content=content, source=source,
            cue_text=" ".join(s["text"] for s in a.get("cue") or []).lower().strip(),
            source_text=" ".join(s["text"] for s in a.get("source") or []),
            content_text=" ".join(s["text"] for s in a.get("content") or []),
            counted=a.get("type") == "Attribution" and bool(content),
        ))
    return out


@dataclass
class AttributionScore:
    predicted: int = 0
    correct: int = 0
    correct_strict: int = 0
    gold: int = 0
    found: int = 0
    found_strict: int = 0
    speaker_right: int = 0
    by_class: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[tuple[str, Attribution]] = field(default_factory=list)
    wrong: list[tuple[str, Span]] = field(default_factory=list)
    wrong_speaker: list[tuple[str, Span, Span | None, str]] = field(default_factory=list)  # pred, gold source

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def f1_strict(self) -> float:
        p = self.correct_strict / self.predicted if self.predicted else 0.0
        r = self.found_strict / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.correct if self.correct else 0.0

    def add_class(self, kind: str, value: str, hit: bool) -> None:
        counter = self.by_class[kind]
        counter[(value, "gold")] += 1
        counter[(value, "found")] += hit

    def recall_table(self, kind: str, top: int | None = None) -> list[tuple[str, int, float]]:
        counter = self.by_class[kind]
        values = Counter({v: n for (v, what), n in counter.items() if what == "gold"})
        return [(v, n, counter[(v, "found")] / n) for v, n in values.most_common(top)]

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4), "f1_strict": round(self.f1_strict, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "predicted": self.predicted, "correct": self.correct, "gold": self.gold, "found": self.found,
        }


def score_article(doc_id: str, gold: list[Attribution], preds: list[Prediction],
                  total: AttributionScore) -> None:
    """Add one article's figures to ``total``."""
    counted = [g for g in gold if g.counted]
    total.predicted += len(preds)
    total.gold += len(counted)
    for p in preds:
        hits = [g for g in gold if g.content and matches([p.content], g.content)]
        if not hits:
            total.wrong.append((doc_id, p.content))
            continue
        total.correct += 1
        total.correct_strict += any(matches([p.content], g.content, strict=True) for g in hits)
        if p.speaker and any(_overlap([p.speaker], g.source) > 0 for g in hits):
            total.speaker_right += 1
        else:
            total.wrong_speaker.append((doc_id, p.content, p.speaker, hits[0].source_text))
    for g in counted:
        hit = any(matches([p.content], g.content) for p in preds)
        total.found += hit
        total.found_strict += any(matches([p.content], g.content, strict=True) for p in preds)
        total.add_class("quoted", "quoted" if g.quoted else "not quoted", hit)
        total.add_class("source", g.source_kind, hit)
        total.add_class("cue", g.cue_text or "(none)", hit)
        if not hit:
            total.misses.append((doc_id, g))
