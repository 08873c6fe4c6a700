"""`make bench`: benchmarks that print figures (not timed tests)."""

from __future__ import annotations

from tests.bench import charts, home, http_ack, pipeline, scheduling


def main() -> None:
    for benchmark in (http_ack, charts, scheduling, pipeline, home):
        for line in benchmark.run():
            print(line)


if __name__ == "__main__":
    main()
