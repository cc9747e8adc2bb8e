"""Who may do what to a workshop.

A facilitator proves it with the workshop's secret link (its token) or, on a hosted
server with sign-in, by being the signed-in person who created it. A participant proves
it with their resume token. Facilitators read and change the answers only of people
they entered themselves (interview mode): someone who answered on their own device was
told the facilitator never sees their answers one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cxmaturity.workshops import tokens
from cxmaturity.workshops.errors import (
    InvalidFacilitatorToken,
    InvalidInput,
    InvalidResumeToken,
    MissingFacilitatorToken,
    ParticipantRemoved,
)
from cxmaturity.workshops.identity import ENTERED_BY_FACILITATOR
from cxmaturity.workshops.records import ParticipantRecord, WorkshopRecord
from cxmaturity.workshops.repository import Lock, Repository
from cxmaturity.workshops.retired import link_key, link_refusal, owner_key


@dataclass(frozen=True)
class SignedIn:
    """A facilitator signed in with the server's identity provider: `subject` is the
    provider's issuer and subject, which stay the same across e-mail changes."""

    subject: str
    email: str = ""

    @classmethod
    def of(cls, issuer: str, subject: str, email: str = "") -> SignedIn:
        """Stored as a digest of issuer and subject: fixed length (OpenID Connect allows
        a 255-character subject), and the same person from one sign-in to the next."""
        return cls(tokens.digest(f"{issuer}\x00{subject}"), email)


#: What a facilitator operation is given: the link's token, a signed-in person, or nothing.
Credential = str | SignedIn | None

_RESUME_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_NO_DIGEST = tokens.digest("no workshop")  # compared against when the workshop is missing


def authorised(
    repo: Repository, workshop_id: str, credential: Credential, lock: Lock = None
) -> WorkshopRecord:
    """The workshop, if `credential` opens it; otherwise the same refusal whether the
    workshop exists or not."""
    if not credential:
        raise MissingFacilitatorToken()
    workshop = repo.get_workshop(workshop_id, lock=lock) if workshop_id else None
    if isinstance(credential, SignedIn):
        if workshop is None or workshop.owner != credential.subject:
            raise link_refusal(repo, owner_key(credential.subject, workshop_id)) or (
                InvalidFacilitatorToken()
            )
        return workshop
    stored = workshop.facilitator_token_hash if workshop else _NO_DIGEST
    if not tokens.matches(credential, stored) or workshop is None:
        # Told only to whoever holds the old link: the digest is of the token itself.
        raise link_refusal(repo, link_key(tokens.digest(credential))) or InvalidFacilitatorToken()
    return workshop


def seated(repo: Repository, resume_token: str | None) -> ParticipantRecord:
    """The participant behind a resume token — still in the workshop."""
    if not resume_token or not _RESUME_TOKEN.match(resume_token):
        raise InvalidResumeToken()
    participant = repo.participant_by_resume(tokens.digest(resume_token))
    if participant is None:
        raise link_refusal(repo, link_key(tokens.digest(resume_token))) or InvalidResumeToken()
    if participant.removed_at is not None:
        raise ParticipantRemoved()
    return participant


def interviewee(repo: Repository, workshop_id: str, participant_id: str) -> ParticipantRecord:
    """A participant the facilitator entered (interview mode): the only people whose
    answers a facilitator may read or change."""
    participant = repo.participant(workshop_id, participant_id)
    if participant is None or participant.removed_at is not None:
        raise InvalidInput(f"no participant {participant_id} in this workshop")
    if participant.entered_by != ENTERED_BY_FACILITATOR:
        raise InvalidInput(
            f"participant {participant_id} answered on their own device: "
            "only the answers of people you interview are yours to read or change"
        )
    return participant
