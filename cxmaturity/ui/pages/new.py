"""Page `new`: drawn by `cxmaturity.ui.create_form` (pages stay thin)."""

from cxmaturity.ui.create_form import render
from cxmaturity.ui.frame import guarded

guarded(render)
