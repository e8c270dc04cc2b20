"""What costs a pass over part of the story, kept by a store while its database is unchanged: a
list's count, the outlets a filter names, the keys every ``STEP`` items along a list.

A store keeps one :class:`Kept` per connection; its ``version`` is the store's revision (SQLite:
``PRAGMA data_version`` and the connection's own changes; PostgreSQL: the snapshot's first
unfinished transaction), read before each use: a commit by anyone empties it. The newest ``size``
values are kept, so its memory does not grow with the story beyond the keys of the lists kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Protocol, TypeVar, cast

Value = TypeVar("Value")


class Remember(Protocol):
    """``compute()``'s value for ``key``, worked out once while the database is unchanged."""

    def __call__(self, key: Hashable, compute: Callable[[], Value]) -> Value: ...


def at_once(key: Hashable, compute: Callable[[], Value]) -> Value:
    """Nothing kept: worked out at every call."""
    return compute()


class Kept:
    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.version: object = None
        self.values: OrderedDict[Hashable, object] = OrderedDict()

    def remember(self, version: object) -> Remember:
        """What is kept for ``version`` (all of it dropped when the version is another)."""
        if version != self.version:
            self.version, self.values = version, OrderedDict()

        def kept(key: Hashable, compute: Callable[[], Value]) -> Value:
            if key in self.values:
                self.values.move_to_end(key)
                return cast(Value, self.values[key])
            value = compute()
            self.values[key] = value
            while len(self.values) > self.size:
                self.values.popitem(last=False)
            return value

        return kept
