"""The one place the database schema lives.

Each entry of ``MIGRATIONS`` moves a database from ``user_version`` N to N+1. A new database
runs all of them; an old file runs the ones it lacks, each in its own transaction. Never edit
a migration that has shipped: append a new one.
"""

from __future__ import annotations

ACTOR_TYPES = ("person", "organization", "country", "media", "group")
STATEMENT_KINDS = ("direct", "indirect", "action")
STANCE_LABELS = ("support", "oppose", "conditional", "neutral")
REVIEW_STATES = ("pending", "accepted", "rejected", "edited")

_V1 = """
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    external_id   TEXT,
    path          TEXT,
    title         TEXT NOT NULL DEFAULT '',
    source        TEXT,
    published     TEXT,             -- ISO 8601 date or datetime, or NULL
    url           TEXT,
    text          TEXT NOT NULL,
    sha256        TEXT NOT NULL UNIQUE,
    words         INTEGER NOT NULL DEFAULT 0,
    ingested_at   TEXT NOT NULL,
    extracted_version TEXT,         -- extractor version that last processed this article
    extracted_at  TEXT
);
CREATE INDEX articles_published ON articles(published, id);
CREATE INDEX articles_title ON articles(title COLLATE NOCASE, id);
CREATE INDEX articles_source ON articles(source COLLATE NOCASE, id);
CREATE INDEX articles_extracted ON articles(extracted_version);

CREATE TABLE actors (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    type          TEXT NOT NULL DEFAULT 'group'
                  CHECK (type IN ('person','organization','country','media','group')),
    role          TEXT,             -- 'spokesman', 'foreign minister', ...
    affiliation_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    -- Fields an analyst set by hand; extraction never overwrites them.
    name_locked   INTEGER NOT NULL DEFAULT 0,
    type_locked   INTEGER NOT NULL DEFAULT 0,
    affiliation_locked INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE INDEX actors_affiliation ON actors(affiliation_id);

-- Every surface form that resolves to an actor. 'norm' is the lookup key (casefolded,
-- whitespace collapsed). An alias an analyst moved (split, merge) has origin 'analyst'
-- and is never re-pointed by extraction.
CREATE TABLE aliases (
    id            INTEGER PRIMARY KEY,
    actor_id      INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias         TEXT NOT NULL,
    norm          TEXT NOT NULL UNIQUE,
    origin        TEXT NOT NULL DEFAULT 'machine' CHECK (origin IN ('machine','analyst'))
);
CREATE INDEX aliases_actor ON aliases(actor_id);

CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id      INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    label         TEXT              -- NER label or rule that found it
);
CREATE INDEX mentions_article ON mentions(article_id, start);
CREATE INDEX mentions_actor ON mentions(actor_id);

CREATE TABLE topics (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    origin        TEXT NOT NULL DEFAULT 'auto' CHECK (origin IN ('file','auto','analyst')),
    -- A topic the analyst deleted stays as a tombstone so re-extraction does not revive it.
    deleted       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE topic_aliases (
    id            INTEGER PRIMARY KEY,
    topic_id      INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    alias         TEXT NOT NULL,
    norm          TEXT NOT NULL UNIQUE
);
CREATE INDEX topic_aliases_topic ON topic_aliases(topic_id);

CREATE TABLE statements (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker_id    INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    speaker_text  TEXT,             -- the mention as written ('he', 'Kirby')
    speaker_start INTEGER,
    speaker_end   INTEGER,
    cue           TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    content       TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('direct','indirect','action')),
    confidence    REAL NOT NULL DEFAULT 0.5,
    review        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (review IN ('pending','accepted','rejected','edited')),
    reviewed_at   TEXT,
    extractor_version TEXT
);
CREATE INDEX statements_article ON statements(article_id, content_start);
CREATE INDEX statements_speaker ON statements(speaker_id);
CREATE INDEX statements_review ON statements(review, article_id, content_start);

-- A machine label and, separately, the analyst's. The effective label is
-- COALESCE(review_label, label); extraction only ever writes 'label'.
CREATE TABLE stances (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    topic_id      INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    label         TEXT NOT NULL CHECK (label IN ('support','oppose','conditional','neutral')),
    confidence    REAL NOT NULL DEFAULT 0.5,
    evidence      TEXT,             -- the words that decided the label
    review        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (review IN ('pending','accepted','rejected','edited')),
    review_label  TEXT CHECK (review_label IN ('support','oppose','conditional','neutral')),
    reviewed_at   TEXT,
    UNIQUE (statement_id, topic_id)
);
CREATE INDEX stances_topic ON stances(topic_id);

-- Append-only audit log of every analyst decision. Undo appends too.
CREATE TABLE reviews (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    entity        TEXT NOT NULL,    -- statement | stance | actor | alias | topic
    entity_id     INTEGER NOT NULL,
    field         TEXT NOT NULL,    -- review | label | speaker | name | type | affiliation | merge | ...
    old_value     TEXT,
    new_value     TEXT,
    -- One analyst action can change several rows (accepting a statement accepts its
    -- stances); they share 'decision', the id of the action's first row. Undo reverts a
    -- whole decision and marks its rows undone.
    decision      INTEGER,
    undone        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reviews_decision ON reviews(decision);
CREATE INDEX reviews_entity ON reviews(entity, entity_id);

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,    -- ingest | extract
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    parley_version TEXT NOT NULL,
    model         TEXT,
    model_version TEXT,
    extractor_version TEXT,
    counts        TEXT              -- JSON object
);

CREATE TABLE ingest_errors (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL,
    reason        TEXT NOT NULL,
    at            TEXT NOT NULL,
    run_id        INTEGER REFERENCES runs(id) ON DELETE SET NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
"""

