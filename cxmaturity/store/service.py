"""The workshop's rules, written once for every back end: lifecycle, secrets, joining,
answering, consensus and the roadmap review.

Lifecycle: draft → open → revealed → closed (→ deleted). Participants join while the
workshop is open or revealed, and may change their answers until it closes.
Every facilitator operation needs the workshop's facilitator token; every participant
operation needs the participant's resume token. Refused operations change nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import random
import re
import time
from collections.abc import Callable
from typing import Literal, TypeVar, cast, get_args

from cxmaturity.answers import AnswerValue, check_answer
from cxmaturity.archive.model import (
    Anonymity,
    Consensus,
    Participant,
    QuestionnaireRef,
    RoadmapDecision,
    WorkshopArchive,
)
from cxmaturity.localized import LANGS, Lang
from cxmaturity.problems import InputError
from cxmaturity.questionnaire.model import Questionnaire, ScoredQuestion
from cxmaturity.questionnaire.registry import questionnaire_for
from cxmaturity.rules.role_figures import RoleFigures, min_group_problem
from cxmaturity.store import tokens
from cxmaturity.store.errors import (
    ExpiredJoinCode,
    InvalidAnswer,
    InvalidFacilitatorToken,
    InvalidInput,
    InvalidJoinCode,
    InvalidResumeToken,
    InvalidTransition,
    MissingFacilitatorToken,
    StaleEdit,
    StoreError,
    StoreUnavailable,
    TooManyAttempts,
    UnknownWorkshop,
    WorkshopClosed,
    WorkshopFull,
    WorkshopNotOpen,
)
from cxmaturity.store.records import (
    ConsensusRecord,
    DecisionRecord,
    NewParticipant,
    ParticipantRecord,
    WorkshopRecord,
    WorkshopSummary,
)
from cxmaturity.store.repository import Lock, Repository, TransientStoreError, UnitOfWork
from cxmaturity.store.views import (
    FacilitatorAccess,
    NewWorkshop,
    ParticipantAccess,
    ParticipantProgress,
    ParticipantState,
    Progress,
    PublicWorkshop,
    WorkshopView,
)

T = TypeVar("T")
Clock = Callable[[], dt.datetime]
UnitOfWorkFactory = Callable[[bool], UnitOfWork]

#: Which state each transition may start from.
TRANSITIONS = {"open": {"draft"}, "revealed": {"open"}, "closed": {"open", "revealed"}}
JOINABLE = {"open", "revealed"}
WRITABLE = {"open", "revealed"}

DEFAULT_CODE_TTL = dt.timedelta(hours=12)
#: A wrong code is charged to the device that typed it (the UI passes "address/session"),
#: to its network (the address: a room on one Wi-Fi shares it) and to everyone. Past a
#: limit within JOIN_WINDOW, codes are refused for a while: to the device after a few
#: typos, to a network after many — so one person's typos never lock out the room — and,
#: past the overall limit (guessing from many places), to whoever has guessed wrong
#: themselves: people who type the right code the first time still get in.
MAX_FAILED_JOINS_PER_CLIENT = 10
MAX_FAILED_JOINS_PER_NETWORK = 100
MAX_FAILED_JOINS_OVERALL = 500
EVERYONE = "*"
JOIN_WINDOW = dt.timedelta(minutes=10)
#: A leaked code cannot flood a workshop: joins per minute and participants in all.
MAX_JOINS_PER_WORKSHOP_PER_MINUTE = 120
MAX_PARTICIPANTS = 300
#: How a participant entered in interview mode is recorded (`participants.entered_by`).
ENTERED_BY_FACILITATOR = "facilitator"
#: Longest alias (or name) and organisation name, in characters.
ALIAS_LIMIT = 80
ORGANISATION_LIMIT = 200
#: Last-seen times are refreshed at most this often (a reload must not cost a write).
LAST_SEEN_RESOLUTION = dt.timedelta(seconds=30)
ATTEMPTS_KEPT = dt.timedelta(days=1)

ANONYMITY_MODES = get_args(Anonymity)
_RESUME_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NO_DIGEST = tokens.digest("no workshop")  # compared against when the workshop is missing


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Transactions:
    """Runs a function in a unit of work, retrying transient database failures."""

    def __init__(
        self,
        unit_of_work: UnitOfWorkFactory,
        retries: int = 6,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._retries = retries
        self._sleep = sleep

    def run(self, work: Callable[[Repository], T], read_only: bool = False, attempts: int = 0) -> T:
        """`work` in one transaction, tried up to `attempts` times (default: the retries
        given at construction)."""
        attempts = attempts or self._retries
        for attempt in range(attempts):
            try:
                with self._unit_of_work(read_only) as uow:
                    result = work(uow.repo)
                    uow.commit()
                    return result
            except TransientStoreError as exc:
                if attempt == attempts - 1:
                    raise StoreUnavailable(str(exc)) from exc
                self._sleep(0.05 * 2**attempt * (1 + random.random()))  # noqa: S311 (jitter)
        raise AssertionError("unreachable")  # pragma: no cover


class WorkshopService:
    """The facilitator's and the participants' operations on workshops."""

    def __init__(self, transactions: Transactions, clock: Clock = utcnow) -> None:
        self._tx = transactions
        self._now = clock

    # --- facilitator: the workshop --------------------------------------------------

    def create_workshop(self, new: NewWorkshop) -> FacilitatorAccess:
        q = _questionnaire(new.questionnaire_id, new.questionnaire_version)
        organisation = _text(new.organisation, "organisation", ORGANISATION_LIMIT)
        if new.language not in LANGS:
            raise InvalidInput(f"language {new.language!r} is not one of {', '.join(LANGS)}")
        if new.anonymity not in ANONYMITY_MODES:
            raise InvalidInput(
                f"anonymity {new.anonymity!r} is not one of {', '.join(ANONYMITY_MODES)}"
            )
        problem = min_group_problem(new.role_figures, new.min_group_size)
        if problem:
            raise InvalidInput(problem)
        unknown = [role for role in new.roles_expected if role not in q.roles_by_id]
        if unknown:
            raise InvalidInput(f"unknown roles: {', '.join(unknown)}")
        token = tokens.new_facilitator_token()
        now = self._now()
        record = WorkshopRecord(
            id=tokens.new_workshop_id(),
            organisation=organisation,
            workshop_date=new.workshop_date,
            language=new.language,
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            min_group_size=new.min_group_size,
            role_figures=new.role_figures,
            anonymity=new.anonymity,
            roles_expected=tuple(dict.fromkeys(new.roles_expected)),
            status="draft",
            facilitator_token_hash=tokens.digest(token),
            join_code=None,
            join_code_expires_at=None,
            revision=0,
            created_at=now,
            updated_at=now,
        )
        self._tx.run(lambda repo: repo.add_workshop(record))
        return FacilitatorAccess(workshop_id=record.id, token=token)

    def workshop(self, workshop_id: str, token: str | None) -> WorkshopView:
        return self._tx.run(
            lambda repo: _view(_authorised(repo, workshop_id, token)), read_only=True
        )

    def open_workshop(
        self, workshop_id: str, token: str | None, code_ttl: dt.timedelta = DEFAULT_CODE_TTL
    ) -> WorkshopView:
        """draft → open: participants can join with a fresh code."""

        def work(repo: Repository) -> WorkshopView:
            workshop = _authorised(repo, workshop_id, token, lock="update")
            _check_transition(workshop, "open")
            code = _free_code(repo)
            return self._change(
                repo,
                workshop,
                status="open",
                join_code=code,
                join_code_expires_at=self._now() + code_ttl,
            )

        return self._tx.run(work)

    def new_join_code(
        self, workshop_id: str, token: str | None, code_ttl: dt.timedelta = DEFAULT_CODE_TTL
    ) -> WorkshopView:
        """A new code (the old one stops working), valid for `code_ttl` from now."""

        def work(repo: Repository) -> WorkshopView:
            workshop = _authorised(repo, workshop_id, token, lock="update")
            if workshop.status not in JOINABLE:
                raise InvalidTransition(f"the workshop is {workshop.status}")
            code = _free_code(repo)
            return self._change(
                repo, workshop, join_code=code, join_code_expires_at=self._now() + code_ttl
            )

        return self._tx.run(work)

    def reveal(self, workshop_id: str, token: str | None) -> WorkshopView:
        """open → revealed: the team sees the results together."""
        return self._transition(workshop_id, token, "revealed")

    def close(self, workshop_id: str, token: str | None) -> WorkshopView:
        """→ closed: answers are final and the join code stops working."""
        return self._transition(
            workshop_id, token, "closed", join_code=None, join_code_expires_at=None
        )

    def delete_workshop(self, workshop_id: str, token: str | None) -> None:
        def work(repo: Repository) -> None:
            _authorised(repo, workshop_id, token, lock="update")
            repo.delete_workshop(workshop_id)

        self._tx.run(work)

    def progress(self, workshop_id: str, token: str | None) -> Progress:
        """Who has joined and how far each has got — one aggregate query."""

        def work(repo: Repository) -> Progress:
            workshop = _authorised(repo, workshop_id, token)
            q = _questionnaire(workshop.questionnaire_id, workshop.questionnaire_version)
            section_of = q.required
            by_participant: dict[int, tuple[ParticipantRecord, dict[str, int]]] = {}
            for row in repo.section_counts(workshop_id, section_of):
                _, counts = by_participant.setdefault(row.participant.pk, (row.participant, {}))
                if row.section is not None:
                    counts[row.section] = row.answered
            shown_alias = workshop.anonymity != "anonymous"
            return Progress(
                status=workshop.status,
                participants=[
                    ParticipantProgress(
                        participant_id=p.public_id,
                        role=p.role,
                        alias=p.alias if shown_alias else None,
                        entered_by=p.entered_by,
                        answered=sum(counts.values()),
                        required=len(section_of),
                        by_section=counts,
                        last_seen_at=p.last_seen_at,
                    )
                    for p, counts in by_participant.values()
                ],
            )

        return self._tx.run(work, read_only=True)

    def archive(self, workshop_id: str, token: str | None) -> WorkshopArchive:
        def work(repo: Repository) -> WorkshopArchive:
            return _archive(repo, _authorised(repo, workshop_id, token))

        return self._tx.run(work, read_only=True)

    # --- facilitator: discussion and roadmap -----------------------------------------

    def set_consensus(
        self,
        workshop_id: str,
        token: str | None,
        question_id: str,
        consensus: Consensus | None,
        expected_revision: int | None = None,
    ) -> int:
        """Record (or with None, remove) what the team agreed on an item; the new revision."""

        def work(repo: Repository) -> int:
            workshop = self._editable(repo, workshop_id, token, expected_revision)
            q = _questionnaire(workshop.questionnaire_id, workshop.questionnaire_version)
            if not isinstance(q.questions.get(question_id), ScoredQuestion):
                raise InvalidInput(f"{question_id} is not a scored item")
            if consensus is None:
                repo.delete_consensus(workshop_id, question_id)
            else:
                unknown = [role for role in consensus.moved if role not in q.roles_by_id]
                if unknown:
                    raise InvalidInput(f"unknown roles: {', '.join(unknown)}")
                record = ConsensusRecord(
                    question_id=question_id,
                    level=consensus.level,
                    note=consensus.note,
                    moved=tuple(consensus.moved),
                    updated_at=self._now(),
                )
                repo.set_consensus(workshop_id, record)
            return self._change(repo, workshop).revision

        return self._tx.run(work)

    def set_roadmap_review(
        self,
        workshop_id: str,
        token: str | None,
        decisions: list[RoadmapDecision],
        expected_revision: int | None = None,
    ) -> int:
        """Replace the review (accepted / dropped, owner, due date, order); the new revision."""

        def work(repo: Repository) -> int:
            workshop = self._editable(repo, workshop_id, token, expected_revision)
            q = _questionnaire(workshop.questionnaire_id, workshop.questionnaire_version)
            _check_decisions(q, decisions)
            records = [
                DecisionRecord(d.action_id, d.status, d.owner_role, d.due, position)
                for position, d in enumerate(decisions)
            ]
            repo.replace_decisions(workshop_id, records, self._now())
            return self._change(repo, workshop).revision

        return self._tx.run(work)

    # --- facilitator: interview mode --------------------------------------------------

    def add_participant(
        self, workshop_id: str, token: str | None, role: str, alias: str | None = None
    ) -> str:
        """A respondent whose answers the facilitator enters (interviews); their id."""

        def work(repo: Repository) -> str:
            workshop = _authorised(repo, workshop_id, token, lock="share")
            if workshop.status == "closed":
                raise WorkshopClosed()
            role_, alias_ = _identity(workshop, role, alias)
            public_id = tokens.new_participant_id()
            repo.add_participant(
                NewParticipant(
                    workshop_id, public_id, role_, alias_, None, ENTERED_BY_FACILITATOR, self._now()
                )
            )
            return public_id

        return self._tx.run(work)

    def import_participants(
        self, workshop_id: str, token: str | None, people: list[Participant]
    ) -> int:
        """Respondents read from a CSV file, added with their answers; how many were added.

        All or nothing: one unknown question, bad answer or id already in the workshop
        refuses the whole file, so a file imported twice does not count anyone twice.
        """

        def work(repo: Repository) -> int:
            workshop = _authorised(repo, workshop_id, token, lock="update")
            if workshop.status == "closed":
                raise WorkshopClosed()
            q = _questionnaire(workshop.questionnaire_id, workshop.questionnaire_version)
            taken = [p.id for p in people if repo.participant(workshop_id, p.id) is not None]
            if taken:
                raise InvalidInput(f"already in this workshop: {', '.join(taken[:5])}")
            if repo.count_participants(workshop_id) + len(people) > MAX_PARTICIPANTS:
                raise WorkshopFull()
            now = self._now()
            for person in people:
                if person.role not in q.roles_by_id:
                    raise InvalidInput(f"{person.id}: role {person.role!r} is not a role")
                alias = None if workshop.anonymity == "anonymous" else person.alias
                pk = repo.add_participant(
                    NewParticipant(workshop_id, person.id, person.role, alias, None, "import", now)
                )
                for question_id, value in person.answers.items():
                    question = q.questions.get(question_id)
                    if question is None:
                        raise InvalidAnswer(f"{person.id}: {question_id} is not a question")
                    problem = check_answer(question, value)
                    if problem is not None:
                        raise InvalidAnswer(f"{person.id}, {question_id}: {value!r} {problem}")
                    repo.upsert_answer(workshop_id, pk, question_id, value, now)
            if people:
                self._change(repo, workshop)
            return len(people)

        return self._tx.run(work)

    def participant_answers(
        self, workshop_id: str, token: str | None, participant_id: str
    ) -> dict[str, AnswerValue]:
        def work(repo: Repository) -> dict[str, AnswerValue]:
            _authorised(repo, workshop_id, token)
            participant = _interviewee(repo, workshop_id, participant_id)
            return repo.answers_of(participant.pk)

        return self._tx.run(work, read_only=True)

    def answer_for(
        self,
        workshop_id: str,
        token: str | None,
        participant_id: str,
        question_id: str,
        value: AnswerValue | None,
    ) -> None:
        """The facilitator records an interviewee's answer (None clears it)."""

        def work(repo: Repository) -> None:
            workshop = _authorised(repo, workshop_id, token, lock="share")
            participant = _interviewee(repo, workshop_id, participant_id)
            if workshop.status == "closed":
                raise WorkshopClosed()
            self._write_answer(repo, workshop, participant, question_id, value)

        self._tx.run(work)

    # --- participants -----------------------------------------------------------------

    def check_code(self, code: str, client_key: str) -> PublicWorkshop:
        """The workshop behind a join code, before the participant picks a role."""
        outcome = self._tx.run(lambda repo: self._code_attempt(repo, code, client_key))
        if isinstance(outcome, StoreError):
            raise outcome
        return _public(outcome)

    def join(
        self, code: str, client_key: str, role: str, alias: str | None = None
    ) -> ParticipantAccess:
        def work(repo: Repository) -> ParticipantAccess | StoreError:
            outcome = self._code_attempt(repo, code, client_key)
            if isinstance(outcome, StoreError):
                return outcome  # returned, not raised: the failed attempt must be committed
            workshop = outcome
            now = self._now()
            if (
                repo.joins_since(workshop.id, now - dt.timedelta(minutes=1))
                >= MAX_JOINS_PER_WORKSHOP_PER_MINUTE
                or repo.count_participants(workshop.id) >= MAX_PARTICIPANTS
            ):
                repo.record_attempt(_client(client_key), workshop.id, False, now)
                return WorkshopFull()
            role_, alias_ = _identity(workshop, role, alias)
            resume_token = tokens.new_resume_token()
            public_id = tokens.new_participant_id()
            repo.add_participant(
                NewParticipant(
                    workshop.id, public_id, role_, alias_, tokens.digest(resume_token), "self", now
                )
            )
            repo.record_attempt(_client(client_key), workshop.id, True, now)
            return ParticipantAccess(
                workshop=_public(workshop), participant_id=public_id, resume_token=resume_token
            )

        outcome = self._tx.run(work)
        if isinstance(outcome, StoreError):
            raise outcome
        return outcome

    def resume(self, resume_token: str | None) -> ParticipantState:
        """Everything a participant's page needs, from the token in their URL.

        Every rerun of a participant's page calls this, so it only reads (on SQLite, no
        write lock); "last seen" is refreshed in a write of its own, at most every
        LAST_SEEN_RESOLUTION, tried once: a page never waits out retries for it."""

        def read(repo: Repository) -> tuple[ParticipantRecord, ParticipantState]:
            participant = _participant(repo, resume_token)
            workshop = repo.get_workshop(participant.workshop_id)
            if workshop is None:  # pragma: no cover - cascades make this impossible
                raise InvalidResumeToken()
            state = ParticipantState(
                workshop=_public(workshop),
                participant_id=participant.public_id,
                role=participant.role,
                alias=participant.alias,
                section=participant.section,
                answers=repo.answers_of(participant.pk),
            )
            return participant, state

        participant, state = self._tx.run(read, read_only=True)
        now = self._now()
        if now - participant.last_seen_at >= LAST_SEEN_RESOLUTION:
            # Only the facilitator's "seen 2 min ago" depends on it: if the database will
            # not take the write now, the page still loads, and the next rerun tries again.
            with contextlib.suppress(StoreUnavailable):
                self._tx.run(
                    lambda repo: repo.update_participant(participant.pk, last_seen_at=now),
                    attempts=1,
                )
        return state

    def answer(self, resume_token: str | None, question_id: str, value: AnswerValue | None) -> None:
        """Save one answer (None clears it): an idempotent upsert, refused once closed."""

        def work(repo: Repository) -> None:
            participant = _participant(repo, resume_token)
            workshop = repo.get_workshop(participant.workshop_id, lock="share")
            if workshop is None:  # pragma: no cover
                raise InvalidResumeToken()
            if workshop.status == "closed":
                raise WorkshopClosed()
            if workshop.status not in WRITABLE:
                raise WorkshopNotOpen()
            self._write_answer(repo, workshop, participant, question_id, value)

        self._tx.run(work)

    def set_section(self, resume_token: str | None, section: int) -> None:
        """Remember where the participant is, so a reload resumes there."""

        def work(repo: Repository) -> None:
            participant = _participant(repo, resume_token)
            repo.update_participant(
                participant.pk, section=max(0, int(section)), last_seen_at=self._now()
            )

        self._tx.run(work)

    # --- archives ---------------------------------------------------------------------

    def import_archive(self, archive: WorkshopArchive) -> FacilitatorAccess:
        """A workshop from an archive (answers collected elsewhere), ready to review: revealed."""
        q = _questionnaire(archive.questionnaire.id, archive.questionnaire.version)
        # The rules a workshop created in the app follows: the same text checks, the same
        # cap, and no name kept in an anonymous workshop.
        organisation = _text(archive.organisation, "organisation", ORGANISATION_LIMIT)
        if len(archive.participants) > MAX_PARTICIPANTS:
            raise InvalidInput(
                f"the archive has {len(archive.participants):,} participants; "
                f"a workshop holds at most {MAX_PARTICIPANTS}"
            )
        anonymous = archive.anonymity == "anonymous"
        aliases = {
            p.id: None if anonymous or not p.alias else _text(p.alias, "alias", ALIAS_LIMIT)
            for p in archive.participants
        }
        token = tokens.new_facilitator_token()
        now = self._now()
        workshop = WorkshopRecord(
            id=tokens.new_workshop_id(),
            organisation=organisation,
            workshop_date=archive.date,
            language=archive.language,
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            min_group_size=archive.min_group_size,
            role_figures=archive.role_figures,
            anonymity=archive.anonymity,
            roles_expected=tuple(dict.fromkeys(p.role for p in archive.participants)),
            status="revealed",
            facilitator_token_hash=tokens.digest(token),
            join_code=None,
            join_code_expires_at=None,
            revision=0,
            created_at=now,
            updated_at=now,
        )

        def work(repo: Repository) -> None:
            repo.add_workshop(workshop)
            for p in archive.participants:
                pk = repo.add_participant(
                    NewParticipant(workshop.id, p.id, p.role, aliases[p.id], None, "import", now)
                )
                for question_id, value in p.answers.items():
                    repo.upsert_answer(workshop.id, pk, question_id, value, now)
            for question_id, agreed in archive.consensus.items():
                record = ConsensusRecord(
                    question_id, agreed.level, agreed.note, tuple(agreed.moved), now
                )
                repo.set_consensus(workshop.id, record)
            _check_decisions(q, archive.roadmap_review)
            repo.replace_decisions(
                workshop.id,
                [
                    DecisionRecord(d.action_id, d.status, d.owner_role, d.due, position)
                    for position, d in enumerate(archive.roadmap_review)
                ],
                now,
            )

        self._tx.run(work)
        return FacilitatorAccess(workshop_id=workshop.id, token=token)

    # --- helpers ----------------------------------------------------------------------

    def _transition(
        self, workshop_id: str, token: str | None, status: str, **changes: object
    ) -> WorkshopView:
        def work(repo: Repository) -> WorkshopView:
            workshop = _authorised(repo, workshop_id, token, lock="update")
            _check_transition(workshop, status)
            return self._change(repo, workshop, status=status, **changes)

        return self._tx.run(work)

    def _editable(
        self, repo: Repository, workshop_id: str, token: str | None, expected_revision: int | None
    ) -> WorkshopRecord:
        workshop = _authorised(repo, workshop_id, token, lock="update")
        if expected_revision is not None and expected_revision != workshop.revision:
            raise StaleEdit(f"revision {workshop.revision}, the page had {expected_revision}")
        return workshop

    def _change(
        self, repo: Repository, workshop: WorkshopRecord, **changes: object
    ) -> WorkshopView:
        """Apply facilitator changes and bump the revision (other tabs then see they are stale)."""
        changes = {**changes, "revision": workshop.revision + 1, "updated_at": self._now()}
        repo.update_workshop(workshop.id, **changes)
        updated = repo.get_workshop(workshop.id)
        if updated is None:  # pragma: no cover - the row is locked by this transaction
            raise UnknownWorkshop(workshop.id)
        return _view(updated)

    def _code_attempt(
        self, repo: Repository, code: str, client_key: str
    ) -> WorkshopRecord | StoreError:
        """The workshop behind `code`, or the error to give — failures are recorded."""
        device, network = _throttled(client_key)
        now = self._now()
        since = now - JOIN_WINDOW
        mine, ours = repo.failures_since(device, since), repo.failures_since(network, since)
        waits = [
            _wait(mine, MAX_FAILED_JOINS_PER_CLIENT, now),
            _wait(ours, MAX_FAILED_JOINS_PER_NETWORK, now),
        ]
        if mine or ours:  # everyone's guesses only hold back those who guessed wrong
            waits.append(_wait(repo.failures_since(EVERYONE, since), MAX_FAILED_JOINS_OVERALL, now))
        if any(waits):
            return TooManyAttempts(max(waits))
        normalised = tokens.normalise_code(code or "")
        workshop = (
            repo.workshop_by_code(normalised)
            if len(normalised) == tokens.JOIN_CODE_LENGTH
            else None
        )
        if workshop is None:
            error: StoreError = InvalidJoinCode()
        elif workshop.status not in JOINABLE:
            error = WorkshopClosed() if workshop.status == "closed" else WorkshopNotOpen()
        elif workshop.join_code_expires_at is not None and workshop.join_code_expires_at <= now:
            error = ExpiredJoinCode()
        else:
            return workshop
        for key in (device, network, EVERYONE):
            repo.record_attempt(key, workshop.id if workshop else None, False, now)
            repo.prune_attempts(key, now - ATTEMPTS_KEPT)
        return error

    def _write_answer(
        self,
        repo: Repository,
        workshop: WorkshopRecord,
        participant: ParticipantRecord,
        question_id: str,
        value: AnswerValue | None,
    ) -> None:
        q = _questionnaire(workshop.questionnaire_id, workshop.questionnaire_version)
        question = q.questions.get(question_id)
        if question is None:
            raise InvalidAnswer(f"{question_id} is not a question of {q.id} v{q.version}")
        now = self._now()
        if value is None:
            repo.delete_answer(participant.pk, question_id)
        else:
            problem = check_answer(question, value)
            if problem is not None:
                raise InvalidAnswer(f"{question_id}: {value!r} {problem}")
            repo.upsert_answer(workshop.id, participant.pk, question_id, value, now)
        if now - participant.last_seen_at >= LAST_SEEN_RESOLUTION:
            repo.update_participant(participant.pk, last_seen_at=now)


