"""dot: DOT structure, golden output for the agency spec, and hostile text that stays text."""

from dataclasses import replace
from pathlib import Path

import pygraphviz
import pytest

from orgcharts.views.diagram import Card, Diagram, Edge, Group, Junction, Line
from orgcharts.engine.dot import to_dot
from orgcharts.spec.loader import load_file, load_text
from orgcharts.themes import get_theme
from orgcharts.spec.models import ViewOptions
from orgcharts.views.registry import VIEWS
from orgcharts.views.responsibilities import build as build_responsibilities

from .conftest import GOLDEN, MINIMAL, ROOT

THEME = get_theme("default")


def parsed(dot: str) -> pygraphviz.AGraph:
    return pygraphviz.AGraph(string=dot)


SPECS = sorted(p.stem for p in (ROOT / "specs").glob("*.yaml"))


@pytest.mark.parametrize("stem", SPECS)
def test_every_chart_of_the_shipped_specs_matches_its_golden_dot(stem: str, golden) -> None:  # type: ignore[no-untyped-def]
    spec = load_file(ROOT / "specs" / f"{stem}.yaml").spec
    drawn = []
    for name, charts in VIEWS.items():
        options = getattr(spec.views, name, None) or ViewOptions()
        for diagram in charts(spec, stem, options):
            golden(f"{diagram.id}.dot", to_dot(diagram, THEME))
            drawn.append(f"{diagram.id}.dot")
    # A view that stops drawing (returns nothing) must fail here, not skip its golden file.
    # Another spec's name may start with this one's (client-services-before): its files are not ours.
    longer = [o for o in SPECS if o != stem and o.startswith(f"{stem}-")]
    assert sorted(drawn) == sorted(p.name for p in GOLDEN.glob(f"{stem}-*.dot")
                                   if not any(p.name.startswith(f"{o}-") for o in longer))
    assert drawn, f"{stem} draws no chart at all"


def responsibilities(text: str) -> Diagram:
    diagram = build_responsibilities(load_text(text), "m", ViewOptions())
    assert diagram is not None
    return diagram


def test_structure_clusters_and_invisible_placement() -> None:
    diagram = responsibilities(MINIMAL)
    g = parsed(to_dot(diagram, THEME))
    assert g.graph_attr["rankdir"] == "LR" and g.graph_attr["compound"] == "true"
    assert sorted(g.nodes()) == ["role-maker", "role-rep", "side-client", "side-team"]
    (cluster,) = g.subgraphs()
    assert cluster.name == "cluster_unit-front" and cluster.nodes() == ["role-rep"]
    # The responsibilities chart draws no lines: its links only place the columns.
    assert g.edges() and all(e.attr.get("style") == "invis" for e in g.edges())


def test_same_rank_groups_keep_spec_order() -> None:
    group = Group(id="u", title="U", cards=("a", "b", "c"), same_rank=True)
    diagram = Diagram(id="d", title="T", description="", cards=tuple(Card(id=x, title=x) for x in "abc"),
                      groups=(group,))
    dot = to_dot(diagram, THEME)
    assert "{ rank=same a b c }" in " ".join(dot.split())
    # In a left-to-right flow dot stacks an edge's head above its tail, so the links run backwards.
    assert "b -> a [style=invis]" in dot and "c -> b [style=invis]" in dot


