"""Generate a realistic, deterministic HR export (CSV) of a software company, for import tests and demos.

Rows are sorted by employee id, as HR systems export them, so managers often come after their
reports; managers are referenced by employee id, dotted lines by email; open requisitions have
no name; a few names carry accents, apostrophes and hyphens; columns the importer does not use
(Location, Hire Date, Team) are there as in a real export.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from dataclasses import dataclass

__all__ = ["generate", "HEADER"]

HEADER = ["Employee ID", "Full Name", "Email", "Job Title", "Department", "Team", "Location", "Hire Date",
          "Manager Employee ID", "Dotted Line Manager", "Assistant", "Vacancy"]

FIRST = ["Ava", "Liam", "Noah", "Emma", "Olivia", "Mateo", "Sofia", "Lucas", "Amara", "Kenji", "Priya", "Omar",
         "Zoë", "José", "Siobhán", "Chloé", "Björn", "Aisha", "Wei", "Mei", "Tariq", "Ingrid", "Kwame", "Yuki",
         "Elena", "Ravi", "Fatima", "Hannah", "Diego", "Leila", "Marcus", "Nia", "Tomás", "Anika", "Jonas",
         "Camille", "Dmitri", "Grace", "Hugo", "Isla", "Jamal", "Kaia", "Luca", "Maya", "Nikolai", "Oona",
         "Pedro", "Rosa", "Samir", "Tess", "Uma", "Viktor", "Wren", "Xavier", "Yara", "Zane", "Ines", "Felix"]
LAST = ["Okafor", "Nguyen", "García", "Müller", "O'Brien", "Smith-Jones", "Kowalski", "Haddad", "Tanaka",
        "Singh", "Rossi", "Johansson", "Dubois", "Kim", "Patel", "Costa", "Novak", "Mensah", "Larsen", "Cohen",
        "Alvarez", "Brooks", "Chen", "Daly", "Eriksen", "Fischer", "Gupta", "Hughes", "Ivanova", "Jensen",
        "Khan", "Lopez", "Moreau", "Nakamura", "Ortiz", "Park", "Quinn", "Reyes", "Sato", "Turner", "Usman",
        "Varga", "Walsh", "Xu", "Young", "Zhou", "van der Berg", "D'Souza", "MacLeod", "St. Clair"]
LOCATIONS = ["London", "Berlin", "Lisbon", "New York", "Remote"]


@dataclass
class _Person:
    key: int
    title: str
    department: str
    team: str
    manager: _Person | None
    name: str = ""
    dotted: _Person | None = None
    assistant: bool = False
    vacant: bool = False


# (department, leader title, [(team, manager title, [(report title, weight)], share of the headcount)])
ORG = [
    ("Engineering", "Chief Technology Officer", [
        ("Platform", "Engineering Manager", [("Software Engineer", 5), ("Senior Software Engineer", 3),
                                              ("Staff Engineer", 1)], 5),
        ("Product Engineering", "Engineering Manager", [("Software Engineer", 5), ("Senior Software Engineer", 3),
                                                         ("Frontend Engineer", 2)], 6),
        ("Data", "Data Engineering Manager", [("Data Engineer", 3), ("Data Scientist", 2)], 2),
        ("Quality", "QA Lead", [("QA Engineer", 1)], 1),
        ("Infrastructure", "Site Reliability Lead", [("Site Reliability Engineer", 1)], 1),
    ]),
    ("Product", "VP Product", [
        ("Product Management", "Director of Product", [("Product Manager", 3), ("Senior Product Manager", 1)], 2),
        ("Design", "Design Manager", [("Product Designer", 3), ("UX Researcher", 1)], 2),
    ]),
    ("Sales", "VP Sales", [
        ("Enterprise", "Sales Director", [("Account Executive", 3), ("Senior Account Executive", 1)], 3),
        ("Mid-Market", "Sales Director", [("Account Executive", 1)], 2),
        ("Development", "SDR Manager", [("Sales Development Representative", 1)], 2),
        ("Sales Ops", "Sales Operations Manager", [("Sales Operations Analyst", 1)], 1),
    ]),
    ("Marketing", "VP Marketing", [
        ("Demand", "Demand Generation Manager", [("Marketing Specialist", 2), ("Marketing Ops Specialist", 1)], 2),
        ("Content", "Content Lead", [("Content Writer", 1)], 1),
        ("Product Marketing", "Head of Product Marketing", [("Product Marketing Manager", 1)], 1),
    ]),
    ("Customer Success", "VP Customer Success", [
        ("Accounts", "Customer Success Manager Lead", [("Customer Success Manager", 1)], 3),
        ("Support", "Support Manager", [("Support Specialist", 3), ("Senior Support Specialist", 1)], 3),
    ]),
    ("Finance", "Chief Financial Officer", [
        ("Accounting", "Controller", [("Accountant", 2), ("Accounts Payable Specialist", 1)], 1),
        ("FP&A", "FP&A Manager", [("Financial Analyst", 1)], 1),
    ]),
    ("People", "VP People", [
        ("Talent", "Head of Talent", [("Recruiter", 2), ("Recruiting Coordinator", 1)], 2),
        ("HR", "HR Director", [("HR Business Partner", 1), ("People Operations Specialist", 1)], 1),
    ]),
    ("IT & Facilities", "IT Manager", [
        ("IT", "IT Manager", [("IT Support Specialist", 2), ("Systems Administrator", 1)], 1),
    ]),
]


def _names(rng: random.Random, count: int) -> list[str]:
    pool = [f"{f} {last}" for f in FIRST for last in LAST]
    if count > len(pool):  # past 2,900 people: middle initials
        pool += [f"{f} {m}. {last}" for m in "ABCDEFGHJKLMNPRSTVW" for f in FIRST for last in LAST]
    return rng.sample(pool, count)


def _people(rows: int, rng: random.Random) -> list[_Person]:
    key = iter(range(10_000))
    ceo = _Person(next(key), "Chief Executive Officer", "Executive", "Leadership", None)
    people = [ceo, _Person(next(key), "Executive Assistant", "Executive", "Leadership", ceo, assistant=True),
              _Person(next(key), "Chief of Staff", "Executive", "Leadership", ceo)]
    teams: list[tuple[_Person, str, str, list[tuple[str, int]], int]] = []
    for dept, head_title, subteams in ORG:
        head = _Person(next(key), head_title, dept, "Leadership", ceo)
        people.append(head)
        for team, lead_title, titles, share in subteams:
            lead = head if lead_title == head_title else _Person(next(key), lead_title, dept, team, head)
            if lead is not head:
                people.append(lead)
            teams.append((lead, dept, team, titles, share))
    people.append(_Person(next(key), "Executive Assistant", "Engineering", "Leadership", people[3], assistant=True))
    weights = [t[4] for t in teams]
    while len(people) < rows:
        lead, dept, team, titles, _ = rng.choices(teams, weights)[0]
        title = rng.choices([t for t, _ in titles], [w for _, w in titles])[0]
        people.append(_Person(next(key), title, dept, team, lead))
    heads = {p.department: p for p in people if p.manager is ceo}
    for p in people:
        if p.title in ("Product Marketing Manager", "Head of Product Marketing"):
            p.dotted = heads["Product"]
        elif p.title == "HR Business Partner":
            p.dotted = heads[rng.choice(["Engineering", "Sales", "Customer Success"])]
        elif p.title == "FP&A Manager":
            p.dotted = heads["Sales"]
    leaves = [p for p in people if not any(q.manager is p or q.dotted is p for q in people) and not p.assistant]
    for p in rng.sample(leaves, rows // 25):
        p.vacant = True
    for p, name in zip([p for p in people if not p.vacant], _names(rng, rows)):
        p.name = name
    return people


def _email(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return ".".join("".join(c for c in part if c.isalnum()) for part in plain.split()) + "@example.com"


def generate(rows: int = 300, seed: int = 7) -> str:
    """CSV text (CRLF line ends, as Excel writes) of an HR export with `rows` rows."""
    rng = random.Random(seed)
    people = _people(rows, rng)
    ids = rng.sample(range(10_000, 99_999), len(people))
    emp_id = {p.key: (f"REQ-{i}" if p.vacant else f"E{i}") for p, i in zip(people, ids)}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    records = []
    for p in people:
        hired = f"20{rng.randint(12, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        records.append([emp_id[p.key], p.name, _email(p.name) if p.name else "", p.title, p.department, p.team,
                        rng.choice(LOCATIONS), "" if p.vacant else hired,
                        emp_id[p.manager.key] if p.manager else "",
                        _email(p.dotted.name) if p.dotted else "", "Yes" if p.assistant else "",
                        "Yes" if p.vacant else ""])
    records.sort(key=lambda r: r[0])
    writer.writerows(records)
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
