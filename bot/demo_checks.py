"""What the demo's scene modules share: a check that stops the demo when the app did not do what the story
says, and a way to play requests without printing them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def expect(done: bool, what: str) -> None:
    if not done:
        raise RuntimeError(f"the demo expected {what} once the app had finished; it did not happen")


@contextmanager
def quiet(demo: Any) -> Iterator[None]:
    """Requests still go through the app; only the demo's own printing pauses."""
    out = demo.out
    demo.out = lambda _line: None
    try:
        yield
    finally:
        demo.out = out
