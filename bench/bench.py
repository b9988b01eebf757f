"""Benchmark the real pipeline on synthetic data at 1×, 10× and 50× the 2025 plan.

    .venv/bin/python bench/bench.py [--scales 1,10,50] [--runs 3] [--one-section 10000] [--lineage 10] [--no-memory]
    .venv/bin/python bench/bench.py --editions 100,200 [--edition-tasks 10]

Scale N means N editions shaped like the bundled one (7 sections, the same subsections, 118 tasks,
the same number of departments per task, the real registry), as annual plans accumulate.
--one-section N adds one edition of N tasks all in one section: no page but the section, the task
table and the print view may grow with it (a task page lists only its nearest neighbours). Every
figure is the median of --runs runs, measured in this one run; compare the ratios, not the seconds,
since the machines are shared and noisy.
--lineage N (default 10; 0 skips it) times the linker: N synthetic editions, and
`lineage.propose` for every pair of them (45 pairs for 10).
--editions N,M (alone: nothing else is run) builds the bundled data plus N, then M, small editions
(--edition-tasks, default 10) with `build.py build --no-offline` in a fresh process: time, peak
memory, pages, search index and a department page's size. Work that grows with the editions must
grow linearly: for 100,200 the goal is t(200) / t(100) ≤ 2.2.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite import engine  # noqa: E402
from plansite.catalog import read  # noqa: E402
from plansite.catalog.load import load  # noqa: E402
from plansite.catalog.yamlio import dump_yaml  # noqa: E402
from plansite.commands.build import build  # noqa: E402
from plansite.commands.settings import BuildSettings  # noqa: E402
from plansite.finish import finish_site  # noqa: E402
from plansite.lineage import propose as lineage  # noqa: E402
from plansite.output.transaction import sync  # noqa: E402
from plansite.render import render_site  # noqa: E402

SEED = 2025
EDITIONS_GOAL = 2.2  # t(2N) / t(N) for --editions: linear growth, with a margin
BUNDLED_TASKS = 118  # tasks in the bundled 2025 edition: the unit of --one-section's multiple


def synthetic_task(
    rng: random.Random, model: Any, number: int, section: int, words: list[str], dept_ids: list[str]
) -> dict[str, Any]:
    """A task shaped like `model` (as many words, as many bodies), its words and bodies drawn at random."""
    return {
        "number": number,
        "section": section,
        "subsection": None,
        "text_en": " ".join(rng.choice(words) for _ in range(len(model.text_en.split()))),
        "responsibility_en": "synthetic",
        "departments": rng.sample(dept_ids, len(model.departments)),
        "collectives": [],
        "respective_duties": rng.random() < 0.3,
        "and_others": False,
    }


def bundled_copy(target: Path) -> tuple[random.Random, Any, list[str], list[str]]:
    """Copy the bundled data to `target`; return the seeded generator, the bundled edition, its
    words and the department ids that synthetic tasks are drawn from."""
    shutil.copytree(ROOT / "data", target)
    catalog, _ = load(ROOT / "data")
    base = catalog.editions[0]
    return (
        random.Random(SEED),
        base,
        " ".join(t.text_en for t in base.tasks).split(),
        [d.id for d in catalog.departments],
    )


def synthetic_data(scale: int, target: Path) -> None:
    """`scale` editions shaped like the bundled one, with shuffled words and departments (fixed seed)."""
    rng, base, words, dept_ids = bundled_copy(target)
    source = target / "editions" / base.id
    content = {
        "front_en": [],
        "closing_en": [],
        "sections": [
            {
                "number": s.number,
                "title_en": s.title_en,
                "subsections": [{"number": x.number, "title_en": x.title_en} for x in s.subsections],
            }
            for s in base.sections
        ],
        "tasks": [],
    }
    for i in range(1, scale):
        edition_id = f"s{i:03d}"
        folder = target / "editions" / edition_id
        shutil.copytree(source, folder)
        (folder / "instruments.yaml").unlink(missing_ok=True)  # its mentions name the real text's instruments
        (folder / "glossary.yaml").unlink(missing_ok=True)  # its wordings are the real text's
        plan = (folder / "plan.yaml").read_text(encoding="utf-8")
        plan = plan.replace('id: "2025"', f'id: "{edition_id}"').replace(
            "issued: 2025-04-29", f"issued: {datetime.date(1990, 1, 1) + datetime.timedelta(days=30 * i)}"
        )
        (folder / "plan.yaml").write_text(plan, encoding="utf-8")
        tasks = []
        for t in base.tasks:
            length = len(t.text_en.split())
            tasks.append(
                {
                    "number": t.number,
                    "section": t.section,
                    "subsection": t.subsection,
                    "text_en": " ".join(rng.choice(words) for _ in range(length)),
                    "responsibility_en": "synthetic",
                    "departments": rng.sample(dept_ids, len(t.departments)),
                    "collectives": [],
                    "respective_duties": rng.random() < 0.3,
                    "and_others": False,
                }
            )
        (folder / "content.en.yaml").write_text(dump_yaml({**content, "tasks": tasks}), encoding="utf-8")


def synthetic_one_section(tasks: int, target: Path) -> None:
    """One edition (2025) whose `tasks` tasks all sit in one section without subsections: the worst
    case for anything a page lists beside its task (every task is every other's sibling). Texts
    and departments are shuffled from the bundled edition's, as above; its updates, topic
    corrections and instrument mentions are kept: the first tasks are the bundled ones, word for
    word, so what those name still holds."""
    rng, base, words, dept_ids = bundled_copy(target)
    folder = target / "editions" / base.id
    section = base.sections[0]
    rows = []
    for number in range(1, tasks + 1):
        model = base.tasks[(number - 1) % len(base.tasks)]
        if number <= len(base.tasks):
            rows.append(
                {
                    "number": number,
                    "section": section.number,
                    "subsection": None,
                    "text_en": model.text_en,
                    "responsibility_en": model.responsibility_en,
                    "departments": list(model.departments),
                    "collectives": list(model.collectives),
                    "respective_duties": model.respective_duties,
                    "and_others": model.and_others,
                }
            )
            continue
        rows.append(synthetic_task(rng, model, number, section.number, words, dept_ids))
    content = {
        "front_en": list(base.front_en),
        "closing_en": list(base.closing_en),
        "sections": [{"number": section.number, "title_en": section.title_en}],
        "tasks": rows,
    }
    (folder / "content.en.yaml").write_text(dump_yaml(content), encoding="utf-8")
    zh = {
        "headings": [{"number": str(section.number), "title_zh": section.title_zh, "zh_check": section.zh_check}],
        "tasks": {},
    }
    (folder / "content.zh.yaml").write_text(dump_yaml(zh), encoding="utf-8")


def synthetic_editions(count: int, tasks: int, target: Path) -> None:
    """The bundled data plus `count` small editions of `tasks` tasks each (two sections without
    subsections, texts and departments shuffled from the bundled edition's, fixed seed): many
    editions rather than big ones, for what grows with the number of editions."""
    rng, base, words, dept_ids = bundled_copy(target)
    source = (target / "editions" / base.id / "plan.yaml").read_text(encoding="utf-8")
    zh = {"headings": [{"number": str(n), "title_zh": f"第{n}部分", "zh_check": "reconstructed"} for n in (1, 2)]}
    start = datetime.date(2000, 1, 3)
    for i in range(1, count + 1):
        edition_id = f"m{i:04d}"
        folder = target / "editions" / edition_id
        folder.mkdir()
        issued = start + datetime.timedelta(days=7 * i)
        plan = source.replace('id: "2025"', f'id: "{edition_id}"')
        plan = plan.replace("issued: 2025-04-29", f"issued: {issued.isoformat()}")
        plan = plan.replace("published: 2025-05-07", f"published: {(issued + datetime.timedelta(days=3)).isoformat()}")
        (folder / "plan.yaml").write_text(plan, encoding="utf-8")
        rows = []
        for number in range(1, tasks + 1):
            model = base.tasks[rng.randrange(len(base.tasks))]
            rows.append(synthetic_task(rng, model, number, 1 if number <= tasks // 2 else 2, words, dept_ids))
        content = {
            "front_en": [],
            "closing_en": [],
            "sections": [{"number": n, "title_en": f"Part {n}", "subsections": []} for n in (1, 2)],
            "tasks": rows,
        }
        (folder / "content.en.yaml").write_text(dump_yaml(content), encoding="utf-8")
        (folder / "content.zh.yaml").write_text(dump_yaml({**zh, "tasks": {}}), encoding="utf-8")


def measure(step: Callable[[], Any], runs: int, setup: Callable[[], Any] | None = None) -> tuple[float, Any]:
    """Median wall time of `step` over `runs` runs (each after an untimed `setup`), and its last result."""
    times = []
    result = None
    for _ in range(runs):
        if setup:
            setup()
        gc.collect()
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


STAGES = ("load", "render", "write", "mkdocs")


def run_stage(stage: str, data: Path, work: Path) -> None:
    """Run the pipeline up to `stage` in this (fresh) process, so its peak RSS is that stage's peak."""
    catalog, _ = read(data)
    if stage == "load":
        return
    pages = render_site(catalog).docs
    if stage == "render":
        return
    docs = work / "mem-docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    sync(docs, pages)
    if stage == "mkdocs":
        engine.build(mkdocs_run(catalog, docs, work / "mem-site", work))


def mkdocs_run(catalog: Any, docs: Path, site: Path, work: Path) -> engine.Run:
    """One MkDocs run over `docs`, given the navigation and search words rendered from `catalog`."""
    rendered = render_site(catalog)
    words = work / "search-words.txt"
    words.write_text(rendered.search_words, encoding="utf-8")
    return engine.Run(ROOT / "mkdocs.yml", docs, site, rendered.nav, words)


def peak_rss_mb(stage: str, data: Path, work: Path) -> float:
    """Peak resident memory of a fresh process running the pipeline up to `stage`."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from bench.bench import run_stage; "
        "from pathlib import Path; run_stage(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])); "
        "print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), stage, str(data), str(work)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1]) / 1024  # Linux reports kB


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def zensical_build(zensical: str, catalog: Any, docs: Path, work: Path, runs: int) -> dict[str, float]:
    """The same pages built by Zensical (optional, --zensical): cold (cache cleared) and warm.
    Zensical reads mkdocs.yml (and runs no MkDocs hooks: the project has none): it is given the
    navigation in its config, and the generated files are in docs/ already. It lacks what the
    finishing step does to each page (content security policy, lang="zh", compaction) and Chinese
    segmentation."""
    zdocs, zsite = work / "zensical-docs", work / "zensical-site"
    shutil.rmtree(zdocs, ignore_errors=True)
    shutil.copytree(docs, zdocs)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {zdocs.name}").replace(
        "site_dir: site", f"site_dir: {zsite.name}"
    )  # beside the config
    config = config.replace("custom_dir: templates/theme", f"custom_dir: {ROOT / 'templates' / 'theme'}")
    config_file = work / "zensical.yml"
    config_file.write_text(config + "\n" + dump_yaml({"nav": render_site(catalog).nav}), encoding="utf-8")

    def build(*flags: str) -> None:
        done = subprocess.run([zensical, "build", "-f", str(config_file), *flags], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"zensical failed:\n{done.stdout}{done.stderr}")

    cold, _ = measure(lambda: build("--clean"), runs)
    warm, _ = measure(build, runs)
    task_page = zsite / "2025" / "tasks" / "57" / "index.html"
    return {"cold": cold, "warm": warm, "site_mb": folder_mb(zsite), "task_kb": task_page.stat().st_size / 1e3}


def bench_scale(
    scale: int,
    runs: int,
    work: Path,
    zensical: str | None = None,
    one_section: int | None = None,
    memory: bool = True,
    quick: bool = False,
) -> dict[str, Any]:
    """One case: `scale` editions shaped like the bundled one, or (one_section=N) one edition of N
    tasks in one section ("10000 in 1"), whose multiple is then that of the bundled edition's tasks."""
    data, docs = work / "data", work / "docs"
    if one_section:
        synthetic_one_section(one_section, data)
        row: dict[str, Any] = {"scale": f"{one_section} in 1", "multiple": one_section / BUNDLED_TASKS}
    else:
        synthetic_data(scale, data)
        row = {"scale": f"{scale}×", "multiple": scale}

    def fresh_docs() -> Path:
        shutil.rmtree(docs, ignore_errors=True)
        shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
        return docs

    row["load"], (catalog, _) = measure(lambda: read(data), runs)
    row["render"], rendered = measure(lambda: render_site(catalog), runs)
    pages = rendered.docs
    # Emptying docs/ between runs (thousands of files at 10×) is not part of writing it.
    row["write"], _ = measure(lambda: sync(docs, pages), runs, setup=fresh_docs)
    row["rewrite"], _ = measure(lambda: sync(docs, pages), runs)  # nothing changed: nothing written

    def ours() -> None:
        """What `python build.py` does, in full: check, render, write, MkDocs."""
        catalog, _ = read(data)
        sync(fresh_docs(), render_site(catalog).docs)
        run = mkdocs_run(catalog, docs, work / "site", work)
        finish_site(run.site_dir, run.finish(engine.build(run)))

    def bare() -> None:
        """MkDocs alone, on the docs/ generated above (its navigation and search words given)."""
        engine.build(mkdocs_run(catalog, docs, work / "site", work))

    if not quick:
        bare()  # warm-up: jieba's dictionary and Python's imports load once per process

    # Alternate the two, so a drift over the run (repeated builds in one process slow down a
    # little) weighs on both medians alike.
    def make_site() -> None:
        """What `make site` does: `build`, the hosted site and the offline copy (two MkDocs builds,
        side by side), staged and swapped in."""
        build(ROOT, docs_dir=work / "site-docs", site_dir=work / "site-full", settings=BuildSettings(data))

    bare_times, total_times, site_times = [], [], []
    for _ in range(runs):
        bare_times.append(float("nan") if quick else measure(bare, 1)[0])
        total_times.append(measure(ours, 1)[0])
        site_times.append(float("nan") if quick else measure(make_site, 1)[0])
    row["mkdocs"], row["total"] = statistics.median(bare_times), statistics.median(total_times)
    row["make_site"] = statistics.median(site_times)
    for stage in STAGES:
        row[f"{stage}_mb"] = peak_rss_mb(stage, data, work) if memory else float("nan")
    row["pages"] = len(rendered.pages)  # pages; downloads and citation files aside
    row["site_mb"] = folder_mb(work / "site")
    task_page = work / "site" / "2025" / "tasks" / "57" / "index.html"
    row["task_kb"] = task_page.stat().st_size / 1e3
    if zensical:
        row["zensical"] = zensical_build(zensical, catalog, docs, work, runs)
    return row


# `build.py ARGS` in a fresh process, then the peak resident memory of the largest of that process
# (VmHWM) and the workers it forked (MkDocs, rendering), in kB, and the CPU seconds of them all (on
# a shared machine the wall time moves with the other users' load; the CPU time much less).
BUILD_AND_PEAK = (
    "import resource, sys; sys.path.insert(0, sys.argv[1]); from plansite.commands.cli import main; "
    "code = main(sys.argv[2:]); "
    "own = next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM')); "
    "kids = resource.getrusage(resource.RUSAGE_CHILDREN); me = resource.getrusage(resource.RUSAGE_SELF); "
    "print(max(own, kids.ru_maxrss), me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime); sys.exit(code)"
)


def bench_editions(counts: list[int], tasks: int, work: Path) -> list[dict[str, Any]]:
    """`build.py build --no-offline` (a fresh process, as a user runs it) on the bundled data plus
    each count of small synthetic editions: its time, peak memory, pages, site and search-index
    sizes, and a department page's size in the oldest edition (which must not grow with the series)."""
    rows = []
    for count in counts:
        data, out = work / f"editions-{count}", work / f"out-{count}"
        synthetic_editions(count, tasks, data)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", BUILD_AND_PEAK, str(ROOT), "--data", str(data), "build", "--no-offline"]
            + ["--docs", str(out / "docs"), "--site", str(out / "site")],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"the build of {count} editions failed:\n{done.stderr}")
        peak_kb, cpu = done.stdout.split()[-2:]
        site = out / "site"
        departments = sorted((site / "m0001" / "departments").glob("*/index.html"))
        rows.append(
            {
                "editions": count,
                "tasks": tasks,
                "seconds": seconds,
                "cpu": float(cpu),
                "peak_mb": int(peak_kb) / 1024,
                "pages": sum(1 for _ in site.rglob("*.html")),
                "site_mb": folder_mb(site),
                "index_mb": (site / "search" / "search_index.json").stat().st_size / 1e6,
                "department_kb": max(p.stat().st_size for p in departments) / 1e3,
            }
        )
        shutil.rmtree(data)
        shutil.rmtree(out)
    return rows


def print_editions(rows: list[dict[str, Any]]) -> None:
    print(f"\nmany editions: `build --no-offline` on the bundled data and N editions of {rows[0]['tasks']} tasks")
    for row in rows:
        print(
            f"  {row['editions']:>5} editions: {row['seconds']:7.1f} s ({row['cpu']:.1f} s CPU), "
            f"peak {row['peak_mb']:6.0f} MB, "
            f"{row['pages']} pages, site {row['site_mb']:.1f} MB, search index {row['index_mb']:.2f} MB, "
            f"largest department page of the oldest edition {row['department_kb']:.1f} kB"
        )
    base = rows[0]
    for row in rows[1:]:
        print(
            f"  {row['editions']} / {base['editions']} editions: time ×{row['seconds'] / base['seconds']:.2f} "
            f"(goal ≤ {EDITIONS_GOAL * row['editions'] / base['editions'] / 2:.1f}), "
            f"CPU time ×{row['cpu'] / base['cpu']:.2f}, "
            f"peak memory ×{row['peak_mb'] / base['peak_mb']:.2f}, pages ×{row['pages'] / base['pages']:.2f}, "
            f"search index ×{row['index_mb'] / base['index_mb']:.2f}, "
            f"department page ×{row['department_kb'] / base['department_kb']:.2f}"
        )


def serve_latency(runs: int, work: Path) -> float:
    """Median seconds from saving a one-task edit in data/ to `build.py serve` serving the new page (1×)."""
    import socket
    import urllib.request

    data, docs = work / "serve-data", work / "serve-docs"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
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
        stderr=subprocess.DEVNULL,
    )

    def page() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/2025/tasks/1/", timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str, limit: float = 120) -> float:
        start = time.perf_counter()
        while text not in page():
            if time.perf_counter() - start > limit:
                raise RuntimeError(f"serve did not show {text!r}")
            time.sleep(0.05)
        return time.perf_counter() - start

    try:
        wait_for("Accelerate the revision")
        content = data / "editions" / "2025" / "content.en.yaml"
        times, previous = [], "Accelerate the revision"
        for i in range(runs):
            marker = f"Edit{i} the revision"
            content.write_text(
                content.read_text(encoding="utf-8").replace(f"text_en: {previous}", f"text_en: {marker}", 1),
                encoding="utf-8",
            )
            times.append(wait_for(marker))
            previous = marker
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def bench_lineage(editions: int, runs: int, work: Path) -> dict[str, Any]:
    """`lineage.propose` for every pair of `editions` synthetic editions shaped like the bundled one
    (their texts shuffled from its words, so every pair of tasks shares some: the linker's worst
    case). Each run proposes all pairs; the figures are the median run's total and the median pair."""
    data = work / "lineage-data"
    synthetic_data(editions, data)
    load_time, (catalog, _) = measure(lambda: read(data), runs)
    pairs = list(itertools.combinations(sorted(catalog.editions, key=lambda e: e.issued), 2))
    totals, per_pair, links = [], [], 0
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        for old, new in pairs:
            begun = time.perf_counter()
            links = len(lineage.propose(catalog, old, new))
            per_pair.append(time.perf_counter() - begun)
        totals.append(time.perf_counter() - start)
    return {
        "editions": editions,
        "tasks": round(statistics.mean(len(e.tasks) for e in catalog.editions)),
        "pairs": len(pairs),
        "total": statistics.median(totals),
        "pair": statistics.median(per_pair),
        "slowest": max(per_pair),
        "load": load_time,
        "links": links,
    }


