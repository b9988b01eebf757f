"""Read the data folder into the model, and check it."""

from __future__ import annotations

from pathlib import Path

from plansite.catalog.load import load
from plansite.catalog.model import Catalog
from plansite.catalog.problems import DataError, Problem, errors
from plansite.catalog.validate import validate


def read(data_dir: Path) -> tuple[Catalog, list[Problem]]:
    """Load and cross-check everything; raise DataError listing every error (warnings included)."""
    catalog, problems = load(data_dir)
    if not errors(problems):
        problems += validate(catalog)
    if errors(problems):
        raise DataError(problems)
    return catalog, problems
