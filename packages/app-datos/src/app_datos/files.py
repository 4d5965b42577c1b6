"""Filesystem helpers shared by the subcommands that read mounted volumes or write results."""

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def iter_files(root: Path) -> Iterator[Path]:
    """Regular files under root, recursively and sorted, following symlinks.

    Names starting with "." are skipped: ConfigMap/Secret volumes keep a "..data" symlink to a
    hidden copy of every file, and write_atomic's temporary files are hidden too.
    """
    seen: set[tuple[int, int]] = set()

    def walk(directory: Path) -> Iterator[Path]:
        try:
            info = directory.stat()
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            return
        # Following symlinks could loop forever; visit every real directory once.
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(Path(entry.path))
            elif entry.is_file():
                yield Path(entry.path)

    yield from walk(root)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace path with data so that readers see either the old or the new file, never half."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; sidecars running as another user must be able to read results.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