# v2: full-text search over statement content (v1 databases searched articles only).
_V2 = """
CREATE VIRTUAL TABLE statements_fts USING fts5(
    content, content='statements', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO statements_fts(rowid, content) SELECT id, content FROM statements;
CREATE TRIGGER statements_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER statements_au AFTER UPDATE OF content ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO statements_fts(rowid, content) VALUES (new.id, new.content);
END;
"""

# v3: the article sort indexes on the exact expressions the lists sort by (keyset paging
# needs coalesce() to order NULL dates), so a sorted page - searched or not - walks the index
# instead of sorting every row: 122 ms -> a few ms for a search matching 96k of 100k articles.
_V3 = """
DROP INDEX articles_published;
DROP INDEX articles_source;
CREATE INDEX articles_published ON articles(coalesce(published, ''), id);
CREATE INDEX articles_source ON articles(coalesce(source, '') COLLATE NOCASE, id);
"""

# v4: analysts as a team. Every logged decision names its coder; a statement remembers who
# decided it (and who adjudicated a disagreement); each coder's own decision on a statement and
# its stances is kept side by side in 'codings' / 'coding_stances' (agreement is computed
# there, counts use the statement's own columns); 'claims' hands concurrent coders different
# statements; 'double_coding' lists statements meant for two coders; 'settings' holds the
# database-wide options (double-coding share); articles get an author; 'article_attributes' and
# 'actor_attributes' keep imported fields Parley has no column for (DNA's Section, Type, Notes,
# colours) for the way out. Existing rows are kept: old decisions have coder NULL.
_V4 = """
ALTER TABLE reviews ADD COLUMN coder TEXT;
CREATE INDEX reviews_coder ON reviews(coder, id);
ALTER TABLE statements ADD COLUMN reviewed_by TEXT;
ALTER TABLE statements ADD COLUMN adjudicated_by TEXT;
ALTER TABLE stances ADD COLUMN reviewed_by TEXT;
CREATE TABLE claims (
    statement_id  INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    coder         TEXT NOT NULL,
    session       TEXT NOT NULL,
    expires       REAL NOT NULL     -- Unix seconds
);
CREATE INDEX claims_session ON claims(session);
CREATE TABLE codings (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    coder         TEXT NOT NULL,
    review        TEXT NOT NULL CHECK (review IN ('pending','accepted','rejected','edited')),
    at            TEXT,
    UNIQUE (statement_id, coder)
);
CREATE INDEX codings_coder ON codings(coder);
CREATE TABLE coding_stances (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    topic_id      INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    coder         TEXT NOT NULL,
    label         TEXT CHECK (label IN ('support','oppose','conditional','neutral')),
    at            TEXT,
    UNIQUE (statement_id, topic_id, coder)
);
CREATE TABLE double_coding (
    statement_id  INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE
);
CREATE TABLE settings (
    key           TEXT PRIMARY KEY,
    value         TEXT NOT NULL
);
ALTER TABLE articles ADD COLUMN author TEXT;
CREATE TABLE article_attributes (
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (article_id, name)
);
CREATE TABLE actor_attributes (
    actor_id      INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (actor_id, name)
);
"""

