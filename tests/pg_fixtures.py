"""A fresh study on the throwaway server: a lead, two coders and a reviewer, real logins."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from annotator.storage.pg.connection import with_database
from annotator.storage.pg.setup import set_up_study

PEOPLE = {"lena": "lead", "ana": "coder", "ben": "coder", "rita": "reviewer"}
PASSWORDS = {name: f"{name}-secret-pw" for name in PEOPLE}


@dataclass
class Study:
    admin_url: str  # the administrator, on the study's database
    database: str

    def url(self, person: str, password: str | None = None) -> str:
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        params = conninfo_to_dict(self.admin_url)
        params.update(user=person, password=password or PASSWORDS[person])
        return make_conninfo(**params)

    def postgres_url(self, person: str) -> str:
        """The ``postgresql://`` URL a researcher types for ``person``."""
        from psycopg.conninfo import conninfo_to_dict

        params = conninfo_to_dict(self.url(person))
        return (f"postgresql://{params['user']}:{params['password']}@{params['host']}:{params['port']}"
                f"/{params['dbname']}")

    def connect(self, person: str):
        import psycopg

        return psycopg.connect(self.url(person), autocommit=True)


@pytest.fixture
def study(pg_admin_url) -> Study:
    database = f"study_{uuid.uuid4().hex[:10]}"
    url = with_database(pg_admin_url, database)
    set_up_study(url, lead="lena", coders=["ana", "ben"], reviewers=["rita"], passwords=PASSWORDS)
    return Study(url, database)


@pytest.fixture(scope="session")
def storage_study(pg_admin_url) -> str:
    """One study for the storage tests, emptied before each (creating a database is slow)."""
    url = with_database(pg_admin_url, f"storage_{uuid.uuid4().hex[:8]}")
    set_up_study(url, lead="lena", coders=["ana", "ben"], reviewers=["rita"], passwords=PASSWORDS)
    return url


@pytest.fixture(name="project", params=["file", "server"])
def project_on_both_backends(request):
    """The storage tests' ``project`` on both backends: an in-memory project file, and a study
    on the server opened as its administrator (the tables' owner: storage behaviour, not the
    study's rules, is under test here; tests/test_pg_rules.py proves those)."""
    from annotator.core.codebook import news_codebook
    from annotator.storage import Project

    if request.param == "file":
        with Project.in_memory() as project:
            yield project
        return
    pytest.importorskip("psycopg")
    from annotator.storage.pg.project import ServerProject

    url = request.getfixturevalue("storage_study")
    with ServerProject.open(url) as project:
        tables = [r[0] for r in project.db.pg.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'project'")]
        project.db.pg.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        for tag in news_codebook():
            project.codebook.add(tag)
        yield project


@contextmanager
def file_or_server(request, tmp_path, seed):
    """The same seeded project on the backend ``request.param`` names: a project file, or a
    study on the server pushed from that file and opened as the coder ``ana``.

    ``seed(path)`` creates and returns the seeded project file."""
    if request.param == "file":
        with seed(tmp_path / "study.annotator") as project:
            yield project
        return
    pytest.importorskip("psycopg")
    server_study = request.getfixturevalue("study")
    from annotator.storage.pg.project import ServerProject
    from annotator.storage.pg.transfer import push

    seed(tmp_path / "study.annotator").close()
    push(tmp_path / "study.annotator", server_study.admin_url)
    with ServerProject.open(server_study.url("ana")) as project:
        yield project
