"""Attributions whose cue is a noun: 'the union's call for a strike', 'a warning from the
unions that price hikes could spark confrontation', 'its decision to leave', 'Trump's claim
that ...'.

The construction is a noun with an owner, written as a possessive ('X's', 'its') or as 'by X'
/ 'from X', and a complement: a 'that' clause, an infinitive or a preposition with its object
('for', 'of', 'to', 'against', ...). Which nouns are cues with which complement is mined from
PolNeAR's train split (benchmarks/mine_cues.py --nouns -> data/noun_cues.toml), with their
precision as cues; ``[noun_cues]`` in lexicon.toml sets the floor and the count a form must
reach. The owner is who speaks and must resolve to an actor; the complement is the content.
A noun whose verb takes a side in the stance lexicon ('call', 'support', 'opposition',
'criticism', 'proposal') makes the statement an act on its complement, as 'proposed to hold
talks' is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, read_data

OWNER_PREPS = ("by", "from")
# Prepositions that date or place the noun ('X's call on Monday'), not its content.
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "week", "month", "year", "day", "morning", "afternoon", "evening", "night", "weekend"}
# From a noun to the verb it is made from ('criticism' -> 'criticize', 'opposition' ->
# 'oppose', 'proposal' -> 'propose', 'endorsement' -> 'endorse'), to read its side from
# the stance verbs.
DERIVATIONS = (("ism", ("ize", "ise")), ("ition", ("e",)), ("ation", ("", "e")), ("ion", ("", "e")),
               ("al", ("", "e")), ("ment", ("",)), ("ance", ("", "e")), ("ence", ("", "e")))
# 'under pressure from the IMF to raise tariffs': who presses wants what it presses for. No
# cue of PolNeAR's (it annotates no such attribution), but a side news reports.
PRESSING_FORMS = {("pressure", "to"), ("pressure", "for")}
POSSESSIVE_PRONOUNS = {"his": "m", "her": "f"}
ORG_POSSESSIVES = {"its"}


@dataclass
class NounCue:
    noun: Token
    owner: Token          # the head of who owns it ('union' in "the union's call")
    owner_kind: str       # poss | by
    comp: Token           # the head of the complement (the clause's verb, or the preposition)
    form: str             # that | to | a preposition
    lo: int               # content tokens [lo, hi)
    hi: int


def _dates(obj: Token) -> bool:
    """The object of a preposition dates the noun ('on Monday'), it is not its content."""
    return obj.lower_ in TIME_WORDS or obj.ent_type_ in ("DATE", "TIME")


def _complement(noun: Token, skip: Token | None) -> tuple[Token, str, int, int] | None:
    """The first complement after the noun: a 'that' clause, an infinitive or a preposition
    with its object."""
    for child in noun.rights:
        if skip is not None and child.i == skip.i:
            continue
        if child.dep_ in ("acl", "ccomp", "appos", "relcl") and child.pos_ in ("VERB", "AUX"):
            if any(g.dep_ == "mark" and g.lower_ == "that" for g in child.lefts):
                return child, "that", child.left_edge.i, child.right_edge.i + 1
            if child.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.lefts):
                return child, "to", child.left_edge.i, child.right_edge.i + 1
        if child.dep_ == "prep":
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is None or _dates(obj):
                continue
            return child, child.lower_, child.i + 1, child.right_edge.i + 1
    after = noun.right_edge.i + 1
    if noun.dep_ == "dobj" and after < len(noun.doc):
        # 'renewed their opposition to the tax': the parser hung the preposition on the verb
        prep = noun.doc[after]
        obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        if prep.dep_ == "prep" and prep.head.i == noun.head.i and obj is not None and not _dates(obj):
            return prep, prep.lower_, prep.i + 1, prep.right_edge.i + 1
    return None


def noun_constructions(doc: Doc):
    """Every noun with an owner and a complement (nouns without an owner are left alone)."""
    for noun in doc:
        if noun.pos_ != "NOUN":
            continue
        owner, kind, skip = None, None, None
        poss = next((c for c in noun.lefts if c.dep_ == "poss"), None)
        if poss is not None:
            owner, kind = poss, "poss"
        else:
            prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in OWNER_PREPS), None)
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            if pobj is not None:
                owner, kind, skip = pobj, "by", prep
        if owner is None:
            continue
        comp = _complement(noun, skip)
        if comp is None:
            continue
        head, form, lo, hi = comp
        if kind == "by" and lo <= owner.i < hi:
            continue
        yield NounCue(noun, owner, kind, head, form, lo, hi)


@lru_cache(maxsize=1)
def admitted_forms() -> frozenset[tuple[str, str]]:
    """(noun lemma, form) pairs mined as cues that reach the floor in lexicon.toml."""
    rules = read_data("lexicon.toml")["noun_cues"]
    mined = read_data("noun_cues.toml").get("forms", {})
    out = set()
    for key, figures in mined.items():
        lemma, form = key.rsplit(" ", 1)
        if figures["cue"] >= rules["min_count"] and figures["precision"] >= rules["min_precision"]:
            out.add((lemma, form))
    return frozenset(out)


def noun_side(lemma: str, lex: Lexicon) -> str | None:
    """The side the verb a noun is made from takes ('criticism' -> oppose, 'call' -> support)."""
    candidates = [lemma]
    for suffix, endings in DERIVATIONS:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            candidates += [lemma[:-len(suffix)] + e for e in endings]
    for verb in candidates:
        if verb in lex.support_verbs:
            return "support"
        if verb in lex.oppose_verbs:
            return "oppose"
    return None


def noun_statements(finder) -> list:
    """Statements of a StatementFinder's doc whose cue is an admitted noun; the speaker is
    left to the finder's resolver (``subject`` is the owner)."""
    from .statements import Found, _span_chars

    doc, forms = finder.doc, admitted_forms()
    out = []
    for nc in noun_constructions(doc):
        lemma = nc.noun.lemma_.lower()
        pressing = (lemma, nc.form) in PRESSING_FORMS and nc.owner_kind == "by"
        if (lemma, nc.form) not in forms and not pressing:
            continue
        if nc.noun.i in finder.quote_of_token or nc.owner.i in finder.quote_of_token:
            continue  # quoted words are a direct quote's
        start, end = _span_chars(doc, nc.lo, nc.hi)
        if start < 0:
            continue
        # pressing is an act, not speech, and its partners share it ('from the EU and the IMF')
        found = Found("action" if pressing else "indirect", start, end, cue=nc.noun, cue_end=nc.noun, subject=nc.owner,
                      order=nc.noun.i, confidence=0.6)
        if nc.form != "that":
            # 'the union's call for a strike', 'its refusal to pay': an act on the complement;
            # an intention in an infinitive ('Britain's decision to leave') wants what it names.
            found.verb_class = noun_side(lemma, finder.lex) or ("support" if nc.form == "to" or pressing else None)
            found.negated = nc.form == "to" and any(c.dep_ == "neg" for c in nc.comp.children)
        found.extras["noun_cue"] = True
        out.append(found)
    return out


