"""Measure every chart of the corpus as drawn, and fail on a layout rule broken.

Renders every spec (default: specs/, tests/corpus/ and the generated organisations), every view
(the org view in both TB and LR), through orgcharts' own pipeline with no cache, as SVG; then
measures the SVG: text against its box, reporting lines (right angles, no crossings, no card or
heading crossed, siblings in spec order), dotted lines, curves, the fit in the box a chart gets on
a 1920x1080 slide (layout/fit.py), no piece of a split org chart holding fewer than 4 role cards (a
sliver), and no responsibilities piece holding fewer than half its siblings' role cards.

    python checks/layout.py                      # everything; a table, then a summary
    python checks/layout.py tests/corpus/x.yaml --view org -v    # one spec, each violation listed
    python checks/layout.py --json               # machine-readable

What it reads from Graphviz's SVG: `<g class="node|edge|cluster">` groups, each with a `<title>`
holding the DOT id. A role is found by its node id `role-<id>` (a role inside a grid or team box
is skipped, and counted); a node at most 3 pt either way is a junction, anything larger a card;
the texts of a cluster are its heading; a dashed line (`stroke-dasharray`) is a dotted line,
every other drawn edge a solid one. An edge `a:port->b` ends inside `a` by design, so `a` is
not counted as crossed by it.

Exit 0 when every chart passes, 1 when any rule is broken (or a spec fails to load or draw), 2 on
a usage error.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType

if __package__ in (None, ""):  # run as a script: make `checks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from orgcharts.errors import SpecError  # noqa: E402
from orgcharts.commands.pipeline import Chart, SpecFile, display_path, find_specs, load_specs, plan_charts  # noqa: E402,E501
from orgcharts.spec.models import OrgSpec, ViewOptions, Views  # noqa: E402
from orgcharts.views.registry import VIEWS  # noqa: E402

from checks import layout_rules as rules  # noqa: E402
from checks.scenegeom import drawing_from_scene  # noqa: E402
from checks.svggeom import Drawing  # noqa: E402
from orgcharts.options import Look  # noqa: E402
from orgcharts.layout.scene import SCENE, read_scene  # noqa: E402
from orgcharts.engine.workers import draw_jobs  # noqa: E402
from checks import reading  # noqa: E402
from checks.stability import unstable  # noqa: E402


__all__ = ["Measured", "measure", "org_families", "org_lines", "with_direction", "plan", "check", "main"]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = (ROOT / "specs", ROOT / "tests" / "corpus")
DEFAULT_TIMEOUT = 60.0


@dataclass
class Measured:
    """One chart's measurements and violations."""

    spec: str
    view: str
    direction: str
    chart: str  # the chart's file name, without extension
    width: float = 0.0
    height: float = 0.0
    fill: float = 0.0
    smallest_px: float | None = None
    lines: int = 0
    skipped: int = 0  # siblings with no card of their own here (in another piece, or inside a team card)
    cards: int = 0  # role cards drawn
    violations: list[rules.Violation] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.width / self.height if self.height else 0.0

    def counts(self) -> Counter[str]:
        """Violations by rule code."""
        return Counter(v.rule for v in self.violations)


def org_families(spec: OrgSpec) -> list[tuple[str, list[str]]]:
    """Each manager's node id with their direct (non-assistant) reports' node ids, in spec order."""
    ids = {r.id for r in spec.roles}
    families: dict[str, list[str]] = {}
    for role in spec.roles:
        if role.reports_to in ids and not role.assistant:
            families.setdefault(f"role-{role.reports_to}", []).append(f"role-{role.id}")
    return [(boss, kids) for boss, kids in families.items() if len(kids) > 1]


