-- The story stages' tables (entities, reference dates and timeline, claims and sources), each
-- replaced as a whole by its stage; the story's state; the analysts' corrections, never replaced.
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    description TEXT,
    description_doc TEXT,
    description_start INTEGER,
    description_end INTEGER,
    type_votes TEXT NOT NULL DEFAULT '{}',
    extractor TEXT NOT NULL,
    descriptions TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE entity_mentions (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    sense TEXT NOT NULL DEFAULT 'name',
    PRIMARY KEY (entity_id, doc_id, start, "end")
);
CREATE INDEX entity_mentions_doc ON entity_mentions (doc_id, start);

CREATE TABLE entity_links (
    source TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    target TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    relation TEXT NOT NULL,
    why TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (source, target, relation)
);

CREATE TABLE reference_dates (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    how TEXT NOT NULL,
    basis TEXT NOT NULL,
    evidence TEXT NOT NULL
);

CREATE TABLE timeline (
    id TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    granularity TEXT NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    participants TEXT NOT NULL,
    disagreement TEXT,
    reports TEXT NOT NULL
);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    sources TEXT NOT NULL,
    statements TEXT NOT NULL,
    conflicts TEXT NOT NULL,
    extractor TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'fact',
    holders TEXT NOT NULL DEFAULT '[]',
    related TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE sources (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL
);

-- Every stored document counts a change in its own transaction; a run of the story stages
-- records the count it started from (see SQLite's 0011_story_state.sql).
CREATE TABLE story_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    changes BIGINT NOT NULL,
    built BIGINT NOT NULL,
    built_at TEXT
);
INSERT INTO story_state (id, changes, built, built_at) VALUES (1, 0, 0, NULL);

CREATE TABLE corrections (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    action TEXT NOT NULL,
    groups TEXT NOT NULL,
    targets TEXT NOT NULL,
    who TEXT NOT NULL,
    made_at TEXT NOT NULL,
    why TEXT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TEXT,
    withdrawn_why TEXT
);
