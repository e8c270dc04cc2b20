"""A time budget for one document's stage: the stage stops, with its name and the budget given,
rather than holding up the documents behind it.

In the main thread of a process (the CLI, a pool worker) the budget is enforced by a timer signal
that interrupts the stage; elsewhere (a web server's worker threads) it is checked when the stage
returns, so an overrun still fails that document only, with the same reason.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class OverBudget(Exception):
    """A stage ran past its time budget on one document."""

    def __init__(self, stage: str, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s in stage {stage} (the time budget for one document)")
        self.stage = stage
        self.seconds = seconds


def _can_interrupt() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # nobody else's timer is running
    )


@contextmanager
def budget(stage: str, seconds: float | None) -> Iterator[None]:
    """Run the block within ``seconds`` (None: no limit); else raise :class:`OverBudget`."""
    if seconds is None:
        yield
        return
    started = time.monotonic()
    if not _can_interrupt():
        yield
        if time.monotonic() - started > seconds:
            raise OverBudget(stage, seconds)
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise OverBudget(stage, seconds)

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
