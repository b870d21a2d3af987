"""checks/interop.py's reading of sources and SVGs: the words it demands are the words a label shows."""

import importlib.util
import sys

from .conftest import ROOT


def interop():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("interop_check", ROOT / "checks" / "interop.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["interop_check"] = module
    spec.loader.exec_module(module)
    return module


def test_mermaid_words_decode_entities_and_drop_our_tags() -> None:
    words = interop().mermaid_words('---\ntitle: "A #b"\n---\n  r_a["<b>Say #34;hi#34;</b><br>x#59;y"]\n')
    assert words == ["Say", '"hi"', "x;y", "A", "#b"]


def test_d2_words_unescape_and_skip_colours() -> None:
    words = interop().d2_words('a: "Say \\"hi\\"\\n\\${x}" {style.fill: "#fde68a"}\n')
    assert words == ["Say", '"hi"', "${x}"]


def test_svg_text_drops_styles_and_decodes_entities() -> None:
    svg = '<svg><style>.a{font:x}</style><text>Say &quot;hi&quot; &lt;b&gt;</text></svg>'
    shown = interop().svg_text(svg)
    assert '"hi"' in shown and "<b>" in shown and "font" not in shown


def test_mermaid_words_include_the_subtitle_in_acc_descr() -> None:
    words = interop().mermaid_words('---\ntitle: T\n---\nflowchart TB\n  accDescr: 28 people · 3 open\n  a["x"]\n')
    assert words == ["x", "28", "people", "·", "3", "open", "T"]


def test_edge_limit_diagram_has_exactly_that_many_links() -> None:
    source = interop().edge_limit(501)
    assert source.startswith("flowchart LR\n") and source.count(" --- ") == 501
