"""The entities of an add, partitioned from the stored partition, against the story resolved whole.

    .venv/bin/python bench/entity_parts_add.py BASE NEW WORK

BASE: a store of articles (bench/claims.py's ``claims-bbc-1000.db``, copied first: it is migrated);
NEW: the articles to add (bench/incremental.py's ``new-bbc-1000-1000.db``); WORK: a new file. The
articles of BASE are stored in WORK and their entities resolved (the partition stored with them),
then those of NEW are stored. Printed, CPU seconds: keying the add (only the new mentions, and the
stored ones the new votes place anew), partitioning the mentions of the parts it reaches, the whole
``resolve_by_parts`` of the add; then whether its entities and parts are those of the story resolved
whole, and the same without following the short forms' and first names' keys from the parts read
(the part of the closure no small sample exercises)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus.test_entity_parts import _normal

from newsdesk.corpus import entity_parts
from newsdesk.corpus.stages import STORY_STAGES, Story, stored_parts
from newsdesk.settings import Settings
from newsdesk.store import open_store


def main(base: Path, new: Path, work: Path) -> None:
    with open_store(base) as store:
        originals = list(store.documents())
    with open_store(new) as store:
        added = list(store.documents())
    with open_store(work) as store:
        for document in originals:
            store.add(document)
        story = Story(tuple(store.documents()), tuple(store.corrections()))
        STORY_STAGES[0].save(store, STORY_STAGES[0].stage.run(story, Settings()))
        for document in added:
            store.add(document)
        documents = list(store.documents())
        kept = stored_parts(store)
        started = time.process_time()
        keying = entity_parts.key_story(documents, store)
        keyed = time.process_time() - started
        entity_parts.partition_records(keying.records)
        parted = time.process_time() - started - keyed
        mentions = sum(len(d.mentions) for d in documents)
        print(
            f"mentions {mentions}, keyed {len(keying.keyed)} ({keyed:.2f} s), partitioned {len(keying.records)}"
            f" ({parted:.2f} s), stored parts read {len(keying.read or ())}",
            flush=True,
        )
        started = time.process_time()
        found = entity_parts.resolve_by_parts(documents, kept=kept, source=store)
        print(f"resolve_by_parts of the add {time.process_time() - started:.2f} s", flush=True)
        started = time.process_time()
        whole = entity_parts.resolve_by_parts(documents)
        print(f"resolve_by_parts of the story whole {time.process_time() - started:.2f} s", flush=True)
        for label in ("as is", "without the short forms' and first names' keys"):
            if label != "as is":
                entity_parts._conditional = lambda record: set()
                found = entity_parts.resolve_by_parts(documents, kept=kept, source=store)
            ours, theirs = _normal(found.entities), _normal(whole.entities)
            entities = {i for i in ours.keys() | theirs.keys() if ours.get(i) != theirs.get(i)}
            parts = {i for i in found.parts.keys() | whole.parts.keys() if found.parts.get(i) != whole.parts.get(i)}
            print(f"{label}: entities differing {len(entities)}, in another part {len(parts)}, of {len(theirs)}")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:4]))
