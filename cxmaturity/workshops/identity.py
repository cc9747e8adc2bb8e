"""Who a participant is to the workshop, and what of it may be shown.

Three anonymity modes, chosen at creation: `anonymous` (a role only), `alias` (a
nickname the facilitator sees on the roster, never next to answers) and `named` (a
name, for teams that want it). The texts people type — alias, name, organisation —
pass one check, used by the service, the forms and the importers.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from cxmaturity.workshops.errors import InvalidInput

Anonymity = Literal["anonymous", "alias", "named"]
ANONYMITY_MODES: tuple[str, ...] = get_args(Anonymity)

EnteredBy = Literal["self", "facilitator", "import"]
ENTERED_BY: tuple[str, ...] = get_args(EnteredBy)
#: How a participant entered in interview mode is recorded (`participants.entered_by`).
ENTERED_BY_FACILITATOR: EnteredBy = "facilitator"
SELF_JOINED: EnteredBy = "self"
IMPORTED: EnteredBy = "import"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TEXT_PROBLEMS = {
    "empty": "is empty",
    "too_long": "is longer than {limit} characters",
    "control": "contains control characters",
}


def text_problem(value: str | None, limit: int) -> str | None:
    """What stops a name, alias or organisation from being stored — "empty", "too_long"
    or "control" (tab, line break and other control characters) — or None. One rule for
    the service and for the forms, which name the field."""
    text = (value or "").strip()
    if not text:
        return "empty"
    if len(text) > limit:
        return "too_long"
    if _CONTROL.search(text):
        return "control"
    return None


def checked_text(value: str, field: str, limit: int) -> str:
    """`value` stripped, or InvalidInput naming the field and what is wrong."""
    problem = text_problem(value, limit)
    if problem is not None:
        raise InvalidInput(f"the {field} {_TEXT_PROBLEMS[problem].format(limit=limit)}")
    return value.strip()


def kept_alias(anonymity: str, alias: str | None, limit: int) -> str | None:
    """The alias or name a workshop stores: none in an anonymous workshop, whatever was
    given (an import, a form that was changed)."""
    if anonymity == "anonymous":
        return None
    label = "name" if anonymity == "named" else "alias"
    return checked_text(alias or "", label, limit)


def alias_beside_answers(anonymity: str) -> bool:
    """Whether an output that holds answers may carry the person's alias or name: only
    when people joined under their own name. An alias is for the facilitator's roster
    (who has joined, who is stuck); next to answers it would name the person."""
    return anonymity == "named"
