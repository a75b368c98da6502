"""Agreement on one topic as a short bar: conflict grows left of the centre line ('▒'),
agreement right of it ('█'). Glyphs differ, so it reads without colour; both values are in
0..1 (rules.topic_agreement: one topic adds at most 1 to agreement plus conflict)."""

from __future__ import annotations

from rich.text import Text

HALF = 5
WIDTH = 2 * HALF + 1
AGREE, CONFLICT = "#0072B2", "#D55E00"


def agreement_bar(score: tuple[float, float] | None) -> Text:
    if score is None:
        return Text(" " * HALF + "·" + " " * HALF, no_wrap=True, end="")
    congruence, conflict = score
    left = round(min(1.0, conflict) * HALF)
    right = round(min(1.0, congruence) * HALF)
    bar = Text(" " * (HALF - left), no_wrap=True, end="")
    bar.append("▒" * left, style=CONFLICT)
    bar.append("│")
    bar.append("█" * right, style=AGREE)
    bar.append(" " * (HALF - right))
    return bar
