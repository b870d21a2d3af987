"""The org chart's dotted lines: routed clear of the reporting lines, or said on the card where no route is clear."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from .diagram import Edge
from ..layout.route import Point, Rect, crossings, route_dotted
from ..spec.models import Role, Unit

__all__ = ["Pair", "dotted_edges", "works_with"]

Pair = tuple[str, str]  # (dotted-line manager, report), by role id


def dotted_edges(roles: Mapping[str, Role], drawn: Collection[str], boxes: Mapping[str, Rect],
                 headings: Sequence[Rect], solid: Sequence[tuple[Point, Point]], lr: bool,
                 said: Collection[Pair] = (), force: bool = False) -> tuple[list[Edge], list[Pair]]:
    """The dotted lines between drawn cards, each on its own lanes; and those no route clears of the solid lines.

    A pair in `said` is on a card instead and not drawn. With `force`, a line that cannot go round
    the reporting lines is drawn across them (at right angles) rather than left out.
    """
    edges: list[Edge] = []
    failed: list[Pair] = []
    routed: list[tuple[Point, Point]] = []
    for role_id in drawn:
        for boss in roles[role_id].dotted_to:
            if boss not in drawn or (boss, role_id) in said:
                continue
            route = route_dotted(boxes, headings, solid, boss, role_id, lr, routed)
            if not route or (not force and (crossings(route, solid) or _astray(route, boxes, boss, role_id))):
                failed.append((boss, role_id))
                continue
            routed += list(zip(route, route[1:]))
            edges.append(Edge(f"role-{boss}", f"role-{role_id}", dashed=True, constraint=False, route=route))
    return edges, failed


DETOUR = 1.8  # a dotted line this many times longer than the way between its cards' centres is a detour
SHORT = 240.0  # points: a line this short is followed by eye whatever its turns
EDGE_RUN = 0.4  # a line outside every card this long (a share of the chart's width plus height) reads as a border


def _astray(route: Sequence[Point], boxes: Mapping[str, Rect], tail: str, head: str) -> bool:
    """A route no eye can follow: a detour (DETOUR times the way between the cards), or a long one that
    runs outside every card, along the chart's edge, where it reads as a border rather than a link.

    >>> boxes = {"a": (0, 0, 100, 100), "b": (1000, 0, 1100, 100), "c": (0, 500, 1100, 600)}
    >>> _astray([(100, 50), (1000, 50)], boxes, "a", "b")
    False
    >>> _astray([(50, 0), (50, -200), (1050, -200), (1050, 0)], boxes, "a", "b")  # over the top of the whole chart
    True
    >>> _astray([(50, 100), (50, 490), (550, 490), (550, 0), (1050, 0)], boxes, "a", "b")  # a detour
    True
    >>> _astray([(50, 0), (50, -20), (160, -20), (160, 0)], {**boxes, "b": (120, 0, 200, 100)}, "a", "b")  # a hop
    False
    """
    x0 = min(b[0] for b in boxes.values())
    y0 = min(b[1] for b in boxes.values())
    x1 = max(b[2] for b in boxes.values())
    y1 = max(b[3] for b in boxes.values())
    length = sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(route, route[1:]))
    if length <= SHORT:
        return False
    if length > EDGE_RUN * (x1 - x0 + y1 - y0) and any(x < x0 or x > x1 or y < y0 or y > y1 for x, y in route):
        return True
    t, h = boxes[tail], boxes[head]
    way = abs((t[0] + t[2]) / 2 - (h[0] + h[2]) / 2) + abs((t[1] + t[3]) / 2 - (h[1] + h[3]) / 2)
    return length > DETOUR * max(way, 1.0)


def works_with(roles: Mapping[str, Role], units: Mapping[str, Unit], pairs: Sequence[Pair]) -> dict[str, str]:
    """The line each report's card carries for dotted lines said instead of drawn: 'also works with X, Y'.

    A manager's title is followed by their unit where another role in the chart has the same title.
    """
    titles: dict[str, int] = {}
    for role in roles.values():
        titles[role.title] = titles.get(role.title, 0) + 1
    said: dict[str, list[str]] = {}
    for boss, role_id in pairs:
        manager = roles[boss]
        name = manager.title
        if titles[name] > 1 and manager.unit in units:
            name += f" ({units[manager.unit or ''].name})"
        said.setdefault(role_id, []).append(name)
    return {role_id: "also works with " + ", ".join(names) for role_id, names in said.items()}
