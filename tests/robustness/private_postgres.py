"""A PostgreSQL cluster of the test's own, in a temporary folder, that the test can stop and start.

The shared test database (COACHFLOW_TEST_DATABASE_URL) must never be stopped:
other runs use it. This one is made with the machine's own binaries
(`initdb`, `pg_ctl` from /usr/lib/postgresql/<version>/bin), listens on a free
port of 127.0.0.1 only, trusts local connections and is removed afterwards.

initdb refuses to run as root; as root the binaries run as the `postgres`
OS user (`runuser -u postgres --`), who owns the temporary folder.
`pg_ctl -w` waits for the server to accept connections (or to be gone), so
nothing here sleeps a fixed time.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

BIN_ROOT = Path("/usr/lib/postgresql")
NEEDED = ("initdb", "pg_ctl")
OS_USER = "postgres"
START_TIMEOUT_SECONDS = 60


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder holding initdb and pg_ctl, or None."""
    if not BIN_ROOT.is_dir():
        return None
    candidates = [p / "bin" for p in BIN_ROOT.iterdir() if all((p / "bin" / tool).is_file() for tool in NEEDED)]
    return max(candidates, key=_version_key, default=None)


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    name = bin_dir.parent.name
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def missing_reason() -> str | None:
    """Why a private cluster cannot be made on this machine, or None when it can."""
    if find_bin_dir() is None:
        return f"no PostgreSQL server binaries ({', '.join(NEEDED)}) under {BIN_ROOT}/<version>/bin"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(OS_USER)
        except KeyError:
            return f"running as root and there is no {OS_USER!r} OS user for initdb"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivatePostgres:
    """One throw-away cluster: `create()`, then `start()` / `stop()` as often as the test needs."""

    def __init__(self) -> None:
        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise RuntimeError(missing_reason() or "no PostgreSQL binaries")
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="coachflow-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            entry = pwd.getpwnam(OS_USER)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self.root.chmod(0o700)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{OS_USER}@127.0.0.1:{self.port}/postgres?connect_timeout=2"

    def _run(self, tool: str, *args: str) -> None:
        command: Sequence[str] = [str(self.bin_dir / tool), *args]
        if self._as_postgres:
            command = ["runuser", "-u", OS_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.root, check=False,
                                timeout=START_TIMEOUT_SECONDS + 30)
        if result.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", OS_USER, "--auth=trust", "--no-sync", "-E", "UTF8",
                  "--locale=C")

    def start(self) -> None:
        # Only TCP on loopback, the socket in our own folder, no fsync (a test's data).
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root} "
                   "-c fsync=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w",
                  "-t", str(START_TIMEOUT_SECONDS), "start")

    def stop(self, mode: str = "immediate") -> None:
        """Stop at once (`immediate`: like a crash or a pulled cable); returns when the server is gone."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", str(START_TIMEOUT_SECONDS), "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def remove(self) -> None:
        if self.running():
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