HOSTILE = [
    'Quote " and \\" backslash \\',
    "node",
    "edge [color=red]",
    '"]; injected [label="x',
    "<B>bold</B> & <IMG SRC=\"/etc/passwd\"/>",
    "\\N \\G \\L",
    "}; digraph x {",
    "עברית 👩‍💻 ze\u200bro co\u0301mbining",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_adds_no_nodes_attributes_or_images(text: str) -> None:
    card = Card(id="role-x", title=text)
    edge = Edge("role-x", "role-y", label=text)
    diagram = Diagram(id="d", title=text, subtitle=text, description=text,
                      cards=(card, Card(id="role-y", title="y")), edges=(edge,))
    dot = to_dot(diagram, THEME)
    g = parsed(dot)
    assert sorted(g.nodes()) == ["role-x", "role-y"]
    assert len(g.edges()) == 1
    html_label = g.get_node("role-x").attr["label"]
    assert "<IMG" not in html_label and "<B>bold" not in html_label
    (e,) = g.edges()
    assert e.attr.get("color") == THEME.edge  # `edge [color=red]` stayed text
    assert e.attr["label"].replace("\\\\", "\\") == text  # plain text, backslashes disarmed


def test_same_diagram_same_text() -> None:
    assert to_dot(responsibilities(MINIMAL), THEME) == to_dot(responsibilities(MINIMAL), THEME)


def test_ports_reach_cards_inside_a_grid_and_dotted_lines_do_not_pull() -> None:
    edge = Edge("grid", "boss", tail_port="role-x", dashed=True, constraint=False)
    dot = to_dot(Diagram(id="d", title="T", description="", cards=(Card(id="grid", title=""), Card(id="boss", title="b")),
                         edges=(edge,)), THEME)
    assert 'grid:"role-x" -> boss [constraint=false style=dashed weight=0]' in dot


def test_square_lines_use_straight_segments_and_keep_child_order() -> None:
    dot = to_dot(Diagram(id="d", title="T", description="", lines="square", keep_order=True), THEME)
    g = parsed(dot)
    assert g.graph_attr["splines"] == "polyline" and g.graph_attr["ordering"] == "out"


def test_golden_dir_exists() -> None:
    assert (Path(__file__).parent / "golden").is_dir()


def test_node_ids_must_be_unique() -> None:
    diagram = Diagram(id="d", title="T", description="", cards=(Card(id="a", title="x"), Card(id="a", title="y")))
    with pytest.raises(AssertionError, match="collide"):
        to_dot(diagram, THEME)


def test_a_placed_diagram_is_drawn_where_it_stands() -> None:
    cards = (Card(id="boss", title="Boss", at=(100.0, 20.0)), Junction(id="boss_bus0", at=(100.0, 60.0)),
             Card(id="kid", title="Kid", at=(100.0, 100.0)))
    edges = (Edge("boss", "boss_bus0", route=((100.0, 40.0), (100.0, 60.0))),
             Edge("boss_bus0", "kid", route=((100.0, 60.0), (100.0, 80.0))),
             Edge("kid", "boss", dashed=True, route=((130.0, 80.0), (130.0, 70.0), (160.0, 70.0), (160.0, 40.0))))
    group = Group(id="u", title="Unit", cards=("kid",), frame=(40.0, 70.0, 160.0, 130.0))
    diagram = Diagram(id="d", title="T", description="", cards=cards, edges=edges, groups=(group,),
                      placed=(200.0, 130.0), placed_text=(("boss", "Boss", ()), ("kid", "Kid", ())))
    g = parsed(to_dot(diagram, THEME))
    assert g.graph_attr["layout"] == "nop2"
    # DOT's y grows upward: the drawing's bottom (y=130) is at 0.
    assert g.get_node("boss").attr["pos"] == "100,110!" and g.get_node("kid").attr["pos"] == "100,30!"
    assert g.get_subgraph("cluster_u").graph_attr["bb"] == "40,0,160,60"
    down = g.get_edge("boss", "boss_bus0").attr["pos"]
    assert down == "100,90 100,90 100,70 100,70"  # a straight piece: control points on its ends
    dotted = g.get_edge("kid", "boss").attr
    assert dotted["style"] == "dashed" and len(dotted["pos"].split()) == 1 + 3 * 3
    g.layout()  # Graphviz keeps every position it was given
    assert g.get_node("kid").attr["pos"].split(",")[0] == g.get_node("boss").attr["pos"].split(",")[0]


def test_a_placed_diagram_changed_afterwards_is_refused() -> None:
    cards = (Card(id="boss", title="Boss", at=(50.0, 20.0)), Card(id="kid", title="Kid", at=(50.0, 100.0)))
    edges = (Edge("boss", "kid", route=((50.0, 40.0), (50.0, 80.0))),)
    text = (("boss", "Boss", ()), ("kid", "Kid", ()))
    placed = Diagram(id="d", title="T", description="", cards=cards, edges=edges, placed=(100.0, 120.0),
                     placed_text=text)
    assert "layout=nop2" in to_dot(placed, THEME)
    # A tool that adds a note to a card (it grows) or a card without a place after layout: no position holds,
    # and no second layout is drawn (a tool hands its text to the layout first, as change charts do).
    noted = replace(placed, cards=(cards[0], replace(cards[1], lines=(Line("new role"),))))
    extra = replace(placed, cards=(*cards, Card(id="legend", title="Legend")))
    for changed in (noted, extra):
        with pytest.raises(ValueError, match="changed after it was placed"):
            to_dot(changed, THEME)


def test_a_placed_diagram_shows_its_legend_under_the_title() -> None:
    cards = (Card(id="boss", title="Boss", at=(50.0, 20.0)),)
    placed = Diagram(id="d", title="T", description="", cards=cards, placed=(100.0, 60.0),
                     placed_text=(("boss", "Boss", ()),))
    assert "Added here" not in to_dot(placed, THEME)
    assert "Added here" in to_dot(replace(placed, legend=(("Added here", "client"),)), THEME)