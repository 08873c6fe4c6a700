"""`make bench`: benchmarks that print figures (not timed tests)."""

from __future__ import annotations

from tests.bench import charts, http_ack, pipeline, scheduling


def main() -> None:
    for benchmark in (http_ack, charts, scheduling, pipeline):
        for line in benchmark.run():
            print(line)


if __name__ == "__main__":
    main()
