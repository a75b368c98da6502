"""Probe: could ``parley learn`` learn, from the stances analysts add, to add the stances the
rules missed, across topics? Tried for issue 11 and not wired into ``parley learn``: on
stance_dev it does not carry over from one half to the other (figures in the README).

    python benchmarks/added_stances_probe.py --workdir DIR   (DIR of benchmarks/learning_curve.py)

Reads the two databases in which the learning curve applied all of one half's decisions
(AtoB_all.db: half A reviewed; BtoA_all.db: half B reviewed), builds the candidate pairs of each
half's reviewed statements, fits on one half and predicts the other: how well it ranks the pairs
the analyst added a stance to (AUC), how often it gives an added pair the analyst's side, and
what adding above a threshold would be worth as stance F1 counts it (``decide.stance_value``;
'none', the rules' answer, is worth 0).

Candidates: the rules give a stance only where a topic is named inside the statement (or, for a
few constructions, around its cue); analysts add the rest, e.g. an opposition MP's 'a very bad
bill' in a paragraph about the bill. A candidate pair is a statement and a topic named in the
statement's paragraph or the paragraph before it, on which the statement has no machine stance.
Candidates are found in the article's text by the topics' names and aliases (no parse), so the
same pairs could be built at extraction time from the records. Features are meant to carry over
from one topic to another: where the topic is named (same sentence, paragraph, paragraph
before) and how near, how many topics compete there, whether it is the article's main topic,
whether the speaker already has a stance on it, whether the statement refers back ('the bill',
'it'), its kind, cue and speaker type, and the valence of its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.learn.features import CONDITIONS, NEGATIONS, _bucket, polarity, stem, words  # noqa: E402

# A paragraph ends at a blank line or at a line that starts indented (wire copy).
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[ \t])")
# Words that may stand for a topic named elsewhere: measure nouns (as in nlp/data/topics.toml's
# proposal heads) and pronouns.
REFERRING = frozenset({"plan", "plans", "bill", "law", "deal", "scheme", "proposal", "proposals", "policy",
                       "legislation", "measure", "measures", "programme", "program", "agreement", "treaty",
                       "reform", "reforms", "ban", "tax", "rule", "rules", "strategy", "package", "pact",
                       "accord", "act", "initiative", "order", "powers", "it", "this", "that", "they"})
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")


@dataclass
class Statement:
    """What a candidate needs of one statement, from a record or a stored row."""
    start: int
    end: int
    kind: str
    cue: str | None
    speaker: object            # actor key or id; None when unresolved
    speaker_type: str | None
    content: str
    topics: set[str]           # topics the rules gave a stance on


def topic_patterns(names: dict[str, set[str]]) -> dict[str, re.Pattern]:
    """One case-insensitive pattern per topic over its name and aliases (whole words)."""
    out = {}
    for topic, forms in names.items():
        alts = sorted({_norm(f) for f in forms | {topic} if len(_norm(f)) >= 3}, key=len, reverse=True)
        if alts:
            out[topic] = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")
    return out


def _norm(text: str) -> str:
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def mentions(text: str, patterns: dict[str, re.Pattern]) -> list[tuple[int, str]]:
    """(offset, topic) of every mention of a topic by name in the text, in order."""
    low = _norm(text)
    found = [(m.start(), topic) for topic, p in patterns.items() for m in p.finditer(low)]
    return sorted(found)


def paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds or [(0, len(text))]


def _sentence(text: str, start: int, end: int, para: tuple[int, int]) -> tuple[int, int]:
    lo = para[0]
    for m in _SENTENCE_END.finditer(text, para[0], start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end, para[1])
    return lo, m.end() if m else para[1]


def candidates(text: str, statements: list[Statement], patterns: dict[str, re.Pattern]):
    """Yield (index of the statement, topic, features) for every candidate pair."""
    found = mentions(text, patterns)
    if not found:
        return
    counts: dict[str, int] = {}
    for _, t in found:
        counts[t] = counts.get(t, 0) + 1
    main = max(counts, key=lambda t: (counts[t], t))
    paras = paragraphs(text)
    held: dict[object, set[str]] = {}  # speaker -> topics the rules gave it a stance on
    for st in statements:
        if st.speaker is not None:
            held.setdefault(st.speaker, set()).update(st.topics)
    for i, st in enumerate(statements):
        if st.speaker is None:
            continue
        p = next((k for k, (a, b) in enumerate(paras) if a <= st.start < b), None)
        if p is None:
            continue
        here, before = paras[p], paras[p - 1] if p else None
        sent = _sentence(text, st.start, st.end, here)
        near: dict[str, tuple[str, int]] = {}
        for off, topic in found:
            if topic in st.topics:
                continue
            if sent[0] <= off < sent[1]:
                where = "sentence"
            elif here[0] <= off < here[1]:
                where = "paragraph"
            elif before and before[0] <= off < before[1]:
                where = "before"
            else:
                continue
            distance = 0 if st.start <= off < st.end else min(abs(off - st.start), abs(off - st.end))
            rank = ("sentence", "paragraph", "before").index(where)
            old = near.get(topic)
            if old is None or (rank, distance) < (("sentence", "paragraph", "before").index(old[0]), old[1]):
                near[topic] = (where, distance)
        for topic, (where, distance) in near.items():
            yield i, topic, features(st, topic, where, distance, len(near), topic == main,
                                     topic in held.get(st.speaker, set()))


def features(st: Statement, topic: str, where: str, distance: int, competing: int, main: bool,
             speaker_has_it: bool) -> list[str]:
    kind = st.kind
    speaker = st.speaker_type or "unresolved"
    cue = " ".join(stem(w) for w in words(st.cue)[:2]) or "none"
    content = words(st.content)
    pol = polarity(content)
    seen = set(content)
    out = [
        "bias", f"where={where}", f"dist={_bucket(distance, (1, 80, 200, 400))}",
        f"where|dist={where}|{_bucket(distance, (1, 80, 200, 400))}",
        f"competing={min(competing, 3)}", f"main={main}", f"held={speaker_has_it}",
        f"where|main={where}|{main}", f"stances={min(len(st.topics), 2)}",
        f"kind={kind}", f"speaker={speaker}", f"kind|speaker={kind}|{speaker}", f"cue={cue}",
        f"where|kind={where}|{kind}", f"pol={pol}", f"kind|pol={kind}|{pol}", f"cue|pol={cue}|{pol}",
        f"len={_bucket(len(content), (4, 8, 16, 32))}",
    ]
    refers = seen & REFERRING
    if refers:  # 'the bill', 'it': the statement may speak of a topic named before
        out += ["refers", f"refers|where={where}", f"refers|kind={kind}"]
    if seen & NEGATIONS:
        out.append("neg")
    if seen & CONDITIONS:
        out.append("cond")
    return list(dict.fromkeys(out))


def store_examples(store) -> list[tuple[list[str], str, int, int]]:
    """(features, analyst's label or 'none', article id, statement id) for every candidate pair
    of a reviewed statement."""
    from extract.store.learning import NOT_MACHINE_EVIDENCE

    names: dict[str, set[str]] = {}
    for name, alias in store.query("SELECT t.name, a.alias FROM topics t LEFT JOIN topic_aliases a "
                                   "ON a.topic_id = t.id"):
        names.setdefault(name, set()).update([alias] if alias else [])
    patterns = topic_patterns(names)
    if not patterns:
        return []
    kept = store.query("SELECT DISTINCT article_id FROM statements WHERE review IN ('accepted', 'edited') "
                       "AND extractor_version IS NOT NULL ORDER BY article_id")
    out = []
    for (article_id,) in kept:
        text = store.scalar("SELECT text FROM articles WHERE id = ?", (article_id,))
        rows = store.query(
            "SELECT s.id, s.kind, s.cue, s.speaker_id, a.type, s.content, s.content_start, s.content_end, s.review "
            "FROM statements s LEFT JOIN actors a ON a.id = s.speaker_id WHERE s.article_id = ? "
            "AND s.extractor_version IS NOT NULL ORDER BY s.content_start, s.id", (article_id,))
        machine: dict[int, set[str]] = {}
        added: dict[tuple[int, str], str] = {}
        for sid, topic, label, evidence in store.query(
                "SELECT t.statement_id, tp.name, COALESCE(t.review_label, t.label), t.evidence FROM stances t "
                "JOIN topics tp ON tp.id = t.topic_id JOIN statements s ON s.id = t.statement_id "
                "WHERE s.article_id = ?", (article_id,)):
            if (evidence or "") in NOT_MACHINE_EVIDENCE:
                added[(sid, topic)] = label
            else:
                machine.setdefault(sid, set()).add(topic)
        statements = [Statement(r[6], r[7], r[1], r[2], r[3], r[4], r[5], machine.get(r[0], set())) for r in rows]
        for i, topic, feats in candidates(text, statements, patterns):
            row = rows[i]
            if row[8] == "pending":
                continue
            # A rejected statement holds no stance: what it would get is a stance the analyst
            # did not want (the model applies to every pending statement, kept or not).
            target = "none" if row[8] == "rejected" else added.get((row[0], topic), "none")
            out.append((feats, target, article_id, row[0]))
    return out


def transfer(train: list, test: list) -> list[str]:
    """Fit on one half's candidates, judge on the other's: the lines to print."""
    from sklearn.metrics import roc_auc_score

    from extract.learn.decide import NONE, stance_value
    from extract.learn.train import _fit, _predict

    out = []
    added = [e[1] != NONE for e in test]
    if len(set(added)) < 2 or len({e[1] for e in train}) < 2:
        return ["  too few added stances to judge"]
    vec, clf = _fit([e[0] for e in train], ["add" if e[1] != NONE else NONE for e in train])
    ranked = [p["add"] for p in _predict(vec, clf, [e[0] for e in test])]
    out.append(f"  pairs the analyst added a stance to, ranked among the candidates: AUC "
               f"{roc_auc_score(added, ranked):.3f}")
    pos_train = [e for e in train if e[1] != NONE]
    pos_test = [e for e in test if e[1] != NONE]
    if len({e[1] for e in pos_train}) >= 2:
        vec, clf = _fit([e[0] for e in pos_train], [e[1] for e in pos_train])
        probs = _predict(vec, clf, [e[0] for e in pos_test])
        right = sum(max(p, key=p.get) == e[1] for p, e in zip(probs, pos_test))
        common = Counter(e[1] for e in pos_test).most_common(1)[0]
        out.append(f"  side of an added pair: {right}/{len(pos_test)} right (the commonest side, "
                   f"{common[0]}, is {common[1]}/{len(pos_test)})")
    vec, clf = _fit([e[0] for e in train], [e[1] for e in train])
    probs = _predict(vec, clf, [e[0] for e in test])
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6):
        value = won = lost = 0
        for e, p in zip(test, probs):
            best = max((k for k in p if k != NONE), key=p.get)
            v = stance_value(best if p[best] >= threshold else NONE, e[1])
            value, won, lost = value + v, won + (v > 0), lost + (v < 0)
        out.append(f"  add the likeliest label at p >= {threshold}: worth {value:+.1f} "
                   f"({won} right, {lost} wrong)")
    return out


def main() -> None:
    from extract.store import Store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", required=True, help="the --workdir of benchmarks/learning_curve.py")
    args = parser.parse_args()
    halves = {}
    for half, db in (("A", "AtoB_all.db"), ("B", "BtoA_all.db")):
        with Store(Path(args.workdir) / db) as store:
            halves[half] = store_examples(store)
        counts = Counter(e[1] for e in halves[half])
        print(f"half {half}: {len(halves[half])} candidate pairs on reviewed statements, "
              f"{len(halves[half]) - counts['none']} with a stance the analyst added ({dict(counts)})")
    for train, test in (("A", "B"), ("B", "A")):
        print(f"fitted on half {train}'s reviews, judged on half {test}'s:")
        print("\n".join(transfer(halves[train], halves[test])))


if __name__ == "__main__":
    main()
