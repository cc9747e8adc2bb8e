"""What facilitators do: create and run a workshop, watch the roster, record what the
team agreed, review the roadmap, and enter the answers of people they interview."""

from __future__ import annotations

import datetime as dt
import math

from cxmaturity.answers import AnswerValue, check_answer
from cxmaturity.archive.model import Consensus, Participant, RoadmapDecision, WorkshopArchive
from cxmaturity.localized import LANGS
from cxmaturity.questionnaire.model import Questionnaire, ScoredQuestion
from cxmaturity.workshops import join_gate, retired, tokens
from cxmaturity.workshops.access import Credential, SignedIn, authorised, interviewee
from cxmaturity.workshops.errors import (
    InvalidAnswer,
    InvalidInput,
    InvalidTransition,
    NotRemovable,
    StaleEdit,
    TooManyWorkshops,
    UnknownWorkshop,
    WorkshopFull,
)
from cxmaturity.workshops.identity import (
    ANONYMITY_MODES,
    ENTERED_BY_FACILITATOR,
    IMPORTED,
    checked_text,
    kept_alias,
)
from cxmaturity.workshops.join_gate import Knock
from cxmaturity.workshops.lifecycle import (
    JOINABLE,
    REMOVABLE,
    check_not_closed,
    check_transition,
)
from cxmaturity.workshops.limits import (
    ALIAS_LIMIT,
    CODE_TTL,
    MAX_PARTICIPANTS,
    MAX_WORKSHOPS_PER_ADDRESS,
    MAX_WORKSHOPS_PER_FACILITATOR,
    ORGANISATION_LIMIT,
    OWNER_NAME_LIMIT,
    WORKSHOPS_PER_ADDRESS_WINDOW,
    WORKSHOPS_PER_FACILITATOR_WINDOW,
)
from cxmaturity.workshops.mapping import (
    archive_of,
    questionnaire_of,
    workshop_questionnaire,
    workshop_view,
)
from cxmaturity.workshops.participation import participant_identity, write_answer
from cxmaturity.workshops.records import (
    ConsensusRecord,
    DecisionRecord,
    NewParticipant,
    ParticipantRecord,
    TallyRecord,
    WorkshopRecord,
)
from cxmaturity.workshops.repository import Repository
from cxmaturity.workshops.role_figures import min_group_problem
from cxmaturity.workshops.transactions import ServiceBase
from cxmaturity.workshops.views import (
    FacilitatorAccess,
    NewWorkshop,
    OwnedWorkshop,
    ParticipantProgress,
    Progress,
    WorkshopView,
)


