"""Escaping at every boundary: labels, ids, theme fonts, links; text always drawn exactly as written."""

import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgcharts.cli import main
from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_text
from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import render_specs
from orgcharts.draw.svg import prefix_ids

from .test_hostile import assert_safe_svg

SVG_NS = "{http://www.w3.org/2000/svg}"


def drawn_text(svg: bytes | str) -> list[str]:
    """Every line of text the SVG draws, as a viewer shows it."""
    root = ElementTree.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]


ACTIVE_TAGS = {"script", "foreignObject", "a", "image", "use", "iframe", "object", "embed"}


def assert_no_active_content(svg: bytes | str) -> None:
    """Parses as XML; no script-like element, no on* handler, no link or url() but to an id of its own."""
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        assert element.tag.rsplit("}", 1)[-1] not in ACTIVE_TAGS, element.tag
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), name
            if local == "href":
                assert value.startswith("#"), value
            if local not in ("aria-label",):  # the chart's title, as text
                assert all(ref.startswith("#") for ref in re.findall(r"url\(\s*([^)]*)", value)), value


def spec_text(title: str, duty: str = "Sells", unit: str = "Front", org: str = "Acme",
              font: str | None = None) -> str:
    theme = f"theme:\n  font: {_quote(font)}\n" if font is not None else ""
    return (f"org: {_quote(org)}\n{theme}units:\n  - {{id: front, name: {_quote(unit)}, lead: boss}}\n"
            f"roles:\n  - {{id: boss, title: Boss, unit: front, client_facing: [Talks], internal: [Plans]}}\n"
            f"  - id: r\n    title: {_quote(title)}\n    reports_to: boss\n    unit: front\n"
            f"    client_facing: [{_quote(duty)}]\n    internal: [Builds]\n")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def render_one(folder: Path, text: str, name: str = "spec.yaml", formats: tuple[str, ...] = ("svg",)) -> dict[str, bytes]:
    spec = folder / name
    spec.write_text(text, encoding="utf-8")
    written, rendered = render_specs([spec], folder / "out", ChartOptions(formats=tuple(formats)))
    assert rendered.failures == ()
    return {p.name: p.read_bytes() for p in written}


BACKSLASHES = ["Sales\\EMEA", "R\\N&D", "Ops\\Glasgow", "\\\\server", "a\\Gb\\Lc\\Hd\\Te", "trailing\\"]


@pytest.mark.parametrize("text", BACKSLASHES)
def test_backslash_sequences_are_drawn_exactly_as_written(tmp_path: Path, text: str) -> None:
    title, duty, unit = f"T {text}", f"D {text}", f"U {text}"
    files = render_one(tmp_path, spec_text(title=title, duty=duty, unit=unit, org=f"O {text}"))
    lines = drawn_text(files["spec-responsibilities.svg"])
    assert {title, duty, unit} <= set(lines), lines
    assert title in drawn_text(files["spec-org.svg"])
    assert not any("role-" in line or "spec" in line for line in lines)  # no \N (node id), no \G (file name)


@pytest.mark.parametrize("stem", ["R&D", 'x" onload="alert(1)', "javascript:alert(1)", "<b>", "1st plan"])
def test_file_names_become_safe_ids_and_relative_links(tmp_path: Path, stem: str) -> None:
    files = render_one(tmp_path, spec_text("Rep"), name=f"{stem}.yaml")
    assert any(name.endswith(".svg") for name in files)
    for name, data in files.items():
        if name.endswith(".svg"):
            assert_safe_svg(data.decode())
            ids = re.findall(r'\bid="([^"]*)"', data.decode())
            assert ids and all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", i) for i in ids), ids
    page = files["index.html"].decode()
    hrefs = re.findall(r'(?:href|src)="([^"]*)"', page)
    assert hrefs and all(h.startswith("./") for h in hrefs), hrefs
    assert "javascript:" not in " ".join(hrefs)


def test_text_that_looks_like_a_reference_is_not_rewritten(tmp_path: Path) -> None:
    files = render_one(tmp_path, spec_text(title='see url(#a1)', duty='id="node1" href="#a"'))
    svg = files["spec-responsibilities.svg"]
    assert "see url(#a1)" in drawn_text(svg) and 'id="node1" href="#a"' in drawn_text(svg)


