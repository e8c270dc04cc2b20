-- Every description the articles give an entity, each with its evidence (JSON [{text, doc, start, end}]).
ALTER TABLE entities ADD COLUMN descriptions TEXT NOT NULL DEFAULT '[]';
