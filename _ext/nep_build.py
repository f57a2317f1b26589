"""Sphinx extension of the book: what the built HTML serves besides the pages.

- Every chart is compiled to Vega, fitted to a phone and drawn to SVG into its page, and
  Vega is served from ``_static/`` (``nep_page_charts``).
- Every chapter is also offered as a Jupyter notebook (``.ipynb``, converted with
  jupytext) in the page's download menu, for services that cannot open MyST files.
  It carries the outputs of the build's own run, so its charts show on opening, and
  the value of each prose number where jupyterlab-myst looks for it, so the numbers do too.
- One zip holds everything a classroom needs to run the chapters anywhere, offline
  (``nep_classroom``): a README, the requirements, the notebooks in plain Markdown, the
  solutions in ``teacher/``, the helper modules, ``data/`` and ``seeds/`` side by side.
- The pages leave out the theme's 1.5 MB icon script (``_templates/layout.html``): the
  icons they use are written, from the same icon set, into one small stylesheet.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from pathlib import Path

import nep_chart_checks
from nep_chart_files import PageFiles
from nep_classroom import write_zip
from nep_icons import ICONS_CSS, write_icons
from nep_page_charts import static_charts, write_bundle, write_chart_config

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


def _with_outputs(path: Path, executed_dir: Path | None = None):
    """The chapter as a notebook with the outputs of the build's run, and its prose values
    (none if the build has not run it)."""
    import jupytext

    notebook = jupytext.read(path)
    executed_file = executed_dir / "book" / f"{path.stem}.ipynb" if executed_dir else None
    if executed_file is None or not executed_file.is_file():
        return notebook, None
    import nbformat

    executed = nbformat.read(executed_file, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    ran = [cell for cell in executed.cells if cell.cell_type == "code"]
    if [cell.source for cell in code] != [cell.source for cell in ran]:
        raise RuntimeError(f"{executed_file} does not match {path}: rebuild the book")
    for cell, result in zip(code, ran):
        cell.outputs = _jupyter_outputs(result.get("outputs", []))
        cell.execution_count = result.get("execution_count")
    notebook.metadata["language_info"] = executed.metadata.get("language_info", {"name": "python"})
    return notebook, _prose_values(executed_file.with_suffix(".glue.json"))


def _as_ipynb(path: Path, executed_dir: Path | None = None) -> str:
    """The chapter as a notebook, with the outputs and prose numbers of the build's run."""
    import jupytext

    notebook, values = _with_outputs(path, executed_dir)
    for cell in notebook.cells if values is not None else []:
        names = dict(PROSE_ROLE.findall(cell.source)) if cell.cell_type == "markdown" else {}
        if names:
            cell.metadata[USER_EXPRESSIONS] = [
                {"expression": expression,
                 "result": {"status": "ok", "data": {"text/plain": values[name]}, "metadata": {}}}
                for expression, name in names.items()]
    return jupytext.writes(notebook, fmt="ipynb")


def _write_classroom_zip(app) -> None:
    """The classroom's folder in one zip (``nep_classroom``): unzip, install, open, run."""
    from nep.citations import bibliography

    target = Path(app.outdir) / "_static" / CLASSROOM_ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    chapters = []
    for chapter in _chapters(app):
        notebook, values = _with_outputs(chapter, _executed_dir(app))
        if values is None:
            raise RuntimeError(f"{chapter.name} has not run in this build: the zip needs its outputs")
        chapters.append((chapter, notebook, values))
    write_zip(target, CLASSROOM_FOLDER, chapters, package_files(), BOOK, bibliography())


def _builder_inited(app) -> None:
    if app.builder.format == "html":
        write_bundle(app)
        write_chart_config(app)


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


def _add_templates(app, config) -> None:
    """The book's page template (_ext/_templates/layout.html) before the theme's own."""
    config.templates_path = [str(Path(__file__).parent / "_templates"), *config.templates_path]


SPHINX_DESIGN_FILES = ("sphinx-design.min.css", "design-tabs.js")


