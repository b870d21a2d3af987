"""views.raci: the matrix of marks, sections by phase, columns coloured by the side each role faces."""

from orgcharts.views.diagram import Matrix
from orgcharts.spec.loader import load_text
from orgcharts.spec.models import ViewOptions
from orgcharts.views.raci import build, marks

RACI = """\
org: Co
roles:
  - {id: am, title: Account Manager, client_facing: [a, b], internal: [c]}
  - {id: pm, title: Project Manager, client_facing: [a], internal: [b, c]}
  - {id: dev, title: Developer, reports_to: pm}
raci:
  - {phase: Sell, activity: Estimate, accountable: am, responsible: [am, pm]}
  - {phase: Build, activity: Sprint, accountable: pm, responsible: [dev], informed: [am]}
  - {phase: Sell, activity: Renewal, accountable: am, responsible: [am], consulted: [pm]}
"""


def test_marks_combine_letters_accountable_first() -> None:
    spec = load_text(RACI)
    assert [marks(spec.raci[0], r) for r in ("am", "pm", "dev")] == ["A/R", "R", ""]


def test_matrix_columns_sections_and_tones() -> None:
    d = build(load_text(RACI), "co", ViewOptions())
    assert d is not None
    (m,) = d.cards
    assert isinstance(m, Matrix)
    assert m.columns == (("Account Manager", "client"), ("Project Manager", "team"), ("Developer", "neutral"))
    assert m.sections == (
        ("Sell", (("Estimate", ("A/R", "R", "")), ("Renewal", ("A/R", "C", "")))),
        ("Build", (("Sprint", ("I", "A", "R")),)),
    )
    assert [mark for mark, _ in m.legend] == ["R", "A", "C", "I"]


def test_no_raci_means_no_chart() -> None:
    assert build(load_text("org: X\nroles: [{id: a, title: A}]\n"), "x", ViewOptions()) is None


def _phased(phases: int, per_phase: int) -> str:
    roles = "".join(f"  - {{id: r{i}, title: Role {i}, client_facing: [a]}}\n" for i in range(4))
    acts = "".join(f"  - {{phase: Phase {p}, activity: Step {p}.{a} of the work, accountable: r{a % 4}, "
                   f"responsible: [r{(a + 1) % 4}]}}\n" for p in range(phases) for a in range(per_phase))
    return f"org: Co\nroles:\n{roles}raci:\n{acts}"


def test_a_long_matrix_is_split_by_phase_each_piece_repeating_the_header() -> None:
    from orgcharts.layout.slides import measure
    from orgcharts.views.raci import charts

    spec = load_text(_phased(6, 8))
    pieces = charts(spec, "co", ViewOptions())
    n = len(pieces)
    assert n >= 2
    assert [p.id for p in pieces] == [f"co-raci-{i}" for i in range(1, n + 1)]
    assert [p.title for p in pieces] == [f"Co — who is responsible for what — {i} of {n}" for i in range(1, n + 1)]
    matrices = [p.cards[0] for p in pieces]
    assert all(isinstance(m, Matrix) for m in matrices)
    assert all(m.columns == matrices[0].columns for m in matrices)  # type: ignore[union-attr]
    titles = [t for m in matrices for t, _ in m.sections]  # type: ignore[union-attr]
    assert titles == [f"Phase {p}" for p in range(6)]  # whole phases, in order, each once
    assert all(measure(p).fit.ok for p in pieces)
    (poster,) = charts(spec, "co", ViewOptions(split=False))
    assert poster.id == "co-raci" and not measure(poster).fit.ok


def test_a_phase_too_long_for_a_slide_continues_on_the_next() -> None:
    from orgcharts.views.raci import charts

    pieces = charts(load_text(_phased(1, 60)), "co", ViewOptions())
    titles = [t for p in pieces for t, _ in p.cards[0].sections]  # type: ignore[union-attr]
    assert len(pieces) >= 2 and titles[0] == "Phase 0" and set(titles[1:]) == {"Phase 0 (continued)"}
    rows = [label for p in pieces for _, body in p.cards[0].sections for label, _ in body]  # type: ignore[union-attr]
    assert rows == [f"Step 0.{a} of the work" for a in range(60)]


def test_a_matrix_that_fits_is_one_chart() -> None:
    from orgcharts.views.raci import charts

    (whole,) = charts(load_text(RACI), "co", ViewOptions())
    assert whole.id == "co-raci"


def _wide(roles: int, activities: int) -> str:
    """A RACI whose roles are the wide side: `roles` roles in units of five over `activities` activities."""
    units = "".join(f"  - {{id: u{u}, name: Unit {u}}}\n" for u in range((roles + 4) // 5))
    people = "".join(f"  - {{id: r{i}, title: Role number {i}, unit: u{i // 5}, client_facing: [a]}}\n"
                     for i in range(roles))
    acts = "".join(f"  - {{phase: Phase {a // 4}, activity: Activity {a} of the year, accountable: r{(a * 2) % roles}, "
                   f"responsible: [r{(a * 2 + 1) % roles}, r{(a * 2 + 2) % roles}], consulted: [r{(a * 5 + 3) % roles}], "
                   f"informed: [r{(a * 7 + 4) % roles}]}}\n" for a in range(activities))
    return f"org: Co\nunits:\n{units}roles:\n{people}raci:\n{acts}"


def test_a_wide_raci_is_turned_or_cut_by_roles_never_into_one_activity_pieces() -> None:
    from orgcharts.layout.slides import measure
    from orgcharts.views.raci import MAX_PIECES, charts

    spec = load_text(_wide(30, 16))
    pieces = charts(spec, "co", ViewOptions())
    assert 1 <= len(pieces) <= MAX_PIECES
    for piece in pieces:
        fit = measure(piece).fit
        assert fit.fill >= 0.70 and fit.smallest_px >= 9.0, (piece.id, fit)
        (m,) = piece.cards
        assert isinstance(m, Matrix)
        if m.corner == "ACTIVITY":
            assert sum(len(body) for _, body in m.sections) > 1
        else:  # turned: roles are rows, and every activity column holds a letter of this piece's roles
            assert len(m.columns) > 1
            assert all(any(marks[c] for _, body in m.sections for _, marks in body) for c in range(len(m.columns)))
    # every role with a letter appears in some piece, and only those with a letter in it
    shown = [label for p in pieces for _, body in p.cards[0].sections for label, _ in body]  # type: ignore[union-attr]
    if pieces[0].cards[0].corner == "ROLE":  # type: ignore[union-attr]
        assert sorted(shown) == sorted(r.title for r in spec.roles)


def test_columns_of_roles_with_the_same_title_name_their_unit() -> None:
    spec = load_text("""\
org: Co
units: [{id: a, name: Pod Acme}, {id: b, name: Pod Birch}]
roles:
  - {id: am-a, title: Account Manager, unit: a, client_facing: [x]}
  - {id: am-b, title: Account Manager, unit: b, client_facing: [x]}
  - {id: cd, title: Creative Director, internal: [y]}
raci:
  - {activity: Pitch, accountable: cd, responsible: [am-a, am-b]}
""")
    d = build(spec, "co", ViewOptions())
    assert d is not None
    assert [t for t, _ in d.cards[0].columns] == [  # type: ignore[union-attr]
        "Account Manager · Pod Acme", "Account Manager · Pod Birch", "Creative Director"]
