-- Documents as read, their removed spans, headings and relayed outlets, and full-text search.
-- The tables mirror SQLite's migrations 0001-0014 (same columns, JSON kept as text so that it
-- reads back byte for byte), with an explicit position where SQLite reads in rowid order.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    text TEXT NOT NULL,
    body TEXT NOT NULL,
    encoding TEXT,
    language TEXT,
    title TEXT,
    title_start INTEGER,
    title_end INTEGER,
    title_how TEXT,
    outlet TEXT,
    outlet_how TEXT,
    outlet_evidence TEXT NOT NULL DEFAULT '[]',   -- JSON [[start, end], ...]
    published TEXT,
    published_granularity TEXT,
    published_how TEXT,
    published_latest TEXT,
    published_basis TEXT,
    published_evidence TEXT NOT NULL DEFAULT '[]',
    extractors TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_order ON documents (source COLLATE "C", id COLLATE "C");

-- Full-text search: words as written, lower-cased and without diacritics, no stemming and no
-- stop words (as SQLite's unicode61 tokenizer with remove_diacritics), the title weighted above
-- the body. unaccent is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION newsdesk (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION newsdesk
    ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart WITH unaccent, simple;
ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('newsdesk'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('newsdesk'::regconfig, body), 'B')
) STORED;
CREATE INDEX documents_search ON documents USING gin (search);

CREATE TABLE removed_spans (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    reason TEXT NOT NULL,
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, start)
);

CREATE TABLE headings (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, start)
);

CREATE TABLE reported_from (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    how TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, outlet)
);
