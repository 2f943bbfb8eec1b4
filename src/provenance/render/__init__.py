"""Canonical text for model values: the inverse of ``provenance.parse``, one module per syntax."""