def print_lineage(row: dict[str, Any]) -> None:
    print(
        f"\nlineage: propose for all {row['pairs']} pairs of {row['editions']} editions of ~{row['tasks']} tasks: "
        f"{row['total']:.2f} s in all, {row['pair'] * 1000:.0f} ms a pair (median; slowest "
        f"{row['slowest'] * 1000:.0f} ms); "
        f"all pairs / reading and checking the {row['editions']} editions = {row['total'] / row['load']:.1f}"
    )


def print_table(rows: list[dict[str, Any]]) -> None:
    cols = [
        ("scale", "{:>6}"),
        ("pages", "{:>6}"),
        ("load", "{:>7.2f}s"),
        ("render", "{:>7.2f}s"),
        ("write", "{:>6.2f}s"),
        ("rewrite", "{:>7.2f}s"),
        ("mkdocs", "{:>7.2f}s"),
        ("total", "{:>7.2f}s"),
        ("site_mb", "{:>7.1f}MB"),
        ("task_kb", "{:>6.1f}kB"),
        ("load_mb", "{:>6.0f}MB"),
        ("render_mb", "{:>6.0f}MB"),
        ("write_mb", "{:>6.0f}MB"),
        ("mkdocs_mb", "{:>7.0f}MB"),
    ]
    print("Times are medians; *_mb is the peak RSS of a fresh process running the pipeline up to that stage.\n")
    print(" | ".join(f"{name:>9}" for name, _ in cols))
    for row in rows:
        print(" | ".join(f"{fmt.format(row[name]):>9}" for name, fmt in cols))
    base = rows[0]
    print(f"\nRatios to {base['scale']} (linear scaling means time ratio ≈ scale ratio; page size stays flat):")
    for row in rows[1:]:
        k = row["multiple"] / base["multiple"]
        print(
            f"  {row['scale']} ({k:.3g}× the data): pages ×{row['pages'] / base['pages']:.1f}, "
            f"total time ×{row['total'] / base['total']:.1f}, mkdocs ×{row['mkdocs'] / base['mkdocs']:.1f}, "
            f"render ×{row['render'] / base['render']:.1f}, site size ×{row['site_mb'] / base['site_mb']:.1f}, "
            f"task page size ×{row['task_kb'] / base['task_kb']:.2f}, peak memory "
            f"×{row['mkdocs_mb'] / base['mkdocs_mb']:.1f}"
        )
    print("\nOur share of a full build (check + render + write, against MkDocs alone on the same docs/):")
    for row in rows:
        ours = row["load"] + row["render"] + row["write"]
        print(
            f"  {row['scale']}: check + render + write = {ours / row['total']:.1%} of the full build "
            f"(check {row['load'] / row['total']:.1%}, render {row['render'] / row['total']:.1%}, write "
            f"{row['write'] / row['total']:.1%}); "
            f"full build / bare mkdocs = {row['total'] / row['mkdocs']:.2f}; "
            f"make site (hosted + offline copy) / bare mkdocs = {row['make_site'] / row['mkdocs']:.2f}; "
            f"an unchanged re-write takes {row['rewrite'] / row['write']:.0%} of a fresh write"
        )
    if any("zensical" in row for row in rows):
        print(
            "\nZensical on the same pages (nav given to it; not finished: no CSP, no lang marks; no Chinese "
            "segmentation):"
        )
        for row in rows:
            z = row["zensical"]
            print(
                f"  {row['scale']}: cold {z['cold']:.2f} s, warm {z['warm']:.2f} s; MkDocs alone {row['mkdocs']:.2f} s "
                f"(MkDocs / Zensical warm = {row['mkdocs'] / z['warm']:.1f}); site {z['site_mb']:.1f} MB, task page "
                f"{z['task_kb']:.1f} kB"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,50", help="comma-separated multiples of the 2025 plan")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is shown)")
    parser.add_argument("--no-serve", action="store_true", help="skip the edit-to-browser latency of `serve`")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one MkDocs run only (the full build; no bare MkDocs, warm-up or `make site`): checks the benchmark works",
    )
    parser.add_argument(
        "--one-section",
        type=int,
        metavar="N",
        help="also one edition of N tasks all in one section (every task is every other's sibling)",
    )
    parser.add_argument(
        "--no-memory",
        action="store_true",
        help="skip the peak-memory figures (a fresh process per stage); they print as nan",
    )
    parser.add_argument(
        "--lineage",
        type=int,
        default=10,
        metavar="N",
        help="time the linker on every pair of N synthetic editions (default 10; 0 skips it)",
    )
    parser.add_argument(
        "--zensical",
        metavar="EXECUTABLE",
        nargs="?",
        const=str(Path(sys.executable).parent / "zensical"),
        help="also build the same pages with Zensical (pinned in requirements-test.lock), for comparison",
    )
    parser.add_argument(
        "--editions",
        metavar="N,M",
        help="only the many-editions case: `build --no-offline` with N, then M, small synthetic editions "
        f"(try 100,200; the goal for twice the editions is at most {EDITIONS_GOAL}× the time)",
    )
    parser.add_argument("--edition-tasks", type=int, default=10, metavar="T", help="tasks per edition for --editions")
    args = parser.parse_args()
    if args.editions:
        with tempfile.TemporaryDirectory(prefix="plansite-bench-") as work:
            print_editions(bench_editions([int(n) for n in args.editions.split(",")], args.edition_tasks, Path(work)))
        return 0
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    logging.getLogger("jieba").setLevel(logging.ERROR)
    rows = []
    cases = [(int(s), None) for s in args.scales.split(",")] + ([(1, args.one_section)] if args.one_section else [])
    for scale, one_section in cases:
        with tempfile.TemporaryDirectory(prefix="plansite-bench-") as work:
            print(
                f"{one_section} tasks in one section…" if one_section else f"scale {scale}×…",
                file=sys.stderr,
                flush=True,
            )
            rows.append(
                bench_scale(
                    scale,
                    args.runs,
                    Path(work),
                    args.zensical,
                    one_section,
                    memory=not args.no_memory,
                    quick=args.quick,
                )
            )
            row = rows[-1]
            print(
                f"  {row['scale']}: {row['pages']} pages, full build {row['total']:.1f} s, MkDocs alone "
                f"{row['mkdocs']:.1f} s, "
                f"peak {row['mkdocs_mb']:.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    print(f"plansite benchmark: median of {args.runs} run(s), {os.cpu_count()} cores\n")
    print_table(rows)
    if args.lineage > 1:
        with tempfile.TemporaryDirectory(prefix="plansite-bench-") as work:
            print_lineage(bench_lineage(args.lineage, args.runs, Path(work)))
    if not args.no_serve:
        with tempfile.TemporaryDirectory(prefix="plansite-bench-") as work:
            latency = serve_latency(args.runs, Path(work))
        print(
            f"\nserve at 1×: a one-task edit in data/ is served {latency:.2f} s after it is saved (median of "
            f"{args.runs})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
