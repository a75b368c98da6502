"""Stance acts: what an actor does about a topic, as news reports it ('Pyongyang rejected the
proposal', 'voted against the levy', 'renewed its opposition to the wind farm', 'the tax was
backed by Norway'). Each act is a statement of kind 'action' with the side its verb takes
(``verb_class``); stance.py reads the side on the topics it names, and extractor.py keeps an act
only when it is about a topic, unless its verb is a mined cue ('endorsed Clinton').
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon
from .noun_cues import noun_side
from .speakers import is_vague
from .statements import Found, _agent, _negated, _span_chars

# Nouns that stand for a proposal made earlier ('rejected the counterproposal').
ANAPHORIC_OBJECTS = {"proposal", "counterproposal", "offer", "plan", "demand", "idea", "call",
                     "response", "deal", "initiative", "request", "suggestion", "proposition",
                     "overture", "position", "stance", "bid", "approach", "agreement", "terms",
                     "measure", "measures", "move", "restriction", "rule", "policy", "decision",
                     "law", "legislation", "step", "action"}
COUNTER_OBJECTS = {"counterproposal", "response", "counteroffer", "terms"}
# Verbs that carry the side of the stance noun they take ('repeated its criticism').
CARRIER_VERBS = {"renew", "repeat", "reiterate", "restate", "voice", "express", "signal", "register"}
# What a price is asked for ('charged an initiation fee').
PRICE_NOUNS = {"fee", "fees", "rent", "price", "prices", "rate", "rates", "premium", "toll", "fare", "interest"}
# The side a vote takes by its preposition.
VOTE_SIDES = {"for": "support", "against": "oppose"}
# Verbs whose 'for' / 'against' takes the side, whatever the verb alone takes ('fought for
# the levy' backs it, 'asked for more investment' wants it, 'campaigned against' opposes).
ADVOCACY_VERBS = {"ask", "campaign", "lobby", "argue", "fight", "press", "push", "plead", "appeal"}
# Nouns of objecting that news hangs on what was done against them ('approved the loan over
# U.S. objections', 'despite Greek opposition', 'in the face of protests from farmers').
OBJECTION_NOUNS = {"opposition", "objection", "protest", "resistance"}
CONCESSIVE_PREPS = {"despite", "over", "notwithstanding"}


def find_acts(finder) -> list[Found]:
    """The stance acts of a StatementFinder's doc, in text order."""
    doc, lex = finder.doc, finder.lex
    out = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.i in finder.used_cues:
            continue
        lemma = tok.lemma_.lower()
        verb_class = "support" if lemma in lex.support_verbs else "oppose" if lemma in lex.oppose_verbs else None
        objects = [c for c in tok.children if c.i > tok.i and (
            c.dep_ in ("dobj", "xcomp", "prep", "ccomp", "attr", "prt", "dative")
            or c.dep_ in ("advmod", "npadvmod") and c.pos_ in ("NOUN", "ADJ"))]
        if lemma == "vote" or lemma in ADVOCACY_VERBS:
            # 'voted for the deal' / 'voted against the levy', 'fought for the levy',
            # 'campaigned against it': the preposition takes the side; 'voted to condemn X' is
            # the act of the verb it governs.
            side = next((c for c in objects if c.dep_ == "prep" and c.lower_ in VOTE_SIDES), None)
            if side is None:
                if lemma == "vote":
                    continue
            else:
                verb_class, objects = VOTE_SIDES[side.lower_], [side]
        if verb_class is not None and (passive := passive_act(finder, tok, verb_class)) is not None:
            out.append(passive)
            continue
        if not objects or any(c.dep_ == "auxpass" for c in tok.children):
            continue  # 'Blair was urged to ...': the subject is acted upon, it does not act
        if lemma == "charge" and _a_price(objects):
            continue
        # 'endorsed Clinton', 'cited a report', 'blasted the ruling': an act news reports as
        # an attribution (a cue mined from the train split) is a statement of its own.
        standalone = lemma in lex.dobj_cues and any(c.dep_ == "dobj" for c in objects)
        carried = carried_side(lemma, objects, lex)
        if carried:
            # 'repeated its criticism', 'renewed its opposition': the noun takes the side
            verb_class, generic_object = carried, False
        elif verb_class is None and standalone:
            generic_object = False
        elif verb_class is None:
            # 'renewed its calls for', 'pressed the demand'
            dobj = next((c for c in objects if c.dep_ == "dobj"), None)
            if dobj is None or dobj.lemma_.lower() not in ("call", "demand", "proposal", "push", "bid", "plea"):
                continue
            verb_class = "support"
            generic_object = True
        else:
            generic_object = False
        subject = finder._subject(tok)
        if subject is None or is_vague(subject):
            continue  # 'they recalled', 'I thanked him', 'most proposed': narration, not an act to report
        speaker = finder.speakers.resolve(subject)
        if speaker is None or speaker.key is None or (
                finder.table.actors[speaker.key].type == "group" and not standalone):
            continue  # an act needs a named actor ('negotiators failed to agree' is not one)
        hi = max(c.right_edge.i for c in objects) + 1
        start, end = _span_chars(doc, tok.i + 1 if standalone else tok.i, hi)
        if start < 0:
            continue
        head_nouns = {t.lemma_.lower() for t in doc[tok.i + 1:hi] if t.pos_ in ("NOUN", "ADJ", "PROPN")}
        out.append(Found(
            "action", start, end, cue=tok, cue_end=tok, subject=subject, speaker=speaker,
            order=tok.i, verb_class=verb_class, negated=_negated(tok),
            anaphoric=bool(head_nouns & ANAPHORIC_OBJECTS or carried) and not generic_object,
            counter=bool(head_nouns & COUNTER_OBJECTS), confidence=0.6, standalone=standalone,
        ))
    out.extend(objection_acts(finder))
    return out


