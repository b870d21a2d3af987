"""The README and docs/: every link resolves, every spec example loads, every command example parses."""

from __future__ import annotations

import re
import shlex
import warnings
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from orgcharts.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)|(?:src|href)=\"([^\"]+)\"")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def _slug(heading: str) -> str:
    """GitHub's and MkDocs' anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}


def _links(page: Path) -> list[str]:
    text = re.sub(r"`[^`\n]*`", "", FENCE.sub("", page.read_text(encoding="utf-8")))  # code is not a link
    return [next(g for g in m.groups() if g) for m in LINK.finditer(text)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_resolves(page: Path) -> None:
    broken = []
    for link in _links(page):
        if re.match(r"^[a-z]+:", link):
            continue  # a web address: not fetched here
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        if not path.exists():
            broken.append(link)
        elif anchor and path.suffix == ".md" and anchor not in _anchors(path):
            broken.append(link)
    assert not broken, f"{page.name}: broken links {broken}"


def _examples(lang: str) -> list[tuple[str, int, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            if m.group(1) == lang:
                found.append((page.name, text[: m.start()].count("\n") + 1, m.group(2)))
    return found


@pytest.mark.parametrize("example", _examples("yaml"), ids=lambda e: f"{e[0]}:{e[1]}")
def test_every_yaml_example_parses_and_every_whole_spec_checks(example: tuple[str, int, str],
                                                               tmp_path: Path) -> None:
    name, line, text = example
    data = yaml.safe_load(text)
    if isinstance(data, dict) and "org" in data and "roles" in data:
        spec = tmp_path / "example.yaml"
        spec.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["check", str(spec)])
        assert result.exit_code == 0, f"{name}:{line}: {result.output}"


def _commands() -> list[tuple[str, int, list[str]]]:
    found = []
    for name, line, text in _examples("sh") + _examples("console") + _examples("bash"):
        for offset, raw in enumerate(text.splitlines()):
            for part in re.split(r"&&|\|\||;|\|", raw.split(" #", 1)[0]):
                words = shlex.split(part.strip().lstrip("$ ")) if part.strip() else []
                if words and (words[0] == "orgcharts" or words[0].endswith("/orgcharts")):
                    found.append((name, line + 1 + offset, words[1:]))
    return found


@pytest.mark.parametrize("command", _commands(), ids=lambda c: f"{c[0]}:{c[1]}")
def test_every_command_example_parses(command: tuple[str, int, list[str]]) -> None:
    name, line, args = command
    try:
        _parse(name, line, args)
    except click.BadParameter as exc:  # an example names the reader's own files: only their existence may fail
        assert "does not exist" in exc.format_message(), f"{name}:{line}: {exc.format_message()}"


def _parse(name: str, line: int, args: list[str]) -> None:
    """Parse one example's arguments as the command line would, running nothing."""
    ctx = main.make_context("orgcharts", list(args), resilient_parsing=False)
    with warnings.catch_warnings():  # click 8.2 keeps the subcommand in protected_args, deprecated for 9
        warnings.simplefilter("ignore", DeprecationWarning)
        sub = [*ctx.protected_args, *ctx.args]
    if sub:
        cmd = main.get_command(ctx, sub[0])
        assert cmd is not None, f"{name}:{line}: no command {sub[0]!r}"
        if isinstance(cmd, click.Group) and len(sub) > 1:
            inner = cmd.get_command(ctx, sub[1])
            assert inner is not None, f"{name}:{line}: no command {sub[0]} {sub[1]!r}"
            inner.make_context(sub[1], sub[2:], parent=ctx)
        else:
            cmd.make_context(sub[0], sub[1:], parent=ctx)


def test_the_docs_site_lists_every_page() -> None:
    config = ROOT / "mkdocs.yml"
    if not (ROOT / "docs").is_dir():
        pytest.skip("no docs/ folder yet")
    nav = yaml.safe_load(config.read_text(encoding="utf-8"))["nav"]
    listed = {next(iter(item.values())) if isinstance(item, dict) else item for item in nav}
    assert listed == {p.name for p in (ROOT / "docs").glob("*.md")}
