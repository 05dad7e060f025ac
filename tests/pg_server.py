"""A throwaway PostgreSQL cluster for the team-mode tests and benchmarks.

Started from the server binaries of Debian's ``postgresql`` package (or any ``initdb`` on the
PATH) in a temporary folder, on a free port of 127.0.0.1, with password (SCRAM) authentication
so the tests log in as real roles. ``initdb`` refuses to run as root, so as root the cluster runs
as the ``postgres`` system user. ``ANNOTATOR_TEST_PG_URL`` points the tests at an existing
server instead (an administrator's URL).
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

ADMIN = "admin"


class NoServer(Exception):
    """Why no throwaway server can be started here (the tests skip with this reason)."""


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise NoServer("PostgreSQL is not installed (apt-get install postgresql); team-mode tests skipped")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayServer:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.port = _free_port()
        self.password = secrets.token_urlsafe(12)
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise NoServer("running as root without runuser: cannot start PostgreSQL")
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
        self.data = self.root / "data"

    @property
    def admin_url(self) -> str:
        return f"postgresql://{ADMIN}:{self.password}@127.0.0.1:{self.port}/postgres"

    def url(self, user: str, password: str, database: str) -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def start(self) -> "ThrowawayServer":
        pwfile = self.root / "pw"
        pwfile.write_text(self.password)
        if self.as_user:
            shutil.chown(pwfile, "postgres")
        self._run(["initdb", "-D", str(self.data), "-U", ADMIN, "--pwfile", str(pwfile),
                   "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8",
                   "--locale=C.UTF-8", "--no-sync"])
        pwfile.unlink()
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run(["pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"])
        return self

    def stop(self) -> None:
        try:
            self._run(["pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, command: list[str]) -> None:
        command = [*self.as_user, str(self.bin / command[0]), *command[1:]]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise NoServer(f"{command[len(self.as_user)]} failed: {done.stderr.strip() or done.stdout.strip()}")


def start_server() -> tuple[str, "ThrowawayServer | None"]:
    """An administrator's URL, and the server to stop afterwards (None for an existing one)."""
    existing = os.environ.get("ANNOTATOR_TEST_PG_URL")
    if existing:
        return existing, None
    try:
        import psycopg  # noqa: F401
    except ImportError as error:
        raise NoServer("psycopg is not installed; team-mode tests skipped") from error
    server = ThrowawayServer().start()
    return server.admin_url, server
