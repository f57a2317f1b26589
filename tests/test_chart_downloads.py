"""Every chart's data, sources and picture one click away, as files the built book serves.

Under each chart of the built book a line links "Data (CSV)", "Sources" and "Image (SVG)":
files the build wrote into the site, so they work offline and from disk. The CSV holds the
rows the chart draws (those of the page's own Vega spec) and, for each, where it comes from.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

import nep_page_charts
from conftest import page_path
from nep.charts import FILE_COLUMNS
from test_browser import charts_in_notebook_outputs, html_pages, site  # noqa: F401

FIGURE = re.compile(r'<figure class="nep-chart".*?</figure>', re.S)
VEGA_SPEC = re.compile(r'<script type="application/json" class="nep-chart-spec">(.*?)</script>', re.S)
LINKS = re.compile(r'<span class="nep-chart-files">(.*?)</span>', re.S)
LINK = re.compile(r'<a href="([^"]+)"[^>]*>([^<]+)</a>')
SOURCE_QUOTE = re.compile(r'<a class="nep-source-link" href="[^"]*">“(.*?)”</a>', re.S)
LINK_WORDS = ["Data (CSV)", "Sources", "Image (SVG)"]


def chart_pages(built_book) -> list[str]:
    """The book's pages (index.html only sends the reader on to the opening page)."""
    return [path for path in html_pages(built_book) if path != "index.html"]


def figures(built_book) -> list[tuple[str, str]]:
    """Every chart of the built book: (its page, its HTML)."""
    found = []
    for path in chart_pages(built_book):
        html = (built_book.html / path).read_text(encoding="utf-8")
        found += [(path, figure) for figure in FIGURE.findall(html)]
    return found


def normalised(value) -> str | float | None:
    """A value as data: numbers as numbers (``8090``, ``8090.0`` and ``"8090"`` alike)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    try:
        return round(float(value), 9)
    except ValueError:
        return str(value)


def row_values(values) -> tuple:
    """A row as the multiset of its values: column names and order do not matter here."""
    return tuple(sorted((value for value in map(normalised, values) if value is not None), key=repr))


def notebook_specs(built_book, path: str) -> list[dict]:
    """The Vega-Lite specs of a page's charts as its notebook made them, in order."""
    notebook = json.loads((built_book.jupyter_execute / path.replace(".html", ".ipynb")).read_text(encoding="utf-8"))
    html = "".join("".join(output.get("data", {}).get("text/html", "")) for cell in notebook["cells"]
                   for output in cell.get("outputs", []))
    return [json.loads(spec) for spec in VEGA_SPEC.findall(html)]


def title_words(spec: dict) -> str:
    """A chart's title, however it is set (in lines, on a phone)."""
    title = spec["title"]
    text = title.get("text") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else text


def drawn_rows(spec: dict) -> Counter:
    """The rows a chart draws: its datasets' rows and any rows written in a view."""
    rows = [row for values in spec.get("datasets", {}).values() for row in values]
    views = [spec]
    while views:
        view = views.pop()
        if isinstance(view.get("data"), dict):
            rows += view["data"].get("values", [])
        views += [part for key in ("layer", "hconcat", "vconcat", "concat") for part in view.get(key, [])]
        views += [view["spec"]] if isinstance(view.get("spec"), dict) else []
    return Counter(row_values(row.values()) for row in rows if row)


def linked(built_book, path: str, figure: str) -> dict[str, Path]:
    links = LINKS.search(figure)
    assert links, f"{path}: a chart has no line of links to its files"
    found = {unescape(words): (built_book.html / path).parent / unescape(href)
             for href, words in LINK.findall(links.group(1))}
    return {words: target.resolve() for words, target in found.items()}


