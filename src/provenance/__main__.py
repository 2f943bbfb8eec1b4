"""``python -m provenance``: the same command line as the ``provenance`` script."""

from provenance.cli import main

raise SystemExit(main())