def org_lines(spec: OrgSpec) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Every reporting line and every dotted line of the spec, as (manager, report) node ids."""
    ids = {r.id for r in spec.roles}
    solid = [(f"role-{r.reports_to}", f"role-{r.id}") for r in spec.roles if r.reports_to in ids]
    dotted = [(f"role-{boss}", f"role-{r.id}") for r in spec.roles for boss in r.dotted_to if boss in ids]
    return solid, dotted


def measure(drawing: Drawing, view: str, direction: str, spec: OrgSpec | None, pieces: int = 1) -> Measured:
    """Every rule that applies to the view, on one drawing, one of `pieces` charts (spec and chart names blank)."""
    result = Measured("", view, direction, "", drawing.width, drawing.height)
    fit = rules.slide_fit(drawing)
    result.fill, result.smallest_px = fit.fill, fit.smallest_px
    result.lines = len(rules.drawn_lines(drawing))
    result.cards = len(rules.role_cards(drawing))
    found = rules.text_overflow(drawing) + rules.slide_violations(fit)
    if view == "org":
        found += rules.slivers(drawing, pieces)  # (a responsibilities piece of 3 duty cards can fill a slide)
        found += (rules.solid_not_square(drawing) + rules.lines_through_cards(drawing)
                  + rules.lines_through_headings(drawing) + rules.solid_crossings(drawing)
                  + rules.lines_through_cards(drawing, dashed=True)
                  + rules.lines_through_headings(drawing, dashed=True) + rules.dotted_along_solid(drawing)
                  + reading.dotted_crossings(drawing) + reading.dotted_merged(drawing))
        if spec is not None:
            order, result.skipped = rules.sibling_order(drawing, org_families(spec), direction == "LR")
            solid, dotted = org_lines(spec)
            missing, _ = rules.missing_lines(drawing, solid, dotted)
            missing = [v for v in missing if not _said_instead(drawing, v)]
            found += order + missing + reading.false_joins(drawing, solid)
    elif view == "raci":
        found += reading.raci_pieces(drawing, pieces)
    elif view in ("responsibilities", "accounts"):
        found += rules.curves(drawing)
    order_of = list(rules.RULES)
    result.violations = sorted(found, key=lambda v: order_of.index(v.rule) if v.rule in order_of else 99)
    return result


def _said_instead(drawing: Drawing, missing: rules.Violation) -> bool:
    """A dotted line not drawn because no route clears the reporting lines, said on the report's card instead."""
    if not missing.message.startswith("no dotted"):
        return False
    node = drawing.nodes.get(missing.ids[1])
    return node is not None and any("works with" in t.text for t in node.texts)


def with_direction(item: SpecFile, direction: str) -> SpecFile:
    """The spec with its org view's direction set (other options kept)."""
    views = item.spec.views or Views()
    org = (views.org or ViewOptions()).model_copy(update={"direction": direction})
    spec = item.spec.model_copy(update={"views": views.model_copy(update={"org": org})})
    return SpecFile(item.path, spec, item.warnings)


@dataclass(frozen=True)
class Planned:
    """A chart to draw, with what measuring it needs."""

    chart: Chart
    direction: str
    spec: OrgSpec


def plan(item: SpecFile, views: Sequence[str], split: bool = True) -> list[Planned]:
    """Every chart of a spec (every piece of a split view): each view asked for, the org view both ways."""
    others = [v for v in views if v != "org"]
    # An empty list of views means "the spec's own choice" to plan_charts: ask only when there are some.
    planned = [Planned(c, "-", item.spec) for c in plan_charts([item], others, split=split)] if others else []
    if "org" in views:
        for direction in ("TB", "LR"):
            turned = with_direction(item, direction)
            planned += [Planned(c, direction, turned.spec) for c in plan_charts([turned], ["org"], split=split)]
    return planned


def _batches(planned: Sequence[Planned]) -> list[list[Planned]]:
    """Charts in batches whose file names are unique, so one render call never overwrites a chart."""
    batches: list[list[Planned]] = []
    for item in planned:
        name = item.chart.file_name("svg")
        home = next((b for b in batches if all(p.chart.file_name("svg") != name for p in b)), None)
        if home is None:
            batches.append([item])
        else:
            home.append(item)
    return batches


