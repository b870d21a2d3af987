"""Seeded, deterministic HR files in published formats, for import tests: UK organogram (senior and junior
staff, BOM or Windows-1252), a Workday-style worker report and a BambooHR-style employee report."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field

__all__ = ["Post", "organogram", "organogram_files", "workday", "bamboohr", "SENIOR_HEADER", "JUNIOR_HEADER"]

# Column names as the data.gov.uk organogram schemas publish them (senior and junior staff).
SENIOR_HEADER = ["Post Unique Reference", "Name", "Grade (or equivalent)", "Job Title", "Job/Team Function",
                 "Parent Department", "Organisation", "Unit", "Contact Phone", "Contact E-mail",
                 "Reports to Senior Post", "Salary Cost of Reports (£)", "FTE", "Actual Pay Floor (£)",
                 "Actual Pay Ceiling (£)", "Professional/Occupational Group", "Notes", "Valid?"]
JUNIOR_HEADER = ["Parent Department", "Organisation", "Unit", "Reporting Senior Post", "Grade",
                 "Payscale Minimum (£)", "Payscale Maximum (£)", "Generic Job Title", "Number of Posts in FTE",
                 "Professional/Occupational Group"]
DEPARTMENT = "Department for Transport and Tunnels"
ORGANISATION = "Office of Rail and Road Tunnels"
FIRST = ["Ava", "Liam", "Noah", "Emma", "Olivia", "Mateo", "Sofia", "Zoë", "José", "Siobhán", "Chloé", "Björn",
         "Aisha", "Wei", "Tariq", "Ingrid", "Kwame", "Elena", "Ravi", "Fatima", "Hannah", "Diego", "Leila", "Nia",
         "Tomás", "Anika", "Jonas", "Camille", "Grace", "Hugo", "Isla", "Maya", "Pedro", "Rosa", "Tess", "Uma"]
LAST = ["Okafor", "Nguyen", "García", "Müller", "O'Brien", "Smith-Jones", "Haddad", "Tanaka", "Singh", "Rossi",
        "Johansson", "Dubois", "Kim", "Patel", "Costa", "Mensah", "Larsen", "Cohen", "Alvarez", "Brooks", "Chen",
        "Daly", "Eriksen", "Fischer", "Gupta", "Hughes", "Jensen", "Khan", "Lopez", "Moreau", "Ortiz", "Quinn"]
AREAS = ["Strategy", "Finance", "Rail Safety", "Road Safety", "Tunnels", "Digital", "People", "Legal",
         "Economics", "Communications", "Estates", "Procurement", "Analysis", "Policy", "Operations", "Risk"]
JUNIOR_GRADES = [("Grade 6", "Head of Team", 68000, 81000), ("Grade 7", "Policy Adviser", 56000, 67000),
                 ("SEO", "Senior Policy Officer", 42000, 48000), ("HEO", "Policy Officer", 35000, 40000),
                 ("EO", "Executive Officer", 28000, 31000), ("AO", "Administrative Officer", 23000, 25000)]


@dataclass
class Post:
    """One senior post: its reference, grade, title, unit and manager post, who holds it and how much."""

    ref: str
    grade: str
    title: str
    unit: str
    boss: str  # "XX" for the top post
    names: list[str] = field(default_factory=list)  # two for a job share
    ftes: list[float] = field(default_factory=list)
    vacant: bool = False
    undisclosed: bool = False
    eliminated: bool = False


def organogram(posts: int = 300, seed: int = 11) -> tuple[list[Post], list[list[str]]]:
    """Senior posts (the top post first, then in reference order) and junior rows under them."""
    rng = random.Random(seed)
    names = iter(rng.sample([f"{f} {last}" for f in FIRST for last in LAST], len(FIRST) * len(LAST)))
    refs = iter(rng.sample(range(1000, 99999), posts + 10))
    top = Post(str(next(refs)), "SCS4", "Permanent Secretary", "Office of the Permanent Secretary", "XX")
    out = [top]
    dgs = [Post(str(next(refs)), "SCS3", f"Director General, {area}", f"{area} Group", top.ref)
           for area in AREAS[:4]]
    out += dgs
    directors: list[Post] = []
    for n, dg in enumerate(dgs):
        for area in AREAS[4 + 3 * n: 7 + 3 * n]:
            directors.append(Post(str(next(refs)), "SCS2", f"Director, {area}", f"{area} Directorate", dg.ref))
    out += directors
    while len(out) < posts:
        boss = rng.choice(directors)
        area = boss.title.split(", ", 1)[1]
        out.append(Post(str(next(refs)), "SCS1", f"Deputy Director, {area} {len(out)}", boss.unit, boss.ref))
    for post in out:
        post.ftes = [1.0]
        if post.grade == "SCS1":
            post.undisclosed = rng.random() < 0.8  # the schema: SCS1 names need not be disclosed
    leaves = [p for p in out if p.grade == "SCS1"]
    for post in rng.sample(leaves, max(1, posts // 20)):
        post.vacant, post.undisclosed = True, False
    for post in rng.sample([p for p in leaves if not p.vacant and not p.undisclosed], 2):
        post.eliminated = True
    shares = rng.sample(directors, 2)
    for post in out:
        if post.vacant or post.undisclosed or post.eliminated:
            continue
        post.names = [next(names)]
        if post in shares:
            post.names.append(next(names))
            post.ftes = [0.5, 0.5]
        elif post.grade == "SCS1" and rng.random() < 0.15:
            post.ftes = [0.8]
    junior: list[list[str]] = []
    for post in out:
        if post.grade != "SCS1" or post.eliminated:
            continue
        for grade, title, low, high in rng.sample(JUNIOR_GRADES, 3):
            fte = rng.choice([1, 2, 3, 4, 2.5, 5.6])
            junior.append([DEPARTMENT, ORGANISATION, post.unit, post.ref, grade, str(low), str(high), title,
                           f"{fte:.2f}", "Policy"])
    return out, junior


def _email(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return ".".join("".join(c for c in part if c.isalnum()) for part in plain.split()) + "@orrt.gov.uk"


def _senior_rows(posts: list[Post]) -> list[list[str]]:
    rows = []
    for p in posts:
        base = ["", "", p.grade, p.title, f"Leads {p.unit}", DEPARTMENT, ORGANISATION, p.unit, "", "", p.boss,
                "0", "", "N/D", "N/D", "Policy", "", "1"]
        holders = ([("Eliminated", 1.0)] if p.eliminated else [("Vacant", 1.0)] if p.vacant
                   else [("N/D", 1.0)] if p.undisclosed else list(zip(p.names, p.ftes)))
        for name, fte in holders:
            row = list(base)
            row[0], row[1], row[12] = p.ref, name, f"{fte:.2f}"
            row[8] = "N/D" if p.undisclosed or p.vacant or p.eliminated else "0300 123 4567"
            row[9] = "N/D" if p.undisclosed or p.vacant or p.eliminated else _email(name)
            if p.vacant:
                row[1], row[9] = "Vacant", "N/A"
            rows.append(row)
    return rows


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def organogram_files(posts: int = 300, seed: int = 11, encoding: str = "utf-8-sig") -> tuple[bytes, bytes]:
    """The senior-staff and junior-staff CSV files, as published: CRLF, with a BOM (`utf-8-sig`) or `cp1252`."""
    senior, junior = organogram(posts, seed)
    return (_csv(SENIOR_HEADER, _senior_rows(senior)).encode(encoding),
            _csv(JUNIOR_HEADER, junior).encode(encoding))


@dataclass
class _Worker:
    key: int
    title: str
    org: str
    manager: _Worker | None
    level: str
    name: str = ""
    fte: float = 1.0


def _workforce(rows: int, rng: random.Random) -> list[_Worker]:
    ceo = _Worker(0, "Chief Executive Officer", "Executive", None, "Executive")
    people = [ceo]
    heads = []
    for area in ["Engineering", "Sales", "Finance", "People", "Product"]:
        head = _Worker(len(people), f"VP {area}", area, ceo, "Vice President")
        people.append(head)
        heads.append(head)
        for team in range(2):
            lead = _Worker(len(people), f"{area} Manager", f"{area} Team {team + 1}", head, "Manager")
            people.append(lead)
            heads.append(lead)
    leads = [h for h in heads if h.level == "Manager"]
    while len(people) < rows:
        lead = rng.choice(leads)
        area = lead.title.rsplit(" ", 1)[0]
        people.append(_Worker(len(people), rng.choice([f"{area} Specialist", f"Senior {area} Specialist"]),
                              lead.org, lead, rng.choice(["Individual Contributor", "Senior"])))
    pool = iter(rng.sample([f"{f} {last}" for f in FIRST for last in LAST], len(FIRST) * len(LAST)))
    for p in people:
        p.name = next(pool)
        p.fte = rng.choice([1.0] * 8 + [0.5, 0.8])
    return people


def workday(rows: int = 300, seed: int = 5) -> str:
    """A Workday-style worker report: open positions have a Position ID and no worker."""
    rng = random.Random(seed)
    people = _workforce(rows, rng)
    leaves = {p.key for p in people} - {p.manager.key for p in people if p.manager}
    vacant = set(rng.sample(sorted(leaves), rows // 25))
    header = ["Employee ID", "Worker", "Primary Work Email", "Business Title", "Job Profile", "Management Level",
              "Supervisory Organization", "Location", "Worker's Manager", "Manager ID", "FTE", "Position ID",
              "Hire Date"]
    out = []
    for p in people:
        open_post = p.key in vacant
        out.append(["" if open_post else f"W{1000 + p.key}", "" if open_post else p.name,
                    "" if open_post else _email(p.name), p.title, p.title, p.level, p.org,
                    rng.choice(["London", "Leeds", "Remote"]), p.manager.name if p.manager else "",
                    f"W{1000 + p.manager.key}" if p.manager else "", f"{p.fte:g}", f"P{5000 + p.key}",
                    "" if open_post else f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"])
    return _csv(header, out)


def bamboohr(rows: int = 300, seed: int = 6) -> str:
    """A BambooHR-style employee report: `Employee #`, first and last names, `Reports To` by name."""
    rng = random.Random(seed)
    people = _workforce(rows, rng)
    header = ["Employee #", "First Name", "Last Name", "Job Title", "Department", "Division", "Location",
              "Work Email", "Reports To", "Hire Date", "Employment Status"]
    out = []
    for p in people:
        first, last = p.name.split(" ", 1)
        out.append([str(100 + p.key), first, last, p.title, p.org, "Operations", rng.choice(["Lisbon", "Berlin"]),
                    _email(p.name), p.manager.name if p.manager else "", "2020-01-01",
                    "Part-Time" if p.fte < 1 else "Full-Time"])
    return _csv(header, out)
