-- The per-document annotations: mentions, quotes, times, events, relations, propositions.
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
    speaker_phrase_start INTEGER,
    speaker_phrase_end INTEGER,
    part_of_start INTEGER,
    part_of_end INTEGER,
    PRIMARY KEY (doc_id, start, "end", kind)
);

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

CREATE TABLE propositions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    predicate_start INTEGER NOT NULL,
    predicate_end INTEGER NOT NULL,
    lemma TEXT NOT NULL,
    arguments TEXT NOT NULL,
    polarity TEXT NOT NULL,
    modality TEXT NOT NULL,
    holder_start INTEGER,
    holder_end INTEGER,
    holder_text TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    extractor TEXT NOT NULL,
    PRIMARY KEY (doc_id, predicate_start, start)
);
