"""The Jinja2 environment the page templates run in, and the Markdown/HTML fragments it offers them.

Every `{{ value }}` in a template is escaped for Markdown unless it is `Safe` (a link or
fragment made here), so data can never inject HTML, Markdown or template syntax.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.nodes

from plansite.catalog.vocab import (
    ACTIONS,
    DEPARTMENT_KINDS,
    INSTRUMENT_KINDS,
    LINK_KINDS,
    NO_UPDATE,
    RELATIONS,
    STATUSES,
)
from plansite.render.mdtext import Safe, escape, external, link, note_text, source_text
from plansite.view.labels import (
    DEPARTMENT_LABELS,
    NOT_TRANSLATED,
    bilingual,
    collective_label,
    counted,
    edition_name,
    english,
    first_role,
    heading,
    issued_on,
    legend_heading,
    plan_en,
    plan_title,
    shared_duties,
    status_label,
    task_name,
    task_title,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def status_class(status: str) -> Safe:
    """A CSS class name for an implementation status ("no update recorded" → no-update-recorded)."""
    return Safe("-".join(status.split()))


def html_text(value: object) -> Safe:
    """Data inside raw HTML (form options, attributes): HTML-escaped, not Markdown-escaped."""
    return Safe(html.escape(str(value), quote=True))


def heat(count: int) -> Safe:
    """attr_list class shading a matrix cell by how many tasks it holds."""
    level = next(i for i, top in enumerate((1, 2, 4, 8, 10**9)) if count <= top)
    return Safe("{: .plansite-heat-" + str(level) + " }")


def anchor(ident: str, indexed: bool = True) -> Safe:
    """A fixed heading id (`{#id}`), so permalinks never depend on heading text or position.
    indexed=False keeps the section out of search: lists repeating what task pages already hold
    would crowd the results (and the index) with the same text many times over."""
    return Safe("{#" + ident + ("}" if indexed else " data-search-exclude}"))


class _RuntimeOutput(jinja2.compiler.CodeGenerator):
    """Jinja folds a constant `{{ "…" }}` at compile time and HTML-escapes it (plan's → plan&#39;s)
    instead of passing it through `finalize`; evaluating it at render time escapes it for Markdown
    like every other value. Literal template text is still emitted as written."""

    def _output_child_to_const(self, node: jinja2.nodes.Expr, frame: Any, finalize: Any) -> str:
        if not isinstance(node, jinja2.nodes.TemplateData):
            raise jinja2.nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)


class _Environment(jinja2.Environment):
    code_generator_class = _RuntimeOutput


@functools.cache
def environment(templates: Path) -> jinja2.Environment:
    """One Jinja2 environment per template folder and process: `serve` re-renders on every edit, and
    the environment keeps compiled templates (re-checking each file's time, so edits show). Compiled
    code is also cached on disk across processes; Jinja2 checks it against the template's source."""
    env = _Environment(
        loader=jinja2.FileSystemLoader(templates),
        finalize=escape,
        undefined=jinja2.StrictUndefined,
        # `finalize` escapes every value for Markdown and marks it done (Markup), so autoescape
        # lets it, macro output and Safe fragments through, and escapes nothing twice.
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The cache is keyed by template source only: its own file names keep code compiled before
        # _RuntimeOutput (constants folded and HTML-escaped) from being used.
        bytecode_cache=jinja2.FileSystemBytecodeCache(pattern="__plansite_jinja2_runtime_output_%s.cache"),
    )
    env.globals.update(
        link=link,
        external=external,
        source_text=source_text,
        note_text=note_text,
        anchor=anchor,
        html_text=html_text,
        heat=heat,
        status_class=status_class,
        heading=heading,
        legend_heading=legend_heading,
        edition_name=edition_name,
        english=english,
        NOT_TRANSLATED=NOT_TRANSLATED,
        plan_title=plan_title,
        plan_en=plan_en,
        issued_on=issued_on,
        task_name=task_name,
        task_title=task_title,
        status_label=status_label,
        shared_duties=shared_duties,
        first_role=first_role,
        counted=counted,
        collective_label=collective_label,
        DEPARTMENT_KINDS=DEPARTMENT_KINDS,
        ALL_STATUSES=[*STATUSES, NO_UPDATE],
        ACTIONS=ACTIONS,
        INSTRUMENT_KINDS=INSTRUMENT_KINDS,
        LINK_KINDS=LINK_KINDS,
        RELATIONS=RELATIONS,
    )
    env.filters.update(DEPARTMENT_LABELS, bilingual=bilingual)
    return env
