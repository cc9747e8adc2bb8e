"""Workshops in and out of archives, and the operator's direct access (command line)."""

from __future__ import annotations

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.workshops import tokens
from cxmaturity.workshops.errors import InvalidInput, UnknownWorkshop
from cxmaturity.workshops.facilitation import (
    check_decisions,
    decision_records,
    new_workshop_record,
)
from cxmaturity.workshops.identity import IMPORTED, checked_text
from cxmaturity.workshops.limits import ALIAS_LIMIT, MAX_PARTICIPANTS, ORGANISATION_LIMIT
from cxmaturity.workshops.mapping import archive_of, questionnaire_of
from cxmaturity.workshops.records import (
    ConsensusRecord,
    NewParticipant,
    WorkshopSummary,
)
from cxmaturity.workshops.repository import Repository
from cxmaturity.workshops.transactions import ServiceBase, Transactions
from cxmaturity.workshops.views import FacilitatorAccess, NewWorkshop


class Archives(ServiceBase):
    def import_archive(self, archive: WorkshopArchive) -> FacilitatorAccess:
        """A workshop from an archive (answers collected elsewhere), ready to review:
        revealed. The rules of a workshop created in the app apply: the same text
        checks, the same cap, and no name kept in an anonymous workshop."""
        q = questionnaire_of(archive.questionnaire.id, archive.questionnaire.version)
        organisation = checked_text(archive.organisation, "organisation", ORGANISATION_LIMIT)
        if len(archive.participants) > MAX_PARTICIPANTS:
            raise InvalidInput(
                f"the archive has {len(archive.participants):,} participants; "
                f"a workshop holds at most {MAX_PARTICIPANTS}"
            )
        check_decisions(q, archive.roadmap_review)
        anonymous = archive.anonymity == "anonymous"
        aliases = {
            p.id: None if anonymous or not p.alias else checked_text(p.alias, "alias", ALIAS_LIMIT)
            for p in archive.participants
        }
        token = tokens.new_facilitator_token()
        settings = NewWorkshop(
            organisation=organisation,
            workshop_date=archive.date,
            language=archive.language,
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            roles_expected=tuple(p.role for p in archive.participants),
            anonymity=archive.anonymity,
            min_group_size=archive.min_group_size,
            role_figures=archive.role_figures,
        )
        now = self._now()
        workshop = new_workshop_record(settings, q, organisation, "revealed", token, now)

        def work(repo: Repository) -> None:
            repo.add_workshop(workshop)
            for p in archive.participants:
                pk = repo.add_participant(
                    NewParticipant(workshop.id, p.id, p.role, aliases[p.id], None, IMPORTED, now)
                )
                for question_id, value in p.answers.items():
                    repo.upsert_answer(workshop.id, pk, question_id, value, now)
            for question_id, agreed in archive.consensus.items():
                record = ConsensusRecord(
                    question_id, agreed.level, agreed.note, tuple(agreed.moved), now
                )
                repo.set_consensus(workshop.id, record)
            repo.replace_decisions(workshop.id, decision_records(archive.roadmap_review), now)

        self._tx.run(work)
        return FacilitatorAccess(workshop_id=workshop.id, token=token)


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
            return archive_of(repo, workshop)

        return self._tx.run(work, read_only=True)

    def delete(self, workshop_id: str) -> None:
        def work(repo: Repository) -> None:
            if repo.get_workshop(workshop_id, lock="update") is None:
                raise UnknownWorkshop(workshop_id)
            repo.delete_workshop(workshop_id)

        self._tx.run(work)
