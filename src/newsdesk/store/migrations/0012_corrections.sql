-- The analysts' corrections of the story's grouping (merge or split claims, "not the same", merge
-- or split entities), kept against stable keys (DOCID:START of statements or mentions) and
-- replayed by every run of the story stages; never replaced with them. groups and targets are
-- JSON lists; seq keeps the order they were made in. A withdrawn correction keeps its row (who
-- withdrew it, when, why) and is no longer replayed.
CREATE TABLE corrections (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    action TEXT NOT NULL,
    groups TEXT NOT NULL,
    targets TEXT NOT NULL,
    who TEXT NOT NULL,
    made_at TEXT NOT NULL,
    why TEXT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TEXT,
    withdrawn_why TEXT
);
