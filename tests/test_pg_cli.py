"""The command line on a server study: team setup, push, pull, and commands given a URL."""

from __future__ import annotations

import json

import pytest

from annotator.cli.main import main
from annotator.core.model import NewArticle
from annotator.storage import Project

pytest.importorskip("psycopg")


def url_for(admin_url: str, database: str, user: str | None = None, password: str | None = None) -> str:
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(admin_url)
    params["dbname"] = database
    if user:
        params.update(user=user, password=password)
    return make_conninfo(**params)


def as_url(conninfo: str) -> str:
    """A conninfo string as the postgresql:// URL a researcher types."""
    from psycopg.conninfo import conninfo_to_dict

    p = conninfo_to_dict(conninfo)
    auth = p["user"] + (f":{p['password']}" if p.get("password") else "")
    return f"postgresql://{auth}@{p['host']}:{p['port']}/{p['dbname']}"


def test_setup_push_info_pull_from_the_command_line(tmp_path, capsys, pg_admin_url):
    import uuid

    database = f"cli_{uuid.uuid4().hex[:8]}"
    admin = as_url(url_for(pg_admin_url, database))
    lead = f"lead_{uuid.uuid4().hex[:6]}"
    assert main(["team", "setup", admin, "--lead", lead, "--coder", f"c_{lead}", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)["created"]
    assert set(created) == {lead, f"c_{lead}"} and all(len(p) >= 12 for p in created.values())

    with Project.create(tmp_path / "study.annotator") as project:
        project.articles.add(NewArticle(text="Fictional: officials said the road would close.", title="Road"))
    assert main(["push", str(tmp_path / "study.annotator"), admin]) == 0
    assert "1 articles, 0 annotations, 4 tags" in capsys.readouterr().out

    coder = as_url(url_for(pg_admin_url, database, f"c_{lead}", created[f"c_{lead}"]))
    assert main(["info", coder, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["articles"] == 1 and info["annotations"] == 0

    assert main(["pull", admin, str(tmp_path / "back.annotator")]) == 0
    with Project.open(tmp_path / "back.annotator") as back:
        assert [a.title for a in back.articles.iter_all()] == ["Road"]


def test_a_wrong_password_is_one_line(capsys, pg_admin_url):
    bad = as_url(url_for(pg_admin_url, "postgres", "admin", "wrong"))
    assert main(["info", bad]) == 2
    err = capsys.readouterr().err
    assert "refused your name or password" in err and "Traceback" not in err and "wrong" not in err


def test_setup_refuses_a_file_path(capsys):
    assert main(["team", "setup", "study.annotator", "--lead", "x"]) == 2
    assert "postgresql://" in capsys.readouterr().err
