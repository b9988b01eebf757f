"""Output targets and bad luck around the swap: a FIFO or folder given as an output file is
refused, never replaced (`export --out -` is standard output); symlink loops as output paths are
refused; the staging folders killed builds leave are removed by the next build, only when provably
ours and abandoned; the swap leaves a site in place at every instant; a file the swap cannot remove
is a warning; bad command-line values are one clear error.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from plansite.catalog.problems import DataError
from plansite.commands import build as pipeline
from plansite.commands import cli
from plansite.output import staging, swap
from tests.conftest import ROOT, cli_in_process, tree_digest
from tests.test_safety_outputs import EXTRA, SMALL, build, repo  # noqa: F401 - `repo` is a fixture

NOTHING = "Nothing was written; "


# --- Output files that are no regular files -----------------------------------------------------------


@pytest.mark.parametrize("through_link", [False, True], ids=["fifo", "link-to-fifo"])
@pytest.mark.parametrize(
    ("command", "example"), [("export", "tasks.json"), ("offline", "plansite-offline.zip")], ids=["export", "offline"]
)
def test_a_fifo_as_an_output_file_is_refused_and_stays_a_fifo(
    command: str, example: str, through_link: bool, tmp_path: Path
) -> None:
    """Replaced by a regular file, exit 0, before (as root, /dev/full became a JSON file)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    given = fifo
    if through_link:
        given = tmp_path / "link"
        given.symlink_to(fifo)
    before = tree_digest(tmp_path)
    result = cli_in_process(command, "--out", given)
    assert result.returncode == 2
    assert result.stderr == (
        f"--out {given}: refused: it is a FIFO (named pipe), not a regular file ({fifo}), and writing would replace "
        f"it. {NOTHING}choose another file, such as {example}\n"
    )
    assert tree_digest(tmp_path) == before and fifo.is_fifo()


def test_export_to_standard_output_with_a_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrote a file named '-' before."""
    monkeypatch.chdir(tmp_path)
    dashed = cli_in_process("export", "--out", "-")
    plain = cli_in_process("export")
    assert dashed.returncode == 0 and dashed.stdout == plain.stdout and json.loads(dashed.stdout)["tasks"]
    assert list(tmp_path.iterdir()) == []


def test_an_existing_export_file_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    out.write_text("old\n", encoding="utf-8")
    assert cli_in_process("export", "--out", out).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["tasks"]


def test_offline_to_standard_output_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli_in_process("offline", "--out", "-")
    assert result.returncode == 2 and list(tmp_path.iterdir()) == []
    assert result.stderr == (
        "--out -: refused: the offline copy is a zip file, not text for standard output. "
        f"{NOTHING}choose a file, such as plansite-offline.zip\n"
    )


@pytest.mark.parametrize("flag", ["--site", "--docs"])
def test_a_symlink_loop_as_an_output_folder_is_refused(flag: str, tmp_path: Path) -> None:
    """A traceback (RuntimeError: Symlink loop) before."""
    loop = tmp_path / "out"
    loop.symlink_to(loop.name)
    other = "--docs" if flag == "--site" else "--site"
    result = cli_in_process("build", flag, loop, other, tmp_path / "other")
    assert result.returncode == 2
    assert result.stderr == (
        f"{flag} {loop}: refused: it is a symlink loop (a link that leads back to itself). {NOTHING}remove the link "
        "or point it at a real folder or file\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_fifo_as_the_site_folder_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    os.mkfifo(site)
    result = cli_in_process("build", "--site", site, "--docs", tmp_path / "docs")
    assert result.returncode == 2 and site.is_fifo()
    assert result.stderr == (
        f"--site {site}: refused: it is a FIFO (named pipe), not a folder ({site}). {NOTHING}choose a folder of "
        "its own, such as site/\n"
    )


# --- The command line ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "site", "docs", "no_offline"),
    [
        (["--no-offline"], None, None, True),
        (["--site", "out/s", "--no-offline"], "out/s", None, True),
        (["--site", "out/s", "build"], "out/s", None, False),
        (["build", "--docs", "d"], None, "d", False),
        ([], None, None, False),
    ],
)
def test_the_default_command_takes_the_build_options(
    argv: list[str], site: str | None, docs: str | None, no_offline: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build.py --no-offline` was an argparse error before."""
    seen: list[dict[str, object]] = []
    monkeypatch.setitem(cli.COMMANDS, "build", lambda args: seen.append(vars(args)) or 0)
    assert cli.main(argv) == 0
    assert seen == [
        {
            "data": cli.ROOT / "data",
            "command": "build",
            "site": Path(site) if site else cli.ROOT / "site",
            "docs": Path(docs) if docs else cli.ROOT / "docs",
            "no_offline": no_offline,
        }
    ]


