-- Incremental story steps (issue 17): the speaker links, story time and relation edges steps keep,
-- for each document, a digest of what the step read of it (its own annotations and the story's
-- entities as they touch it) and, for the story time, what the step found of it that another
-- document's dating may depend on (JSON: its actors, provisional day, day buckets). A run
-- recomputes the documents whose digest changed (or that a changed one may date) and replaces
-- only their rows (``newsdesk.corpus.story_memo``).
CREATE TABLE story_step_memo (
    step TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (step, doc_id)
);
CREATE INDEX story_step_memo_doc ON story_step_memo(doc_id);
