"""Where the learned model may override the rules, and how: what an answer is worth on
held-back reviews (scored as stance F1 is), and what the model does on a statement the analyst
would likely reject."""

from __future__ import annotations

from extract.learn.decide import NONE, STANCE_SETTINGS, stance_answer, stance_value
from extract.learn.model import LearnedModel
from extract.learn.train import _choose


def test_a_wrong_side_costs_a_right_stance_pays_no_stance_is_free():
    assert stance_value("support", "support") == 1.0
    assert stance_value("oppose", "support") < 0
    assert stance_value("neutral", "support") < 0      # a neutral where the analyst saw a side
    assert stance_value("neutral", NONE) == 0.0        # talking about a topic without a side
    assert stance_value(NONE, "support") == 0.0
    assert stance_value("support", NONE) < 0


def test_neutrals_the_analyst_turns_into_unforeseeable_sides_are_dropped():
    """The rules' neutral is never what the analyst says, and the model cannot tell which side:
    no side is likely enough to relabel, and dropping the neutral costs nothing."""
    items = []
    for i in range(18):
        target = ("support", "oppose", "conditional")[i % 3]
        items.append((target, "neutral", {"support": 0.3, "oppose": 0.31, "conditional": 0.29,
                                          "neutral": 0.1, NONE: 0.0}))
    answers = {s: (lambda rule, probs, s=s: stance_answer(rule, probs, s)) for s in STANCE_SETTINGS}
    chosen, report = _choose({"neutral": items}, stance_value, answers)
    setting = chosen["neutral"]
    assert setting[1] is not None and report["neutral"]["model_score"] > report["neutral"]["rules_score"]
    assert stance_answer("neutral", items[0][2], setting) == NONE


def test_a_rules_label_the_analyst_keeps_stays():
    items = [("support", "support", {"support": 0.8, "oppose": 0.1, "conditional": 0.05, "neutral": 0.05,
                                      NONE: 0.0})] * 12
    answers = {s: (lambda rule, probs, s=s: stance_answer(rule, probs, s)) for s in STANCE_SETTINGS}
    chosen, report = _choose({"support": items}, stance_value, answers)
    assert chosen == {} and report["support"]["threshold"] is None


def _model() -> LearnedModel:
    """Statements cued 'warned' are rejected; the rules' support is really 'oppose'."""
    return LearnedModel({
        "statement": {"classes": ["keep", "reject"], "intercept": [0.0, -2.0],
                      "weights": {"cue=warn": [0.0, 5.0]}, "thresholds": {}},
        "stance": {"classes": ["neutral", "oppose", "support"], "intercept": [0.0, 0.0, 0.0],
                   "weights": {"rule=support": [0.0, 4.0, 0.0]}, "thresholds": {"support": [0.6, None]}},
    }, version=3)


def _view(cue: str) -> dict:
    return {"kind": "indirect", "cue": cue, "speaker_text": "Ms Lee", "speaker_type": "person",
            "content": "the plan would hurt farmers", "confidence": 0.6, "n_stances": 1}


def test_no_relabel_on_a_statement_the_analyst_would_likely_reject():
    """The stance model learnt from kept statements, whose pairs are real; on a doubtful one a
    side it invents may be on a pair nobody holds, where the rules' neutral cost nothing."""
    model = _model()
    stance = {"topic": "the plan", "label": "support", "confidence": 0.6, "evidence": ""}
    kept, doubtful = _view("said"), _view("warned")
    assert model.reject_probability(kept) < 0.5 <= model.reject_probability(doubtful)
    assert model.relabel(kept, stance, 1, model.reject_probability(kept))[0] == "oppose"
    assert model.relabel(doubtful, stance, 1, model.reject_probability(doubtful)) is None


def test_a_model_stored_with_one_threshold_per_label_still_applies():
    data = _model()
    data.stance.thresholds = {"support": 0.6}
    stance = {"topic": "the plan", "label": "support", "confidence": 0.6, "evidence": ""}
    assert data.relabel(_view("said"), stance, 1)[0] == "oppose"


def test_a_neutral_is_dropped_or_kept_never_turned_into_a_side():
    """Which side a rules' neutral should have been does not carry over between sets of
    articles (benchmarks/learning_curve.py), however sure the model is."""
    sure = {"support": 0.05, "oppose": 0.9, "conditional": 0.0, "neutral": 0.05, NONE: 0.0}
    assert stance_answer("neutral", sure, (0.6, None)) == "neutral"
    assert stance_answer("neutral", sure, (0.6, 0.2)) == NONE
    assert stance_answer("support", sure, (0.6, None)) == "oppose"


def test_a_narrow_win_among_many_settings_tried_is_luck():
    """Five wins out of five differing decisions would pass a single sign test (p = 1/32), but
    dozens of settings were tried on the same reviews: the rules stay."""
    items = [("oppose", "support", {"support": 0.3, "oppose": 0.65, "conditional": 0.0, "neutral": 0.05,
                                    NONE: 0.0})] * 5
    items += [("support", "support", {"support": 0.9, "oppose": 0.1, "conditional": 0.0, "neutral": 0.0,
                                      NONE: 0.0})] * 20
    answers = {s: (lambda rule, probs, s=s: stance_answer(rule, probs, s)) for s in STANCE_SETTINGS}
    chosen, _report = _choose({"support": items}, stance_value, answers)
    assert chosen == {}
