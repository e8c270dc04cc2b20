-- The actor network's edges (SQLite's 0027_relation_edges.sql), as the relation edges story
-- stage (``corpus.relations``) stores them: each relation an article states, tied to the story's
-- entities, with its place among the document's edges (from 1, the export's order), the sentence,
-- trigger word, both mentions and the dating expression as offsets with their text (the record as
-- the export writes it). A page of the network is then one indexed query. Stores made before are
-- filled when first opened (``store.relations.fill_relation_edges``).
CREATE TABLE relation_edges (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    place INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT,
    directed INTEGER NOT NULL,
    modality TEXT NOT NULL,
    extractor TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger_text TEXT,
    source_start INTEGER,
    source_end INTEGER,
    source_text TEXT,
    target_start INTEGER,
    target_end INTEGER,
    target_text TEXT,
    date_start INTEGER,
    date_end INTEGER,
    date_text TEXT,
    PRIMARY KEY (doc_id, place)
);
CREATE INDEX relation_edges_source ON relation_edges(source);
CREATE INDEX relation_edges_target ON relation_edges(target);
CREATE INDEX relation_edges_kind ON relation_edges(kind);
-- Claims by most articles (order=documents), then most sources, then the story's order: a page by
-- offset or after a key reads this index instead of sorting every claim.
CREATE INDEX claims_articles_ranked ON claims (document_count DESC, source_count DESC, rowid);
