"""Charts: one house theme, captions that name their passages, and a renderer that
works offline (the book's own Vega bundle in the HTML, JupyterLab's Vega-Lite in Jupyter)."""

from __future__ import annotations

import csv
import io
import json
import os
import re

import pandas as pd

from . import grammar, pages
from .numbers import slug

# The colours a chart takes when it names none: the grammar's, so that each reads against
# the page in both modes (its light value on white, its dark value, which the dark mode
# swaps in, on the dark page). The text's blue first; then colours far apart in hue.
PALETTE = [grammar.TEXT[0], grammar.SOURCE_COLOURS["etemad1991"][0], grammar.VERDICT_COLOURS["consistent"][0],
           grammar.VERDICT_COLOURS["inconsistent"][0], grammar.SOURCE_COLOURS["perekhod1961"][0],
           grammar.SOURCE_COLOURS["observer1934"][0], grammar.SOURCE_COLOURS["statesman1921"][0],
           grammar.REFERENCE[0]]
VEGALITE_MIME = "application/vnd.vegalite.v5+json"


def _theme() -> dict:
    return {
        "config": {
            # A browser draws in its system font; the build measures the drawings' text in
            # DejaVu Sans, named before the generic one (vl-convert knows no system-ui). It is
            # the font Debian's Chromium draws system-ui with, and a wide one: a reader's
            # labels probably fit the box the drawing sets.
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
            "background": None,
            # Narrow enough, with axis titles, for the theme's content column.
            "view": {"stroke": None, "continuousWidth": 460, "continuousHeight": 260},
            "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "grid": True, "gridOpacity": 0.4},
            # Legends under the chart, one below the other: side by side, they made charts
            # wider than a phone.
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom",
                       "layout": {"bottom": {"direction": "vertical", "anchor": "start"}}},
            "range": {"category": PALETTE},
            # Opaque: Vega-Lite draws points at 0.7, which pales a grammar colour under the
            # 3:1 a mark needs against the page.
            "mark": {"color": PALETTE[0], "opacity": 1},
            "bar": {"color": PALETTE[0]},
            "line": {"color": PALETTE[0], "strokeWidth": 2.5},
            "point": {"color": PALETTE[0], "size": 70, "filled": True},
            # A label drawn on a chart (Vega-Lite's default is black, lost on the dark page):
            # the grammar's neutral grey, as the labels of its reference lines.
            "text": {"color": grammar.REFERENCE[0]},
        }
    }


def _register_theme() -> None:
    import altair as alt

    alt.theme.register("nep", enable=True)(_theme)


def _enable_offline_renderer() -> None:
    """Draw a student's own ``alt.Chart`` with no request to the web.

    Altair's default renderer writes HTML that loads Vega from a public CDN, which a
    school network or an offline machine blocks. The ``mimetype`` renderer hands the
    Vega-Lite spec to the notebook itself: JupyterLab (and so Binder, Notebook 7 and
    VS Code) draws it with the Vega it ships. The book build keeps Altair's default, as
    its charts go through :func:`show` and the book's own bundle.
    """
    import altair as alt

    if not os.environ.get("NEP_BOOK_BUILD"):
        alt.renderers.enable("mimetype")


def anchor_id(theme: str, series: str, period: str) -> str:
    """The stable id of a figure's highlighted quote on the source page."""
    return "q-" + slug(f"{theme} {series} {period}")


def chart_anchor_id(key: str) -> str:
    """The id, on its chapter's page, of the first chart or table showing a figure."""
    return "k-" + slug(key.replace("/", " "))


# Keys already given an anchor in this kernel (one kernel runs one page): a figure
# shown twice on a page is anchored at its first chart only, so ids stay unique.
_ANCHORED: set[str] = set()


def _claim_anchors(keys: list[str]) -> str:
    fresh = [key for key in dict.fromkeys(keys) if key not in _ANCHORED]
    _ANCHORED.update(fresh)
    return "".join(f'<span id="{chart_anchor_id(key)}"></span>' for key in fresh)


def source_href(theme: str, series: str, period: str) -> str:
    """The link from a chapter's page to a figure's quote on the source page."""
    return pages.href("source", anchor_id(theme, series, period))


