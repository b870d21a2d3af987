"""diff: change charts colour what was added, removed and moved; before and after side by side."""

from __future__ import annotations

import re
import textwrap

from orgcharts.views.diagram import Card, Diagram, Node
from orgcharts.spec.loader import load_file, load_text
from orgcharts.themes import get_theme
from orgcharts.commands.diff.changechart import change_diagram
from orgcharts.commands.diff.changes import Changes, compute
from orgcharts.commands.diff.changespec import accounts_spec
from orgcharts.commands.diff.run import plan_diff
from orgcharts.commands.diff.racichange import matrix_html, raci_dot
from orgcharts.commands.diff.tones import ADDED, MOVED, REMOVED, SAME, change_theme

from .conftest import ROOT
from .test_diff_changes import OLD, _new


def _small() -> Changes:
    return compute(load_text(textwrap.dedent(OLD)), load_text(textwrap.dedent(_new())))


def _agency() -> Changes:
    return compute(load_file(ROOT / "specs" / "client-services-before.yaml").spec,
                   load_file(ROOT / "specs" / "client-services.yaml").spec)


def _cards(diagram: Diagram) -> dict[str, Card]:
    """Every card of a diagram, inside grids and group headers too, by id."""
    found: dict[str, Card] = {}

    def walk(node: Node) -> None:
        if isinstance(node, Card):
            found[node.id] = node

    for card in diagram.cards:
        walk(card)
    for group in diagram.groups:
        stack = [group]
        while stack:
            g = stack.pop()
            if g.header:
                walk(g.header)
            stack.extend(g.groups)
    return found


def test_rename_and_moved_duty_chart_marks_only_those() -> None:
    diagram = change_diagram(_small(), "responsibilities", "x", "both")
    assert diagram is not None
    cards = _cards(diagram)
    rep, maker = cards["role-rep"], cards["role-maker"]
    assert (rep.tone, maker.tone) == (MOVED, MOVED)
    assert [line.text for line in rep.lines] == ["renamed from Rep"]
    items = {c.id: [i for col in c.columns for i in col.items] for c in (rep, maker)}
    assert items == {"role-rep": ["Talks to the customer", "→ to Maker: Sends the invoice", "Briefs the makers"],
                     "role-maker": ["Shows the customer the thing", "← from Account Rep: Sends the invoice",
                                    "Makes the thing"]}
    org = change_diagram(_small(), "org", "x", "both")
    assert org is not None
    assert {k: c.tone for k, c in _cards(org).items() if k.startswith("role-")} == {
        "role-rep": MOVED, "role-maker": SAME}
    assert all(e.tone == SAME for e in org.edges)  # no reporting line changed


def test_agency_org_chart_colours_added_removed_and_moved_roles() -> None:
    diagram = change_diagram(_agency(), "org", "x", "both")
    assert diagram is not None
    tones = {k: c.tone for k, c in _cards(diagram).items() if k.startswith("role-")}
    assert tones["role-marketing-manager"] == ADDED
    assert tones["role-head-of-delivery"] == REMOVED
    assert tones["role-project-manager"] == tones["role-qa-engineer"] == MOVED
    assert tones["role-account-director"] == MOVED  # Owen Price left
    assert tones["role-developer"] == tones["role-design-director"] == SAME
    assert [line.text for line in _cards(diagram)["role-project-manager"].lines][1:] == [
        "moved into Client Services with Project Management", "reported to Head of Delivery", "open seats 0 → 1"]
    units = {}
    stack = list(diagram.groups)
    while stack:
        group = stack.pop()
        units[group.id] = group
        stack.extend(group.groups)
    assert units["unit-project-management"].tone == MOVED
    assert [line.text for line in units["unit-project-management"].lines][-2:] == [
        "moved from Barrel into Client Services", "was led by Head of Delivery"]
    assert units["unit-design"].tone == SAME
    into = {e.head: e.tone for e in diagram.edges}
    assert into["role-project-manager"] == MOVED and into["role-marketing-manager"] == ADDED
    assert into["role-head-of-delivery"] == REMOVED and into["role-developer"] == SAME


def test_raci_matrix_marks_changed_added_and_dropped_letters() -> None:
    theme = change_theme(get_theme("default"))
    html = matrix_html(_agency(), "both", theme)
    moved = f'BGCOLOR="{theme.tint(MOVED)}"><FONT POINT-SIZE="13" COLOR="{theme.accent(MOVED)}"><B>R → A/R</B>'
    assert moved in html  # the Project Manager's Kickoff
    assert f'COLOR="{theme.accent(REMOVED)}"><B><S>A</S></B>' in html  # the Head of Delivery's letters
    assert "Weekly production meeting (dropped)" in html
    assert f'COLOR="{theme.accent(ADDED)}"><B>R</B>' in html  # the Marketing Manager's pitches


def test_side_by_side_keeps_before_and_after_apart() -> None:
    charts = plan_diff(_agency(), "cs", "old.yaml", "new.yaml", get_theme("default"), ["org"], sbs=True)
    [chart] = charts
    frames = [g.id for g in chart.diagram.groups]
    assert frames == ["before", "after"]
    # Both halves stay where the org layout put them, the After frame right of the Before frame.
    assert chart.diagram.placed is not None and "nop2" in chart.dot
    before, after = (g.frame for g in chart.diagram.groups)
    assert before is not None and after is not None and before[2] < after[0]
    assert [m for m, _ in chart.diagram.legend][0].startswith("Added")  # the legend under the title
    ids = set(_cards(chart.diagram))
    assert {"before-role-head-of-delivery", "after-role-marketing-manager"} <= ids
    assert "after-role-head-of-delivery" not in ids and "before-role-marketing-manager" not in ids
    assert chart.file_name("svg") == "cs-diff-org.svg"


