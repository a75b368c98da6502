"""Acts shared by several actors: 'El Salvador and Guatemala backed ...', 'Britain, backed by
the Netherlands and Denmark, opposed the tax'.

The statement rules give an act one speaker, the head of its subject. The other actors
coordinated with it, and those named as backing it ('backed by', 'supported by', 'joined by'),
take the same side by the same act, so each gets a copy of the act as its own statement.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .actors import ActorTable
from .speakers import SpeakerResolver
from .statements import Found, _agent

# Participles that make their agent a partner of the subject ('backed by France').
PARTNER_VERBS = {"back", "support", "join", "accompany", "endorse", "second"}


def with_co_actors(found: list[Found], table: ActorTable, resolver: SpeakerResolver) -> list[Found]:
    """``found`` and a partner's copy of each act. Acts only: copies of reported speech for
    co-speakers ('Sens. A, B and C all suggested') cost stance_dev 0.005 F1."""
    out = list(found)
    for f in found:
        if f.kind != "action" or f.subject is None or f.speaker is None:
            continue
        seen = {f.speaker.key}
        for tok in _partners(f.subject):
            speaker = resolver.resolve(tok)
            if speaker is None or speaker.key is None or speaker.key in seen:
                continue
            actor = table.actors.get(speaker.key)
            if actor is None or actor.type in ("group", "media"):
                continue  # 'officials and analysts' name no actor that can hold a side
            seen.add(speaker.key)
            out.append(replace(f, subject=tok, speaker=speaker, extras={**f.extras, "co_actor": True}))
    return out


def _partners(subject: Token) -> list[Token]:
    """The tokens of the other actors in a subject: its conjuncts and the agents of a
    partner participle on any of them."""
    # In a list of names the parser often takes the second for an apposition of the first
    # ('the U.K., the Netherlands, West Germany and Japan'): its conjuncts are partners too.
    listed = [a for a in subject.children if a.dep_ == "appos" and a.conjuncts]
    heads = [subject, *subject.conjuncts]
    partners = [*subject.conjuncts, *(t for a in listed for t in (a, *a.conjuncts))]
    for head in heads:
        for child in head.children:
            if child.dep_ == "acl" and child.lemma_.lower() in PARTNER_VERBS and child.tag_ == "VBN":
                agent = _agent(child)
                if agent is not None:
                    partners += [agent, *agent.conjuncts]
    return partners