def figure_key(theme: str, series: str, period: str) -> str:
    """How a page records which figure it shows: ``theme/series/period``."""
    return f"{theme}/{series}/{period}"


def _figure_keys(rows: pd.DataFrame) -> list[str]:
    if "theme" not in rows.columns:
        raise ValueError("rows must carry a 'theme' column (use nep.load or nep.load_all)")
    return [figure_key(row.theme, row.series, row.period) for row in rows.itertuples(index=False)]


# Functions that give HTML notes on the figures a chart or table shows (the audit's
# verdicts register one when imported): nep knows nothing of the audit itself.
_CAPTION_NOTES: list = []


def register_caption_notes(notes) -> None:
    """Add ``notes(keys) -> html`` to every caption of ``show`` and ``table`` from now on."""
    if notes not in _CAPTION_NOTES:
        _CAPTION_NOTES.append(notes)


def _audit_html(keys: list[str]) -> str:
    """The registered notes on the figures a chart shows (empty when none is registered)."""
    return "".join(notes(keys) for notes in _CAPTION_NOTES)


def _sources_html(rows: pd.DataFrame) -> str:
    from html import escape

    links = []
    for row in rows.drop_duplicates("quote").itertuples(index=False):
        href = source_href(row.theme, row.series, row.period)
        links.append(f'<a class="nep-source-link" href="{href}">“{escape(row.quote)}”</a>')
    return "; ".join(links)


# Up to this many passages are listed under a chart; more are folded behind their count.
SOURCES_SHOWN = 8


def _sources_block(rows: pd.DataFrame, label: str = "Source") -> str:
    """The passages a chart draws on: listed if few, else their count with the list on demand."""
    passages = rows["quote"].nunique()
    if passages <= SOURCES_SHOWN:
        return f'<span class="nep-sources">{label}: {_sources_html(rows)}</span>'
    return (f'<details class="nep-sources"><summary>{label}: {passages} passages of the text'
            f"</summary>{_sources_html(rows)}</details>")


# The fields of a chart's data, named in words in its data file (a tooltip's title wins).
FIELD_WORDS = {"series": "Series id", "label": "Series", "period": "Period", "value": "Value",
               "unit": "Unit", "qualifier": "Qualifier", "start": "Start date", "source": "Source key",
               "source_label": "Source", "status": "Status", "derived": "Derived by the source",
               "measure": "Measure", "run": "Run of years"}
# What the data file adds to each plotted row: who states the figure, how the book has it
# (stated, derived, garbled), the passage or fragment that states it, and where to read that.
FILE_COLUMNS = ("Figure from", "Status of the figure", "Passage or fragment", "Address of the source")
# Where the build puts a chart's links to its files (_ext/nep_chart_files.py); empty in Jupyter.
FILES_PLACEHOLDER = '<span class="nep-chart-files"></span>'


def _plotted_rows(spec: dict) -> list[dict]:
    """Every row of data a Vega-Lite spec draws: its datasets, then any inline values."""
    rows = [row for values in spec.get("datasets", {}).values() for row in values]

    def inline(part):
        if isinstance(part, dict):
            values = part.get("data", {}).get("values") if isinstance(part.get("data"), dict) else None
            rows.extend(values if isinstance(values, list) else [])
            for key, value in part.items():
                if key not in ("data", "datasets"):
                    inline(value)
        elif isinstance(part, list):
            for value in part:
                inline(value)

    inline(spec)
    return [row for row in rows if isinstance(row, dict) and row]


def _tooltip_titles(spec) -> dict[str, str]:
    """The words a chart's tooltips give its fields: ``{"value": "Coal mined (million poods)"}``."""
    titles = {}
    if isinstance(spec, dict):
        tips = spec.get("tooltip") if isinstance(spec.get("tooltip"), (list, dict)) else []
        for tip in tips if isinstance(tips, list) else [tips]:
            if isinstance(tip, dict) and isinstance(tip.get("field"), str) and isinstance(tip.get("title"), str):
                titles.setdefault(tip["field"], tip["title"])
        for key, value in spec.items():
            if key not in ("datasets", "data"):
                for field, title in _tooltip_titles(value).items():
                    titles.setdefault(field, title)
    elif isinstance(spec, list):
        for part in spec:
            for field, title in _tooltip_titles(part).items():
                titles.setdefault(field, title)
    return titles


