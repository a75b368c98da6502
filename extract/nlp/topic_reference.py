"""Topics referred back to: 'the plans', 'this bill', 'its measures'.

A topics file is global, so it leaves out aliases that only refer back ('the deal' is a
different deal in every article); which issue such a phrase stands for is resolved here, in
the article: a definite noun phrase headed by a proposal noun, with nothing after it that names
what it is ('the plan to cut taxes' names its own issue), refers to the topic last named before
it with the same head noun ('the Anti-Terrorism Bill' ... 'the bill').

Only the head noun decides. Falling back on the topic of the sentence before linked other
speakers' plans to the wrong issue (on stance_dev: 6 more pairs wrong, none gained), and so did
letting a named owner through ('the Minister's proposals' are not the Commission's).
Only an 'it' that a verb takes a side on ('will vote against it') in a statement that names no
topic reaches back to the sentence before (pronoun_object_mentions).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .acts import ADVOCACY_VERBS
from .sents import sent_of
from .topics import PROPOSAL_HEADS, TopicMention

# Words before a proposal noun that point back to one named before ('the', 'these', 'its').
REFERRING_DETERMINERS = {"the", "this", "these", "that", "those", "its", "their", "his", "her", "our"}
# Children of the noun that say which one is meant: 'the plan to ...', 'the bill on ...'.
DEFINING_DEPS = {"prep", "acl", "relcl", "appos", "compound", "amod", "nummod", "ccomp"}
# Modifiers that still refer back ('the new plans', 'the proposed bill').
REFERRING_MODIFIERS = {"new", "proposed", "controversial", "latest", "original", "planned", "draft",
                       "revised", "same", "current", "whole"}


def referring_mentions(doc: Doc, mentions: list[TopicMention]) -> list[TopicMention]:
    """Mentions for the proposal nouns that refer back to a topic already named."""
    if not mentions:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out: list[TopicMention] = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "NOUN" or tok.lemma_.lower() not in PROPOSAL_HEADS:
            continue
        if not _refers_back(tok):
            continue
        topic = _antecedent(doc, tok, mentions)
        if topic is not None:
            out.append(TopicMention(topic, tok.i, tok.i + 1))
    return out


def _refers_back(tok: Token) -> bool:
    dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
    if not dets:
        return False
    if not all(d.lower_ in REFERRING_DETERMINERS for d in dets):
        return False  # 'the Minister's proposals' may be other proposals than the ones named
    for c in tok.children:
        if c.dep_ == "amod" and c.lower_ in REFERRING_MODIFIERS:
            continue
        if c.dep_ in DEFINING_DEPS:
            return False
    return True


def _antecedent(doc: Doc, tok: Token, mentions: list[TopicMention]) -> str | None:
    earlier = [m for m in mentions if m.end <= tok.i]
    if not earlier:
        return None
    head = tok.lemma_.lower()
    # The topic last named with the same head noun ('the Anti-Terrorism Bill' ... 'the bill').
    for m in reversed(earlier):
        if any(t.lemma_.lower() == head for t in doc[m.start:m.end]) or head in m.topic.lower().split():
            return m.topic
    return None


# Prepositions whose object a verb takes a side on ('vote against it', 'fight for it').
SIDE_PREPOSITIONS = {"for", "against"}


def pronoun_object_mentions(doc: Doc, lo: int, hi: int, mentions: list[TopicMention], lex) -> list[TopicMention]:
    """'The Tories say they will vote against it unless ...', 'Labour will back it': an 'it'
    that a verb taking a side acts on, in a statement that names no topic, stands for the
    topic named last before it in its sentence or the one before."""
    out: list[TopicMention] = []
    for tok in doc[lo:hi]:
        if tok.lower_ != "it" or tok.dep_ not in ("dobj", "pobj"):
            continue
        verb = tok.head
        if tok.dep_ == "pobj":
            if verb.lower_ not in SIDE_PREPOSITIONS:
                continue
            verb = verb.head
            if verb.lemma_.lower() not in ADVOCACY_VERBS | {"vote"}:
                continue
        elif verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.support_verbs | lex.oppose_verbs:
            continue
        topic = _pronoun_antecedent(doc, tok, mentions)
        if topic is not None:
            out.append(TopicMention(topic, tok.i, tok.i + 1))
    return out


def _pronoun_antecedent(doc: Doc, pronoun: Token, mentions: list[TopicMention]) -> str | None:
    sent = sent_of(pronoun)
    start = sent_of(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    earlier = [m for m in mentions if start <= m.start and m.end <= pronoun.i
               and doc[m.start:m.end].root.tag_ not in ("NNS", "NNPS")]  # 'it' is one thing
    # A subject is what the text is about ('Blair said the bill, which brings in house arrest,
    # had safeguards. The Tories will vote against it'): the last subject that is a topic, or
    # a proposal noun that refers back to one, goes before the last topic named.
    for tok in reversed(doc[start:pronoun.i]):
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN" or tok.tag_ == "NNS" \
                or tok.head.tag_ in ("VBG", "VBN", "VB") and tok.head.dep_ == "xcomp":
            continue  # a plural is no 'it'; 'time limiting safeguards' has no subject of a clause
        inside = next((m.topic for m in earlier if m.start <= tok.i < m.end), None)
        if inside is None and tok.lemma_.lower() in PROPOSAL_HEADS:
            inside = _antecedent(doc, tok, mentions)
        if inside is not None:
            return inside
    return earlier[-1].topic if earlier else None
