"""The PolNeAR attribution scorer (extract/evaluate_attribution.py) on hand-made spans, and
'parley eval' scoring stances as held-out sets are judged (also_ok, extra neutral ignored)."""

from __future__ import annotations

from extract.evaluate_attribution import (AttributionScore, OffsetMap, Prediction, gold_attributions,
                                          matches, score_article)


def test_overlap_rules_lenient_and_strict():
    assert matches([(0, 10)], [(5, 30)])                 # half of the shorter (10) overlaps
    assert not matches([(0, 10)], [(5, 30)], strict=True)  # not half of the longer (25)
    assert not matches([(0, 10)], [(8, 30)])
    assert matches([(0, 10)], [(0, 4), (6, 12)])         # a discontinuous gold content


def test_offsets_map_back_through_normalisation():
    gold = "He said \u201chello there\u201d.\r\n\r\nShe said no."
    stored = "He said \u201chello there\u201d.\n\nShe said no."
    to_gold = OffsetMap(stored, gold)
    s = stored.index("She")
    assert gold[to_gold(s):to_gold(s) + 3] == "She"
    assert to_gold.span(s, s + 3) == (gold.index("She"), gold.index("She") + 3)


def test_score_counts_recall_precision_speakers_and_classes():
    text = 'Mr Smith said taxes would rise. "We will fight," she said. and polls show him ahead.'
    article = {"text": text, "attributions": [
        {"type": "Attribution", "source": [{"start": 0, "end": 8, "text": "Mr Smith"}],
         "cue": [{"start": 9, "end": 13, "text": "said"}],
         "content": [{"start": 14, "end": 30, "text": "taxes would rise"}]},
        {"type": "Attribution", "source": [{"start": 49, "end": 52, "text": "she"}],
         "cue": [{"start": 53, "end": 57, "text": "said"}],
         "content": [{"start": 32, "end": 48, "text": '"We will fight,"'}]},
        {"type": "Attribution", "source": [{"start": 63, "end": 68, "text": "polls"}],
         "cue": [{"start": 69, "end": 73, "text": "show"}],
         "content": [{"start": 74, "end": 83, "text": "him ahead"}]},
    ]}
    gold = gold_attributions(article)
    total = AttributionScore()
    preds = [Prediction((14, 30), (3, 8)),          # right, speaker overlaps 'Mr Smith'
             Prediction((33, 47), (0, 8)),          # right content, wrong speaker
             Prediction((0, 2), None)]              # wrong
    score_article("a", gold, preds, total)
    assert (total.predicted, total.correct, total.gold, total.found) == (3, 2, 3, 2)
    assert total.speaker_right == 1
    assert dict((v, (n, r)) for v, n, r in total.recall_table("quoted")) == {
        "not quoted": (2, 0.5), "quoted": (1, 1.0)}
    kinds = {v: n for v, n, _ in total.recall_table("source")}
    assert kinds == {"name": 1, "pronoun": 1, "nominal": 1}
    assert [g.content_text for _, g in total.misses] == ["him ahead"]
