"""Page `join`: drawn by `cxmaturity.ui.join_flow` (pages stay thin)."""

from cxmaturity.ui.frame import guarded
from cxmaturity.ui.join_flow import render

guarded(render)
