"""The command that writes an edition's data: `import` (a plan's text into an edition). It writes
one file, whole, or nothing. (`link`, which writes lineage proposals, is `commands.link`.)"""

from __future__ import annotations

from pathlib import Path

from plansite.catalog.clause_en import AliasIndex
from plansite.catalog.edition import OFFICIAL_FILE
from plansite.catalog.load import load
from plansite.catalog.problems import DataError, errors
from plansite.catalog.yamlio import dump_yaml
from plansite.importers.english import import_translation
from plansite.output.atomic import write_atomic


def import_source(source: Path, data_dir: Path, edition: str, lang: str = "auto") -> Path:
    """Parse a plan's text into the edition's data; nothing is written on error. English (a
    translation) becomes content.en.yaml; the official Chinese text (as text, or the saved HTML
    page) becomes official.zh.yaml, which git ignores: this repository never ships it."""
    from plansite.importers.chinese import import_official, read_text  # only for Chinese
    from plansite.importers.pagetext import looks_chinese_layout

    catalog, problems = load(data_dir)
    registry_errors = [p for p in errors(problems) if "editions" not in p.file]
    if registry_errors:
        raise DataError(registry_errors)
    if lang == "auto":
        lang = "zh" if looks_chinese_layout(read_text(source, str(source), give=SOURCE_KINDS)) else "en"
    folder = data_dir / "editions" / edition
    if lang == "zh":
        official = import_official(source, str(source), catalog.departments, catalog.collectives)
        for task in official["tasks"]:
            task.pop("line", None)  # a line of the saved page: meaningless once written here
        target = folder / OFFICIAL_FILE
        write_atomic(target, OFFICIAL_HEADER + dump_yaml(official))
        return target
    content = import_translation(source, str(source), AliasIndex(catalog.departments, catalog.collectives))
    target = folder / "content.en.yaml"
    header = (
        "# Written by `python build.py import`: do not edit by hand; fix the translation\n"
        "# (source.en.txt) or data/departments.yaml and import again.\n"
    )
    write_atomic(target, header + dump_yaml(content))
    return target


SOURCE_KINDS = "the translation text, or the official Chinese text (as text or the saved web page)"
OFFICIAL_HEADER = """\
# The official Chinese text of the plan, written by `python build.py import` from a copy of the
# official page that you saved. The plansite repository never ships it (git ignores this file): it
# is the publisher's text, not ours. To publish it with your own copy of the site, commit it there
# (`git add -f` this file). Do not edit by hand: import again.
"""
