"""Sphinx extension of the book: serves the chart JavaScript from the book itself.

The Vega, Vega-Lite and vega-embed bundle comes from the ``vl-convert-python``
package and is written into the build's ``_static/`` at build time, so it is a
pinned dependency rather than committed code, and no page loads it from a CDN.
"""

from __future__ import annotations

import os
from pathlib import Path

BUNDLE = "vega-bundle.js"
# Vega-Lite 6 compiles the Vega-Lite 5 specs Altair 5.5 writes, for the Vega 6 that
# vl-convert bundles (a Vega-Lite 5 compiler would target Vega 5 and warn on every chart).
VEGALITE_VERSION = "6.4"


def _write_bundle(app) -> None:
    import vl_convert

    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    target = static / BUNDLE
    stamp = static / (BUNDLE + ".version")
    version = f"{vl_convert.get_vega_embed_version()} vl{VEGALITE_VERSION}"
    if target.is_file() and stamp.is_file() and stamp.read_text() == version:
        return
    target.write_text(vl_convert.javascript_bundle(vl_version=VEGALITE_VERSION), encoding="utf-8")
    stamp.write_text(version)


def _builder_inited(app) -> None:
    if app.builder.format == "html":
        _write_bundle(app)


def _tidy_page(app, pagename, templatename, context, doctree) -> None:
    """Two fixes to what other extensions put on every page.

    - Leave out sphinx-thebe, which Jupyter Book always adds: the book has no live
      code cells, and thebe's inline script is added twice (a page error) and names a
      CDN. Launch buttons (Binder) do not need it.
    - Docutils marks the bibliography ``role="list"`` although its entries are
      ``doc-biblioentry``, not list items: an ARIA error for screen readers.
    """
    if "body" in context:
        context["body"] = context["body"].replace(
            '<div role="list" class="citation-list">', '<div class="citation-list">')

    def keep(asset) -> bool:
        name = str(getattr(asset, "filename", asset) or "")
        body = getattr(asset, "attributes", {}).get("body", "")
        return "thebe" not in name and "THEBE" not in body

    context["script_files"] = [asset for asset in context.get("script_files", []) if keep(asset)]
    context["css_files"] = [asset for asset in context.get("css_files", []) if keep(asset)]


def setup(app):
    # Notebook kernels inherit this: charts then skip the Vega-Lite output that only
    # JupyterLab uses (the book draws the HTML output with its own bundle).
    os.environ["NEP_BOOK_BUILD"] = "1"
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _tidy_page)
    # Module and deferred scripts run in document order once the page is parsed: the
    # bundle (an ES module, so its names stay out of the page's global scope), then the renderer.
    app.add_js_file(BUNDLE, type="module")
    app.add_js_file("nep-charts.js", loading_method="defer")
    app.add_css_file("nep.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
