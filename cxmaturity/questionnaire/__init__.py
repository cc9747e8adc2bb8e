"""The questionnaire: bilingual content in `questionnaires/*.yaml`, validated on load."""

from cxmaturity.questionnaire.loader import load_questionnaire, parse_questionnaire
from cxmaturity.questionnaire.model import Questionnaire
from cxmaturity.questionnaire.registry import default_questionnaire

__all__ = [
    "Questionnaire",
    "default_questionnaire",
    "load_questionnaire",
    "parse_questionnaire",
]
