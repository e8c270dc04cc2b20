#!/usr/bin/env bash
# Export the demo corpus and the seeds (JSON and Markdown export, Markdown brief) into OUT, so that
# two checkouts can be compared: `bench/exports.sh /tmp/before` on main, `bench/exports.sh /tmp/after`
# on a branch, then `diff -r /tmp/before /tmp/after`. Run from the repository root with PYTHONPATH=src
# (PYTHON=path/to/python when the virtual environment is not .venv).
# A second pass adds the seeds to the demo database in one batch after the demo (the incremental path).
set -euo pipefail
OUT=${1:?usage: bench/exports.sh OUT_DIR}
PY=${PYTHON:-.venv/bin/python}
SEEDS=${SEEDS:-../shared/corpus/seeds}
mkdir -p "$OUT"
run() { "$PY" -m newsdesk "$@"; }
for name in demo seeds; do
  db="$OUT/$name.db"; rm -f "$db"*
  if [ "$name" = demo ]; then src=demo/corpus; else src=$SEEDS; fi
  run ingest -q "$src" --db "$db" --processes 1 > "$OUT/$name.ingest.txt"
  run export --db "$db" --format json --out "$OUT/$name.export.json"
  run export --db "$db" --format md --out "$OUT/$name.export.md"
  run brief --db "$db" --format md --out "$OUT/$name.brief.md"
done
# Seeds added to the demo store as a second batch.
db="$OUT/both.db"; rm -f "$db"*
run ingest -q demo/corpus --db "$db" --processes 1 > "$OUT/both.ingest1.txt"
run ingest -q "$SEEDS" --db "$db" --processes 1 > "$OUT/both.ingest2.txt"
run export --db "$db" --format json --out "$OUT/both.export.json"
rm -f "$OUT"/*.db "$OUT"/*.db-*