class Operator:
    """What the command line may do with direct access to the database (no tokens)."""

    def __init__(self, transactions: Transactions) -> None:
        self._tx = transactions

    def list_workshops(self) -> list[WorkshopSummary]:
        return self._tx.run(lambda repo: repo.list_workshops(), read_only=True)

    def export(self, workshop_id: str) -> WorkshopArchive:
        def work(repo: Repository) -> WorkshopArchive:
            workshop = repo.get_workshop(workshop_id)
            if workshop is None:
                raise UnknownWorkshop(workshop_id)
            return _archive(repo, workshop)

        return self._tx.run(work, read_only=True)

    def delete(self, workshop_id: str) -> None:
        def work(repo: Repository) -> None:
            if repo.get_workshop(workshop_id, lock="update") is None:
                raise UnknownWorkshop(workshop_id)
            repo.delete_workshop(workshop_id)

        self._tx.run(work)


# --- rules that need no state ---------------------------------------------------------


def _authorised(
    repo: Repository, workshop_id: str, token: str | None, lock: Lock = None
) -> WorkshopRecord:
    if not token:
        raise MissingFacilitatorToken()
    workshop = repo.get_workshop(workshop_id, lock=lock) if workshop_id else None
    stored = workshop.facilitator_token_hash if workshop else _NO_DIGEST
    if not tokens.matches(token, stored) or workshop is None:
        raise InvalidFacilitatorToken()
    return workshop


