"""Writing one file whole or not at all: a temporary file, flushed to disk, then a rename.
Every file the tool writes goes through here. A batch of files (a folder update of hundreds of
pages) skips the flush of each file and ends with one `flush_all`: the same guarantee before the
batch is committed, without a disk round trip per file."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_file(path: Path, data: bytes, flush: bool = True) -> None:
    """Write via a temporary file and a rename, so a reader never sees half a file; a failed write
    leaves no temporary file behind. Every file this module writes goes through here. With
    flush=False the caller promises a `flush_all` before it relies on the file being on disk."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            if flush:
                os.fsync(f.fileno())  # the bytes are on disk before the rename makes them the file
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def flush_all() -> None:
    """Put every file written so far on disk (one call for a whole batch of writes)."""
    os.sync()


def write_atomic(path: Path, text: str, make_parent: bool = True) -> None:
    """Write text via a temporary file and rename, so a reader never sees half a file."""
    if make_parent:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, text.encode("utf-8"))
