"""The team-mode schema on PostgreSQL: the project file's tables, the study's roles and the rules
that hold in the database itself.

Tables mirror the SQLite schema column for column (JSON stays TEXT, times stay ISO strings), so a
project moves between a file and a server without a single value changing.

Who may do what is enforced by PostgreSQL, not by the app:
- table privileges: only the lead writes the codebook (``tags``), the settings (``project``),
  the articles and the assignment; every member of the study reads them;
- row-level security on ``annotations`` and ``coder_status``: a coder writes only rows under
  their own role name (the annotator is ``current_user``, never a name typed in a box), a
  reviewer also writes the reviewed layer, and while blind coding is on a coder reads only their
  own annotations (the lead and reviewers read all);
- ``review_decisions``: written by reviewers and the lead.
The study's three group roles are named after its database (``<db>_lead``, ``<db>_coder``,
``<db>_reviewer``), so one server can hold several studies.

Every change to annotations, tags, the assignment and the settings is announced on the
``annotator_changes`` channel (table, operation, ids; never the passage), so open windows
refresh what changed.
"""

from __future__ import annotations

from dataclasses import dataclass

CHANNEL = "annotator_changes"
REVIEWED = "reviewed"  # the reviewed layer's annotator name (core.review.REVIEWED)
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class StudyRoles:
    """The group roles of one study (a database)."""

    lead: str
    coder: str
    reviewer: str

    @classmethod
    def for_database(cls, database: str) -> "StudyRoles":
        base = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in database.lower())
        return cls(f"{base}_lead", f"{base}_coder", f"{base}_reviewer")


TABLES = """
-- Search folds diacritics as the file's FTS5 index does ("cafe" finds "café"). unaccent() is
-- only STABLE (its dictionary could change); a generated column needs an IMMUTABLE function.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE OR REPLACE FUNCTION annotator_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;
CREATE TABLE IF NOT EXISTS project (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    seq BIGSERIAL UNIQUE,                  -- the import order (SQLite's rowid)
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    source_file TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    extra TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL,
    search TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', annotator_fold(title || ' ' || text))) STORED
);
-- Uncompressed: the passage check reads a slice of a long article, not the whole of it.
ALTER TABLE articles ALTER COLUMN text SET STORAGE EXTERNAL;
CREATE INDEX IF NOT EXISTS articles_search ON articles USING GIN (search);
CREATE INDEX IF NOT EXISTS articles_by_title ON articles (lower(title));
CREATE TABLE IF NOT EXISTS tags (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    colour TEXT NOT NULL,
    key TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL DEFAULT '',
    example TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL DEFAULT 0,
    retired INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS tags_by_name ON tags (lower(name));
CREATE TABLE IF NOT EXISTS annotations (
    seq BIGSERIAL UNIQUE,
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id TEXT NOT NULL REFERENCES tags(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    context_before TEXT NOT NULL DEFAULT '',
    context_after TEXT NOT NULL DEFAULT '',
    annotator TEXT NOT NULL DEFAULT current_user,
    note TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL DEFAULT '{}',
    -- Deferred: a batch may hold an annotation before the one it links to.
    linked_id TEXT REFERENCES annotations(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    reviewer TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX IF NOT EXISTS annotations_spans ON annotations (article_id, start, "end", tag_id, annotator, id);
CREATE INDEX IF NOT EXISTS annotations_by_annotator ON annotations (annotator);
CREATE INDEX IF NOT EXISTS annotations_by_tag ON annotations (tag_id);
-- A tag's passages article by article: a co-occurrence cell's partner look-up (migration 0019).
CREATE INDEX IF NOT EXISTS annotations_by_tag_article ON annotations (tag_id, article_id, start, "end", annotator);
CREATE INDEX IF NOT EXISTS annotations_by_link ON annotations (linked_id) WHERE linked_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS annotations_links_by_article ON annotations (article_id, linked_id) WHERE linked_id IS NOT NULL;
-- The passage browser's word search (storage/passage_filter_sql.search_terms), in the passage
-- and in the passage with its context: the expressions must stay the queries' own.
CREATE INDEX IF NOT EXISTS annotations_search ON annotations
    USING GIN (to_tsvector('simple', annotator_fold(text)));
CREATE INDEX IF NOT EXISTS annotations_search_context ON annotations
    USING GIN (to_tsvector('simple', annotator_fold(text || ' ' || context_before || ' ' || context_after)));
CREATE TABLE IF NOT EXISTS review_decisions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    annotator_a TEXT NOT NULL,
    annotator_b TEXT NOT NULL,
    decision TEXT NOT NULL
        CHECK (decision IN ('accept_a', 'accept_b', 'accept_both', 'reject', 'edit')),
    kind TEXT NOT NULL,
    a_annotation_id TEXT NOT NULL DEFAULT '',
    b_annotation_id TEXT NOT NULL DEFAULT '',
    result_ids TEXT NOT NULL DEFAULT '[]',
    comment TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL,
    UNIQUE (article_id, annotator_a, annotator_b, a_annotation_id, b_annotation_id)
);
CREATE TABLE IF NOT EXISTS assignments (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    coder TEXT NOT NULL,
    overlap INTEGER NOT NULL DEFAULT 0,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (coder, article_id)
);
CREATE TABLE IF NOT EXISTS coder_status (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    coder TEXT NOT NULL DEFAULT current_user,
    status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (coder, article_id)
);
"""

