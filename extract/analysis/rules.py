"""The counting rules of the comparison, in one place (and in the README).

Labels
    support, oppose, conditional, neutral. Conditional is a qualified 'yes' ('only if ...',
    'X must come first'), so it sits between support and oppose, nearer support.

Leading label of a cell (actor, topic)
    The label with the most counted stances. Ties are broken, in order, by: more stances an
    analyst reviewed; a side (support/oppose/conditional) over neutral; the label of the most
    recent statement (article date, then statement id). The most recent wins because it is the
    actor's current position.

Mixed
    A cell is mixed when it holds oppose together with support or conditional: the actor has
    been on both sides. Support with conditional is not mixed (both lean towards 'yes').

Agreement between two actors on one topic (Discourse Network Analyzer's congruence / conflict,
extended with conditional): every pair of their labels scores

    =============  =========  ===========  =========
                   support    conditional  oppose
    support        agree 1    agree 0.5    conflict 1
    conditional    agree 0.5  agree 1      conflict 0.5
    oppose         conflict 1 conflict 0.5 agree 1
    =============  =========  ===========  =========

and neutral scores nothing (speaking of a topic without a side neither agrees nor conflicts).
An actor's labels on a topic enter as shares of its non-neutral stances there, so one topic
contributes at most 1 to congruence plus conflict, and an actor with 3 support and 1 oppose is
3/4 on the side of support.
"""

from __future__ import annotations

LABELS = ("support", "oppose", "conditional", "neutral")
SIDES = ("support", "conditional", "oppose")   # labels that take a position

# (label a, label b) -> (congruence, conflict); neutral pairs are absent (score 0, 0).
PAIR_SCORE: dict[tuple[str, str], tuple[float, float]] = {
    ("support", "support"): (1.0, 0.0),
    ("conditional", "conditional"): (1.0, 0.0),
    ("oppose", "oppose"): (1.0, 0.0),
    ("support", "conditional"): (0.5, 0.0),
    ("conditional", "support"): (0.5, 0.0),
    ("support", "oppose"): (0.0, 1.0),
    ("oppose", "support"): (0.0, 1.0),
    ("conditional", "oppose"): (0.0, 0.5),
    ("oppose", "conditional"): (0.0, 0.5),
}

SHORT = {"support": "S", "oppose": "O", "conditional": "C", "neutral": "N"}


def leading_label(counts: dict[str, int], reviewed: dict[str, int] | None = None,
                  latest: dict[str, tuple] | None = None) -> str | None:
    """The label that leads a cell, by the documented tie-break; None when nothing counts."""
    present = [label for label in LABELS if counts.get(label, 0) > 0]
    if not present:
        return None
    reviewed = reviewed or {}
    latest = latest or {}

    def key(label: str) -> tuple:
        return (label != "neutral", counts[label], reviewed.get(label, 0), latest.get(label, ("", 0)))

    return max(present, key=key)


def is_mixed(counts: dict[str, int]) -> bool:
    return counts.get("oppose", 0) > 0 and (counts.get("support", 0) > 0 or counts.get("conditional", 0) > 0)


def side_shares(counts: dict[str, int]) -> dict[str, float]:
    """Shares of support/conditional/oppose among a cell's non-neutral stances ({} if none)."""
    total = sum(counts.get(label, 0) for label in SIDES)
    if not total:
        return {}
    return {label: counts[label] / total for label in SIDES if counts.get(label, 0)}


def topic_agreement(a: dict[str, int], b: dict[str, int]) -> tuple[float, float]:
    """(congruence, conflict) of two cells on the same topic, each in [0, 1]."""
    sa, sb = side_shares(a), side_shares(b)
    congruence = conflict = 0.0
    for la, wa in sa.items():
        for lb, wb in sb.items():
            c, x = PAIR_SCORE[(la, lb)]
            congruence += wa * wb * c
            conflict += wa * wb * x
    return congruence, conflict
