"""The corpus of organisations: every spec loads with no errors, each says what it follows, the generator is seeded."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_file, load_text
from orgcharts.spec.models import Role

CORPUS = Path(__file__).resolve().parent / "corpus"
SPECS = sorted(CORPUS.glob("*.yaml"))


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_generate", CORPUS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_corpus_is_varied() -> None:
    assert len(SPECS) >= 12


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_every_corpus_spec_loads_without_errors(path: Path) -> None:
    try:
        loaded = load_file(path)
    except SpecError as exc:  # pragma: no cover - the failure message is the point
        pytest.fail("\n".join(str(f) for f in exc.findings))
    assert len(loaded.spec.roles) >= 5


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_every_corpus_spec_says_what_it_follows(path: Path) -> None:
    head = [line for line in path.read_text(encoding="utf-8").splitlines()[:12] if line.startswith("#")]
    said = " ".join(line.lstrip("# ") for line in head if "schema" not in line)
    assert len(said) > 80, f"{path.name}: the comment at the top says which public description it follows"


@pytest.mark.parametrize("shape", ["tree", "matrix"])
def test_generated_specs_load_and_are_seeded(shape: str) -> None:
    gen = _generator()
    import yaml
    for size in (50, 300):
        data = gen.generate(size, shape)
        assert data == gen.generate(size, shape)  # same seed, same spec
        assert len(data["roles"]) == size + 1  # and the chief executive's assistant
        spec = load_text(yaml.safe_dump(data, sort_keys=False))
        assert len(spec.roles) == size + 1
    assert gen.generate(50, shape, seed=1) != gen.generate(50, shape, seed=2)


def _manager_outside_unit(data: dict[str, object]) -> int:
    roles = {r["id"]: r for r in data["roles"]}  # type: ignore[attr-defined, index]
    units = {u["id"]: u for u in data["units"]}  # type: ignore[attr-defined, index]

    def chain(unit: str | None) -> list[str]:
        out = []
        while unit:
            out.append(unit)
            unit = units[unit].get("parent")
        return out

    return sum(1 for r in roles.values() if "reports_to" in r
               and roles[r["reports_to"]]["unit"] not in chain(r["unit"]))


def test_tree_units_follow_the_tree_and_matrix_units_cut_across_it() -> None:
    gen = _generator()
    assert _manager_outside_unit(gen.generate(300, "tree")) == 0
    assert _manager_outside_unit(gen.generate(300, "matrix")) > 50


def test_generated_files_are_written(tmp_path: Path) -> None:
    gen = _generator()
    paths = gen.generated_specs(tmp_path, sizes=(50,), shapes=("matrix",))
    assert [p.name for p in paths] == ["generated-matrix-50.yaml"]
    assert load_file(paths[0]).spec.org == "Generated matrix 50"


def test_the_corpus_covers_the_shapes_the_layouts_must_hold() -> None:
    specs = [load_file(path).spec for path in SPECS]
    roles = [r for s in specs for r in s.roles]
    faces = {u.faces for s in specs for u in s.units} | {r.faces for r in roles}
    assert {"client", "team", "both"} <= faces
    assert any(r.dotted_to for r in roles) and any(r.assistant for r in roles) and any(r.vacancies for r in roles)
    assert sum(1 for s in specs if s.raci) >= 5 and sum(1 for s in specs if s.accounts) >= 3

    def widest_span(spec_roles: list[Role]) -> int:
        return max(sum(1 for r in spec_roles if r.reports_to == boss.id) for boss in spec_roles)

    def deepest_chain(spec_roles: list[Role]) -> int:
        boss = {r.id: r.reports_to for r in spec_roles}

        def depth(role_id: str | None) -> int:
            return 0 if role_id is None else 1 + depth(boss.get(role_id))

        return max(depth(r.id) for r in spec_roles)

    assert max(widest_span(s.roles) for s in specs) >= 25
    assert max(deepest_chain(s.roles) for s in specs) >= 9  # eight levels of management above a team
    # leads in another unit than their reports
    assert any(r.reports_to and next(b for b in s.roles if b.id == r.reports_to).unit != r.unit
               for s in specs for r in s.roles)
