"""Mine attribution cue verbs from PolNeAR's train split, with their precision as cues.

    python benchmarks/mine_cues.py [--limit N] [--out extract/nlp/data/cues.toml]

For every verb the parser finds in ../shared/devsets/polnear_train.jsonl, by construction
('ccomp': it governs a clause, 'xcomp': an infinitive, 'dobj': a direct object), counts how
often it occurs with a subject and how often it is the cue of a gold attribution whose content
overlaps what it governs. A lemma is admitted for a construction when it is seen at least
``--min-count`` times as a cue and is a cue in at least ``--min-precision`` of its occurrences.
The output is a data file the statement rules read (extract/nlp/data/cues.toml): lemma,
construction, times seen as a cue, occurrences, precision. Also the common nouns that head a
gold source ('critics', 'voters', 'the senator'), seen at least ``--min-count`` times: nouns
for who speaks, which topic proposals leave to the actors. Derived counts only: no text from
the corpus is written.

    python benchmarks/mine_cues.py --nouns [--out extract/nlp/data/noun_cues.toml]

mines cue nouns instead (extract/nlp/noun_cues.py): every noun with an owner ('X's', 'its',
'by X', 'from X') that names an actor (a pronoun, a name, or a source noun of cues.toml) and a
complement ('that' clause, infinitive, preposition), counted by (lemma, complement form), and
how often it is the cue of a gold attribution whose content overlaps the complement. Forms seen
as a cue at least twice are written; lexicon.toml [noun_cues] sets which are used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
TRAIN = REPO.parent / "shared" / "devsets" / "polnear_train.jsonl"
CONSTRUCTIONS = ("ccomp", "xcomp", "dobj")


def construction(tok) -> tuple[str, object] | None:
    for dep in CONSTRUCTIONS:
        child = next((c for c in tok.children if c.dep_ == dep), None)
        if child is not None:
            return dep, child
    return None


ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP")


def mine_nouns(rows: list[dict], out: Path) -> None:
    import spacy
    import tomllib

    from extract.nlp.noun_cues import noun_constructions
    from extract.nlp.pipeline import model_name
    from extract.nlp.text import unwrap

    with open(REPO / "extract" / "nlp" / "data" / "cues.toml", "rb") as fh:
        source_nouns = set(tomllib.load(fh).get("source_nouns", {}))
    nlp = spacy.load(model_name(None))
    seen: Counter = Counter()    # (lemma, form) -> occurrences with an actor owner
    as_cue: Counter = Counter()  # (lemma, form) -> occurrences that are a gold cue
    texts = ((unwrap(r["text"]), r) for r in rows)
    for doc, row in nlp.pipe(texts, as_tuples=True, batch_size=16):
        gold = [([(s["start"], s["end"]) for s in a.get("cue") or []],
                 [(s["start"], s["end"]) for s in a.get("content") or []])
                for a in row["attributions"] if a.get("content")]
        for nc in noun_constructions(doc):
            owner = nc.owner
            if not (owner.pos_ in ("PRON", "PROPN") or owner.ent_type_ in ACTOR_ENTS
                    or owner.lemma_.lower() in source_nouns):
                continue
            key = (nc.noun.lemma_.lower(), nc.form)
            seen[key] += 1
            lo, hi = doc[nc.lo].idx, doc[nc.hi - 1].idx + len(doc[nc.hi - 1])
            for cues, contents in gold:
                if any(s <= nc.noun.idx < e or s <= nc.comp.idx < e for s, e in cues) \
                        and any(min(hi, e) > max(lo, s) for s, e in contents):
                    as_cue[key] += 1
                    break
    forms = sorted((k for k in as_cue if as_cue[k] >= 2), key=lambda k: (-as_cue[k], k))
    lines = [
        "# Cue nouns mined from PolNeAR's train split (benchmarks/mine_cues.py --nouns):",
        f"# {len(rows)} articles. A noun with an actor as owner ('X's', 'its', 'by X', 'from X') and a",
        "# complement: 'that' (a clause), 'to' (an infinitive) or a preposition. cue = times it was the",
        "# cue of a gold attribution whose content overlaps the complement, seen = occurrences.",
        "# Forms seen as a cue at least twice; lexicon.toml [noun_cues] sets which are used. Derived",
        "# counts only.",
        "",
        "[forms]",
    ]
    for lemma, form in forms:
        c, n = as_cue[(lemma, form)], seen[(lemma, form)]
        lines.append(f'"{lemma} {form}" = {{ cue = {c}, seen = {n}, precision = {c / n:.2f} }}')
    lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(forms)} noun cue forms written to {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-precision", type=float, default=0.5)
    ap.add_argument("--nouns", action="store_true", help="mine cue nouns (data/noun_cues.toml)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    if args.nouns:
        with open(TRAIN, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        mine_nouns(rows[:args.limit] if args.limit else rows,
                   args.out or REPO / "extract" / "nlp" / "data" / "noun_cues.toml")
        return
    args.out = args.out or REPO / "extract" / "nlp" / "data" / "cues.toml"

    import spacy

    from extract.nlp.pipeline import model_name
    from extract.nlp.text import unwrap

    nlp = spacy.load(model_name(None), disable=["ner"])
    with open(TRAIN, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if args.limit:
        rows = rows[:args.limit]
    seen: Counter = Counter()    # (lemma, construction) -> occurrences with a subject
    as_cue: Counter = Counter()  # (lemma, construction) -> occurrences that are a gold cue
    source_nouns: Counter = Counter()  # lemma of a common noun heading a gold source
    texts = ((unwrap(r["text"]), r) for r in rows)
    for doc, row in nlp.pipe(texts, as_tuples=True, batch_size=16):
        gold = [([(s["start"], s["end"]) for s in a.get("cue") or []],
                 [(s["start"], s["end"]) for s in a.get("content") or []])
                for a in row["attributions"] if a.get("content")]
        for a in row["attributions"]:
            for s in a.get("source") or []:
                span = doc.char_span(s["start"], s["end"], alignment_mode="expand")
                if span is not None and span.root.pos_ == "NOUN":
                    source_nouns[span.root.lemma_.lower()] += 1
        for tok in doc:
            if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "aux":
                continue
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and tok.dep_ not in ("acl", "advcl"):
                continue
            found = construction(tok)
            if found is None:
                continue
            dep, child = found
            key = (tok.lemma_.lower(), dep)
            seen[key] += 1
            lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
            for cues, contents in gold:
                if any(s <= tok.idx < e for s, e in cues) and any(min(hi, e) > max(lo, s) for s, e in contents):
                    as_cue[key] += 1
                    break
    admitted = sorted(
        ((lemma, dep, as_cue[(lemma, dep)], seen[(lemma, dep)]) for lemma, dep in as_cue
         if as_cue[(lemma, dep)] >= args.min_count and as_cue[(lemma, dep)] / seen[(lemma, dep)] >= args.min_precision),
        key=lambda x: (x[1], -x[2], x[0]))
    lines = [
        "# Attribution cues mined from PolNeAR's train split (benchmarks/mine_cues.py):",
        f"# {len(rows)} articles; admitted when seen as a cue >= {args.min_count} times and a cue in",
        f"# >= {args.min_precision:.0%} of its occurrences with that construction. Derived counts only.",
        "# construction: ccomp = governs a clause, xcomp = an infinitive, dobj = a direct object.",
        "",
    ]
    for dep in CONSTRUCTIONS:
        lines.append(f"[{dep}]")
        for lemma, d, cue_n, n in admitted:
            if d == dep:
                lines.append(f'"{lemma}" = {{ cue = {cue_n}, seen = {n}, precision = {cue_n / n:.2f} }}')
        lines.append("")
    lines.append("[source_nouns]")
    lines.append("# common nouns heading a gold source, with how often")
    for noun, n in sorted(source_nouns.items(), key=lambda x: (-x[1], x[0])):
        if n >= args.min_count and noun.isalpha():
            lines.append(f'"{noun}" = {n}')
    lines.append("")
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(admitted)} cue forms written to {args.out}")


if __name__ == "__main__":
    main()