# Tables everyone in the study reads and only the lead writes.
LEAD_WRITES = ("project", "articles", "tags", "assignments")
SEQUENCES = ("articles_seq_seq", "annotations_seq_seq")


def functions_sql(roles: StudyRoles) -> str:
    """Helper functions the policies call; the role names are this study's."""
    return f"""
CREATE OR REPLACE FUNCTION annotator_is_lead() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT pg_has_role(current_user, '{roles.lead}', 'MEMBER') $$;
CREATE OR REPLACE FUNCTION annotator_is_reviewer() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT pg_has_role(current_user, '{roles.reviewer}', 'MEMBER') $$;
CREATE OR REPLACE FUNCTION annotator_blind() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce((SELECT value FROM project WHERE key = 'blind_coding'), '1') <> '0' $$;
CREATE OR REPLACE FUNCTION annotator_may_write(name text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT name = current_user OR (name = '{REVIEWED}' AND annotator_is_reviewer()) $$;
CREATE OR REPLACE FUNCTION annotator_may_read(name text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT name = current_user OR NOT annotator_blind() OR annotator_is_lead() OR annotator_is_reviewer() $$;
"""


def policies_sql(roles: StudyRoles) -> list[str]:
    """Grants and row-level policies, one statement each (safe to run again)."""
    everyone = f"{roles.lead}, {roles.coder}, {roles.reviewer}"
    statements = [
        f"REVOKE ALL ON {', '.join(LEAD_WRITES)}, annotations, coder_status, review_decisions FROM PUBLIC",
        f"GRANT SELECT ON {', '.join(LEAD_WRITES)} TO {everyone}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(LEAD_WRITES)} TO {roles.lead}",
        f"GRANT USAGE ON SEQUENCE articles_seq_seq TO {roles.lead}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON annotations, coder_status TO {everyone}",
        f"GRANT USAGE ON SEQUENCE annotations_seq_seq TO {everyone}",
        f"GRANT SELECT ON review_decisions TO {everyone}",
        f"GRANT INSERT, UPDATE, DELETE ON review_decisions TO {roles.reviewer}, {roles.lead}",
        "ALTER TABLE annotations ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE coder_status ENABLE ROW LEVEL SECURITY",
    ]
    for table, column in (("annotations", "annotator"), ("coder_status", "coder")):
        for name, clause in (
            ("read", f"FOR SELECT USING (annotator_may_read({column}))"),
            ("insert", f"FOR INSERT WITH CHECK (annotator_may_write({column}))"),
            ("update", f"FOR UPDATE USING (annotator_may_write({column})) WITH CHECK (annotator_may_write({column}))"),
            ("delete", f"FOR DELETE USING (annotator_may_write({column}))"),
        ):
            statements.append(f"DROP POLICY IF EXISTS {table}_{name} ON {table}")
            statements.append(f"CREATE POLICY {table}_{name} ON {table} {clause}")
    return statements


NOTIFY_SQL = f"""
CREATE OR REPLACE FUNCTION annotator_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    body jsonb;
    row_data jsonb;
BEGIN
    row_data := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    body := jsonb_build_object('table', TG_TABLE_NAME, 'op', TG_OP,
        'id', coalesce(row_data->>'id', row_data->>'key', ''),
        'article_id', coalesce(row_data->>'article_id', ''));
    PERFORM pg_notify('{CHANNEL}', body::text);
    RETURN NULL;
END $$;
"""

# The passage is a copy of the article's text at [start, end) in code points, as in the file
# format: the server refuses any other, whoever writes.
PASSAGE_CHECK_SQL = """
CREATE OR REPLACE FUNCTION annotator_check_passage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    passage text;
BEGIN
    -- substr on the column itself: with EXTERNAL storage PostgreSQL reads only the bytes
    -- up to the passage (a 200k-word article is 1.2 MB; reading it whole cost ~30 ms a tag).
    SELECT substr(a.text, NEW.start + 1, NEW."end" - NEW.start) INTO passage
        FROM articles a WHERE a.id = NEW.article_id;
    IF passage IS DISTINCT FROM NEW.text OR char_length(passage) <> NEW."end" - NEW.start THEN
        RAISE EXCEPTION 'passage does not match the article text at %-%', NEW.start, NEW."end"
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS annotations_passage ON annotations;
CREATE TRIGGER annotations_passage BEFORE INSERT OR UPDATE OF start, "end", text, article_id
    ON annotations FOR EACH ROW EXECUTE FUNCTION annotator_check_passage();
"""

