"""``parley extract``: run the spaCy pipeline over articles and write what it finds.

The parent process owns SQLite: it streams article texts into ``nlp.pipe`` (here, in our own
worker processes, or on a Dask cluster with ``scheduler``: see ``extract.cluster``), the
``parley_extractor`` component runs the pure per-article extraction inside the pipeline, and the
parent writes each article's records through ``store.extraction.save``, in article order, in
batches of one transaction.

Which articles: those whose ``extracted_version`` differs from the current version string,
which names the extractor, the model and its version, and a fingerprint of the curated topics,
so a new model, a new topics file or any topic edit makes the next run redo the articles.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .batching import batched
from .nlp import EXTRACTOR_VERSION
from .nlp.config import ExtractConfig, TopicSpec
from .nlp.topics import HYPHENS
from .records import ArticleExtraction
from .store import Store, StoreError
from .store.db import alias_key, utcnow

if TYPE_CHECKING:
    from spacy.language import Language

COMMIT_EVERY = 50
FETCH_CHUNK = 200
WORKER_TASK = 8  # articles per task sent to a worker process
MAX_CHARS = 1_000_000  # spaCy's default nlp.max_length


@dataclass
class ExtractOptions:
    workers: int = 1
    batch_size: int = 32
    model: str | None = None
    topics_file: str | Path | None = None
    force: bool = False
    article_ids: list[int] | None = None
    # A Dask scheduler address, or 'local:N' for a LocalCluster of N single-threaded workers.
    scheduler: str | None = None


@dataclass
class ExtractSummary:
    version: str = ""
    run_id: int | None = None
    articles: int = 0
    up_to_date: int = 0
    words: int = 0
    mentions: int = 0
    statements: int = 0
    stances: int = 0
    kept_reviewed: int = 0
    topics_imported: dict = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0
    write_seconds: float = 0.0  # time the writer spent in its transactions

    def counts(self) -> dict:
        return {
            "articles": self.articles, "up_to_date": self.up_to_date, "words": self.words,
            "mentions": self.mentions, "statements": self.statements, "stances": self.stances,
            "kept_reviewed": self.kept_reviewed, "errors": len(self.errors),
            "seconds": round(self.seconds, 3),
        }


def model_version(name: str) -> str:
    """The installed model's version without loading it (cheap when nothing needs doing)."""
    import spacy.util

    try:
        version = spacy.util.get_package_version(name)
    except Exception:  # noqa: BLE001 - any failure just means 'ask the loaded model'
        version = None
    if version:
        return version
    from .nlp.pipeline import load_pipeline
    return load_pipeline(name).meta.get("version", "unknown")


def current_version(store: Store, model: str, version_of_model: str) -> str:
    return f"{EXTRACTOR_VERSION}|{model}@{version_of_model}|topics:{store.topics.fingerprint()}"


def topic_config(store: Store, nlp: Language) -> ExtractConfig:
    """The curated topics with the lemma sequences that mention them."""
    topics, propose = store.topics.active()
    shared = store.topics.shared_aliases()
    specs = []
    surfaces = [(t["name"], s) for t in topics for s in [t["name"], *t["aliases"], *shared.get(t["id"], ())]]
    docs = nlp.pipe([s for _, s in surfaces], disable=[p for p in ("parley_extractor", "ner", "parley_places")
                                                       if p in nlp.pipe_names])
    by_name: dict[str, set[tuple[str, ...]]] = {}
    for (name, _surface), doc in zip(surfaces, docs):
        words = [t for t in doc if not t.is_punct or t.text == "-"]
        words = [t for t in words if t.text not in HYPHENS]
        pats = by_name.setdefault(name, set())
        pats.add(tuple(t.lemma_.lower() for t in words))
        pats.add(tuple(t.lower_ for t in words))
    for t in topics:
        specs.append(TopicSpec(t["name"], sorted(p for p in by_name.get(t["name"], ()) if p)))
    return ExtractConfig(topics=specs, propose_topics=propose,
                         blocked_topics=frozenset(store.topics.deleted_names()))


