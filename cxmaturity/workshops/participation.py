"""What participants do: pass the join gate, take (or resume) a seat, answer."""

from __future__ import annotations

import contextlib
import datetime as dt

from cxmaturity.answers import AnswerValue, check_answer
from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.questionnaire.model import FreeTextQuestion, Questionnaire
from cxmaturity.results.engine import compute_results
from cxmaturity.results.model import Results
from cxmaturity.workshops import join_gate, tokens
from cxmaturity.workshops.access import seated
from cxmaturity.workshops.errors import (
    ExpiredJoinCode,
    InvalidAnswer,
    InvalidInput,
    InvalidJoinCode,
    ParticipantRemoved,
    ResultsNotRevealed,
    StoreError,
    StoreUnavailable,
    TooManyAttempts,
    WorkshopClosed,
    WorkshopFull,
    WorkshopNotOpen,
)
from cxmaturity.workshops.identity import SELF_JOINED, kept_alias
from cxmaturity.workshops.join_gate import Knock, Tally
from cxmaturity.workshops.lifecycle import JOINABLE, RESULTS_VISIBLE, check_writable
from cxmaturity.workshops.limits import (
    ALIAS_LIMIT,
    LAST_SEEN_RESOLUTION,
    MAX_JOINS_PER_MINUTE,
    MAX_PARTICIPANTS,
)
from cxmaturity.workshops.mapping import archive_of, public_view, workshop_questionnaire
from cxmaturity.workshops.records import (
    NewParticipant,
    ParticipantRecord,
    TallyRecord,
    WorkshopRecord,
)
from cxmaturity.workshops.repository import Repository
from cxmaturity.workshops.retired import code_refusal
from cxmaturity.workshops.transactions import ServiceBase
from cxmaturity.workshops.views import ParticipantAccess, ParticipantState, PublicWorkshop

#: Who is knocking: a Knock, or an "address/browser" key (see Knock.of).
Door = Knock | str

_ONE_MINUTE = dt.timedelta(minutes=1)
#: Forgotten tallies and old log lines are deleted on an address's 1st, 101st… wrong code.
PRUNE_EVERY = 100


