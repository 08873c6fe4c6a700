"""The load benchmark's machinery at a tiny size, so that `make bench` keeps working.

Correctness only, never timings: both servers start and answer every request
of the mix right, every Web API call the mix asks for reaches the fake Slack
and is accepted, and the report has a line per request kind.
"""

from __future__ import annotations

from tests.bench.load import measure, report
from tests.bench.load_mix import KINDS


def test_the_load_benchmark_runs_the_whole_mix_against_coachflow_and_bare_bolt(empty_database_url: str) -> None:
    result = measure(empty_database_url, "tiny", total=20, concurrency=2, people=100, rounds=2, paces=(40.0,),
                     paced_total=10)

    for measured in (result.coachflow, result.bare):
        assert measured.wrong == []
        assert len(measured.outcomes) == 20
        assert {o.kind for o in measured.outcomes} == set(KINDS)
        assert all(o.status == 200 for o in measured.outcomes)
        # 4 of each kind: 1 + 1 + 3 + 3 + 2 calls a round of five (then 2 of each at the pace: 20 more).
        assert measured.web_api_calls == 40  # counted when the rounds settled, before the pace
        assert measured.peak_mib > 0 and measured.cpu_seconds > 0
        # At a set pace too: every request answered 200, and the answers sent after the ack timed.
        [paced] = measured.paced
        assert len(paced.outcomes) == 10 and all(o.status == 200 for o in paced.outcomes)
        assert set(paced.answered_ms) == {"/scorecard", "/debrief", "challenge button"}
        assert all(ms > 0 for times in paced.answered_ms.values() for ms in times)
    lines = report(result)
    assert all(any(line.strip().startswith(kind) for line in lines) for kind in (*KINDS, "overall"))
    assert any("every request of both was answered 200" in line for line in lines)
    assert any(line.strip().startswith("at 40 requests/s as people click") for line in lines)
    assert any(line.strip().startswith("challenge button answered") for line in lines)
