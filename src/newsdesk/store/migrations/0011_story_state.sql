-- Whether the story stages are current: every stored document counts a change (in its own
-- transaction), and a run of the story stages records the count it started from. A count above
-- the one built means an article arrived after the story was last built, or a run was cut off.
CREATE TABLE story_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    changes INTEGER NOT NULL,
    built INTEGER NOT NULL,
    built_at TEXT
);
INSERT INTO story_state (id, changes, built, built_at) VALUES (1, 0, 0, NULL);
