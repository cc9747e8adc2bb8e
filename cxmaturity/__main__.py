import sys

from cxmaturity.cli import main

sys.exit(main())
