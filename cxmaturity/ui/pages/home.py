"""Page `home`: drawn by `cxmaturity.ui.home` (pages stay thin)."""

from cxmaturity.ui.frame import guarded
from cxmaturity.ui.home import render

guarded(render)
