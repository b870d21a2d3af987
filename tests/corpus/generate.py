"""Generated organisations for the layout check: seeded, so the same arguments give the same spec.

Two shapes:
- `tree`: units follow the reporting tree (a department is a subtree of the CEO, a team a subtree
  of a department head), as in a functional organisation;
- `matrix`: units cut across it (people in one department report to managers in another, as in a
  matrix or a product organisation with chapters), which frames alone cannot draw.

    python tests/corpus/generate.py OUT_DIR            # every size and shape
    python tests/corpus/generate.py OUT_DIR --roles 300 --shape matrix

The layout check makes them on the fly (`SIZES` x `SHAPES`, `SEED`); nothing generated is committed.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from collections.abc import Iterator
from typing import Any

import yaml

__all__ = ["SIZES", "SHAPES", "SEED", "generate", "generated_specs"]

SIZES = (50, 100, 300, 1000)
SHAPES = ("tree", "matrix")
SEED = 8

_FIRST = ("Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hugo", "Ines", "Jon", "Kemal", "Lena", "Mia",
          "Nate", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vik", "Wen", "Yara", "Zoe")
_LAST = ("Abbott", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jones", "Kaur",
         "Larsen", "Moreau", "Nowak", "Okafor", "Patel", "Quist", "Rossi", "Silva", "Tanaka", "Ueda", "Varga")
_DEPARTMENTS = ("Engineering", "Product", "Design", "Sales", "Customer Success", "Operations", "Finance",
                "People", "Marketing", "Data")
_OUTWARD = ("Meets customers about their plans", "Answers escalations", "Presents results to clients",
            "Agrees priorities with partners")
_INWARD = ("Plans the team's work", "Hires and coaches the team", "Reviews the budget", "Sets quality standards")
_TITLES = ("Engineer", "Designer", "Analyst", "Specialist", "Coordinator", "Associate", "Consultant", "Advisor")


def _names(rng: random.Random) -> Iterator[str]:
    """Distinct names in a seeded order: every first and last name pair, then with initials."""
    pairs = [(f, last) for f in _FIRST for last in _LAST]
    rng.shuffle(pairs)
    for initial in ("", *"ABCDEFGHJKLMNPRSTVW"):
        for first, last in pairs:
            yield f"{first} {initial + '. ' if initial else ''}{last}"


def _tree(roles: int, rng: random.Random) -> list[int | None]:
    """A reporting tree of `roles` nodes as parent indexes: spans of 2 to 8, filled breadth first."""
    parent: list[int | None] = [None]
    queue = [0]
    while len(parent) < roles:
        boss = queue.pop(0) if queue else rng.randrange(len(parent))
        span = 6 if boss == 0 else rng.randint(2, 8)
        for _ in range(min(span, roles - len(parent))):
            parent.append(boss)
            queue.append(len(parent) - 1)
    return parent


def _depths(parent: list[int | None]) -> list[int]:
    depth = [0] * len(parent)
    for i, p in enumerate(parent):
        if p is not None:
            depth[i] = depth[p] + 1
    return depth


def _units_tree(parent: list[int | None]) -> tuple[list[dict[str, Any]], list[str]]:
    """Departments are the CEO's subtrees, teams the subtrees of each department's managers."""
    depth = _depths(parent)
    unit_of = ["company"] * len(parent)
    units: list[dict[str, Any]] = [{"id": "company", "name": "Company", "lead": "r0"}]
    has_reports = {p for p in parent if p is not None}
    for i, p in enumerate(parent):
        if p is None:
            continue
        if depth[i] == 1:
            uid = f"dept-{i}"
            name = _DEPARTMENTS[(len([u for u in units if "parent" in u and u["parent"] == "company"])) %
                                len(_DEPARTMENTS)]
            units.append({"id": uid, "name": name, "parent": "company", "lead": f"r{i}"})
            unit_of[i] = uid
        elif depth[i] == 2 and i in has_reports:
            uid = f"team-{i}"
            units.append({"id": uid, "name": f"Team {i}", "parent": unit_of[p], "lead": f"r{i}"})
            unit_of[i] = uid
        else:
            unit_of[i] = unit_of[p]
    return units, unit_of


def _units_matrix(parent: list[int | None], rng: random.Random) -> tuple[list[dict[str, Any]], list[str]]:
    """Six disciplines; a role's discipline follows its manager's only half the time."""
    names = _DEPARTMENTS[:6]
    ids = [f"disc-{n.lower().replace(' ', '-')}" for n in names]
    unit_of = [""] * len(parent)
    for i, p in enumerate(parent):
        unit_of[i] = ids[0] if p is None else (unit_of[p] if rng.random() < 0.5 else rng.choice(ids))
    depth = _depths(parent)
    units: list[dict[str, Any]] = []
    for uid, name in zip(ids, names):
        members = [i for i in range(len(parent)) if unit_of[i] == uid]
        unit: dict[str, Any] = {"id": uid, "name": name}
        if members:
            unit["lead"] = f"r{min(members, key=lambda i: (depth[i], i))}"
        units.append(unit)
    return units, unit_of


def generate(roles: int, shape: str, seed: int = SEED) -> dict[str, Any]:
    """The spec (as plain data) of a `roles`-role organisation of the given shape."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape '{shape}'; must be one of {', '.join(SHAPES)}")
    rng = random.Random(f"{seed}-{roles}-{shape}")
    parent = _tree(roles, rng)
    units, unit_of = _units_tree(parent) if shape == "tree" else _units_matrix(parent, rng)
    has_reports = {p for p in parent if p is not None}
    managers = sorted(has_reports)
    out: list[dict[str, Any]] = []
    names = _names(rng)
    for i, p in enumerate(parent):
        role: dict[str, Any] = {"id": f"r{i}", "title": "Chief Executive" if p is None else
                                ("Head" if i in has_reports else rng.choice(_TITLES)) + f" {i}",
                                "unit": unit_of[i]}
        if p is not None:
            role["reports_to"] = f"r{p}"
        if i in has_reports:  # managers list duties, so the responsibilities view has cards at scale
            role["client_facing"] = [f"{_OUTWARD[i % len(_OUTWARD)]} for area {i}"]
            role["internal"] = [f"{_INWARD[i % len(_INWARD)]} for area {i}"]
        seats = 2 if rng.random() < 0.1 else 1
        people = [next(names) for _ in range(seats - (1 if rng.random() < 0.3 else 0))]
        if people:
            role["people"] = people
        if len(people) < seats:  # a seat nobody holds yet: stated, as the format asks
            role["open"] = seats - len(people)
        if p is not None and i not in has_reports and rng.random() < 0.04:
            boss = rng.choice(managers)
            if boss not in (p, i):
                role["dotted_to"] = [f"r{boss}"]
        out.append(role)
    if roles > 1:  # the chief executive has an assistant, drawn beside them
        out.append({"id": "ea", "title": "Executive Assistant", "unit": unit_of[0], "reports_to": "r0",
                    "assistant": True, "people": [next(names)]})
    title = f"Generated {shape} organisation of {roles} roles"
    return {"org": f"Generated {shape} {roles}", "title": title, "units": units, "roles": out}


def generated_specs(out_dir: Path, sizes: tuple[int, ...] = SIZES, shapes: tuple[str, ...] = SHAPES,
                    seed: int = SEED) -> list[Path]:
    """Write every size and shape as `generated-SHAPE-SIZE.yaml` into `out_dir`; the paths written."""
    written = []
    for shape in shapes:
        for size in sizes:
            path = out_dir / f"generated-{shape}-{size}.yaml"
            header = f"# tests/corpus/generate.py: {size} roles, shape {shape}, seed {seed}\n"
            body = yaml.safe_dump(generate(size, shape, seed), sort_keys=False, allow_unicode=True, width=200)
            path.write_text(header + body, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Write generated specs into a folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--roles", type=int, action="append", help=f"sizes (default {SIZES})")
    parser.add_argument("--shape", choices=SHAPES, action="append", help="shapes (default both)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in generated_specs(args.out, tuple(args.roles or SIZES), tuple(args.shape or SHAPES), args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
