"""Page `facilitate`: drawn by `cxmaturity.ui.console` (pages stay thin)."""

from cxmaturity.ui.console import render
from cxmaturity.ui.frame import guarded

guarded(render)
