"""The whole store's download files, each written once per revision of the store and sent again
while the store is unchanged (an export of 10,000 articles takes tens of seconds to write)."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import IO


class BuiltFiles:
    """Files written into a folder of their own (removed when the server ends), by name, for one
    revision of the store. When the store changes, the files of the revision before last are
    removed: the last one's stay a while, for a download still being sent. One file is written
    at a time; a request for a file being written waits for it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="newsdesk-downloads-"))
        weakref.finalize(self, shutil.rmtree, self.folder, True)
        self._lock = threading.Lock()
        self._revision: object = None
        self._files: dict[str, Path] = {}
        self._previous: list[Path] = []
        self._written = 0

    def path(self, revision: object, name: str, write: Callable[[IO[bytes]], object]) -> Path:
        """The file ``name`` of ``revision``, written by ``write`` unless it was already."""
        with self._lock:
            if revision != self._revision:
                for old in self._previous:
                    old.unlink(missing_ok=True)
                self._previous, self._files, self._revision = list(self._files.values()), {}, revision
            found = self._files.get(name)
            if found is not None and found.exists():
                return found
            self._written += 1
            path = self.folder / f"{self._written}-{name}"
            handle, partial = tempfile.mkstemp(dir=self.folder, prefix="partial-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    write(stream)
                os.replace(partial, path)
            except BaseException:
                os.unlink(partial)
                raise
            self._files[name] = path
            return path
