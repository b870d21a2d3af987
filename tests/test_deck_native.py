"""Native decks: each chart's cards, frames, lines and RACI as editable shapes where Graphviz put them."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from orgcharts.views.diagram import Card, Junction, Matrix
from orgcharts.draw.pptx.deck import NOTE_H, SLIDE_H, SLIDE_W, Slide, build_deck, chart_frame
from orgcharts.draw.pptx.slidemap import LINE_HEIGHT, SITE_BOTTOM, SITE_TOP, CardShape, Para, Rect, Scale, SlideShapes, map_chart
from orgcharts.draw.pptx.slidemap import content_box, drawn_box
from orgcharts.engine.gvlayout import layout_dot
from orgcharts.layout.scene import Box, Scene
from orgcharts.commands.pipeline import Chart, load_specs, plan_charts
from orgcharts.spec.models import ThemeSpec
from orgcharts.themes import get_theme

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "client-services.yaml"


@cache
def charts(theme: str = "default") -> dict[str, Chart]:
    found: dict[str, Chart] = {}  # each view's first piece (a view too dense for one slide gives several)
    for chart in plan_charts(load_specs([SPEC]), [], ThemeSpec(base=theme)):  # type: ignore[arg-type]
        found.setdefault(chart.view, chart)
    return found


@cache
def scene(view: str, theme: str = "default") -> Scene:
    return layout_dot(charts(theme)[view].dot)


@cache
def shapes(view: str, theme: str = "default") -> SlideShapes:
    chart = charts(theme)[view]
    assert chart.theme is not None
    return map_chart(chart.diagram, scene(view, theme), chart.theme, chart_frame(NOTE_H))


def cards_by_id(found: SlideShapes) -> dict[str, CardShape]:
    return {item.card.key: item for item in found.cards}


def inside(inner: Box, outer: Box, slack: float = 0.6) -> bool:
    return (inner.x >= outer.x - slack and inner.y >= outer.y - slack and inner.right <= outer.right + slack
            and inner.bottom <= outer.bottom + slack)


@pytest.mark.parametrize("view", ["responsibilities", "org", "accounts"])
def test_every_card_is_one_shape_at_its_graphviz_place_inside_the_slide(view: str) -> None:
    chart = charts()[view]
    found = shapes(view)
    drawn = cards_by_id(found)
    layout = scene(view)
    headers = {g.header.id for g in _groups(chart.diagram.groups) if g.header}
    expected = {c.id for c in chart.diagram.cards if not isinstance(c, Junction)} | headers
    assert set(drawn) == expected
    frame = chart_frame(NOTE_H)
    area = Box(frame.x, frame.y, frame.w, frame.h)
    for item in found.cards:
        assert inside(item.card.box, area)
        for part in item.parts:
            assert inside(part.box, item.card.box)
    # Graphviz's geometry, scaled: the horizontal order and the proportions of cards are kept.
    plain = [c.id for c in chart.diagram.cards if isinstance(c, Card) and layout.node(c.id)]
    ratios = {round(drawn[i].card.box.w / drawn_box(layout.node(i)).w, 6) for i in plain}  # type: ignore[arg-type]
    assert len(ratios) == 1
    by_x = sorted(plain, key=lambda i: layout.node(i).box.x)  # type: ignore[union-attr]
    assert by_x == sorted(plain, key=lambda i: drawn[i].card.box.x)


def _groups(groups: tuple) -> list:  # type: ignore[type-arg]
    out = []
    for group in groups:
        out.append(group)
        out.extend(_groups(group.groups))
    return out


def test_unit_frames_sit_behind_and_hold_their_cards() -> None:
    chart = charts()["org"]
    found = shapes("org")
    frames = {f.key: f for f in found.frames}
    drawn = cards_by_id(found)
    for group in _groups(chart.diagram.groups):
        assert group.id in frames, group.id
        text = frames[group.id].text
        if group.header is None:  # the unit's name and lines are the frame's own text
            assert text is not None
            assert " ".join(r.text for line in text.paras[0].lines for r in line) == group.title
        for card_id in group.cards:
            if card_id in drawn:
                assert inside(drawn[card_id].card.box, frames[group.id].box)


def test_card_text_is_the_diagrams_title_lines_and_bulleted_duties_at_the_charts_scale() -> None:
    chart = charts()["responsibilities"]
    theme = get_theme("default")
    found = shapes("responsibilities")
    card = next(c for c in chart.diagram.cards if c.id == "role-account-manager")
    item = cards_by_id(found)[card.id]
    k = item.card.box.w / drawn_box(scene("responsibilities").node(card.id)).w  # type: ignore[arg-type]
    text = item.card.text
    assert text is not None
    title = text.paras[0]
    assert [run.text for line in title.lines for run in line] == [card.title]
    assert title.lines[0][0].bold and title.lines[0][0].size == pytest.approx(theme.card_title_size * k)
    assert [c.heading for c in card.columns] == [p.name for p in item.parts]
    for column, part in zip(card.columns, item.parts):
        assert part.fill == theme.tint(column.tone)
        assert part.text is not None
        heading, *items = part.text.paras
        assert heading.lines[0][0].text == column.heading.upper() and heading.bullet is None
        assert [" ".join(r.text for line in p.lines for r in line) for p in items] == list(column.items)
        assert all(p.bullet == "•" and p.bullet_color == theme.accent(column.tone) for p in items)


FONTS = {(False, False): "LiberationSans-Regular.ttf", (True, False): "LiberationSans-Bold.ttf",
         (False, True): "LiberationSans-Italic.ttf", (True, True): "LiberationSans-BoldItalic.ttf"}


def _width(para: Para) -> float:
    widest = 0.0
    for line in para.lines:
        total = 0.0
        for run in line:
            path = str(resources.files("orgcharts") / "fonts" / FONTS[(run.bold, run.italic)])
            total += ImageFont.truetype(path, 100).getlength(run.text) * run.size / 100
        widest = max(widest, total)
    return widest + para.indent


def _fits(rect: Rect) -> None:
    text = rect.text
    assert text is not None
    height = text.top + sum(p.space_before + len(p.lines) * p.spacing for p in text.paras)
    assert height <= rect.box.h + 1.0, f"{rect.name}: text {height:.1f} pt tall in a {rect.box.h:.1f} pt box"
    room = rect.box.w - text.left - text.right
    for para in text.paras:
        assert _width(para) <= room + 0.5, f"{rect.name}: a line of {_width(para):.1f} pt in {room:.1f} pt"


@pytest.mark.parametrize("view", ["responsibilities", "org", "accounts"])
def test_text_fits_its_box_in_the_shipped_font(view: str) -> None:
    for item in shapes(view).cards:
        for rect in (item.card, *item.parts):
            _fits(rect)
    for para in (p for item in shapes(view).cards for p in item.card.text.paras if item.card.text):
        if len(para.lines) == 1:
            assert para.spacing == pytest.approx(para.size * LINE_HEIGHT)
        else:  # a wrapped paragraph's lines as far apart as the chart draws them (1 to 1.154 em)
            assert para.size * 0.95 <= para.spacing <= para.size * LINE_HEIGHT * 1.001


def _on_slide(view: str) -> Scale:
    return Scale(content_box(scene(view)), chart_frame(NOTE_H))


def _strokes(view: str, tail: str, head: str) -> list[tuple[tuple[float, float], ...]]:
    """The chart's drawn lines from `tail` to `head` (DOT ids), their points mapped onto the slide."""
    scale = _on_slide(view)
    return [tuple((scale.x(x), scale.y(y)) for x, y in s.points) for s in scene(view).lines
            if (s.tail, s.head) == (tail, head) and not s.invisible]


