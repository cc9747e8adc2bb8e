"""What every command shares: exit codes and writing output files safely."""

from __future__ import annotations

import tempfile
from pathlib import Path

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write all of `data` or nothing: a crash never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as tmp:
        tmp.write(data)
    Path(tmp.name).replace(path)


def write_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes_atomically(path, text.encode(encoding))