def test_every_chart_links_its_data_sources_and_image_as_files_of_the_book(built_book):
    assert built_book.returncode == 0, "the book did not build:\n" + built_book.log[-4000:]
    charts = figures(built_book)
    expected = sum(charts_in_notebook_outputs(built_book, path) for path in chart_pages(built_book))
    assert len(charts) == expected > 0
    problems = []
    for path, figure in charts:
        links = linked(built_book, path, figure)
        if list(links) != LINK_WORDS:
            problems.append(f"{path}: links {list(links)}")
            continue
        for words, target in links.items():
            if not target.is_file() or built_book.html.resolve() not in target.parents:
                problems.append(f"{path}: {words} -> {target} is not a file of the built book")
    assert problems == []
    # The data travel in files: the page does not carry them too.
    assert not any('class="nep-chart-data"' in figure for _, figure in charts)


def test_each_chart_s_csv_holds_the_rows_it_draws_and_where_each_comes_from(built_book):
    problems = []
    sourced = 0
    specs = {path: notebook_specs(built_book, path) for path in chart_pages(built_book)}
    for path, figure in figures(built_book):
        spec = specs[path].pop(0)
        assert title_words(spec) == title_words(json.loads(VEGA_SPEC.search(figure).group(1))), path
        table = list(csv.reader(io.StringIO(linked(built_book, path, figure)["Data (CSV)"].read_text(encoding="utf-8"))))
        header, rows = table[0], table[1:]
        assert len(set(header)) == len(header) and not any("_" in name for name in header), header
        assert header[-len(FILE_COLUMNS):] == list(FILE_COLUMNS)
        plotted = len(header) - len(FILE_COLUMNS)
        in_file = Counter(row_values(row[:plotted]) for row in rows)
        if in_file != drawn_rows(spec):
            problems.append(f"{path}: {header[:plotted]}: the CSV's rows are not the chart's "
                            f"(only in the CSV: {list((in_file - drawn_rows(spec)).elements())[:3]}; "
                            f"only in the chart: {list((drawn_rows(spec) - in_file).elements())[:3]})")
        # The page's own spec (compiled to Vega) draws as many rows, each a part of one of the CSV's.
        page_rows = [row for data in json.loads(VEGA_SPEC.search(figure).group(1)).get("data", [])
                     for row in data.get("values", [])]
        for row in page_rows:
            assert any(Counter(row_values(row.values())) <= Counter(values) for values in in_file), (path, row)
        origin = dict(zip(FILE_COLUMNS, zip(*[row[plotted:] for row in rows]))) if rows else {}
        sourced += sum(1 for passage in origin.get("Passage or fragment", ()) if passage)
        # A status is the grammar's, or the one the chart itself draws for the row.
        for row in rows:
            assert row[-3] in {"", "stated", "derived", "garbled"} or row[-3] in row[:plotted], (path, row)
    assert problems == []
    assert sourced > 0, "no row of any chart names the passage that states it"


def test_a_text_figure_in_a_csv_is_quoted_from_its_passage(built_book):
    """A row the text states carries the text's own words, which the caption quotes too."""
    checked = 0
    for path, figure in figures(built_book):
        quotes = {unescape(quote) for quote in SOURCE_QUOTE.findall(figure)}
        rows = list(csv.DictReader(io.StringIO(linked(built_book, path, figure)["Data (CSV)"].read_text(encoding="utf-8"))))
        for row in rows:
            if row["Figure from"] == "the text":
                assert row["Passage or fragment"] in quotes, (path, row)
                checked += 1
    assert checked > 0


def test_each_chart_s_sources_page_lists_its_passages_and_works(built_book):
    for path, figure in figures(built_book):
        sources = linked(built_book, path, figure)["Sources"].read_text(encoding="utf-8")
        assert sources.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in sources
        for quote in SOURCE_QUOTE.findall(figure):
            assert f"“{quote}”" in sources, (path, quote)
        for link in re.findall(r'<a class="nep-outside-link" href="([^"]+)"', figure):
            assert f'href="{link}"' in sources, (path, link)
        # Its links back into the book lead to files of the book.
        folder = linked(built_book, path, figure)["Sources"].parent
        for href in re.findall(r'href="(\.\./[^"#]+)', sources):
            assert (folder / unescape(href)).resolve().is_file(), (path, href)


