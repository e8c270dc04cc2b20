-- Quotes per document (the per-document quote stage); speakers are linked to entities at export.
CREATE TABLE quotes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text TEXT,
    speaker_kind TEXT,
    channel TEXT,
    note TEXT,
    attitude INTEGER NOT NULL DEFAULT 0,
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end", kind)
);
