"""The PDF roadmap report: what the leadership team shares after the workshop."""

from cxmaturity.report.builder import build_report

__all__ = ["build_report"]