def _participant(repo: Repository, resume_token: str | None) -> ParticipantRecord:
    if not resume_token or not _RESUME_TOKEN.match(resume_token):
        raise InvalidResumeToken()
    participant = repo.participant_by_resume(tokens.digest(resume_token))
    if participant is None:
        raise InvalidResumeToken()
    return participant


def _check_transition(workshop: WorkshopRecord, status: str) -> None:
    if workshop.status not in TRANSITIONS[status]:
        raise InvalidTransition(f"{workshop.status} → {status}")


def _free_code(repo: Repository) -> str:
    while True:
        code = tokens.new_join_code()
        if repo.workshop_by_code(code) is None:
            return code


def _identity(workshop: WorkshopRecord, role: str, alias: str | None) -> tuple[str, str | None]:
    """The role and alias a participant may use in this workshop."""
    q = _questionnaire(workshop.questionnaire_id, workshop.questionnaire_version)
    allowed = [r.id for r in q.roles_offered(workshop.roles_expected)]
    if role not in allowed:
        raise InvalidInput(f"role {role!r} is not one of {', '.join(allowed)}")
    if workshop.anonymity == "anonymous":
        return role, None
    label = "name" if workshop.anonymity == "named" else "alias"
    return role, _text(alias or "", label, ALIAS_LIMIT)


