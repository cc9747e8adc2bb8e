"""A realistic simulated workshop, for demos, tests and benchmarks.

Roles are spread like a real leadership team, and each role sees the company through its
own lens: the CEO is optimistic about leadership, customer relations sees the journeys'
pain, finance wants ROI. So some dimensions agree, others clearly diverge; a few people
answer "I don't know"; rankings of the objectives disagree. The same seed always gives the
same file, byte for byte (one seeded random generator, a fixed date, stable ordering).
"""

from __future__ import annotations

import datetime as dt
import random

from cxmaturity.answers import DONT_KNOW, AnswerValue
from cxmaturity.archive.model import Participant, QuestionnaireRef, WorkshopArchive
from cxmaturity.localized import Lang
from cxmaturity.questionnaire.model import (
    AmbitionQuestion,
    FreeTextQuestion,
    MultiChoiceQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    ScoredQuestion,
    SingleChoiceQuestion,
)
from cxmaturity.workshops.role_figures import DEFAULT_MIN_GROUP, DEFAULT_MODE, RoleFiguresMode

DEMO_DATE = dt.date(2026, 3, 12)
ORGANISATION = {"fr": "Groupe Horizon (démo)", "en": "Horizon Group (demo)"}

#: Who sits in the room first: two of each core role, then support functions.
SEATING = (
    "ceo", "marketing", "sales", "customer_relations", "cx", "operations",
    "ceo", "marketing", "sales", "customer_relations", "cx", "operations",
    "digital_it", "digital_it", "finance", "hr", "finance", "hr", "other", "other",
)  # fmt: skip
#: Beyond the first seats (large simulations): roles in these proportions.
ROLE_WEIGHTS = {
    "ceo": 0.5, "marketing": 3, "sales": 3, "customer_relations": 3, "cx": 2,
    "operations": 3, "digital_it": 2, "hr": 1.5, "finance": 1.5, "other": 1,
}  # fmt: skip

