"""The linter: every rule in one registry, run over a parsed spec, with the spec's own waivers applied."""

from __future__ import annotations

from ..errors import Finding
from ..spec.models import OrgSpec
from ..spec.yamltree import Tree
from . import accounts, org, parsing, raci, structure, wording  # noqa: F401 - importing registers the rules
from .registry import LEVELS, RULES, Facts, Level, Report, Rule, rule, rule_table, run_rules
from .waivers import apply_waivers, code_problem, select

__all__ = ["check_spec", "RULES", "Rule", "Level", "LEVELS", "Facts", "Report", "rule", "code_problem", "select",
           "rule_table"]


def check_spec(spec: OrgSpec, tree: Tree, path: str, text: str = "") -> list[Finding]:
    """Every finding of every rule, after the spec's `lint: ignore` and waiver comments."""
    return apply_waivers(run_rules(spec, tree, path), spec, tree, text, path)
