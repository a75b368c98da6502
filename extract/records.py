"""What extraction produces for one article: plain data, no spaCy, no database.

``extract.nlp`` turns (text, config) into an ``ArticleExtraction``; ``store.extraction`` writes
it. Keeping this contract free of both sides lets extraction run in worker processes (the
records pickle cheaply) and lets tests build databases by hand.
Offsets are character offsets into the stored article text, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The role extraction gives a political party's actor: the holder rules know parties by it.
PARTY_ROLE = "political party"
# The role of a state's ministry, department or agency: it speaks for its country.
GOVERNMENT_ROLE = "government body"


@dataclass
class ActorRec:
    key: str                       # unique within the article; the canonical name is fine
    name: str                      # canonical name ('United States', 'John Kirby')
    type: str                      # person | organization | country | media | group
    aliases: list[str] = field(default_factory=list)   # other surface forms seen
    role: str | None = None        # 'spokesman', 'foreign minister'
    affiliation: str | None = None  # key of the ActorRec this one belongs to


@dataclass
class MentionRec:
    actor: str                     # ActorRec.key
    start: int
    end: int
    text: str
    label: str | None = None       # NER label or rule name


@dataclass
class StanceRec:
    topic: str                     # topic canonical name
    label: str                     # support | oppose | conditional | neutral
    confidence: float = 0.5
    evidence: str | None = None    # the words that decided the label


@dataclass
class StatementRec:
    content: str
    content_start: int
    content_end: int
    kind: str                      # direct | indirect | action
    speaker: str | None = None     # ActorRec.key, None when unresolved
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.5
    stances: list[StanceRec] = field(default_factory=list)


@dataclass
class TopicRec:
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class ArticleExtraction:
    actors: list[ActorRec] = field(default_factory=list)
    mentions: list[MentionRec] = field(default_factory=list)
    statements: list[StatementRec] = field(default_factory=list)
    proposed_topics: list[TopicRec] = field(default_factory=list)  # candidates, when no topics file