def _short(message: str, limit: int = 240) -> str:
    """A Graphviz message cut to a readable length (some list every node of the graph)."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _draw_and_measure(planned: Sequence[Planned], timeout: float) -> list[Measured]:
    """Each chart laid out and measured from its Scene: the positions the render draws (see scene.py)."""
    results: list[Measured] = []
    pieces = Counter((p.chart.stem, p.chart.view, p.direction) for p in planned)  # charts a view was split into
    for batch in _batches(planned):
        drawn = draw_jobs([(p.chart.dot, [SCENE], Look()) for p in batch], timeout)
        for item, result in zip(batch, drawn):
            chart = item.chart
            name = chart.file_name("svg")
            if isinstance(result, Exception):
                result_m = Measured("", chart.view, item.direction, "",
                                    violations=[rules.Violation("render", _short(str(result)), (name,))])
            else:
                result_m = measure(drawing_from_scene(read_scene(result[SCENE])), chart.view, item.direction,
                                   item.spec, pieces[(chart.stem, chart.view, item.direction)])
                result_m.violations[:0] = [rules.Violation("graphviz", _short(message), (chart.name,))
                                           for message in getattr(result, "diagnostics", ())]
            result_m.spec, result_m.chart = chart.stem, name.removesuffix(".svg")
            results.append(result_m)
    return results


def _load(paths: Sequence[Path]) -> tuple[list[SpecFile], list[Measured]]:
    """Each spec that loads, and a failed row for each that does not."""
    loaded: list[SpecFile] = []
    failed: list[Measured] = []
    for path in paths:
        try:
            loaded += load_specs([path])
        except SpecError as exc:
            first = exc.findings[0] if exc.findings else None
            why = str(first) if first is not None else "does not load"
            failed.append(Measured(path.stem, "-", "-", path.stem,
                                   violations=[rules.Violation("spec", why, (display_path(path),))]))
    return loaded, failed


def _generator() -> ModuleType:
    source = ROOT / "tests" / "corpus" / "generate.py"
    module_spec = importlib.util.spec_from_file_location("corpus_generate", source)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def check(paths: Sequence[Path], views: Sequence[str], generated: bool, timeout: float = DEFAULT_TIMEOUT,
          progress: bool = False, split: bool = True) -> list[Measured]:
    """Load, plan, draw and measure every chart of the given specs (plus the generated ones)."""
    with tempfile.TemporaryDirectory(prefix="layout-check-") as tmp:
        spec_paths = find_specs(list(paths))
        if generated:
            spec_paths += _generator().generated_specs(Path(tmp))
        loaded, results = _load(spec_paths)
        planned: list[Planned] = []
        for item in loaded:
            try:
                planned += plan(item, views, split)
            except Exception as exc:  # a view that crashes is a finding about that spec, not the end of the run
                why = f"planning the charts failed: {type(exc).__name__}: {exc}"
                results.append(Measured(item.path.stem, "-", "-", item.path.stem,
                                        violations=[rules.Violation("render", why, (display_path(item.path),))]))
        if progress:
            print(f"  drawing {len(planned)} charts of {len(loaded)} specs", file=sys.stderr, flush=True)
        results += _draw_and_measure(planned, timeout)  # one batch: every worker busy until the end
        _check_balance(results)
        if "org" in views:
            _check_stability(loaded, results, split)
    return results


def _check_balance(results: Sequence[Measured]) -> None:
    """A `balance` violation on each responsibilities piece far emptier than the other pieces of its view."""
    views: dict[tuple[str, str], list[Measured]] = {}
    for m in results:
        if m.view == "responsibilities" and not any(v.rule == "render" for v in m.violations):
            views.setdefault((m.spec, m.direction), []).append(m)
    for pieces in views.values():
        if len(pieces) > 1:
            for index, violation in reading.emptiest_piece([m.cards for m in pieces]):
                pieces[index].violations.append(violation)


def _check_stability(loaded: Sequence[SpecFile], results: list[Measured], split: bool) -> None:
    """A `stable` violation on the first org chart of each spec and direction whose arrangement changes
    when one-seat roles' names stand in for a headcount (or the other way)."""
    for item in loaded:
        for direction in ("TB", "LR"):
            spec = with_direction(item, direction).spec
            options = (spec.views.org if spec.views and spec.views.org else ViewOptions()).model_copy(
                update={"split": split})
            try:
                moved = unstable(spec, options)
            except Exception as exc:  # the drawing itself is checked (and reported) above
                moved = [f"({type(exc).__name__})"]
            row = next((m for m in results if m.spec == item.path.stem and m.view == "org"
                        and m.direction == direction), None)
            if moved and row is not None:
                shown = ", ".join(moved[:6]) + (f" and {len(moved) - 6} more" if len(moved) > 6 else "")
                row.violations.append(rules.Violation("stable", f"{len(moved)} roles move when names stand in "
                                                      f"for a headcount: {shown}", tuple(moved)))


