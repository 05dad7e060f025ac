"""Connecting to a study on a PostgreSQL server, with one-line errors a researcher can act on.

psycopg is imported here, lazily: nobody who works with project files pays for it.
"""

from __future__ import annotations

from annotator.storage.errors import ProjectError

URL_PREFIXES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_S = 5


def is_server_url(text: str) -> bool:
    """True for ``postgresql://…`` (a study on a server) rather than a project file."""
    return str(text).startswith(URL_PREFIXES)


def database_of(url: str) -> str:
    from psycopg.conninfo import conninfo_to_dict

    name = conninfo_to_dict(url).get("dbname")
    if not name:
        raise ProjectError(f"{redact(url)}: name the study's database, e.g. postgresql://host/study")
    return str(name)


def with_database(url: str, database: str) -> str:
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(url)
    params["dbname"] = database
    return make_conninfo(**params)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        params = conninfo_to_dict(url)
    except Exception:
        return "the server"
    user = f"{params['user']}@" if params.get("user") else ""
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgresql://{user}{params.get('host', '')}{port}/{params.get('dbname', '')}"


def connect(url: str, *, autocommit: bool = False):
    """A psycopg connection, or a :class:`ProjectError` saying why there is none."""
    try:
        import psycopg
    except ImportError as error:
        raise ProjectError("team mode needs psycopg: pip install 'psycopg[binary]'") from error
    try:
        return psycopg.connect(url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT_S,
                               application_name="annotator")
    except psycopg.OperationalError as error:
        raise ProjectError(f"{redact(url)}: {_reason(str(error))}") from error


def _reason(message: str) -> str:
    text = message.strip().splitlines()[-1] if message.strip() else message
    lowered = message.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return "the server refused your name or password"
    if "does not exist" in lowered and "database" in lowered:
        return "no such study on this server (ask the lead to run `annotator team setup`)"
    if "permission denied for database" in lowered:
        return "you are not a member of this study"
    if "connection refused" in lowered or "could not connect" in lowered or "timeout" in lowered:
        return "the server cannot be reached (is it running, and is the address right?)"
    return text
