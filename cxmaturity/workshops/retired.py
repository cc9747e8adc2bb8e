"""What a code or a link that no longer works used to open, so that the refusal tells the
truth: a code of a closed workshop, a code replaced by a new one, a workshop deleted.

Only what the refusal needs is kept — a key, a reason and a date, never a name or an
answer — and for `RETIRED_MEMORY`. A link is remembered by the digest of its token (as
the live tables keep it), so only the person holding the link learns what became of it;
a code is no secret once retired, and a wrong code that was retired is still charged to
the join gate as any other.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from cxmaturity.workshops import tokens
from cxmaturity.workshops.errors import (
    ClosedJoinCode,
    DeletedWorkshop,
    ReplacedJoinCode,
    ReplacedLink,
    StoreError,
)
from cxmaturity.workshops.records import RetiredRecord, WorkshopRecord
from cxmaturity.workshops.repository import Repository

Reason = Literal["closed", "replaced", "deleted"]
RETIRED_REASONS: tuple[str, ...] = get_args(Reason)
#: Long enough for a bookmark opened after the workshop's follow-up meeting.
RETIRED_MEMORY = dt.timedelta(days=90)


def code_key(code: str) -> str:
    return f"code:{code}"


def link_key(token_digest: str) -> str:
    return f"link:{token_digest}"


def owner_key(subject: str, workshop_id: str) -> str:
    """A signed-in facilitator's way into one workshop (they hold no token)."""
    return link_key(tokens.digest(f"{subject}\x00{workshop_id}"))


def retire(repo: Repository, keys: list[str], reason: Reason, now: dt.datetime) -> None:
    repo.prune_retired(now - RETIRED_MEMORY)
    repo.retire([RetiredRecord(key, reason, now) for key in keys])


def retire_code(repo: Repository, code: str, reason: Reason, now: dt.datetime) -> None:
    retire(repo, [code_key(code)], reason, now)


def workshop_keys(repo: Repository, workshop: WorkshopRecord) -> list[str]:
    """Every way into a workshop about to be deleted: its code, the facilitator's link
    (or owner), each participant's link."""
    keys = [link_key(workshop.facilitator_token_hash)]
    if workshop.owner:
        keys.append(owner_key(workshop.owner, workshop.id))
    if workshop.join_code:
        keys.append(code_key(workshop.join_code))
    seats = [*repo.participants(workshop.id), *repo.removed_participants(workshop.id)]
    keys += [link_key(p.resume_token_hash) for p in seats if p.resume_token_hash]
    return keys


def code_refusal(repo: Repository, code: str) -> StoreError | None:
    """Why a code that opens nothing once opened something, if it did."""
    record = repo.retired(code_key(code))
    if record is None:
        return None
    if record.reason == "closed":
        return ClosedJoinCode()
    if record.reason == "replaced":
        return ReplacedJoinCode()
    return DeletedWorkshop(date=record.retired_at.date())


def link_refusal(repo: Repository, key: str) -> StoreError | None:
    """Why a link that opens nothing once opened something, if it did."""
    record = repo.retired(key)
    if record is None:
        return None
    if record.reason == "replaced":
        return ReplacedLink(date=record.retired_at.date())
    return DeletedWorkshop(date=record.retired_at.date())