def _check_decisions(q: Questionnaire, decisions: list[RoadmapDecision]) -> None:
    seen: set[str] = set()
    for decision in decisions:
        if decision.action_id not in q.actions_by_id:
            raise InvalidInput(f"{decision.action_id} is not an action")
        if decision.action_id in seen:
            raise InvalidInput(f"{decision.action_id} is reviewed twice")
        seen.add(decision.action_id)
        if decision.owner_role is not None and decision.owner_role not in q.roles_by_id:
            raise InvalidInput(f"{decision.owner_role} is not a role")


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


_TEXT_PROBLEMS = {
    "empty": "is empty",
    "too_long": "is longer than {limit} characters",
    "control": "contains control characters",
}


def _interviewee(repo: Repository, workshop_id: str, participant_id: str) -> ParticipantRecord:
    """A participant the facilitator entered (interview mode): the only people whose
    answers a facilitator may read or change. Someone who answered on their own device
    was told the facilitator never sees their answers one by one."""
    participant = repo.participant(workshop_id, participant_id)
    if participant is None:
        raise InvalidInput(f"no participant {participant_id} in this workshop")
    if participant.entered_by != ENTERED_BY_FACILITATOR:
        raise InvalidInput(
            f"participant {participant_id} answered on their own device: "
            "only the answers of people you interview are yours to read or change"
        )
    return participant


