#!/usr/bin/env python3
"""Build the plan website: `python build.py` (see `python build.py --help` for the other commands)."""

import sys

from plansite.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
