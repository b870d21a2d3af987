"""Property-based: random specs and random mutations of real specs never give a traceback.

Either the spec loads and every chart builds (and, for a sample, draws to a safe SVG), or it is
refused with positioned findings. Thousands of examples run in well under a minute.
"""

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgcharts.engine.dot import to_dot
from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_text
from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import Chart, render_charts
from orgcharts.spec.models import ViewOptions
from orgcharts.themes import get_theme
from orgcharts.views.registry import VIEWS

from .conftest import ROOT
from .test_hostile import assert_safe_svg

THEME = get_theme("default")
AGENCY = (ROOT / "specs" / "client-services.yaml").read_text(encoding="utf-8")


def fast(examples: int) -> settings:
    """Fixed seed (CI sees the same examples each run), no per-example deadline."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def outcome(text: str) -> list[str]:
    """Load and build every view; return the DOT texts, or check the refusal is well formed."""
    try:
        spec = load_text(text, "p.yaml")
    except SpecError as exc:
        assert exc.findings
        for finding in exc.findings:
            assert finding.position.line >= 1 and finding.position.col >= 1
            assert finding.message and "Traceback" not in finding.message
            assert str(finding).startswith("p.yaml:")
        return []
    dots = []
    for name, charts in VIEWS.items():
        for diagram in charts(spec, "p", getattr(spec.views, name, None) or ViewOptions()):
            dots.append(to_dot(diagram, THEME))
    return dots


# -- random mutations of the real agency spec ---------------------------------------------------

LINES = AGENCY.splitlines(keepends=True)
NOISE = st.sampled_from(["", " ", "  ", "-", ":", "- ", "[", "]", "{", "}", "'", '"', "&a", "*a", "!!str ", "<<: ",
                         "\t", "#", "yes", "1:30", "0123", "~", "null", "\u202e", "é", "👩‍💻", "\\", "%", "@"])


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "indent", "swap"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "insert":
            at = draw(st.integers(0, max(0, len(lines[i]) - 1)))
            lines[i] = lines[i][:at] + draw(NOISE) + lines[i][at:]
        elif kind == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "   "])) + lines[i].lstrip(" ")
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            break
    return "".join(lines)


@fast(1500)
@given(mutated())
def test_mutations_of_a_real_spec_load_or_are_refused_with_positions(text: str) -> None:
    outcome(text)


# -- random specs built from scratch ----------------------------------------------------------

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)
texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40)


@st.composite
def random_spec(draw: st.DrawFn) -> dict:
    role_ids = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    unit_ids = draw(st.lists(ids, max_size=3, unique=True))
    roles = []
    for i, rid in enumerate(role_ids):
        role: dict = {"id": rid, "title": draw(texts)}
        if i and draw(st.booleans()):
            role["reports_to"] = draw(st.sampled_from(role_ids[:i]))
        if unit_ids and draw(st.booleans()):
            role["unit"] = draw(st.sampled_from(unit_ids))
        for side in ("client_facing", "internal"):
            if draw(st.booleans()):
                role[side] = draw(st.lists(texts, max_size=3))
        if draw(st.booleans()):
            role["people"] = draw(st.lists(texts, max_size=3))
        if i and draw(st.integers(0, 5)) == 0:
            role["dotted_to"] = [draw(st.sampled_from(role_ids))]
        roles.append(role)
    spec: dict = {"org": draw(texts), "roles": roles,
                  "units": [{"id": u, "name": draw(texts)} for u in unit_ids]}
    if draw(st.booleans()):
        spec["raci"] = [{"activity": draw(texts), "accountable": draw(st.lists(st.sampled_from(role_ids), max_size=2)),
                         "responsible": draw(st.lists(st.sampled_from(role_ids), max_size=2))}
                        for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        spec["accounts"] = [{"id": "acct", "client": draw(texts), "lead": draw(st.sampled_from(role_ids)),
                             "contributors": draw(st.lists(st.sampled_from(role_ids), max_size=3))}]
    return spec


@fast(1500)
@given(random_spec())
def test_random_specs_load_and_build_or_are_refused(spec: dict) -> None:
    outcome(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False))


@fast(120)
@given(random_spec())
def test_random_specs_draw_to_safe_svg(spec: dict) -> None:
    try:
        loaded = load_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), "p.yaml")
    except SpecError:
        return
    charts = []
    for name, view in VIEWS.items():
        for diagram in view(loaded, "p", ViewOptions()):
            charts.append(Chart("p", name, diagram, to_dot(diagram, THEME)))
    rendered = render_charts(charts, ChartOptions(formats=("svg",)))
    assert rendered.failures == ()
    for data in rendered.files.values():
        assert_safe_svg(data.decode("utf-8"))
