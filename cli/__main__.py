"""``python -m cli``: the ``opmodel`` command."""

import sys

from cli.main import main

sys.exit(main())
