"""The bodies a task names: departments (with their other names) and collective mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plansite.catalog.problems import Origin
from plansite.catalog.vocab import ZhCheck


@dataclass(frozen=True)
class FormerName:
    """A name the same body went by before a rename (same body, new name), until a date if known."""

    name_zh: str
    name_en: str = ""
    until: date | None = None


@dataclass(frozen=True)
class Nameplate:
    """Another name the same body works under (对外加挂牌子: 中央宣传部 is also 国家版权局): not a
    separate body, so the plan's tasks stay with the department."""

    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Department:
    """A real body. `aliases` holds every English name a source uses for it, for resolving names;
    `garbled` is the subset that are mistranslations ("State Administration of State
    Administration"), which pages must not present as the body's names."""

    id: str
    name_en: str
    name_zh: str
    short_zh: str
    abbr: str | None
    kind: str
    aliases: tuple[str, ...]
    plan_zh: str = ""  # the plan's own form of the name (国家知识产权局); "" only in hand-made models
    zh_check: ZhCheck = "reconstructed"  # plan_zh checked against the official Chinese text, or not
    garbled: tuple[str, ...] = ()
    aliases_zh: tuple[str, ...] = ()  # other Chinese names a source uses (a former name, a colloquial short form)
    former_names: tuple[FormerName, ...] = ()  # renames: the same body under an earlier name
    successor: str | None = None  # succession: the id of the new body that took over (a separate entity)
    succeeded_on: date | None = None  # when the successor took over, if known
    name_en_short: str = ""  # a short English name where there is no abbreviation (the editors')
    nameplates: tuple[Nameplate, ...] = ()
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def names_zh(self) -> tuple[str, ...]:
        """Every Chinese name the body goes by, for resolving a Chinese clause.

        Full, short, the plan's form, aliases."""
        return tuple(
            dict.fromkeys(
                n
                for n in (
                    self.name_zh,
                    self.short_zh,
                    self.plan_zh,
                    *self.aliases_zh,
                    *(f.name_zh for f in self.former_names),
                )
                if n
            )
        )

    @property
    def plan_name(self) -> str:
        """The plan's own form of its name (国家知识产权局), else the official short name."""
        return self.plan_zh or self.short_zh

    @property
    def proper_aliases(self) -> tuple[str, ...]:
        """The English names a source uses that really are the body's names (garbled ones left out)."""
        return tuple(a for a in self.aliases if a not in self.garbled)


@dataclass(frozen=True)
class Collective:
    """A group named as responsible without naming a body ("member units of the Joint Conference")."""

    id: str
    name_en: str
    name_zh: str
    aliases: tuple[str, ...]
    aliases_zh: tuple[str, ...] = ()
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def names_zh(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name_zh, *self.aliases_zh)))
