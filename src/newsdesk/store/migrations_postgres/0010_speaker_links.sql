-- Who said each quote (SQLite's 0022_speaker_links.sql), as the speaker links story stage
-- (``corpus.speakers``) stores it: the entity its speaker's words refer to (NULL: none known), and
-- the name the quote is listed under (NULL: unattributed), with that name case-folded for filters.
-- A list of one speaker's quotes is then one indexed query instead of a check of every candidate
-- (a row for every quote, with its key, kind and document: such a list reads these rows alone).
-- Stores made before are filled when first opened (``store.speakers.fill_speaker_links``).
CREATE TABLE speaker_links (
    id TEXT PRIMARY KEY,  -- the quote's id
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    entity_id TEXT,
    name TEXT,
    name_key TEXT
);
CREATE INDEX speaker_links_entity ON speaker_links(entity_id);
CREATE INDEX speaker_links_name ON speaker_links(name_key);
CREATE INDEX speaker_links_doc ON speaker_links(doc_id);
-- Each name quotes are listed under, once: a filter on part of a name reads these, not every quote.
CREATE TABLE speaker_names (
    name_key TEXT PRIMARY KEY
);