def test_a_bus_becomes_one_connector_per_report_along_the_charts_own_drawn_lines() -> None:
    chart = charts()["org"]
    found = shapes("org")
    lines = [c for c in found.connectors if c.begin == "role-director-client-services"]
    assert sorted(c.end for c in lines) == ["role-account-director", "role-project-manager"]
    junctions = {n.id for n in chart.diagram.cards if isinstance(n, Junction)}
    (first,) = [e.head for e in chart.diagram.edges if e.tail == "role-director-client-services" and e.head in junctions]
    drop = _strokes("org", "role-director-client-services", first)
    for line in lines:
        assert (line.begin_site, line.end_site, line.dashed) == (SITE_BOTTOM, SITE_TOP, False)
        assert [line.pieces[0]] == drop  # the manager's own drop, point for point
        last = line.pieces[-1]
        assert [last] == _strokes("org", [e.tail for e in chart.diagram.edges if e.head == line.end][0], line.end)
        # the pieces between are the bus between the two junctions, each a line the chart draws
        for piece in line.pieces[1:-1]:
            assert any(piece == _strokes("org", s.tail, s.head)[0] for s in scene("org").lines if not s.invisible)
    # every reporting line of the spec is drawn once, between the two cards it joins
    reports = {(r.reports_to, r.id) for r in load_specs([SPEC])[0].spec.roles if r.reports_to}
    drawn = {(c.begin.removeprefix("role-"), c.end.removeprefix("role-")) for c in found.connectors if not c.dashed}
    assert reports <= drawn | {(b, a) for a, b in drawn}
    assert len(drawn) == len([c for c in found.connectors if not c.dashed])


