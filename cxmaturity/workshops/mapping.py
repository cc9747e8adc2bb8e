"""Records → what the pages and the archive see. Each view shows only what its reader
may see: participants get the public view (no code, no token), and an archive carries
an alias only where people joined under their own name."""

from __future__ import annotations

from typing import cast

from cxmaturity.answers import AnswerValue
from cxmaturity.archive.model import (
    Consensus,
    DecisionStatus,
    Participant,
    QuestionnaireRef,
    RoadmapDecision,
    WorkshopArchive,
)
from cxmaturity.localized import Lang
from cxmaturity.problems import InputError
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.questionnaire.registry import questionnaire_for
from cxmaturity.workshops.errors import InvalidInput
from cxmaturity.workshops.identity import alias_beside_answers
from cxmaturity.workshops.records import WorkshopRecord
from cxmaturity.workshops.repository import Repository
from cxmaturity.workshops.role_figures import RoleFigures
from cxmaturity.workshops.views import PublicWorkshop, WorkshopView


def questionnaire_of(questionnaire_id: str, version: int) -> Questionnaire:
    try:
        return questionnaire_for(questionnaire_id, version)
    except InputError as exc:
        raise InvalidInput(exc.lines()[0]) from None


def workshop_questionnaire(w: WorkshopRecord) -> Questionnaire:
    return questionnaire_of(w.questionnaire_id, w.questionnaire_version)


def workshop_view(w: WorkshopRecord) -> WorkshopView:
    return WorkshopView(
        id=w.id,
        organisation=w.organisation,
        workshop_date=w.workshop_date,
        language=lang_of(w.language),
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


def public_view(w: WorkshopRecord) -> PublicWorkshop:
    return PublicWorkshop(
        id=w.id,
        organisation=w.organisation,
        language=lang_of(w.language),
        questionnaire_id=w.questionnaire_id,
        questionnaire_version=w.questionnaire_version,
        roles_expected=w.roles_expected,
        anonymity=w.anonymity,
        status=w.status,
        role_figures=w.role_figures,
        min_group_size=RoleFigures(w.role_figures, w.min_group_size).threshold,  # type: ignore[arg-type]
    )


def lang_of(value: str) -> Lang:
    return "en" if value == "en" else "fr"


def archive_of(repo: Repository, workshop: WorkshopRecord) -> WorkshopArchive:
    """The workshop as an archive: the people still in it, their answers, what was agreed."""
    q = workshop_questionnaire(workshop)
    order = {question_id: i for i, question_id in enumerate(q.questions)}
    by_participant: dict[int, dict[str, AnswerValue]] = {}
    for answer in repo.answers(workshop.id):
        by_participant.setdefault(answer.participant_pk, {})[answer.question_id] = answer.value
    keep_alias = alias_beside_answers(workshop.anonymity)
    people = [
        Participant(
            id=p.public_id,
            role=p.role,
            alias=p.alias if keep_alias else None,
            answers=dict(
                sorted(by_participant.get(p.pk, {}).items(), key=lambda item: order.get(item[0], 0))
            ),
        )
        for p in repo.participants(workshop.id)
    ]
    return WorkshopArchive(
        organisation=workshop.organisation,
        date=workshop.workshop_date,
        language=lang_of(workshop.language),
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
                status=cast(DecisionStatus, d.status),  # the table's check
                owner_role=d.owner_role,
                owner_name=d.owner_name,
                due=d.due,
            )
            for d in repo.decisions(workshop.id)
        ],
    )
