"""The questionnaire: bilingual content in `questionnaires/*.yaml`, validated on load."""

from cxmaturity.questionnaire.loader import (
    DEFAULT_QUESTIONNAIRE,
    default_questionnaire,
    load_questionnaire,
    parse_questionnaire,
)
from cxmaturity.questionnaire.model import Questionnaire

__all__ = [
    "DEFAULT_QUESTIONNAIRE",
    "Questionnaire",
    "default_questionnaire",
    "load_questionnaire",
    "parse_questionnaire",
]