def _concessive_attachment(noun: Token) -> Token | None:
    """The preposition that hangs an objection on what was done despite it: 'despite' /
    'over' / 'notwithstanding' X, or the 'in' of 'in the face of X'."""
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ in CONCESSIVE_PREPS:
        return prep
    face = prep.head
    if prep.lower_ == "of" and face.lower_ == "face" and face.dep_ == "pobj" and face.head.lower_ == "in":
        return face.head
    return None


def _objector(noun: Token) -> Token | None:
    """Who objects: 'from X' / 'of X' / 'by X', 'X's objections', or the name or people-word
    before the noun ('U.S. objections', 'Greek opposition')."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "of", "by"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    for child in noun.lefts:
        if child.dep_ == "poss" or child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return child
    return None


def objection_acts(finder) -> list[Found]:
    """'The bank approved the loan over U.S. objections', 'despite Greek and Italian
    opposition', 'withdrew the tax in the face of protests from farmers': who objects opposes
    what was done (the clause the phrase hangs on), as an act."""
    doc = finder.doc
    out = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in OBJECTION_NOUNS:
            continue
        attach = _concessive_attachment(noun)
        owner = _objector(noun)
        if attach is None or owner is None or attach.head.pos_ not in ("VERB", "AUX"):
            continue
        verb = attach.head
        while verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
            verb = verb.head  # 'agreed a scheme to sell the stocks despite ...': the agreement
        span = _done_despite(verb, attach)
        if span is None:
            continue
        start, end = _span_chars(doc, *span)
        if start < 0:
            continue
        # the first objector that is a named actor ('from residents and the Green Party');
        # co_actors.py copies the act for the others
        owner, speaker = next(((t, sp) for t in (owner, *owner.conjuncts)
                               if (sp := finder.speakers.resolve(t)) is not None and sp.key is not None
                               and finder.table.actors[sp.key].type not in ("group", "media")), (None, None))
        if speaker is None:
            continue
        out.append(Found("action", start, end, cue=noun, cue_end=noun, subject=owner, speaker=speaker,
                         order=noun.i, verb_class="oppose", confidence=0.55))
    return out


def _done_despite(verb: Token, attach: Token) -> tuple[int, int] | None:
    """Tokens of what was done: the verb's clause (with its subject when it is passive or
    describes a noun: 'the embargo is likely to be lifted', 'the plan, approved ...'), without
    the objection phrase; None when nothing is left after the verb."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    lo = verb.head.left_edge.i if verb.dep_ in ("acl", "relcl") else verb.left_edge.i if passive else verb.i
    hi = verb.right_edge.i + 1
    if attach.i > verb.i:
        hi = attach.left_edge.i
    else:
        lo = max(lo, attach.right_edge.i + 1)
    return (lo, hi) if hi > lo + 1 or passive else None


def _a_price(objects: list[Token]) -> bool:
    """'charged a $100,000 fee', 'charged the campaign for rent': 'charge' asks a price, it
    accuses no one ('charged him with fraud'); PolNeAR train-300 had 3 such acts, none right."""
    return any(c.dep_ == "prep" and c.lower_ == "for" or c.dep_ == "dobj" and any(
        t.ent_type_ == "MONEY" or t.lemma_.lower() in PRICE_NOUNS for t in c.subtree) for c in objects)


def carried_side(lemma: str, objects: list[Token], lex: Lexicon) -> str | None:
    """The side of a stance noun a verb only carries ('repeated its criticism', 'renewed its
    opposition to', 'voiced support for')."""
    if lemma not in CARRIER_VERBS:
        return None
    dobj = next((c for c in objects if c.dep_ == "dobj"), None)
    return noun_side(dobj.lemma_.lower(), lex) if dobj is not None and dobj.pos_ == "NOUN" else None


def passive_act(finder, verb: Token, verb_class: str) -> Found | None:
    """'The plan was backed by France', 'the tax, opposed by Britain, ...', 'the U.S. was
    supported by Japan on the issue of quotas': the agent takes the side on what the verb
    acts upon (its subject, or the noun it describes), or on the matter a preposition after
    it names."""
    doc = finder.doc
    agent = _agent(verb)
    if agent is None or verb.tag_ != "VBN":
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    elif verb.dep_ == "acl" and verb.head.i < verb.i:
        target = verb.head
    else:
        return None
    if target is None:
        return None
    speaker = finder.speakers.resolve(agent)
    if speaker is None or speaker.key is None or finder.table.actors[speaker.key].type in ("group", "media"):
        return None
    # the parser often hangs 'on the issue of ...' on the last name of the agent list
    matter = next((c for c in [*verb.children, *agent.subtree] if c.dep_ == "prep" and c.i > agent.i
                   and c.lower_ in ("on", "over")), None)
    if matter is not None:
        lo, hi = matter.i + 1, matter.right_edge.i + 1
    elif target.i < verb.i:
        lo, hi = target.left_edge.i, (target.i + 1 if verb.dep_ == "acl" else target.right_edge.i + 1)
    else:
        return None
    start, end = _span_chars(doc, lo, hi)
    if start < 0:
        return None
    return Found("action", start, end, cue=verb, cue_end=verb, subject=agent, speaker=speaker,
                 order=verb.i, verb_class=verb_class, negated=_negated(verb), confidence=0.6)