class Facilitation(ServiceBase):
    # --- the workshop -------------------------------------------------------------

    def create_workshop(
        self,
        new: NewWorkshop,
        requester: Knock | None = None,
        owner: SignedIn | None = None,
    ) -> FacilitatorAccess:
        """A draft workshop and its facilitator link. From the web, `requester` (the
        address) and `owner` (a signed-in facilitator) are each held to a rate."""
        q = questionnaire_of(new.questionnaire_id, new.questionnaire_version)
        organisation = checked_text(new.organisation, "organisation", ORGANISATION_LIMIT)
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
        record = new_workshop_record(
            new, q, organisation, "draft", token, now, owner.subject if owner else None
        )
        limits = []
        if requester is not None:
            limits.append(
                (
                    "created-from:" + requester.address_key,
                    MAX_WORKSHOPS_PER_ADDRESS,
                    WORKSHOPS_PER_ADDRESS_WINDOW,
                )
            )
        if owner is not None:
            limits.append(
                (
                    "created-by:" + owner.subject,
                    MAX_WORKSHOPS_PER_FACILITATOR,
                    WORKSHOPS_PER_FACILITATOR_WINDOW,
                )
            )

        def work(repo: Repository) -> TooManyWorkshops | None:
            held = repo.hold_tallies([key for key, _, _ in limits])
            counted = []
            for key, limit, window in limits:
                tally = held.get(key)
                if tally is None or now - tally.first_at >= window:
                    tally = TallyRecord(key, 0, now, now)
                if tally.count >= limit:
                    wait = (tally.first_at + window - now).total_seconds()
                    return TooManyWorkshops(max(1, math.ceil(wait)))
                counted.append(TallyRecord(key, tally.count + 1, tally.first_at, now))
            repo.save_tallies(counted)
            repo.add_workshop(record)
            return None

        refused = self._tx.run(work)
        if refused is not None:
            raise refused
        return FacilitatorAccess(workshop_id=record.id, token=token)

    def workshop(self, workshop_id: str, token: Credential) -> WorkshopView:
        return self._tx.run(
            lambda repo: workshop_view(authorised(repo, workshop_id, token)), read_only=True
        )

    def my_workshops(self, facilitator: SignedIn) -> list[OwnedWorkshop]:
        """The workshops a signed-in facilitator created, oldest first."""
        summaries = self._tx.run(
            lambda repo: repo.list_workshops(owner=facilitator.subject), read_only=True
        )
        return [
            OwnedWorkshop(s.id, s.organisation, s.workshop_date, s.status, s.participants)
            for s in summaries
        ]

    def rotate_link(self, workshop_id: str, token: Credential) -> FacilitatorAccess:
        """A new facilitator link; the old one (leaked, forwarded) stops working now."""

        def work(repo: Repository) -> FacilitatorAccess:
            workshop = authorised(repo, workshop_id, token, lock="update")
            fresh = tokens.new_facilitator_token()
            old = retired.link_key(workshop.facilitator_token_hash)
            retired.retire(repo, [old], "replaced", self._now())
            self._change(repo, workshop, facilitator_token_hash=tokens.digest(fresh))
            return FacilitatorAccess(workshop_id=workshop.id, token=fresh)

        return self._tx.run(work)

    def open_workshop(
        self, workshop_id: str, token: Credential, code_ttl: dt.timedelta = CODE_TTL
    ) -> WorkshopView:
        """draft → open: participants can join with a fresh code."""

        def work(repo: Repository) -> WorkshopView:
            workshop = authorised(repo, workshop_id, token, lock="update")
            check_transition(workshop.status, "open")
            return self._change(
                repo,
                workshop,
                status="open",
                join_code=_free_code(repo),
                join_code_expires_at=self._now() + code_ttl,
            )

        return self._tx.run(work)

    def new_join_code(
        self, workshop_id: str, token: Credential, code_ttl: dt.timedelta = CODE_TTL
    ) -> WorkshopView:
        """A new code (the old one stops working), valid for `code_ttl` from now."""

        def work(repo: Repository) -> WorkshopView:
            workshop = authorised(repo, workshop_id, token, lock="update")
            if workshop.status not in JOINABLE:
                raise InvalidTransition(f"the workshop is {workshop.status}")
            if workshop.join_code:
                retired.retire(
                    repo, [retired.code_key(workshop.join_code)], "replaced", self._now()
                )
            return self._change(
                repo,
                workshop,
                join_code=_free_code(repo),
                join_code_expires_at=self._now() + code_ttl,
            )

        return self._tx.run(work)

    def reveal(self, workshop_id: str, token: Credential) -> WorkshopView:
        """open → revealed: the team sees the results together."""
        return self._transition(workshop_id, token, "revealed")

    def close(self, workshop_id: str, token: Credential) -> WorkshopView:
        """→ closed: answers are final and the join code stops working (and says so)."""

        def work(repo: Repository) -> WorkshopView:
            workshop = authorised(repo, workshop_id, token, lock="update")
            check_transition(workshop.status, "closed")
            if workshop.join_code:
                retired.retire_code(repo, workshop.join_code, "closed", self._now())
            return self._change(
                repo, workshop, status="closed", join_code=None, join_code_expires_at=None
            )

        return self._tx.run(work)

    def delete_workshop(self, workshop_id: str, token: Credential) -> None:
        """Everything goes; its code and links are remembered as deleted, nothing else."""

        def work(repo: Repository) -> None:
            workshop = authorised(repo, workshop_id, token, lock="update")
            keys = retired.workshop_keys(repo, workshop)
            repo.delete_workshop(workshop_id)
            retired.retire(repo, keys, "deleted", self._now())

        self._tx.run(work)

    # --- the roster -----------------------------------------------------------------

    def progress(self, workshop_id: str, token: Credential) -> Progress:
        """Who has joined and how far each has got — one aggregate query — and whether
        the server is being guessed at while this workshop's code works."""

        def work(repo: Repository) -> Progress:
            workshop = authorised(repo, workshop_id, token)
            section_of = workshop_questionnaire(workshop).required
            by_participant: dict[int, tuple[ParticipantRecord, dict[str, int]]] = {}
            for row in repo.section_counts(workshop_id, section_of):
                _, counts = by_participant.setdefault(row.participant.pk, (row.participant, {}))
                if row.section is not None:
                    counts[row.section] = row.answered
            shown_alias = workshop.anonymity != "anonymous"
            guessing = None
            if workshop.status in JOINABLE and workshop.join_code:
                since = self._now() - join_gate.GUESSING_WINDOW
                seen = repo.guessing_since(since)
                guessing = seen if seen.wrong_codes >= join_gate.GUESSING_ALERT else None
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
                removed=len(repo.removed_participants(workshop_id)),
                guessing=guessing,
            )

        return self._tx.run(work, read_only=True)

    def remove_participant(self, workshop_id: str, token: Credential, participant_id: str) -> None:
        """Take a seat out (a duplicate, a stranger, someone who left), until the close.
        The seat stays on record as removed; it counts in no figure, and its browser is
        not seated again in this workshop."""

        def work(repo: Repository) -> None:
            workshop = authorised(repo, workshop_id, token, lock="update")
            if workshop.status not in REMOVABLE:
                raise NotRemovable()
            participant = repo.participant(workshop_id, participant_id)
            if participant is None or participant.removed_at is not None:
                raise InvalidInput(f"no participant {participant_id} in this workshop")
            repo.update_participant(participant.pk, removed_at=self._now())
            self._change(repo, workshop)

        self._tx.run(work)

    def archive(self, workshop_id: str, token: Credential) -> WorkshopArchive:
        def work(repo: Repository) -> WorkshopArchive:
            return archive_of(repo, authorised(repo, workshop_id, token))

        return self._tx.run(work, read_only=True)

    # --- discussion and roadmap -----------------------------------------------------

    def set_consensus(
        self,
        workshop_id: str,
        token: Credential,
        question_id: str,
        consensus: Consensus | None,
        expected_revision: int | None = None,
    ) -> int:
        """Record (or with None, remove) what the team agreed on an item; the new revision."""

        def work(repo: Repository) -> int:
            workshop = self._editable(repo, workshop_id, token, expected_revision)
            q = workshop_questionnaire(workshop)
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
        token: Credential,
        decisions: list[RoadmapDecision],
        expected_revision: int | None = None,
    ) -> int:
        """Replace the review (accepted / dropped, owner, due date, order); the new revision."""

        def work(repo: Repository) -> int:
            workshop = self._editable(repo, workshop_id, token, expected_revision)
            check_decisions(workshop_questionnaire(workshop), decisions)
            repo.replace_decisions(workshop_id, decision_records(decisions), self._now())
            return self._change(repo, workshop).revision

        return self._tx.run(work)

    # --- interview mode -------------------------------------------------------------

    def add_participant(
        self, workshop_id: str, token: Credential, role: str, alias: str | None = None
    ) -> str:
        """A respondent whose answers the facilitator enters (interviews); their id."""

        def work(repo: Repository) -> str:
            workshop = authorised(repo, workshop_id, token, lock="update")
            check_not_closed(workshop.status)
            if repo.count_participants(workshop_id) >= MAX_PARTICIPANTS:
                raise WorkshopFull()
            role_, alias_ = participant_identity(workshop, role, alias)
            public_id = tokens.new_participant_id()
            repo.add_participant(
                NewParticipant(
                    workshop_id, public_id, role_, alias_, None, ENTERED_BY_FACILITATOR, self._now()
                )
            )
            return public_id

        return self._tx.run(work)

    def import_participants(
        self, workshop_id: str, token: Credential, people: list[Participant]
    ) -> int:
        """Respondents read from a CSV file, added with their answers; how many were added.

        All or nothing: one unknown question, bad answer or id already in the workshop
        refuses the whole file, so a file imported twice does not count anyone twice.
        """

        def work(repo: Repository) -> int:
            workshop = authorised(repo, workshop_id, token, lock="update")
            check_not_closed(workshop.status)
            q = workshop_questionnaire(workshop)
            taken = [p.id for p in people if repo.participant(workshop_id, p.id) is not None]
            if taken:
                raise InvalidInput(f"already in this workshop: {', '.join(taken[:5])}")
            if repo.count_participants(workshop_id) + len(people) > MAX_PARTICIPANTS:
                raise WorkshopFull()
            now = self._now()
            for person in people:
                if person.role not in q.roles_by_id:
                    raise InvalidInput(f"{person.id}: role {person.role!r} is not a role")
                alias = (
                    None
                    if workshop.anonymity == "anonymous" or not person.alias
                    else kept_alias(workshop.anonymity, person.alias, ALIAS_LIMIT)
                )
                pk = repo.add_participant(
                    NewParticipant(workshop_id, person.id, person.role, alias, None, IMPORTED, now)
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
        self, workshop_id: str, token: Credential, participant_id: str
    ) -> dict[str, AnswerValue]:
        def work(repo: Repository) -> dict[str, AnswerValue]:
            authorised(repo, workshop_id, token)
            return repo.answers_of(interviewee(repo, workshop_id, participant_id).pk)

        return self._tx.run(work, read_only=True)

    def answer_for(
        self,
        workshop_id: str,
        token: Credential,
        participant_id: str,
        question_id: str,
        value: AnswerValue | None,
    ) -> None:
        """The facilitator records an interviewee's answer (None clears it)."""

        def work(repo: Repository) -> None:
            workshop = authorised(repo, workshop_id, token, lock="share")
            participant = interviewee(repo, workshop_id, participant_id)
            check_not_closed(workshop.status)
            write_answer(repo, workshop, participant, question_id, value, self._now())

        self._tx.run(work)

    # --- helpers --------------------------------------------------------------------

    def _transition(
        self, workshop_id: str, token: Credential, status: str, **changes: object
    ) -> WorkshopView:
        def work(repo: Repository) -> WorkshopView:
            workshop = authorised(repo, workshop_id, token, lock="update")
            check_transition(workshop.status, status)
            return self._change(repo, workshop, status=status, **changes)

        return self._tx.run(work)

    def _editable(
        self, repo: Repository, workshop_id: str, token: Credential, expected_revision: int | None
    ) -> WorkshopRecord:
        workshop = authorised(repo, workshop_id, token, lock="update")
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
        return workshop_view(updated)


