"""Results: maturity, alignment across roles, the three mistakes and the roadmap."""

from cxmaturity.results.engine import compute_results
from cxmaturity.results.model import Results

__all__ = ["Results", "compute_results"]
