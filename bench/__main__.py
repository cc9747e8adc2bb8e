"""Every in-process benchmark, one after the other (`make bench`); the load test against a
real server is separate and longer: `make load` (python -m bench.load)."""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = ["bench.engine", "bench.report", "bench.csv_import", "bench.reruns"]


def main() -> None:
    for module in BENCHMARKS:
        print(f"== {module}", flush=True)
        subprocess.run([sys.executable, "-m", module, *sys.argv[1:]], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
