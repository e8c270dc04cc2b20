-- A quote split by its cue (“A,” she said, “B.”): the second part points at the first.
ALTER TABLE quotes ADD COLUMN part_of_start INTEGER;
ALTER TABLE quotes ADD COLUMN part_of_end INTEGER;
