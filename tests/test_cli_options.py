"""Every drawing option is one declaration, accepted and refused the same way by every command that takes it."""

from __future__ import annotations

import math
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.commands.chartoptions import SHARED, SharedOption, build_options
from orgcharts.options import ChartOptions, Look

from .conftest import MINIMAL

DRAWING = ("render", "diff", "watch", "docs")

# Per option: values every command that takes it must refuse, and values it must accept.
BAD = {"formats": ["gif", ""], "views": ["people", "ORG"], "theme": ["sepia", "missing.yaml"],
       "fit": ["bogus", "16x9"], "background": ["red", "#12345", "url(x)"],
       "scale": ["nan", "inf", "-inf", "0", "0.4", "9", "1e400", "two"],
       "timeout": ["nan", "inf", "-1", "0", "0.05", "86401", "1e400", "soon"],
       "min_text": ["nan", "inf", "-inf", "0", "-10", "4.4", "24.5", "1e400", "big"]}
GOOD = {"formats": ["pdf", "pptx"], "views": ["org", "raci"], "theme": ["dark"], "fit": ["16:9", "a4"],
        "background": ["white", "transparent", "#1a2b3c"], "scale": ["0.5", "1.5", "8"],
        "timeout": ["0.1", "5", "86400"], "min_text": ["4.5", "10", "24"]}


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        found[prefix + name] = command
        if isinstance(command, click.Group):
            found.update(_commands(command, f"{prefix}{name} "))
    return found


COMMANDS = _commands(main)


def _option(command: click.Command, dest: str) -> click.Option | None:
    return next((p for p in command.params if isinstance(p, click.Option) and p.name == dest), None)


def _parse(name: str, args: list[str]) -> str | None:
    """Parse `args` for a command as the command line would (nothing runs); the error, or None."""
    try:
        COMMANDS[name].make_context(name, list(args))
    except click.exceptions.Exit:
        return None
    except click.ClickException as exc:
        return exc.format_message()
    return None


def test_the_tree_is_walked_and_every_drawing_command_is_in_it() -> None:
    assert set(DRAWING) <= set(COMMANDS) and {"import csv", "import xlsx", "check", "export"} <= set(COMMANDS)


@pytest.mark.parametrize("dest", sorted(SHARED))
def test_a_shared_option_is_the_one_declaration_wherever_it_is_taken(dest: str) -> None:
    declared = SHARED[dest]
    takers = []
    for name, command in COMMANDS.items():
        option = _option(command, dest)
        if option is None or name not in DRAWING:
            continue
        takers.append(name)
        assert isinstance(option, SharedOption) and option.declaration is declared, (name, dest)
        made = click.Option([*declared.flags, dest], **declared.attrs)
        for attr in ("default", "multiple", "is_flag", "callback", "help", "show_default", "metavar"):
            assert getattr(option, attr) == getattr(made, attr), (name, dest, attr)
        assert option.type is declared.attrs["type"] if "type" in declared.attrs else type(option.type) is type(made.type)
    assert {"render", "watch"} <= set(takers), dest  # render and watch take every option of a drawing
    # No other command declares an option of that name its own way (export's --view is the export's views).
    for name, command in COMMANDS.items():
        option = _option(command, dest)
        if option is not None and name not in DRAWING:
            assert (name, dest) == ("export", "views")


def _flag(name: str, dest: str) -> str:
    option = _option(COMMANDS[name], dest)
    assert option is not None
    return option.opts[0] if option.opts[0].startswith("--") else option.opts[-1]


