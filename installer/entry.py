"""Entry point of the frozen programs (perfdesk and perfdesk-cli)."""

import sys

from perfdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
