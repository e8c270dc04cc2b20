-- A story's members by role (SQLite's 0026_story_members_role.sql): whether a story has a main
-- article, and a story's main articles, are read from the index alone.
CREATE INDEX story_members_role ON story_members (story_id, role);