_SHORT = {"render": "render", "spec": "spec", "graphviz": "gv", "text": "text", "square": "diag", "card": "card",
          "heading": "head", "cross": "cross", "order": "order", "missing": "miss", "dot-card": "dcard",
          "dot-heading": "dhead", "dot-along": "dalong", "curve": "curve", "fill": "fill", "small": "small",
          "sliver": "sliver", "dot-cross": "dcross", "dot-merge": "dmerge", "join": "join", "stable": "stable",
          "raci-piece": "rpiece", "balance": "bal"}


def _px(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _row(m: Measured) -> str:
    counts = m.counts()
    found = " ".join(f"{_SHORT.get(rule, rule)}:{counts[rule]}" for rule in rules.RULES if counts[rule]) or "ok"
    size = f"{m.width:.0f}x{m.height:.0f}" if m.width else "-"
    return (f"| {m.spec} | {m.chart.removeprefix(m.spec + '-')} | {m.direction} | {size} | {m.ratio:.2f} | "
            f"{m.fill:.0%} | {_px(m.smallest_px)} | {m.lines} | {found} |")


def table(results: Sequence[Measured]) -> str:
    """One Markdown row per chart, then a summary line."""
    head = ["| spec | chart | dir | size (pt) | ratio | fill | min text px | lines | violations |",
            "|---|---|---|---|---|---|---|---|---|"]
    return "\n".join([*head, *(_row(m) for m in results), "", summary(results)])


def summary(results: Sequence[Measured]) -> str:
    """How many charts pass, and the violations by rule."""
    total: Counter[str] = Counter()
    for m in results:
        total.update(m.counts())
    passing = sum(1 for m in results if not m.violations)
    skipped = sum(m.skipped for m in results)
    by_rule = ", ".join(f"{rule} {total[rule]}" for rule in rules.RULES if total[rule]) or "none"
    return (f"{passing} of {len(results)} charts pass; violations by rule: {by_rule}; "
            f"{skipped} siblings were not order-checked: they have no card of their own on that chart "
            "(they are in another piece, or listed inside a team card)")


def _details(results: Sequence[Measured]) -> str:
    lines = []
    for m in results:
        for v in m.violations:
            lines.append(f"{m.chart} [{m.direction}] {v.rule}: {v.message}  ({', '.join(v.ids)})")
    return "\n".join(lines)


def _as_json(results: Sequence[Measured]) -> str:
    charts = []
    for m in results:
        item = asdict(m)
        item["ratio"] = round(m.ratio, 4)
        item["counts"] = dict(m.counts())
        item["violations"] = [asdict(v) for v in m.violations]
        item["fill"] = round(m.fill, 4)
        item["smallest_px"] = round(m.smallest_px, 4) if m.smallest_px is not None else None
        charts.append(item)
    return json.dumps({"charts": charts, "summary": summary(results),
                       "passed": all(not m.violations for m in results)}, indent=1, ensure_ascii=False)


def _key(chart: str, direction: str) -> str:
    return f"{chart} [{direction}]"


def compare(results: Sequence[Measured], baseline: dict[str, object]) -> str:
    """Charts that got worse or better than in an earlier `--json` run: violations, fill, smallest text."""
    before: dict[str, dict[str, object]] = {}
    for item in baseline.get("charts", []):  # type: ignore[attr-defined]
        before[_key(item["chart"], item["direction"])] = item
    lines = []
    for m in results:
        old = before.pop(_key(m.chart, m.direction), None)
        if old is None:
            lines.append(f"new    {_key(m.chart, m.direction)}: {len(m.violations)} violations")
            continue
        was = len(old["violations"])  # type: ignore[arg-type]
        fill = float(old["fill"])  # type: ignore[arg-type]
        notes = []
        if len(m.violations) != was:
            notes.append(f"violations {was} -> {len(m.violations)}")
        if abs(m.fill - fill) >= 0.01:
            notes.append(f"fill {fill:.0%} -> {m.fill:.0%}")
        if old.get("smallest_px") != (round(m.smallest_px, 4) if m.smallest_px is not None else None):
            notes.append(f"min text {_px(old.get('smallest_px'))} -> {_px(m.smallest_px)}")  # type: ignore[arg-type]
        if notes:
            worse = len(m.violations) > was
            lines.append(f"{'worse ' if worse else 'better' if len(m.violations) < was else 'moved '} "
                         f"{_key(m.chart, m.direction)}: {', '.join(notes)}")
    lines += [f"gone   {key}" for key in before]
    return "\n".join(lines) or "no chart changed"


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: measure, print the table (or JSON), exit 1 on any violation."""
    rule_list = "\n".join(f"  {_SHORT[code]:7} {meaning}" for code, meaning in rules.RULES.items())
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None,
                                     epilog=f"violation columns:\n{rule_list}",
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="spec files or folders (default: specs/ tests/corpus/)")
    parser.add_argument("--view", action="append", choices=list(VIEWS), help="only these views (repeatable)")
    gen = parser.add_mutually_exclusive_group()
    gen.add_argument("--only-generated", action="store_true", help="only the generated organisations")
    gen.add_argument("--no-generated", action="store_true", help="leave out the generated organisations")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each violation with the ids involved")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per chart (default 60)")
    parser.add_argument("--no-split", action="store_true", help="measure each view whole, as one poster")
    parser.add_argument("--compare", type=Path, metavar="OLD.json",
                        help="also list the charts that changed since an earlier --json run")
    args = parser.parse_args(argv)
    for path in [*args.paths, *([args.compare] if args.compare else [])]:
        if not path.exists():
            parser.error(f"{path}: no such file or folder")
    if args.only_generated:
        paths: list[Path] = []
    else:
        paths = list(args.paths) or [p for p in DEFAULT_INPUTS if p.is_dir()]
    generated = not args.no_generated and (args.only_generated or not args.paths)
    results = check(paths, args.view or list(VIEWS), generated, args.timeout, progress=not args.json,
                    split=not args.no_split)
    if args.json:
        print(_as_json(results))
    else:
        print(table(results))
        if args.compare:
            print()
            print(compare(results, json.loads(args.compare.read_text(encoding="utf-8"))))
        if args.verbose:
            print()
            print(_details(results))
    pending = sum(1 for m in results for v in m.violations if v.rule in rules.PENDING)
    if pending and not args.json:
        print(f"\nnot failing yet ({', '.join(sorted(rules.PENDING))}: open work in views/org.py's choice of "
              f"arrangement): {pending} violations, counted above")
    failing, known_seen = _failing(results)
    measured = {(m.chart, m.direction) for m in results}
    gone = [k for k in rules.KNOWN if (k[0], k[1]) in measured and k not in known_seen]
    if not args.json:
        for key in sorted(known_seen):
            print(f"known, open: {key[0]} [{key[1]}] {key[2]}: {rules.KNOWN[key]}")
        for key in gone:
            print(f"FIXED: {key[0]} [{key[1]}] {key[2]} passes now; take it off layout_rules.KNOWN")
    return 1 if failing or gone else 0


def _failing(results: list[Measured]) -> tuple[list[rules.Violation], set[tuple[str, str, str]]]:
    """The violations that fail the check, and the known ones seen (layout_rules.KNOWN)."""
    failing: list[rules.Violation] = []
    seen: set[tuple[str, str, str]] = set()
    for m in results:
        for v in m.violations:
            key = (m.chart, m.direction, v.rule)
            if key in rules.KNOWN:
                seen.add(key)
            elif v.rule not in rules.PENDING:
                failing.append(v)
    return failing, seen


if __name__ == "__main__":
    sys.exit(main())
