"""The benchmark script runs (figures are read by people, never asserted: the machines are noisy)."""

from __future__ import annotations

import re
import subprocess
import sys

from plansite.catalog.load import load
from plansite.render import render_site
from tests.conftest import DATA, ROOT


def test_benchmark_runs_at_the_smallest_scale() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench.py"),
            "--scales",
            "1",
            "--runs",
            "1",
            "--no-serve",
            "--no-memory",
            "--quick",
            "--lineage",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    header, row = [line for line in result.stdout.splitlines() if "|" in line][:2]
    assert header.split()[0] == "scale" and "mkdocs_mb" in header
    catalog, _ = load(DATA)
    assert int(row.split("|")[1]) == len(render_site(catalog).pages)
    # The linker's timing ran (one pair of two synthetic editions here; ten editions by default).
    assert re.search(r"lineage: propose for all 1 pairs of 2 editions", result.stdout), result.stdout
