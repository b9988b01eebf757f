"""Writing one file whole or not at all: a temporary file, flushed to disk, then a rename.
Every file the tool writes goes through here."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename, so a reader never sees half a file; a failed write
    leaves no temporary file behind. Every file this module writes goes through here."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())  # the bytes are on disk before the rename makes them the file
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: Path, text: str, make_parent: bool = True) -> None:
    """Write text via a temporary file and rename, so a reader never sees half a file."""
    if make_parent:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, text.encode("utf-8"))
