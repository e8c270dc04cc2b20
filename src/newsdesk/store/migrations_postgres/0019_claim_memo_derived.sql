-- Incremental claims, per document (SQLite's 0031_claim_memo_derived.sql): each document's
-- derived statements, readings, terms and sentences, with the key of what they came from.
CREATE TABLE claim_memo_derived (
    doc_id TEXT COLLATE "C" PRIMARY KEY,
    key TEXT NOT NULL,
    derived TEXT NOT NULL
);
