"""Entry point for ``python -m netdesk``."""

import sys

from netdesk.app import main

sys.exit(main())
