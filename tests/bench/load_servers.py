"""The two servers of the load benchmark as subprocesses: `coachflow run --http` and the bare Bolt app.

Each is started with its own log file, waited for by polling `/healthz`, and
asked for its peak resident memory (`VmHWM` in /proc/PID/status) before it is stopped.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

READY_SECONDS = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def peak_memory_mib(self) -> float:
        """The process's peak resident set size so far (Linux: VmHWM)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc/PID/status (Linux only)")

    def cpu_seconds(self) -> float:
        """CPU the process used so far, user and system, every thread (Linux: /proc/PID/stat)."""
        # The fields after the command name (in parentheses, which may hold spaces): utime and stime are 14 and 15.
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_until_ready(self, timeout: float = READY_SECONDS) -> None:
        """Poll GET /healthz until it answers 200; fail with the log if the process ends or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.process.returncode}):\n{self.log_tail()}")
            if self._healthy():
                return
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not answer /healthz within {timeout:.0f} s:\n{self.log_tail()}")

    def _healthy(self) -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _start(name: str, argv: list[str], env: dict[str, str], scratch: Path, port: int) -> Server:
    log = scratch / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(argv, env=env, cwd=Path.cwd(), stdout=out, stderr=subprocess.STDOUT)
    return Server(name, port, process, log)


def _base_env() -> dict[str, str]:
    """The bench's own environment minus any Slack or Coachflow setting that could leak into the servers."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "COACHFLOW_", "DATABASE_URL"))}


def start_coachflow(scratch: Path, *, database_url: str, api_url: str, token: str, secret: str) -> Server:
    port = free_port()
    env = {**_base_env(), "SLACK_BOT_TOKEN": token, "SLACK_SIGNING_SECRET": secret, "SLACK_API_URL": api_url,
           "DATABASE_URL": database_url, "COACHFLOW_LOG_LEVEL": "WARNING"}
    argv = [sys.executable, "-m", "bot.cli", "run", "--http", "--host", "127.0.0.1", "--port", str(port)]
    return _start("coachflow", argv, env, scratch, port)


def start_bare_bolt(scratch: Path, *, payloads: Path, api_url: str, token: str, secret: str, managers: int) -> Server:
    port = free_port()
    argv = [sys.executable, "-m", "tests.bench.load_bare_bolt", "--port", str(port), "--api-url", api_url,
            "--token", token, "--signing-secret", secret, "--payloads", str(payloads), "--managers", str(managers)]
    return _start("bare-bolt", argv, _base_env(), scratch, port)
