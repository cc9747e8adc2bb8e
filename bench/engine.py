"""Results engine (`compute_results`): answers → maturity, alignment, mistakes, roadmap.

python -m bench.engine [--repeat N]

Targets: < 20 ms at 40 participants, < 300 ms at 1,000. The last line fits
time = fixed + per-participant cost over the sizes measured, to show how it grows.
"""

from __future__ import annotations

import argparse

import numpy as np

from bench.timing import measure
from cxmaturity.demo import demo_archive
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.results import compute_results

COMMAND = "python -m bench.engine"
SIZES = (10, 40, 200, 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    q = default_questionnaire()
    medians = []
    for participants in SIZES:
        archive = demo_archive(q, participants, seed=1)
        timing = measure(
            f"score, {participants} participants",
            lambda archive=archive: compute_results(archive, q),
            args.repeat,
        )
        medians.append(timing.median)
        print(timing.line(COMMAND), flush=True)
    slope, fixed = np.polyfit(SIZES, medians, 1)
    print(
        f"growth: about {fixed * 1000:.1f} ms fixed + {slope * 1e6:.0f} µs per participant "
        f"(least squares over the medians)"
    )


if __name__ == "__main__":
    main()
