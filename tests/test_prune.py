"""Leftovers: a render removes the files of charts and pieces it no longer draws, and nothing else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import render_specs
from orgcharts.out.prune import (MANIFEST, chart_leftovers, chart_owner, digest, manifest_bytes, page_leftovers,
                             read_manifest)

from .conftest import MINIMAL


@pytest.mark.parametrize(("name", "owner"), [
    ("acme-org.svg", ("acme", "org", "svg")),
    ("acme-org-12.png", ("acme", "org", "png")),
    ("a-org-org.svg", ("a-org", "org", "svg")),  # spec `a-org`'s org chart, never a piece of spec `a`
    ("a-raci-org-2.pdf", ("a-raci", "org", "pdf")),
    ("client-services-before-responsibilities-3.dot", ("client-services-before", "responsibilities", "dot")),
    ("acme-org-0.svg", None), ("acme-org-x.svg", None), ("acme-org.txt", None), ("acme.pptx", None),
    ("acme-people.svg", None), ("index.html", None), ("-org.svg", None),
])
def test_a_chart_file_name_has_one_owner(name: str, owner: tuple[str, str, str] | None) -> None:
    assert chart_owner(name) == owner


def _touch(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("earlier run")


def test_render_removes_pieces_and_views_it_no_longer_draws(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(MINIMAL, "acme.yaml")
    out = tmp_path / "out"
    stale = ["acme-org-2.svg", "acme-org-2.png", "acme-responsibilities-3.svg", "acme-raci.svg", "acme-accounts.pdf"]
    foreign = ["acme-org.txt", "acme-people.svg", "acme-org-org.svg", "other-org-2.svg", "acme.pptx", "notes.md"]
    _touch(out, *stale, *foreign)
    os.symlink(tmp_path / "elsewhere.svg", out / "acme-org-3.svg")  # a link is never followed or removed
    written, rendered = render_specs([spec], out, ChartOptions(formats=("svg",)))
    left = sorted(p.name for p in out.iterdir())
    assert left == sorted(["acme-org.svg", "acme-responsibilities.svg", "index.html", "acme-org-3.svg", *foreign])
    assert sorted(rendered.notes) == sorted(f"removed {out / n}: this run no longer draws that chart" for n in stale)
    assert "acme-org-2.svg" not in (out / "index.html").read_text()


def test_only_the_views_asked_for_are_swept(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(MINIMAL, "acme.yaml")
    out = tmp_path / "out"
    _touch(out, "acme-org-2.svg", "acme-responsibilities-2.svg")
    render_specs([spec], out, ChartOptions(formats=("svg",), views=("org",)))
    assert not (out / "acme-org-2.svg").exists()
    assert (out / "acme-responsibilities-2.svg").exists()  # not drawn this run: not judged


def test_a_deck_alone_sweeps_no_chart_file(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(MINIMAL, "acme.yaml")
    out = tmp_path / "out"
    _touch(out, "acme-org.svg", "acme-org-2.png")
    render_specs([spec], out, ChartOptions(formats=("pptx",)))
    assert (out / "acme-org.svg").exists() and (out / "acme-org-2.png").exists()


def test_a_view_that_failed_keeps_its_earlier_files(tmp_path: Path) -> None:
    _touch(tmp_path, "acme-org-2.svg", "acme-raci-2.svg")
    gone = chart_leftovers(tmp_path, {"acme"}, ["org", "raci"], drawn={"acme-org-1"}, failed={("acme", "org")})
    assert gone == [tmp_path / "acme-raci-2.svg"]


def test_pages_of_removed_roles_are_leftovers_only_if_the_manifest_names_them_as_written(tmp_path: Path) -> None:
    _touch(tmp_path / "a", "rep.md", "gone.md", "index.md", "notes.txt", "mine.md", "old.html", "edited.md")
    (tmp_path / "a" / "edited.md").write_text("edited by hand")
    sha = digest(b"earlier run")
    owned = {name: sha for name in ("a/rep.md", "a/gone.md", "a/index.md", "a/old.html", "a/edited.md",
                                    "b/gone.md", "index.md")}
    kept = {"a/rep.md", "a/index.md", "index.md"}
    # mine.md (hand-written, not in the manifest), edited.md (changed since), the html page (another
    # format) and another spec's folder are never leftovers of a Markdown run of spec a
    assert page_leftovers(tmp_path, owned, kept, {"a"}, "md") == [tmp_path / "a" / "gone.md"]
    hostile = {"../x.md": sha, "a/../../y.md": sha, "/etc/z.md": sha, "a/short.md": "abc"}
    (tmp_path / MANIFEST).write_bytes(manifest_bytes(owned | hostile))
    assert read_manifest(tmp_path) == owned
