"""Charts at first paint, on a phone and with scripts off; a light page on the wire.

Each chart is drawn to SVG when the book is built and sits in its page; the Vega view
takes its place when the reader needs it (a scroll brings the chart near, or the reader
points at, taps or focuses it; ``window.nepCharts.drawAll()`` asks for every view, as the
tests that check the views do). These tests open the built book in Chromium, as
test_browser.py does, with every request outside the book blocked.
"""

from __future__ import annotations

import re

import pytest

from conftest import page_path
from page_metrics import ALL_DRAWN
from test_browser import charts_in_notebook_outputs, html_pages, site  # noqa: F401

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# Per chart: its view's label, its SVGs, and where they sit on the screen; the smallest
# text it shows, in CSS px as drawn (the font size times the scale the page shows it at).
CHART_BOXES = """() => [...document.querySelectorAll('figure.nep-chart')].map((figure) => {
  const view = figure.querySelector('.nep-chart-view');
  const svgs = [...view.querySelectorAll('svg')];
  const svg = svgs[0];
  const box = svg ? svg.getBoundingClientRect() : null;
  const scale = svg ? box.width / svg.width.baseVal.value : 0;
  const sizes = svg ? [...svg.querySelectorAll('.role-axis-label text, .role-legend-label text')]
    .map((text) => parseFloat(getComputedStyle(text).fontSize) * scale) : [];
  return {
    label: view.getAttribute('aria-label'), role: view.getAttribute('role'),
    svgs: svgs.length, marks: svg ? svg.querySelectorAll('g[class*="role-mark"] > *').length : 0,
    labels: svg ? [...svg.querySelectorAll('.role-axis-label text, .role-legend-label text')]
      .map((text) => text.textContent) : [],
    hidden: svg ? svg.getAttribute('aria-hidden') : null,
    drawnWidth: svg ? svg.width.baseVal.value : 0,
    left: box ? box.left : 0, right: box ? box.right : 0, width: box ? box.width : 0,
    height: box ? box.height : 0, viewScroll: view.scrollWidth - view.clientWidth,
    smallestText: sizes.length ? Math.min(...sizes) : null,
    // In an exercise's solution or a note: a column narrower than the text's.
    nested: !!figure.closest('.admonition, details, .dropdown'),
    // The right edge of whatever the figure draws, text reaching past the SVG included.
    reach: Math.max(...[...figure.querySelectorAll('*')].map((node) => node.getBoundingClientRect().right)),
  };
})"""


def chart_pages(built_book) -> list[str]:
    return [path for path in html_pages(built_book) if charts_in_notebook_outputs(built_book, path)]


def open_page(browser, site, path, withheld: str = "", **context):
    """A page opened with outside requests blocked (and the book's file ``withheld``, if
    named); every request it made is kept."""
    browser_context = browser.new_context(**context)
    page = browser_context.new_page()
    requested, outside = [], []
    page.on("request", lambda request: requested.append(request.url))

    def route(route):
        url = route.request.url
        if not url.startswith(site):
            outside.append(url)
        if not url.startswith(site) or (withheld and url.split("?")[0].endswith(withheld)):
            route.abort()
        else:
            route.continue_()
    page.route("**/*", route)
    page.goto(site + path, wait_until="load")
    if path == "index.html":
        page.wait_for_url("**/book/*.html", wait_until="load")
    return browser_context, page, requested, outside


def test_with_scripts_off_every_chart_page_shows_one_drawing_per_chart(built_book, site, browser):
    problems = []
    for path in chart_pages(built_book):
        context, page, _, outside = open_page(browser, site, path, java_script_enabled=False)
        charts = page.evaluate(CHART_BOXES)
        expected = charts_in_notebook_outputs(built_book, path)
        if len(charts) != expected:
            problems.append(f"{path}: {len(charts)} charts, {expected} in the notebook outputs")
        for number, chart in enumerate(charts, 1):
            if not (chart["svgs"] == 1 and chart["marks"] > 0 and chart["width"] > 0 and chart["height"] > 0):
                problems.append(f"{path} chart {number}: {chart}")
            # The figure's label speaks for the chart; its drawing is not read out twice.
            if chart["role"] != "img" or not chart["label"] or chart["hidden"] != "true":
                problems.append(f"{path} chart {number}: label {chart['label']!r}, role {chart['role']}, "
                                f"aria-hidden {chart['hidden']}")
        if outside:
            problems.append(f"{path}: requested outside the book: {outside}")
        context.close()
    assert problems == []


