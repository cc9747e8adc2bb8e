"""Page `answer`: drawn by `cxmaturity.ui.answering` (pages stay thin)."""

from cxmaturity.ui.answering import render
from cxmaturity.ui.frame import guarded

guarded(render)
