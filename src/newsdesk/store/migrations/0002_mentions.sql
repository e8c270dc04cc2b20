-- Named-entity mentions per document (per-document NLP stage), and the story's entities
-- (corpus stage, rebuilt whenever it runs again).
CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    role TEXT,
    governor TEXT,
    description_start INTEGER,
    description_end INTEGER,
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end")
);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    description TEXT,
    description_doc TEXT,
    description_start INTEGER,
    description_end INTEGER,
    type_votes TEXT NOT NULL DEFAULT '{}',   -- JSON {label: count} and the evidence behind a repair
    extractor TEXT NOT NULL
);

CREATE TABLE entity_mentions (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    sense TEXT NOT NULL DEFAULT 'name',        -- name | government (a capital standing for a state) | demonym
    PRIMARY KEY (entity_id, doc_id, start, "end")
);
CREATE INDEX entity_mentions_doc ON entity_mentions(doc_id, start);

CREATE TABLE entity_links (
    source TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    target TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    relation TEXT NOT NULL,                    -- stands-for | demonym-of | possibly-same
    why TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',       -- JSON [{doc, start, end}]
    PRIMARY KEY (source, target, relation)
);
