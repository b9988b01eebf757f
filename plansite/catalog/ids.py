"""Identifiers and numbering: what an edition id may be, and the Roman numerals of headings."""

from __future__ import annotations

import re

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def roman(number: int) -> str:
    """The Roman numeral of a section or subsection number (any positive number, not only ROMAN's)."""
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, number = divmod(number, value)
        out += letters * count
    return out


# An edition id is the first part of its pages' URLs (/2025/tasks/57/) and a folder name under
# data/editions/: a short slug, and never a name the site's top level already uses (urls.HOME and
# urls.EDITIONS, MkDocs' and Material's assets/, search/, 404.html, sitemap.xml(.gz), and the
# livereload endpoint of `serve`).
EDITION_ID_MAX = 64
RESERVED_TOP_LEVEL = ("index", "editions", "assets", "search", "404", "sitemap", "livereload")


def edition_id_problem(ident: str) -> tuple[str, str] | None:
    """What is wrong with an edition id, and what to do; None when nothing is."""
    if len(ident) > EDITION_ID_MAX or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ident):
        return (
            f"edition id {ident[:EDITION_ID_MAX]!r} is not a slug of at most {EDITION_ID_MAX} characters",
            "use lower-case letters, digits and single hyphens, like 2025 or 2021-2022 (it becomes the URL prefix of "
            "the edition's pages)",
        )
    if ident in RESERVED_TOP_LEVEL:
        return (
            f"edition id '{ident}' is a name the site's top level already uses ({', '.join(RESERVED_TOP_LEVEL)})",
            "choose another id, like the year of the plan",
        )
    return None
