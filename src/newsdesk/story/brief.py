"""The story briefing (``report.brief``) with the kinds of happening the story stages name."""

from __future__ import annotations

from typing import Any

from newsdesk.corpus.happenings import KIND_OF
from newsdesk.report import brief
from newsdesk.report.brief import Briefing

HAPPENINGS = frozenset(KIND_OF.values())


def build_briefing(export: dict[str, Any], limit: int = 12) -> Briefing:
    """The one-page briefing of an export object, ``limit`` items per section."""
    return brief.build_briefing(export, limit, happenings=HAPPENINGS)
