"""The built book in a real browser: Debian's Chromium driven by Playwright, with every
request outside the book blocked. Every page loads, every chart draws, nothing fails."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import ROOT, chapter_files, page_path
from page_metrics import ALL_DRAWN, ALL_SETTLED
from nep import pages

pytestmark = pytest.mark.browser


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output for failures
        pass


@pytest.fixture(scope="session")
def site(built_book):
    """The built HTML served on loopback, as `python -m http.server` would serve it."""
    assert built_book.returncode == 0, "the book did not build:\n" + built_book.log[-4000:]
    handler = functools.partial(QuietHandler, directory=str(built_book.html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class Visit:
    """One page opened with outside requests blocked and problems recorded."""

    def __init__(self, browser, site: str, path: str, color_scheme: str = "light"):
        self.context = browser.new_context(color_scheme=color_scheme)
        self.page = self.context.new_page()
        self.blocked, self.errors = [], []
        self.page.route("**/*", self._route(site))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(site + path, wait_until="load")
        if path == "index.html":  # it sends the reader on to the opening page: arrive there first
            self.page.wait_for_url("**/book/*.html", wait_until="load")
        # Every chart container reports when Vega has drawn it (or failed to).
        self.page.wait_for_function(ALL_SETTLED, timeout=20000)

    def _route(self, site):
        def handle(route):
            if route.request.url.startswith(site):
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()
        return handle

    def close(self):
        self.context.close()


def html_pages(built_book) -> list[str]:
    return ["index.html"] + [f"book/{page.name}" for page in built_book.pages()]


def charts_in_notebook_outputs(built_book, path: str) -> int:
    """How many charts the executed notebook produced: what the page must draw."""
    notebook = built_book.jupyter_execute / path.replace(".html", ".ipynb")
    if path == "index.html":
        notebook = built_book.jupyter_execute / page_path("intro", ".ipynb")
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum("".join(output.get("data", {}).get("text/html", "")).count('<figure class="nep-chart"')
               for cell in cells for output in cell.get("outputs", []))


def test_every_page_loads_draws_all_charts_and_stays_inside_the_book(built_book, site, browser):
    drawn_total = 0
    problems = []
    for path in html_pages(built_book):
        visit = Visit(browser, site, path)
        page = visit.page
        charts = page.locator("figure.nep-chart")
        drawn = page.locator("figure.nep-chart[data-drawn='true']")
        with_marks = page.locator("figure.nep-chart").filter(
            has=page.locator("svg g[class*='role-mark'] > *"))
        expected = charts_in_notebook_outputs(built_book, path)
        if not (charts.count() == drawn.count() == with_marks.count() == expected):
            problems.append(f"{path}: {charts.count()} chart containers, {drawn.count()} drawn, "
                            f"{with_marks.count()} with marks, {expected} in the notebook outputs")
        if visit.blocked:
            problems.append(f"{path}: requested outside the book: {visit.blocked}")
        if visit.errors:
            problems.append(f"{path}: console errors: {visit.errors}")
        drawn_total += drawn.count()
        visit.close()
    assert problems == []
    assert drawn_total > 0, "no page drew a chart"


def test_hovering_a_mark_shows_its_period_and_value(built_book, site, browser):
    visit = Visit(browser, site, page_path("fuel"))
    page = visit.page
    # The first chart on the page with points or bars: marks with a body to hover.
    figure = page.locator("figure.nep-chart").filter(
        has=page.locator("svg g.mark-symbol path, svg g.mark-rect path")).first
    spec = json.loads(figure.locator("script.nep-chart-spec").text_content())
    rows = [row for dataset in spec.get("data", []) for row in dataset.get("values", [])]
    mark = figure.locator("svg g.mark-symbol path, svg g.mark-rect path").first
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator("#nep-chart-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    shown = [row for row in rows if row.get("period") and row["period"] in text]
    assert shown, text
    # The value, with or without thousands separators.
    assert any(f"{row['value']:,g}" in text or f"{row['value']:g}" in text for row in shown), text
    visit.close()


def test_charts_redraw_in_dark_mode(built_book, site, browser):
    visit = Visit(browser, site, page_path("fuel"), color_scheme="dark")
    page = visit.page
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function(ALL_DRAWN)
    # Vega's dark theme draws axis labels in a light colour.
    fill = page.locator("figure.nep-chart svg .role-axis-label text").first.get_attribute("fill")
    assert fill and fill.lower() not in ("#000", "#000000", "black", "#888"), fill
    visit.close()


def test_pages_have_no_serious_accessibility_violations(built_book, site, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for path in html_pages(built_book):
        visit = Visit(browser, site, path)
        results = axe.run(visit.page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
        visit.close()
    assert problems == []


def test_from_chart_to_sentence_and_back(built_book, site, browser):
    visit = Visit(browser, site, page_path("fuel"))
    page = visit.page
    link = page.locator("figure.nep-chart .nep-source-link").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**/{pages.href('source', anchor)}")
    passage = page.locator(f"#{anchor}")
    # The passage is highlighted as the target, and is in view.
    assert page.evaluate("document.querySelector(':target').id") == anchor
    assert passage.is_visible()
    # Focus (keyboard) shows the recorded value; hover does too.
    passage.focus()
    tip = passage.locator(".nep-tip")
    assert tip.is_visible()
    assert "thousand tonnes" in tip.inner_text() or "percent" in tip.inner_text()
    # And back: the passage's link lands on the chart that shows the figure.
    target = passage.get_attribute("href").split("#")[1]
    passage.click()
    page.wait_for_url(f"**/{pages.href('fuel', target)}")
    holder = page.locator(f"#{target}").locator("xpath=..")
    assert holder.evaluate("node => node.matches('figure.nep-chart') || !!node.querySelector('table.nep-table')")
    visit.close()


def test_charts_draw_when_the_book_is_opened_from_disk(built_book, browser):
    """A reader may open _build/html/index.html straight from disk, with no server."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built_book.html / page_path("fuel")).as_uri(), wait_until="load")
    page.wait_for_function(ALL_DRAWN, timeout=20000)
    assert page.locator("figure.nep-chart svg").count() == page.locator("figure.nep-chart").count() > 0
    assert errors == []
    context.close()


