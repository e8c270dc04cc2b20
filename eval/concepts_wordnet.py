"""Write ``src/newsdesk/corpus/concepts.tsv`` from WordNet 3.0 (Princeton; Debian package
``wordnet-base``, read from /usr/share/wordnet). No network; run only to regenerate the file:

    apt-get install wordnet-base
    .venv/bin/python eval/concepts_wordnet.py [--wordnet /usr/share/wordnet] [--check]

A class is a head sense of WordNet, chosen by hand from the top-level categories of the CAMEO
event codebook (Gerner, Schrodt and others, 2002: appeal, consult, aid, yield, investigate, demand,
disapprove, reject, threaten, protest, coerce, assault, fight) and a few general subjects of news
(agreements, leaders, money, prices, power, damage, reputation, ties). Its words are the head's
synonyms, those of its direct hyponyms (troponyms for verbs) and the forms WordNet derives from
them ("arrest" the verb, "arrest" the noun). A word that two classes claim is dropped: it would
join statements that mean different things; so is a word of more than ``MAX_SENSES`` senses in
WordNet's noun and verb indexes together, unless it is a head. ``--check`` exits 1 when the file differs.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "newsdesk" / "corpus" / "concepts.tsv"

# class name -> head senses as (lemma, pos, sense number in WordNet's order).
HEADS: dict[str, list[tuple[str, str, int]]] = {
    "appeal": [("appeal", "v", 2), ("request", "v", 1), ("urge", "v", 2)],
    "consult": [("consult", "v", 1), ("negotiate", "v", 1), ("talk", "n", 2)],
    "help": [("help", "v", 1), ("support", "v", 1), ("aid", "n", 2), ("rescue", "v", 1), ("protect", "v", 1)],
    "yield": [("yield", "v", 2), ("surrender", "v", 1), ("concede", "v", 4), ("withdraw", "v", 1)],
    "investigate": [("investigate", "v", 2), ("probe", "n", 1)],
    "demand": [("demand", "v", 1), ("demand", "v", 3)],
    "condemn": [("condemn", "v", 1), ("criticize", "v", 1), ("denounce", "v", 1), ("accuse", "v", 1)],
    "reject": [("reject", "v", 1), ("refuse", "v", 1), ("deny", "v", 1)],
    "threaten": [("threaten", "v", 1), ("warn", "v", 1)],
    "protest": [("protest", "v", 2), ("demonstrate", "v", 4), ("protest", "n", 1)],
    "seize": [("arrest", "v", 1), ("seize", "v", 1), ("capture", "v", 3), ("kidnap", "v", 1), ("oust", "v", 1)],
    "attack": [("attack", "v", 1), ("bomb", "v", 1), ("attack", "n", 1), ("raid", "n", 1)],
    "fight": [("fight", "v", 1), ("war", "n", 1), ("battle", "n", 1)],
    "kill": [("kill", "v", 1), ("murder", "v", 1)],
    "agreement": [("agreement", "n", 1), ("treaty", "n", 1), ("alliance", "n", 4)],
    "leader": [("leader", "n", 1), ("head", "n", 4), ("president", "n", 3)],
    "money": [("loan", "n", 1), ("debt", "n", 1), ("fund", "n", 1), ("lend", "v", 2)],
    "price": [("price", "n", 2), ("cost", "n", 1), ("market", "n", 1)],
    "power": [("power", "n", 1), ("force", "n", 1), ("military", "n", 1)],
    "damage": [("damage", "v", 1), ("weaken", "v", 1), ("harm", "n", 1), ("setback", "n", 1)],
    "standing": [("reputation", "n", 2), ("prestige", "n", 1), ("influence", "n", 1)],
    "ties": [("relationship", "n", 1), ("friendship", "n", 1), ("partnership", "n", 2)],
    "fall": [("collapse", "v", 1), ("downfall", "n", 1), ("overthrow", "v", 1)],
}
_POS = {"n": "noun", "v": "verb"}
MAX_SENSES = 6


def _load(
    root: Path, pos: str
) -> tuple[dict[str, list[str]], dict[str, tuple[list[str], list[tuple[str, str, str, str]]]]]:
    """WordNet's index (lemma -> synset offsets in sense order) and data (offset -> words, pointers)."""
    index: dict[str, list[str]] = {}
    for line in (root / f"index.{_POS[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        pointers = int(parts[3])
        senses = int(parts[2])
        index[parts[0]] = parts[6 + pointers : 6 + pointers + senses]
    data: dict[str, tuple[list[str], list[tuple[str, str, str, str]]]] = {}
    for line in (root / f"data.{_POS[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split(" | ")[0].split()
        count = int(parts[3], 16)
        words = [parts[4 + 2 * i].lower() for i in range(count)]
        at = 4 + 2 * count
        links = [tuple(parts[at + 1 + 4 * i : at + 5 + 4 * i]) for i in range(int(parts[at]))]
        data[parts[0]] = (words, [(s, o, p, st) for s, o, p, st in links])
    return index, data


def build(root: Path) -> dict[str, list[str]]:
    tables = {pos: _load(root, pos) for pos in _POS}
    senses: dict[str, int] = defaultdict(int)
    for index, _ in tables.values():
        for lemma, offsets in index.items():
            senses[lemma] += len(offsets)
    heads = {lemma for listed in HEADS.values() for lemma, _, _ in listed}
    claimed: dict[str, set[str]] = defaultdict(set)
    for name, listed in HEADS.items():
        for lemma, pos, sense in listed:
            index, data = tables[pos]
            offset = index[lemma][sense - 1]
            links = data[offset][1]
            synsets = [(pos, offset)] + [(p, o) for s, o, p, _ in links if s == "~" and p == pos]
            for syn_pos, syn in synsets:
                syn_words, syn_links = tables[syn_pos][1][syn]
                for word in syn_words:
                    claimed[word].add(name)
                for symbol, target, target_pos, source_target in syn_links:
                    if symbol == "+" and target_pos in _POS:
                        target_words = tables[target_pos][1][target][0]
                        number = int(source_target[2:], 16)
                        if 0 < number <= len(target_words):
                            claimed[target_words[number - 1]].add(name)
    classes: dict[str, list[str]] = defaultdict(list)
    for word, names in sorted(claimed.items()):
        # Lemma markers such as "(p)" and multiword lemmas are left out; so is a word two classes claim.
        word = word.split("(")[0]
        # A word of many senses ("get", "take", "open") is weak evidence of any one class.
        ambiguous = senses[word] > MAX_SENSES and word not in heads
        if len(names) == 1 and word.isalpha() and len(word) > 2 and not ambiguous:
            classes[next(iter(names))].append(word)
    return {name: sorted(set(classes[name])) for name in HEADS}


def render(classes: dict[str, list[str]]) -> str:
    lines = [
        "# Classes of words news writers use for one another when they tell the same thing: the claims stage",
        "# adds a statement's classes to its terms. Generated by eval/concepts_wordnet.py from WordNet 3.0",
        "# (Princeton University; head senses from the CAMEO event codebook's categories and general news",
        "# subjects, with their synonyms, direct hyponyms and derived forms). Do not edit by hand.",
    ]
    lines += [f"{name}\t{' '.join(words)}" for name, words in classes.items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--check", action="store_true", help="exit 1 when concepts.tsv differs")
    args = parser.parse_args()
    text = render(build(args.wordnet))
    if args.check:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({sum(len(line.split()) - 1 for line in text.splitlines() if not line.startswith('#'))} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
