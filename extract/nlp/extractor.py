"""The per-article extraction: a parsed Doc and an ExtractConfig in, an ArticleExtraction out.

Pure: no database, no files beyond the packaged word lists, no global state besides their
cache, so it runs the same in the parent process, in spaCy's worker processes, or elsewhere.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import ArticleExtraction, StatementRec
from .actors import find_actors
from .co_actors import with_co_actors
from .config import ExtractConfig
from .sents import sent_of
from .lexicon import load
from .stance import StanceRules
from .topic_choice import resolve_shared_aliases
from .topic_reference import pronoun_object_mentions, referring_mentions
from .statements import Found, find_statements
from .topics import TopicMention, as_records, developed, keep_spoken, match_topics, propose_topics


# Onlookers whom news quotes on what the actors did ('diplomats said', 'analysts said').
WITNESS_NOUNS = {"diplomat", "analyst", "observer", "expert", "economist", "trader", "dealer", "delegate"}


def extract_doc(doc: Doc, config: ExtractConfig) -> ArticleExtraction:
    lex = load()
    text = doc.text
    table = find_actors(doc, lex)
    found, resolver = find_statements(doc, table, lex)
    found = with_co_actors(found, table, resolver)
    specs = list(config.topics)
    proposed = []
    if config.propose_topics:
        proposed = propose_topics(doc, table, config)
        known = {s.name for s in specs}
        specs += [p for p in proposed if p.name not in known]
    topic_mentions = match_topics(doc, specs)
    if proposed:
        # A proposal is only worth keeping when someone says something about it.
        spans = [_token_span(doc, f) for f in found]
        proposed = keep_spoken(proposed, topic_mentions, spans, config.max_proposed)
        # Match again: a dropped candidate must neither link statements nor hide a kept one.
        known = {s.name for s in config.topics}
        topic_mentions = match_topics(doc, list(config.topics) + [p for p in proposed if p.name not in known])
    topic_mentions = resolve_shared_aliases(doc, topic_mentions, specs)
    topic_mentions = developed(doc, topic_mentions, {s.name for s in config.topics})
    topic_mentions = sorted(topic_mentions + referring_mentions(doc, topic_mentions), key=lambda m: m.start)
    rules = StanceRules(doc, lex, table, resolver)
    found = _dedupe(found)
    spans = [(f, _token_span(doc, f)) for f in found]
    reporters = {k for k, a in table.actors.items() if a.type == "media"} | resolver.reporters
    # 'Diplomats said Britain opposed the tax': onlookers hold no stance, so an act they
    # report of a named actor counts for that actor.
    witnesses = {k for k, a in table.actors.items() if a.type == "group" and a.affiliation is None
                 and resolver.group_head(k) in WITNESS_NOUNS}
    spans = _drop_nested(spans, reporters, witnesses)

    statements: list[StatementRec] = []
    for f, (lo, hi) in spans:
        actor = table.actors.get(f.speaker.key)
        holder = actor is not None and actor.type != "media" and f.speaker.key not in resolver.reporters
        mentions = [m for m in topic_mentions if lo <= m.start and m.end <= hi]
        if not mentions and holder and f.kind != "action":
            mentions = pronoun_object_mentions(doc, lo, hi, topic_mentions, lex)  # 'vote against it'
        around_cue = not mentions and holder and f.kind != "action" and f.cue is not None
        if around_cue:
            mentions = _cue_sentence_topics(doc, f, topic_mentions, [sp for _, sp in spans])
        if f.kind == "action":
            if not mentions and f.anaphoric:
                mentions = _context_topics(doc, f, lo, hi, topic_mentions, rules)
            if (not mentions or not holder) and not f.standalone:
                continue  # a stance act is only worth keeping when it is about a topic
        stances = rules.classify(f, mentions, topic_mentions) if holder and mentions else []
        if around_cue:
            # A link from outside the content is weak: kept only when it takes a side.
            stances = [st for st in stances if st.label != "neutral"]
        if f.extras.get("co_actor") and not any(st.label != "neutral" for st in stances):
            continue  # a partner's copy of an act is kept for the side it takes
        statements.append(_record(text, f, stances))
    actors, mention_recs = table.records()
    return ArticleExtraction(
        actors=actors, mentions=mention_recs, statements=statements,
        proposed_topics=as_records(proposed),
    )


def _drop_nested(spans: list, reporters: set[str], witnesses: set[str]) -> list:
    """A statement inside someone else's statement counts on its own only when the outer
    speaker merely reports (a news organisation, an anonymous source), or when it is an act
    and the outer speaker a group that holds no side ('diplomats'); otherwise it is part of
    what the outer speaker said ('Liu said China opposed the tariffs')."""
    out = []
    for f, (lo, hi) in spans:
        outer = next((g for g, (l2, h2) in spans if g is not f and l2 <= lo and hi <= h2
                      and (h2 - l2) > (hi - lo) and g.speaker.key != f.speaker.key), None)
        reported = outer is None or outer.speaker.key in reporters \
            or f.kind == "action" and (outer.speaker.key in witnesses or _unnamed_voice(outer))
        if not reported:
            continue
        out.append((f, (lo, hi)))
    return out


def _unnamed_voice(f: Found) -> bool:
    """'U.S. officials said Japan backed ...': unnamed officials or sources report acts of others."""
    subj = f.subject
    return subj is not None and subj.tag_ == "NNS" and subj.lemma_.lower() in load().anonymous


def _token_span(doc: Doc, f: Found) -> tuple[int, int]:
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _dedupe(found: list[Found]) -> list[Found]:
    """Drop a statement whose content is the same as an earlier, stronger one."""
    rank = {"direct": 0, "indirect": 1, "action": 2}
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (rank[f.kind], f.start)):
        if any(g.start == f.start and g.end == f.end for g in out) and not f.extras.get("co_actor"):
            continue
        if f.kind == "action" and any(g.speaker.key == f.speaker.key and g.start <= f.start and f.end <= g.end
                                      and g.kind != "action" for g in out):
            # 'Washington insisted that ... top priority' already covers the act.
            continue
        out.append(f)
    out.sort(key=lambda f: f.start)
    return out


def _context_topics(doc: Doc, f: Found, lo: int, hi: int, topic_mentions: list[TopicMention],
                    rules: StanceRules) -> list[TopicMention]:
    """'rejected the proposal': the topics the proposal was about, from the text before it."""
    sent = sent_of(doc[lo])
    candidates = [m for m in topic_mentions if sent.start <= m.start < lo]
    if not candidates and sent.start > 0:
        prev = sent_of(doc[sent.start - 1])
        candidates = [m for m in topic_mentions if prev.start <= m.start < prev.end]
    if not candidates:
        # else the topic the article has been about so far
        earlier = [m for m in topic_mentions if m.start < lo]
        if earlier:
            counts: dict[str, int] = {}
            for m in earlier:
                counts[m.topic] = counts.get(m.topic, 0) + 1
            best = max(counts, key=lambda t: (counts[t], max(m.start for m in earlier if m.topic == t)))
            candidates = [m for m in earlier if m.topic == best][-1:]
    if f.counter and candidates:
        # A counterproposal is about the condition the other side added.
        markers = rules._conditions(sent.start, lo)
        if markers:
            s, e, _text, kind = markers[0]
            side = [m for m in candidates if (m.start >= e if kind == "condition_after" else m.end <= s)]
            candidates = side or candidates
    return candidates


def _cue_sentence_topics(doc: Doc, f: Found, topic_mentions: list[TopicMention],
                         spans: list[tuple[int, int]]) -> list[TopicMention]:
    """'Concerned about the job cuts, Barber said the plan was a false economy': a statement
    whose content names no topic is about the topics named around its cue in the cue's
    sentence, unless they belong to another statement."""
    sent = sent_of(f.cue)
    return [m for m in topic_mentions if sent.start <= m.start and m.end <= sent.end
            and not any(lo <= m.start and m.end <= hi for lo, hi in spans)]


def _record(text: str, f: Found, stances) -> StatementRec:
    sp = f.speaker
    cue_text = cue_start = cue_end = None
    if f.cue is not None:
        last = f.cue_end if f.cue_end is not None and f.cue_end.i >= f.cue.i else f.cue
        cue_start, cue_end = f.cue.idx, last.idx + len(last)
        cue_text = text[cue_start:cue_end]
    return StatementRec(
        content=text[f.start:f.end], content_start=f.start, content_end=f.end, kind=f.kind,
        speaker=sp.key, speaker_text=sp.text, speaker_start=sp.start, speaker_end=sp.end,
        cue=cue_text, cue_start=cue_start, cue_end=cue_end, confidence=f.confidence,
        stances=stances,
    )
