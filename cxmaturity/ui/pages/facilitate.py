"""Page `facilitate`: drawn by `cxmaturity.ui.console` (pages stay thin)."""

from cxmaturity.ui.console import render

render()