# ---------------------------------------------------------------------------
# What a reader meets: code out of the way, light pages, charts true to the data
# ---------------------------------------------------------------------------

from page_metrics import (CHART_FACTS, DRAWINGS_GZIP_LIMIT, LINES_DRAWN,  # noqa: E402
                          PAGE_BYTES_LIMIT, VISIBLE_CODE_LIMIT, derived_drawn_as_stated,
                          lines_across_gaps, page_weight, visible_code_lines,
                          year_categories_with_gaps)

# Pages whose code, tables and charts are reworked on their own, and the checks they do
# not meet yet. The mark is strict: it fails as soon as a page meets the check, so that
# the page is then taken off this list.
def book_pages() -> list:
    """Every page of the table of contents, as it is built: new chapters are included."""
    pages = []
    for path in chapter_files():
        page = path.relative_to(ROOT).with_suffix(".html").as_posix()
        pages.append(pytest.param(page, id=page))
    return pages


@pytest.fixture(scope="session")
def reader_view(built_book, site, browser):
    """Each page opened once: its unfolded code, and what its charts draw."""
    seen = {}

    def view(path: str) -> dict:
        if path not in seen:
            visit = Visit(browser, site, path)
            charts = visit.page.evaluate(CHART_FACTS)
            # The source links a reader sees under each chart without unfolding anything.
            sources = visit.page.locator("figure.nep-chart figcaption").evaluate_all(
                "captions => captions.map(caption => [...caption.querySelectorAll('a.nep-source-link')]"
                ".filter(link => link.checkVisibility()).length)")
            seen[path] = {"code": visible_code_lines(visit.page), "sources": sources,
                          "lines": visit.page.evaluate(LINES_DRAWN), "charts": charts}
            visit.close()
        return seen[path]
    return view


@pytest.mark.parametrize("path", book_pages())
def test_a_page_shows_at_most_a_few_lines_of_code_unfolded(reader_view, path):
    code = reader_view(path)["code"]
    assert code["cells"] <= VISIBLE_CODE_LIMIT, f"{path}: {code['cells']} lines of code unfolded"
    assert code["blocks"] <= VISIBLE_CODE_LIMIT, f"{path}: {code['blocks']} lines in code blocks"


@pytest.mark.parametrize("path", book_pages())
def test_a_caption_lists_a_few_sources_and_folds_a_long_list(reader_view, path):
    import nep

    shown = reader_view(path)["sources"]
    assert all(count <= nep.SOURCES_SHOWN for count in shown), f"{path}: {shown}"


