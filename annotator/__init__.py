"""annotator: tag passages in news articles, export the corpus, compare coders."""

__version__ = "0.1.0"
