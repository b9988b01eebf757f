"""Importers: a plan's published text into the data folder (kept apart from the build)."""