def test_a_build_option_before_another_command_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--no-offline", "check"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == "build.py: error: --no-offline: an option of build, not of check"


@pytest.mark.parametrize("addr", ["127.0.0.1:99999", "127.0.0.1:-1", "127.0.0.1:0", "localhost", ":8000", "h:80x"])
def test_serve_refuses_a_bad_dev_addr_in_one_line(addr: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["serve", "--dev-addr", addr])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        f"build.py serve: error: argument --dev-addr: {addr!r} is not HOST:PORT with a port from 1 to 65535 "
        "(like 127.0.0.1:8000)"
    )
    assert "Traceback" not in err


ADDRESS_HINT = (
    ". Nothing was written; give the hosted address, like https://example.org/plans/ (http or https, a host, an "
    "optional path; no query or fragment)\n"
)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        (
            "https://x.example/?q=1",
            "'https://x.example/?q=1' has a query (?…) or a fragment (#…); page addresses are appended to it",
        ),
        (
            "https://x.example/#top",
            "'https://x.example/#top' has a query (?…) or a fragment (#…); page addresses are appended to it",
        ),
        ("https://x.example/my plans/", "'https://x.example/my plans/' holds a space or a control character"),
        ("https://x.example/\nx", "'https://x.example/\\nx' holds a space or a control character"),
        ("ftp://x.example/", "'ftp://x.example/' is not an http:// or https:// address"),
        ("javascript:alert(1)", "'javascript:alert(1)' is not an http:// or https:// address"),
        ("x.example/plans/", "'x.example/plans/' is not an http:// or https:// address"),
        ("https://x.example:99999/", "'https://x.example:99999/' has an invalid port"),
        ("https://u:p@x.example/", "'https://u:p@x.example/' holds a user name or password"),
        (
            "https:///plans/",
            "'https:///plans/' names no valid host (letters, digits, dots and hyphens; an IDN in its xn-- form)",
        ),
        ('https://x.example/a"b', "'https://x.example/a\"b' has a character in its path that must be percent-encoded"),
        (
            "https://x.example/" + "a" * 5000,
            f"'https://x.example/{'a' * 42}…' is 5018 characters long; the most is 200",
        ),
    ],
)
def test_a_bad_site_address_is_one_clear_error(
    url: str, problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It survived into citations, JSON-LD and QR codes before, or failed deep inside MkDocs."""
    monkeypatch.setenv("PLANSITE_SITE_URL", url)
    monkeypatch.chdir(tmp_path)
    result = cli_in_process("build", "--site", tmp_path / "site", "--docs", tmp_path / "docs")
    assert result.returncode == 2
    assert result.stderr == f"PLANSITE_SITE_URL {problem}{ADDRESS_HINT}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["https://x.example/plans/", "http://127.0.0.1:8000/", "https://[::1]/p/"])
def test_a_good_site_address_passes(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANSITE_SITE_URL", url)
    assert cli_in_process("check").returncode == 0


def test_the_build_names_the_site_it_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It always said "built site/" before."""
    result = pipeline.BuildResult(3, pipeline.FolderChanges(["a"], [], 2), [])
    monkeypatch.setattr(pipeline, "build", lambda *args, **kwargs: result)
    site = tmp_path / "public"
    assert cli.main(["--site", str(site), "--no-offline"]) == 0
    assert capsys.readouterr().out == f"built {site} from 3 pages (1 written, 0 removed, 2 unchanged)\n"


@pytest.mark.parametrize("command", ["import", "link"])
def test_ctrl_c_during_import_or_link_says_nothing_was_written(
    command: str, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "site/ and docs/ were left as they were" before, which these commands never touch."""

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "import_source" if command == "import" else "link_editions", interrupted)
    before = tree_digest(data)
    argv = [str(ROOT / "data" / "editions" / "2025" / "source.en.txt")] if command == "import" else ["2024", "2025"]
    assert cli.main(["--data", str(data), command, *argv]) == 130
    assert capsys.readouterr().err == "interrupted; nothing was written: the data files are as they were.\n"
    assert tree_digest(data) == before


# --- Staging folders a killed build left ---------------------------------------------------------------


def kill_while_staging(parent: Path, park_site: bool = False) -> Path:
    """A process that makes a staging folder in `parent` and is SIGKILLed while it holds it (with
    `park_site`, during a two-rename swap, between the renames); returns the folder it left."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from plansite.output import staging, swap
        parent = Path({str(parent)!r})
        work = staging.Staging(parent).path
        (work / "site").mkdir()
        (work / "site" / "index.html").write_text("new", encoding="utf-8")
        if {park_site!r}:
            swap.exchange = lambda a, b: False  # a system that cannot exchange: two renames
            real = os.replace
            def replace(src, dst):
                real(src, dst)
                if Path(dst).name.startswith(staging.PARKED_PREFIX):
                    os.kill(os.getpid(), signal.SIGKILL)  # between the two renames
            os.replace = replace
            swap.publish(work / "site", parent / "site", staging.parking(parent / "site", work), [])
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    (left,) = [p for p in parent.iterdir() if p.name.startswith(staging.PREFIX)]
    return left


def test_a_killed_builds_staging_folder_is_removed_by_the_next(tmp_path: Path) -> None:
    """13-45 MB left behind by every SIGKILLed build before."""
    left = kill_while_staging(tmp_path)
    assert (left / staging.MARKER).is_file()
    assert staging.clean_stale(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_only_abandoned_staging_folders_of_ours_are_removed(tmp_path: Path) -> None:
    dead = kill_while_staging(tmp_path)
    live = staging.Staging(tmp_path)  # a build running now: its folder is locked
    foreign = tmp_path / ".build-notes"  # no marker: not provably ours
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("years of work\n", encoding="utf-8")
    forged = tmp_path / ".build-forged"  # a marker file that is not ours
    forged.mkdir()
    (forged / staging.MARKER).write_text("something else\n", encoding="utf-8")
    linked = tmp_path / ".build-link"  # a symlink to a folder with a marker: never followed
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / staging.MARKER).write_bytes(staging.MARKER_TEXT)
    linked.symlink_to(target)
    try:
        before = {p.name: tree_digest(p) for p in (foreign, forged, target)}
        assert staging.clean_stale(tmp_path) == []
        assert not dead.exists() and live.path.is_dir() and linked.is_symlink()
        assert {p.name: tree_digest(p) for p in (foreign, forged, target)} == before
    finally:
        live.close()
    assert not live.path.exists()


def test_a_site_parked_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    """A kill between the two renames left no site/ until the next build finished."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    kill_while_staging(tmp_path, park_site=True)
    assert not site.exists()  # the window the exchange closes, where it is available
    assert staging.clean_stale(tmp_path) == []
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_swap_is_one_exchange_so_a_site_is_always_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No rename leaves the site's name empty: the two folders trade places in one system call."""
    if not swap._libc():
        pytest.skip("renameat2 is Linux's")
    new, site = tmp_path / "new", tmp_path / "site"
    for folder, text in ((new, "new"), (site, "old")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")

    def no_rename(*args: object) -> None:
        raise AssertionError("a rename would leave a moment with no site")

    monkeypatch.setattr(os, "replace", no_rename)
    monkeypatch.setattr(os, "rename", no_rename)
    swap.publish(new, site, tmp_path / "parked", [])
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert (new / "index.html").read_text(encoding="utf-8") == "old"  # removed with the staging folder


def fail_unlink(of: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Removing `of` fails as an immutable file does (EPERM, even for root)."""
    real = os.unlink

    def unlink(path: str | Path, *args: object, **kwargs: object) -> None:
        if Path(path).name == of.name:
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(path))
        real(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)


def test_a_file_the_swap_cannot_remove_is_a_warning_exit_0(
    repo: Path,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The swap succeeded but the run exited 1 before."""
    EXTRA[:] = ["locked.txt"]
    build(repo)
    EXTRA.clear()
    fail_unlink(repo / "site" / "locked.txt", monkeypatch)
    monkeypatch.setattr(cli, "ROOT", repo)
    monkeypatch.chdir(repo)
    assert cli.main(["--no-offline"]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if " is named by no task " not in line]
    (left,) = [p for p in repo.iterdir() if p.name.startswith(staging.PREFIX)]
    assert err[0] == (
        f"{left}/site/locked.txt:0: warning: could not be removed (Operation not permitted); the new site is in "
        "place — remove it by hand (an immutable file: chattr -i first)"
    )
    assert not (repo / "site" / "locked.txt").exists()
    monkeypatch.undo()  # the file can be removed again: the next build removes what is left
    assert staging.clean_stale(repo) == [] and not left.exists()


def test_a_real_immutable_file(tmp_path: Path) -> None:
    """As root where the file system has the immutable attribute: left, reported, retried."""
    work = staging.Staging(tmp_path)
    locked = work.path / "site" / "locked.txt"
    locked.parent.mkdir()
    locked.write_text("x", encoding="utf-8")
    if os.geteuid() != 0 or subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode:
        work.close()
        pytest.skip("needs root and chattr")
    try:
        work.close()
        assert work.left == [(str(locked), "Operation not permitted")]
        assert (work.path / staging.MARKER).is_file()  # still provably ours
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert staging.clean_stale(tmp_path) == [] and list(tmp_path.iterdir()) == []


def test_not_removed_is_a_warning() -> None:
    problem = pipeline.not_removed(("/x/.build-1/site/a", "Operation not permitted"))
    assert problem.severity == "warning" and str(problem).startswith("/x/.build-1/site/a:0: warning: could not be")


def test_the_marker_lock_is_what_tells_a_live_build(tmp_path: Path) -> None:
    work = staging.Staging(tmp_path)
    fd = os.open(work.path / staging.MARKER, os.O_RDONLY)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)
        work.close()


def test_a_parked_site_is_back_even_when_the_next_build_fails(repo: Path) -> None:  # noqa: F811 - the fixture
    build(repo)
    before = tree_digest(repo / "site")
    kill_while_staging(repo, park_site=True)
    assert not (repo / "site").exists()
    plan = repo / "data" / "editions" / SMALL / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("issued:", "issued_on:"), encoding="utf-8")
    with pytest.raises(DataError):
        build(repo)
    assert tree_digest(repo / "site") == before
    assert not [p for p in repo.iterdir() if p.name.startswith(staging.PREFIX)]


def test_a_file_a_person_put_in_the_site_survives_the_next_build(repo: Path) -> None:  # noqa: F811
    """A CNAME or a verification file is no build's: the swap keeps it, and keeps it unlisted."""
    build(repo)
    site = repo / "site"
    (site / "CNAME").write_text("plans.example.org\n", encoding="utf-8")
    (site / "google1234.html").write_text("google-site-verification: google1234.html\n", encoding="utf-8")
    build(repo)
    assert (site / "CNAME").read_text(encoding="utf-8") == "plans.example.org\n"
    assert (site / "google1234.html").exists()
    listed = json.loads((site / ".plansite-generated.json").read_text(encoding="utf-8"))
    assert "CNAME" not in listed and "google1234.html" not in listed and f"{SMALL}/about/index.html" in listed
    build(repo)  # and again: still a person's file, still there
    assert (site / "CNAME").read_text(encoding="utf-8") == "plans.example.org\n"


def test_a_persons_file_where_the_build_writes_one_stops_the_build(repo: Path) -> None:  # noqa: F811
    build(repo)
    site = repo / "site"
    manifest = site / ".plansite-generated.json"
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    mine = f"{SMALL}/about/index.html"
    manifest.write_text(json.dumps([n for n in listed if n != mine]), encoding="utf-8")  # now a person's file
    (site / mine).write_text("mine\n", encoding="utf-8")
    before = tree_digest(repo)
    with pytest.raises(
        pipeline.OutputError, match=f"site/{mine}: a file no build made is in the place of a generated one"
    ):
        build(repo)
    assert tree_digest(repo) == before
