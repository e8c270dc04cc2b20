-- Incremental story steps (SQLite's 0029_story_step_memo.sql): each document's digest of what the
-- speaker links, story time and relation edges steps read of it, and the story time's state of it.
CREATE TABLE story_step_memo (
    step TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (step, doc_id)
);
CREATE INDEX story_step_memo_doc ON story_step_memo(doc_id);