@pytest.mark.parametrize("dest", sorted(BAD))
def test_a_bad_value_is_refused_alike_by_every_command_that_takes_it(dest: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    takers = [n for n in DRAWING if _option(COMMANDS[n], dest) is not None]
    for value in BAD[dest]:
        errors = {name: _parse(name, [_flag(name, dest), value]) for name in takers}
        assert all(errors.values()), (dest, value, errors)
        # the same words everywhere, after the flags' names (diff spells -f as --chart-format)
        assert len({e.split("': ", 1)[-1] for e in errors.values() if e}) == 1, errors
    for value in GOOD[dest]:
        for name in takers:
            assert _parse(name, [_flag(name, dest), value]) is None, (name, dest, value)


@pytest.mark.parametrize("args", [["--scale", "nan"], ["--timeout", "inf"], ["--scale", "0"], ["--timeout", "-1"],
                                  ["--fit", "bogus"], ["--min-text", "nan"], ["--min-text", "inf"],
                                  ["--min-text", "0"], ["--min-text", "1000"]], ids=" ".join)
def test_each_drawing_command_refuses_before_doing_anything(args: list[str], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL, encoding="utf-8")
    for name, operands in (("render", ["a.yaml"]), ("diff", ["a.yaml", "b.yaml"]), ("watch", ["a.yaml"]),
                           ("docs", ["a.yaml"])):
        dest = {"--scale": "scale", "--timeout": "timeout", "--fit": "fit", "--min-text": "min_text"}[args[0]]
        if _option(COMMANDS[name], dest) is None:
            continue
        result = CliRunner().invoke(main, [name, *operands, *args])
        assert result.exit_code == 2, (name, result.output)
        assert "Traceback" not in result.output and not (tmp_path / "output").exists()
        if dest == "min_text":  # says what it takes
            assert "--min-text" in result.output and ("4.5<=x<=24" in result.output or "finite" in result.output)


def test_the_options_value_is_built_from_what_was_given() -> None:
    assert build_options({}) == ChartOptions()
    built = build_options({"formats": ("pdf",), "views": ("org",), "fit": "a4", "background": "white",
                           "scale": 1.5, "timeout": 5.0, "no_cache": True, "no_split": True, "pptx_pictures": True})
    assert built == ChartOptions(formats=("pdf",), views=("org",), look=Look("a4", "white", 1.5), timeout=5.0,
                                 cache=False, split=False, pptx_pictures=True)
    assert build_options({"formats": ()}).formats == ("svg", "png")
    assert build_options({"min_text": 10.0}) == ChartOptions(min_text=10.0)
    assert math.isfinite(built.look.scale)


def test_the_drawing_commands_take_only_their_options_value() -> None:
    # One options value in place of a parameter per option: no command takes more than a handful.
    for name in DRAWING:
        callback = COMMANDS[name].callback
        assert callback is not None
        wrapped = getattr(callback, "__wrapped__", callback)
        assert "options" in wrapped.__code__.co_varnames[:wrapped.__code__.co_argcount], name
        assert wrapped.__code__.co_argcount <= 6, name


def test_the_options_given_reach_the_drawing_of_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--fit, --background, --timeout and --theme given to any drawing command are what its charts are drawn with."""
    from orgcharts.commands import pipeline
    from orgcharts.commands.watch import run as watch
    from orgcharts.commands.diff import run as diff
    from orgcharts.commands.docs import neighbourhood

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL.replace("Rep", "Lead"), encoding="utf-8")
    seen: dict[str, ChartOptions] = {}
    real = pipeline.render_charts

    def spy(name: str):  # type: ignore[no-untyped-def]
        def drawn(charts, options=ChartOptions(), *args, **kwargs):  # type: ignore[no-untyped-def]
            seen.setdefault(name, options)
            return real(charts, options, *args, **kwargs)
        return drawn

    monkeypatch.setattr(pipeline, "render_charts", spy("render"))
    monkeypatch.setattr(diff, "render_charts", spy("diff"))
    monkeypatch.setattr(watch, "render_charts", spy("watch"))
    monkeypatch.setattr(watch, "watch_loop", lambda watcher: None)
    monkeypatch.setattr(neighbourhood, "render_charts", spy("docs"))
    from orgcharts.layout.fit import SlideRule, current_rule
    from orgcharts.views import registry

    rules: dict[str, set[SlideRule]] = {}
    for view, build in list(registry.VIEWS.items()):
        def ruled(spec, stem, view_options, build=build):  # type: ignore[no-untyped-def]
            rules.setdefault(current, set()).add(current_rule())  # the rule the view decided its pieces under
            return build(spec, stem, view_options)
        monkeypatch.setitem(registry.VIEWS, view, ruled)
    common = ["--fit", "4:3", "--background", "#123456", "--timeout", "7", "--theme", "dark", "--no-cache",
              "--min-text", "12"]
    runs = {"render": ["render", "a.yaml", "-f", "svg", "--scale", "1.5", "--no-split", *common],
            "diff": ["diff", "a.yaml", "b.yaml", "-f", "svg", "--scale", "1.5", *common],
            "watch": ["watch", "a.yaml", "-f", "svg", "--scale", "1.5", "--no-split", *common],
            "docs": ["docs", "a.yaml", "--format", "html", *common]}
    for name, args in runs.items():
        current = name
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (name, result.output)
        options = seen[name]
        assert (options.look.fit, options.look.background, options.timeout, options.cache) == ("4:3", "#123456", 7.0,
                                                                                               False), name
        assert options.theme is not None and options.theme.base == "dark", name
        if name != "docs":
            assert options.look.scale == 1.5 and options.formats == ("svg",), name
        if name in ("render", "watch"):
            assert options.split is False, name
        assert options.min_text == 12.0, name
        assert rules[name] == {SlideRule.with_min_text(12.0)}, name  # every view call of every command
    assert current_rule() == SlideRule()  # and the rule in force is the default again
