"""An analyst's corrections of the stories, checked against the stories as they are now: move
articles to another story, merge stories, split a story (the chosen articles become a story of
their own). Each is made here, stored by ``Store.add_story_correction`` and replayed after every
run of the story stage (``store/story_corrections.py``)."""

from __future__ import annotations

from newsdesk.corpus.corrections import MAX_WHO, MAX_WHY, BadCorrection, UnknownTarget
from newsdesk.model import Story, StoryAction, StoryCorrection, story_correction_id
from newsdesk.store.base import Store


def _judged(who: str, why: str) -> tuple[str, str]:
    who, why = who.strip(), why.strip()
    if not who or not why:
        raise BadCorrection("say who makes the correction and why")
    if len(why) > MAX_WHY or len(who) > MAX_WHO:
        raise BadCorrection(f"keep 'why' under {MAX_WHY} and 'who' under {MAX_WHO} characters")
    return who, why


def _story(store: Store, story_id: str) -> Story:
    found = store.story(story_id)
    if found is None:
        raise UnknownTarget(f"no story with id {story_id!r} (list them with 'newsdesk stories')")
    return found


def _documents(store: Store, documents: list[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(documents))
    if not chosen:
        raise BadCorrection("name at least one article")
    missing = [doc for doc in chosen if not store.has(doc)]
    if missing:
        raise UnknownTarget(f"no article with id {missing[0]!r}")
    return chosen


def _made(
    action: StoryAction, stories: tuple[str, ...], documents: tuple[str, ...], who: str, why: str, when: str
) -> StoryCorrection:
    who, why = _judged(who, why)
    return StoryCorrection(
        story_correction_id(action, stories, documents, who, when, why), action, stories, documents, who, when, why
    )


def move_articles(store: Store, documents: list[str], story: str, who: str, why: str, when: str) -> StoryCorrection:
    """These articles belong to ``story``."""
    target = _story(store, story)
    chosen = _documents(store, documents)
    if all(doc in target.documents for doc in chosen):
        raise BadCorrection(f"every article named is in story {target.id} already")
    return _made(StoryAction.MOVE, (target.id,), chosen, who, why, when)


def merge_stories(store: Store, stories: list[str], who: str, why: str, when: str) -> StoryCorrection:
    """These stories are one (the oldest keeps its id)."""
    found = list(dict.fromkeys(_story(store, story).id for story in stories))
    if len(found) < 2:
        raise BadCorrection("name at least two different stories to merge")
    return _made(StoryAction.MERGE, tuple(found), (), who, why, when)


def split_off(store: Store, story: str, documents: list[str], who: str, why: str, when: str) -> StoryCorrection:
    """These articles of ``story`` are a story of their own."""
    source = _story(store, story)
    chosen = _documents(store, documents)
    outside = [doc for doc in chosen if doc not in source.documents]
    if outside:
        raise BadCorrection(f"article {outside[0]!r} is not in story {source.id}")
    if len(chosen) == len(source.documents):
        raise BadCorrection("a split keeps at least one article in the story: name fewer articles")
    return _made(StoryAction.SPLIT, (source.id,), chosen, who, why, when)
