"""`make bench`: benchmarks that print figures (not timed tests)."""

from __future__ import annotations

from tests.bench import (
    challenge_nudges,
    charts,
    develop_home,
    home,
    http_ack,
    leading_indicators,
    load,
    pipeline,
    results,
    scheduling,
    scorecards,
    session_cards,
    use_cases,
)


def main() -> None:
    for benchmark in (http_ack, use_cases, charts, scheduling, pipeline, home, develop_home, leading_indicators,
                      scorecards, session_cards, results, challenge_nudges, load):
        for line in benchmark.run():
            print(line)


if __name__ == "__main__":
    main()
