"""`build.py serve`: an edit to data/ shows in the served page without a restart."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT
from tests.test_lineage import assemble


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> float:
    """Seconds until the page at `url` contains `text`; fails after `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


def test_serve_rerenders_when_data_changes(tmp_path: Path) -> None:
    data = assemble(tmp_path / "data")  # the small fixture series: serve's first build takes seconds
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--data",
            str(data),
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--docs",
            str(docs),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/2091/tasks/1/"
        wait_for(url, "Promote the revision of the Trademark Law", 120)
        content = data / "editions" / "2091" / "content.en.yaml"
        content.write_text(
            content.read_text(encoding="utf-8").replace(
                "text_en: Promote the revision of the Trademark Law",
                "text_en: Speed up the revision of the Trademark Law",
                1,
            ),
            encoding="utf-8",
        )
        wait_for(url, "Speed up the revision of the Trademark Law", 60)
        assert "Speed up the revision" in (docs / "2091" / "tasks" / "1.md").read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
