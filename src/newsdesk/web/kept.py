"""What a page works out from the store and keeps while the store is unchanged: a few values by
name and key, dropped together when another connection commits (``StorySource.fingerprint``,
the store's revision), the oldest first when more than ``size`` are kept."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from fastapi import Request

from newsdesk.story.snapshot import StorySource

Value = TypeVar("Value")


class _Kept:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.revision: object = None
        self.values: OrderedDict[tuple[str, Hashable], object] = OrderedDict()


def kept(request: Request, name: str, key: Hashable, compute: Callable[[], Value], size: int = 32) -> Value:
    """``compute()``'s value for (``name``, ``key``), worked out once per revision of the store.
    Two requests asking at once may both work it out; one of the values is kept."""
    source: StorySource = request.app.state.source
    cache: _Kept | None = getattr(request.app.state, "web_kept", None)
    if cache is None:
        cache = request.app.state.web_kept = _Kept()
    revision = source.fingerprint()
    with cache.lock:
        if cache.revision != revision:
            cache.revision, cache.values = revision, OrderedDict()
        if (name, key) in cache.values:
            cache.values.move_to_end((name, key))
            return cast(Value, cache.values[(name, key)])
    value = compute()
    with cache.lock:
        if cache.revision == revision:
            cache.values[(name, key)] = value
            same = [k for k in cache.values if k[0] == name]
            if len(same) > size:
                del cache.values[same[0]]
    return value
