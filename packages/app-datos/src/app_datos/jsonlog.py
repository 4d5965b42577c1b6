"""JSON log lines: one compact object per line on stdout, also appended to LOG_FILE."""

import json
import os
import sys
import threading

from app_datos.errors import os_reason

# Request threads log concurrently; one lock keeps each line whole in both sinks.
_lock = threading.Lock()
_unwritable_log_files: set[str] = set()


def log(event: str, **fields: object) -> None:
    """Write {"evento": event, **fields} as one line, e.g. {"evento":"escuchando","puerto":8080}."""
    line = json.dumps({"evento": event, **fields}, ensure_ascii=False, separators=(",", ":"))
    data = (line + "\n").encode("utf-8")
    with _lock:
        # Bytes, not text: the output must not depend on the container's locale.
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        _append_to_log_file(data)


def _append_to_log_file(data: bytes) -> None:
    path = os.environ.get("LOG_FILE")
    if not path:
        return
    try:
        # Reopened per line so that rotating or truncating the file is always safe.
        with open(path, "ab") as handle:
            handle.write(data)
    except OSError as exc:
        # Logging must never stop the program; say it once on stderr instead.
        if path not in _unwritable_log_files:
            _unwritable_log_files.add(path)
            print(f"app-datos: no se puede escribir en LOG_FILE={path}: {os_reason(exc)}", file=sys.stderr)
