"""The charts as the built pages carry them, and the Vega that draws them.

- Every chart is compiled from Vega-Lite to Vega at build time (``page_vega``), so the
  site serves Vega alone (``_static/vega-bundle.js``): Vega's own browser build, a pinned
  dependency fetched with npm by ``scripts/env.sh`` rather than committed code, of the
  version ``vl-convert-python`` draws with. No page loads it from a CDN. The house theme,
  light and dark, is served once (``_static/nep-chart-config.js``), and so are the charts'
  dark-mode colours, a stylesheet made from it and from ``nep.grammar``
  (``_static/nep-chart-colours.css``).
- Every chart is drawn to SVG at build time and put in its page (``static_charts``), so
  it shows at first paint, prints, and reads with JavaScript off; the Vega view takes over
  when the reader needs it (``_static/nep-charts.js``). A chart wider than a phone allows is fitted first (``fitted_chart``).
"""

from __future__ import annotations

import copy
import functools
import json
import re
import sys
from pathlib import Path

import nep_chart_checks

BUNDLE = "vega-bundle.js"
BUNDLE_LICENSE = "vega-LICENSE.txt"
# Vega-Lite 6 compiles the Vega-Lite 5 specs Altair 5.5 writes, for the Vega 6 that
# vl-convert draws with (a Vega-Lite 5 compiler would target Vega 5).
VEGALITE_VERSION = "6.4"


def vega_build() -> Path:
    """Vega's own browser build, of the version vl-convert draws the SVGs with, where
    scripts/env.sh puts it (fetched with npm: the pages need Vega alone, not the Vega-Lite
    compiler and vega-embed that vl-convert bundles with it)."""
    import vl_convert

    return Path(sys.prefix) / "share" / "vega" / vl_convert.get_vega_version() / "vega.min.js"


def write_bundle(app) -> None:
    source = vega_build()
    if not source.is_file():
        raise RuntimeError(f"{source} is missing: the book draws its interactive charts with that "
                           "Vega. `bash scripts/build.sh` fetches it (scripts/env.sh, ensure_vega)")
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    version = source.parent.name
    # Vega's licence asks for its notice to go with the code: served beside it, and named.
    (static / BUNDLE_LICENSE).write_bytes((source.parent / "LICENSE").read_bytes())
    (static / BUNDLE).write_text(f"/*! Vega {version}, BSD-3-Clause licence: {BUNDLE_LICENSE} */\n"
                                 + source.read_text(encoding="utf-8"), encoding="utf-8")


CHART_CONFIG = "nep-chart-config.js"
THEMES = ("light", "dark")


def _compiled(spec: dict, theme: str = "light") -> dict:
    """A Vega-Lite spec compiled to Vega, light or dark (the dark theme of vega-themes,
    under the spec's own config, as vega-embed applied it)."""
    import vl_convert

    import nep

    # aria: the marks need no labels of their own (the figure's label describes the chart),
    # which also keeps them out of the page.
    spec = {**spec, "config": {**spec.get("config", nep.charts._theme()["config"]), "aria": False}}
    return vl_convert.vegalite_to_vega(spec, vl_version=VEGALITE_VERSION,
                                       theme=None if theme == "light" else theme)


@functools.lru_cache(maxsize=None)
def vega_configs() -> dict[str, dict]:
    """The house theme compiled to Vega's config, light and dark. Vega-Lite writes its config
    into the Vega config whole, whatever the chart, so one compiled chart gives it."""
    point = {"mark": "point", "data": {"values": [{}]}}
    return {theme: _compiled(point, theme)["config"] for theme in THEMES}


def write_chart_config(app) -> None:
    """The charts' house theme in Vega's terms, light and dark, once for the whole book:
    each page's specs leave it out. With it, the stylesheet of the charts' dark colours
    (``write_chart_colours``)."""
    target = Path(app.outdir) / "_static" / CHART_CONFIG
    target.parent.mkdir(parents=True, exist_ok=True)
    config = json.dumps(vega_configs(), indent=1)
    target.write_text(f"window.NEP_CHART_CONFIG = {config};\n", encoding="utf-8")
    write_chart_colours(app)


CHART_COLOURS = "nep-chart-colours.css"
_DARK = 'html[data-theme="dark"]'


