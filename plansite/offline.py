"""The offline copy: the same pages built for file:// and packed into a reproducible zip."""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

# Material's offline plugin loads this Web Worker shim (search from file://) from a CDN unless a
# local copy is listed; we ship the pinned npm package's file (see package.json).
SHIM_SOURCE = Path("node_modules") / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/vendor/iframe-worker/shim.js"


class MissingShim(Exception):
    pass


def shim(root: Path) -> Path:
    path = root / SHIM_SOURCE
    if not path.is_file():
        raise MissingShim(f"{SHIM_SOURCE} is missing: run `npm ci` (or `make site`) to install the pinned iframe-worker")
    return path


def add_shim(root: Path, docs_dir: Path) -> None:
    target = docs_dir / SHIM_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shim(root), target)


def zip_folder(folder: Path, target: Path, top: str) -> None:
    """Zip `folder` under `top/`: entries sorted, timestamps from SOURCE_DATE_EPOCH, fixed modes,
    so two builds of one commit give the same bytes. Written beside `target`, then renamed."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot date before 1980
    tmp = target.with_name(f".{target.name}.tmp")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    os.replace(tmp, target)