class Participation(ServiceBase):
    def check_code(self, code: str, door: Door) -> PublicWorkshop:
        """The workshop behind a join code, before the participant picks a role."""
        knock = _knock(door)
        outcome = self._tx.run(lambda repo: self._through_the_gate(repo, code, knock))
        if isinstance(outcome, StoreError):
            raise outcome
        return public_view(outcome)

    def join(
        self,
        code: str,
        door: Door,
        role: str,
        alias: str | None = None,
        held_token: str | None = None,
    ) -> ParticipantAccess:
        """A seat in the workshop behind `code`. A browser that already holds one gets
        it back (same participant, same answers): with `held_token`, the resume token
        it still has; otherwise with a new token replacing the old one."""
        knock = _knock(door)

        def work(repo: Repository) -> ParticipantAccess | StoreError:
            found = self._through_the_gate(repo, code, knock)
            if isinstance(found, StoreError):
                return found  # returned, not raised: the tallies must be committed
            # The workshop's row lock makes concurrent joins, on every replica, count
            # one after the other: the caps below are exact. Read again under it, the
            # workshop must still take this code (not closed, the code not replaced).
            workshop = repo.get_workshop(found.id, lock="update")
            refused = _refusal(workshop, tokens.normalise_code(code or ""), self._now())
            if refused is not None or workshop is None:
                return refused or InvalidJoinCode()
            seat = repo.participant_by_browser(workshop.id, knock.browser_hash)
            if seat is not None:
                return self._resumed(repo, workshop, seat, held_token)
            now = self._now()
            if (
                repo.joins_since(workshop.id, now - _ONE_MINUTE) >= MAX_JOINS_PER_MINUTE
                or repo.count_participants(workshop.id) >= MAX_PARTICIPANTS
            ):
                return WorkshopFull()
            role_, alias_ = participant_identity(workshop, role, alias)
            resume_token = tokens.new_resume_token()
            public_id = tokens.new_participant_id()
            repo.add_participant(
                NewParticipant(
                    workshop.id,
                    public_id,
                    role_,
                    alias_,
                    tokens.digest(resume_token),
                    SELF_JOINED,
                    now,
                    browser_hash=knock.browser_hash,
                )
            )
            return ParticipantAccess(
                workshop=public_view(workshop), participant_id=public_id, resume_token=resume_token
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
            participant = seated(repo, resume_token)
            workshop = repo.get_workshop(participant.workshop_id)
            if workshop is None:  # pragma: no cover - cascades make this impossible
                raise InvalidInput("the workshop is gone")
            state = ParticipantState(
                workshop=public_view(workshop),
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

    def team_results(self, resume_token: str | None) -> tuple[WorkshopArchive, Results]:
        """The team's results as a participant may see them, once the facilitator has
        revealed them (or closed the workshop): the archive they are computed from, as
        `seen_by_participants` leaves it, and those results. Before that, ResultsNotRevealed:
        nobody anchors on the first answers seen."""

        def read(repo: Repository) -> tuple[WorkshopArchive, Questionnaire]:
            participant = seated(repo, resume_token)
            workshop = repo.get_workshop(participant.workshop_id)
            if workshop is None:  # pragma: no cover - cascades make this impossible
                raise InvalidInput("the workshop is gone")
            if workshop.status not in RESULTS_VISIBLE:
                raise ResultsNotRevealed()
            q = workshop_questionnaire(workshop)
            return seen_by_participants(archive_of(repo, workshop), q), q

        archive, q = self._tx.run(read, read_only=True)
        return archive, compute_results(archive, q)

    def answer(self, resume_token: str | None, question_id: str, value: AnswerValue | None) -> None:
        """Save one answer (None clears it): an idempotent upsert, refused once closed."""

        def work(repo: Repository) -> None:
            participant = seated(repo, resume_token)
            workshop = repo.get_workshop(participant.workshop_id, lock="share")
            if workshop is None:  # pragma: no cover
                raise InvalidInput("the workshop is gone")
            check_writable(workshop.status)
            write_answer(repo, workshop, participant, question_id, value, self._now())

        self._tx.run(work)

    def set_section(self, resume_token: str | None, section: int) -> None:
        """Remember where the participant is, so a reload resumes there."""

        def work(repo: Repository) -> None:
            participant = seated(repo, resume_token)
            repo.update_participant(
                participant.pk, section=max(0, int(section)), last_seen_at=self._now()
            )

        self._tx.run(work)

    # --- the gate and the seat -----------------------------------------------------

    def _through_the_gate(
        self, repo: Repository, code: str, knock: Knock
    ) -> WorkshopRecord | StoreError:
        """The workshop behind `code`, or the error to give; a code that lets nobody in
        is charged to the browser and its address (see join_gate)."""
        now = self._now()
        keys = (knock.browser_key, knock.address_key)
        held = repo.hold_tallies(keys)
        memories = (join_gate.BROWSER_MEMORY, join_gate.ADDRESS_MEMORY)
        browser, address = (
            _tally(held.get(key)).as_of(now, memory)
            for key, memory in zip(keys, memories, strict=True)
        )
        wait = join_gate.wait_seconds(browser, address, now)
        if wait:
            return TooManyAttempts(wait)
        normalised = tokens.normalise_code(code or "")
        workshop = (
            repo.workshop_by_code(normalised)
            if len(normalised) == tokens.JOIN_CODE_LENGTH
            else None
        )
        error = _refusal(workshop, normalised, now)
        if error is None and workshop is not None:
            return workshop
        if isinstance(error, InvalidJoinCode) and len(normalised) == tokens.JOIN_CODE_LENGTH:
            error = code_refusal(repo, normalised) or error  # a code that once opened one
        error = error or InvalidJoinCode()
        charged = []
        for key, tally in zip(keys, (browser, address), strict=True):
            record = held.get(key)
            first = record.first_at if record is not None and tally.count else now
            charged.append(TallyRecord(key, tally.count + 1, first, now))
        repo.save_tallies(charged)
        repo.record_wrong_code(knock.address_key, now)
        if charged[1].count % PRUNE_EVERY == 1:  # now and then, not on every wrong code
            repo.prune_tallies(now - join_gate.BROWSER_MEMORY)
        return error

    def _resumed(
        self,
        repo: Repository,
        workshop: WorkshopRecord,
        seat: ParticipantRecord,
        held_token: str | None,
    ) -> ParticipantAccess | StoreError:
        if seat.removed_at is not None:
            return ParticipantRemoved()
        token = held_token
        if not token or tokens.digest(token) != seat.resume_token_hash:
            token = tokens.new_resume_token()  # the old link stops working
            repo.update_participant(seat.pk, resume_token_hash=tokens.digest(token))
        return ParticipantAccess(
            workshop=public_view(workshop),
            participant_id=seat.public_id,
            resume_token=token,
            resumed=True,
        )


def write_answer(
    repo: Repository,
    workshop: WorkshopRecord,
    participant: ParticipantRecord,
    question_id: str,
    value: AnswerValue | None,
    now: dt.datetime,
) -> None:
    """One answer saved (None clears it), checked against its question."""
    q = workshop_questionnaire(workshop)
    question = q.questions.get(question_id)
    if question is None:
        raise InvalidAnswer(f"{question_id} is not a question of {q.id} v{q.version}")
    if value is None:
        repo.delete_answer(participant.pk, question_id)
    else:
        problem = check_answer(question, value)
        if problem is not None:
            raise InvalidAnswer(f"{question_id}: {value!r} {problem}")
        repo.upsert_answer(workshop.id, participant.pk, question_id, value, now)
    if now - participant.last_seen_at >= LAST_SEEN_RESOLUTION:
        repo.update_participant(participant.pk, last_seen_at=now)


def seen_by_participants(archive: WorkshopArchive, q: Questionnaire) -> WorkshopArchive:
    """The archive behind a participant's view of the team's results: what the figures
    are computed from (each person's role and levels, what the team agreed), and nothing
    that names or quotes anyone. The results computed from it are the facilitator's, the
    words aside; the role-figures rules (protected mode) apply to them as they do there.

    - no alias or name, in any anonymity mode: the facilitator's results never show one;
    - no seat id: each becomes its rank among them (sorting by id, as the results do,
      keeps the same order), so nothing on the page designates another person's seat;
    - free-text answers emptied, not removed (the person still counts as a respondent):
      the participant's page shows nobody's own words;
    - no consensus note and no action owner's name: the facilitator's typing, which may
      name people; the agreed level, the roles that moved and the owning role stay.
    """
    free = {qid for qid, question in q.questions.items() if isinstance(question, FreeTextQuestion)}
    ranked = sorted(archive.participants, key=lambda p: p.id)
    width = len(str(len(ranked)))
    people = [
        p.model_copy(
            update={
                "id": f"p{n:0{width}d}",
                "alias": None,
                "answers": {qid: "" if qid in free else v for qid, v in p.answers.items()},
            }
        )
        for n, p in enumerate(ranked, start=1)
    ]
    return archive.model_copy(
        update={
            "participants": people,
            "consensus": {
                qid: agreed.model_copy(update={"note": ""})
                for qid, agreed in archive.consensus.items()
            },
            "roadmap_review": [
                d.model_copy(update={"owner_name": None}) for d in archive.roadmap_review
            ],
        }
    )


def participant_identity(
    workshop: WorkshopRecord, role: str, alias: str | None
) -> tuple[str, str | None]:
    """The role and alias a participant may use in this workshop."""
    q = workshop_questionnaire(workshop)
    allowed = [r.id for r in q.roles_offered(workshop.roles_expected)]
    if role not in allowed:
        raise InvalidInput(f"role {role!r} is not one of {', '.join(allowed)}")
    return role, kept_alias(workshop.anonymity, alias, ALIAS_LIMIT)


def _refusal(workshop: WorkshopRecord | None, code: str, now: dt.datetime) -> StoreError | None:
    """Why `code` does not let anyone into `workshop` now, or None if it does."""
    if workshop is None or workshop.join_code != code:
        return InvalidJoinCode()
    if workshop.status not in JOINABLE:
        return WorkshopClosed() if workshop.status == "closed" else WorkshopNotOpen()
    if workshop.join_code_expires_at is not None and workshop.join_code_expires_at <= now:
        return ExpiredJoinCode()
    return None


def _knock(door: Door) -> Knock:
    return door if isinstance(door, Knock) else Knock.of(door)


def _tally(record: TallyRecord | None) -> Tally:
    return Tally() if record is None else Tally(record.count, record.last_at)