def test_each_chart_s_image_is_an_svg_with_its_title(built_book):
    for path, figure in figures(built_book):
        image = linked(built_book, path, figure)["Image (SVG)"]
        root = ElementTree.parse(image).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg", path
        assert float(root.get("width")) > 0 and float(root.get("height")) > 0
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text and title.text in unescape(figure), path
        assert root.findall(".//{http://www.w3.org/2000/svg}text"), f"{path}: {image.name} has no text"


def test_jupyterlab_shows_no_links_to_files_it_does_not_have(built_book):
    """The notebooks offered for download show the captions without the book's file links."""
    notebooks = sorted((built_book.html / "_sources" / "book").glob("*.ipynb"))
    assert notebooks
    captions = 0
    for notebook in notebooks:
        text = notebook.read_text(encoding="utf-8")
        assert "nep-chart-files" not in text and "_static/charts" not in text, notebook.name
        assert "nep-chart-data" not in text, notebook.name
        captions += text.count("nep-chart-caption")
    assert captions > 0


@pytest.mark.browser
def test_a_reader_downloads_a_chart_s_csv_from_the_page(built_book, site, browser, tmp_path):
    path = page_path("capital")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site) else route.abort())
    page.goto(site + path, wait_until="load")
    link = page.locator("figure.nep-chart .nep-chart-files a", has_text="Data (CSV)").first
    assert link.is_visible()
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    figure = next(figure for page_name, figure in figures(built_book) if page_name == path)
    assert saved.read_bytes() == linked(built_book, path, figure)["Data (CSV)"].read_bytes()
    assert list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))[1:], "the CSV has rows"
    # The image link opens the picture itself.
    page.goto(site + path, wait_until="load")
    page.locator("figure.nep-chart .nep-chart-files a", has_text="Image (SVG)").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(".svg") and page.locator("svg text").count() > 0
    context.close()


@pytest.mark.browser
def test_the_sources_link_works_when_the_book_is_opened_from_disk(built_book, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto((built_book.html / page_path("capital")).as_uri(), wait_until="load")
    page.locator("figure.nep-chart .nep-chart-files a", has_text="Sources").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.endswith("-sources.html")
    assert page.locator("h1").inner_text().startswith("Sources of the chart")
    # From there, a passage's link leads to the source page, still on disk.
    page.locator("li a").first.click()
    page.wait_for_load_state("load")
    assert "02_source.html#q-" in page.url and page.locator(":target").count() == 1
    context.close()


def test_a_caption_is_no_wider_than_its_chart(built_book):
    """nep.css gives a caption the width of a chart drawn CHART_MAX_WIDTH wide; a figure
    whose chart is drawn to another width says so."""
    css = (built_book.html / "_static" / "nep.css").read_text(encoding="utf-8")
    default = re.search(r"figcaption \{ max-width: var\(--nep-chart-width, ([0-9.]+)px\);[^}]*text-align: left; \}", css)
    assert default and float(default.group(1)) == nep_page_charts.CHART_MAX_WIDTH
    for path, figure in figures(built_book):
        width = re.match(r'<figure class="nep-chart" style="--nep-chart-width:([0-9.]+)px"', figure)
        svg_width = re.search(r'<svg [^>]*?width="([0-9.]+)"', figure).group(1)
        assert float(width.group(1) if width else default.group(1)) == float(svg_width), path


@pytest.mark.browser
def test_a_caption_lines_up_with_its_chart_on_a_wide_screen(built_book, site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site + page_path("capital"), wait_until="load")
    boxes = page.locator("figure.nep-chart").evaluate_all("""figures => figures.map(figure => {
      const svg = figure.querySelector('.nep-chart-view svg').getBoundingClientRect();
      const caption = figure.querySelector('figcaption');
      const box = caption.getBoundingClientRect();
      return {svg: [svg.left, svg.width], caption: [box.left, box.width], align: getComputedStyle(caption).textAlign};
    })""")
    assert boxes
    for box in boxes:
        assert box["align"] in ("left", "start"), box
        assert abs(box["caption"][0] - box["svg"][0]) <= 1 and box["caption"][1] <= box["svg"][1] + 1, box
    context.close()
