"""modelcache: the models taken from the per-machine cache behave exactly as the models pydantic builds,
and a missing, corrupt, stale, foreign or unwritable cache means a normal build, never a different one."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from orgcharts.engine import fonts as fontsetup
from orgcharts.spec import modelcache
from orgcharts.spec import models as spec

ROOT = Path(__file__).resolve().parent.parent
GOOD = sorted([*ROOT.glob("specs/*.yaml"), *ROOT.glob("tests/specs/*.yaml"), *ROOT.glob("tests/corpus/*.yaml")])

# Specs that fail in every way the models can refuse a value, strictness and the titles included.
BAD = [
    "org: A\nroles: [{id: a, title: A, ownz: x}]\n",
    "org: A\nzzz: 1\nroles: [{id: a, title: A}]\n",
    "org: A\nroles:\n  - id: Bad Id\n    title: no\n  - title: T\n",
    "org: 1:30\nroles: [{id: a, title: A}]\n",
    "org: A\nroles: {id: a}\n",
    "org: A\nroles: []\n",
    "org: A\nversion: 2\nroles: [{id: a, title: A}]\n",
    "org: A\nroles: [{id: a, title: A, people: [{name: Sam, fte: '0.5'}]}]\n",
    "org: A\nroles: [{id: a, title: A, people: [{name: Sam, fte: 2}]}]\n",
    "org: A\nroles: [{id: a, title: A, headcount: -1, open: 20000}]\n",
    "org: A\nroles: [{id: a, title: A, placeholder: 'true', assistant: 1}]\n",
    "org: A\nroles: [{id: a, title: A, shared: [x]}]\n",
    "org: A\nroles: [{id: a, title: A, shared: 5}]\n",
    "org: A\nroles: [{id: a, title: \"\\u200b\"}]\n",
    "org: A\nroles: [{id: a, title: \"x\\u202ey\"}]\n",
    "org: A\nroles: [{id: a, title: '" + "x" * 401 + "'}]\n",
    "org: A\nroles: [{id: a, title: A, client_facing: ['" + "d" * 201 + "']}]\n",
    "org: A\nsides:\n  client: no\nroles: [{id: a, title: A}]\n",
    "org: A\nsides: {client: {name: C, units: [Not A Slug]}}\nroles: [{id: a, title: A}]\n",
    "org: A\nroles: [{id: a, title: A}]\nraci:\n  - {activity: X, responsible: no, accountable: 3}\n",
    "org: A\nroles: [{id: a, title: A}]\naccounts:\n  - {id: x, client: C, lead: 12}\n",
    "org: A\nroles: [{id: a, title: A}]\naccounts:\n  - {id: x, client: C, lead: {role: a, who: b}}\n",
    "org: A\nroles: [{id: a, title: A}]\nviews: {org: {direction: UP, stack: 0, split: 'no'}}\n",
    "org: A\nroles: [{id: a, title: A}]\nviews: {gantt: {}}\n",
    "org: A\nroles: [{id: a, title: A}]\ntheme: {base: neon, colors: {ink: red, card: '#12345'}}\n",
    "org: A\nroles: [{id: a, title: A}]\ntheme: {font: 'Comic; Sans'}\n",
    "org: A\nroles: [{id: a, title: A}]\ntheme: sepia\n",
    "org: A\nroles: [{id: a, title: A}]\nlint: {ignore: ['', raci-chain]}\n",
    "org: A\nroles: [no]\n",
    "org: A\nroles: [{id: a, title: A, people: [no, {name: B, extra: 1}]}]\n",
    "org: A\nunits: [{id: u, name: U, faces: sideways}]\nroles: [{id: a, title: A, unit: u}]\n",
]

# Run in a fresh process (the models are completed once per process): every outcome, as text.
CHILD = r'''
import inspect, json, re, sys
import yaml
from pydantic import ValidationError
from orgcharts.spec import modelcache
from orgcharts.errors import SpecError
from orgcharts.spec.loader import load
from orgcharts.spec.models import MODELS, OrgSpec, Role, Sides, ThemeSpec, ViewOptions

cases = json.loads(open(sys.argv[1], encoding="utf-8").read())
out = {"how": modelcache.how_completed(), "loaded": [], "raw": [], "models": {}}
for text in cases:
    try:
        done = load(text, "s.yaml")
        out["loaded"].append(["ok", done.spec.model_dump(mode="json"), [str(f) for f in done.warnings]])
    except SpecError as exc:
        out["loaded"].append(["error", [(str(f), f.code) for f in exc.findings]])
    try:
        OrgSpec.model_validate(yaml.safe_load(text))
        out["raw"].append("ok")
    except ValidationError as exc:
        out["raw"].append([str(exc), json.dumps(exc.errors(include_url=False), default=repr)])
for model in MODELS:
    signature = re.sub(" at 0x[0-9a-f]+", "", str(inspect.signature(model)))  # functions' addresses vary
    out["models"][model.__qualname__] = [signature, model.model_json_schema(),
                                         model.__pydantic_complete__, sorted(model.__pydantic_computed_fields__)]
role = Role(id="a", title="A", people=["Sam"], headcount=3, open=1)
out["built"] = [role.model_dump(), role.seats, ViewOptions().model_dump(), Sides().model_dump(),
                ThemeSpec.model_validate("dark").model_dump(mode="json"),
                role.model_copy(update={"title": "B"}).model_dump_json(), ViewOptions() == ViewOptions(stack=6)]
print(json.dumps(out, sort_keys=True, default=repr))
'''


def start(tmp_path: Path, cache: Path, off: bool = False) -> dict[str, object]:
    """Every outcome of one fresh process whose user cache folder is `cache` (the cache switched off if `off`)."""
    cases = tmp_path / "cases.json"
    if not cases.exists():
        cases.write_text(json.dumps([p.read_text(encoding="utf-8") for p in GOOD] + BAD), encoding="utf-8")
    env = {**os.environ, "ORGCHARTS_CACHE": str(cache)}
    env.pop("ORGCHARTS_NO_MODEL_CACHE", None)  # the cache under test is on in its processes
    if off:
        env["ORGCHARTS_NO_MODEL_CACHE"] = "1"
    done = subprocess.run([sys.executable, "-c", CHILD, str(cases)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def outcomes(result: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in result.items() if k != "how"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """A cache folder filled by a first start, and that start's outcomes (pydantic's own build)."""
    folder = tmp_path_factory.mktemp("models")
    cache = folder / "cache"
    first = start(folder, cache)
    assert first["how"] == "built: no cache yet; cached"
    return cache, first


def the_file(cache: Path) -> Path:
    (found,) = cache.glob("models-*.pickle")
    return found


def test_the_next_start_takes_the_cache_and_behaves_the_same(built: tuple[Path, dict[str, object]],
                                                              tmp_path: Path) -> None:
    cache, first = built
    again = start(tmp_path, cache)
    assert again["how"] == "cache"
    assert outcomes(again) == outcomes(first)
    loaded = first["loaded"]
    assert isinstance(loaded, list) and [r[0] for r in loaded].count("ok") == len(GOOD)
    assert all(r[0] == "error" for r in loaded[len(GOOD):])


def copy_of(cache: Path, tmp_path: Path) -> Path:
    mine = tmp_path / "cache"
    mine.mkdir()
    original = the_file(cache)
    (mine / original.name).write_bytes(original.read_bytes())
    (mine / original.name).chmod(0o600)
    return mine / original.name


def test_a_corrupt_cache_is_rebuilt(built: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    cache, first = built
    path = copy_of(cache, tmp_path)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    result = start(tmp_path, path.parent)
    assert result["how"] == "built: cache corrupt; cached"
    assert outcomes(result) == outcomes(first)
    assert start(tmp_path, path.parent)["how"] == "cache"  # rewritten whole


def write_body(path: Path, body: bytes) -> None:
    path.write_bytes(modelcache.MAGIC + hashlib.sha256(body).digest() + body)


def test_a_cache_made_for_other_code_is_not_served(built: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    cache, first = built
    path = copy_of(cache, tmp_path)
    key, entries = pickle.loads(path.read_bytes()[len(modelcache.MAGIC) + 32:])
    # Well formed and under the right name, but stored for another key: a stale schema.
    write_body(path, pickle.dumps(("0" * 64, entries)))
    result = start(tmp_path, path.parent)
    assert result["how"] == "built: cache for other code; cached"
    assert outcomes(result) == outcomes(first)
    # The right key with the models in another order is refused too.
    write_body(path, pickle.dumps((key, entries[::-1])))
    assert start(tmp_path, path.parent)["how"] == "built: cache for other code; cached"


def test_an_unreadable_pickle_is_rebuilt(built: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    cache, first = built
    path = copy_of(cache, tmp_path)
    write_body(path, b"not a pickle")
    result = start(tmp_path, path.parent)
    assert result["how"] == "built: cache unusable (UnpicklingError); cached"
    assert outcomes(result) == outcomes(first)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file modes")
def test_a_cache_others_may_write_is_not_read(built: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    cache, _ = built
    path = copy_of(cache, tmp_path)
    path.chmod(0o666)
    assert start(tmp_path, path.parent)["how"].startswith("built: cache not trusted")  # type: ignore[union-attr]


def test_no_writable_cache_folder_still_builds(built: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    _, first = built
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = start(tmp_path, blocker / "cache")
    assert str(result["how"]).startswith("built: cache unreadable") and "not cached" in str(result["how"])
    assert outcomes(result) == outcomes(first)


def test_the_key_follows_the_code_and_the_libraries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = tmp_path / "spec.py"
    code.write_text("a = 1\n")
    key = modelcache.cache_key([str(code)])
    assert modelcache.cache_key([str(code)]) == key
    code.write_text("a = 2\n")
    assert modelcache.cache_key([str(code)]) != key
    library = tmp_path / "typing_extensions.py"
    library.write_text("x = 1\n")
    fake = type(sys)("typing_extensions")
    fake.__file__ = str(library)
    monkeypatch.setitem(sys.modules, "typing_extensions", fake)
    before = modelcache.cache_key([str(code)])
    library.write_text("x = 22\n")  # an upgrade in place: another size and time
    assert modelcache.cache_key([str(code)]) != before


def test_the_cache_folder_is_the_font_set_ups(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for env in ({"ORGCHARTS_CACHE": str(tmp_path)}, {"XDG_CACHE_HOME": str(tmp_path / "xdg")}, {}):
        for name in ("ORGCHARTS_CACHE", "XDG_CACHE_HOME"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        assert modelcache.user_cache_folder() == fontsetup.user_cache_folder()


def test_every_model_is_completed_after_the_models_it_holds() -> None:
    declared = [v for v in vars(spec).values() if isinstance(v, type) and issubclass(v, BaseModel)
                and v.__module__ == spec.__name__ and v is not spec._Strict]
    assert sorted(m.__qualname__ for m in spec.MODELS) == sorted(m.__qualname__ for m in declared)
    for i, model in enumerate(spec.MODELS):
        held = {f.annotation for f in model.model_fields.values()}
        text = " ".join(str(a) for a in held)
        assert not [m for m in spec.MODELS[i + 1:] if f"{m.__module__}.{m.__qualname__}" in text]
        assert model.__pydantic_complete__


def test_the_switch_turns_the_cache_off(built: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    cache, first = built
    assert start(tmp_path, cache, off=True)["how"] == "built: ORGCHARTS_NO_MODEL_CACHE is set"  # not read
    empty = tmp_path / "empty"
    result = start(tmp_path, empty, off=True)
    assert outcomes(result) == outcomes(first)
    assert not empty.exists()  # nor written
