"""The findings as the room's screen shows them: one per screen, in the order a
workshop discusses them — where the team stands, then what divides it, then the three
team figures, the three mistakes and what to do next.

Pure data: the projector page draws each slide; a test reads the deck of each
hand-built workshop without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cxmaturity.results.model import Results

SlideKind = Literal[
    "summary", "divergence", "definition", "objectives", "ambition", "mistakes", "roadmap"
]


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    #: The item on a divergence slide; None elsewhere.
    question_id: str | None = None

    @property
    def key(self) -> str:
        """Stable across reruns and answers: what `?slide=` and the widgets are keyed by."""
        return f"{self.kind}-{self.question_id}" if self.question_id else self.kind


def deck(results: Results) -> list[Slide]:
    """Nobody answered: the summary alone says so. Otherwise each discussed divergence
    gets its own screen (none when nothing divides the team, or too few answered for a
    verdict), and every team figure one screen, said with the confidence it has."""
    if not results.participants:
        return [Slide("summary")]
    return [
        Slide("summary"),
        *(Slide("divergence", question_id) for question_id in results.alignment.discussed),
        Slide("definition"),
        Slide("objectives"),
        Slide("ambition"),
        Slide("mistakes"),
        Slide("roadmap"),
    ]


def position(slides: list[Slide], requested: str | None, fallback: int = 0) -> int:
    """The slide `?slide=` names (a number from 1, or a slide's key). When it names none
    of them — a divergence that left the five discussed as answers changed, a link from
    an older deck — the slide at `fallback` (where the screen was), within the deck."""
    if requested is not None and requested.isdigit() and 1 <= int(requested) <= len(slides):
        return int(requested) - 1
    keys = [slide.key for slide in slides]
    if requested in keys:
        return keys.index(requested)
    return min(max(fallback, 0), len(slides) - 1)
