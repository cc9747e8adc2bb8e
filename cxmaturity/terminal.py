"""What the command line prints: never a control character, never an endless message.

A name, an answer or a file path can hold ESC sequences that would recolour or rewrite
the operator's terminal, or run to 100,000 characters. Everything the commands print goes
through here: each control character (C0 but tab and newline, DEL, C1) is written as
`\\uXXXX` — the same escape JSON uses, so `score --json` stays the same JSON — and each
line on standard error is cut to MESSAGE_LIMIT characters.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

#: The longest line an error message prints; values inside it are already cut shorter
#: (problems.QUOTED_LIMIT).
MESSAGE_LIMIT = 400
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escaped(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def cut(line: str, limit: int = MESSAGE_LIMIT) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "…"


class _Safe:
    """A text stream that escapes what it is given before passing it on."""

    def __init__(self, stream: TextIO, limit: int | None) -> None:
        self._stream, self._limit = stream, limit

    def write(self, text: str) -> int:
        safe = escaped(text)
        if self._limit is not None:
            safe = "\n".join(cut(line, self._limit) for line in safe.split("\n"))
        self._stream.write(safe)
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> object:  # encoding, isatty, fileno…
        return getattr(self._stream, name)


@contextmanager
def safe_streams() -> Iterator[None]:
    """Standard output escaped; standard error escaped and cut, for the block's length."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = _Safe(out, None)
    sys.stderr = _Safe(err, MESSAGE_LIMIT)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
