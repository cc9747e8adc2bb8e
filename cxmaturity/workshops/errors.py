"""What can go wrong with a workshop, as errors a person can understand.

Each error names a catalogue key (`cxmaturity/locales/ui.yaml`) so the UI shows a
friendly message in French or English; the CLI prints the English message.
"""

from __future__ import annotations

from typing import ClassVar


class StoreError(Exception):
    """Base class: a refused operation. Nothing was changed."""

    key: ClassVar[str] = "error_unexpected"
    message: ClassVar[str] = "the operation could not be completed"

    def __init__(self, detail: str = "", **params: object) -> None:
        self.detail = detail
        self.params = params
        super().__init__(f"{self.message}: {detail}" if detail else self.message)


class UnknownWorkshop(StoreError):
    key = "error_unknown_workshop"
    message = "no such workshop"


class MissingFacilitatorToken(StoreError):
    key = "error_missing_facilitator_token"
    message = "this operation needs the facilitator link"


class InvalidFacilitatorToken(StoreError):
    """Wrong token, or a workshop that does not exist: the two are not told apart."""

    key = "error_invalid_facilitator_token"
    message = "this facilitator link is not valid"


class InvalidJoinCode(StoreError):
    key = "error_invalid_join_code"
    message = "no workshop has this code"


class ExpiredJoinCode(StoreError):
    key = "error_expired_join_code"
    message = "this code has expired; ask the facilitator for a new one"


class ClosedJoinCode(InvalidJoinCode):
    key = "error_code_closed"
    message = "this code belonged to a workshop that has ended"


class ReplacedJoinCode(InvalidJoinCode):
    key = "error_code_replaced"
    message = "this code was replaced by a new one; ask the facilitator for it"


class DeletedWorkshop(StoreError):
    """The code or link opened a workshop that its facilitator deleted (`date`)."""

    key = "error_workshop_deleted"
    message = "this workshop was deleted, with its answers"


class ReplacedLink(InvalidFacilitatorToken):
    """A facilitator link revoked on `date`: a newer one opens the workshop. Still an
    invalid link to whatever asks only whether the link opens it."""

    key = "error_link_replaced"
    message = "this facilitator link was replaced by a new one"


class ResultsNotRevealed(StoreError):
    """A participant asked for the team's results before the facilitator revealed them."""

    key = "error_results_not_revealed"
    message = "the team's results are not revealed yet"


class TooManyAttempts(StoreError):
    key = "error_too_many_attempts"
    message = "too many wrong codes; wait before trying again"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(f"retry in {retry_after_seconds} s", seconds=retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds


class WorkshopFull(StoreError):
    key = "error_workshop_full"
    message = "this workshop cannot take more participants right now"


class InvalidResumeToken(StoreError):
    key = "error_invalid_resume_token"
    message = "this participant link is not valid"


class ParticipantRemoved(StoreError):
    """The facilitator removed this seat (a duplicate, a stranger, someone who left)."""

    key = "error_participant_removed"
    message = "the facilitator removed this participant from the workshop"


class NotRemovable(StoreError):
    key = "error_not_removable"
    message = "seats can be removed only until the workshop closes"


class TooManyWorkshops(StoreError):
    key = "error_too_many_workshops"
    message = "too many new workshops from here; wait before creating another"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(f"retry in {retry_after_seconds} s", seconds=retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds


class WorkshopNotOpen(StoreError):
    key = "error_workshop_not_open"
    message = "this workshop is not open yet"


class WorkshopClosed(StoreError):
    key = "error_workshop_closed"
    message = "this workshop is closed; answers can no longer change"


class InvalidAnswer(StoreError):
    key = "error_invalid_answer"
    message = "this answer is not valid"


class InvalidTransition(StoreError):
    key = "error_invalid_transition"
    message = "the workshop cannot move to that state from where it is"


class InvalidInput(StoreError):
    key = "error_invalid_input"
    message = "some information is not valid"


class StaleEdit(StoreError):
    """Someone else changed the workshop since this page loaded."""

    key = "error_stale_edit"
    message = "the workshop changed in another window; reload to see the latest version"


class StoreUnavailable(StoreError):
    """The database could not be reached, even after retrying."""

    key = "error_store_unavailable"
    message = "the database is not reachable; please retry in a moment"
