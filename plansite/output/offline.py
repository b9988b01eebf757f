"""The offline copy: the same pages built for file:// and packed into a reproducible zip."""

from __future__ import annotations

import contextlib
import os
import time
import zipfile
from pathlib import Path

# From file:// browsers refuse Web Workers, which Material's search uses. Material's offline plugin
# would add the iframe-worker shim from a CDN, and that shim writes an inline script into its frame,
# which a hash-only Content-Security-Policy forbids. Our own stand-in (docs/assets/) avoids both.
WORKER_SHIM = "assets/plansite-iframe-worker.js"


def zip_folder(folder: Path, target: Path, top: str, epoch: int = 315532800) -> None:
    """Zip `folder` under `top/`: entries sorted, every timestamp `epoch` (the build's source date;
    by default 1980, the earliest a zip can hold), fixed modes, so two builds of one commit give the
    same bytes. Written beside `target`, then renamed; a failed write leaves `target` as it was."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot date before 1980
    tmp = target.with_name(f".{target.name}.tmp")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=stamp)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        os.replace(tmp, target)
    except BaseException:  # disk full, an interrupt: no half-written zip is left behind
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