def test_side_hung_reports_hang_off_their_managers_line_not_off_the_card_above() -> None:
    found = shapes("org")
    ends = {(c.begin, c.end) for c in found.connectors}
    for boss, report in (("role-design-director", "role-designer"), ("role-tech-lead", "role-qa-engineer")):
        assert (boss, report) in ends
        line = next(c for c in found.connectors if (c.begin, c.end) == (boss, report))
        report_box = next(i.card.box for i in found.cards if i.card.key == report)
        x, y = line.pieces[-1][-1]  # it reaches the report at the side the spine runs by
        assert report_box.y + 1 < y < report_box.bottom - 1 and min(abs(x - report_box.x), abs(x - report_box.right)) < 2
    assert ("role-senior-designer", "role-designer") not in ends and ("role-developer", "role-qa-engineer") not in ends


def test_a_dotted_line_is_dashed_along_the_charts_route() -> None:
    dashed = [c for c in shapes("org").connectors if c.dashed]
    assert [(c.begin, c.end) for c in dashed] == [("role-project-manager", "role-qa-engineer")]
    assert list(dashed[0].pieces) == _strokes("org", "role-project-manager", "role-qa-engineer")
    assert len(dashed[0].pieces[0]) > 4 or dashed[0].pieces[0][0][0] != dashed[0].pieces[0][-1][0]


def test_the_raci_is_a_native_table_with_every_mark() -> None:
    chart = charts()["raci"]
    matrix = next(c for c in chart.diagram.cards if isinstance(c, Matrix))
    (table,) = shapes("raci").tables
    assert len(table.widths) == len(matrix.columns) + 1
    rows = 1 + sum((1 if title else 0) + len(body) for title, body in matrix.sections)
    assert len(table.rows) == len(table.heights) == rows
    marks = [m for _, body in matrix.sections for _, row in body for m in row]
    cells = [c for row in table.rows[1:] if row[0].span == 1 for c in row[1:]]
    assert [" ".join(r.text for p in c.text.paras for line in p.lines for r in line) for c in cells] == marks
    theme = get_theme("default")
    assert {c.fill for c, m in zip(cells, marks) if "A" in m} == {theme.lead}
    assert sum(table.heights) == pytest.approx(table.box.h, rel=0.01)


def test_colours_come_from_the_theme() -> None:
    dark = get_theme("dark")
    found = shapes("org", "dark")
    assert {item.card.fill for item in found.cards} == {dark.card}
    assert {f.fill for f in found.frames} == {dark.group}
    assert {c.color.upper() for c in found.connectors} == {dark.edge.upper()}  # as the chart draws it