def run_extract(store: Store, options: ExtractOptions | None = None, *,
                nlp: Language | None = None,
                on_start: Callable[[int], None] | None = None,
                on_progress: Callable[[int, int], None] | None = None) -> ExtractSummary:
    """Extract every article that needs it. ``on_start(total)`` then ``on_progress(done, words)``
    after each article. Raises StoreError (or ModelMissing) for problems the user can fix."""
    from .nlp.pipeline import add_extractor, load_pipeline, model_name
    from .nlp.text import unwrap

    options = options or ExtractOptions()
    if options.workers < 1 or options.batch_size < 1:
        raise StoreError("--workers and --batch-size must be at least 1")
    started = time.perf_counter()
    summary = ExtractSummary()
    if options.topics_file:
        summary.topics_imported = store.topics.import_file(options.topics_file)
    name = model_name(options.model) if nlp is None else (options.model or model_name(None))
    version_of_model = nlp.meta.get("version", "unknown") if nlp is not None else model_version(name)
    summary.version = current_version(store, name, version_of_model)
    # -- issue 11: the learned model (extract/learn). Its version joins the extraction
    # version; articles without pending statements have nothing it could change.
    from .learn import active_model
    learned = active_model(store)
    base = summary.version
    if learned is not None:
        summary.version = f"{base}|learned:{learned.version}"
    if not options.force:
        store.learning.settle_version(base, summary.version)
    # -- end issue 11
    ids = _select(store, summary.version, options)
    summary.up_to_date = store.articles.count() - len(ids) if not options.article_ids else 0
    summary.run_id = store.runs.start("extract", model=name, model_version=version_of_model,
                                      extractor_version=summary.version)
    if on_start:
        on_start(len(ids))
    try:
        if ids:
            nlp = nlp or load_pipeline(name)
            add_extractor(nlp, topic_config(store, nlp))
            _extract(store, nlp, ids, options, summary, unwrap, on_progress, (name, version_of_model),
                     learned)
    finally:
        summary.seconds = time.perf_counter() - started
        store.runs.finish(summary.run_id, summary.counts())
    return summary


def _select(store: Store, version: str, options: ExtractOptions) -> list[int]:
    if options.article_ids:
        known = {r[0] for r in store.query(
            f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(options.article_ids))})",
            tuple(options.article_ids))}
        missing = sorted(set(options.article_ids) - known)
        if missing:
            raise StoreError(f"no article with id {', '.join(map(str, missing))}")
        return sorted(known)
    return store.articles.ids_needing_extraction(version, force=options.force)


def _texts(store: Store, ids: list[int], pending: dict[int, str],
           summary: ExtractSummary) -> Iterator[tuple[str, int]]:
    """Stream (text for the parser, article id), a chunk of rows at a time (flat memory)."""
    from .nlp.text import unwrap

    for i in range(0, len(ids), FETCH_CHUNK):
        chunk = ids[i:i + FETCH_CHUNK]
        rows = store.query(
            f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(chunk))}) ORDER BY id", tuple(chunk)
        )
        for article_id, text in rows:
            if len(text) > MAX_CHARS:
                summary.errors.append((article_id, f"text too long ({len(text):,} characters; limit {MAX_CHARS:,})"))
                continue
            pending[article_id] = text
            yield unwrap(text), article_id


def _extract(store: Store, nlp: Language, ids: list[int], options: ExtractOptions,
             summary: ExtractSummary, unwrap, on_progress, model: tuple[str, str],
             learned=None) -> None:
    pending: dict[int, str] = {}
    texts = _texts(store, ids, pending, summary)
    if options.scheduler:  # imports dask only here
        from .cluster.dispatch import parse_on_cluster

        results = parse_on_cluster(options.scheduler, texts, nlp.get_pipe("parley_extractor").config,
                                   model, options.batch_size)
    elif options.workers > 1:
        results = _parse_in_workers(nlp, texts, options.workers, options.batch_size, options.model)
    else:
        results = _parse_here(nlp, texts, options.batch_size)
    done = 0
    batch: list[tuple[int, ArticleExtraction]] = []
    for article_id, result, words in results:
        text = pending.pop(article_id)
        summary.words += words
        if isinstance(result, str):
            summary.errors.append((article_id, result))
        else:
            _restore_text(result, text)
            if learned is not None:  # issue 11: the learned model after the rules (extract/learn/model.py)
                learned.apply(result)
            batch.append((article_id, result))
        done += 1
        if len(batch) >= COMMIT_EVERY:
            _write(store, batch, summary)
        if on_progress:
            on_progress(done, words)
    _write(store, batch, summary)


Parsed = tuple[int, "ArticleExtraction | str", int]  # article id, records or error, words


def _parse_here(nlp: Language, texts: Iterable[tuple[str, int]], batch_size: int) -> Iterator[Parsed]:
    from .nlp.pipeline import extraction_from_doc

    for doc, article_id in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
        yield article_id, extraction_from_doc(doc), _word_count(doc)


