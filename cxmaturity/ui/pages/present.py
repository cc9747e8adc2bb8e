"""Page `present`: the room's screen, drawn by `cxmaturity.ui.projector`."""

from cxmaturity.ui.frame import guarded
from cxmaturity.ui.projector import render

guarded(render)
