"""Importing answers from CSV: 1,000 rows, in process (what the console's upload costs)
and through the command line, cold.

python -m bench.csv_import [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.timing import measure
from cxmaturity.archive.csv_io import archive_to_csv, csv_to_archive
from cxmaturity.demo import demo_archive
from cxmaturity.questionnaire import default_questionnaire

COMMAND = "python -m bench.csv_import"
ROWS = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    q = default_questionnaire()
    data = archive_to_csv(demo_archive(q, ROWS, seed=1), q).encode("utf-8")
    timing = measure(
        f"import-csv, {ROWS} rows, in process",
        lambda: csv_to_archive(
            data, "bench.csv", q, organisation="Bench", date=dt.date(2026, 1, 1), language="fr"
        ),
        args.repeat,
    )
    print(timing.line(COMMAND), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "answers.csv", Path(tmp) / "w.json"
        source.write_bytes(data)
        command = [sys.executable, "-m", "cxmaturity", "import-csv", str(source), "--out", str(out)]
        timing = measure(
            f"import-csv, {ROWS} rows, cold CLI",
            lambda: subprocess.run(command, check=True, capture_output=True),  # noqa: S603
            max(3, args.repeat // 2),
        )
        print(timing.line(COMMAND), flush=True)


if __name__ == "__main__":
    main()
