"""``python -m provenance``: the same command line as the ``provenance`` script."""

from provenance.entry import run_process

run_process()
