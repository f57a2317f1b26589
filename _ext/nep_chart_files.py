"""Each chart's data, sources and picture as files the book serves, linked under the chart.

``nep.Figure`` puts a chart's plotted rows (as CSV) and its sources in the page it makes;
the build (``nep_page_charts.static_charts``) takes them out of the page and writes, into
``_static/charts/``:

- ``<page>-<title>.csv``: the rows the chart draws, as ``nep.Figure.data_file`` gives them;
- ``<page>-<title>-sources.html``: the passages of the text and the other sources' fragments
  the chart rests on, each with where to read it (a page that works offline);
- ``<page>-<title>.svg``: the chart as drawn at build time, on a white ground.

The caption then links them ("Data (CSV)", "Sources", "Image (SVG)"). File names are the
page's and the chart title's: they stay the same from build to build.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path

FOLDER = "charts"
_SVG_OPEN = re.compile(r"(<svg\b[^>]*>)")


# A file's name gives the title's first words, up to this many characters (whole words).
NAME_LENGTH = 40


def slug(text: str) -> str:
    """The title's first words, lower case, joined by ``-``."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(words) > NAME_LENGTH:
        words = words[:NAME_LENGTH + 1].rsplit("-", 1)[0]
    return words or "chart"


class PageFiles:
    """The chart files of one page (``pagename`` as Sphinx names it, ``book/07_capital``)."""

    def __init__(self, outdir, pagename: str, page_title: str | None = None):
        self.folder = Path(outdir) / "_static" / FOLDER
        self.pagename = pagename
        self.up = "../" * pagename.count("/")  # from the page to the site's root
        self.page = pagename.rsplit("/", 1)[-1]
        self.page_title = unescape(re.sub(r"<[^>]+>", "", page_title or "")) or self.page
        self.names: set[str] = set()

    def _name(self, title: str) -> str:
        base = name = f"{self.page}-{slug(title)}"
        count = 1
        while name in self.names:
            count += 1
            name = f"{base}-{count}"
        self.names.add(name)
        return name

    def write(self, data: dict, svg: str) -> str:
        """Write one chart's files; the caption's line of links to them."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = self._name(data["title"])
        (self.folder / f"{name}.csv").write_text(data["csv"], encoding="utf-8")
        (self.folder / f"{name}.svg").write_text(standalone_svg(svg, data["title"]), encoding="utf-8")
        (self.folder / f"{name}-sources.html").write_text(
            self.sources_page(data, name), encoding="utf-8")
        href = f"{self.up}_static/{FOLDER}/{name}"
        return ('<span class="nep-chart-files">'
                f'<a href="{href}.csv" download>Data (CSV)</a> · '
                f'<a href="{href}-sources.html">Sources</a> · '
                f'<a href="{href}.svg">Image (SVG)</a></span>')

    def sources_page(self, data: dict, name: str) -> str:
        """A small page listing what the chart rests on, with links that work from its folder."""
        root = "../../"  # from _static/charts/ to the site's root
        # The caption's links are relative to the page's folder (book/).
        folder = root + (self.pagename.rpartition("/")[0] + "/" if "/" in self.pagename else "")
        text = [item for item in data["sources"] if item["from"] == "the text"]
        others = [item for item in data["sources"] if item["from"] != "the text"]
        parts = [f'<h1>Sources of the chart “{escape(data["title"])}”</h1>',
                 f'<p>The chart is on the page <a href="{root}{self.pagename}.html">“{escape(self.page_title)}”</a>. '
                 f'Its data: <a href="{name}.csv">{name}.csv</a>.</p>']
        if text:
            parts.append("<h2>Passages of the text</h2><ul>")
            parts += [f'<li><a href="{folder}{escape(item["href"])}">“{escape(item["passage"])}”</a>'
                      f' ({escape(item["about"])})</li>' for item in text]
            parts.append("</ul>")
        if others:
            parts.append("<h2>Other sources</h2><ul>")
            for item in others:
                where = (f'<a href="{escape(item["url"])}">{escape(item["url"])}</a>' if item.get("url")
                         else escape(item["address"]))
                parts.append(f'<li>{escape(item["from"])}: “{escape(item["passage"])}” '
                             f'({escape(item["about"])}). {where}</li>')
            parts.append("</ul>")
        return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                '<meta name="color-scheme" content="light dark">'
                f'<title>Sources: {escape(data["title"])}</title>'
                '<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;'
                'padding:0 1rem;line-height:1.5}li{margin:.4rem 0}</style></head><body>\n'
                + "\n".join(parts) + "\n</body></html>\n")


def standalone_svg(svg: str, title: str) -> str:
    """The chart's SVG as a file of its own: a title, and a white ground under its text."""
    head = _SVG_OPEN.search(svg)
    if head is None:
        raise ValueError(f"chart {title!r}: its drawing is not an SVG")
    inner = f'<title>{escape(title)}</title><rect width="100%" height="100%" fill="white"/>'
    return '<?xml version="1.0" encoding="utf-8"?>\n' + svg[:head.end()] + inner + svg[head.end():] + "\n"


def page_data(script: str) -> dict:
    """The chart's data and sources as nep.Figure put them in the page."""
    return json.loads(script)