#: The company's true profile per dimension (the seed moves each by up to ±0.3).
BASE_PROFILE = {
    "leadership": 2.9, "strategy": 2.5, "listening": 3.0, "journeys": 2.4,
    "target_experience": 2.2, "execution": 2.6, "value": 2.3, "employees": 2.8,
}  # fmt: skip
#: How far people disagree on each dimension, whatever their role (points of the scale).
PERSON_SPREAD = {
    "leadership": 0.85, "strategy": 1.0, "listening": 0.3, "journeys": 0.45,
    "target_experience": 0.9, "execution": 0.6, "value": 0.55, "employees": 0.25,
}  # fmt: skip
#: Each role's lens on each dimension (points above or below the company's true profile).
ROLE_BIAS: dict[str, dict[str, float]] = {
    "ceo": {"leadership": 0.9, "strategy": 0.8, "value": 0.3, "employees": 0.2},
    "marketing": {"target_experience": 0.9, "strategy": 0.3, "listening": 0.3},
    "sales": {"value": 0.6, "execution": 0.3, "listening": -0.2},
    "customer_relations": {
        "journeys": -0.8,
        "listening": -0.4,
        "execution": -0.6,
        "leadership": -0.4,
    },
    "cx": {"strategy": -0.7, "leadership": -0.6, "journeys": -0.3, "listening": 0.3},
    "operations": {"execution": 0.5, "journeys": 0.3, "target_experience": -0.3},
    "digital_it": {"journeys": 0.3, "target_experience": -0.3},
    "hr": {"employees": 0.3, "leadership": 0.2},
    "finance": {"value": -0.5, "target_experience": -0.2},
}
#: How far above today each person wants a dimension in 18 months: a general lift, more
#: where the role's own work lies (so ambitions differ by role, as they do in a real room).
AMBITION_LIFT = 0.8
AMBITION_FOCUS: dict[str, dict[str, float]] = {
    "ceo": {"strategy": 0.8, "value": 0.6, "leadership": 0.3},
    "marketing": {"target_experience": 0.8, "strategy": 0.3},
    "sales": {"value": 0.8},
    "customer_relations": {"journeys": 1.0, "employees": 0.5},
    "cx": {"listening": 0.8, "journeys": 0.8, "target_experience": 0.6},
    "operations": {"execution": 0.6, "journeys": 0.4},
    "digital_it": {"listening": 0.5, "journeys": 0.5},
    "hr": {"employees": 1.0},
    "finance": {"value": 0.5, "execution": 0.3},
}
#: Dimensions a role often cannot judge ("I don't know").
DONT_KNOW_TOPICS = {
    "finance": {"journeys", "listening", "target_experience"},
    "hr": {"journeys", "listening", "value"},
    "digital_it": {"employees", "value"},
}
#: What each role wants CX to achieve (utility of each objective before noise).
OBJECTIVE_TASTE: dict[str, dict[str, float]] = {
    "ceo": {"roi": 1.2, "share_of_wallet": 0.8, "churn": 0.6, "recommendation": 0.3},
    "marketing": {"recommendation": 1.1, "satisfaction": 0.7, "share_of_wallet": 0.5},
    "sales": {"share_of_wallet": 1.3, "churn": 0.7, "recommendation": 0.4},
    "customer_relations": {"reduce_effort": 1.3, "satisfaction": 0.8, "churn": 0.5},
    "cx": {"reduce_effort": 1.0, "satisfaction": 0.9, "recommendation": 0.6},
    "operations": {"reduce_effort": 1.0, "roi": 0.6},
    "finance": {"roi": 1.5, "churn": 0.8},
}
#: Each role's pull towards options of the single-choice questions.
CHOICE_TASTE: dict[str, dict[str, float]] = {
    "ceo": {
        "customer_centric": 2,
        "sales": 1.5,
        "strategic": 3,
        "priority_subject": 2,
        "executive_committee": 2,
    },
    "marketing": {"ux_digital": 2, "sales": 1.5, "voice_of_customer": 2, "marketing": 3},
    "sales": {"sales": 3, "ambassadors": 3, "pain_points": 2, "nobody": 1.5},
    "customer_relations": {
        "process": 2,
        "customer_centric": 2,
        "pain_points": 3,
        "customer_relations": 3,
    },
    "cx": {"customer_centric": 5, "voice_of_customer": 3, "cx_team": 3, "nobody": 2},
    "operations": {"process": 4, "pain_points": 2, "priority_subject": 2, "each_function": 2},
    "digital_it": {"ux_digital": 4, "priority_subject": 2},
    "finance": {"process": 2, "strategic": 2, "nobody": 2},
    "hr": {"customer_centric": 2, "strategic": 2, "each_function": 2},
}
KPI_LIKELIHOOD = {"nps": 0.75, "csat": 0.55, "ces": 0.15}
FREE_TEXTS: dict[Lang, tuple[str, ...]] = {
    "fr": (
        "Les réclamations traînent\u202f: un client attend trois semaines une réponse définitive.",
        "Nous perdons des clients fidèles au moment du renouvellement, sans savoir pourquoi.",
        "Entre le commercial et le service client, un trou noir\u202f; le client répète tout.",
        "La livraison\u202f: retards mal annoncés, et personne ne rappelle le client.",
        "Trop d'offres promotionnelles pour les nouveaux clients, rien pour les fidèles.",
        "Nos conseillers n'ont pas la main pour régler un litige de moins de 50\u00a0€.",
        "L'espace client en ligne est incomplet, alors tout finit au téléphone.",
        "On lance des projets «\u202fexpérience client\u202f» qui s'arrêtent après six mois.",
        "La facturation est illisible\u202f; elle génère un quart des appels entrants.",
        "Nous mesurons le NPS mais personne n'en fait rien.",
        "Le coût d'acquisition explose pendant que le churn reste stable à 15\u202f%.",
        "Les grands comptes ont un interlocuteur différent à chaque étape.",
    ),
    "en": (
        "Complaints drag on: a customer waits three weeks on average for a final answer.",
        "We lose loyal customers at renewal time without knowing why.",
        "The hand-over from sales to service is a black hole; customers repeat everything.",
        "Delivery: delays badly announced, and nobody calls the customer back.",
        "Plenty of offers for new customers, nothing for loyal ones.",
        "Our advisers cannot settle a dispute under €50 on their own.",
        "The online customer area is incomplete, so everything ends up on the phone.",
        "We launch 'customer experience' projects that stop after six months.",
        "Invoices are unreadable; they cause a quarter of inbound calls.",
        "We measure NPS but nobody acts on it.",
        "Acquisition costs soar while churn stays stuck at 15%.",
        "Key accounts get a different contact at every step.",
    ),
}
DONT_KNOW_RATE = 0.04
FREE_TEXT_RATE = 0.45
PARTIAL_RANKING_RATE = 0.25