def _deck(pictures: bool = False, theme: str = "default") -> bytes:
    from orgcharts.engine.render import render
    from orgcharts.layout.scene import SCENE, read_scene

    slides = []
    for chart in charts(theme).values():
        drawn = render(chart.dot, ["svg", "png", SCENE])
        slides.append(Slide(chart.diagram.title, drawn["svg"], drawn["png"], chart.diagram,
                            read_scene(drawn[SCENE]), chart.theme))
    return build_deck("Barrel", slides, pictures)


@cache
def deck_bytes() -> bytes:
    return _deck()


def test_the_deck_reopens_with_editable_shapes_glued_lines_and_a_table_no_pictures() -> None:
    deck = Presentation(io.BytesIO(deck_bytes()))
    assert (deck.slide_width, deck.slide_height) == (SLIDE_W, SLIDE_H)
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == [c.diagram.title for c in charts().values()]
    for slide, chart in zip(deck.slides, charts().values()):
        kinds = [s.shape_type for s in slide.shapes]
        assert MSO_SHAPE_TYPE.PICTURE not in kinds
        ids = {s.shape_id: s for s in _all(slide.shapes)}
        texts = " ".join(s.text_frame.text for s in ids.values() if s.has_text_frame)
        for card in chart.diagram.cards:
            if isinstance(card, Card):
                assert card.title.split()[0] in texts
        for connector in slide.shapes._spTree.iter(qn("p:cxnSp")):
            glue = connector.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
            for end in ("a:stCxn", "a:endCxn"):
                target = int(glue.find(qn(end)).get("id"))
                assert target in ids and ids[target].shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
    raci = deck.slides[titles.index(charts()["raci"].diagram.title)]
    assert [s.has_table for s in raci.shapes].count(True) == 1


def _all(shapes: object) -> list:  # type: ignore[type-arg]
    out = []
    for shape in shapes:  # type: ignore[attr-defined]
        out.append(shape)
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            out.extend(_all(shape.shapes))
    return out


def test_same_spec_same_native_deck_bytes_and_pictures_on_request() -> None:
    first = deck_bytes()
    assert _deck() == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    pictures = Presentation(io.BytesIO(_deck(pictures=True)))
    for slide in pictures.slides:
        assert [s.shape_type for s in slide.shapes].count(MSO_SHAPE_TYPE.PICTURE) == 1


def test_a_dark_theme_deck_has_a_dark_slide() -> None:
    deck = Presentation(io.BytesIO(_deck(theme="dark")))
    fill = deck.slides[0].background.fill
    assert str(fill.fore_color.rgb) == get_theme("dark").background[1:].upper()


TEAMS = """\
org: Teams
views:
  org: {stack: 2}
roles:
  - {id: boss, title: Boss, people: [Ann]}
  - {id: left, title: Left Lead, reports_to: boss, people: [Bo]}
  - {id: right, title: Right Lead, reports_to: boss, people: [Cy]}
  - {id: l1, title: Left One, reports_to: left, people: [Di]}
  - {id: l2, title: Left Two, reports_to: left, open: 1}
  - {id: r1, title: Right One, reports_to: right, people: [Ed]}
  - {id: r2, title: Right Two, reports_to: right, people: [Flo]}
  - {id: mid, title: Mid Lead, reports_to: boss, people: [Gil]}
  - {id: m1, title: Mid One, reports_to: mid, open: 1}
  - {id: m2, title: Mid Two, reports_to: mid, people: [Hal]}
"""


def test_every_seat_of_a_wide_org_is_its_own_card_and_open_seats_are_dashed(tmp_path: Path) -> None:
    spec = tmp_path / "teams.yaml"
    spec.write_text(TEAMS, encoding="utf-8")
    for chart in plan_charts(load_specs([spec]), ["org"]):
        assert chart.theme is not None
        found = map_chart(chart.diagram, layout_dot(chart.dot), chart.theme, chart_frame(NOTE_H))
        drawn = {k.removeprefix("role-"): v for k, v in cards_by_id(found).items()}
        assert {"left", "right", "mid", "l1", "l2", "r1", "r2", "m1", "m2"} <= set(drawn)
        assert drawn["l2"].card.dashed and not drawn["l1"].card.dashed


