"""Shared fixtures: the project root, a scratch copy of data/, the CLI, and one real site build."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from plansite.catalog.model import Catalog
from plansite.catalog.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@functools.cache
def bundled() -> tuple[Catalog, list[Problem]]:
    """The bundled data as `load` reads it (catalog, problems), once per test process: many test
    modules read it as they are imported, and each of the two workers imports them all. The
    catalog is frozen, so sharing it is safe."""
    from plansite.catalog.load import load

    return load(DATA)


def bundled_counts() -> tuple[int, int]:
    """(sections, tasks) of the bundled edition, read from the data: tests never write them down."""
    edition = bundled()[0].editions[0]
    return len(edition.sections), len(edition.tasks)


SECTIONS, TASKS = bundled_counts()
SOURCE = DATA / "editions" / "2025" / "source.en.txt"


def run_cli(
    *args: str | Path, cwd: Path = ROOT, repo: Path = ROOT, timeout: float = 600, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python build.py ARGS` (of `repo`) as a user would; return its exit code and output. A
    hang past `timeout` is a failure, not a stuck test run."""
    return subprocess.run(
        [sys.executable, str(repo / "build.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def cli_in_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`build.py ARGS` run in this process, for the commands that read and check data and stop
    there: the same exit code and output as run_cli without a Python start-up each time. (A build
    that got as far as MkDocs would be refused in the unit suite.)"""
    from plansite.commands.cli import main

    out, err = io.StringIO(), io.StringIO()
    handlers = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:  # main installs its own handlers; the test process keeps pytest's
        signal.signal(signal.SIGTERM, handlers[0])
        signal.signal(signal.SIGINT, handlers[1])
    return subprocess.CompletedProcess(["build.py", *map(str, args)], code, out.getvalue(), err.getvalue())


def tree_digest(folder: Path) -> dict[str, str]:
    """Everything under `folder`, to prove nothing changed: each regular file with a hash of its
    bytes, each symlink with its target, each empty folder, and anything else as "not a file"."""
    found: dict[str, str] = {}
    for p in sorted(folder.rglob("*")) if folder.exists() else []:
        name = str(p.relative_to(folder))
        if p.is_symlink():
            found[f"{name} ->"] = os.readlink(p)
        elif p.is_file():
            found[name] = hashlib.sha256(p.read_bytes()).hexdigest()
        elif p.is_dir():
            if not any(p.iterdir()):
                found[f"{name}/"] = "empty"
        else:
            found[name] = "not a file"
    return found


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A scratch copy of the bundled data, free to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built once per test run from the bundled data into a new, empty docs folder
    (the site's own assets reach MkDocs in memory), in a scratch folder: returns the folder holding
    docs/ and site/. Tests only read it; a test that builds again starts from a copy of it."""
    return made_once(tmp_path_factory, "built", build_site)


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """`make(folder)` run once per test run, its folder returned to every test that asks. Under
    pytest-xdist (`make test`) the workers share it: the first to get the lock makes it, in the
    run's common temporary folder; the others wait for it and read it. `make` writes DONE last."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        out = tmp_path_factory.mktemp(name)
        make(out)
        return out
    common = tmp_path_factory.getbasetemp().parent
    out = common / f"{name}-shared"
    with (common / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / DONE).exists():
            shutil.rmtree(out, ignore_errors=True)  # a build that failed part-way
            out.mkdir(parents=True)
            make(out)
    return out


DONE = "build-stderr.txt"  # what the build told its user, written last by the makers below


def build_site(out: Path, *options: str | Path, env: dict[str, str] | None = None) -> Path:
    """`build.py [OPTIONS] build` into out/docs and out/site; the build's standard error is kept in
    out/DONE, written last."""
    out.mkdir(parents=True, exist_ok=True)
    result = run_cli(*options, "build", "--docs", out / "docs", "--site", out / "site", env=env)
    assert result.returncode == 0, result.stderr
    (out / DONE).write_text(result.stderr, encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def offline_copy(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip the hosted build publishes, unzipped: returns its index.html folder."""
    archive = built / "site" / "2025" / "downloads" / "plansite-2025-offline.zip"
    assert archive.exists(), "the build published no offline zip"
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as z:
        z.extractall(target)
    return target / "plansite-2025-offline"


# --- What a reader sees (tests/test_reader.py, scripts/screenshots.py) ---------------------------

MISSING_PAGE = "/plansite-no-such-page/"


def reader_pages(data_dir: Path = DATA) -> dict[str, str]:
    """One page of every kind the site has, by kind, as the URL path it is served at (from
    plansite/view/urls.py, so a moved page moves here too). "not-found" is a path that does not exist."""
    from plansite.catalog.load import load
    from plansite.view import urls

    catalog = load(data_dir)[0]
    edition = catalog.editions[0]
    section = edition.sections[0]
    dept = next((d.id for d in catalog.departments if d.id == "cnipa"), catalog.departments[0].id)
    pages = {
        "home": urls.HOME,
        "edition": urls.edition_home(edition),
        "section": urls.section(edition, section),
        "subsection": urls.subsection(edition, section.subsections[0]),
        "task": urls.task(edition, edition.tasks[0]),
        "department": urls.department(edition, dept),
        "departments": urls.departments_index(edition),
        "sections": urls.sections_index(edition),
        "matrix": urls.matrix(edition),
        "charts": urls.charts(edition),
        "collaboration": urls.collaboration(edition),
        "task-table": urls.task_table(edition),
        "topics": urls.topics(edition),
        "topic": urls.topic(edition, catalog.topics[0].id),
        "instruments": urls.instruments(edition),
        "instrument": urls.instrument(edition, catalog.instruments[0].id),
        "progress": urls.progress(edition),
        "downloads": urls.downloads(edition),
        "about": urls.about(edition),
        "print": urls.print_all(edition),
        "briefing": urls.briefing(edition, dept),
        "translation-notes": urls.translation_notes(edition),
        "editions": urls.EDITIONS,
    }
    return {kind: urls.public(path) for kind, path in pages.items()} | {"not-found": MISSING_PAGE}


class SiteHandler(SimpleHTTPRequestHandler):
    """A static host as a reader meets it: files as they are, and the site's own 404.html (with
    status 404) for a path that does not exist, as GitHub Pages and most hosts do."""

    def log_message(self, *args: object) -> None:
        pass

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404)  # a folder without index.html: hosts answer 404, they list no files

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_site(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free local port; yields the base URL (no trailing slash)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- One Chromium for every browser test (test_browser, test_reader, test_search_rank) ---------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these flags Chromium keeps trying to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Skip when Debian's chromium is missing; on CI that is an error, not a skip."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError("CI needs Debian's chromium for the browser tests: run `make test` as root")
        pytest.skip("Debian's chromium is not installed (make test installs it as root)")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless Chromium for the whole session: each test or module opens its own context or page in it."""
    require_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_server(built: Path) -> Iterator[str]:
    """The built site on a local web server that answers a missing path with the site's 404 page."""
    with serve_site(built / "site") as base:
        yield base


# --- Unit tests: those that need no site build, browser or other process (`make test-fast`) ------

# Fixtures that build the site, start a browser or a server.
SLOW_FIXTURES = {"built", "offline_copy", "chromium", "site_server"}
# Calls that run the build, MkDocs or another process.
SLOW_CALLS = (
    "run_cli(",
    "subprocess.",
    "Popen(",
    "build_site(",
    "pipeline.build(",
    "pipeline.offline(",
    "engine.build(",
    "mkdocs",
    "serve_site(",
    "cli.main(",
)


def needs_more_than_python(item: pytest.Item) -> bool:
    """Whether a test (or a fixture it uses) builds the site, starts a browser or another process."""
    import inspect

    if item.get_closest_marker("browser") or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for defs in info.name2fixturedefs.values() if info else ():
        functions += [
            d.func
            for d in defs
            if d.argname != "unit_tests_stay_in_process"
            and str(inspect.getsourcefile(d.func)).startswith(str(ROOT / "tests"))
        ]
    seen: set[object] = set()
    while functions:  # the test, its fixtures, and the helpers of this suite they call, to any depth
        function = functions.pop()
        if function is None or function in seen:
            continue
        seen.add(function)
        source = source_of(function)
        if source is None:
            continue
        if any(call in source for call in SLOW_CALLS):
            return True
        module = inspect.getmodule(function)
        for name in CALLED.findall(source):
            helper = getattr(module, name, None)
            if inspect.isfunction(helper) and str(inspect.getsourcefile(helper)).startswith(str(ROOT / "tests")):
                functions.append(helper)
    return False


CALLED = re.compile(r"\b([A-Za-z_]\w*)\(")


@functools.cache
def source_of(function: object) -> str | None:
    """A function's source, read once however many tests use it (None where Python has none)."""
    import inspect

    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return None


# The files that take longest (each builds a site or drives a browser for a minute or so), run
# first: with each file on one worker (`make test`), a long file started last would keep one
# worker busy while the other has finished. The first needs the shared build; the second makes
# its own, so the second worker does not wait for the first's.
LONGEST_FIRST = (
    "test_browser.py",
    "test_bilingual.py",
    "test_browser_policy.py",
    "test_links.py",
    "test_reader.py",
    "test_atomic.py",
    "test_offline.py",
    "test_bench.py",
    "test_serve.py",
)


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by the mark
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if not needs_more_than_python(item):
            item.add_marker(pytest.mark.unit)
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


@pytest.fixture(autouse=True)
def unit_tests_stay_in_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `-m unit`, a test that tried to start a process or an MkDocs build would be misfiled:
    it fails, naming itself, rather than slowing the fast suite down unnoticed."""
    if "unit" not in (request.config.getoption("markexpr") or "") or request.node.get_closest_marker("unit") is None:
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError(
            f"{request.node.nodeid} is marked unit but started a process or a build: add it to SLOW_CALLS' reach"
        )

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    from plansite import engine

    monkeypatch.setattr(engine, "build", refuse)