def demo_archive(
    q: Questionnaire,
    participants: int,
    seed: int,
    language: Lang = "fr",
    role_figures: RoleFiguresMode = DEFAULT_MODE,
    min_group_size: int = DEFAULT_MIN_GROUP,
) -> WorkshopArchive:
    rng = random.Random(seed)
    profile = {d.id: BASE_PROFILE.get(d.id, 2.7) + rng.uniform(-0.3, 0.3) for d in q.dimensions}
    item_offset = {item.id: rng.gauss(0, 0.35) for item in q.scored_items}
    roles = seat_roles(participants, [role.id for role in q.roles])
    people = []
    for number, role in enumerate(roles, start=1):
        lens = {
            d: profile[d]
            + ROLE_BIAS.get(role, {}).get(d, 0.0)
            + rng.gauss(0, PERSON_SPREAD.get(d, 0.5))
            for d in profile
        }
        answers: dict[str, AnswerValue] = {}
        for question in q.questions.values():
            value = _answer(rng, q, question, role, lens, item_offset, language)
            if value is not None:
                answers[question.id] = value
        people.append(Participant(id=f"p{number:03d}", role=role, answers=answers))
    return WorkshopArchive(
        organisation=ORGANISATION[language],
        date=DEMO_DATE,
        language=language,
        questionnaire=QuestionnaireRef(id=q.id, version=q.version),
        role_figures=role_figures,
        min_group_size=min_group_size,
        participants=people,
    )


def seat_roles(count: int, known: list[str]) -> list[str]:
    """The roles of `count` participants: the first seats in order, then by weight."""
    seats = [role for role in SEATING if role in known][:count]
    remaining = count - len(seats)
    if remaining > 0:
        weights = {role: ROLE_WEIGHTS.get(role, 1.0) for role in known}
        total = sum(weights.values())
        exact = {role: remaining * w / total for role, w in weights.items()}
        counts = {role: int(share) for role, share in exact.items()}
        by_remainder = sorted(known, key=lambda role: -(exact[role] - counts[role]))
        for role in by_remainder[: remaining - sum(counts.values())]:
            counts[role] += 1
        seats += [role for role in known for _ in range(counts[role])]
    return seats


def _answer(
    rng: random.Random,
    q: Questionnaire,
    question: Question,
    role: str,
    lens: dict[str, float],
    item_offset: dict[str, float],
    language: Lang,
) -> AnswerValue | None:
    match question:
        case ScoredQuestion():
            topic_gap = question.dimension in DONT_KNOW_TOPICS.get(role, set())
            if rng.random() < DONT_KNOW_RATE + (0.15 if topic_gap else 0.0):
                return DONT_KNOW
            level = lens[question.dimension] + item_offset[question.id] + rng.gauss(0, 0.45)
            return min(5, max(1, round(level)))
        case AmbitionQuestion():
            if rng.random() < DONT_KNOW_RATE:
                return DONT_KNOW
            focus = AMBITION_FOCUS.get(role, {}).get(question.dimension, 0.0)
            level = lens[question.dimension] + AMBITION_LIFT + focus + rng.gauss(0, 0.5)
            return min(5, max(1, round(level)))
        case RankingQuestion():
            if rng.random() < DONT_KNOW_RATE:
                return DONT_KNOW
            taste = OBJECTIVE_TASTE.get(role, {})
            utility = {o.id: taste.get(o.id, 0.0) + rng.gauss(0, 0.7) for o in question.options}
            order = sorted(utility, key=lambda option: -utility[option])
            return order[: question.min_ranked] if rng.random() < PARTIAL_RANKING_RATE else order
        case MultiChoiceQuestion():
            if rng.random() < DONT_KNOW_RATE * 2:
                return DONT_KNOW
            picked = [
                o.id
                for o in question.options
                if not o.exclusive and rng.random() < KPI_LIKELIHOOD.get(o.id, 0.1)
            ]
            exclusive = [o.id for o in question.options if o.exclusive]
            return picked or exclusive[:1] or [question.options[0].id]
        case SingleChoiceQuestion():
            if rng.random() < DONT_KNOW_RATE:
                return DONT_KNOW
            taste = CHOICE_TASTE.get(role, {})
            weights = [taste.get(o.id, 1.0) for o in question.options]
            return rng.choices([o.id for o in question.options], weights=weights)[0]
        case FreeTextQuestion():
            if rng.random() < FREE_TEXT_RATE:
                return rng.choice(FREE_TEXTS[language])[: question.max_length]
            return None
    return None
