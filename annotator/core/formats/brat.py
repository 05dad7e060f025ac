"""brat standoff folders: ``ID.txt`` + ``ID.ann`` per article, ``annotation.conf`` for the codebook.

The writer is :mod:`brat_writer`, the reader :mod:`brat_reader`, labels and attributes
:mod:`brat_conf`.
"""

from annotator.core.formats.brat_reader import read_brat
from annotator.core.formats.brat_writer import write_brat

__all__ = ["write_brat", "read_brat"]