def test_on_a_390_px_phone_no_chart_is_wider_than_the_screen(built_book, site, browser):
    """Drawn and interactive alike: no chart overflows, none scrolls sideways, none makes
    the page scroll. A chart in the text's column keeps its labels at 10 px or more (the
    build sets long labels, legends and titles in lines until it fits)."""
    problems = []
    for path in chart_pages(built_book):
        for scripts in (False, True):
            context, page, _, _ = open_page(browser, site, path, viewport=PHONE, java_script_enabled=scripts,
                                            has_touch=True, is_mobile=True)
            if scripts:
                page.wait_for_function(ALL_DRAWN, timeout=30000)
            state = "interactive" if scripts else "drawn at build time"
            for number, chart in enumerate(page.evaluate(CHART_BOXES), 1):
                # The drawing's text is set in the reader's fonts but was measured in the
                # build's: only the interactive view, measured in the browser, is held to
                # its text's reach.
                if (chart["left"] < 0 or chart["right"] > PHONE["width"] or chart["viewScroll"] > 0
                        or (scripts and chart["reach"] > PHONE["width"])):
                    problems.append(f"{path} chart {number} ({state}): {chart}")
                if (not chart["nested"] and chart["smallestText"] is not None
                        and chart["smallestText"] < 10):
                    problems.append(f"{path} chart {number} ({state}): text at {chart['smallestText']:.1f} px")
            context.close()
    assert problems == []


def test_the_interactive_view_takes_the_drawing_s_place_and_draws_the_same_chart(built_book, site, browser):
    problems = []
    for path in [page_path("fuel"), page_path("private")]:
        for viewport in (PHONE, {"width": 1280, "height": 900}):
            # The page as it stands before the interactive view arrives (its bundle withheld).
            context, page, _, _ = open_page(browser, site, path, withheld="vega-bundle.js", viewport=viewport)
            page.wait_for_load_state("networkidle")
            drawn = page.evaluate(CHART_BOXES)
            context.close()
            context, page, _, _ = open_page(browser, site, path, viewport=viewport)
            page.wait_for_function(ALL_DRAWN, timeout=30000)
            live = page.evaluate(CHART_BOXES)
            assert page.locator("figure.nep-chart svg.nep-chart-static").count() == 0, "a drawing stayed"
            context.close()
            for number, (before, after) in enumerate(zip(drawn, live), 1):
                # The same chart: the view draws the Vega spec the drawing was made from.
                if (before["marks"], before["labels"]) != (after["marks"], after["labels"]):
                    problems.append(f"{path} chart {number}: drawn {before['marks']} marks, "
                                    f"labels {before['labels']}; interactive {after['marks']} marks, "
                                    f"labels {after['labels']}")
                if abs(before["height"] - after["height"]) > 1 or abs(before["width"] - after["width"]) > 1:
                    problems.append(f"{path} at {viewport['width']} px, chart {number}: "
                                    f"{before['width']:.0f}x{before['height']:.0f} drawn, "
                                    f"{after['width']:.0f}x{after['height']:.0f} interactive")
    assert problems == []


def test_the_site_serves_vega_alone_of_the_version_that_drew_the_svgs(built_book, site, browser):
    """The pages carry their charts compiled to Vega: the browser gets Vega and neither
    Vega-Lite nor vega-embed, and the same Vega that drew the charts at build time."""
    import vl_convert

    context, page, _, _ = open_page(browser, site, page_path("fuel"))
    page.wait_for_function(ALL_DRAWN, timeout=30000)
    loaded = page.evaluate("({vega: window.vega && window.vega.version, "
                           "vegaLite: typeof window.vegaLite, vegaEmbed: typeof window.vegaEmbed})")
    context.close()
    assert loaded == {"vega": vl_convert.get_vega_version(), "vegaLite": "undefined", "vegaEmbed": "undefined"}
    bundle = (built_book.html / "_static" / "vega-bundle.js").read_text(encoding="utf-8")
    notice = re.match(r"/\*! Vega (\S+), BSD-3-Clause licence: (\S+) \*/", bundle)
    assert notice and notice.group(1) == loaded["vega"]
    assert "Copyright" in (built_book.html / "_static" / notice.group(2)).read_text(encoding="utf-8")


