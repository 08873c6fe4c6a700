"""`coachflow doctor`: print one line per check and a verdict; exit 1 when there is a problem."""

from __future__ import annotations

from collections.abc import Sequence

from bot.doctor import diagnose
from bot.doctor_findings import Finding, Status
from storage.dispatcher_lock import DISPATCHER_LOCK_KEY

STATUS_WIDTH = max(len(s.value) for s in Status)


def doctor(*, http: bool, lock_key: int = DISPATCHER_LOCK_KEY) -> int:
    mode = "HTTP mode" if http else "Socket Mode (add --http to check for HTTP mode)"
    print(f"Checking this Coachflow deployment for {mode}.")
    findings = diagnose(http=http, lock_key=lock_key)
    for line in report(findings):
        print(line)
    return 1 if any(f.status is Status.PROBLEM for f in findings) else 0


def report(findings: Sequence[Finding]) -> list[str]:
    width = max(len(f.check) for f in findings)
    lines = [f"{f.status.value:<{STATUS_WIDTH}}  {f.check:<{width}}  {f.says}" for f in findings]
    problems = sum(f.status is Status.PROBLEM for f in findings)
    warnings = sum(f.status is Status.WARNING for f in findings)
    if not problems and not warnings:
        lines.append("All checks passed.")
    else:
        counted = [_count(problems, "problem"), _count(warnings, "warning")]
        verdict = " and ".join(c for c in counted if c)
        advice = "fix the problems first, then" if problems else "when fixed,"
        lines.append(f"{verdict}: {advice} run `coachflow doctor` again.")
    return lines


def _count(n: int, word: str) -> str:
    return "" if n == 0 else f"{n} {word}{'' if n == 1 else 's'}"