def _governing_subject(finder, owner: Token) -> Token | None:
    """'Greenpeace repeated its opposition to ...', 'He renewed his call for ...': the subject
    of the verb the owned noun hangs on (through a preposition: 'stood by his claim')."""
    node = owner.head
    for _ in range(3):
        if node.dep_ not in ("dobj", "pobj", "prep", "attr", "conj") or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subject = finder.speakers.subject_of(node)
            return subject if subject is not None and subject.i != owner.i else None
    return None


def resolve_possessives(finder, found: list) -> None:
    """'his call', 'its decision', 'their opposition': a possessive pronoun is the subject of
    the verb its noun hangs on when that one can be it ('Trump defended his attack on ...':
    the speaker as written is 'Trump', as news annotators mark it); else 'her' as the resolver
    reads it, and 'his' or 'its' the last person (of that gender) or organisation that spoke."""
    from .speakers import Speaker

    speakers, table = finder.speakers, finder.table
    for f in found:
        owner = f.subject
        if not f.extras.get("noun_cue") or owner.pos_ != "PRON":
            continue
        lower = owner.lower_
        subject = _governing_subject(finder, owner)
        resolved = speakers.resolve(subject) if subject is not None else None
        if resolved is not None and resolved.key is not None:
            if f.speaker is not None and f.speaker.key == resolved.key:
                f.speaker = resolved
                continue
            person = table.actors[resolved.key].type == "person"
            if f.speaker is None and (person == (lower in POSSESSIVE_PRONOUNS) or lower == "their"):
                f.speaker = resolved
                continue
        if f.speaker is not None:
            continue
        key = None
        if lower in POSSESSIVE_PRONOUNS:
            key = speakers.recent_person(owner, POSSESSIVE_PRONOUNS[lower])
        elif lower in ORG_POSSESSIVES:
            key = speakers.recent(owner.i, ("organization", "country"), speakers_only=True)
        if key is not None:
            f.speaker = Speaker(key, owner.text, owner.idx, owner.idx + len(owner))
