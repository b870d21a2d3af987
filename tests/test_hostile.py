"""Hostile input, class by class: each is refused with a clear, positioned message or drawn safely."""

from pathlib import Path
from xml.etree import ElementTree

import pygraphviz
import pytest

from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_text
from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import render_specs
from orgcharts.spec.yamltree import MAX_BYTES

from .conftest import MINIMAL


def errors(text: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_text(text, "x.yaml")
    return [str(f) for f in info.value.findings]


def test_very_long_strings_stop_at_the_documented_limit() -> None:
    assert errors(f"org: {'x' * 401}\nroles: [{{id: a, title: A}}]\n") == [
        "x.yaml:1:6: org: is longer than 400 characters; shorten it"]


def test_very_large_files_stop_before_parsing() -> None:
    big = "org: A\nroles: [{id: a, title: A}]\n# " + "x" * MAX_BYTES + "\n"
    assert errors(big) == ["x.yaml:1:1: file is larger than 5,000,000 bytes; split the organisation into several specs"]


@pytest.mark.parametrize("char", ["\u202e", "\u2066"])
def test_bidi_overrides_are_refused(char: str) -> None:
    text = f'org: "Acme{char}Co"\nroles: [{{id: a, title: A}}]\n'
    (msg,) = errors(text)
    assert msg == (f"x.yaml:1:6: org: contains the invisible control character U+{ord(char):04X}, which could "
                   "hide or reorder text; remove it")


@pytest.mark.parametrize(("escape", "code"), [("\\e", 0x1B), ("\\a", 7), ("\\uFFFE", 0xFFFE), ("\\uFFFF", 0xFFFF),
                                             ("\\uFDD0", 0xFDD0), ("\\U0001FFFF", 0x1FFFF), ("\\x0B", 0x0B)])
def test_characters_xml_forbids_are_refused_with_a_position(escape: str, code: int) -> None:
    # Written as escapes inside quotes, so they reach the spec however the file is saved.
    char = chr(code)
    for text in (f'org: "Acme{escape}Co"\nroles: [{{id: a, title: A}}]\n',
                 f'org: A\nroles:\n  - id: a\n    title: "A{escape}"\n',
                 f'org: A\nroles:\n  - id: a\n    title: A\n    "x{escape}": 1\n'):
        (msg,) = errors(text)
        assert msg.endswith(f": the character U+{ord(char):04X} is not allowed: XML, and so every chart, "
                            "cannot hold it; remove it"), msg
        assert not msg.startswith("x.yaml:1:1:") or "org" in text.splitlines()[0]


@pytest.mark.parametrize("raw", ["\ufffe", "\uffff"])
def test_raw_noncharacters_in_the_file_are_refused_at_their_position(raw: str) -> None:
    assert errors(f"org: A\nroles:\n  - id: a\n    title: A{raw}B\n") == [
        f"x.yaml:4:13: the character U+{ord(raw):04X} is not allowed: XML, and so every chart, cannot hold it; "
        "remove it"]


@pytest.mark.parametrize("title", ["\u200b", "\u2063", "\u200b \u2063\ufeff", "\u3164"])
def test_text_of_only_invisible_characters_is_empty(title: str) -> None:
    (msg,) = errors(f'org: A\nroles:\n  - id: a\n    title: "{title}"\n')
    assert msg.startswith("x.yaml:4:12: roles[0].title: is empty once its invisible characters (such as U+")


SAFE_UNICODE = ["مرحبا بالعالم", "עברית", "👩‍💻 Team 🚀", "zero\u200bwidth", "e\u0301 combining", "日本語チーム"]


def test_every_unicode_class_renders_into_valid_svg(tmp_path: Path) -> None:
    roles = "".join(f"  - {{id: r{i}, title: '{t}', reports_to: boss, client_facing: ['{t}'], internal: [x]}}\n"
                    for i, t in enumerate(SAFE_UNICODE))
    spec = tmp_path / "u.yaml"
    spec.write_text(f"org: Ünïcode\nroles:\n  - {{id: boss, title: Boss}}\n{roles}", encoding="utf-8")
    written, rendered = render_specs([spec], tmp_path / "out", ChartOptions(formats=("svg",)))
    assert rendered.failures == ()
    for path in (p for p in written if p.suffix == ".svg"):
        svg = path.read_text(encoding="utf-8")
        ElementTree.fromstring(svg)
        for text in SAFE_UNICODE:
            assert text in svg


HOSTILE = [
    '<IMG SRC="/etc/passwd"/>',
    '<TABLE><TR><TD HREF="javascript:alert(1)">x</TD></TR></TABLE>',
    '"]; n [image="/etc/passwd" shapefile="/etc/passwd"]; x [label="',
    "<script>alert(1)</script>",
    "onload=alert(1) fontpath=/tmp imagepath=/ stylesheet=http://evil.example/x.css",
    "\\N\\G\\E\\T\\H",
    "node edge graph digraph subgraph strict",
]


def test_no_text_reaches_graphviz_as_markup_files_or_links(tmp_path: Path) -> None:
    roles = "".join(
        f"  - id: r{i}\n    title: {_quote(t)}\n    reports_to: boss\n    people: [{_quote(t)}]\n"
        f"    client_facing: [{_quote(t)}]\n    internal: [{_quote(t)}]\n"
        for i, t in enumerate(HOSTILE))
    spec = tmp_path / "h.yaml"
    spec.write_text(f"org: {_quote(HOSTILE[0])}\nroles:\n  - {{id: boss, title: Boss}}\n{roles}", encoding="utf-8")
    written, rendered = render_specs([spec], tmp_path / "out", ChartOptions(formats=("svg", "dot")))
    assert rendered.failures == ()
    for path in written:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".dot":
            assert_no_file_or_link_attributes(text)
            assert "<IMG" not in text and "<script" not in text
        elif path.suffix == ".svg":
            assert_safe_svg(text)
        else:  # the gallery shows titles as text only
            assert "<script" not in text and "<IMG" not in text


FILE_OR_LINK = {"image", "imagepath", "fontpath", "shapefile", "stylesheet", "href", "url", "target",
                "imagescale", "fontnames"}


def assert_no_file_or_link_attributes(dot: str) -> None:
    """Parse the DOT as Graphviz does: no object carries an attribute that reads a file or links out."""
    graph = pygraphviz.AGraph(string=dot)
    graphs = [graph]
    while graphs:
        g = graphs.pop()
        graphs.extend(g.subgraphs())
        owners = [g.graph_attr, g.node_attr, g.edge_attr]
        owners += [n.attr for n in g.nodes()] + [e.attr for e in g.edges()]
        for attrs in owners:
            used = {k.lower() for k, v in attrs.items() if v}
            assert not used & FILE_OR_LINK, used & FILE_OR_LINK


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def assert_safe_svg(svg: str) -> None:
    """No script, no event handler, no javascript: link, no external reference."""
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in ("script", "image", "foreignObject", "use", "a"), tag
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), name
            assert "javascript:" not in value.lower()
            if local == "href":
                assert value.startswith("#"), value
    assert "url(http" not in svg and "@import" not in svg


def test_minimal_spec_svg_is_safe(tmp_path: Path) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text(MINIMAL, encoding="utf-8")
    written, _ = render_specs([spec], tmp_path / "out", ChartOptions(formats=("svg",)))
    for path in written:
        if path.suffix == ".svg":
            assert_safe_svg(path.read_text(encoding="utf-8"))
