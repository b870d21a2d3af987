"""docs --format html grows linearly: each role page draws its neighbourhood, never the whole organisation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orgcharts.spec.loader import load_text
from orgcharts.commands.pipeline import SpecFile
from orgcharts.spec.models import OrgSpec
from orgcharts.commands.docs.run import spec_pages
from orgcharts.commands.docs.neighbourhood import MAX_DOTTED, MAX_PEERS, MAX_REPORTS, neighbourhood_spec, neighbourhood_svgs
from orgcharts.commands.docs.html import page_html
from orgcharts.commands.docs.pages import role_pages
from orgcharts.themes import get_theme

# manager, the role, its peers, its reports, its dotted lines, and a card for each "+ N more"
BOUND = 2 + MAX_PEERS + MAX_REPORTS + 2 * MAX_DOTTED + 3


def org(n: int, span: int = 7) -> OrgSpec:
    """N roles in a tree `span` wide, fifty to a unit, with a dotted line on every thirteenth role."""
    lines = ["org: Big", "units:"] + [f"  - {{id: u{i}, name: Unit {i}, owns: things}}" for i in range(n // 50 + 1)]
    lines.append("roles:")
    for i in range(n):
        boss = f"\n    reports_to: r{(i - 1) // span}" if i else ""
        dotted = f"\n    dotted_to: [r{i // 3}]" if i > 10 and i % 13 == 0 else ""
        lines.append(f"  - id: r{i}\n    title: Role {i}\n    unit: u{i // 50}{boss}{dotted}\n    people: [P{i}]")
    return load_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("n", [300, 1000, 5000])
def test_every_neighbourhood_is_bounded_and_pages_grow_linearly(n: int) -> None:
    spec = org(n)
    pages = role_pages(spec)
    sizes = [len(page_html(p, spec.org, None, get_theme("default"))) for p in pages]
    assert max(sizes) < 20_000
    assert sum(sizes) / n < 3_000  # bytes per page stay flat as the organisation grows
    biggest = max(len(neighbourhood_spec(spec, r.id).roles) for r in spec.roles[:: max(1, n // 300)])
    assert biggest <= BOUND


def test_a_crowded_neighbourhood_is_capped_and_counted() -> None:
    """A role with 40 peers, 40 reports and 40 dotted-line reports draws at most BOUND cards."""
    lines = ["org: Crowd", "roles:", "  - {id: boss, title: Boss}"]
    lines += [f"  - {{id: p{i}, title: Peer {i}, reports_to: boss}}" for i in range(40)]
    lines.append("  - {id: me, title: Me, reports_to: boss}")  # last of its manager's reports: still drawn
    lines += [f"  - {{id: r{i}, title: Report {i}, reports_to: me}}" for i in range(40)]
    lines += [f"  - {{id: d{i}, title: Dotted {i}, reports_to: p0, dotted_to: [me]}}" for i in range(40)]
    spec = load_text("\n".join(lines) + "\n")
    near = neighbourhood_spec(spec, "me")
    titles = [r.title for r in near.roles]
    assert len(titles) <= BOUND
    assert {"+ 34 more peers", "+ 32 more direct reports", "+ 36 more dotted-line reports"} <= set(titles)
    assert "Me" in titles and sum(t.startswith("Peer ") for t in titles) == MAX_PEERS
    svg = neighbourhood_svgs(spec, ["me"])["me"]
    assert len(svg) < 150_000
    width = float(re.search(rb'<svg[^>]* width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    assert width < 2_000  # about a page: scaled to 72rem it keeps its text readable


def test_html_docs_total_grows_linearly_with_the_charts_drawn() -> None:
    totals = {}
    for n in (30, 90):
        files = spec_pages(SpecFile(Path("big.yaml"), org(n)), "html")
        assert len(files) == n + 1
        assert max(len(v) for v in files.values()) < 300_000
        assert all(b"<svg" in v for k, v in files.items() if k != "index.html")
        totals[n] = sum(len(v) for v in files.values())
    assert totals[90] < 3.6 * totals[30]  # three times the roles, about three times the bytes
