"""The plan series: the series page, bodies over time, `build.py link`, and what the
pages show of reviewed lineage. The two editions are tests/fixtures/series/ (our own wording, never
published); the published site has only the 2025 text and still lists the other editions' facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plansite.catalog.load import load
from plansite.render import render_pages
from tests.conftest import cli_in_process, run_cli, tree_digest
from tests.test_lineage import assemble

NOT_RECORDED = "未记录 · not recorded"


def review_all(data: Path, review: str = "confirmed") -> Path:
    """Run `link 2090 2091` and mark every proposal reviewed; returns the lineage file."""
    result = run_cli("--data", data, "link", "2090", "2091")
    assert result.returncode == 0, result.stderr
    target = data / "lineage" / "2090-2091.yaml"
    target.write_text(
        re.sub(r"(?m)^  review: unreviewed$", f"  review: {review}", target.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    return target


@pytest.fixture(scope="module")
def series_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture series, every proposal confirmed, built by the real pipeline."""
    out = tmp_path_factory.mktemp("series")
    data = assemble(out / "data")
    review_all(data)
    result = run_cli("--data", data, "build", "--docs", out / "docs", "--site", out / "site", "--no-offline")
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, path: str) -> str:
    return (site / "docs" / path).read_text(encoding="utf-8")


# --- The published site: one edition's text, the whole series' facts ------------------------------


def test_the_series_page_lists_every_known_edition_with_what_is_not_recorded(built: Path) -> None:
    text = page(built, "editions.md")
    headings = re.findall(r"^## (.+?) \{#edition-([\w-]+)", text, re.M)
    assert [ident for _, ident in headings] == ["2025", "2024", "2023", "2021-2022"]
    sections = dict(zip([i for _, i in headings], re.split(r"^## .+$", text, flags=re.M)[1:], strict=True))
    assert "全文已收录 · Text in the site" in sections["2025"] and "(2025/index.md)" in sections["2025"]
    assert "未收录 · Text not in this site" in sections["2024"] and "国知联办〔2024〕6号" in sections["2024"]
    assert re.search(
        r"印发日期 · Issued\n:   " + re.escape(NOT_RECORDED), sections["2024"]
    )  # sources differ on the day
    assert re.search(r"任务 · Tasks\n:   110", sections["2024"])
    assert headings[2][0] == "2023年度计划 · The 2023 plan \\(title not recorded\\)"
    assert sections["2023"].count(NOT_RECORDED) >= 6
    assert re.search(r"英文标题 · English title\n:   " + re.escape(NOT_RECORDED), sections["2023"])
    assert "国务院知识产权战略实施工作部际联席会议办公室 · Office of the State Council" in sections["2021-2022"]


def test_the_landing_page_lists_the_other_editions(built: Path) -> None:
    text = page(built, "index.md")
    assert (
        "2024: 2024年知识产权强国建设推进计划 · 2024 Plan for Building an Intellectual Property Powerhouse \\(国知联办〔2024〕6号\\)"
        in text
    )
    assert "2021\\-2022: 知识产权强国建设纲要和“十四五”规划实施年度推进计划" in text
    assert "2023: 未记录标题 · title not recorded" in text
    assert "(editions.md)" in text
    assert "\\(text not in this site\\):\n\n- 2024:" in text  # a list of its own, never run into the paragraph


def test_a_renamed_body_keeps_one_entity_and_a_succeeded_one_links_its_successor(built: Path) -> None:
    catalog, _ = load(Path(__file__).resolve().parent.parent / "data")
    office = catalog.department("joint-conference-office")
    assert "国务院知识产权战略实施工作部际联席会议办公室" in office.names_zh  # an older edition's name resolves here
    assert catalog.department("cbirc").successor == "nfra" and catalog.same_line("nfra") == {"nfra", "cbirc"}
    nfra = page(built, "2025/departments/nfra.md")
    assert "前身 · Predecessor\n:   中国银行保险监督管理委员会" in nfra and "2023\\-05\\-18" in nfra
    assert "曾用名 · Former name\n:   国务院知识产权战略实施工作部际联席会议办公室" in page(
        built, "2025/departments/joint-conference-office.md"
    )


# --- Lineage on pages --------------------------------------------------------------------------------


def test_the_comparison_page_lists_new_carried_over_split_merged_and_dropped(series_site: Path) -> None:
    text = page(series_site, "2091/compare/2090.md")
    assert (
        "新增 · New: 1; 延续 · Carried over: 5; 拆分 · Split: 2; 合并 · Merged: 1; 相关 · Related: 1; 删除 · Dropped: 1"
        in text
    )
    assert "[2090 任务 9 · Task 9](../../2090/tasks/9.md)" in text.split("## 删除")[1]
    merged = text.split("### 合并 · Merged")[1].split("###")[0]
    assert "[任务 6 · Task 6](../../2090/tasks/6.md), [任务 7 · Task 7](../../2090/tasks/7.md)" in merged
    assert "尚待审核" not in text  # every link reviewed
    # Bodies added and removed are items of their own (task 8 of 2091 gains one body and loses another).
    assert re.search(r"^- 新增部门 · Bodies added: .+\n- 不再列出 · Bodies no longer named: ", text, re.M)


