-- How many articles name each entity, stored with it (SQLite's 0021_entity_articles.sql): a list
-- of entities reads its counts from the entity's row instead of every one of its mentions.
ALTER TABLE entities ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET article_count = (SELECT count(DISTINCT m.doc_id) FROM entity_mentions m WHERE m.entity_id = entities.id);
