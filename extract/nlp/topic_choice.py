"""Which topic a shared alias means in this article.

A topics file is global: 'control orders' can be an alias of two bills debated in different
weeks. Where an article's mention matches several topics, it belongs to the one the article
names unambiguously most often (its own name or an alias no other topic has); with no such
evidence the first match stays.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from .config import TopicSpec
from .topics import HYPHENS, TopicMention


def resolve_shared_aliases(doc: Doc, mentions: list[TopicMention], specs: list[TopicSpec]) -> list[TopicMention]:
    if len(specs) < 2 or not mentions:
        return mentions
    by_length: dict[int, list[tuple[tuple[str, ...], str]]] = {}
    for spec in specs:
        for pattern in spec.patterns:
            by_length.setdefault(len(pattern), []).append((pattern, spec.name))
    senses = [_topics_matching(doc, m, by_length) for m in mentions]
    plain = Counter(next(iter(s)) for s in senses if len(s) == 1)
    out = []
    for m, s in zip(mentions, senses):
        if len(s) > 1:
            best = max(sorted(s), key=lambda topic: plain[topic])
            if plain[best] > plain[m.topic]:
                m = TopicMention(best, m.start, m.end)
        out.append(m)
    return out


def _topics_matching(doc: Doc, m: TopicMention, by_length) -> set[str]:
    keys = [(t.lemma_.lower(), t.lower_) for t in doc[m.start:m.end] if t.text not in HYPHENS]
    return {name for pattern, name in by_length.get(len(keys), [])
            if all(word in key for word, key in zip(pattern, keys))} or {m.topic}
