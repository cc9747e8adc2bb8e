"""Page `questionnaire`: drawn by `cxmaturity.ui.questionnaire_page` (pages stay thin)."""

from cxmaturity.ui.frame import guarded
from cxmaturity.ui.questionnaire_page import render

guarded(render)