def dark_chart_css() -> str:
    """The charts' colours in dark mode, as CSS made from their two sources, so that no
    colour is copied by hand:

    - the drawing made at build time (light) takes the dark theme's colours for its text,
      axes and gridlines, the ones the interactive view is drawn with in dark mode
      (``vega_configs()["dark"]``): the chart reads the same before and after it takes over;
    - each grammar colour of a mark, in the drawing and in the view alike, is swapped for
      its dark value (``nep.grammar.dark_css``).
    """
    import nep.grammar

    dark = vega_configs()["dark"]
    style, axis, title = dark["style"], dark["axis"], dark.get("title", {})
    static = f"{_DARK} svg.nep-chart-static"
    label = style["guide-label"]["fill"]
    rules = [
        # Every text that is not a mark (axes, legends, titles, facets' headers): the labels'.
        f"{static} g.mark-text:not(.role-mark) > text{{fill:{label}}}",
        f"{static} :is(.role-axis-title, .role-legend-title) > text"
        f"{{fill:{style['guide-title'].get('fill', label)}}}",
        f"{static} .role-title-text > text{{fill:{style['group-title'].get('fill', label)}}}",
        f"{static} .role-title-subtitle > text"
        f"{{fill:{title.get('subtitleColor', style.get('group-subtitle', {}).get('fill', label))}}}",
        f"{static} .role-axis-domain > line{{stroke:{axis['domainColor']}}}",
        f"{static} .role-axis-tick > line{{stroke:{axis['tickColor']}}}",
        f"{static} .role-axis-grid > line{{stroke:{axis['gridColor']}}}",
    ]
    return ("/* Written by _ext/nep_page_charts.py from the charts' dark theme and nep.grammar:"
            " edit those, not this. */\n" + "\n".join(rules) + "\n"
            + nep.grammar.dark_css(f"{_DARK} .nep-chart-view"))


def write_chart_colours(app) -> None:
    """The charts' dark colours (``dark_chart_css``) in a stylesheet every page links: it
    applies at first paint, before any script."""
    target = Path(app.outdir) / "_static" / CHART_COLOURS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dark_chart_css(), encoding="utf-8")
    app.add_css_file(CHART_COLOURS)


# A chart as nep.Figure writes it: its empty view, then its Vega-Lite spec.
_CHART_VIEW = re.compile(
    r'(<div class="nep-chart-view" role="img" aria-label="[^"]*">)</div>'
    r'(<script type="application/json" class="nep-chart-spec">)(.*?)(</script>)', re.S)

# The widest a chart is drawn, in CSS px. A 390 px phone gives a figure 374 px (nep.css
# lets it use the page's side padding), so a chart this wide is shown at 0.85 of its
# size or more: its 12 px labels stay at 10 px or more. Wider screens show it unscaled.
CHART_MAX_WIDTH = 440
# A view is never narrowed below this share of its width: some charts are wide for their
# labels (long category names, legends), which narrowing the plot cannot shorten.
CHART_MIN_SCALE = 0.3
_SVG_WIDTH = re.compile(r'<svg [^>]*?width="([0-9.]+)"')
# What the SVG drawn at build time does not need: its marks are not read out (the figure's
# label is), nor pointed at (the interactive view takes its place), nor drawn when empty.
_SVG_UNNEEDED_ATTRIBUTES = re.compile(r' pointer-events="none"| aria-hidden="true"| opacity="1"'
                                      r'| role="graphics-[a-z]+"| aria-roledescription="[^"]*"')
# Coordinates to a hundredth of a pixel (Vega writes floating-point noise: 36.900000000000006).
_SVG_LONG_DECIMAL = re.compile(r"(\d+\.\d\d)\d+")
_SVG_EMPTY_PATHS = re.compile(r'<path class="background" d="M0,0h0v0h0Z"/>'
                              r'|<path class="foreground" d="" display="none"/>')


def _views_across(spec: dict) -> list[dict]:
    """The views whose widths add up across the chart (side by side, or faceted)."""
    for key in ("hconcat", "concat"):
        if key in spec:
            return [view for part in spec[key] for view in _views_across(part)]
    if "vconcat" in spec:
        return [view for part in spec["vconcat"] for view in _views_across(part)]
    if "spec" in spec:  # facet or repeat: one view, drawn once per column
        return _views_across(spec["spec"])
    return [spec]


