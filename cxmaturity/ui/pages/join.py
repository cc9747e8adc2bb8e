"""Page `join`: drawn by `cxmaturity.ui.join_flow` (pages stay thin)."""

from cxmaturity.ui.join_flow import render

render()
