"""plansite: a bilingual reference website built from a policy plan's structured data."""

# jieba user dictionaries already loaded in this process. Loading one twice shifts jieba's word
# frequencies, and so its segmentation: two builds in one process must give the same bytes.
JIEBA_DICTS_LOADED: set[str] = set()
