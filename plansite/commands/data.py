"""The command that writes an edition's data: `import` (a plan's text into an edition). It writes
one file, whole, or nothing. (`link`, which writes lineage proposals, is `commands.link`.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plansite.catalog.clause_en import AliasIndex
from plansite.catalog.edition import OFFICIAL_FILE
from plansite.catalog.ids import edition_id_problem
from plansite.catalog.load import load
from plansite.catalog.problems import DataError, Problem, errors
from plansite.catalog.yamlio import MAX_BYTES, dump_yaml, read_yaml
from plansite.importers.english import read_translation
from plansite.importers.report import summary
from plansite.output.atomic import write_atomic


def import_source(source: Path, data_dir: Path, edition: str, lang: str = "auto") -> tuple[Path, list[str]]:
    """Parse a plan's text into the edition's data; nothing is written on error. English (a
    translation) becomes content.en.yaml; the official Chinese text (as text, or the saved HTML
    page) becomes official.zh.yaml, which git ignores: this repository never ships it. Returns the
    file written and what to print: the warnings, then the summary to compare with the text."""
    from plansite.importers.chinese import read_official, read_text  # only for Chinese
    from plansite.importers.pagetext import looks_chinese_layout

    catalog, problems = load(data_dir)
    registry_errors = [p for p in errors(problems) if "editions" not in p.file]
    if registry_errors:
        raise DataError(registry_errors)
    told = "zh" if looks_chinese_layout(read_text(source, str(source), give=SOURCE_KINDS)) else "en"
    folder = data_dir / "editions" / edition
    try:
        if (lang if lang != "auto" else told) == "zh":
            imported = read_official(source, str(source), catalog.departments, catalog.collectives)
            for task in imported.content["tasks"]:
                task.pop("line", None)  # a line of the saved page: meaningless once written here
            target, text = folder / OFFICIAL_FILE, OFFICIAL_HEADER + dump_yaml(imported.content)
        else:
            needs_chinese_headings(folder, data_dir)
            imported = read_translation(source, str(source), AliasIndex(catalog.departments, catalog.collectives))
            target, text = folder / "content.en.yaml", CONTENT_HEADER + dump_yaml(imported.content)
    except DataError as exc:
        if lang != "auto" and lang != told:  # a wrong --lang reads every line wrong: say so first
            hint = f"--lang {lang} was given, but the text looks {LANGUAGES[told]}: try --lang {told} or --lang auto"
            raise DataError(
                [Problem(str(source), 1, f"read as {LANGUAGES[lang]} and failed", hint), *exc.problems]
            ) from None
        raise
    partial = plan_says_partial(folder)
    expected = next((e.tasks for e in catalog.series if e.id == edition), None)
    refusals = length_problems(imported.content["tasks"], expected, partial, str(source), folder)
    if len(text.encode("utf-8")) > MAX_BYTES:
        refusals.append(
            Problem(
                str(source),
                0,
                f"the imported text would make {target.name} larger than {MAX_BYTES // 2**20} MB, "
                "which `check` refuses",
                "import the plan's text alone (not a page of several documents or a file padded with other text)",
            )
        )
    if refusals:
        raise DataError(refusals)
    write_atomic(target, text)
    return target, [str(w) for w in imported.warnings] + summary(imported.content, imported.skipped, expected, partial)


def needs_chinese_headings(folder: Path, data_dir: Path) -> None:
    """A translation is checked against the Chinese headings kept by hand in content.zh.yaml (an
    edition from the official text alone takes them from that text and needs no such file)."""
    if not (folder / "content.zh.yaml").is_file():
        raise DataError(
            [
                Problem(
                    f"{data_dir.name}/editions/{folder.name}/content.zh.yaml",
                    0,
                    f"edition '{folder.name}' has no content.zh.yaml",
                    "add it first, even as just 'headings: []' and 'tasks: {}' "
                    "(after the import, `check` names each Chinese heading to add); then import again",
                )
            ]
        )


LANGUAGES = {"en": "English (a translation)", "zh": "Chinese (the official text)"}


def plan_says_partial(folder: Path) -> bool:
    """Whether the edition's plan.yaml marks its text as partial (`partial: true`)."""
    plan = folder / "plan.yaml"
    data = read_yaml(plan, str(plan)) if plan.is_file() else None
    return isinstance(data, dict) and data.get("partial") is True


def length_problems(
    tasks: list[dict[str, Any]], expected: int | None, partial: bool, shown: str, folder: Path
) -> list[Problem]:
    """A task numbered beyond the series facts' count is refused; so is a shorter text, unless the
    edition is marked partial (it would be published as the whole plan)."""
    if expected is None:
        return []
    beyond = [t["number"] for t in tasks if t["number"] > expected]
    if beyond:
        return [
            Problem(
                shown,
                0,
                f"task {beyond[0]} is beyond the {expected} tasks data/series.yaml gives this edition",
                "check the task numbers in the text, or the count in data/series.yaml if the facts are wrong",
            )
        ]
    if len(tasks) < expected and not partial:
        return [
            Problem(
                shown,
                0,
                f"the text holds {len(tasks)} tasks, and data/series.yaml gives this edition {expected}: "
                "it is cut short",
                "import the whole text; or, to publish these tasks as a partial edition that pages mark as such, add "
                f"'partial: true' to {folder.parent.parent.name}/editions/{folder.name}/plan.yaml and import again",
            )
        ]
    return []


def check_edition(data_dir: Path, edition: str) -> Path:
    """Refuse, before anything is read or written, an edition id that is not a slug or names a
    reserved top-level page (`--edition ../../x` would write outside data/), and an edition folder
    that lacks its plan.yaml. Returns the file `import` will write.

    plan.yaml (and, beside a translation, content.zh.yaml) are written by hand from the official
    text, so `import` never invents them (placeholders would block every build until replaced, or
    be published if one slipped through): it says which files to add, and writes nothing."""
    folder = data_dir / "editions" / edition
    shown = f"{data_dir.name}/editions/{edition[:80]}"  # as `check` names files: data/editions/2025/plan.yaml
    if problem := edition_id_problem(edition):
        raise DataError([Problem(shown, 0, *problem)])
    plans = sorted(data_dir.glob("editions/*/plan.yaml"), reverse=True)
    model = (
        f"copy {data_dir.name}/editions/{plans[0].parent.name}/plan.yaml and change every value, its id to '{edition}'"
        if plans
        else f"id: '{edition}', series, title_zh, title_en, issuer_zh, issuer_en, issued, published, translation_notice"
    )
    if not (folder / "plan.yaml").is_file():
        raise DataError(
            [
                Problem(
                    f"{shown}/plan.yaml",
                    0,
                    f"edition '{edition}' has no plan.yaml",
                    f"add it first ({model}); then import again",
                )
            ]
        )
    return folder / "content.en.yaml"


CONTENT_HEADER = (
    "# Written by `python build.py import`: do not edit by hand; fix the translation\n"
    "# (source.en.txt) or data/departments.yaml and import again.\n"
)
SOURCE_KINDS = "the translation text, or the official Chinese text (as text or the saved web page)"
OFFICIAL_HEADER = """\
# The official Chinese text of the plan, written by `python build.py import` from a copy of the
# official page that you saved. The plansite repository never ships it (git ignores this file): it
# is the publisher's text, not ours. To publish it with your own copy of the site, commit it there
# (`git add -f` this file). Do not edit by hand: import again.
"""