def _narrowed(spec: dict, scale: float) -> dict:
    """The spec with each view's width (set, or left to the house theme) times ``scale``."""
    import nep

    config = nep.charts._theme()["config"]["view"]
    spec = copy.deepcopy(spec)
    for view in _views_across(spec):
        width = view.get("width")
        if width is None:  # a layer may set it in one of its layers
            width = next((layer["width"] for layer in view.get("layer", []) if "width" in layer), None)
            for layer in view.get("layer", []):
                layer.pop("width", None)
        if isinstance(width, dict) and "step" in width:
            view["width"] = {"step": round(width["step"] * scale, 1)}
        elif isinstance(width, (int, float)):
            view["width"] = round(width * scale)
        elif width is None and ("mark" in view or "layer" in view):
            view["width"] = round(config["continuousWidth"] * scale)
    return spec


def _plot_width(spec: dict) -> float:
    """What the views of a chart take across, as far as the spec says (the theme's width if not)."""
    import nep

    default = nep.charts._theme()["config"]["view"]["continuousWidth"]
    total = 0.0
    for view in _views_across(spec):
        width = view.get("width", next((layer["width"] for layer in view.get("layer", [])
                                        if "width" in layer), default))
        total += width if isinstance(width, (int, float)) else default
    return total


def _svg(spec: dict) -> tuple[str, float]:
    import vl_convert

    svg = vl_convert.vega_to_svg(_compiled(spec))
    return svg, float(_SVG_WIDTH.search(svg).group(1))


def _narrowed_to_fit(page_spec: dict) -> tuple[dict, str, float]:
    """The spec with its plot narrowed until the chart is at most CHART_MAX_WIDTH wide
    (or its plot at CHART_MIN_SCALE), its SVG and its width.

    The width left to the plot is found from the drawn width: what is not plot (axes,
    labels, legend) is kept, the plot takes the rest, in up to five tries.
    """
    spec, scale = page_spec, 1.0
    svg, width = _svg(spec)
    plot = _plot_width(page_spec)
    for _ in range(5):
        if width <= CHART_MAX_WIDTH or scale <= CHART_MIN_SCALE:
            break
        rest = width - plot * scale
        scale = max(CHART_MIN_SCALE, (CHART_MAX_WIDTH - rest) / plot)
        spec = _narrowed(page_spec, scale)
        svg, width = _svg(spec)
    return spec, svg, width


# A label in lines of at most 30 characters, broken at spaces (Vega draws a list as lines).
WRAPPED_LABEL = "split(trim(replace(datum.label, regexp('(.{1,30})(\\\\s+|$)', 'g'), '$1\\n')), '\\n')"
_WRAPPED_LINE = re.compile(r"(.{1,30})(\s+|$)")
_LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "strokeDash", "opacity", "size")
# The height Vega-Lite gives a row of categories when the chart sets none.
DEFAULT_STEP = 20


def _lines_of_labels(spec: dict, field: str) -> int:
    """The most lines WRAPPED_LABEL sets one of a field's labels in, over the chart's data."""
    rows = [row for rows in spec.get("datasets", {}).values() for row in rows]
    labels = [str(row[field]) for row in rows if isinstance(row, dict) and row.get(field) is not None]
    return max((len(_WRAPPED_LINE.sub("\\1\n", label).strip().split("\n")) for label in labels), default=1)


def _encodings(view: dict):
    """Each channel of a view and its encoding, in the view and in its layers."""
    for part in [view, *view.get("layer", [])]:
        for channel, encoding in part.get("encoding", {}).items():
            if isinstance(encoding, dict):
                yield channel, encoding


