-- Temporal expressions per document (re-read by the timeline stage when the reference date is inferred).
CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT,
    how TEXT NOT NULL,
    anchor TEXT,
    mod TEXT,
    tense TEXT,
    range_to_start INTEGER,
    range_to_end INTEGER,
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end")
);

-- Dated events per document; the date is the time expression at (doc_id, time_start, time_end).
CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    lemma TEXT NOT NULL,
    time_start INTEGER NOT NULL,
    time_end INTEGER NOT NULL,
    participants TEXT NOT NULL,
    modality TEXT NOT NULL,
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, trigger_start, time_start)
);

-- Corpus stage: each article's reference date and the story timeline, replaced as a whole.
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
