-- Propositions per document: each clause read as predicate, arguments (a JSON list of
-- [role, start, end, head lemma]), polarity and modality, with its holder (the speaker's span as
-- the quote stage found it) and cue when the article attributes it. Documents stored before
-- this migration have none until they are analysed again; the claims stage then reads their
-- sentences without propositions.
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
-- A claim is a reported fact or a view, and a view has its holders (a JSON list of entity ids,
-- or names as written).
ALTER TABLE claims ADD COLUMN kind TEXT NOT NULL DEFAULT 'fact';
ALTER TABLE claims ADD COLUMN holders TEXT NOT NULL DEFAULT '[]';
-- Claims worded much like it but not verified as the same: a JSON list of [claim id, similarity].
ALTER TABLE claims ADD COLUMN related TEXT NOT NULL DEFAULT '[]';