def _labels_wrapped(spec: dict) -> dict:
    """The spec with long labels in lines: a legend's, and a category axis's. Rows of a set
    height share it among a label's lines; rows of a fixed step get the height of their
    longest label's lines (kept as they were, lines would overlap the next row's)."""
    import nep

    line_height = nep.charts._theme()["config"]["axis"]["labelFontSize"] + 2
    wrapped = copy.deepcopy(spec)
    for view in _views_across(wrapped):
        height = view.get("height")
        if height is None:  # category rows of Vega-Lite's default step, if any
            height = {"step": DEFAULT_STEP}
        rows_have_room = isinstance(height, (int, float))
        rows_step = isinstance(height, dict) and "step" in height
        lines = 1
        for channel, encoding in _encodings(view):
            if encoding.get("type") not in ("nominal", "ordinal"):
                continue
            if channel in _LEGEND_CHANNELS and encoding.get("legend", {}) is not None:
                encoding["legend"] = {**(encoding.get("legend") or {}), "labelExpr": WRAPPED_LABEL}
            if channel == "y" and (rows_have_room or rows_step) and encoding.get("axis", {}) is not None:
                encoding["axis"] = {**(encoding.get("axis") or {}), "labelExpr": WRAPPED_LABEL}
                lines = max(lines, _lines_of_labels(spec, encoding.get("field", "")))
        if rows_step and lines > 1:
            view["height"] = {"step": max(height["step"], lines * line_height + 4)}
    return wrapped


def _legends_in_column(spec: dict) -> dict:
    """The spec with each legend's entries one below the other (under a chart, Vega sets
    them side by side)."""
    stacked = copy.deepcopy(spec)
    for view in _views_across(stacked):
        for channel, encoding in _encodings(view):
            if channel in _LEGEND_CHANNELS and encoding.get("legend", {}) is not None:
                encoding["legend"] = {**(encoding.get("legend") or {}), "direction": "vertical"}
    return stacked


def _in_two_lines(text):
    """A title's text in two lines, broken at the space nearest its middle (None if it has none)."""
    if not isinstance(text, str) or " " not in text:
        return None
    middle = min((index for index, letter in enumerate(text) if letter == " "),
                 key=lambda index: abs(index - len(text) / 2))
    return [text[:middle], text[middle + 1:]]


def _titles_in_lines(spec: dict) -> dict:
    """The spec with its title, and each x axis's title, in two lines."""
    spec = copy.deepcopy(spec)
    title = spec.get("title")
    lines = _in_two_lines(title.get("text") if isinstance(title, dict) else title)
    if lines:
        spec["title"] = {**title, "text": lines} if isinstance(title, dict) else lines
    for view in _views_across(spec):
        for channel, encoding in _encodings(view):
            lines = _in_two_lines(encoding.get("title")) if channel == "x" else None
            if lines:
                encoding["title"] = lines
    return spec


def fitted_chart(page_spec: dict) -> tuple[dict, str]:
    """A chart's spec made to fit CHART_MAX_WIDTH if it is wider, and its SVG for the page
    (``_fitted``, less what draws nothing)."""
    spec, svg = _fitted(page_spec)
    return spec, _lighter_svg(svg)


def _fitted(page_spec: dict) -> tuple[dict, str]:
    """A chart's spec made to fit CHART_MAX_WIDTH if it is wider, and its SVG.

    First its plot is narrowed; what is still too wide is then set in lines: long
    legend and category labels in lines of 30 characters, a legend's entries in a
    column, then the title and the x axis's title in two lines (the printed book is
    still searched by its charts' titles: their words stay in order). The page's spec
    leaves out the house theme (served once, _static/nep-chart-config.js): it is drawn
    here with it, as nep-charts.js draws it.
    """
    unnarrowed = page_spec
    spec, svg, width = _narrowed_to_fit(page_spec)
    for in_lines in (_labels_wrapped, _legends_in_column, _titles_in_lines):
        if width <= CHART_MAX_WIDTH:
            break
        tried = in_lines(unnarrowed)
        narrower = _narrowed_to_fit(tried)
        if narrower[2] <= width:  # kept when no wider: the next step may need it
            unnarrowed, (spec, svg, width) = tried, narrower
    return spec, svg


def _lighter_svg(svg: str) -> str:
    """The SVG as Vega drew it, less what draws nothing; the house font named once, at its root."""
    import nep

    font = f' font-family="{nep.charts._theme()["config"]["font"]}"'
    svg = _SVG_EMPTY_PATHS.sub("", _SVG_UNNEEDED_ATTRIBUTES.sub("", svg))
    svg = _SVG_LONG_DECIMAL.sub(r"\1", svg.replace(font, ""))
    return svg.replace(' class="marks"', f' class="marks nep-chart-static" aria-hidden="true"'
                       f' focusable="false"{font}', 1)


