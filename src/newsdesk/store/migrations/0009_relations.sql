-- Relations per document: a typed tie between two mentions read from the parse (source is the
-- agent, target the patient, recipient or destination), its trigger word and its sentence; the
-- date is the time expression at (doc_id, time_start, time_end), NULL when nothing dates it.
-- Documents stored before this migration have none until they are analysed again.
CREATE TABLE relations (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    source_start INTEGER NOT NULL,
    source_end INTEGER NOT NULL,
    target_start INTEGER NOT NULL,
    target_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    directed INTEGER NOT NULL,
    modality TEXT NOT NULL,
    time_start INTEGER,
    time_end INTEGER,
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, kind, source_start, target_start, start)
);
