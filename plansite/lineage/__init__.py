"""Lineage between editions of a plan series: propose, check, and what changed."""
