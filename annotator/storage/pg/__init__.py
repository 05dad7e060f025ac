"""Team mode: a study stored on a PostgreSQL server (see :mod:`annotator.storage.pg.schema`)."""