def test_a_tap_on_a_mark_shows_its_tooltip_on_a_phone(built_book, site, browser):
    context, page, _, _ = open_page(browser, site, page_path("fuel"), viewport=PHONE, has_touch=True, is_mobile=True)
    page.wait_for_function(ALL_DRAWN, timeout=30000)
    mark = page.locator("figure.nep-chart svg g.mark-symbol path").first
    mark.scroll_into_view_if_needed()
    mark.tap()
    tooltip = page.locator("#nep-chart-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert re.search(r"\d", tooltip.inner_text())
    context.close()


def test_switching_to_dark_mode_redraws_the_charts(built_book, site, browser):
    context, page, _, _ = open_page(browser, site, page_path("fuel"), color_scheme="light")
    page.wait_for_function(ALL_DRAWN, timeout=30000)
    label = "figure.nep-chart svg .role-axis-label text"
    light = page.locator(label).first.get_attribute("fill")
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function(f"document.querySelector({label!r}).getAttribute('fill') !== {light!r}",
                           timeout=10000)
    dark = page.locator(label).first.get_attribute("fill")
    assert dark.lower() not in ("#000", "#000000", "black"), dark
    context.close()


def test_pages_load_no_icon_script_and_the_vega_bundle_only_where_there_are_charts(
        built_book, site, browser):
    problems = []
    for path in [page_path("fuel"), page_path("source"), page_path("reading")]:
        context, page, requested, outside = open_page(browser, site, path)
        has_charts = page.locator("figure.nep-chart").count() > 0
        if has_charts:
            page.wait_for_function(ALL_DRAWN, timeout=30000)
        page.wait_for_load_state("networkidle")
        names = [url.split("?")[0].rsplit("/", 1)[-1] for url in requested]
        heavy = [name for name in names if "fontawesome" in name or name.startswith("fa-")
                 or name in ("searchindex.js", "searchtools.js")]
        if heavy:
            problems.append(f"{path}: loaded {heavy}")
        if ("vega-bundle.js" in names) != has_charts:
            problems.append(f"{path}: charts {has_charts}, Vega bundle loaded {'vega-bundle.js' in names}")
        if has_charts:
            # After the page's load event: it does not hold up the first paint.
            timing = page.evaluate("""() => ({
                load: performance.getEntriesByType('navigation')[0].loadEventStart,
                bundle: performance.getEntriesByType('resource').find(r => r.name.includes('vega-bundle.js')).startTime})""")
            if timing["bundle"] < timing["load"]:
                problems.append(f"{path}: the bundle was asked for before the load event: {timing}")
        if outside:
            problems.append(f"{path}: requested outside the book: {outside}")
        context.close()
    assert problems == []


def test_the_theme_s_icons_are_drawn_without_its_icon_script(built_book, site, browser):
    context, page, _, _ = open_page(browser, site, page_path("fuel"))
    icons = page.evaluate("""() => [...document.querySelectorAll('header i[class*="fa-"], .bd-header-article i[class*="fa-"]')]
      .filter((icon) => icon.checkVisibility())
      .map((icon) => { const before = getComputedStyle(icon, '::before');
        return {icon: icon.className, mask: before.maskImage || before.webkitMaskImage,
                width: parseFloat(before.width), height: parseFloat(before.height)}; })""")
    assert len(icons) >= 3, icons
    bare = [icon for icon in icons if not icon["mask"].startswith("url(") or not icon["width"] > 0]
    assert bare == []
    # Font Awesome's script would have put SVGs in the icons' place.
    assert page.locator("svg.svg-inline--fa").count() == 0
    context.close()


def test_search_still_finds_words_on_the_search_page(built_book, site, browser):
    context, page, _, outside = open_page(browser, site, "search.html?q=anthracite")
    page.locator("#search-results li").first.wait_for(timeout=15000)
    assert page.locator("#search-results li").count() > 0
    assert outside == []
    context.close()


# What a page has run of the charts' code: Vega loaded, views built.
CHART_CODE_RUN = """() => ({vega: typeof window.vega,
  built: [...document.querySelectorAll('figure.nep-chart')].map(f => f.dataset.drawn || '')})"""


def test_a_first_visit_runs_no_chart_code_until_the_reader_points_at_a_chart(built_book, site, browser):
    """The drawing is the chart until the reader needs more: loading a page fetches and runs
    no Vega; pointing at a chart builds that chart's view, and that one alone at first."""
    context, page, requested, _ = open_page(browser, site, page_path("fuel"))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    before = page.evaluate(CHART_CODE_RUN)
    assert before["vega"] == "undefined" and set(before["built"]) == {""}, before
    assert not [url for url in requested if "vega-bundle" in url]
    first = page.locator("figure.nep-chart").first
    first.hover()
    page.wait_for_function("document.querySelector('figure.nep-chart').dataset.drawn === 'true'",
                           timeout=30000)
    after = page.evaluate(CHART_CODE_RUN)
    context.close()
    assert after["vega"] == "object" and after["built"][0] == "true"
    assert len(before["built"]) > 1 and "" in after["built"][1:], after


def test_a_first_tap_on_a_drawing_builds_its_view_and_shows_the_tooltip(built_book, site, browser):
    context, page, _, _ = open_page(browser, site, page_path("fuel"), viewport=PHONE,
                                    has_touch=True, is_mobile=True)
    page.wait_for_load_state("networkidle")
    mark = page.locator("figure.nep-chart svg.nep-chart-static g.mark-symbol path").first
    mark.scroll_into_view_if_needed()
    mark.tap()
    tooltip = page.locator("#nep-chart-tooltip")
    tooltip.wait_for(state="visible", timeout=30000)
    text = tooltip.inner_text()
    context.close()
    assert re.search(r"\d", text), text


def test_scrolling_builds_the_views_of_the_charts_that_come_near(built_book, site, browser):
    context, page, _, _ = open_page(browser, site, page_path("fuel"))
    page.wait_for_load_state("networkidle")
    # The last chart on show (a chart in a folded solution is not on show).
    last = "[...document.querySelectorAll('figure.nep-chart')].filter(f => f.getClientRects().length).pop()"
    page.evaluate(f"{last}.scrollIntoView()")
    page.wait_for_function(f"{last}.dataset.drawn === 'true'", timeout=30000)
    built = page.evaluate(CHART_CODE_RUN)["built"]
    context.close()
    assert built[0] == "", "a chart far above the window was built without being needed"