def test_a_task_page_shows_its_predecessor_and_what_changed(series_site: Path) -> None:
    text = page(series_site, "2091/tasks/3.md").split("## 前后年度 · Across editions")[1].split("## 引用")[0]
    assert "[任务 2 · Task 2](../../2090/tasks/2.md) — 拆分 · split" in text
    assert "牵头变化 · Lead changed: 市场监管总局 · SAMR → 生态环境部 · MEE" in text
    assert "新增部门 · Bodies added: 农业农村部 · MARA" in text
    assert (
        "“Carry out research on” \\(研究论证 · to be studied\\)" in text
        and "“Promote the formulation of” \\(制定 · to be formulated\\)" in text
    )
    first = page(series_site, "2091/tasks/1.md")
    assert (
        "“研究论证…修改” · “Study and demonstrate the revision of”" in first
        and "“推进…修订” · “Promote the revision of”" in first
    )
    succeeded = page(series_site, "2091/tasks/7.md")
    assert "承继 · Succeeded: 银保监会 · CBIRC → 金融监管总局 · NFRA" in succeeded and "Bodies added" not in succeeded
    after = page(series_site, "2090/tasks/2.md")
    assert "下一年度 · After, in the 2091 plan: [任务 2 · Task 2](../../2091/tasks/2.md)" in after


def test_the_series_page_and_department_pages_span_the_editions(series_site: Path) -> None:
    assert (
        "[与2090年计划对比：新增、延续、删除的任务 · the 2090 plan: new, carried\\-over and dropped tasks](2091/compare/2090.md)"
        in page(series_site, "editions.md")
    )
    nfra = page(series_site, "2091/departments/nfra.md")
    assert "\\(as 银保监会\\)](../../2090/departments/cbirc.md)" in nfra


def test_unreviewed_proposals_are_never_shown_as_fact(tmp_path: Path) -> None:
    data = assemble(tmp_path / "data")
    assert cli_in_process("--data", data, "link", "2090", "2091").returncode == 0
    catalog, problems = load(data)
    pages = render_pages(catalog)
    assert "前后年度" not in pages["2091/tasks/1.md"] and "前后年度" not in pages["2090/tasks/1.md"]
    compare = pages["2091/compare/2090.md"]
    assert "尚待审核 · Not yet reviewed" in compare and "延续 · Carried over: 0" in compare
    assert "### 待审核 · Pending review" in compare and "### 新增 · New" in compare  # task 9 has no proposal: new


# --- build.py link -------------------------------------------------------------------------------------


def test_link_again_keeps_every_reviewed_decision(tmp_path: Path) -> None:
    data = assemble(tmp_path / "data")
    target = review_all(data, "unreviewed")
    text = target.read_text(encoding="utf-8")
    entries = text.split("\n- new_task: ")
    entries[1] = entries[1].replace("review: unreviewed", "review: confirmed")
    entries[2] = entries[2].replace("review: unreviewed", "review: rejected")
    target.write_text("\n- new_task: ".join(entries), encoding="utf-8")
    before = {
        (link.new_task, link.old_tasks, link.review) for link in load(data)[0].links if link.review != "unreviewed"
    }
    assert len(before) == 2
    result = cli_in_process("--data", data, "link", "2090", "2091")
    assert result.returncode == 0, result.stderr
    after = {
        (link.new_task, link.old_tasks, link.review) for link in load(data)[0].links if link.review != "unreviewed"
    }
    assert after == before
    assert "2 reviewed" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["../x", "2091"], "edition id '../x' is not a slug"),
        (["2089", "2091"], "edition '2089' is not in the data"),
        (["2091", "2091"], "an edition cannot be linked to itself"),
    ],
)
def test_link_refuses_bad_editions_and_writes_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    data = assemble(tmp_path / "data")
    before = tree_digest(tmp_path)
    result = cli_in_process("--data", data, "link", *args)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert tree_digest(tmp_path) == before


def test_check_names_the_line_of_a_link_to_a_missing_task(tmp_path: Path) -> None:
    data = assemble(tmp_path / "data")
    target = review_all(data)
    lines = target.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("- new_task: 1"))
    lines[at + 2] = "  - 130"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli_in_process("--data", data, "check")
    assert result.returncode == 1
    assert f"lineage/2090-2091.yaml:{at + 1}: link of task 1: task 130 of 2090 does not exist" in result.stderr


def test_an_older_editions_names_resolve_to_the_right_entity() -> None:
    from plansite.catalog.clause_en import AliasIndex
    from plansite.catalog.clause_zh import ZhNames

    catalog, _ = load(Path(__file__).resolve().parent.parent / "data")
    zh = ZhNames(catalog.departments, catalog.collectives)
    assert zh.parse("银保监会、国务院知识产权战略实施工作部际联席会议办公室负责").departments == (
        "cbirc",
        "joint-conference-office",
    )
    en = AliasIndex(catalog.departments, catalog.collectives)
    assert en.parse("The China Banking and Insurance Regulatory Commission is responsible").departments == ("cbirc",)
