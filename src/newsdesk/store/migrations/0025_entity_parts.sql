-- The independent part of the story's mentions each entity was resolved in (issue 17,
-- ``corpus.entity_parts``): an ingest keeps the entities of the parts its articles do not touch.
-- NULL (entities stored before): resolved again at the next run of the story stages.
ALTER TABLE entities ADD COLUMN part TEXT;
