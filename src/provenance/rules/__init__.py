"""The rules: one module per concern (sources, dates, corroboration), one registry for all.

Importing this package registers nothing; the rule modules load on the first ``all_rules()`` or
``get_rule()`` call, so parsing alone never pays for the checkers.
"""

from __future__ import annotations

from provenance.rules.registry import Emit, Rule, all_rules, get_rule, rule

__all__ = ["Emit", "Rule", "all_rules", "get_rule", "rule"]
