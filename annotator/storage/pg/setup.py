"""Setting up a study on a PostgreSQL server: the database, the study's roles, each person's
login role, the tables and the rules (see :mod:`annotator.storage.pg.schema`).

Run once by an administrator (a role that may create databases and roles); running it again
adds the people named and leaves everything else as it was. Passwords are set only for new login
roles: a server that authenticates otherwise (certificates, Kerberos) simply ignores them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from annotator.core.model import now_iso
from annotator.storage.pg.connection import connect, database_of, with_database
from annotator.storage.pg.schema import (
    IMMUTABLE_TEXT_SQL,
    NOTIFY_SQL,
    PASSAGE_CHECK_SQL,
    SCHEMA_VERSION,
    TABLES,
    StudyRoles,
    derived_policies_sql,
    derived_tables,
    functions_sql,
    notify_triggers_sql,
    policies_sql,
)


@dataclass
class StudySetup:
    """What :func:`set_up_study` did: the new login roles and their passwords."""

    database: str
    roles: StudyRoles
    created_logins: dict[str, str] = field(default_factory=dict)  # role -> password
    existing_logins: list[str] = field(default_factory=list)


def set_up_study(admin_url: str, *, lead: str, coders: list[str], reviewers: list[str] = (),
                 passwords: dict[str, str] | None = None) -> StudySetup:
    """Create (or complete) the study named by ``admin_url``'s database."""
    from psycopg import sql

    database = database_of(admin_url)
    roles = StudyRoles.for_database(database)
    passwords = dict(passwords or {})
    result = StudySetup(database, roles)
    with connect(with_database(admin_url, "postgres"), autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone() is None:
            admin.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(database)))
        for group in (roles.lead, roles.coder, roles.reviewer):
            if not _role_exists(admin, group):
                admin.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
        people = [(lead, [roles.lead, roles.coder])] + [(c, [roles.coder]) for c in coders] + [
            (r, [roles.reviewer]) for r in reviewers
        ]
        for person, groups in people:
            if _role_exists(admin, person):
                result.existing_logins.append(person)
            else:
                password = passwords.get(person) or secrets.token_urlsafe(12)
                admin.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(person), sql.Literal(password)))
                result.created_logins[person] = password
            for group in groups:
                admin.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(person)))
        db = sql.Identifier(database)
        admin.execute(sql.SQL("REVOKE CONNECT ON DATABASE {} FROM PUBLIC").format(db))
        admin.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}, {}, {}").format(
            db, *(sql.Identifier(g) for g in (roles.lead, roles.coder, roles.reviewer))))
    with connect(admin_url) as study:
        with study.transaction():
            install_schema(study, roles)
    return result


def install_schema(conn, roles: StudyRoles) -> None:
    """Tables, checks, notifications, grants and policies; safe to run again."""
    conn.execute(TABLES)
    conn.execute(PASSAGE_CHECK_SQL)
    conn.execute(IMMUTABLE_TEXT_SQL)
    conn.execute(functions_sql(roles))
    conn.execute(NOTIFY_SQL)
    for statement in notify_triggers_sql() + policies_sql(roles):
        conn.execute(statement)
    for table in derived_tables():
        conn.execute(table.create)
        for statement in (*table.indexes, *derived_policies_sql(table, roles)):
            conn.execute(statement)
    stamp = now_iso()
    # No blind_coding row: blind coding is on until the lead turns it off (annotator_blind()).
    for key, value in (("pg_schema_version", str(SCHEMA_VERSION)), ("created_at", stamp)):
        conn.execute("INSERT INTO project(key, value) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING", [key, value])


def _role_exists(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone() is not None
