"""What every command shares: exit codes and writing output files safely."""

from __future__ import annotations

import tempfile
from pathlib import Path

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


def write_atomically(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write all of `text` or nothing: a crash never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding=encoding, dir=path.parent, delete=False, newline=""
    ) as tmp:
        tmp.write(text)
    Path(tmp.name).replace(path)