def _cell(value) -> str:
    """A value as the data file writes it: whole numbers without ``.0``, nothing for none."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)


class Figure:
    """A chart ready for the page: the Vega-Lite spec, its caption and the rows it shows.

    In the built book the HTML output is drawn by the Vega bundle the book serves
    from ``_static/`` (no CDN); in JupyterLab the Vega-Lite output is drawn by
    JupyterLab's own renderer. The page also carries the chart's data and sources, which
    the build turns into files linked under the chart (``_ext/nep_chart_files.py``).
    """

    def __init__(self, chart, rows: pd.DataFrame, caption: str):
        spec = chart.to_dict()
        missing = [part for part, present in [
            ("a title", bool(spec.get("title"))),
            ("a description", bool(spec.get("description"))),
            ("a tooltip", '"tooltip"' in json.dumps(spec)),
        ] if not present]
        if missing:
            raise ValueError("every chart needs " + ", ".join(missing))
        try:
            json.dumps(spec, allow_nan=False)
        except ValueError:
            raise ValueError("the chart's data holds NaN, which is not JSON and breaks the page: "
                             "use nep.chart_data, or drop the empty values") from None
        self.spec, self.rows, self.caption = spec, rows, caption
        self.keys = _figure_keys(rows)
        self.anchors = _claim_anchors(self.keys)

    @property
    def title(self) -> str:
        title = self.spec["title"]
        return title["text"] if isinstance(title, dict) else str(title)

    def _repr_html_(self) -> str:
        from html import escape

        # The house theme is served once for the whole book (_static/nep-chart-config.js,
        # written by nep_page_charts from _theme), not repeated in every chart of a page.
        # The description is the figure's aria-label already: not repeated in the spec.
        page_spec = {key: value for key, value in self.spec.items()
                     if key not in ("$schema", "description")
                     and not (key == "config" and value == _theme()["config"])}
        spec = json.dumps(page_spec, separators=(",", ":")).replace("</", "<\\/")
        return (
            f'<figure class="nep-chart" data-figures="{escape(json.dumps(self.keys))}">{self.anchors}'
            f'<div class="nep-chart-view" role="img" aria-label="{escape(self.title)}. '
            f'{escape(self.spec["description"])}"></div>'
            f'<script type="application/json" class="nep-chart-spec">{spec}</script>'
            f'<script type="application/json" class="nep-chart-data">{self._files_data()}</script>'
            f"<figcaption>{escape(self.caption)} {self._caption_sources()}{FILES_PLACEHOLDER}"
            f"{_audit_html(self.keys)}</figcaption></figure>"
        )

    def _origins(self) -> dict[tuple, dict]:
        """What each figure the chart may draw rests on, by (source, series, period)."""
        return {("text", row.series, row.period): {
            "from": "the text", "status": "stated", "passage": row.quote, "address": ""}
            for row in self.rows.itertuples(index=False)}

    def _source_list(self) -> list[dict]:
        """The passages of the text the chart draws on, for its sources file."""
        return [{"from": "the text", "passage": row.quote, "about": f"{row.series.replace('_', ' ')}, {row.period}",
                 "href": source_href(row.theme, row.series, row.period)}
                for row in self.rows.drop_duplicates("quote").itertuples(index=False)]

    def data_file(self) -> str:
        """The chart's data file (CSV): every row it plots, its fields named in words, and
        for each row who states the figure, how, in which passage, and where to read it."""
        rows = _plotted_rows(self.spec)
        fields = list(dict.fromkeys(field for row in rows for field in row))
        titles = _tooltip_titles(self.spec)
        names = {}
        for field in fields:
            name = titles.get(field) or FIELD_WORDS.get(field) or field.replace("_", " ").capitalize()
            names[field] = (name if name not in names.values() and name not in FILE_COLUMNS
                            else f"{name} ({field.replace('_', ' ')})")
        origins = self._origins()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*names.values(), *FILE_COLUMNS])
        for row in rows:
            origin = origins.get((row.get("source", "text"), row.get("series"), row.get("period")), {})
            status = row.get("status") or origin.get("status", "")
            writer.writerow([_cell(row.get(field)) for field in fields] +
                            [origin.get("from", ""), status, origin.get("passage", ""), origin.get("address", "")])
        return out.getvalue()

    def _files_data(self) -> str:
        data = {"title": self.title, "csv": self.data_file(), "sources": self._source_list()}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")

    def _caption_sources(self) -> str:
        """The passages of the text the chart draws on (a comparison chart adds other sources)."""
        return _sources_block(self.rows)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": f"{self.title}. {self.spec['description']}"}

    def _ipython_display_(self) -> None:
        from IPython.display import display

        # The book build (which sets NEP_BOOK_BUILD) draws the HTML with its own bundle;
        # JupyterLab draws the Vega-Lite output itself, with the caption as a second output.
        bundles = ([self._repr_mimebundle_()] if os.environ.get("NEP_BOOK_BUILD")
                   else jupyter_outputs(self._repr_html_()))
        for bundle in bundles:
            display(bundle, raw=True)


_CHART_SPEC = re.compile(r'<script type="application/json" class="nep-chart-spec">(.*?)</script>', re.S)
_CHART_CAPTION = re.compile(r"<figcaption>(.*)</figcaption>", re.S)
_CHART_LABEL = re.compile(r'<div class="nep-chart-view" role="img" aria-label="([^"]*)"')


def jupyter_outputs(chart_html: str) -> list[dict]:
    """A chart's outputs as JupyterLab draws them: the Vega-Lite chart, then its caption.

    JupyterLab ranks HTML above Vega-Lite, and cannot draw the book's HTML (which waits
    for the book's own Vega bundle): so the chart goes alone, as Vega-Lite. The downloads
    turn the book's executed outputs into these with the same function.
    """
    from html import unescape

    spec = json.loads(_CHART_SPEC.search(chart_html).group(1))
    caption = _CHART_CAPTION.search(chart_html).group(1)
    title = spec["title"]["text"] if isinstance(spec["title"], dict) else str(spec["title"])
    # The page leaves out what the book serves once (the theme) and what the figure's label
    # already says (the description): JupyterLab gets them back.
    spec.setdefault("config", _theme()["config"])
    label = unescape(_CHART_LABEL.search(chart_html).group(1))
    spec.setdefault("description", label.removeprefix(f"{title}. "))
    # The links to the chart's files are the built book's: JupyterLab has no such files.
    caption = caption.replace(FILES_PLACEHOLDER, "")
    plain_caption = unescape(re.sub(r"<[^>]+>", "", caption))
    return [{VEGALITE_MIME: spec, "text/plain": f"{title}. {spec['description']}"},
            {"text/html": f'<div class="nep-chart-caption">{caption}</div>', "text/plain": plain_caption}]


def chart_data(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns a chart needs, and no more: the page embeds what a chart is given.

    ``start`` becomes an ISO date string so Vega-Lite reads it as a date (``start:T``);
    ``label`` is the series id in words, for legends and tooltips.
    """
    data = rows[["series", "period", "value", "unit", "qualifier", "start"]].copy()
    # An undated figure has no start: None, which JSON (and so Vega) can read; NaN is not JSON.
    data["start"] = data["start"].dt.strftime("%Y-%m-%d").astype("object")
    data.loc[rows["start"].isna().to_numpy(), "start"] = None
    data["label"] = data["series"].str.replace("_", " ")
    data["qualifier"] = data["qualifier"].fillna("")
    return data.astype({"series": "object", "period": "object", "unit": "object",
                        "qualifier": "object", "label": "object"})


def show(chart, rows: pd.DataFrame, caption: str) -> Figure:
    """Put a chart on the page with its caption and links to the passages it draws on."""
    return Figure(chart, rows, caption)


_register_theme()
_enable_offline_renderer()
