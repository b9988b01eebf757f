"""Alias resolution: every alias maps to its body; longest match keeps names with 'and' and commas whole."""

from __future__ import annotations

import pytest

from plansite.catalog.clause_en import AliasIndex, UnknownName
from tests.conftest import bundled

CATALOG = bundled()[0]
INDEX = AliasIndex(CATALOG.departments, CATALOG.collectives)
ALIASES = [(d.id, a) for d in CATALOG.departments for a in d.aliases]


@pytest.mark.parametrize(("dept_id", "alias"), ALIASES, ids=[a for _, a in ALIASES])
def test_every_alias_maps_to_its_body(dept_id: str, alias: str) -> None:
    assert INDEX.resolve(alias) == ("department", dept_id)
    assert INDEX.parse(f"The {alias} is responsible").departments == (dept_id,)


def test_names_containing_and_and_commas_stay_whole() -> None:
    clause = INDEX.parse(
        "The Ministry of Agriculture and Rural Affairs, the State Administration of Science, "
        "Technology and Industry for National Defense and the Ministry of Finance are responsible"
    )
    assert clause.departments == ("mara", "sastind", "mof")


def test_case_and_apostrophes_do_not_matter() -> None:
    assert INDEX.parse("supreme people's court, THE PEOPLE’S BANK OF CHINA").departments == ("spc", "pbc")


def test_clause_flags() -> None:
    clause = INDEX.parse(
        "The Central Propaganda Department, the State Administration of State Administration and other "
        "units are responsible according to their respective responsibilities"
    )
    assert clause.departments == ("publicity-department", "ngoa")
    assert clause.respective_duties and clause.and_others
    plain = INDEX.parse("National Forestry and Grassland Administration, People’s Bank of China")
    assert plain.departments == ("nfga", "pbc") and not plain.respective_duties and not plain.and_others


def test_collectives_are_kept_apart() -> None:
    clause = INDEX.parse(
        "National Intellectual Property Administration and relevant member units of the Joint Conference are responsible"
    )
    assert clause.departments == ("cnipa",)
    assert clause.collectives == ("joint-conference-relevant-members",)


def test_unknown_name_fails_with_the_closest_aliases() -> None:
    with pytest.raises(UnknownName) as caught:
        INDEX.parse("The Ministry of Agriculture and the Ministry of Justice are responsible")
    assert caught.value.name == "Ministry of Agriculture"
    assert caught.value.suggestions[0] == "Ministry of Agriculture and Rural Affairs"


def test_a_name_is_never_invented_from_a_partial_match() -> None:
    with pytest.raises(UnknownName) as caught:
        INDEX.parse("The Ministry of Justice Reform Office is responsible")
    assert caught.value.name == "Ministry of Justice Reform Office"


def test_official_english_names_and_abbreviations_resolve_for_other_publishers() -> None:
    clause = INDEX.parse(
        "Responsible by China National Intellectual Property Administration, MOJ, and the Supreme People's Court"
    )
    assert clause.departments == ("cnipa", "moj", "spc")
    for d in CATALOG.departments:
        assert INDEX.resolve(d.name_en) == ("department", d.id)
        if d.abbr:
            assert INDEX.resolve(d.abbr) == ("department", d.id)
