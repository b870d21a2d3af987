"""Generate a large, valid, deterministic spec for benchmarks: N roles in nested units."""

from __future__ import annotations

import random
import sys

__all__ = ["generate"]

VERBS = ["Runs", "Owns", "Reviews", "Plans", "Tracks", "Shares", "Leads", "Briefs", "Checks", "Reports"]
OBJECTS = ["the weekly status call", "the delivery schedule", "budget against the estimate",
           "client feedback and approvals", "the account plan", "sprint planning", "QA before launch",
           "scope changes with the client", "hiring for the team", "the launch checklist"]


def _duty(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"


def generate(roles: int, *, fanout: int = 8, seed: int = 1, duties: int = 4) -> str:
    """YAML text for an organisation of `roles` roles, `fanout` reports per manager, 1 to `duties` duties a side.

    Each of the top role's direct reports heads a department holding their whole branch. (Past
    ~15,000 roles the default duties pass the loader's 5 MB limit: `duties=1` keeps 50,000 under it.)
    """
    rng = random.Random(seed)
    boss = [None] + [(i - 1) // fanout for i in range(1, roles)]
    dept = [0] * roles
    for i in range(1, roles):
        dept[i] = i if boss[i] == 0 else dept[boss[i]]  # type: ignore[index]
    heads = sorted(set(dept[1:]))
    lines = ["org: Generated Co", f"title: Generated organisation ({roles} roles)",
             "sides:", "  client: Customers", "  team: Delivery", "units:", "  - id: office", "    name: Office"]
    for d in heads:
        lines += [f"  - id: dept-{d}", f"    name: Department {d}", f"    lead: role-{d}"]
    lines.append("roles:")
    for i in range(roles):
        unit = f"dept-{dept[i]}" if i else "office"
        lines += [f"  - id: role-{i}", f"    title: Role {i} {rng.choice(['Manager', 'Lead', 'Specialist'])}",
                  f"    unit: {unit}"]
        if i:
            lines.append(f"    reports_to: role-{boss[i]}")
        lines.append("    people: [" + ", ".join(f"Person {i}-{k}" for k in range(rng.randint(0, 2))) + "]")
        lines.append("    client_facing:")
        lines += [f"      - {_duty(rng)}" for _ in range(rng.randint(1, duties))]
        lines.append("    internal:")
        lines += [f"      - {_duty(rng)}" for _ in range(rng.randint(1, duties))]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
