-- Incremental claims, per document (issue 17): each document's statements, their readings and
-- terms, and its sentences as the claims stage derived them (``claim_memo.Derived``, as JSON), with
-- the key of what they were derived from (its text, re-read times, the entities of its mentions);
-- a run derives again only the documents whose key changed.
CREATE TABLE claim_memo_derived (
    doc_id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    derived TEXT NOT NULL
);
