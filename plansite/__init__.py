"""plansite: a bilingual reference website built from a policy plan's structured data."""