def test_change_theme_keeps_the_look_and_adds_three_colours() -> None:
    for name in ("default", "dark", "print", "high-contrast"):
        base = get_theme(name)
        theme = change_theme(base)
        colours = {theme.accent(t) for t in (ADDED, REMOVED, MOVED, SAME)}
        assert len(colours) == 4, name
        assert (theme.background, theme.ink, theme.font) == (base.background, base.ink, base.font)


def test_raci_change_chart_escapes_spec_text() -> None:
    hostile = OLD.replace("activity: Talks", "activity: '<b>Talks</b> & \"more\"'")
    changes = compute(load_text(textwrap.dedent(hostile)), load_text(textwrap.dedent(_new(hostile))))
    dot = raci_dot(changes, "x", "T <i>", "S", change_theme(get_theme("default")), side_by_side=True)
    assert "<b>Talks" not in dot and "&lt;b&gt;Talks&lt;/b&gt; &amp; &quot;more&quot;" in dot
    assert "T &lt;i&gt;" in dot
    assert dot.count("<TABLE") >= 3  # the title, and before and after as two matrices


def test_marked_duties_are_tinted_in_their_change_colour() -> None:
    theme = get_theme("default")
    look = change_theme(theme)
    charts = plan_diff(_agency(), "cs", "a", "b", theme, ["responsibilities"], sbs=False)
    dot = "".join(c.dot for c in charts)  # the merged chart is dense enough to be drawn in pieces
    for tone, text in ((ADDED, "+ new: Owns Client Services&#x27;"), (REMOVED, "× dropped: Sends the client"),
                       (MOVED, "← from Account Manager: Shares the")):
        # Each duty is a bulleted line of its column (the columns flow independently): bullet and text recoloured.
        cell = (f'COLOR="{look.accent(tone)}"><B>•</B></FONT>\u00a0<FONT POINT-SIZE="13" '
                f'COLOR="{look.accent(tone)}">{re.escape(text)}')
        assert re.search(cell, dot), text
    assert re.search(f'COLOR="{look.ink}">Flags risks', dot)  # a kept duty stays as it was


def test_changed_duties_and_members_carry_their_change_colour_in_the_model() -> None:
    diagram = change_diagram(_agency(), "responsibilities", "x", "both")
    assert diagram is not None
    tones = {item: column.item_tone(i) for card in _cards(diagram).values() for column in card.columns
             for i, item in enumerate(column.items)}
    assert tones["+ new: Owns Client Services' profitability targets"] == ADDED
    assert tones["× dropped: Sets the process account managers work by"] == REMOVED
    assert tones["← from Account Manager: Shares the schedule, milestones and launch plan"] == MOVED
    assert tones["Flags risks to timeline or budget early"] is None  # kept: drawn like any duty
    accounts = change_diagram(_agency(), "accounts", "x", "both", accounts_spec(_agency()))
    assert accounts is not None
    members = {item: column.item_tone(i) for card in _cards(accounts).values() for column in card.columns
               for i, item in enumerate(column.items)}
    assert members["+ Lena Ortiz · Account Director (account lead)"] == ADDED
    assert members["× Owen Price (left) · Account Director"] == REMOVED
    assert members["Tom Alvarez · Account Manager"] is None


def test_org_change_charts_meet_the_org_chart_layout_rules() -> None:
    """Cards get their notes before the org layout places them: right angles, no crossings, headings clear."""
    from checks import layout_rules as rules
    from checks.svggeom import parse_svg
    from orgcharts.engine.render import render

    theme = get_theme("default")
    for sbs in (False, True):
        [chart] = plan_diff(_agency(), "cs", "old.yaml", "new.yaml", theme, ["org"], sbs=sbs)
        assert "nop2" in chart.dot and "ortho" not in chart.dot  # placed by orgcharts, not by Graphviz
        drawing = parse_svg(render(chart.dot, ["svg"])["svg"])
        found = (rules.solid_not_square(drawing) + rules.lines_through_cards(drawing)
                 + rules.lines_through_headings(drawing) + rules.solid_crossings(drawing)
                 + rules.lines_through_cards(drawing, dashed=True) + rules.lines_through_headings(drawing, dashed=True)
                 + rules.text_overflow(drawing))
        assert found == [], (sbs, found)
        assert len(rules.drawn_lines(drawing)) > 20
        notes = "moved into Client Services with Project Management"
        # The notes are on the cards the layout measured (dot.py refuses a card changed after placement).
        assert any(line.text == notes for card in _cards(chart.diagram).values() for line in card.lines)


def test_every_change_chart_says_what_its_colours_mean_under_its_title_and_fits_the_slide() -> None:
    from checks import layout_rules as rules
    from checks.svggeom import parse_svg
    from orgcharts.engine.render import render

    charts = plan_diff(_agency(), "cs", "old.yaml", "new.yaml", get_theme("default"),
                       ["responsibilities", "org", "accounts"], sbs=False)
    assert len(charts) >= 3
    for chart in charts:
        assert [m.split(":")[0] for m, _ in chart.diagram.legend] == ["Added", "Removed", "Moved or changed",
                                                                      "Unchanged"]
        assert "Added: new role, duty, line or letter" in chart.dot
        assert not any("legend" in c.id for c in chart.diagram.cards)  # no cards standing in for a legend
        drawing = parse_svg(render(chart.dot, ["svg"])["svg"])
        assert rules.slide_violations(rules.slide_fit(drawing)) == [], chart.diagram.id
