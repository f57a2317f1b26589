"""Sphinx extension of the book: what the built HTML serves besides the pages.

- Every chart is compiled from Vega-Lite to Vega at build time, so the site serves Vega
  alone (``_static/vega-bundle.js``): Vega's own browser build, a pinned dependency
  fetched with npm by ``scripts/env.sh`` rather than committed code, of the version
  ``vl-convert-python`` draws with. No page loads it from a CDN.
- Every chapter is also offered as a Jupyter notebook (``.ipynb``, converted with
  jupytext) in the page's download menu, for services that cannot open MyST files.
  It carries the outputs of the build's own run, so its charts show on opening, and
  the value of each prose number where jupyterlab-myst looks for it, so the numbers do too.
- One zip holds everything a classroom needs to run the chapters anywhere: the
  notebooks, the helper modules, ``data/`` and ``seeds/`` side by side.
- Every chart is drawn to SVG at build time and put in its page, so it shows at first
  paint, prints, and reads with JavaScript off; the Vega view takes over after load.
- The pages leave out the theme's 1.5 MB icon script (``_templates/layout.html``): the
  icons they use are written, from the same icon set, into one small stylesheet.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import sys
import zipfile
from pathlib import Path

from nep_icons import ICONS_CSS, write_icons

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


def _write_bundle(app) -> None:
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


def _drawn_config(config: dict) -> dict:
    """A chart's Vega-Lite config as the book draws it: its marks need no labels of their
    own (the figure's label describes the chart), which also keeps them out of the page."""
    return {**config, "aria": False}


def _compiled(spec: dict, theme: str = "light") -> dict:
    """A Vega-Lite spec compiled to Vega, light or dark (the dark theme of vega-themes,
    under the spec's own config, as vega-embed applied it)."""
    import vl_convert

    import nep

    spec = {**spec, "config": _drawn_config(spec.get("config", nep.charts._theme()["config"]))}
    return vl_convert.vegalite_to_vega(spec, vl_version=VEGALITE_VERSION,
                                       theme=None if theme == "light" else theme)


@functools.lru_cache(maxsize=None)
def vega_configs() -> dict[str, dict]:
    """The house theme compiled to Vega's config, light and dark. Vega-Lite writes its config
    into the Vega config whole, whatever the chart, so one compiled chart gives it."""
    point = {"mark": "point", "data": {"values": [{}]}}
    return {theme: _compiled(point, theme)["config"] for theme in THEMES}


def _write_chart_config(app) -> None:
    """The charts' house theme in Vega's terms, light and dark, once for the whole book:
    each page's specs leave it out."""
    target = Path(app.outdir) / "_static" / CHART_CONFIG
    target.parent.mkdir(parents=True, exist_ok=True)
    config = json.dumps(vega_configs(), indent=1)
    target.write_text(f"window.NEP_CHART_CONFIG = {config};\n", encoding="utf-8")


CLASSROOM_ZIP = "nep-industry-recovery-notebooks.zip"
CLASSROOM_FOLDER = "nep-industry-recovery"
# The chapters' folder, and the package beside them that they import (its modules and
# the lesson kit it reads for the teachers' page, the worksheet and the answer key).
BOOK = Path(__file__).resolve().parent.parent / "book"
PACKAGE = BOOK / "nep"
sys.path.insert(0, str(BOOK))


def package_files() -> list[Path]:
    """The helpers' package as the chapters import it: its modules and its data files."""
    return sorted(path for path in PACKAGE.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc")


def _chapters(app) -> list[Path]:
    """The MyST notebooks of the book: .md files in book/ with a jupytext header."""
    book = Path(app.srcdir) / "book"
    return sorted(path for path in book.glob("*.md")
                  if "jupytext:" in path.read_text(encoding="utf-8")[:400])


# A prose number as the chapters write it, and where jupyterlab-myst keeps the values
# it evaluated for a markdown cell (it shows them again when the notebook is opened).
PROSE_ROLE = re.compile(r"\{eval\}`(prose\.([A-Za-z][A-Za-z0-9_]*))`")
USER_EXPRESSIONS = "user_expressions"


def _executed_dir(app) -> Path:
    """Where myst-nb writes each chapter as it executed it (``jupyter_execute/``)."""
    return Path(app.outdir).parent / "jupyter_execute"


def _prose_values(glue_file: Path) -> dict[str, str]:
    """The prose numbers of one chapter, as nep.glue recorded them during the build."""
    values = {}
    if glue_file.is_file():
        for name, output in json.loads(glue_file.read_text(encoding="utf-8")).items():
            text = output["data"]["text/plain"]
            quoted = len(text) >= 2 and text[0] in "'\"" and text[0] == text[-1]
            values[name] = ast.literal_eval(text) if quoted else text
    return values


def _jupyter_outputs(outputs: list) -> list:
    """The build's outputs as JupyterLab draws them: a book chart becomes Vega-Lite and a caption."""
    import nbformat
    import nep

    converted = []
    for output in outputs:
        html = output.get("data", {}).get("text/html", "")
        if 'class="nep-chart"' not in html:
            converted.append(output)
            continue
        converted += [nbformat.v4.new_output("display_data", data=bundle)
                      for bundle in nep.jupyter_outputs(html)]
    return converted


def _as_ipynb(path: Path, executed_dir: Path | None = None) -> str:
    """The chapter as a notebook, with the outputs and prose numbers of the build's run."""
    import jupytext

    notebook = jupytext.read(path)
    executed_file = executed_dir / "book" / f"{path.stem}.ipynb" if executed_dir else None
    if executed_file is None or not executed_file.is_file():
        return jupytext.writes(notebook, fmt="ipynb")
    import nbformat

    executed = nbformat.read(executed_file, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    ran = [cell for cell in executed.cells if cell.cell_type == "code"]
    if [cell.source for cell in code] != [cell.source for cell in ran]:
        raise RuntimeError(f"{executed_file} does not match {path}: rebuild the book")
    for cell, result in zip(code, ran):
        cell.outputs = _jupyter_outputs(result.get("outputs", []))
        cell.execution_count = result.get("execution_count")
    values = _prose_values(executed_file.with_suffix(".glue.json"))
    for cell in notebook.cells:
        names = dict(PROSE_ROLE.findall(cell.source)) if cell.cell_type == "markdown" else {}
        if names:
            cell.metadata[USER_EXPRESSIONS] = [
                {"expression": expression,
                 "result": {"status": "ok", "data": {"text/plain": values[name]}, "metadata": {}}}
                for expression, name in names.items()]
    notebook.metadata["language_info"] = executed.metadata.get("language_info", {"name": "python"})
    return jupytext.writes(notebook, fmt="ipynb")


def _write_classroom_zip(app) -> None:
    """Notebooks, modules, data/ and seeds/ in one folder: unzip, open, run."""
    root = Path(app.srcdir)
    target = Path(app.outdir) / "_static" / CLASSROOM_ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for chapter in _chapters(app):
            bundle.writestr(f"{CLASSROOM_FOLDER}/{chapter.stem}.ipynb",
                            _as_ipynb(chapter, _executed_dir(app)))
        for path in package_files():
            bundle.write(path, f"{CLASSROOM_FOLDER}/{path.relative_to(BOOK).as_posix()}")
        for folder in ("data", "seeds"):
            for path in sorted((root / folder).iterdir()):
                bundle.write(path, f"{CLASSROOM_FOLDER}/{folder}/{path.name}")


def _builder_inited(app) -> None:
    if app.builder.format == "html":
        _write_bundle(app)
        _write_chart_config(app)


def _build_finished(app, exception) -> None:
    # After every chapter has run, so the notebooks carry the outputs of this build.
    if exception is None and app.builder.format == "html":
        _write_notebooks(app)
        _write_classroom_zip(app)
        write_icons(app)


def _note_dependencies(app, docname, source) -> None:
    """A chapter's output depends on the data, the source and the helper modules too.

    Sphinx then re-reads (and so re-executes) a chapter when any of them changes, not
    only when the chapter's own text does: no page shows stale figures after an edit.
    """
    root = Path(app.srcdir)
    if not (root / f"{docname}.md").is_file() or not docname.startswith("book/"):
        return
    for path in [*package_files(), *sorted((root / "data").iterdir()),
                 *sorted((root / "seeds").iterdir())]:
        app.env.note_dependency(str(path))


def _offer_notebook(app, pagename, templatename, context, doctree) -> None:
    """Offer the chapter's .ipynb in the theme's download menu (written when the build ends)."""
    source = Path(app.srcdir) / f"{pagename}.md"
    if doctree is None or not source.is_file() or source not in _chapters(app):
        return
    context["ipynb_source"] = f"{pagename}.ipynb"


# Pygments wraps every name and every bracket or comma of a code cell in a span whose
# colour the theme sets to the code's own text colour, in light and dark mode alike
# (tests/test_book.py checks the theme's stylesheet): unwrapped, they look the same and
# a chapter's folded code weighs about a third less.
PLAIN_TOKENS = ("n", "p")
_PLAIN_TOKEN = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(PLAIN_TOKENS))
_HIGHLIGHTED = re.compile(r'(<div class="highlight"><pre>)(.*?)(</pre>)', re.S)


def _lighter_code(body: str) -> str:
    return _HIGHLIGHTED.sub(
        lambda match: match.group(1) + _PLAIN_TOKEN.sub(r"\1", match.group(2)) + match.group(3), body)


def _write_notebooks(app) -> None:
    """Each chapter's .ipynb beside its source, where the download menu points.

    Written once every page is done: the theme copies the bare executed notebook there
    while it writes each page, and this replaces it with the one made for Jupyter.
    """
    for chapter in _chapters(app):
        target = Path(app.outdir) / "_sources" / "book" / f"{chapter.stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_as_ipynb(chapter, _executed_dir(app)), encoding="utf-8")


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
    import copy

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


def _labels_wrapped(spec: dict) -> dict:
    """The spec with long labels in lines: a legend's, and a category axis's. Rows of a set
    height share it among a label's lines; rows of a fixed step get the height of their
    longest label's lines (kept as they were, lines would overlap the next row's)."""
    import copy

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
        for part in [view, *view.get("layer", [])]:
            for channel, encoding in part.get("encoding", {}).items():
                if not isinstance(encoding, dict) or encoding.get("type") not in ("nominal", "ordinal"):
                    continue
                if channel in _LEGEND_CHANNELS and encoding.get("legend", {}) is not None:
                    encoding["legend"] = {**(encoding.get("legend") or {}), "labelExpr": WRAPPED_LABEL}
                if (channel == "y" and (rows_have_room or rows_step)
                        and encoding.get("axis", {}) is not None):
                    encoding["axis"] = {**(encoding.get("axis") or {}), "labelExpr": WRAPPED_LABEL}
                    lines = max(lines, _lines_of_labels(spec, encoding.get("field", "")))
        if rows_step and lines > 1:
            view["height"] = {"step": max(height["step"], lines * line_height + 4)}
    return wrapped


def _legends_in_column(spec: dict) -> dict:
    """The spec with each legend's entries one below the other (under a chart, Vega sets
    them side by side)."""
    import copy

    stacked = copy.deepcopy(spec)
    for view in _views_across(stacked):
        for part in [view, *view.get("layer", [])]:
            for channel, encoding in part.get("encoding", {}).items():
                if (channel in _LEGEND_CHANNELS and isinstance(encoding, dict)
                        and encoding.get("legend", {}) is not None):
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
    import copy

    spec = copy.deepcopy(spec)
    title = spec.get("title")
    lines = _in_two_lines(title.get("text") if isinstance(title, dict) else title)
    if lines:
        spec["title"] = {**title, "text": lines} if isinstance(title, dict) else lines
    for view in _views_across(spec):
        for part in [view, *view.get("layer", [])]:
            axis = part.get("encoding", {}).get("x")
            lines = _in_two_lines(axis.get("title")) if isinstance(axis, dict) else None
            if lines:
                axis["title"] = lines
    return spec


def fitted_chart(page_spec: dict) -> tuple[dict, str]:
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
    return spec, _lighter_svg(svg)


def _lighter_svg(svg: str) -> str:
    """The SVG as Vega drew it, less what draws nothing; the house font named once, at its root."""
    import nep

    font = f' font-family="{nep.charts._theme()["config"]["font"]}"'
    svg = _SVG_EMPTY_PATHS.sub("", _SVG_UNNEEDED_ATTRIBUTES.sub("", svg))
    svg = _SVG_LONG_DECIMAL.sub(r"\1", svg.replace(font, ""))
    return svg.replace(' class="marks"', f' class="marks nep-chart-static" aria-hidden="true"'
                       f' focusable="false"{font}', 1)


def _static_charts(body: str) -> str:
    """Every chart of a page's body with its SVG inside its view, ready before any script,
    and its spec compiled to Vega: the spec the interactive view draws is the one the SVG
    was drawn from."""
    def chart(match) -> str:
        page_spec, svg = _fitted_page_chart(match.group(3))
        return match.group(1) + svg + "</div>" + match.group(2) + page_spec + match.group(4)
    return _CHART_VIEW.sub(chart, body)


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


@functools.lru_cache(maxsize=None)
def _fitted_page_chart(page_spec: str) -> tuple[str, str]:
    """fitted_chart for a spec as the page holds it, once per build (the worksheet repeats
    charts): the Vega spec of the view, and its SVG."""
    spec, svg = fitted_chart(json.loads(page_spec))
    vega = json.dumps(page_vega(spec), separators=(",", ":"))
    return vega.replace("</", "<\\/"), svg


def _add_templates(app, config) -> None:
    """The book's page template (_ext/_templates/layout.html) before the theme's own."""
    config.templates_path = [str(Path(__file__).parent / "_templates"), *config.templates_path]


SPHINX_DESIGN_FILES = ("sphinx-design.min.css", "design-tabs.js")


def _tidy_page(app, pagename, templatename, context, doctree) -> None:
    """Fixes to what other extensions put on every page.

    - Leave out sphinx-thebe, which Jupyter Book always adds: the book has no live
      code cells, and thebe's inline script is added twice (a page error) and names a
      CDN. Launch buttons (Binder) do not need it.
    - Docutils marks the bibliography ``role="list"`` although its entries are
      ``doc-biblioentry``, not list items: an ARIA error for screen readers.
    - Code cells lose the spans that draw text in its own colour (``_lighter_code``).
    - Each chart gets its SVG, drawn now (``_static_charts``).
    - sphinx-design's files (Jupyter Book always adds the extension) only where a page
      uses it: 11 KB less on the wire.
    """
    if "body" in context:
        context["body"] = _static_charts(_lighter_code(context["body"].replace(
            '<div role="list" class="citation-list">', '<div class="citation-list">')))

    # sphinx-design's stylesheet and script, where a page uses none of its components.
    unused = () if re.search(r'class="(?:[^"]* )?sd-', context.get("body", "")) else SPHINX_DESIGN_FILES

    def keep(asset) -> bool:
        name = str(getattr(asset, "filename", asset) or "")
        body = getattr(asset, "attributes", {}).get("body", "")
        return ("thebe" not in name and "THEBE" not in body
                and not any(name.split("?")[0].endswith(file) for file in unused))

    context["script_files"] = [asset for asset in context.get("script_files", []) if keep(asset)]
    context["css_files"] = [asset for asset in context.get("css_files", []) if keep(asset)]


def encrypt_kernel_traffic() -> None:
    """Encrypt the traffic between the build and the chapters' kernels.

    ipykernel warns, once per kernel, that its TCP sockets carry code and outputs in
    plain text, and names two cures: IPC sockets, or CurveZMQ keys provisioned by the
    kernel manager. myst-nb starts kernels through nbclient, which reads no Jupyter
    config file, so the manager's policy is set here, in the build's own process:
    "auto" gives keys to every kernel whose kernelspec declares Curve support (ipykernel's
    does). IPC would be the other cure, but its socket paths are relative to the working
    directory, which differs between the build (the repository) and a kernel (book/).
    """
    import zmq
    from jupyter_client.manager import KernelManager

    if zmq.has("curve"):  # libzmq built with libsodium; without it TCP stays as it is
        KernelManager.class_traits()["transport_encryption"].default_value = "auto"


def setup(app):
    encrypt_kernel_traffic()
    # Notebook kernels inherit this: charts then skip the Vega-Lite output that only
    # JupyterLab uses (the book draws the HTML output with its own bundle).
    os.environ["NEP_BOOK_BUILD"] = "1"
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _builder_inited)
    app.connect("build-finished", _build_finished)
    app.connect("source-read", _note_dependencies)
    app.connect("html-page-context", _tidy_page)
    # Before the theme (priority 500) builds the download menu from the context.
    app.connect("html-page-context", _offer_notebook, priority=400)
    # The renderer loads the chart theme and the Vega bundle itself, on pages with charts,
    # once the page has loaded: the charts' SVGs are on the page before that.
    app.add_js_file("nep-charts.js", loading_method="defer")
    app.add_css_file("nep.css")
    app.add_css_file(ICONS_CSS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