def _text(value: str, field: str, limit: int) -> str:
    problem = text_problem(value, limit)
    if problem is not None:
        raise InvalidInput(f"the {field} {_TEXT_PROBLEMS[problem].format(limit=limit)}")
    return value.strip()


def _client(client_key: str) -> str:
    return (client_key or "unknown")[:128]


def _throttled(client_key: str) -> tuple[str, str]:
    """(device, network) keys of a requester: "address/session" from the UI; a key
    without a session stands for both."""
    device = _client(client_key)
    return device, "net:" + device.split("/", 1)[0]


def _wait(failures: list[dt.datetime], limit: int, now: dt.datetime) -> int:
    """Seconds until fewer than `limit` failures remain in the window (0: none to wait)."""
    if len(failures) < limit:
        return 0
    unlocked = failures[len(failures) - limit] + JOIN_WINDOW
    return max(1, math.ceil((unlocked - now).total_seconds()))


def _questionnaire(questionnaire_id: str, version: int) -> Questionnaire:
    try:
        return questionnaire_for(questionnaire_id, version)
    except InputError as exc:
        raise InvalidInput(exc.lines()[0]) from None


def _view(w: WorkshopRecord) -> WorkshopView:
    return WorkshopView(
        id=w.id,
        organisation=w.organisation,
        workshop_date=w.workshop_date,
        language=_lang(w.language),
        questionnaire_id=w.questionnaire_id,
        questionnaire_version=w.questionnaire_version,
        roles_expected=w.roles_expected,
        anonymity=w.anonymity,
        role_figures=w.role_figures,
        min_group_size=w.min_group_size,
        status=w.status,
        join_code=w.join_code,
        join_code_expires_at=w.join_code_expires_at,
        revision=w.revision,
        created_at=w.created_at,
    )


