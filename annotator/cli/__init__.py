"""The command line: a thin face over the core and storage."""
