"""Sphinx extension of the book: serves the chart JavaScript from the book itself.

The Vega, Vega-Lite and vega-embed bundle comes from the ``vl-convert-python``
package and is written into the build's ``_static/`` at build time, so it is a
pinned dependency rather than committed code, and no page loads it from a CDN.
"""

from __future__ import annotations

from pathlib import Path

BUNDLE = "vega-bundle.js"
VEGALITE_VERSION = "5.20"  # the Vega-Lite version Altair 5.5 writes


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


def setup(app):
    app.connect("builder-inited", _builder_inited)
    # Deferred scripts run in order once the page is parsed: the bundle, then the renderer.
    app.add_js_file(BUNDLE, loading_method="defer")
    app.add_js_file("nep-charts.js", loading_method="defer")
    app.add_css_file("nep.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
