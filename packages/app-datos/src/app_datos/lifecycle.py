"""Signal handling: how each kind of subcommand reacts to SIGTERM and SIGINT."""

import signal
import threading
from types import FrameType

_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def exit_on_signal() -> None:
    """Short commands just stop. Without a handler, PID 1 in a container ignores SIGTERM."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        # SystemExit still runs `finally` blocks, so temporary files are cleaned up.
        raise SystemExit(128 + signum)

    for signum in _SIGNALS:
        signal.signal(signum, handler)


def stop_event() -> threading.Event:
    """Long-running commands: the returned event is set on SIGTERM/SIGINT so they exit cleanly (code 0)."""
    event = threading.Event()

    def handler(_signum: int, _frame: FrameType | None) -> None:
        event.set()

    for signum in _SIGNALS:
        signal.signal(signum, handler)
    return event
