"""`import` proposes, for review, the instruments an edition's tasks name by title
(instruments.proposed.yaml), so a new edition has instrument data to start from; `check` refuses
the proposals until a person has set each action. Run on a copy of data/ without the 2025
edition's reviewed instrument data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from plansite.catalog.load import load
from plansite.catalog.problems import DataError
from plansite.catalog.validate import validate
from plansite.commands import cli
from plansite.commands.mentions import PROPOSED_FILE, propose_instruments
from tests.conftest import DATA

ENTRY = re.compile(r"^- \{task: (\d+), instrument: ([a-z0-9-]+), action: to-review\}  # ", re.M)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    (target / "editions" / "2025" / "instruments.yaml").unlink()
    return target


def titled_mentions() -> set[tuple[int, str]]:
    """What the reviewed 2025 data records of instruments with a title (a described one needs a reader)."""
    catalog, _ = load(DATA)
    titled = {i.id for i in catalog.instruments if not i.untitled}
    return {(m.task, m.instrument) for m in catalog.editions[0].mentions if m.instrument in titled}


def test_import_proposes_the_instruments_named_by_title(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = data / "editions" / "2025"
    assert cli.main(["--data", str(data), "import", str(edition / "source.en.txt"), "--edition", "2025"]) == 0
    text = (edition / PROPOSED_FILE).read_text(encoding="utf-8")
    found = {(int(n), ident) for n, ident in ENTRY.findall(text)}
    expected = titled_mentions()
    assert expected and found == expected
    out = capsys.readouterr().out
    assert f"wrote {edition / PROPOSED_FILE}: {len(expected)} instruments named by title" in out
    # Renamed as it is, it is refused: no action is guessed for the reviewer.
    (edition / PROPOSED_FILE).rename(edition / "instruments.yaml")
    problems = [str(p) for p in validate(load(data)[0]) if "unknown action 'to-review'" in p.message]
    assert len(problems) == len(expected)


def test_reviewed_instrument_data_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    assert propose_instruments(target, "2025") is None
    assert not (target / "editions" / "2025" / PROPOSED_FILE).exists()


def test_a_proposals_file_import_did_not_write_is_kept(data: Path) -> None:
    mine = data / "editions" / "2025" / PROPOSED_FILE
    mine.write_text("- {task: 1, instrument: trademark-law, action: revise}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        propose_instruments(data, "2025")
    assert "not written by import" in str(caught.value)
    assert mine.read_text(encoding="utf-8") == "- {task: 1, instrument: trademark-law, action: revise}\n"
