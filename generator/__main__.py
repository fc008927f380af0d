"""`python -m generator` runs the factsheet command line."""

import sys

from generator.cli import main

sys.exit(main())
