"""Features of a statement and of a (statement, topic) stance, from the records alone.

The same functions see a statement at training time (a reviewed row from the store, as a
dict) and at extraction time (a ``StatementRec`` turned into the same dict by
``statement_view``), so the learned model needs no second parse: words of the content and the
evidence, the cue, the speaker's type, the kind, and the rules' own label and confidence.
Features are names (strings) with value 1; the model keeps a weight per name and class.
"""

from __future__ import annotations

import re

from ..records import StanceRec, StatementRec

FEATURE_VERSION = 1
# Appended to the evidence of a stance the learned model relabelled, so that what the rules
# said stays readable (for the analyst) and recoverable (for the next training).
LEARNED_MARK = re.compile(r" · learned v(\d+) \(rules: (support|oppose|conditional|neutral) ([0-9.]+)\)$")

_WORD = re.compile(r"[a-z][a-z'\-]*")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "this", "that"}
NEGATIONS = {"not", "no", "never", "n't", "nor", "against", "without", "cannot", "neither"}
CONDITIONS = {"if", "unless", "until", "provided", "condition", "only", "before", "must", "should"}
MAX_WORDS = 80
CONTENT_WORDS = False  # the content's own words as features (topic-specific; see learning_curve)
_VALENCE: dict[str, float] | None = None


def valences() -> dict[str, float]:
    """Word valences (-4..+4) from VADER's lexicon file (vaderSentiment, MIT), read once."""
    global _VALENCE
    if _VALENCE is None:
        from importlib.resources import files

        table: dict[str, float] = {}
        text = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) >= 2:
                try:
                    table[parts[0]] = float(parts[1])
                except ValueError:
                    continue
        _VALENCE = table
    return _VALENCE


def polarity(ws: list[str]) -> str:
    """'neg', 'neu' or 'pos': the sign of the summed valence, a negation flipping it."""
    table = valences()
    total = sum(table.get(w, 0.0) for w in ws)
    if any(w in NEGATIONS for w in ws):
        total = -total
    return "pos" if total > 1.0 else "neg" if total < -1.0 else "neu"


def words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower().replace("\u2019", "'"))


def stem(word: str) -> str:
    """A crude lemma for cue words ('insisted', 'insists' -> 'insist')."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= e for e in edges)


def rule_of(stance: dict) -> tuple[str, float, str]:
    """(rules' label, rules' confidence, rules' evidence) of a stored machine stance, also when
    a learned model relabelled it."""
    evidence = stance.get("evidence") or ""
    m = LEARNED_MARK.search(evidence)
    if m:
        return m.group(2), float(m.group(3)), evidence[: m.start()]
    return stance["label"], float(stance.get("confidence") or 0.5), evidence


def mark(evidence: str | None, version: int, rule_label: str, rule_confidence: float) -> str:
    base = evidence or ""
    m = LEARNED_MARK.search(base)
    if m:
        base = base[: m.start()]
    return f"{base} · learned v{version} (rules: {rule_label} {rule_confidence:.2f})"


def statement_view(st: StatementRec, speaker_types: dict[str, str]) -> dict:
    """A statement record as the dict the feature functions read."""
    return {"kind": st.kind, "cue": st.cue, "speaker_text": st.speaker_text,
            "speaker_type": speaker_types.get(st.speaker) if st.speaker else None,
            "content": st.content, "confidence": st.confidence, "n_stances": len(st.stances)}


def stance_view(t: StanceRec) -> dict:
    return {"topic": t.topic, "label": t.label, "confidence": t.confidence, "evidence": t.evidence}


def statement_features(st: dict) -> list[str]:
    kind = st["kind"]
    speaker = st.get("speaker_type") or "unresolved"
    cue_words = [stem(w) for w in words(st.get("cue"))][:3]
    cue = " ".join(cue_words) or "none"
    content = words(st.get("content"))
    spoken = (st.get("speaker_text") or "").strip().lower()
    out = [
        "bias", f"kind={kind}", f"speaker={speaker}", f"kind|speaker={kind}|{speaker}",
        f"cue={cue}", f"cue|speaker={cue}|{speaker}", f"cue|kind={cue}|{kind}",
        f"stances={min(st.get('n_stances', 0), 2)}",
        f"conf={_bucket(float(st.get('confidence') or 0.5), (0.4, 0.6, 0.8))}",
        f"len={_bucket(len(content), (4, 8, 16, 32))}",
    ]
    out += [f"cueword={w}" for w in cue_words]
    if spoken in PRONOUNS:
        out.append("speaker_pronoun")
    if content:
        out.append(f"first={content[0]}")
    text = (st.get("content") or "").lstrip()
    if text[:1] in "\"'\u201c\u2018":
        out.append("quoted")
    return out


def stance_features(st: dict, stance: dict, n_topics: int) -> list[str]:
    """Features of one (statement, topic): the rules' label crossed with the statement's shape,
    the evidence words, the words of the content and those near the topic's name."""
    rule, confidence, evidence = rule_of(stance)
    kind = st["kind"]
    speaker = st.get("speaker_type") or "unresolved"
    cue = " ".join(stem(w) for w in words(st.get("cue"))[:2]) or "none"
    topic = " ".join(words(stance.get("topic"))) or "?"
    out = [
        "bias", f"rule={rule}", f"rule|kind={rule}|{kind}", f"rule|speaker={rule}|{speaker}",
        f"rule|conf={rule}|{_bucket(confidence, (0.4, 0.55, 0.7, 0.85))}",
        f"rule|cue={rule}|{cue}", f"topic={topic}", f"rule|topic={rule}|{topic}",
        f"rule|topics={rule}|{min(n_topics, 3)}", f"speaker={speaker}", f"kind={kind}",
    ]
    ev = words(evidence)[:12]
    out += [f"ev={w}" for w in dict.fromkeys(ev)]
    out += [f"rule|ev={rule}|{w}" for w in dict.fromkeys(ev[:4])]
    if not ev:
        out.append(f"rule|noevidence={rule}")
    content = words(st.get("content"))[:MAX_WORDS]
    if CONTENT_WORDS:
        out += [f"w={w}" for w in dict.fromkeys(content)]
    out.append(f"rule|pol={rule}|{polarity(content)}")
    out.append(f"rule|evpol={rule}|{polarity(ev)}")
    seen = set(content)
    if seen & NEGATIONS:
        out.append(f"rule|neg={rule}")
    if seen & CONDITIONS:
        out.append(f"rule|cond={rule}")
    name = topic.split()
    if name:
        first = name[0]
        hits = [i for i, w in enumerate(content) if w == first]
        for i in hits[:2]:
            near = content[max(0, i - 5): i] + content[i + len(name): i + len(name) + 5]
            out += [f"near={w}" for w in near]
            out.append(f"rule|nearpol={rule}|{polarity(near)}")
    else:
        out.append("topic_unnamed")
    return list(dict.fromkeys(out))