# Annotations anchor to the text: it never changes once stored, on the server as in the file.
IMMUTABLE_TEXT_SQL = """
CREATE OR REPLACE FUNCTION annotator_text_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'article text is immutable' USING ERRCODE = 'integrity_constraint_violation';
END $$;
DROP TRIGGER IF EXISTS articles_text_is_immutable ON articles;
CREATE TRIGGER articles_text_is_immutable BEFORE UPDATE OF text ON articles FOR EACH ROW
    WHEN (NEW.text IS DISTINCT FROM OLD.text) EXECUTE FUNCTION annotator_text_is_immutable();
"""

NOTIFIED = ("annotations", "tags", "assignments", "project", "coder_status")


def notify_triggers_sql() -> list[str]:
    out = []
    for table in NOTIFIED:
        out.append(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        out.append(
            f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION annotator_notify()"
        )
    return out


# -- tables other parts of annotator add to the file format --------------------------------------

EXPLICIT = ("project", "articles", "tags", "annotations", "review_decisions", "assignments", "coder_status")
_SQLITE_ONLY = (" COLLATE NOCASE", " WITHOUT ROWID", " AUTOINCREMENT")
PER_CODER_COLUMNS = ("annotator", "coder")


@dataclass(frozen=True)
class DerivedTable:
    """A table of the file format this module does not spell out, carried over as SQLite has it."""

    name: str
    create: str  # CREATE TABLE, in PostgreSQL's dialect
    indexes: tuple[str, ...]
    owner_column: str | None  # the column naming whose row it is, or None: the lead's to write


def derived_tables() -> list[DerivedTable]:
    """Every table of the current file schema beyond :data:`EXPLICIT`, translated.

    Read from a fresh in-memory project, so a table a later migration adds reaches the server
    (and ``push``/``pull``) without anyone writing it twice.
    """
    from annotator.storage._sqlite_utils import Database

    from annotator.storage import migrations

    db = Database(memory=True, execute_plugins=False)
    migrations.apply(db)
    rows = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
    out = []
    # A full-text index's shadow tables (NAME_data, NAME_idx...) are SQLite's own: not carried.
    shadows = tuple(f"{name}_" for kind, name, _t, sql_text in rows
                    if kind == "table" and "VIRTUAL TABLE" in sql_text.upper())
    for kind, name, table, sql_text in rows:
        if kind != "table" or name in EXPLICIT or name in migrations.FILE_ONLY_TABLES \
                or name.startswith(("sqlite_", "_sqlite_", "articles_fts", *shadows)):
            continue
        if "VIRTUAL TABLE" in sql_text.upper():
            continue
        columns = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")')]
        indexes = tuple(
            _to_postgres(i_sql).replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)
            .replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", 1)
            for i_kind, _n, i_table, i_sql in rows if i_kind == "index" and i_table == name
        )
        owner = next((c for c in PER_CODER_COLUMNS if c in columns), None)
        create = _to_postgres(sql_text).replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1)
        # SQLite's rowid (the order rows came in, which stores sort by) as a column of its own.
        create = create.replace("(", "(\n    seq BIGSERIAL,", 1)
        out.append(DerivedTable(name, create, indexes, owner))
    db.close()
    return out


def _to_postgres(sql_text: str) -> str:
    for phrase in _SQLITE_ONLY:
        sql_text = sql_text.replace(phrase, "").replace(phrase.lower(), "")
    return sql_text


def derived_policies_sql(table: DerivedTable, roles: StudyRoles) -> list[str]:
    """Grants and policies for a derived table: own rows for per-coder tables, else the lead's."""
    everyone = f"{roles.lead}, {roles.coder}, {roles.reviewer}"
    name = table.name
    statements = [f"REVOKE ALL ON {name} FROM PUBLIC", f"GRANT SELECT ON {name} TO {everyone}"]
    if table.owner_column is None:
        return statements + [f"GRANT INSERT, UPDATE, DELETE ON {name} TO {roles.lead}",
                             f"GRANT USAGE ON SEQUENCE {name}_seq_seq TO {roles.lead}"]
    column = table.owner_column
    statements += [f"GRANT INSERT, UPDATE, DELETE ON {name} TO {everyone}",
                   f"GRANT USAGE ON SEQUENCE {name}_seq_seq TO {everyone}",
                   f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY"]
    for verb, clause in (
        ("read", f"FOR SELECT USING (annotator_may_read({column}))"),
        ("insert", f"FOR INSERT WITH CHECK (annotator_may_write({column}))"),
        ("update", f"FOR UPDATE USING (annotator_may_write({column})) WITH CHECK (annotator_may_write({column}))"),
        ("delete", f"FOR DELETE USING (annotator_may_write({column}))"),
    ):
        statements.append(f"DROP POLICY IF EXISTS {name}_{verb} ON {name}")
        statements.append(f"CREATE POLICY {name}_{verb} ON {name} {clause}")
    return statements
