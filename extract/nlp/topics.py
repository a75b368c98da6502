"""Topics: find where the configured topics are mentioned, or propose topics for an article.

Matching is on lemmas, case-insensitively: a token matches a pattern word when its lemma or its
lower-case form equals it, so 'peace treaty talks' matches the pattern ('peace', 'treaty') and
'treaties' matches 'treaty'. Proposals are recurring noun phrases with their variants merged
('peace treaty', 'peace treaty talks' -> 'peace treaty').
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from ..records import TopicRec
from .actors import ActorTable
from .config import ExtractConfig, TopicSpec

# Heads too generic to be a topic on their own.
def _stop_words() -> frozenset[str]:
    with open(Path(__file__).parent / "data" / "topics.toml", "rb") as fh:
        return frozenset(tomllib.load(fh)["proposals"]["stop_words"])


# Words never proposed as a topic on their own (data/topics.toml).
GENERIC = _stop_words()
VARIANT_TAILS = {"talk", "negotiation", "issue", "deal", "process", "plan", "question", "agreement",
                 "discussion", "program", "programme", "policy", "proposal", "effort", "bill", "law"}


HYPHENS = {"-", "\u2010", "\u2011", "\u2013"}


@dataclass
class TopicMention:
    topic: str
    start: int   # token index
    end: int


def token_keys(doc: Doc) -> list[tuple[str, str]]:
    return [(t.lemma_.lower(), t.lower_) for t in doc]


def match_topics(doc: Doc, topics: list[TopicSpec]) -> list[TopicMention]:
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for spec in topics:
        for pattern in spec.patterns:
            if pattern:
                by_first[pattern[0]].append((pattern, spec.name))
    if not by_first:
        return []
    # Hyphens are skipped on both sides: 'phase-out' matches 'phase out'.
    index = [t.i for t in doc if t.text not in HYPHENS]
    keys = [(doc[i].lemma_.lower(), doc[i].lower_) for i in index]
    out: list[TopicMention] = []
    taken_until = -1
    for j, (lemma, lower) in enumerate(keys):
        if j < taken_until:
            continue
        candidates = by_first.get(lemma, []) + (by_first.get(lower, []) if lower != lemma else [])
        best = None
        for pattern, name in candidates:
            n = len(pattern)
            if j + n <= len(keys) and all(pattern[k] in keys[j + k] for k in range(n)):
                if best is None or n > best[0]:
                    best = (n, name)
        if best:
            out.append(TopicMention(best[1], index[j], index[j + best[0] - 1] + 1))
            taken_until = j + best[0]
    return out


KEEP_MODIFIERS = {"nuclear", "military", "free", "climate", "carbon", "illegal", "joint", "economic"}


def _hyphen_joined(chunk) -> list[tuple[object, str]]:
    """Content words of a noun chunk as (head token, lemma key), with hyphenated compounds
    kept whole ('coal phase-out' -> 'coal', 'phase-out'; 'back-to-work legislation')."""
    groups: list[list] = []
    for t in chunk:
        if groups and (t.text in HYPHENS or groups[-1][-1].text in HYPHENS) and not groups[-1][-1].whitespace_:
            groups[-1].append(t)
        else:
            groups.append([t])
    out: list[tuple[object, str]] = []
    for g in groups:
        if len(g) > 1:
            words = [t.lower_ for t in g[:-1]] + [g[-1].lemma_.lower()]
            out.append((g[-1], "".join(words)))
            continue
        t = g[0]
        if t.is_stop or t.is_punct or t.is_space or t.like_num or t.pos_ in ("DET", "PRON", "NUM", "PART"):
            continue
        out.append((t, t.lemma_.lower()))
    return out


def propose_topics(doc: Doc, table: ActorTable, config: ExtractConfig) -> list[TopicSpec]:
    """Recurring noun phrases of the article, variants merged, most frequent first."""
    counts: Counter[tuple[str, ...]] = Counter()
    surfaces: dict[tuple[str, ...], str] = {}
    for chunk in doc.noun_chunks:
        words = _hyphen_joined(chunk)
        if not words or any(t.i in table.by_token for t, _ in words):
            continue
        if any(t.ent_type_ in ("PERSON", "GPE", "DATE", "MONEY", "CARDINAL", "PERCENT", "TIME", "ORDINAL", "QUANTITY")
               for t, _ in words):
            continue
        while words and words[0][0].pos_ in ("ADJ", "ADV") and words[0][1] not in KEEP_MODIFIERS:
            words = words[1:]
        if not words or not all(w.replace("-", "").isalpha() for _, w in words):
            continue
        key = tuple(w for _, w in words)
        if len(key) == 1 and (key[0] in GENERIC or len(key[0]) < 4):
            continue
        counts[key] += 1
        surfaces.setdefault(key, " ".join(t.lower_ if "-" not in w else w for t, w in words))
    # Merge 'peace treaty talks' into 'peace treaty' when the shorter one is a topic itself.
    merged: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in sorted(counts, key=len):
        for other in list(merged.values()) + [k for k in counts if len(k) < len(key)]:
            if len(other) < len(key) and key[:len(other)] == other and all(w in VARIANT_TAILS for w in key[len(other):]):
                merged[key] = merged.get(other, other)
                break
        else:
            merged[key] = key
    totals: Counter[tuple[str, ...]] = Counter()
    variants: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key, n in counts.items():
        root = merged[key]
        totals[root] += n
        variants[root].add(surfaces[key])
    out = []
    for root, n in totals.most_common():
        if n < 2:
            break
        if len(root) == 1 and n < 3:
            continue  # a single word must recur more to be a topic
        if root[-1] in GENERIC and len(root) == 1:
            continue
        name = " ".join(root)
        if name in config.blocked_topics:
            continue
        out.append(TopicSpec(name, [root, *{tuple(v.split()) for v in variants[root]}]))
        if len(out) >= config.max_proposed:
            break
    return out


def as_records(specs: list[TopicSpec]) -> list[TopicRec]:
    return [TopicRec(s.name, sorted({" ".join(p) for p in s.patterns} - {s.name})) for s in specs]
