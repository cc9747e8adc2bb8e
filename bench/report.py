"""PDF report generation: warm in-process (what the UI's download button costs) and cold CLI.

python -m bench.report [--repeat N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.timing import measure
from cxmaturity.archive import dump_archive
from cxmaturity.demo import demo_archive
from cxmaturity.questionnaire import default_questionnaire
from cxmaturity.report import build_report

COMMAND = "python -m bench.report"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    q = default_questionnaire()
    for participants in (12, 40, 200):
        # Warm process, a different workshop each run: nothing comes from the chart cache.
        archives = iter([demo_archive(q, participants, seed=s) for s in range(args.repeat + 1)])
        timing = measure(
            f"report, {participants} participants, warm, new workshop",
            lambda workshops=archives: build_report(next(workshops), q, "fr"),
            args.repeat,
        )
        print(timing.line(COMMAND), flush=True)
    archive = demo_archive(q, 40, seed=1)
    timing = measure(
        "report, 40 participants, same workshop again",
        lambda: build_report(archive, q, "fr"),
        args.repeat,
    )
    print(timing.line(COMMAND), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "w.json", Path(tmp) / "r.pdf"
        source.write_text(dump_archive(demo_archive(q, 40, seed=1)), encoding="utf-8")
        command = [sys.executable, "-m", "cxmaturity", "report", str(source), "--out", str(out)]
        timing = measure(
            "report, 40 participants, cold CLI",
            lambda: subprocess.run(command, check=True, capture_output=True),  # noqa: S603
            max(3, args.repeat // 3),
            warmup=1,
        )
        print(timing.line(COMMAND), flush=True)


if __name__ == "__main__":
    main()
