"""What the learned model answers, and what an answer is worth: shared by training (which picks,
on held-back reviews, where and how the model may override the rules) and extraction (which
applies that choice).

A stance answer is a label or 'none' (no stance: dropped). Its worth follows how stance F1 is
scored (``parley eval``): the analyst's label is one right stance; a side or a neutral the
analyst did not give is one wrong stance; no stance costs nothing, and neither does a neutral
where the analyst wanted none (speaking about a topic without a side is no error). A wrong
stance is worth ``-WRONG_COST`` of a right one: at stance F1 near 0.45 (the rules on real news),
one more wrong stance lowers F1 as much as 0.3 of a right one raises it (F / (2 - F)). So
dropping a rules' label pays only where it is right less than about a quarter of the time, and
a rules' neutral that the analyst keeps turning into a side is better dropped (never relabelled:
see ``stance_answer``).
"""

from __future__ import annotations

NONE = "none"  # the stance class 'no stance on this topic here'
WRONG_COST = 0.3  # 0.5 (precision weighed more) gave +0.023 / +0.019 instead of +0.083 / +0.019
SIDE_THRESHOLDS = (0.6, 0.7, 0.8, 0.9)
DROP_BELOW = (0.2, 0.3, 0.4, 0.5)
# The stance model learns only from statements the analyst kept, whose (speaker, topic) pairs are
# nearly always real; on a statement the analyst would likely reject (at or above this chance)
# a pair may not be real, and turning its label into another one is a guess outside what the
# model learnt (a neutral on a pair gold does not list costs nothing, a side does).
DOUBTFUL_STATEMENT = 0.5

Setting = tuple  # (relabel at or above this probability or None, drop below this one or None)

STANCE_SETTINGS: tuple[Setting, ...] = tuple(
    (side, drop) for side in (None, *SIDE_THRESHOLDS) for drop in (None, *DROP_BELOW)
    if side is not None or drop is not None)


def stance_value(answer: str, target: str) -> float:
    if answer == NONE or (answer == "neutral" and target == NONE):
        return 0.0
    return 1.0 if answer == target else -WRONG_COST


def stance_answer(rule: str, probs: dict[str, float], setting: Setting) -> str:
    """The rules' label, another label the model is sure enough of, or 'none' when the model
    gives the rules' label too little chance."""
    side, drop = setting
    best = max(probs, key=probs.get)
    # A rules' neutral is dropped, never turned into a side: which side it should have been does
    # not carry over from one set of articles to another (benchmarks/learning_curve.py: half A's
    # neutrals were mostly oppose, half B's mostly support, and relabelling them cost 1.7 points
    # of stance F1 on half A).
    if side is not None and best != rule and probs[best] >= side and rule != "neutral":
        return best
    if drop is not None and probs.get(rule, 0.0) < drop:
        return NONE
    return rule


def statement_value(answer: str, target: str) -> float:
    return 1.0 if answer == target else 0.0


def statement_answer(rule: str, probs: dict[str, float], threshold: float) -> str:
    return "reject" if probs.get("reject", 0.0) >= threshold else rule
