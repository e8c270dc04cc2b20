"""What placing one new article in a story costs as the store grows: 1,000, 10,000 and 100,000 stored.

    .venv/bin/python bench/stories.py [--sizes 1000 10000 100000] [--write docs/PERFORMANCE.md]

The story stage reads only what one article needs: the counts of its terms, the stories keyed by
its key terms (at most ``postings`` per term, the most recent) and at most ``candidates`` of them.
To measure that without analysing 100,000 articles, each store is filled with a synthetic book:
one story per stored article, made of words drawn from a Zipf-like vocabulary of 50,000 words
(actors and words channels), keyed, counted and stored by the story tables of migration 0016 as
the stage would store them. Then 200 new articles drawn the same way (a fifth of them sharing most
of their words with one stored story) are placed 10 at a time through ``SQLiteStoryBook``, as an
ingest places them; the time per article is the figure. Synthetic text is not news, so the figure
is the cost of the look-ups and comparisons, not of a story's quality.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import platform
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from newsdesk.corpus.stories import EXTRACTOR, Profile, StorySettings, detect, story_id
from newsdesk.report.sections import write_section
from newsdesk.store import open_store

COMMAND = ".venv/bin/python bench/stories.py --write docs/PERFORMANCE.md"
VOCABULARY = 50_000
_RANKS = range(1, VOCABULARY + 1)
_CUMULATIVE = list(itertools.accumulate(1 / k for k in _RANKS))


def _words(rng: random.Random, count: int, prefix: str) -> dict[str, float]:
    # Zipf-like: word k drawn with weight 1/k.
    chosen = rng.choices(_RANKS, cum_weights=_CUMULATIVE, k=count)
    found: dict[str, float] = {}
    for k in chosen:
        found[f"{prefix}{k}"] = found.get(f"{prefix}{k}", 0.0) + 1.0
    return found


def _unit(channel: dict[str, float], df: dict[str, int], n: int, settings: StorySettings) -> dict[str, float]:
    weighted = {
        t: (1 + math.log(w)) * (math.log((1 + n + settings.prior_documents) / (1 + df[t])) + 1)
        for t, w in channel.items()
    }
    norm = math.sqrt(sum(w * w for w in weighted.values()))
    return {t: w / norm for t, w in weighted.items()}


def _fill(db_path: Path, size: int, rng: random.Random) -> list[Profile]:
    """A store with ``size`` stored articles, each its own story; returns some stored profiles."""
    settings = StorySettings()
    samples: list[Profile] = []
    with open_store(db_path):
        pass  # migrations
    db = sqlite3.connect(db_path)
    df: dict[str, int] = {}
    drawn = []
    for n in range(size):
        actors, words = _words(rng, 8, "@a"), _words(rng, 60, "w")
        for term in {*actors, *words}:
            df[term] = df.get(term, 0) + 1
        drawn.append((f"d{n:07d}", actors, words))
    stories, keys, profiles = [], [], []
    for n, (doc, actors, words) in enumerate(drawn):
        # What the stage stores for a story of one article: each channel with inverse document
        # frequencies applied, L2-normalised; keyed by its heaviest terms.
        units = [_unit(channel, df, size, settings) for channel in (actors, words)]
        heaviest = sorted({**units[0], **units[1]}.items(), key=lambda item: -item[1])
        key = [t for t, _ in heaviest[: settings.key_terms]]
        sid = story_id(doc)
        channels = json.dumps([units[0], units[1], {}])
        stories.append(
            (
                sid,
                n,
                1,
                None,
                None,
                "headline",
                doc,
                0.0,
                0.0,
                "[1,1,0]",
                channels,
                json.dumps(key),
                "[]",
                size,
                EXTRACTOR,
            )
        )
        keys += [(t, sid, n) for t in key]
        profiles.append((doc, None, "headline", None, json.dumps([actors, words, {}])))
        if n % max(1, size // 40) == 0:
            samples.append(Profile(doc, None, (actors, words, {}), "headline"))
    db.executemany(
        "INSERT INTO documents (id, source, text, body, ingested_at) VALUES (?, 'bench', '', '', '')",
        [(p[0],) for p in profiles],
    )
    db.executemany(
        "INSERT INTO stories (id, created, size, first_day, last_day, title, title_doc, title_score, pair_sum, counts,"
        " channels, keys, merged_from, refreshed, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        stories,
    )
    db.executemany("INSERT INTO story_keys (term, story_id, created) VALUES (?, ?, ?)", keys)
    db.executemany("INSERT INTO story_terms (term, df) VALUES (?, ?)", sorted(df.items()))
    db.executemany("INSERT INTO story_profiles (doc_id, day, title, outlet, channels) VALUES (?, ?, ?, ?, ?)", profiles)
    db.executemany(
        "INSERT INTO story_members (doc_id, story_id, role, score) VALUES (?, ?, 'main', 1.0)",
        [(p[0], story_id(p[0])) for p in profiles],
    )
    db.execute("UPDATE story_book SET profiled = ?, created = ?", (size, size))
    db.commit()
    db.close()
    return samples


def measure(size: int, seed: int = 18) -> tuple[float, float]:
    """Milliseconds per new article (mean over 200, placed 10 at a time) and the fill time."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        clock = time.perf_counter()
        samples = _fill(path, size, rng)
        filled = time.perf_counter() - clock
        new: list[Profile] = []
        for n in range(200):
            if n % 5 == 0:
                base = samples[n % len(samples)]
                actors = dict(base.channels[0])
                words = {**dict(list(base.channels[1].items())[:40]), **_words(rng, 20, "w")}
            else:
                actors, words = _words(rng, 8, "@a"), _words(rng, 60, "w")
            new.append(Profile(f"n{n:04d}", None, (actors, words, {}), "headline"))
        with open_store(path) as store:
            db = sqlite3.connect(path)
            db.executemany(
                "INSERT INTO documents (id, source, text, body, ingested_at) VALUES (?, 'bench', '', '', '')",
                [(p.doc,) for p in new],
            )
            db.commit()
            db.close()
            book = store.story_book()
            clock = time.perf_counter()
            for start in range(0, len(new), 10):
                book.apply(detect(new[start : start + 10], book, StorySettings(), book.created()))
            placed = time.perf_counter() - clock
    return placed / len(new) * 1000, filled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        per_article, filled = measure(size)
        rows.append(f"| {size:,} | {per_article:.1f} | {filled:.0f} |")
        print(rows[-1], flush=True)
    lines = [
        "## Story stage: cost of one new article as the store grows",
        "",
        f"`{COMMAND}` ({time.strftime('%Y-%m-%d')}, {platform.machine()}, Python {platform.python_version()}, "
        "a machine shared with other work): a synthetic book of one story per stored article (Zipf-like words, "
        "see the script), then 200 new articles placed 10 at a time through the store's book, as ingest places "
        "them (the article's own analysis not included).",
        "",
        "| stored articles | ms per new article | seconds to fill the synthetic store |",
        "|---|---|---|",
        *rows,
    ]
    print("\n".join(lines))
    if args.write:
        write_section(args.write, "bench/stories.py", lines)


if __name__ == "__main__":
    main()
