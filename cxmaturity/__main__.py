import sys

from cxmaturity.cli import main

# Guarded: a chart-layout worker (spawned) imports the main module again.
if __name__ == "__main__":
    sys.exit(main())
