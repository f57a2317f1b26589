"""Sphinx extension of the book: its PDFs, printed into the built site.

Once the HTML build has finished, Debian's Chromium (driven by Playwright) opens the
built pages themselves, waits until every chart on them is drawn, and prints them into
``_static/``: the teachers' worksheet and answer key, each on its own, and the whole
book in one document. The charts are SVG, so they are vector graphics in the PDFs. The
teachers' page links the files with plain HTML links (they do not exist yet when Sphinx
writes that page); the tests check that each link finds its file.

A PDF is printed again only when a page it is made of has changed since.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

# File name in _static/: the chapter it prints, by name (None: every page of the book), and
# the version of the page it prints (the worksheet's three, which its style sheet selects).
PDFS = {"nep-worksheet.pdf": ("worksheet", "standard"),
        "nep-worksheet-support.pdf": ("worksheet", "support"),
        "nep-worksheet-extension.pdf": ("worksheet", "extension"),
        "nep-answer-key.pdf": ("answer_key", None),
        "nep-industry-recovery.pdf": (None, None)}

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# A chart is drawn once the book's renderer says so; a chart that failed stops the wait.
CHARTS_STATE = """() => {
  // The interactive views are built on demand: ask for every one, then wait for them.
  if (window.nepCharts) window.nepCharts.drawAll();
  const figures = [...document.querySelectorAll('figure.nep-chart')];
  if (figures.some(f => f.dataset.drawn === 'error')) { return 'error'; }
  return figures.every(f => f.dataset.drawn === 'true') ? {drawn: figures.length} : false;
}"""

# A printed link to another page of the book would point at this machine's files: such
# links become plain text. Links within the document and to the web stay.
PRINTABLE_LINKS = """() => {
  for (const link of document.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href');
    if (!href.startsWith('#') && !/^[a-z]+:/.test(href)) { link.removeAttribute('href'); }
  }
}"""

# The theme prints a page's own table of contents above it: for a worksheet that is clutter.
WITHOUT_PRINT_CONTENTS = "() => document.querySelectorAll('#jb-print-toc').forEach(e => e.remove())"

ARTICLE = re.compile(r'(<article class="bd-article">)(.*?)(</article>)', re.S)
PRINT_HEADER = re.compile(r'<div id="jb-print-docs-body" class="onlyprint">.*?\n</div>\n', re.S)
# What paper needs beyond the theme's print style: code wraps rather than being cut at
# the margin, a link made plain text looks like text, and the folded code's "Show code
# cell source" buttons, which paper cannot press, are left out. In the whole book each
# chapter starts a page under its own title, which the theme hides in print (it prints a
# page's title once, above the page).
PRINT_STYLE = """
@media print {
  .bd-content pre { white-space: pre-wrap; overflow: visible; }
  details.hide.above-input { display: none; }
  a:not([href]) { color: inherit; text-decoration: none; }
  .bd-main .bd-content .bd-article .nep-print-chapter > section > h1 { display: block; }
  .nep-print-chapter + .nep-print-chapter { break-before: page; }
}"""


def book_page(outdir: Path, docnames: list[str]) -> Path:
    """One HTML page holding every chapter's article, in order, beside the built pages
    (so that its links to _static/ work); the first chapter's page is its frame, and
    its title the book's."""
    first = (outdir / f"{docnames[0]}.html").read_text(encoding="utf-8")
    articles = []
    for docname in docnames:
        page = (outdir / f"{docname}.html").read_text(encoding="utf-8")
        match = ARTICLE.search(page)
        if match is None:
            raise ValueError(f"{docname}.html has no article")
        articles.append(f'<div class="nep-print-chapter">{match.group(2)}</div>')
    page = PRINT_HEADER.sub("", first, count=1)
    page = ARTICLE.sub(lambda match: match.group(1) + "\n".join(articles) + match.group(3), page, count=1)
    target = outdir / Path(docnames[0]).parent / "_nep-print-book.html"
    target.write_text(page, encoding="utf-8")
    return target


def chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        raise FileNotFoundError("Debian's chromium is not installed (bash scripts/build.sh installs it)")
    return path


def print_page(browser, page_path: Path, output: Path, *, contents: bool = True, version: str | None = None) -> int:
    """Print one HTML file in a running Chromium once every chart is drawn; returns the charts."""
    page = browser.new_page()
    try:
        # Nothing outside the book is fetched, even for print.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                   else route.abort())
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        state = page.wait_for_function(CHARTS_STATE, timeout=120_000).json_value()
        if state == "error":
            raise RuntimeError(f"a chart of {page_path.name} failed to draw")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.evaluate(PRINTABLE_LINKS)
        page.add_style_tag(content=PRINT_STYLE)
        if not contents:
            page.evaluate(WITHOUT_PRINT_CONTENTS)
        if version:
            page.evaluate("(version) => { document.documentElement.dataset.nepVersion = version; }", version)
        page.emulate_media(media="print")
        output.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(output), format="A4", print_background=True,
                 margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
        return state["drawn"]
    finally:
        page.close()


def stale(output: Path, sources: list[Path]) -> bool:
    return not output.is_file() or any(path.stat().st_mtime > output.stat().st_mtime for path in sources)


def print_site(outdir: Path, docnames: list[str], log=print, force: bool = False) -> dict[str, int]:
    """Print every PDF of PDFS into ``outdir/_static``; returns the charts drawn in each printed."""
    from playwright.sync_api import sync_playwright

    static = outdir / "_static"
    # The chart renderer and the book's style change the print too (Sphinx copies them
    # only when they change).
    renderer = [path for path in (static / "nep-charts.js", static / "nep.css") if path.is_file()]
    # The chapters by name (their files are numbered); book/ is on the path, where
    # nep_build put it for the chapters' own imports.
    from nep import pages as chapters

    jobs = {}
    for name, (chapter, version) in PDFS.items():
        pages = docnames if chapter is None else [f"book/{chapters.page(chapter)}"]
        if force or stale(static / name, [outdir / f"{page}.html" for page in pages] + renderer):
            jobs[name] = pages, version
    drawn = {}
    if not jobs:
        return drawn
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            for name, (pages, version) in jobs.items():
                start = time.perf_counter()
                if len(pages) == 1:
                    drawn[name] = print_page(browser, outdir / f"{pages[0]}.html", static / name, contents=False,
                                             version=version)
                else:
                    combined = book_page(outdir, pages)
                    try:
                        drawn[name] = print_page(browser, combined, static / name)
                    finally:
                        combined.unlink()
                log(f"{name}: {drawn[name]} charts drawn, {(static / name).stat().st_size / 1e6:.1f} MB, "
                    f"printed in {time.perf_counter() - start:.1f} s")
        finally:
            browser.close()
    return drawn


def reading_order(env, root: str) -> list[str]:
    """Every docname of the book in the order of its table of contents."""
    order = []

    def visit(docname: str) -> None:
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(root)
    return order


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.name != "html":
        return
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    try:
        print_site(Path(app.outdir), reading_order(app.env, app.config.root_doc), log=logger.info)
        add_to_classroom_zip(Path(app.outdir) / "_static")
    except Exception as error:  # noqa: BLE001 - any failure to print is one warning of the build
        logger.warning(f"the book's PDFs were not printed: {error}", type="nep", subtype="pdf")


def add_to_classroom_zip(static: Path) -> None:
    """The PDFs into the classroom zip, which nep_build wrote before they were printed,
    where the zipped teachers' page links them (``pdf/``)."""
    import zipfile

    from nep_build import CLASSROOM_FOLDER, CLASSROOM_ZIP
    from nep_markdown import ZIP_PDF_FOLDER

    with zipfile.ZipFile(static / CLASSROOM_ZIP, "a", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name in PDFS:
            bundle.write(static / name, f"{CLASSROOM_FOLDER}/{ZIP_PDF_FOLDER}/{name}")


def setup(app):
    # After the other extensions' build-finished handlers (priority 500): the site is complete.
    app.connect("build-finished", _build_finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

