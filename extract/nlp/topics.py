"""Topics: find where the configured topics are mentioned, or propose topics for an article.

Matching is on lemmas, case-insensitively: a token matches a pattern word when its lemma or its
lower-case form equals it, so 'peace treaty talks' matches the pattern ('peace', 'treaty') and
'treaties' matches 'treaty'. Proposals are recurring noun phrases with their variants merged
('peace treaty', 'peace treaty talks' -> 'peace treaty').
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..records import TopicRec
from .actors import ActorTable
from .config import ExtractConfig, TopicSpec
from .lexicon import load

def _proposal_data() -> dict:
    with open(Path(__file__).parent / "data" / "topics.toml", "rb") as fh:
        return tomllib.load(fh)["proposals"]


_DATA = _proposal_data()
# Words never proposed as a topic on their own (data/topics.toml).
GENERIC = frozenset(_DATA["stop_words"])
# Words that, added before or after a proposed phrase, make a variant of it rather than a new
# topic: talk-like heads ('peace treaty talks') and aspects ('climate finance goal'). Heads that
# make a topic of their own ('trade deal', 'nuclear program') are deliberately not here.
VARIANT_TAILS = frozenset(_DATA["variant_heads"])


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


def developed(doc: Doc, mentions: list[TopicMention], curated: set[str]) -> list[TopicMention]:
    """The mentions of the topics this article is about. A topics file is global and its
    aliases can be single common words ('debt', 'merger', 'replaced'); one such alias alone
    does not bring a curated topic into an article: it takes the topic's own name, a mention of
    two words or more, or two different words. Proposed topics come from the article itself
    and all stay."""
    forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    named: set[str] = set()
    for m in mentions:
        toks = [t for t in doc[m.start:m.end] if t.text not in HYPHENS]
        forms[m.topic].add(tuple(t.lemma_.lower() for t in toks))
        if " ".join(t.lower_ for t in toks) == m.topic.lower():
            named.add(m.topic)
    kept = {topic for topic, fs in forms.items()
            if topic not in curated or topic in named or len(fs) >= 2 or any(len(f) >= 2 for f in fs)}
    return [m for m in mentions if m.topic in kept]


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


@dataclass
class _Candidate:
    key: tuple[str, ...]                       # lemma words, for matching and merging
    count: int = 0
    surfaces: Counter = field(default_factory=Counter)   # as written, case kept
    lower_mid: bool = False                    # written lower-case somewhere mid-sentence
    upper_mid: bool = False                    # written capitalised somewhere mid-sentence


def propose_topics(doc: Doc, table: ActorTable, config: ExtractConfig) -> list[TopicSpec]:
    """Noun phrases of the article that could be topics, variants merged, most frequent first.
    Each is named as a reader writes it ('binding arbitration', 'tariffs', 'Korean War'); its
    lemma form stays among the patterns for matching. ``keep_spoken`` then keeps those that
    statements talk about."""
    cands: dict[tuple[str, ...], _Candidate] = {}
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
        if len(key) == 1 and (key[0] in GENERIC or len(key[0]) < 4 or words[0][0].pos_ == "PROPN"):
            continue  # a lone proper noun is a place or an actor ('the North'), not an issue
        c = cands.setdefault(key, _Candidate(key))
        c.count += 1
        first = words[0][0]
        surface = doc[_group_start(doc, first):words[-1][0].i + 1].text
        surface = " ".join(surface.split())
        c.surfaces[surface] += 1
        if not first.is_sent_start:
            if all(_capitalised(t) for t, _ in words):
                c.upper_mid = True
            else:
                c.lower_mid = True
    roots = _merge_variants(cands)
    out = []
    ranked = sorted(roots.items(), key=lambda kv: -sum(cands[k].count for k in kv[1]))
    for root, members in ranked:
        if len(root) == 1 and root[0] in GENERIC:
            continue
        if root[-1] in _title_heads() or len(root) == 1 and root[0] in _source_nouns():
            continue  # 'ministry official', 'senator', 'employees': who speaks, not what about
        if sum(cands[k].count for k in members) < 2:
            continue  # named once in the whole article: not a recurring phrase
        name = _display_name(cands[root])
        lemma_name = " ".join(root)
        if {name.casefold(), lemma_name} & config.blocked_topics:
            continue
        patterns = {root}
        for k in members:
            patterns.add(k)
            patterns |= {tuple(s.lower().split()) for s in cands[k].surfaces}
        out.append(TopicSpec(name, sorted(patterns)))
    return out


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """Last words of titles ('minister', not 'finance'): never the head of a topic."""
    return frozenset(title[-1] for title in load().titles)


@lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    """Nouns that head sources often ('employees'): never a topic on their own, though
    'Clean Power Plan' stays."""
    floor = _DATA["speaker_noun_min"]
    return frozenset(n for n, count in load().source_nouns.items() if count >= floor)


def keep_spoken(proposed: list[TopicSpec], mentions: list[TopicMention],
                spans: list[tuple[int, int]], limit: int) -> list[TopicSpec]:
    """The proposals worth keeping: those statements talk about. A single word must come up in
    at least two statements ('tariffs'); a phrase of several words may stand alone."""
    said_in: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        for n, (lo, hi) in enumerate(spans):
            if lo <= m.start and m.end <= hi:
                said_in[m.topic].add(n)
    out = []
    for spec in proposed:
        need = 2 if len(spec.name.split()) == 1 else 1
        if len(said_in.get(spec.name, ())) >= need:
            out.append(spec)
    return out[:limit]


def _group_start(doc: Doc, token) -> int:
    """Where a hyphenated compound ending at ``token`` starts."""
    i = token.i
    while i >= 2 and doc[i - 1].text in HYPHENS and not doc[i - 2].whitespace_:
        i -= 2
    return i


def _capitalised(token) -> bool:
    return token.text[:1].isupper()


def _display_name(c: _Candidate) -> str:
    """The most frequent written form; lower-cased unless it is always capitalised where it
    is not the first word of a sentence (a proper name: 'Korean War', 'Yellow Sea')."""
    surface = max(c.surfaces.items(), key=lambda kv: (kv[1], kv[0].islower()))[0]
    if c.upper_mid and not c.lower_mid:
        return surface
    return surface.lower()


def _merge_variants(cands: dict[tuple[str, ...], _Candidate]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Group each phrase under the shortest phrase it extends with talk-like or aspect words
    only, before or after ('peace treaty talks', 'climate finance goal'); a shorter phrase that
    is too generic to be a topic takes no variants ('trade' does not absorb 'trade talks')."""
    root_of: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in sorted(cands, key=len):
        root_of[key] = key
        for other in sorted((k for k in root_of if len(k) < len(key)), key=len):
            if len(other) == 1 and other[0] in GENERIC:
                continue
            n = len(other)
            for lo in range(len(key) - n + 1):
                if key[lo:lo + n] == other and all(w in VARIANT_TAILS for w in key[:lo] + key[lo + n:]):
                    root_of[key] = root_of[other]
                    break
            if root_of[key] != key:
                break
    for key in cands:
        # 'hunting' and 'hunts' are one issue when the article uses both; 'taxis' is not 'taxes'
        # (different lemmas, no -ing form).
        stem = _ing_stem(key[-1])
        if stem and key[:-1] + (stem,) in cands:
            root_of[key] = root_of[key[:-1] + (stem,)]
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key, root in root_of.items():
        groups[root].append(key)
    return groups


def _ing_stem(word: str) -> str | None:
    """'hunting' -> 'hunt', 'shipping' -> 'ship'; None for other words."""
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem


def as_records(specs: list[TopicSpec]) -> list[TopicRec]:
    return [TopicRec(s.name, sorted({" ".join(p) for p in s.patterns} - {s.name})) for s in specs]
