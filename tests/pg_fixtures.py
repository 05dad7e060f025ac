"""A fresh study on the throwaway server: a lead, two coders and a reviewer, real logins."""

from __future__ import annotations

import uuid
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

    def connect(self, person: str):
        import psycopg

        return psycopg.connect(self.url(person), autocommit=True)


@pytest.fixture
def study(pg_admin_url) -> Study:
    database = f"study_{uuid.uuid4().hex[:10]}"
    url = with_database(pg_admin_url, database)
    set_up_study(url, lead="lena", coders=["ana", "ben"], reviewers=["rita"], passwords=PASSWORDS)
    return Study(url, database)