def _tidy_page(app, pagename, templatename, context, doctree) -> None:
    """Fixes to what other extensions put on every page.

    - Leave out sphinx-thebe, which Jupyter Book always adds: the book has no live
      code cells, and thebe's inline script is added twice (a page error) and names a
      CDN. Launch buttons (Binder) do not need it.
    - Docutils marks the bibliography ``role="list"`` and its entries
      ``doc-biblioentry``, a role deprecated and not allowed on them: they become list
      items, as the list's role says.
    - Code cells lose the spans that draw text in its own colour (``_lighter_code``).
    - Each chart gets its SVG, drawn now (``nep_page_charts.static_charts``), and links to
      its data, sources and picture, written now as files (``nep_chart_files``); what the
      chart checks find is kept for the build's end (``nep_chart_checks``).
    - sphinx-design's files (Jupyter Book always adds the extension) only where a page
      uses it: 11 KB less on the wire.
    - No script file holds up the first paint: they are deferred (``_deferred``). The
      stylesheets stay as they are: each one a page loads later would move what the
      reader already sees (the toggled cells, the copy buttons, the exercise boxes).
    """
    if "body" in context:
        findings = []
        files = PageFiles(app.outdir, pagename, context.get("title"))
        context["body"] = static_charts(_lighter_code(context["body"].replace(
            'role="doc-biblioentry"', 'role="listitem"')), files, findings)
        nep_chart_checks.record(app, pagename, findings)

    # sphinx-design's stylesheet and script, where a page uses none of its components.
    unused = () if re.search(r'class="(?:[^"]* )?sd-', context.get("body", "")) else SPHINX_DESIGN_FILES

    def keep(asset) -> bool:
        name = str(getattr(asset, "filename", asset) or "")
        body = getattr(asset, "attributes", {}).get("body", "")
        return ("thebe" not in name and "THEBE" not in body
                and not any(name.split("?")[0].endswith(file) for file in unused))

    # The search page's own scripts, which the theme puts after these, run at once and
    # need them: there, scripts keep their order as the theme gives it.
    defer = _deferred if pagename != "search" else (lambda asset: asset)
    context["script_files"] = [defer(asset) for asset in context.get("script_files", []) if keep(asset)]
    context["css_files"] = [asset for asset in context.get("css_files", []) if keep(asset)]


def _deferred(asset):
    """A script file run once the page is parsed (in order), not while it is: the page's
    scripts wait for the document anyway, and none of the inline ones calls them."""
    attributes = getattr(asset, "attributes", None)
    if attributes is None or not getattr(asset, "filename", None) or \
            {"async", "defer"} & set(attributes) or attributes.get("body"):
        return asset
    return type(asset)(asset.filename, priority=asset.priority, **attributes, defer="defer")


DESCRIPTION_LIMIT = 160


def page_description(doctree) -> str | None:
    """The page's opening sentence or sentences, for search engines and link previews: its
    first paragraph of prose, cut at a word before ``DESCRIPTION_LIMIT`` characters."""
    from docutils import nodes

    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) < 40:
            continue
        if len(text) <= DESCRIPTION_LIMIT:
            return text
        return text[:DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return None


def _describe_page(app, pagename, templatename, context, doctree) -> None:
    """Each page's ``<meta name="description">``, from its opening paragraph."""
    from html import escape

    description = page_description(doctree) if doctree is not None else None
    if description:
        context["metatags"] = (context.get("metatags", "") +
                               f'\n<meta name="description" content="{escape(description)}" />')


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
    nep_chart_checks.setup(app)
    # Notebook kernels inherit this: charts then skip the Vega-Lite output that only
    # JupyterLab uses (the book draws the HTML output with its own bundle).
    os.environ["NEP_BOOK_BUILD"] = "1"
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _builder_inited)
    app.connect("build-finished", _build_finished)
    app.connect("source-read", _note_dependencies)
    app.connect("html-page-context", _tidy_page)
    app.connect("html-page-context", _describe_page)
    # Before the theme (priority 500) builds the download menu from the context.
    app.connect("html-page-context", _offer_notebook, priority=400)
    # The renderer loads the chart theme and the Vega bundle itself, on pages with charts,
    # when the reader first needs a chart's view: the charts' SVGs are on the page before.
    app.add_js_file("nep-charts.js", loading_method="defer")
    app.add_css_file("nep.css")
    app.add_css_file(ICONS_CSS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