def test_a_chart_whose_scene_did_not_come_back_keeps_a_picture_slide() -> None:
    from orgcharts.engine.render import render

    slides = []
    for chart in charts().values():
        drawn = render(chart.dot, ["svg", "png"])  # as workers.render_jobs retries a crash: no Scene
        slides.append(Slide(chart.diagram.title, drawn["svg"], drawn["png"], chart.diagram, None, chart.theme))
    _every_slide_a_clean_picture(build_deck("Barrel", slides))


def _every_slide_a_clean_picture(data: bytes) -> None:
    """Each slide holds its chart as one picture and no shape left from a native drawing."""
    for slide in Presentation(io.BytesIO(data)).slides:
        kinds = [s.shape_type for s in slide.shapes]
        assert kinds.count(MSO_SHAPE_TYPE.PICTURE) == 1 and MSO_SHAPE_TYPE.AUTO_SHAPE not in kinds


def test_text_too_small_for_powerpoint_is_drawn_at_one_point_not_refused() -> None:
    from orgcharts.draw.pptx.shapes import add_rect
    from orgcharts.draw.pptx.slidemap import Run, TextSpec

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    para = Para(((Run("Tiny", 0.3, "#000000"),),))
    shape = add_rect(slide.shapes, Rect("a", "Card a", Box(10, 10, 5, 2), "#FFFFFF", "#000000", 0.1,
                                        text=TextSpec((para,))), "Liberation Sans")
    run = shape.text_frame.paragraphs[0].runs[0]
    assert run.text == "Tiny" and run.font.size.pt == 1.0


def test_a_value_python_pptx_refuses_leaves_a_clean_picture_slide(monkeypatch: pytest.MonkeyPatch) -> None:
    import orgcharts.draw.pptx.deck as deck_module

    real = deck_module.draw_shapes

    def half(slide: object, shapes: SlideShapes, font: str) -> None:
        real(slide, SlideShapes(frames=shapes.frames), font)  # some shapes drawn, then a refusal
        raise ValueError("value must be in range 100 to 400000 inclusive, got 58")

    monkeypatch.setattr(deck_module, "draw_shapes", half)
    _every_slide_a_clean_picture(_deck())


def test_a_duty_with_its_own_tone_keeps_its_colour_on_the_slide() -> None:
    from orgcharts.draw.pptx.slidemap import column_paras
    from orgcharts.views.diagram import Column

    theme = get_theme("default")
    column = Column("With the client", ("Kept", "Moved here"), "client", tones=(None, "team"))
    _, kept, moved = column_paras(column, theme, 1.0)
    assert {r.color for line in kept.lines for r in line} == {theme.ink}
    assert {r.color for line in moved.lines for r in line} == {theme.team} and moved.bullet_color == theme.team
    assert kept.bullet_color == theme.client


def test_raci_headings_and_activities_wrap_on_the_slide_as_in_the_chart() -> None:
    from orgcharts.engine.labels import activity_wrap, heading_lines, wrap

    chart = charts()["raci"]
    matrix = next(c for c in chart.diagram.cards if isinstance(c, Matrix))
    (table,) = shapes("raci").tables

    def lines(cell: object) -> list[str]:
        return [" ".join(r.text for r in line) for p in cell.text.paras for line in p.lines]  # type: ignore[attr-defined]

    assert [lines(c) for c in table.rows[0][1:]] == [heading_lines(title) for title, _ in matrix.columns]
    assert any(len(lines(c)) == 2 and lines(c)[0] == "Engineering" for c in table.rows[0][1:])
    labels = [label for _, body in matrix.sections for label, _ in body]
    first_cells = [row[0] for row in table.rows[1:] if row[0].span == 1]
    assert [lines(c) for c in first_cells] == [wrap(label, activity_wrap(matrix, get_theme("default")))
                                              for label in labels]


def test_the_colour_legend_stands_under_the_slide_title() -> None:
    deck = Presentation(io.BytesIO(_deck()))
    notes = [s for slide in deck.slides for s in slide.shapes if s.name == "Subtitle"]
    assert any("faces the Client" in s.text_frame.text and "faces the Production team" in s.text_frame.text
               for s in notes)