def _public(w: WorkshopRecord) -> PublicWorkshop:
    return PublicWorkshop(
        id=w.id,
        organisation=w.organisation,
        language=_lang(w.language),
        questionnaire_id=w.questionnaire_id,
        questionnaire_version=w.questionnaire_version,
        roles_expected=w.roles_expected,
        anonymity=w.anonymity,
        status=w.status,
        role_figures=w.role_figures,
        min_group_size=RoleFigures(w.role_figures, w.min_group_size).threshold,  # type: ignore[arg-type]
    )


def _lang(value: str) -> Lang:
    return "en" if value == "en" else "fr"


def _archive(repo: Repository, workshop: WorkshopRecord) -> WorkshopArchive:
    q = _questionnaire(workshop.questionnaire_id, workshop.questionnaire_version)
    order = {question_id: i for i, question_id in enumerate(q.questions)}
    by_participant: dict[int, dict[str, AnswerValue]] = {}
    for answer in repo.answers(workshop.id):
        by_participant.setdefault(answer.participant_pk, {})[answer.question_id] = answer.value
    people = [
        Participant(
            id=p.public_id,
            role=p.role,
            alias=p.alias,
            answers=dict(
                sorted(by_participant.get(p.pk, {}).items(), key=lambda item: order.get(item[0], 0))
            ),
        )
        for p in repo.participants(workshop.id)
    ]
    return WorkshopArchive(
        organisation=workshop.organisation,
        date=workshop.workshop_date,
        language=_lang(workshop.language),
        questionnaire=QuestionnaireRef(
            id=workshop.questionnaire_id, version=workshop.questionnaire_version
        ),
        min_group_size=workshop.min_group_size,
        role_figures=workshop.role_figures,  # type: ignore[arg-type]
        anonymity=workshop.anonymity,  # type: ignore[arg-type]
        participants=people,
        consensus={
            c.question_id: Consensus(level=c.level, note=c.note, moved=list(c.moved))
            for c in repo.consensus(workshop.id)
        },
        roadmap_review=[
            RoadmapDecision(
                action_id=d.action_id,
                status=cast(Literal["accepted", "dropped"], d.status),  # the table's check
                owner_role=d.owner_role,
                due=d.due,
            )
            for d in repo.decisions(workshop.id)
        ],
    )
