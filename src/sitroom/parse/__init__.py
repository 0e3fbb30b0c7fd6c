"""Before the extractors: language, page furniture, the spaCy parse."""
