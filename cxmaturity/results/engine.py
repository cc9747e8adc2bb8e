"""answers → results → roadmap: the one function every view calls."""

from __future__ import annotations

from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.questionnaire.model import MultiChoiceQuestion, Questionnaire, SingleChoiceQuestion
from cxmaturity.results.alignment import align, choice
from cxmaturity.results.ambition import assess_ambitions
from cxmaturity.results.mistakes import assess_mistakes
from cxmaturity.results.model import Framing, Results
from cxmaturity.results.responses import arrange
from cxmaturity.results.roadmap import Evidence, apply_review, propose
from cxmaturity.results.scoring import overall, score_dimensions, score_items


def compute_results(archive: WorkshopArchive, q: Questionnaire) -> Results:
    """Everything the workshop's answers say, for questionnaire `q` (already validated)."""
    responses = arrange(archive, q)
    items = score_items(q, responses, archive.consensus)
    dimensions = score_dimensions(q, responses, items, assess_ambitions(q, responses))
    total = overall(dimensions)
    alignment = align(q, responses, items, dimensions)
    mistakes = assess_mistakes(q, items, alignment)
    choices = {
        question.id: choice(q, responses, question.id)
        for question in q.questions.values()
        if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion)
    }
    keys = q.key_questions
    texts = [value for _, value in responses.answers_to(keys.value_destruction)]
    framing = Framing(
        cx_owner=choices[keys.cx_owner],
        kpis_measured=choices[keys.kpis_measured],
        kpis_frequency=choices[keys.kpis_frequency] if keys.kpis_frequency else None,
        value_destruction=sorted(str(text).strip() for text in texts if str(text).strip()),
    )
    evidence = Evidence(
        overall=total,
        dimensions={d.id: d for d in dimensions},
        items={i.question_id: i for i in items},
        mistakes={m.id: m for m in mistakes},
        alignment=alignment,
        choices=choices,
    )
    roadmap, dropped = apply_review(q, propose(q, evidence), archive.roadmap_review, evidence)
    groups = responses.group_sizes()
    respondents = len(responses.participants)
    return Results(
        questionnaire=q.id,
        questionnaire_version=q.version,
        role_figures=responses.rule.mode,
        min_group_size=responses.rule.threshold,
        participants=respondents,
        groups=dict(sorted(groups.items())),
        hidden_participants=respondents - sum(groups.values()),
        overall=total,
        dimensions=dimensions,
        items=items,
        alignment=alignment,
        mistakes=mistakes,
        framing=framing,
        roadmap=roadmap,
        roadmap_dropped=dropped,
    )