def _word_count(doc) -> int:
    return sum(1 for t in doc if not (t.is_punct or t.is_space))


# Worker processes get the parent's loaded pipeline by fork (or load it under spawn) and send
# back only records: spaCy's own n_process ships every parsed Doc back to the parent, which
# on two cores cost more than the second core gained (1.16x instead of 1.6x).
_worker_nlp: Language | None = None


def _init_worker(nlp: Language | None, model: str | None, config) -> None:
    global _worker_nlp
    if nlp is None:  # spawn: nothing inherited
        from .nlp.pipeline import add_extractor, load_pipeline

        nlp = load_pipeline(model)
        add_extractor(nlp, config)
    _worker_nlp = nlp


def parse_batch(nlp: Language, batch: list[tuple[str, int]]) -> list[Parsed]:
    """One task's work in a worker (own pool or cluster): (text, article id) pairs in, records out."""
    return list(_parse_here(nlp, batch, len(batch)))


def _work(batch: list[tuple[str, int]]) -> list[Parsed]:
    return parse_batch(_worker_nlp, batch)


def _parse_in_workers(nlp: Language, texts: Iterable[tuple[str, int]], workers: int,
                      batch_size: int, model: str | None) -> Iterator[Parsed]:
    """Parse and extract in ``workers`` processes, in order, with at most two batches per
    worker in flight (so memory stays flat however many articles there are)."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    config = nlp.get_pipe("parley_extractor").config
    initargs = (nlp, None, None) if fork else (None, model, config)
    in_flight: deque = deque()
    # Small tasks keep both workers busy to the end (article lengths vary 1 to 5,000 words);
    # within a task spaCy still batches.
    chunks = batched(texts, min(batch_size, WORKER_TASK))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=initargs) as pool:
        for chunk in chunks:
            in_flight.append(pool.submit(_work, chunk))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()



def _restore_text(ex: ArticleExtraction, text: str) -> None:
    """The parser saw wrapped lines joined; contents are cut from the stored text again."""
    for st in ex.statements:
        st.content = text[st.content_start:st.content_end]
        if st.cue_start is not None:
            st.cue = text[st.cue_start:st.cue_end]
        if st.speaker_start is not None:
            st.speaker_text = " ".join(text[st.speaker_start:st.speaker_end].split())
    for m in ex.mentions:
        m.text = " ".join(text[m.start:m.end].split())


def _write(store: Store, batch: list[tuple[int, ArticleExtraction]], summary: ExtractSummary) -> None:
    if not batch:
        return
    started = time.perf_counter()
    with store.transaction() as conn:
        for article_id, ex in batch:
            _ensure_proposed(conn, ex)
            counts = store.extraction.save(article_id, ex, summary.version)
            summary.articles += 1
            summary.mentions += counts["mentions"]
            summary.statements += counts["statements"]
            summary.stances += counts["stances"]
            summary.kept_reviewed += counts["kept_reviewed"]
    batch.clear()
    summary.write_seconds += time.perf_counter() - started


def _ensure_proposed(conn, ex: ArticleExtraction) -> None:
    """Create proposed topics (origin 'auto') with their variants as aliases; never touch a
    known or deleted one."""
    for rec in ex.proposed_topics:
        keys = [alias_key(s) for s in (rec.name, *rec.aliases)]
        known = next((row for k in keys for row in [conn.execute(
            "SELECT t.id, t.origin, t.deleted FROM topic_aliases a JOIN topics t ON t.id = a.topic_id "
            "WHERE a.norm = ?", (k,)).fetchone()] if row), None) \
            or conn.execute("SELECT id, origin, deleted FROM topics WHERE name = ?", (rec.name,)).fetchone()
        if known:
            # Another article proposed it first, maybe under another written form ('tariff' then
            # 'tariffs'): the new forms join that machine topic so its stances land there too.
            # An analyst's or a deleted topic is left exactly as it is.
            if known[1] == "auto" and not known[2]:
                for surface, key in zip((rec.name, *rec.aliases), keys):
                    conn.execute("INSERT OR IGNORE INTO topic_aliases (topic_id, alias, norm) VALUES (?,?,?)",
                                 (known[0], surface, key))
            continue
        cur = conn.execute("INSERT INTO topics (name, origin, created_at) VALUES (?, 'auto', ?)", (rec.name, utcnow()))
        for surface, key in zip((rec.name, *rec.aliases), keys):
            conn.execute("INSERT OR IGNORE INTO topic_aliases (topic_id, alias, norm) VALUES (?,?,?)",
                         (cur.lastrowid, surface, key))