@pytest.mark.parametrize("path", book_pages())
def test_a_page_stays_within_its_byte_budget(built_book, path):
    weight = page_weight(built_book.html, path)
    assert weight["without_drawings"] <= PAGE_BYTES_LIMIT, f"{path}: {weight}"
    assert weight["drawings_gzip"] <= DRAWINGS_GZIP_LIMIT, f"{path}: {weight}"


@pytest.mark.parametrize("path", book_pages())
def test_charts_draw_only_what_the_data_holds(reader_view, path):
    """No line across a year the data lacks, no year axis of categories that hides a
    missing year, and no derived point drawn like a stated one."""
    view = reader_view(path)
    problems = (lines_across_gaps(view["lines"]) + year_categories_with_gaps(view["charts"])
                + derived_drawn_as_stated(view["charts"]))
    assert problems == []


def test_the_gap_checks_catch_what_they_look_for():
    """The three chart checks flag a line over a gap, a category axis that skips a year
    and a derived point that looks stated (so that passing pages mean something)."""
    assert lines_across_gaps([{"figure": "f", "years": [1921, 1925]}])
    assert not lines_across_gaps([{"figure": "f", "years": [1921, 1922, 1922.75, None]}])
    chart = {"title": "t", "fills": {"stated": ["#0072B2"], "derived": ["#0072B2"]},
             "categories": ["1913", "1921", "1922"]}  # 1914 to 1920 hidden
    assert derived_drawn_as_stated([chart]) and year_categories_with_gaps([chart])
    chart = {"title": "t", "fills": {"stated": ["#0072B2"], "derived": ["white"]},
             "categories": ["1921/22", "1922/23", "1923/24"]}
    assert not derived_drawn_as_stated([chart]) and not year_categories_with_gaps([chart])


def test_the_opening_page_tells_the_findings_with_a_chart_and_guides_to_the_parts(
        built_book, site, browser):
    visit = Visit(browser, site, page_path("intro"))
    page = visit.page
    findings = page.locator("section#what-the-book-finds ol > li")
    assert findings.count() >= 3, "the opening page states fewer than three findings"
    # Numbers in the findings come from the data (glue), so each finding has one.
    for text in findings.all_inner_texts():
        assert any(character.isdigit() for character in text), text
    # The overview of every branch against 1913, and the output of large-scale industry.
    charts = page.locator("figure.nep-chart[data-drawn='true']")
    assert charts.count() == 2
    assert charts.first.locator("svg g[class*='role-mark'] > *").count() > 0
    # The chart comes before the guide to the parts, right after the findings.
    assert page.evaluate("""() => {
        const chart = document.querySelector('figure.nep-chart');
        const guide = document.querySelector('section#where-to-go-next');
        return !!guide && !!(chart.compareDocumentPosition(guide) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    links = page.locator("section#where-to-go-next a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))")
    for target in [pages.href(name) for name in ("teaching", "data", "checking", "lost_table")]:
        assert any(href.split("#")[0].endswith(target) for href in links), (target, links)
    visit.close()


def test_a_theme_chapter_opens_with_a_summary_and_keeps_every_figure_a_click_away(
        built_book, site, browser):
    visit = Visit(browser, site, page_path("output"))
    page = visit.page
    first_output = page.locator("article div.cell_output").first
    assert first_output.locator("table.nep-summary").count() == 1
    # No raw DataFrame: pandas' tables carry the class "dataframe".
    assert first_output.locator("table.dataframe").count() == 0
    every = page.locator("details.nep-all-figures").first
    assert not every.locator("table").is_visible()
    every.locator("summary").click()
    assert every.locator("table").is_visible()
    rows = every.locator("tbody tr").count()
    import nep
    assert rows == len(nep.load("output"))
    download = page.locator("article a[href$='output.csv']").first
    assert download.is_visible()
    visit.close()


RAW_TABLE = "table.dataframe"  # a DataFrame's own HTML, as pandas prints it


@pytest.mark.parametrize("path", book_pages())
def test_no_page_opens_with_a_raw_table(built_book, path):
    """The first output a page shows is not a DataFrame printed as it is."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_book.html / path).read_text(encoding="utf-8"), "html.parser")
    first = soup.select_one("article div.cell_output")
    assert first is None or not first.select(RAW_TABLE), f"{path} opens with a raw table"
