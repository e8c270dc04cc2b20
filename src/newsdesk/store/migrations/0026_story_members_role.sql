-- A story's members by role (issue 17, API p95): whether a story has a main article, and a
-- story's main articles, are read from the index alone, not from each member's row (a document
-- list asks it of every story its page's documents belong to; a large story has thousands).
CREATE INDEX story_members_role ON story_members (story_id, role);
