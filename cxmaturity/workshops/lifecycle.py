"""A workshop's life: draft → open → revealed → closed (→ deleted).

Participants join while it is open or revealed and may change their answers until it
closes; the facilitator may remove a seat until it closes too — a stranger can still
join with the code on the room's screen after the reveal, and the figures follow.
"""

from __future__ import annotations

from typing import Literal, get_args

from cxmaturity.workshops.errors import InvalidTransition, WorkshopClosed, WorkshopNotOpen

Status = Literal["draft", "open", "revealed", "closed"]
STATUSES: tuple[str, ...] = get_args(Status)

#: Which states each transition may start from.
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"draft"}),
    "revealed": frozenset({"open"}),
    "closed": frozenset({"open", "revealed"}),
}
JOINABLE = frozenset({"open", "revealed"})
WRITABLE = frozenset({"open", "revealed"})
REMOVABLE = frozenset({"draft", "open", "revealed"})
#: When the team's results may be shown (the console, the PDF, the exports).
RESULTS_VISIBLE = frozenset({"revealed", "closed"})


def check_transition(status: str, to: str) -> None:
    if status not in TRANSITIONS[to]:
        raise InvalidTransition(f"{status} → {to}")


def check_writable(status: str) -> None:
    """Answers can be given or changed now, or the error that says why not."""
    if status == "closed":
        raise WorkshopClosed()
    if status not in WRITABLE:
        raise WorkshopNotOpen()


def check_not_closed(status: str) -> None:
    if status == "closed":
        raise WorkshopClosed()
