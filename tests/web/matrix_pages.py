"""Every page the permission matrix lists, with a role that may see it: what the page-width and
HTML-validity checks visit. The list is the matrix's own (tests/permissions/test_matrix.py), so
a new page is checked as soon as it is given its place there."""

from __future__ import annotations

from dataclasses import dataclass

from ..permissions.test_matrix import MATRIX

# The public first, then the procurement's own people: staff pages show more controls.
PREFERRED = ("anonymous", "official", "staff", "expert", "evaluator", "provider", "other_provider", "outsider", "admin")


@dataclass(frozen=True)
class Visit:
    name: str
    role: str
    path: str


def _shown(route) -> list[str]:
    if route.api or route.method != "GET":
        return []
    return [role for role in PREFERRED if route.expected.get(role, route.default) == 200]


def page_routes() -> set[str]:
    """The names of the pages the checks visit, known without building a world."""
    return {route.name for route in MATRIX if _shown(route)}


def page_visits(world) -> list[Visit]:
    """Each GET page once as the first role that gets it, and public pages also as the official
    (whose view of them carries the staff's controls)."""
    visits, seen = [], set()
    for route in MATRIX:
        shown = _shown(route)
        for role in shown[:1] + (["official"] if shown[:1] == ["anonymous"] and "official" in shown else []):
            visit = Visit(route.name, role, route.path(world))
            if (visit.role, visit.path) not in seen:
                seen.add((visit.role, visit.path))
                visits.append(visit)
    return visits


def html_pages(client, world) -> list[tuple[Visit, bytes]]:
    """The visits that answer with an HTML page (not a download), with the page as the role sees it."""
    pages = []
    for visit in page_visits(world):
        client.logout()
        if visit.role != "anonymous":
            client.force_login(world.people[visit.role])
        response = client.get(visit.path)
        assert response.status_code == 200, f"{visit.path} as {visit.role}: {response.status_code}"
        if response.get("Content-Type", "").startswith("text/html"):
            pages.append((visit, response.content))
    client.logout()
    return pages
