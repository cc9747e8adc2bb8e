"""Problems found in input a person wrote: collected, located, and reported all at once.

Every importer (questionnaire YAML, workshop archive JSON, responses CSV) reports through
these types so the CLI and the UI print the same clear messages, one per line, naming the
file and the place — and never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PathPart = str | int
#: A value quoted in a message is cut to this many characters: enough to recognise it.
QUOTED_LIMIT = 60


def quoted(value: object) -> str:
    """A value as a message shows it: as JSON (control characters escaped, one line), cut
    to QUOTED_LIMIT characters — a 5,000-character answer must not become the message."""
    text = json.dumps(value, ensure_ascii=False)
    if len(text) <= QUOTED_LIMIT:
        return text
    closing = '"' if text.endswith('"') else ""
    return text[: QUOTED_LIMIT - 1 - len(closing)] + "…" + closing


def format_path(path: Sequence[PathPart]) -> str:
    """`("sections", 2, "questions", 4, "en")` → `sections[2].questions[4].en`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where it is."""

    message: str
    where: str = ""
    line: int | None = None

    def format(self, source: str) -> str:
        text = (
            f"{source}: {self.where}: {self.message}" if self.where else f"{source}: {self.message}"
        )
        return f"{text} (line {self.line})" if self.line is not None else text


class InputError(Exception):
    """An input that cannot be used; carries every problem found, not just the first."""

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [p.format(self.source) for p in self.problems]
