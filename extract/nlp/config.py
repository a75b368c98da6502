"""What the pure extraction needs besides the text: the active topics. Plain data, pickles."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TopicSpec:
    """A topic and the lemma sequences that mention it ('peace treaty' -> ('peace', 'treaty'))."""

    name: str
    patterns: list[tuple[str, ...]] = field(default_factory=list)
    # A proposal's patterns that only find it in its own article ('the cards' after 'ID cards'):
    # never stored as aliases, since a topic's aliases hold across articles.
    local_patterns: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class ExtractConfig:
    topics: list[TopicSpec] = field(default_factory=list)
    # Without a topics file, recurring noun phrases of the article become proposed topics.
    propose_topics: bool = True
    # Topic names the analyst deleted: never proposed again.
    blocked_topics: frozenset[str] = frozenset()
    max_proposed: int = 5