def test_prefixing_changes_ids_and_references_only() -> None:
    svg = b'<g id="a1"><path fill="url(#a1)"/><text>see url(#a1) and href="#a1"</text></g>'
    assert prefix_ids(svg, "org") == (b'<g id="org-a1"><path fill="url(#org-a1)"/>'
                                      b'<text>see url(#a1) and href="#a1"</text></g>')


@pytest.mark.parametrize("font", ['x" onmouseover="alert(1)', "A & B", "Brand<Sans>", "a;b", "x'y"])
def test_a_theme_font_that_is_not_a_font_family_list_is_refused_with_its_position(font: str) -> None:
    with pytest.raises(SpecError) as info:
        load_text(spec_text("Rep", font=font), "t.yaml")
    (finding,) = info.value.findings
    assert str(finding).startswith("t.yaml:3:9: theme.font: ")
    assert "is not a font-family list; use font names of letters, digits, spaces and hyphens" in finding.message


def test_a_theme_file_font_is_checked_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("spec.yaml").write_text(spec_text("Rep"), encoding="utf-8")
    Path("brand.yaml").write_text("base: dark\nfont: 'x\" onload=\"alert(1)'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "spec.yaml", "--theme", "brand.yaml"])
    assert result.exit_code == 1
    assert "brand.yaml:2:7: font: " in result.stderr and "is not a font-family list" in result.stderr
    assert not Path("output").exists()


def test_a_valid_brand_font_is_written_safely(tmp_path: Path) -> None:
    files = render_one(tmp_path, spec_text("Rep", font='"Brand Sans", Fira-Sans, München Grotesk'))
    svg = files["spec-responsibilities.svg"].decode()
    assert_safe_svg(svg)
    assert "font-family=\"'Brand Sans',Fira-Sans,München Grotesk,Liberation Sans,Arial" in svg


# Text a person could type: letters of several scripts, digits, punctuation, markup characters,
# backslash sequences, emoji; single spaces (the YAML loader trims, the wrapper joins on spaces).
_ALPHABET = st.sampled_from(list("abcXYZ019 &<>\"'#;:/\\%$()[]{}=!?*.,-_|~`@^+") +
                            ["\\N", "\\G", "\\E", "\\L", "\\\\", "é", "ß", "Ж", "中", "ع", "👩‍💻", "\u200b", "&amp;",
                             "url(#a1)", "javascript:", "onload="])
TEXT = st.lists(_ALPHABET, min_size=1, max_size=12).map("".join).map(lambda s: " ".join(s.split())).filter(
    lambda s: s.strip("\u200b ") != "" and len(s) <= 30)
FONT_NAME = st.text(st.sampled_from(list("abcXYZ019-") + ["é", "Ж"]), min_size=1, max_size=10)
FONT = st.lists(st.tuples(FONT_NAME, st.booleans()), min_size=1, max_size=3).map(
    lambda names: ", ".join(f'"{n}"' if quoted else n for n, quoted in names))
FILE_STEM = st.text(st.sampled_from(list("abcXYZ019 &<>\"'#;:%()=!?*.,-_@+") + ["é", "中"]),
                    min_size=1, max_size=16).filter(lambda s: not s.startswith(".") and s.strip() == s)


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=TEXT, duty=TEXT, unit=TEXT, org=TEXT, font=FONT, stem=FILE_STEM)
def test_any_text_font_and_file_name_renders_safe_svg_showing_the_text_exactly(
        tmp_path_factory: pytest.TempPathFactory, title: str, duty: str, unit: str, org: str, font: str,
        stem: str) -> None:
    folder = tmp_path_factory.mktemp("prop")
    files = render_one(folder, spec_text(title, duty, unit, org, font), name=f"{stem}.yaml")
    page = files.pop("index.html").decode()
    assert all(h.startswith("./") for h in re.findall(r'(?:href|src)="([^"]*)"', page))
    assert files
    for name, data in files.items():
        assert_no_active_content(data)
        lines = drawn_text(data)
        if name.endswith("-responsibilities.svg"):
            for text in (title, duty, unit):
                assert text in lines, (text, lines)
        if name.endswith("-org.svg"):
            assert title in lines, (title, lines)


def test_the_property_would_see_an_unescaped_backslash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The property's text check is live: with the backslash rule undone, `Sales\\EMEA` is not shown."""
    from orgcharts.engine import labels

    plain: Callable[[str], str] = lambda text: text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    monkeypatch.setattr(labels, "escape", plain)
    files = render_one(tmp_path, spec_text("Sales\\EMEA"))
    assert "Sales\\EMEA" not in drawn_text(files["spec-responsibilities.svg"])
