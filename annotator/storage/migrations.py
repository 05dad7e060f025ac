"""The project schema, written once as numbered migrations.

Each migration runs in its own transaction together with the record that it ran
(sqlite-utils' ``Migrations``). Never edit a migration that has shipped: add the next number.
``PRAGMA user_version`` mirrors the number of migrations applied, so a file made by a newer
annotator is recognised before anything is written to it.
"""

from __future__ import annotations

import sqlite3

from annotator.storage._sqlite_utils import Database, Migrations

MIGRATION_SET = "annotator"
migrations = Migrations(MIGRATION_SET)
# Tables a project file derives from its other tables and keeps for itself: a study's server
# does not carry them, and ``push``/``pull`` leave them out (the file's triggers refill them).
FILE_ONLY_TABLES = ("passage_tally",)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE project (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE articles (
            id TEXT PRIMARY KEY,              -- SHA-256 of the normalised text
            title TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            source_file TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'done')),
            extra TEXT NOT NULL DEFAULT '{}', -- JSON: metadata the source had that we do not map
            text TEXT NOT NULL
        );
        -- Annotations anchor to the text: it must never change once stored.
        CREATE TRIGGER articles_text_is_immutable BEFORE UPDATE OF text ON articles
        WHEN NEW.text IS NOT OLD.text
        BEGIN SELECT RAISE(ABORT, 'article text is immutable'); END;

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (NEW.rowid, NEW.title, NEW.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', OLD.rowid, OLD.title, OLD.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', OLD.rowid, OLD.title, OLD.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (NEW.rowid, NEW.title, NEW.text);
        END;

        CREATE TABLE tags (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            colour TEXT NOT NULL,
            key TEXT NOT NULL DEFAULT '',
            definition TEXT NOT NULL DEFAULT '',
            example TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL DEFAULT '[]', -- JSON list of {name, type, choices}
            position INTEGER NOT NULL DEFAULT 0,
            retired INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE annotations (
            id TEXT PRIMARY KEY,              -- UUID
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            tag_id TEXT NOT NULL REFERENCES tags(id),
            start INTEGER NOT NULL,           -- code points, 0-based
            "end" INTEGER NOT NULL,           -- code points, exclusive
            text TEXT NOT NULL,               -- copy of the passage: exports check themselves
            context_before TEXT NOT NULL DEFAULT '',
            context_after TEXT NOT NULL DEFAULT '',
            annotator TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL DEFAULT '{}', -- JSON: the tag's field values
            linked_id TEXT REFERENCES annotations(id) ON DELETE SET NULL,
            reviewer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX annotations_by_article ON annotations(article_id, start);
        CREATE INDEX annotations_by_annotator ON annotations(annotator);
        CREATE INDEX annotations_by_tag ON annotations(tag_id);
        """
    )


@migrations(name="0002_review")
def _review(db: Database) -> None:
    """A reviewer's decisions on the differences between two coders (the reviewed layer's
    annotations themselves live in ``annotations`` under annotator 'reviewed')."""
    _run_script(
        db,
        """
        CREATE TABLE review_decisions (
            id TEXT PRIMARY KEY,              -- UUID
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            annotator_a TEXT NOT NULL,
            annotator_b TEXT NOT NULL,
            decision TEXT NOT NULL
                CHECK (decision IN ('accept_a', 'accept_b', 'accept_both', 'reject', 'edit')),
            kind TEXT NOT NULL,               -- the difference settled: agree, a_only, ...
            a_annotation_id TEXT NOT NULL DEFAULT '',  -- '' when A had nothing there
            b_annotation_id TEXT NOT NULL DEFAULT '',
            result_ids TEXT NOT NULL DEFAULT '[]',     -- JSON: reviewed annotations written
            comment TEXT NOT NULL DEFAULT '',
            decided_at TEXT NOT NULL,
            -- One decision per difference; a new decision replaces the old one.
            UNIQUE (article_id, annotator_a, annotator_b, a_annotation_id, b_annotation_id)
        );
        CREATE INDEX review_decisions_by_pair ON review_decisions(annotator_a, annotator_b, article_id);
        """
    )


@migrations(name="0003_covering_span_index")
def _covering_span_index(db: Database) -> None:
    # Opening a long article reads every span of it; with the columns the highlighter needs in
    # the index, SQLite never visits the table (20,000 spans: ~70 ms -> ~22 ms). It starts with
    # (article_id, start), so it also serves every query the old index served.
    _run_script(
        db,
        """
        CREATE INDEX annotations_spans
            ON annotations(article_id, start, "end", tag_id, annotator, id);
        DROP INDEX annotations_by_article;
        """,
    )


@migrations(name="0004_corpus_sort_indexes")
def _corpus_sort_indexes(db: Database) -> None:
    # The corpus list sorts and pages 100,000 articles by these columns: without an index each
    # page scans the whole table (200-550 ms); with one, 2-14 ms.
    _run_script(
        db,
        """
        CREATE INDEX articles_by_title ON articles(title COLLATE NOCASE);
        CREATE INDEX articles_by_outlet ON articles(outlet COLLATE NOCASE);
        CREATE INDEX articles_by_published ON articles(published);
        CREATE INDEX articles_by_status ON articles(status);
        """,
    )


@migrations(name="0005_link_index")
def _link_index(db: Database) -> None:
    """An index on ``annotations.linked_id``. Deleting an annotation makes SQLite look for the
    annotations linking to it (ON DELETE SET NULL), and so does the delete operation, which
    remembers those links for undo: without the index each is a scan of every annotation
    (undoing an autocode of 10,000 passages took 16 s of CPU; with it, well under one)."""
    _run_script(db, "CREATE INDEX annotations_by_link ON annotations(linked_id);")


@migrations(name="0007_search_index_per_batch")
def _search_index_per_batch(db: Database) -> None:
    # The full-text index was filled by a trigger, one row at a time; the article store now
    # indexes each batch it stores with one INSERT ... SELECT in the same transaction, which
    # costs about a third less CPU on a bulk import (10,000 articles of ~3 KB: measured with
    # benchmarks/bench_import.py). Deleting and retitling still go through their triggers.
    _run_script(db, "DROP TRIGGER articles_fts_insert;")


@migrations(name="0009_article_variables")
def _article_variables(db: Database) -> None:
    """Article-level variables (codebook entries beside the tags) and each coder's values.

    A value row exists only while a variable is set: unset is the absence of a row, which is
    what Krippendorff's alpha treats as missing. List values store option ids (see
    ``core/variables.py``), so renaming an option keeps every coding."""
    _run_script(
        db,
        """
        CREATE TABLE variables (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            type TEXT NOT NULL
                CHECK (type IN ('one-of', 'several-of', 'scale', 'number', 'yes-no', 'text')),
            level TEXT NOT NULL CHECK (level IN ('nominal', 'ordinal', 'interval', 'ratio')),
            options TEXT NOT NULL DEFAULT '[]',  -- JSON list of {id, label}, scale order
            definition TEXT NOT NULL DEFAULT '',
            example TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            retired INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE article_values (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            variable_id TEXT NOT NULL REFERENCES variables(id),
            annotator TEXT NOT NULL,
            value TEXT NOT NULL,       -- option id, JSON list of ids, number, yes/no or text
            reviewer TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (article_id, variable_id, annotator)
        ) WITHOUT ROWID;
        -- "Articles where variable = value" (the passage browser's filter) and agreement reads.
        CREATE INDEX article_values_by_variable ON article_values(variable_id, value, annotator);
        """,
    )


@migrations(name="0010_suggestions")
def _suggestions(db: Database) -> None:
    """Suggestions: what each coder rejected (it never comes back for them in that article),
    the terms a project adds to the sensational-language lexicon, and the suggestions a
    corpus-wide run found (read back when an article opens; ``fingerprint`` names the settings,
    lexicon and rules they came from, so a change of any of them makes them stale)."""
    _run_script(
        db,
        """
        CREATE TABLE suggestion_rejections (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            rejected_at TEXT NOT NULL,
            PRIMARY KEY (article_id, annotator, tag_id, start, "end")
        );
        CREATE TABLE lexicon_terms (
            term TEXT PRIMARY KEY COLLATE NOCASE,
            weight REAL NOT NULL DEFAULT 0.7 CHECK (weight >= 0 AND weight <= 1),
            added_by TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        );
        CREATE TABLE stored_suggestions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            tag TEXT NOT NULL,                -- the tag's name when found
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            confidence REAL NOT NULL,
            rule TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL DEFAULT '{}',  -- JSON
            link TEXT NOT NULL DEFAULT ''       -- JSON [tag, start, end] or ''
        );
        CREATE INDEX stored_suggestions_by_article ON stored_suggestions(article_id, start);
        CREATE TABLE suggestion_runs (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            found INTEGER NOT NULL
        );
        """,
    )


@migrations(name="0011_passage_browser")
def _passage_browser(db: Database) -> None:
    # The coded-passage browser on 1,000,000 annotations (benchmarks/bench_passages.py):
    # - word search in passages and their context through a full-text index, as the corpus
    #   list searches articles (a LIKE scan: 0.6-2.6 s; the index: milliseconds);
    # - the passage and note orders walk an index instead of sorting every row (1.5 s -> ms);
    # - counts and charts by outlet, date or status read each article's metadata and id from
    #   a small covering index instead of the article rows, which hold the whole text;
    # - charts per 1,000 words need each article's word count: counting 100,000 texts takes
    #   seconds, so the first such chart counts them once and keeps them (a text never changes).
    _run_script(
        db,
        """
        CREATE VIRTUAL TABLE annotations_fts USING fts5(
            text, context_before, context_after, content='annotations', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO annotations_fts(annotations_fts) VALUES ('rebuild');
        CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
            INSERT INTO annotations_fts(rowid, text, context_before, context_after)
            VALUES (NEW.rowid, NEW.text, NEW.context_before, NEW.context_after);
        END;
        CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
            INSERT INTO annotations_fts(annotations_fts, rowid, text, context_before, context_after)
            VALUES ('delete', OLD.rowid, OLD.text, OLD.context_before, OLD.context_after);
        END;
        CREATE TRIGGER annotations_fts_update AFTER UPDATE OF text, context_before, context_after
        ON annotations BEGIN
            INSERT INTO annotations_fts(annotations_fts, rowid, text, context_before, context_after)
            VALUES ('delete', OLD.rowid, OLD.text, OLD.context_before, OLD.context_after);
            INSERT INTO annotations_fts(rowid, text, context_before, context_after)
            VALUES (NEW.rowid, NEW.text, NEW.context_before, NEW.context_after);
        END;
        CREATE INDEX annotations_by_text ON annotations(text COLLATE NOCASE);
        CREATE INDEX annotations_by_note ON annotations(note COLLATE NOCASE);
        CREATE INDEX articles_metadata ON articles(outlet COLLATE NOCASE, published, status, id);
        CREATE TABLE article_words (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            words INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
    )


@migrations(name="0012_assignments")
def _assignments(db: Database) -> None:
    """Who codes which article (a team's split and its reliability sample), and how far each
    coder has come with each article, as brought back from their project files."""
    _run_script(
        db,
        """
        CREATE TABLE assignments (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            coder TEXT NOT NULL,
            overlap INTEGER NOT NULL DEFAULT 0,   -- 1: in the reliability sample
            assigned_at TEXT NOT NULL,
            PRIMARY KEY (coder, article_id)
        );
        CREATE INDEX assignments_by_article ON assignments(article_id);
        CREATE TABLE coder_status (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            coder TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (coder, article_id)
        );
        """,
    )


@migrations(name="0013_annotation_relations")
def _annotation_relations(db: Database) -> None:
    """Typed relations between annotations, as many per annotation as other tools make (brat
    ``R`` lines, doccano and Label Studio relations). ``annotations.linked_id`` stays the one
    link the window shows; this keeps every relation, with its type, for exports."""
    _run_script(
        db,
        """
        CREATE TABLE annotation_relations (
            source_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            target_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            type TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (source_id, target_id, type)
        );
        CREATE INDEX annotation_relations_by_target ON annotation_relations(target_id);
        """,
    )


@migrations(name="0014_article_memos")
def _article_memos(db: Database) -> None:
    """Each coder's memo on an article (several lines of free text). Keyed by coder like
    annotations, so a team server keeps each coder's to themselves while coding is blind; an
    empty memo is no row."""
    _run_script(
        db,
        """
        CREATE TABLE article_memos (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            memo TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (article_id, annotator)
        );
        """,
    )


@migrations(name="0015_applied_operations")
def _applied_operations(db: Database) -> None:
    """The id of every edit a coder sent to a team study, written in the edit's own transaction.

    An edit whose COMMIT reached the server but whose acknowledgement was lost looks unsent to
    the window; before sending it again, annotator asks here whether that id is already stored,
    so each edit is applied exactly once (``actions/unsent.py``). On a server the ``coder``
    column gives the table per-coder row security, like every other per-coder table."""
    _run_script(
        db,
        """
        CREATE TABLE applied_operations (
            id TEXT PRIMARY KEY,
            coder TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            applied_at TEXT NOT NULL
        );
        """,
    )


@migrations(name="0016_passage_counts")
def _passage_counts(db: Database) -> None:
    """The passage browser's counts on 1,000,000 annotations (benchmarks/bench_passages.py): a
    tag's passages with their fields, coder and position in one covering index, so a count by
    field value (speaker = ...) or of a co-occurrence cell's articles reads the index alone
    instead of a quarter of the annotation rows (0.4-0.6 s -> 0.1 s for a field's count). It
    costs about 200 bytes per annotation; the (tag_id) index stays for the walk by tag in
    rowid order that the browser's tag sort pages along."""
    db.execute(
        'CREATE INDEX annotations_by_tag_covering ON annotations(tag_id, fields, annotator, article_id, start, "end", id)'
    )


@migrations(name="0017_links_by_article")
def _links_by_article(db: Database) -> None:
    """An article's links, read each time it opens (the window's link cues): without this
    small partial index SQLite visits every annotation row of the article for its
    ``linked_id`` (23 ms on a 20,000-annotation article, a third of opening it); with it the
    few linking rows are read from the index alone."""
    db.execute(
        "CREATE INDEX annotations_links_by_article ON annotations(article_id, linked_id) WHERE linked_id IS NOT NULL"
    )


@migrations(name="0018_passage_tally")
def _passage_tally(db: Database) -> None:
    """How many passages each article holds by tag and coder, kept by triggers, for the passage
    browser's counts and the figures on 1,000,000 annotations (benchmarks/bench_passages.py):
    721,000 narrow rows keyed by the article's rowid instead of a million 150-byte index
    entries keyed by its 64-character id (the articles of a tag: 270 ms -> 60 ms; a figure's
    numbers by tag: 0.7 s -> 0.2 s). The triggers see every write to ``annotations`` (adding,
    deleting, retagging, undo, merges, imports, pulls, the reviewed layer), so no edit path
    can forget it; ``annotator check`` compares it with the annotations. An article's
    deletion drops its rows first, whether or not the cascade's annotation triggers still
    find the article. The file keeps it for itself: a study's server has no such table
    (row-level security would have to hide other coders' counts), so the same queries there
    read the annotations (``passage_filter_sql.tally_serves``)."""
    _run_script(
        db,
        """
        CREATE TABLE passage_tally (
            article_key INTEGER NOT NULL,     -- the article's rowid
            tag_id TEXT NOT NULL,
            annotator TEXT NOT NULL,
            n INTEGER NOT NULL CHECK (n > 0),
            PRIMARY KEY (article_key, tag_id, annotator)
        ) WITHOUT ROWID;
        INSERT INTO passage_tally (article_key, tag_id, annotator, n)
            SELECT ar.rowid, a.tag_id, a.annotator, count(*) FROM annotations a
            JOIN articles ar ON ar.id = a.article_id GROUP BY ar.rowid, a.tag_id, a.annotator;
        CREATE TRIGGER passage_tally_insert AFTER INSERT ON annotations BEGIN
            INSERT INTO passage_tally (article_key, tag_id, annotator, n)
                SELECT rowid, NEW.tag_id, NEW.annotator, 1 FROM articles WHERE id = NEW.article_id
                ON CONFLICT (article_key, tag_id, annotator) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER passage_tally_delete AFTER DELETE ON annotations BEGIN
            DELETE FROM passage_tally WHERE n = 1 AND tag_id = OLD.tag_id AND annotator = OLD.annotator
                AND article_key = (SELECT rowid FROM articles WHERE id = OLD.article_id);
            UPDATE passage_tally SET n = n - 1 WHERE tag_id = OLD.tag_id AND annotator = OLD.annotator
                AND article_key = (SELECT rowid FROM articles WHERE id = OLD.article_id);
        END;
        CREATE TRIGGER passage_tally_update AFTER UPDATE OF article_id, tag_id, annotator ON annotations
        WHEN OLD.article_id IS NOT NEW.article_id OR OLD.tag_id IS NOT NEW.tag_id
            OR OLD.annotator IS NOT NEW.annotator
        BEGIN
            DELETE FROM passage_tally WHERE n = 1 AND tag_id = OLD.tag_id AND annotator = OLD.annotator
                AND article_key = (SELECT rowid FROM articles WHERE id = OLD.article_id);
            UPDATE passage_tally SET n = n - 1 WHERE tag_id = OLD.tag_id AND annotator = OLD.annotator
                AND article_key = (SELECT rowid FROM articles WHERE id = OLD.article_id);
            INSERT INTO passage_tally (article_key, tag_id, annotator, n)
                SELECT rowid, NEW.tag_id, NEW.annotator, 1 FROM articles WHERE id = NEW.article_id
                ON CONFLICT (article_key, tag_id, annotator) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER passage_tally_article_delete BEFORE DELETE ON articles BEGIN
            DELETE FROM passage_tally WHERE article_key = OLD.rowid;
        END;
        """,
    )


@migrations(name="0019_tag_passages_by_article")
def _tag_passages_by_article(db: Database) -> None:
    """Migration 0016's covering index with the article before the fields: (tag_id, article_id,
    start, end, annotator, fields, id). Its fields column never served a seek (a field's value
    is read with json_extract), so a count by field value reads it as before; in this order a
    tag's passages also come article by article, so a co-occurrence cell walks the row tag's
    passages alone (not every passage) and finds each one's partners of the column tag with a
    seek on (tag, article, start) among a few entries (the cell's count on a million
    passages: 360 ms -> 210 ms). Same size as the index it replaces."""
    _run_script(
        db,
        """
        CREATE INDEX annotations_by_tag_article
            ON annotations(tag_id, article_id, start, "end", annotator, fields, id);
        DROP INDEX annotations_by_tag_covering;
        """,
    )


def _run_script(db: Database, script: str) -> None:
    """Run a script statement by statement: ``executescript`` would commit the transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement!r}")


def schema_version() -> int:
    """The number of migrations this version of annotator knows."""
    return len(migrations._migrations)


def applied_names(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def apply(db: Database) -> None:
    """Bring ``db`` up to the current schema; write nothing when it is already current."""
    if not migrations.pending(db):
        return
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {len(applied_names(db))}")


def pending_names(db: Database) -> list[str]:
    """The migrations ``db`` still needs (reads only)."""
    return [m.name for m in migrations.pending(db)]

