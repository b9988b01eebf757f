"""Line work both importers share: invisible characters removed (with a warning naming the line),
a clause found as the last balanced parentheses, tasks run together on one line split apart, and a
web page's furniture (menus, sign-in, "Share this") told from the plan's opening and closing."""

from __future__ import annotations

import re
from collections.abc import Callable

from plansite.catalog.problems import Problem
from plansite.catalog.text import INVISIBLE, QUOTED, clip, escaped

OPENERS, CLOSERS = "(（", ")）"


def strip_invisible(file: str, number: int, text: str) -> tuple[str, Problem | None]:
    """The line without zero-width, byte-order-mark and bidirectional characters, and a warning
    naming them: they would make a name look known when it is not, or reorder what a page shows."""
    found = INVISIBLE.findall(text)
    if not found:
        return text, None
    shown = ", ".join(dict.fromkeys(escaped(c) for c in found))
    return INVISIBLE.sub("", text), Problem(
        file,
        number,
        f"removed {len(found)} invisible character(s) ({shown}) from this line: '{escaped(clip(text, QUOTED))}'",
        "nothing to do, unless the line now reads wrong: then fix the source",
        severity="warning",
    )


def trailing_group(text: str) -> tuple[str, str] | None:
    """(what comes before, what is inside) of the parenthesised group that ends the text, nested
    parentheses included; None when the text does not end with a balanced group."""
    text = text.rstrip()
    if not text or text[-1] not in CLOSERS:
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in CLOSERS:
            depth += 1
        elif text[i] in OPENERS:
            depth -= 1
            if depth == 0:
                return text[:i].rstrip(), text[i + 1 : -1].strip()
    return None


# A task number right after a closing parenthesis: "…(Responsible for X)4. Issue …", "…负责）4.推动…".
RUN_ON = re.compile(r"[)）]\s*(?=\d{1,9}\s*(?:[．、]|\.(?!\d))\s*\S)")


def split_run_together(text: str, is_clause: Callable[[str], bool]) -> list[str]:
    """The line cut after every responsibility clause that another numbered task follows."""
    pieces, start = [], 0
    for m in RUN_ON.finditer(text):
        group = trailing_group(text[start : m.start() + 1])
        if group and group[0] and is_clause(group[1]):
            pieces.append(text[start : m.start() + 1].strip())
            start = m.end()
    return [*pieces, text[start:].strip()]


FURNITURE = frozenset(
    """menu|main menu|open menu|close menu|toggle navigation|navigation|home|search|sign in|sign up|sign out|log in
    |log out|login|logout|register|my account|account|subscribe|subscribe now|share|share this|share this article
    |share this page|share on facebook|share on twitter|share on linkedin|print|print this page|email|e-mail
    |facebook|twitter|linkedin|wechat|weibo|whatsapp|reddit|copy link|back to top|skip to content
    |skip to main content|close|advertisement|related|related articles|related posts|read more|next article
    |previous article|cookie settings|accept cookies|privacy policy|terms of use|terms and conditions|contact us
    |about us|follow us|newsletter|comments|leave a comment|tags|trending
    |首页|登录|注册|搜索|分享|分享到|打印|打印本页|关闭|关闭窗口|返回顶部|收藏|网站地图|联系我们|无障碍|上一篇|下一篇
    |相关链接|扫一扫""".replace("\n", "").split("|")
)
FURNITURE = frozenset(" ".join(word.split()) for word in FURNITURE)
DECORATION = " |·•»›>×☰:：[]【】-–—"
COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b|all rights reserved)|版权所有", re.I)
TOKENS = re.compile(r"[\s|·•»›>×☰:：\[\]【】\-–—]+")
CRUMBS = re.compile(r"\s[>»›|]\s")
SENTENCE_END = re.compile(r"[.:;?!。：；？！]$")


def is_furniture(text: str) -> bool:
    """A line no plan holds: a site's menu entry, sign-in, sharing or cookie line, a copyright
    notice, a breadcrumb of short items."""
    words = " ".join(text.strip(DECORATION).split()).casefold()
    if words in FURNITURE or COPYRIGHT.search(text.strip()):
        return True
    tokens = [t for t in TOKENS.split(text.casefold()) if t]  # "【打印】【关闭】", "Print | Email"
    if len(tokens) > 1 and all(t in FURNITURE for t in tokens):
        return True
    items = CRUMBS.split(text)
    return len(items) > 1 and all(len(item.split()) <= 4 for item in items)


def is_short_label(text: str) -> bool:
    """A short line with no sentence in it: a publisher's name in a page header."""
    return len(text.split()) <= 6 and len(text) <= 60 and not SENTENCE_END.search(text)


def furniture_of_front(lines: list[tuple[int, str]]) -> set[int]:
    """Indexes of the furniture before the plan: every furniture line and, in a page header that
    holds a menu (two furniture lines or more, with only short labels between), the short labels
    above its last furniture line (a publisher's name); a lone title above one "Share" stays."""
    marks = {i for i, (_, text) in enumerate(lines) if is_furniture(text)}
    header = 0
    while header < len(lines) and (header in marks or is_short_label(lines[header][1])):
        header += 1
    in_header = sorted(i for i in marks if i < header)
    if len(in_header) < 2:
        return marks
    return marks | set(range(in_header[-1]))


def furniture_of_closing(lines: list[tuple[int, str]]) -> set[int]:
    """Indexes of the furniture after the plan: from the first furniture line on, everything."""
    first = next((i for i, (_, text) in enumerate(lines) if is_furniture(text)), len(lines))
    return set(range(first, len(lines)))


def skipped(file: str, lines: list[tuple[int, str]], indexes: set[int]) -> list[Problem]:
    return [
        Problem(
            file,
            lines[i][0],
            f"skipped as web-page furniture: '{escaped(clip(lines[i][1], QUOTED))}'",
            "a line of the page around the plan, not kept as its opening or closing text",
            severity="warning",
        )
        for i in sorted(indexes)
    ]
