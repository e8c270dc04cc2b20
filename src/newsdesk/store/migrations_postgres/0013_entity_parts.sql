-- The independent part of the story's mentions each entity was resolved in (SQLite's
-- 0025_entity_parts.sql): an ingest keeps the entities of the parts its articles do not touch.
ALTER TABLE entities ADD COLUMN part TEXT;
