"""gallery: every chart in the folder, titled, with a link to each format; escaped; stable."""

from pathlib import Path

from orgcharts.out.gallery import gallery_html


def test_gallery_lists_charts_formats_and_decks(tmp_path: Path) -> None:
    (tmp_path / "acme-org.svg").write_text('<svg><title>Acme &amp; Co — lines</title></svg>')
    (tmp_path / "acme-org.png").write_bytes(b"png")
    (tmp_path / "acme-raci.png").write_bytes(b"png")
    (tmp_path / "acme.pptx").write_bytes(b"pk")
    (tmp_path / ".acme-org.svg.orgcharts-tmp-1").write_bytes(b"half")
    (tmp_path / "notes.txt").write_text("x")
    page = gallery_html(tmp_path)
    assert page.index("acme-org") < page.index("acme-raci")
    assert "<strong>Acme &amp; Co — lines</strong>" in page
    assert '<a href="./acme-org.svg">SVG</a><a href="./acme-org.png">PNG</a>' in page
    assert '<img src="./acme-raci.png" alt="acme-raci" loading="lazy">' in page
    assert '<a href="./acme.pptx">acme.pptx</a>' in page
    assert "orgcharts-tmp" not in page and "notes.txt" not in page
    assert gallery_html(tmp_path) == page


def test_hostile_file_names_and_titles_are_escaped(tmp_path: Path) -> None:
    (tmp_path / 'x"><script>alert(1)<script>.svg').write_text("<svg><title>&lt;script&gt;</title></svg>")
    page = gallery_html(tmp_path)
    assert "<script>" not in page


def test_the_pieces_of_a_split_chart_are_shown_in_order(tmp_path: Path) -> None:
    for n in (1, 2, 10, 11, 3):
        (tmp_path / f"acme-org-{n}.png").write_bytes(b"png")
    page = gallery_html(tmp_path)
    places = [page.index(f'alt="acme-org-{n}"') for n in (1, 2, 3, 10, 11)]
    assert places == sorted(places)
