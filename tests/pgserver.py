"""A throwaway PostgreSQL server for the tests and the benchmark: a new cluster in a temporary folder,
listening on 127.0.0.1 on a free port, with trust authentication, removed when stopped.

Standard library only, so that ``.ci/run`` can start it with the system's python3 before the
project's virtual environment exists:

    eval "$(python3 tests/pgserver.py start)"      # exports TEST_POSTGRES_URL and TEST_POSTGRES_DIR
    python3 tests/pgserver.py stop "$TEST_POSTGRES_DIR"

As root (CI), the cluster is made and run by the ``postgres`` user (PostgreSQL refuses to run as
root). The server binaries are found on PATH or in Debian's ``/usr/lib/postgresql/<version>/bin``.
"""

from __future__ import annotations

import glob
import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
USER = "postgres"  # the database superuser the tests connect as


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server could be started here; the message says why."""


@dataclass(frozen=True)
class Server:
    url: str  # SQLAlchemy URL of the ``postgres`` database, e.g. postgresql+psycopg://postgres@127.0.0.1:5433/postgres
    folder: str  # the cluster's data lives in folder/data; removed by stop()


def _binaries() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if not versions:
        raise ServerUnavailable("PostgreSQL's server programs (initdb, pg_ctl) are not installed; on Debian: "
                                "apt-get install postgresql")
    return Path(versions[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    """Run as ``postgres`` when we are root (the server refuses root), else as ourselves."""
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", USER, "--", *command]
    return ["su", USER, "-s", "/bin/sh", "-c", shlex.join(command)]


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(_as_owner(command), capture_output=True, text=True, timeout=START_TIMEOUT + 30,
                          check=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise ServerUnavailable(f"{what} failed: {' / '.join(tail) or f'exit {done.returncode}'}")


def start() -> Server:
    """Make a cluster in a new temporary folder and start it; raises :class:`ServerUnavailable`."""
    bin_dir = _binaries()
    folder = tempfile.mkdtemp(prefix="rashomon-pg-")
    data = os.path.join(folder, "data")
    try:
        if os.geteuid() == 0:
            import pwd

            try:
                owner = pwd.getpwnam(USER)
            except KeyError as exc:
                raise ServerUnavailable(f"running as root and there is no {USER!r} user to run the server") from exc
            os.chown(folder, owner.pw_uid, owner.pw_gid)
        _run([str(bin_dir / "initdb"), "-D", data, "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale",
              "--no-sync"], "initdb")
        port = _free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
        _run([str(bin_dir / "pg_ctl"), "-D", data, "-l", os.path.join(folder, "server.log"), "-o", options,
              "-w", "-t", str(START_TIMEOUT), "start"], f"starting the server on port {port}")
    except (ServerUnavailable, OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, ServerUnavailable):
            raise
        raise ServerUnavailable(f"cannot start PostgreSQL: {exc}") from exc
    return Server(f"postgresql+psycopg://{USER}@127.0.0.1:{port}/postgres", folder)


def stop(folder: str) -> None:
    """Stop the server whose cluster is in ``folder`` and remove the folder."""
    data = os.path.join(folder, "data")
    if os.path.isdir(data):
        try:
            subprocess.run(_as_owner([str(_binaries() / "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]),
                           capture_output=True, timeout=START_TIMEOUT, check=False)
        except (ServerUnavailable, OSError, subprocess.TimeoutExpired):
            pass
    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def new_database(server: str, name: str) -> Iterator[str]:
    """A new, empty database ``name`` on ``server`` (a SQLAlchemy URL), dropped afterwards: yields its URL.
    Needs SQLAlchemy (the project's environment), unlike the rest of this module."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main(argv: list[str]) -> int:
    if argv[:1] == ["start"]:
        try:
            server = start()
        except ServerUnavailable as exc:
            print(f"export TEST_POSTGRES_UNAVAILABLE={shlex.quote(str(exc))}")
            return 0
        print(f"export TEST_POSTGRES_URL={shlex.quote(server.url)} TEST_POSTGRES_DIR={shlex.quote(server.folder)}")
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        stop(argv[1])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