# A chart as nep.Figure writes it, whole; and the data and sources it carries for its files.
_FIGURE = re.compile(r'<figure class="nep-chart"[^>]*>.*?</figure>', re.S)
_FILES_DATA = re.compile(r'<script type="application/json" class="nep-chart-data">(.*?)</script>', re.S)
FILES_PLACEHOLDER = '<span class="nep-chart-files"></span>'


def static_charts(body: str, files=None, findings: list | None = None) -> str:
    """Every chart of a page's body with its SVG inside its view, ready before any script,
    and its spec compiled to Vega: the spec the interactive view draws is the one the SVG
    was drawn from.

    With ``files`` (a ``nep_chart_files.PageFiles``), each chart's data, sources and SVG are
    written as files and linked under it, and leave the page; ``findings`` gets what the
    chart checks (``nep_chart_checks``) find in each chart, naming it.
    """
    def figure(match) -> str:
        html = match.group(0)
        data = _FILES_DATA.search(html)
        html = _FILES_DATA.sub("", html)
        view = _CHART_VIEW.search(html)
        if view is None:
            return html
        page_spec, svg, drawn, problems = _fitted_page_chart(view.group(3))
        html = (html[:view.start()] + view.group(1) + svg + "</div>" + view.group(2) + page_spec
                + view.group(4) + html[view.end():])
        # The caption's width is the chart's (nep.css: CHART_MAX_WIDTH unless the figure says).
        width = _SVG_WIDTH.search(svg).group(1)
        if float(width) != CHART_MAX_WIDTH:
            html = html.replace('<figure class="nep-chart"', f'<figure class="nep-chart" style="--nep-chart-width:{width}px"', 1)
        if files is not None and data is not None:
            html = html.replace(FILES_PLACEHOLDER, files.write(json.loads(data.group(1)), drawn), 1)
        if findings is not None and problems:
            title = json.loads(view.group(3)).get("title")
            title = " ".join(_title_lines(title.get("text") if isinstance(title, dict) else title))
            findings.append(nep_chart_checks.finding(getattr(files, "page", "?"), title, list(problems)))
        return html
    return _FIGURE.sub(figure, body)


def _title_lines(title) -> list[str]:
    return [str(line) for line in title] if isinstance(title, list) else [str(title)]


def page_vega(spec: dict) -> dict:
    """The Vega spec the page's interactive view draws: the chart compiled, less what the
    book serves once (the house theme's config, light and dark) and Vega's $schema.

    Light and dark must differ in their config alone, and the config must be the book's:
    otherwise the chart could not be drawn from the book's one config file.
    """
    drawn = {theme: _compiled(spec, theme) for theme in THEMES}
    configs = {theme: compiled.pop("config", None) for theme, compiled in drawn.items()}
    if configs != vega_configs() or drawn["light"] != drawn["dark"]:
        title = spec.get("title")
        raise ValueError(f"chart {title!r}: its Vega config is not the book's house theme "
                         "(set the chart's style in nep.charts._theme, not in the chart)")
    drawn["light"].pop("$schema", None)
    return drawn["light"]


def _without_unused_fields(vega: dict) -> dict:
    """The Vega spec with its rows less the fields nothing else in it names: the page
    carries what its view draws; the chart's data file carries every field."""
    data = vega.get("data", [])
    rest = json.dumps({**vega, "data": [{key: value for key, value in part.items() if key != "values"}
                                        for part in data]})
    for part in data:
        rows = part.get("values")
        if isinstance(rows, list) and all(isinstance(row, dict) for row in rows):
            part["values"] = [{field: value for field, value in row.items() if field in rest} for row in rows]
    return vega


@functools.lru_cache(maxsize=None)
def _fitted_page_chart(page_spec: str) -> tuple[str, str, str, tuple[str, ...]]:
    """fitted_chart for a spec as the page holds it, once per build (the worksheet repeats
    charts): the Vega spec of the view, its SVG for the page and as Vega drew it, and what
    the chart checks find in it."""
    spec, drawn = _fitted(json.loads(page_spec))
    vega = json.dumps(_without_unused_fields(page_vega(spec)), separators=(",", ":"))
    problems = nep_chart_checks.chart_problems(spec, _compiled(spec))
    return vega.replace("</", "<\\/"), _lighter_svg(drawn), drawn, tuple(problems)