# v5 (issue 13): the explorer's first screens.
# - Actors list by prominence: each actor's statement and mention counts are kept on its row by
#   triggers, and an index on (statements + mentions, statements, id) lets the list walk the
#   most prominent actors by keyset instead of counting and sorting every actor.
# - Articles by date put undated articles last in both directions: ascending walks
#   coalesce(published, '9999') (this index), descending the v3 index on coalesce(published, '').
_V5 = """
ALTER TABLE actors ADD COLUMN statement_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE actors ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
UPDATE actors SET
    statement_count = (SELECT count(*) FROM statements s WHERE s.speaker_id = actors.id),
    mention_count = (SELECT count(*) FROM mentions m WHERE m.actor_id = actors.id);
CREATE INDEX actors_prominence ON actors(statement_count + mention_count, statement_count, id);
CREATE TRIGGER statements_speaker_ai AFTER INSERT ON statements WHEN new.speaker_id IS NOT NULL BEGIN
    UPDATE actors SET statement_count = statement_count + 1 WHERE id = new.speaker_id;
END;
CREATE TRIGGER statements_speaker_ad AFTER DELETE ON statements WHEN old.speaker_id IS NOT NULL BEGIN
    UPDATE actors SET statement_count = statement_count - 1 WHERE id = old.speaker_id;
END;
CREATE TRIGGER statements_speaker_au AFTER UPDATE OF speaker_id ON statements
WHEN old.speaker_id IS NOT new.speaker_id BEGIN
    UPDATE actors SET statement_count = statement_count - 1 WHERE id = old.speaker_id;
    UPDATE actors SET statement_count = statement_count + 1 WHERE id = new.speaker_id;
END;
CREATE TRIGGER mentions_actor_ai AFTER INSERT ON mentions BEGIN
    UPDATE actors SET mention_count = mention_count + 1 WHERE id = new.actor_id;
END;
CREATE TRIGGER mentions_actor_ad AFTER DELETE ON mentions BEGIN
    UPDATE actors SET mention_count = mention_count - 1 WHERE id = old.actor_id;
END;
CREATE TRIGGER mentions_actor_au AFTER UPDATE OF actor_id ON mentions
WHEN old.actor_id IS NOT new.actor_id BEGIN
    UPDATE actors SET mention_count = mention_count - 1 WHERE id = old.actor_id;
    UPDATE actors SET mention_count = mention_count + 1 WHERE id = new.actor_id;
END;
CREATE INDEX articles_published_undated_last ON articles(coalesce(published, '9999'), id);
"""

# v6 (issue 11): what Parley learned from the analyst's decisions. Each `parley learn` adds a
# version: the model as JSON (feature weights, thresholds; never pickled code, so a database
# from someone else is safe to open), how it did against the rules on held-back reviews, and
# how many decisions it was trained on (the explorer says when enough new ones came in).
_V6 = """
CREATE TABLE learned_models (
    version       INTEGER PRIMARY KEY,
    created_at    TEXT NOT NULL,
    coder         TEXT,
    decisions     INTEGER NOT NULL,   -- reviewed statements it was trained on
    model         TEXT NOT NULL,      -- JSON
    report        TEXT NOT NULL       -- JSON: held-back figures, what is switched on
);
-- The Review header counts reviewed stances after every decision: only those rows are read.
CREATE INDEX stances_reviewed ON stances(statement_id) WHERE review != 'pending';
"""

# v7: an alias the topics file gives to several topics ('control orders' for two bills).
# topic_aliases.norm stays unique (an alias names one topic when the analyst looks it up); these
# rows only add match patterns, and the extraction picks the topic the article is about.
_V7 = """
CREATE TABLE topic_shared_aliases (
    topic_id      INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    alias         TEXT NOT NULL,
    norm          TEXT NOT NULL,
    PRIMARY KEY (topic_id, norm)
);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
SCHEMA_VERSION = len(MIGRATIONS)
