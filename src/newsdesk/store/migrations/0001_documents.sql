-- Documents as read, their removed spans and headings, and full-text search over the body.
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
    outlet TEXT NOT NULL,
    how TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, outlet)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
