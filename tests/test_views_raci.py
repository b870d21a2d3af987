"""views.raci: the matrix of marks, sections by phase, columns coloured by the side each role faces."""

from orgcharts.diagram import Matrix
from orgcharts.loader import load_text
from orgcharts.spec import ViewOptions
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
