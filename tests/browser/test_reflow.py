"""Pages that fit a phone (issue 19 item 8, WCAG 2.2 1.4.10 Reflow): every page the permission
matrix lists, opened as a role that may see it in a 320 CSS px wide window, scrolls sideways
nowhere (a data table may scroll inside its own focusable region), and every chart's text is
drawn at 12 px or more."""

from importlib.metadata import version

import pytest
from django.conf import settings
from django.test import Client

from ..permissions.test_matrix import World
from ..web import accessibility_summary
from ..web.matrix_pages import html_pages, page_visits

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 320
MIN_CHART_TEXT_PX = 12

# The page's width, and each chart text drawn smaller than the minimum: its font size times the
# scale at which its SVG is drawn (a viewBox shrunk to the screen shrinks its text with it).
MEASURE = """() => {
  const small = [];
  for (const text of document.querySelectorAll("svg text")) {
    if (!text.getClientRects().length) continue;
    const matrix = text.getScreenCTM();
    const drawn = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
    if (drawn < %d) small.push(`${text.textContent.trim().slice(0, 30)}: ${drawn.toFixed(1)} px`);
  }
  // The outermost elements that stick out, to name in the failure.
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const parent = element.parentElement;
    if (element.getBoundingClientRect().right > %d && parent.getBoundingClientRect().right <= %d
        && getComputedStyle(parent).overflowX === "visible") {
      wide.push(`${element.tagName.toLowerCase()}.${element.className || ""}#${element.id || ""}`);
    }
  }
  return {width: document.documentElement.scrollWidth, small, wide: wide.slice(0, 4)};
}""" % (MIN_CHART_TEXT_PX, WIDTH, WIDTH)


@pytest.fixture
def world(reference_data):
    return World()


def test_every_page_reflows_at_320_px_with_chart_text_of_12_px(browser, live_server, world):
    pages = html_pages(Client(), world)
    contexts = {}
    problems = []
    try:
        for visit, _content in pages:
            if visit.role not in contexts:
                context = browser.new_context(locale="fi-FI", viewport={"width": WIDTH, "height": 640})
                if visit.role != "anonymous":
                    client = Client()
                    client.force_login(world.people[visit.role])
                    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
                contexts[visit.role] = context.new_page()
            page = contexts[visit.role]
            page.goto(f"{live_server.url}{visit.path}")
            measured = page.evaluate(MEASURE)
            if measured["width"] > WIDTH:
                problems.append(f"{visit.path} as {visit.role}: {measured['width']} px wide ({', '.join(measured['wide'])})")
            if measured["small"]:
                problems.append(f"{visit.path} as {visit.role}: chart text {', '.join(measured['small'][:3])}")
    finally:
        for page in contexts.values():
            page.context.close()
    checked = {visit.name for visit, _content in pages}
    accessibility_summary.record(
        "reflow", tool=f"Chromium {browser.version} (Playwright {version('playwright')})",
        rules={"width_css_px": WIDTH, "min_chart_text_px": MIN_CHART_TEXT_PX}, violations=len(problems),
        pages=sorted(checked), not_html=sorted({visit.name for visit in page_visits(world)} - checked))
    assert len(pages) > 50
    assert problems == [], "\n".join(problems)
