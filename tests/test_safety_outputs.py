"""The tool never destroys what is not its own: output paths that are, hold or lie inside
the project or its data are refused; the manifest may only name files inside its folder; a failed
or killed write of docs/ is rolled back; a site/ that cannot be swapped is updated in place, a
symlinked one is followed; file-system failures are one-line errors, not tracebacks.

Every destructive case runs in a scratch copy of the project (never the real one). Most run
in-process with a failure injected (fast and deterministic); one real MkDocs build is shared.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from plansite import engine
from plansite.catalog.problems import DataError
from plansite.commands import build as pipeline
from plansite.commands import cli
from plansite.output import atomic, manifest, paths, swap, transaction
from plansite.output.errors import OutputError
from tests.conftest import ROOT, run_cli, tree_digest
from tests.test_lineage import assemble

PROJECT = ("build.py", "mkdocs.yml", "README.md", "plansite", "templates", "data", "docs/assets")


def scratch_repo(target: Path) -> Path:
    """A copy of the project to run destructive cases in; returns its root (resolved)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT:
        source, dest = ROOT / name, target / name
        if source.is_dir():
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
    (target / ".git").mkdir()
    (target / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return target.resolve()


# --- 1. Output paths that are, hold or lie inside the project are refused ---------------------------


@pytest.fixture(scope="module")
def guard_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = scratch_repo(tmp_path_factory.mktemp("guard") / "repo")
    (repo / "docs" / "notes.md").write_text("# Hand-written\n", encoding="utf-8")
    (repo / "data-link").symlink_to(repo / "data")
    (repo / "foreign").mkdir()
    (repo / "foreign" / "thesis.tex").write_text("years of work\n", encoding="utf-8")
    (repo / "notes.txt").write_text("a file\n", encoding="utf-8")
    (repo / "exports").mkdir()
    shutil.copytree(repo / "data", repo / "mydata")
    return repo


NOTHING = "Nothing was written; "
AS_SITE = NOTHING + "choose a folder of its own, such as site/"
AS_DOCS = NOTHING + "choose a folder of its own, such as docs/"
AS_JSON = NOTHING + "choose another file, such as tasks.json"
AS_ZIP = NOTHING + "choose another file, such as plansite-offline.zip"

REFUSED = [
    ("build --site docs", "--site docs: refused: it is the docs folder ({r}/docs). " + AS_SITE),
    ("build --site data", "--site data: refused: it is the project's data/ folder ({r}/data). " + AS_SITE),
    ("build --site .", "--site .: refused: it is the repository root ({r}). " + AS_SITE),
    ("build --site ..", "--site ..: refused: it holds the repository root ({r}). " + AS_SITE),
    ("build --docs .", "--docs .: refused: it is the repository root ({r}). " + AS_DOCS),
    ("build --docs site", "--docs site: refused: it is the site folder ({r}/site). " + AS_DOCS),
    ("build --docs site/pages", "--docs site/pages: refused: it lies inside the site folder ({r}/site). " + AS_DOCS),
    (
        "build --site docs/assets/x",
        "--site docs/assets/x: refused: it lies inside the docs folder ({r}/docs). " + AS_SITE,
    ),
    (
        "build --site templates/theme",
        "--site templates/theme: refused: it lies inside the project's templates/ folder ({r}/templates). " + AS_SITE,
    ),
    (
        "build --site plansite",
        "--site plansite: refused: it is the project's plansite/ folder ({r}/plansite). " + AS_SITE,
    ),
    ("build --site tests", "--site tests: refused: it is the project's tests/ folder ({r}/tests). " + AS_SITE),
    ("build --site .git", "--site .git: refused: it is the project's .git/ folder ({r}/.git). " + AS_SITE),
    ("build --site data-link", "--site data-link: refused: it is the project's data/ folder ({r}/data). " + AS_SITE),
    (
        "build --docs data/editions",
        "--docs data/editions: refused: it lies inside the project's data/ folder ({r}/data). " + AS_DOCS,
    ),
    (
        "build --docs docs/assets",
        "--docs docs/assets: refused: it is the site's own assets, docs/assets/ ({r}/docs/assets). " + AS_DOCS,
    ),
    (
        "--data mydata build --site mydata",
        "--site mydata: refused: it is the folder given to --data ({r}/mydata). " + AS_SITE,
    ),
    (
        "--data mydata build --docs mydata/docs",
        "--docs mydata/docs: refused: it lies inside the folder given to --data ({r}/mydata). " + AS_DOCS,
    ),
    (
        "build --site foreign",
        "--site foreign: refused: it is a folder this tool did not build ({r}/foreign is not empty and has no "
        ".plansite-generated.json), and a build replaces its site folder whole. Nothing was written; choose a new or empty folder, such as site/",
    ),
    ("build --docs notes.txt", "--docs notes.txt: refused: it is a file, not a folder ({r}/notes.txt). " + AS_DOCS),
    ("build --site notes.txt", "--site notes.txt: refused: it is a file, not a folder ({r}/notes.txt). " + AS_SITE),
    ("serve --docs data", "--docs data: refused: it is the project's data/ folder ({r}/data). " + AS_DOCS),
    ("serve --docs site", "--docs site: refused: it is the site folder ({r}/site). " + AS_DOCS),
    ("offline --out .", "--out .: refused: it is the repository root ({r}). " + AS_ZIP),
    (
        "offline --out data/x.zip",
        "--out data/x.zip: refused: it lies inside the project's data/ folder ({r}/data). " + AS_ZIP,
    ),
    (
        "offline --out docs",
        "--out docs: refused: it is a folder, not a file ({r}/docs). Nothing was written; give a file name, such as docs/plansite-offline.zip",
    ),
    (
        "export --out exports",
        "--out exports: refused: it is a folder, not a file ({r}/exports). Nothing was written; give a file name, such as exports/tasks.json",
    ),
    (
        "export --out data/tasks.json",
        "--out data/tasks.json: refused: it lies inside the project's data/ folder ({r}/data). " + AS_JSON,
    ),
    (
        "export --out data-link/departments.yaml",
        "--out data-link/departments.yaml: refused: it lies inside the project's data/ folder ({r}/data). " + AS_JSON,
    ),
    (
        "export --out mkdocs.yml",
        "--out mkdocs.yml: refused: it is mkdocs.yml, a file of the project ({r}/mkdocs.yml). " + AS_JSON,
    ),
    (
        "export --out plansite/commands/cli.py",
        "--out plansite/commands/cli.py: refused: it lies inside the project's plansite/ folder ({r}/plansite). "
        + AS_JSON,
    ),
]


@pytest.mark.parametrize(("command", "message"), REFUSED, ids=[c for c, _ in REFUSED])
def test_an_output_path_inside_the_project_is_refused(
    guard_repo: Path, command: str, message: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In-process, with the scratch copy as the project root; were the guard to let a case through,
    the stubs below stop it before it writes anything."""

    def let_through(*args: object, **kwargs: object) -> None:
        raise AssertionError("the guard let this through")

    monkeypatch.setattr(cli, "ROOT", guard_repo)
    monkeypatch.setattr(pipeline, "render_site", let_through)
    monkeypatch.setattr(cli, "serve", let_through)
    monkeypatch.chdir(guard_repo)
    before = tree_digest(guard_repo)
    assert cli.main(command.split()) == 2
    assert capsys.readouterr().err == message.format(r=guard_repo) + "\n"
    assert tree_digest(guard_repo) == before


def test_the_defaults_are_allowed(guard_repo: Path) -> None:
    r = guard_repo
    assert (
        paths.check_output(
            "--site", r / "site", r, r / "data", folder=True, example="site/", others=((r / "docs", "the docs folder"),)
        )
        == r / "site"
    )
    assert (
        paths.check_output(
            "--docs",
            r / "docs",
            r,
            r / "data",
            folder=True,
            example="docs/",
            holds_assets=True,
            others=((r / "site", "the site folder"),),
        )
        == r / "docs"
    )
    assert (
        paths.check_output("--out", r / "plansite-2025-offline.zip", r, r / "data", folder=False, example="x.zip")
        == r / "plansite-2025-offline.zip"
    )
    assert (
        paths.check_output("--out", r / "tasks.json", r, r / "data", folder=False, example="tasks.json")
        == r / "tasks.json"
    )
    paths.check_site_folder("--site", r / "site", r / "site")  # missing: fine
    (r / "empty").mkdir(exist_ok=True)
    paths.check_site_folder("--site", r / "empty", r / "empty")  # empty: fine


def test_build_site_docs_and_data_exit_2_and_delete_nothing(guard_repo: Path) -> None:
    """The issue's two cases, as a user runs them."""
    before = tree_digest(guard_repo)
    result = run_cli("build", "--site", "docs", cwd=guard_repo, repo=guard_repo)
    assert result.returncode == 2
    assert result.stderr == f"--site docs: refused: it is the docs folder ({guard_repo}/docs). {AS_SITE}\n"
    result = run_cli("build", "--site", "data", cwd=guard_repo, repo=guard_repo)
    assert result.returncode == 2
    assert result.stderr == f"--site data: refused: it is the project's data/ folder ({guard_repo}/data). {AS_SITE}\n"
    assert (guard_repo / "docs" / "notes.md").read_text(encoding="utf-8") == "# Hand-written\n"
    assert tree_digest(guard_repo) == before


# --- 2. The manifest names only files inside its folder ---------------------------------------------


def page_set(n: int, text: str = "v1", first: int = 1, folder: str = "2025/tasks") -> dict[str, str]:
    return {f"{folder}/{i}.md": f"# Task {i}\n\n{text}\n" for i in range(first, first + n)}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A docs folder with generated pages (through sync) and hand-written files."""
    docs = tmp_path / "work" / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "own.css").write_text("body {}\n", encoding="utf-8")
    (docs / "notes.md").write_text("# Hand-written\n", encoding="utf-8")
    transaction.sync(docs, {"index.md": "# Home\n", **page_set(40)})
    return docs


def set_manifest(docs: Path, entries: object) -> None:
    (docs / manifest.MANIFEST).write_text(json.dumps(entries, indent=0) + "\n", encoding="utf-8")


HINT = "a manifest lists only the files a build generated inside its folder: fix or delete it (deleting is safe); nothing was deleted"


def test_a_manifest_naming_files_outside_its_folder_deletes_nothing(docs: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / "work" / "README.md").write_text("precious\n", encoding="utf-8")
    (docs / "escape").symlink_to(tmp_path)
    entries = [
        "index.md",
        str(victim),
        "../README.md",
        "2025/../../README.md",
        "escape/victim.txt",
        "2025",
        "",
        "./index.md",
        "C:\\victim",
        ".plansite-undo/0",
    ]
    set_manifest(docs, entries)
    before, victims = tree_digest(docs), tree_digest(tmp_path)
    with pytest.raises(DataError) as caught:
        transaction.sync(docs, page_set(3))
    m = docs / manifest.MANIFEST
    assert [str(p) for p in caught.value.problems] == [
        f'{m}:3: manifest entry "{victim}" is an absolute path — {HINT}',
        f'{m}:4: manifest entry "../README.md" leaves the folder it describes (..) — {HINT}',
        f'{m}:5: manifest entry "2025/../../README.md" leaves the folder it describes (..) — {HINT}',
        f'{m}:6: manifest entry "escape/victim.txt" resolves outside the folder it describes (to {victim}) — {HINT}',
        f'{m}:7: manifest entry "2025" names a folder, not a file — {HINT}',
        f'{m}:8: manifest entry "" names the folder itself — {HINT}',
        f'{m}:9: manifest entry "./index.md" is not a plain relative path — {HINT}',
        f'{m}:10: manifest entry "C:\\\\victim" is not a plain relative path (backslash, NUL or drive letter) — {HINT}',
        f'{m}:11: manifest entry ".plansite-undo/0" names the tool\'s own bookkeeping file — {HINT}',
    ]
    assert tree_digest(docs) == before and tree_digest(tmp_path) == victims


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{not json",
            "1: is not valid JSON (Expecting property name enclosed in double quotes); it should be a JSON list of file names",
        ),
        ('{"index.md": 1}', "1: is not a JSON list of file names"),
        ('[\n"index.md",\n7\n]', "3: manifest entry 7 is not a file name"),
        (b"\xff\xfe[]", "1: is not UTF-8 text; it should be a JSON list of file names"),
        ("[" * 100000, "1: is not valid JSON (nested too deep); it should be a JSON list of file names"),
    ],
    ids=["not-json", "an-object", "a-number", "not-utf8", "deep"],
)
def test_a_corrupt_manifest_is_a_clear_error(docs: Path, text: str | bytes, message: str) -> None:
    m = docs / manifest.MANIFEST
    m.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    before = tree_digest(docs)
    with pytest.raises(DataError) as caught:
        transaction.sync(docs, page_set(3))
    assert str(caught.value) == f"{m}:{message} — {HINT}"
    assert tree_digest(docs) == before


def test_a_manifest_that_is_a_fifo_does_not_hang(docs: Path) -> None:
    m = docs / manifest.MANIFEST
    m.unlink()
    os.mkfifo(m)
    with pytest.raises(DataError, match="is not a regular file; it should be a JSON list of file names"):
        transaction.sync(docs, page_set(3))


def test_a_hostile_manifest_stops_the_build_before_it_starts(tmp_path: Path) -> None:
    repo = scratch_repo(tmp_path / "repo")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (repo / "docs" / manifest.MANIFEST).write_text(json.dumps([str(victim), "../README.md"]), encoding="utf-8")
    before = tree_digest(tmp_path)
    result = run_cli("build", cwd=repo, repo=repo)
    m = repo / "docs" / manifest.MANIFEST
    assert result.returncode == 1
    assert result.stderr == (
        f'{m}:1: manifest entry "{victim}" is an absolute path — {HINT}\n'
        f'{m}:1: manifest entry "../README.md" leaves the folder it describes (..) — {HINT}\n'
        "\n2 error(s); nothing was written.\n"
    )
    assert tree_digest(tmp_path) == before


# --- 3. A failed or killed write of docs/ leaves it as it was ---------------------------------------


def failing_after(n: int, error: BaseException):
    """A write_file that writes `n` files, then fails as `error` would."""
    real = atomic.write_file
    count = [0]

    def write_file(path: Path, data: bytes, flush: bool = True) -> None:
        count[0] += 1
        if count[0] > n:
            raise error
        real(path, data, flush)

    return write_file


NEXT = {
    "index.md": "# Home, new\n",
    **page_set(30, "v2"),
    **page_set(20, "new", first=1, folder="2025/topics"),
}  # 31–40 removed


@pytest.mark.parametrize("n", [0, 1, 12, 45, 51])  # the journal; pages; the middle; the removals; the manifest
def test_disk_full_while_writing_docs_rolls_everything_back(
    docs: Path, n: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree_digest(docs)
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(docs / "2025" / "x.md"))
    monkeypatch.setattr(atomic, "write_file", failing_after(n, full))
    with pytest.raises(OutputError) as caught:
        transaction.sync(docs, NEXT)
    assert (
        str(caught.value)
        == f"could not write {docs}: No space left on device ({docs}/2025/x.md); {docs} was left as it was"
    )
    assert tree_digest(docs) == before
    monkeypatch.undo()
    changes = transaction.sync(docs, NEXT)  # and the next build goes through
    assert (len(changes.written), len(changes.removed)) == (51, 10)
    assert (docs / "notes.md").exists() and not (docs / "2025" / "tasks" / "40.md").exists()


def test_permission_denied_while_writing_docs_rolls_back(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_digest(docs)
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(docs / "2025" / "tasks" / "3.md"))
    monkeypatch.setattr(atomic, "write_file", failing_after(3, denied))
    with pytest.raises(OutputError, match=r"could not write .*: Permission denied \(.*3\.md\); .* was left as it was$"):
        transaction.sync(docs, NEXT)
    assert tree_digest(docs) == before


class Killed(BaseException):
    """Stands for the process dying: nothing after it runs, no rollback."""


def killed_while_writing(docs: Path, after: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """An update of docs/ to NEXT that dies after `after` files, as a killed process would leave it."""
    monkeypatch.setattr(atomic, "write_file", failing_after(after, Killed()))
    update = transaction.Transaction(docs, NEXT)
    with pytest.raises(Killed):
        update.apply()
    update.unlock()  # the process is gone: its lock with it
    monkeypatch.undo()


@pytest.mark.parametrize("n", [1, 20, 48, 52])
def test_a_killed_write_is_rolled_back_by_the_next_one(docs: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_digest(docs)
    killed_while_writing(docs, n, monkeypatch)
    assert tree_digest(docs) != before  # half written
    assert transaction.recover(docs) is True
    assert tree_digest(docs) == before


def test_after_a_kill_the_next_build_neither_refuses_nor_deletes_hand_written_files(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    killed_while_writing(docs, 30, monkeypatch)
    changes = transaction.sync(docs, NEXT)
    assert (len(changes.written), len(changes.removed)) == (51, 10)
    assert json.loads((docs / manifest.MANIFEST).read_text(encoding="utf-8")) == sorted(NEXT)
    assert (docs / "notes.md").read_text(encoding="utf-8") == "# Hand-written\n"
    assert (docs / "assets" / "own.css").exists()
    assert not (docs / manifest.JOURNAL).exists() and not (docs / manifest.UNDO).exists()


def test_sigkill_in_the_middle_of_writing_docs(docs: Path) -> None:
    """A real kill: the process dies after 25 files; the next update restores docs/ first."""
    before = tree_digest(docs)
    pages = docs.parent / "next.json"
    pages.write_text(json.dumps(NEXT), encoding="utf-8")
    script = textwrap.dedent(f"""
        import json, os, signal, sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from plansite.output import atomic, transaction
        real, count = atomic.write_file, [0]
        def dying(path, data, flush=True):
            count[0] += 1
            if count[0] > 25:
                os.kill(os.getpid(), signal.SIGKILL)
            real(path, data, flush)
        atomic.write_file = dying
        transaction.sync(Path({str(docs)!r}), json.loads(Path({str(pages)!r}).read_text()))
    """)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (docs / manifest.JOURNAL).exists()
    assert transaction.recover(docs) is True
    assert tree_digest(docs) == before


def test_recovery_never_overwrites_a_file_edited_after_the_kill(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    killed_while_writing(docs, 10, monkeypatch)
    edited = docs / "2025" / "tasks" / "3.md"  # overwritten by the killed update, then edited by hand
    edited.write_text("# my edit\n", encoding="utf-8")
    created = docs / "2025" / "topics"
    transaction.recover(docs)
    assert edited.read_text(encoding="utf-8") == "# my edit\n"
    assert not created.exists()
    assert (docs / "2025" / "tasks" / "2.md").read_text(encoding="utf-8") == "# Task 2\n\nv1\n"


def test_a_leftover_page_identical_to_ours_is_adopted_a_different_one_is_not(tmp_path: Path) -> None:
    """What a crash of an older version left (pages, no manifest): the same bytes are ours again."""
    docs = tmp_path / "docs"
    (docs / "2025" / "tasks").mkdir(parents=True)
    (docs / "2025" / "tasks" / "1.md").write_text("# Task 1\n\nv1\n", encoding="utf-8")
    assert transaction.sync(docs, page_set(2)).unchanged == 1
    (docs / "2025" / "tasks" / "9.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        transaction.sync(docs, page_set(9))
    assert str(caught.value) == (
        f"{docs}/2025/tasks/9.md:0: a hand-written file is in the place of a generated one — "
        "move or rename the hand-written file"
    )


def test_an_update_reaches_the_disk_in_one_flush_before_its_journal_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page is not flushed on its own (hundreds of disk round trips per build); the whole
    update is flushed once, while its journal can still roll it back."""
    docs, events = tmp_path / "docs", []
    monkeypatch.setattr(os, "fsync", lambda fd: events.append("fsync"))
    monkeypatch.setattr(os, "sync", lambda: events.append(f"sync, journal kept: {(docs / manifest.JOURNAL).exists()}"))
    transaction.sync(docs, page_set(40))
    assert events == ["fsync", "sync, journal kept: True"]  # the journal itself, then the batch
    assert not (docs / manifest.JOURNAL).exists()


# --- 4 and 5. The final swap: failures roll both folders back; mount points; symlinks ---------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project whose MkDocs step is a stub (one HTML file per page, plus `extra` files)
    and whose data is the small fixture series (edition SMALL): pipeline.build runs for real around
    it, in-process, in about a second."""
    repo = scratch_repo(tmp_path / "repo")
    shutil.rmtree(repo / "data")
    assemble(repo / "data")

    def fake_mkdocs(run: engine.Run) -> None:
        docs_dir, site_dir = run.docs_dir, run.site_dir
        for md in sorted(docs_dir.rglob("*.md")):
            page = site_dir / md.relative_to(docs_dir).with_suffix("") / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(md.read_text(encoding="utf-8"), encoding="utf-8")
        for name in ("404.html", "sitemap.xml", *EXTRA):
            (site_dir / name).write_text(f"{name}\n", encoding="utf-8")

    EXTRA.clear()
    monkeypatch.setattr(pipeline, "build_and_finish", fake_mkdocs)
    return repo


EXTRA: list[str] = []  # files the stub MkDocs adds to the site
SMALL = "2091"  # the newest edition of the `repo` fixture's data


def build(repo: Path, site: Path | None = None) -> pipeline.BuildResult:
    return pipeline.build(
        repo, data_dir=repo / "data", docs_dir=repo / "docs", site_dir=site or repo / "site", with_offline=False
    )


def refuse_rename(of: Path, error: int, monkeypatch: pytest.MonkeyPatch, which: str = "source") -> None:
    """os.replace fails with `error` when it would move `of` (as a mount point or bind mount does),
    or (which="destination") the first time something would be moved to `of`."""
    real, failed = os.replace, []

    def replace(src: str | Path, dst: str | Path) -> None:
        if which == "source" and Path(src) == of or which == "destination" and Path(dst) == of and not failed:
            failed.append(src)
            raise OSError(error, os.strerror(error), str(src), None, str(dst))
        real(src, dst)

    def exchange(a: Path, b: Path) -> bool:  # moves both: fails as either move would
        if of in (a, b):
            failed.append(a)
            raise OSError(error, os.strerror(error), str(b))
        return real_exchange(a, b)

    real_exchange = swap.exchange
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(swap, "exchange", exchange)


def with_hand_edits(repo: Path) -> None:
    """A built project where docs/ and site/ will differ on the next build (a task's text changed),
    a hand-written page in docs/, a file the build did not make in site/."""
    EXTRA[:] = ["old-only.html"]
    build(repo)
    EXTRA.clear()
    (repo / "docs" / "notes.md").write_text("# Hand-written\n", encoding="utf-8")
    (repo / "site" / "CNAME").write_text("plans.example.org\n", encoding="utf-8")
    content = repo / "data" / "editions" / SMALL / "content.en.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("Promote", "Hasten"), encoding="utf-8")


def test_a_folder_that_cannot_be_renamed_is_updated_in_place(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_hand_edits(repo)
    refuse_rename(repo / "site", errno.EBUSY, monkeypatch)
    build(repo)
    site = repo / "site"
    assert "Hasten" in (site / SMALL / "tasks" / "1" / "index.html").read_text(encoding="utf-8")
    assert not (site / "old-only.html").exists()  # made by the previous build, not by this one: removed
    assert (site / "CNAME").read_text(encoding="utf-8") == "plans.example.org\n"  # not made by a build: kept
    assert "old-only.html" not in json.loads((site / manifest.MANIFEST).read_text(encoding="utf-8"))
    assert (
        not list(repo.glob(".build-*"))
        and not (site / manifest.JOURNAL).exists()
        and not (site / manifest.UNDO).exists()
    )


@pytest.mark.parametrize("error", [errno.EBUSY, errno.EXDEV], ids=["EBUSY", "EXDEV"])
def test_a_failed_in_place_update_rolls_back_docs_and_site(
    repo: Path, error: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_hand_edits(repo)
    before = tree_digest(repo / "docs"), tree_digest(repo / "site")
    refuse_rename(repo / "site", error, monkeypatch)
    real, count = atomic.write_file, [0]

    def full_in_site(
        path: Path, data: bytes, flush: bool = True
    ) -> None:  # docs/ is written, then site/ fills the disk
        if (repo / "site") in path.parents and path.name != manifest.JOURNAL:
            count[0] += 1
            if count[0] > 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data, flush)

    monkeypatch.setattr(atomic, "write_file", full_in_site)
    with pytest.raises(OutputError) as caught:
        build(repo)
    assert str(caught.value).startswith(
        f"could not put the new site in place of {repo / 'site'}: No space left on device ({repo / 'site'}/"
    )
    assert str(caught.value).endswith("; docs/ and site/ were left as they were")
    assert (tree_digest(repo / "docs"), tree_digest(repo / "site")) == before
    assert not list(repo.glob(".build-*"))


def test_a_failed_swap_puts_the_old_site_back_and_rolls_back_docs(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_hand_edits(repo)
    before = tree_digest(repo / "docs"), tree_digest(repo / "site")
    refuse_rename(
        repo / "site", errno.EIO, monkeypatch, which="destination"
    )  # the old site is parked, the new one will not move
    with pytest.raises(OutputError) as caught:
        build(repo)
    assert str(caught.value).startswith(f"could not put the new site in place of {repo / 'site'}: Input/output error (")
    assert str(caught.value).endswith("; docs/ and site/ were left as they were")
    assert (tree_digest(repo / "docs"), tree_digest(repo / "site")) == before
    assert not list(repo.glob(".build-*"))


def test_the_cli_reports_a_failed_swap_in_one_line(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_hand_edits(repo)
    refuse_rename(repo / "site", errno.EIO, monkeypatch, which="destination")
    monkeypatch.setattr(
        pipeline,
        "build_offline_zip",
        lambda root, docs, rendered, settings, work, target, edition: target.write_bytes(b"zip"),
    )
    monkeypatch.setattr(cli, "ROOT", repo)
    monkeypatch.chdir(repo)
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"could not put the new site in place of {repo / 'site'}: Input/output error (")
    assert err.endswith("; docs/ and site/ were left as they were\n") and err.count("\n") == 1


def mount_tmpfs(folder: Path, size: str = "64m") -> bool:
    """Mount a tmpfs at `folder` (needs root; False where it cannot)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
        ).returncode
        == 0
    )


def test_a_real_mount_point_is_updated_in_place(repo: Path) -> None:
    site = repo / "site"
    if not mount_tmpfs(site):
        pytest.skip("needs root to mount a tmpfs")
    try:
        with_hand_edits(repo)  # the first build, into the mount point
        assert os.path.ismount(site)
        build(repo)
        assert os.path.ismount(site)
        assert "Hasten" in (site / SMALL / "tasks" / "1" / "index.html").read_text(encoding="utf-8")
        assert (site / "CNAME").exists() and not (site / "old-only.html").exists()
    finally:
        subprocess.run(["umount", str(site)], check=False)


def test_a_symlinked_site_is_followed_not_replaced(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "served" / "www"
    target.mkdir(parents=True)
    (repo / "site").symlink_to(target)
    build(repo)
    with_hand_edits(repo)
    build(repo)
    assert (repo / "site").is_symlink() and os.readlink(repo / "site") == str(target)
    assert "Hasten" in (target / SMALL / "tasks" / "1" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "served").iterdir()) == ["www"]  # staged beside the target, cleaned up


def test_a_dangling_site_symlink_is_followed(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "served" / "www"
    target.parent.mkdir()
    (repo / "site").symlink_to(target)
    build(repo)
    assert (repo / "site").is_symlink() and (target / "404.html").exists()


# --- 6. File-system failures are one-line errors ----------------------------------------------------


def test_disk_full_while_building_the_site_changes_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(repo)
    before = tree_digest(repo / "docs"), tree_digest(repo / "site")

    def full(run: engine.Run) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(run.site_dir / "index.html"))

    monkeypatch.setattr(pipeline, "build_and_finish", full)
    with pytest.raises(OutputError) as caught:
        build(repo)
    staging = str(caught.value).split("staging folder ")[1].split(":")[0]
    assert str(caught.value) == (
        f"could not build the site in the staging folder {staging}: No space left on device "
        f"({staging}/site/index.html); docs/ and site/ were left as they were"
    )
    assert (tree_digest(repo / "docs"), tree_digest(repo / "site")) == before
    assert not list(repo.glob(".build-*"))


def test_a_real_full_disk_under_site(tmp_path: Path) -> None:
    """A 2 MB file system as the site's folder: the build stops with one line, nothing changed."""
    repo = scratch_repo(tmp_path / "repo")
    (repo / "docs" / "notes.md").write_text("# Hand-written\n", encoding="utf-8")
    small = tmp_path / "small"
    if not mount_tmpfs(small, "2m"):
        pytest.skip("needs root to mount a tmpfs")
    try:
        before = tree_digest(repo)
        result = run_cli("build", "--site", small / "site", cwd=repo, repo=repo)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(f"could not build the site in the staging folder {small}/.build-")
        assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.endswith("; docs/ and site/ were left as they were\n") and result.stderr.count("\n") == 1
        assert tree_digest(repo) == before and not list(small.iterdir())
    finally:
        subprocess.run(["umount", str(small)], check=False)


def test_a_read_only_docs_folder_is_reported_before_the_build(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(repo)
    monkeypatch.setattr(
        paths.os, "access", lambda path, mode: Path(path) != repo / "docs"
    )  # root may write anywhere: pretend
    with pytest.raises(OutputError) as caught:
        build(repo)
    assert (
        str(caught.value)
        == f"the docs folder ({repo / 'docs'}) is not writable: permission denied. Nothing was written"
    )


def test_export_makes_a_missing_folder_and_writes_whole_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new" / "folder" / "tasks.json"
    assert cli.main(["export", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["tasks"]
    before = out.read_bytes()
    monkeypatch.setattr(
        atomic, "write_file", failing_after(0, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out)))
    )
    assert cli.main(["export", "--out", str(out)]) == 1
    assert capsys.readouterr().err == f"could not write {out}: No space left on device ({out}); it was left as it was\n"
    assert out.read_bytes() == before and sorted(p.name for p in out.parent.iterdir()) == ["tasks.json"]


def test_offline_makes_a_missing_folder(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_zip(
        root: Path, docs_dir: Path, rendered: object, settings: object, work: Path, target: Path, edition: object
    ) -> None:
        target.write_bytes(b"zip")

    monkeypatch.setattr(pipeline, "build_offline_zip", fake_zip)
    out = tmp_path / "downloads" / "new" / "copy.zip"
    assert pipeline.offline(repo, out=out) == out and out.read_bytes() == b"zip"
    assert sorted(p.name for p in out.parent.iterdir()) == ["copy.zip"]


def test_a_failed_zip_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plansite.output import offline

    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("x", encoding="utf-8")
    target = tmp_path / "copy.zip"
    target.write_bytes(b"the old zip")

    def full(self: zipfile.ZipFile, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(OSError):
        offline.zip_folder(folder, target, top="x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.zip", "site"] and target.read_bytes() == b"the old zip"


# --- The real build (conftest.built) started from a new, empty docs folder: it gets the site's own assets


def test_a_new_docs_folder_builds_a_site_with_its_assets(built: Path) -> None:
    site = built / "site"
    for name in (
        "plansite.css",
        "plansite.js",
        "plansite-iframe-worker.js",
        "plansite-worker-frame.html",
        "plansite-worker-frame.js",
    ):
        assert (site / "assets" / name).read_bytes() == (ROOT / "docs" / "assets" / name).read_bytes(), name
    # Written into the new docs folder like every generated file: listed in its manifest, so a later
    # build may replace them and a hand-written copy there is never touched.
    generated = json.loads((built / "docs" / manifest.MANIFEST).read_text(encoding="utf-8"))
    assert "assets/plansite.css" in generated and "assets/plansite.js" in generated
    with zipfile.ZipFile(site / "2025" / "downloads" / "plansite-2025-offline.zip") as z:
        assert "plansite-2025-offline/assets/plansite-iframe-worker.js" in z.namelist()
        assert "plansite-2025-offline/assets/plansite.css" in z.namelist()


def test_the_site_manifest_lists_what_the_build_made(built: Path) -> None:
    site = built / "site"
    listed = json.loads((site / manifest.MANIFEST).read_text(encoding="utf-8"))
    assert listed == manifest.list_files(site)
    assert "index.html" in listed and "2025/downloads/plansite-2025-offline.zip" in listed
