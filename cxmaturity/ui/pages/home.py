"""Page `home`: drawn by `cxmaturity.ui.home` (pages stay thin)."""

from cxmaturity.ui.home import render

render()
