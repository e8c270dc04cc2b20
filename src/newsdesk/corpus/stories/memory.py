"""A story book held in memory: for tests, evaluation and rebuilding every story at once."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence

from newsdesk.corpus.stories.model import Merge, Profile, StoryChanges, StoryState


class MemoryBook:
    """A ``StoryBook`` held in memory, updated with each run's changes: for tests, evaluation
    and rebuilding every story at once before the result is stored."""

    def __init__(self) -> None:
        self.count = 0
        self.df: Counter[str] = Counter()
        self.states: dict[str, StoryState] = {}
        self.keyed: dict[str, dict[str, int]] = defaultdict(dict)  # term -> story -> created
        self.member_of: dict[str, str] = {}
        self.other_of: dict[str, str] = {}
        self.merges: list[Merge] = []
        self.created = 0
        self.profiles: dict[str, Profile] = {}

    def members(self, story_id: str, limit: int) -> list[Profile]:
        found = [self.profiles[doc] for doc, story in self.member_of.items() if story == story_id]
        return found[-limit:]

    def profiled(self) -> int:
        return self.count

    def frequencies(self, terms: Collection[str]) -> dict[str, int]:
        return {t: self.df[t] for t in terms if t in self.df}

    def stories_with(self, terms: Sequence[str], limit: int) -> dict[str, list[str]]:
        found = {}
        for term in terms:
            keyed = self.keyed.get(term)
            if keyed:
                found[term] = [s for s, _ in heapq.nlargest(limit, keyed.items(), key=lambda item: (item[1], item[0]))]
        return found

    def load(self, story_ids: Collection[str]) -> dict[str, StoryState]:
        return {s: _copy(self.states[s]) for s in story_ids if s in self.states}

    def apply(self, changes: StoryChanges) -> None:
        self.count += changes.profiled
        self.profiles.update((p.doc, p) for p in changes.profiles)
        self.created = max([self.created, *(s.created + 1 for s in changes.stories.values())])
        self.df.update(changes.frequencies)
        for removed in changes.removed:
            old = self.states.pop(removed, None)
            if old is not None:
                for term in old.keys:
                    self.keyed[term].pop(removed, None)
        for merge in changes.merges:
            for doc, story in list(self.member_of.items()):
                if story == merge.merged:
                    self.member_of[doc] = merge.kept
            for doc, story in list(self.other_of.items()):
                if story == merge.merged:
                    self.other_of[doc] = merge.kept
        for state in changes.stories.values():
            old = self.states.get(state.id)
            if old is not None:
                for term in old.keys:
                    self.keyed[term].pop(state.id, None)
            self.states[state.id] = _copy(state)
            for term in state.keys:
                self.keyed[term][state.id] = state.created
        for member in changes.members:
            (self.member_of if member.role == "main" else self.other_of)[member.doc] = member.story
        self.merges.extend(changes.merges)


def _copy(state: StoryState) -> StoryState:
    return StoryState(
        state.id,
        state.created,
        state.size,
        state.first,
        state.last,
        tuple(dict(channel) for channel in state.channels),
        state.counts,
        state.pair_sum,
        state.merged_from,
        state.keys,
        state.title,
        state.title_doc,
        state.title_score,
        state.refreshed,
    )
