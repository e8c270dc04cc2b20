"""The stage graphs: every stage registered, each requirement met by an earlier stage, and a
broken chain refused before it runs."""

from __future__ import annotations

import pytest

from newsdesk.pipeline import DOCUMENT_STAGES, GIVEN, check_graph, parse_stages
from newsdesk.stages import check_stages, stage


def test_the_document_graph_holds_every_stage_and_checks() -> None:
    names = [s.name for s in (*DOCUMENT_STAGES, *parse_stages())]
    assert len(names) == len(set(names))
    assigned = check_graph()
    for field in ("removed", "title", "times", "mentions", "quotes", "events", "relations", "propositions"):
        assert field in assigned


def test_a_stage_whose_input_nobody_assigns_is_refused() -> None:
    reordered = (DOCUMENT_STAGES[2], DOCUMENT_STAGES[0], DOCUMENT_STAGES[1])
    with pytest.raises(ValueError, match="needs"):
        check_stages(reordered, GIVEN)


def test_two_stages_assigning_one_thing_are_refused() -> None:
    twice = (*DOCUMENT_STAGES, stage("newsdesk.other.v2", {"text"}, {"times"}, lambda d, _: d))
    with pytest.raises(ValueError, match="assigns times"):
        check_stages(twice, GIVEN)


def test_a_version_is_read_off_the_name() -> None:
    assert stage("newsdesk.quotes.rules.v3", (), (), lambda d, _: d).version == "v3"


def test_the_story_graph_checks_with_and_without_nlp() -> None:
    from newsdesk.corpus.stages import STORY_STAGES, selected
    from newsdesk.settings import Settings

    assert [s.stage.name for s in selected(Settings())] == [s.stage.name for s in STORY_STAGES]
    assert [s.stage.name for s in selected(Settings(nlp=False))] == [
        "newsdesk.corpus.timeline.v1",
        "newsdesk.corpus.relations.v2",
        "newsdesk.stories.v1",
    ]
    claims = next(s for s in STORY_STAGES if s.stage.name.startswith("newsdesk.corpus.claims"))
    claims_first = (claims, *(s for s in STORY_STAGES if s is not claims))
    with pytest.raises(ValueError, match="needs"):
        selected(Settings(), claims_first)


def test_analyse_is_a_plain_function_of_an_article_and_the_settings() -> None:
    """What a process pool or a distributed map needs: picklable, no state but the cached pipeline,
    and the same result one at a time as in a batch."""
    import pickle

    from newsdesk.model import Document, Failure, RawArticle
    from newsdesk.pipeline import analyse, analyse_many
    from newsdesk.settings import Settings

    assert pickle.loads(pickle.dumps(analyse)) is analyse
    settings = Settings(detect_language=False, batch_size=2)
    raws = [
        RawArticle(
            source=f"{n}.txt", text=f"Ana Reyes, the mayor of Lennvik, said on Monday that the bridge {n} was closed."
        )
        for n in range(3)
    ] + [RawArticle(source="empty.txt", text="  \n ")]
    alone = [analyse(raw, settings) for raw in raws]
    assert alone == list(analyse_many(raws, settings))
    assert all(isinstance(item, Document) and item.mentions and item.propositions is not None for item in alone[:3])
    assert isinstance(alone[3], Failure) and "no text" in alone[3].reason