def new_workshop_record(
    new: NewWorkshop,
    q: Questionnaire,
    organisation: str,
    status: str,
    token: str,
    now: dt.datetime,
    owner: str | None = None,
) -> WorkshopRecord:
    """The row of a new workshop (created here, or imported from an archive)."""
    return WorkshopRecord(
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
        status=status,
        facilitator_token_hash=tokens.digest(token),
        join_code=None,
        join_code_expires_at=None,
        revision=0,
        created_at=now,
        updated_at=now,
        owner=owner,
    )


def check_decisions(q: Questionnaire, decisions: list[RoadmapDecision]) -> None:
    seen: set[str] = set()
    for decision in decisions:
        if decision.action_id not in q.actions_by_id:
            raise InvalidInput(f"{decision.action_id} is not an action")
        if decision.action_id in seen:
            raise InvalidInput(f"{decision.action_id} is reviewed twice")
        seen.add(decision.action_id)
        if decision.owner_role is not None and decision.owner_role not in q.roles_by_id:
            raise InvalidInput(f"{decision.owner_role} is not a role")
        if decision.owner_name is not None:
            checked_text(decision.owner_name, "owner name", OWNER_NAME_LIMIT)


def decision_records(decisions: list[RoadmapDecision]) -> list[DecisionRecord]:
    return [
        DecisionRecord(d.action_id, d.status, d.owner_role, d.due, position, d.owner_name)
        for position, d in enumerate(decisions)
    ]


def _free_code(repo: Repository) -> str:
    while True:
        code = tokens.new_join_code()
        if repo.workshop_by_code(code) is None:
            return code
