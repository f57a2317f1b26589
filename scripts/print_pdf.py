"""Print a built HTML page to PDF in Debian's Chromium, after every chart is drawn.

Usage: python scripts/print_pdf.py PAGE.html OUTPUT.pdf [DOCNAME=OUTPUT.pdf ...]

Each DOCNAME=OUTPUT.pdf prints one chapter of a single-page build on its own (for
example book/21_worksheet=_build/pdf/nep-worksheet.pdf), in the same Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ALL_DRAWN = "[...document.querySelectorAll('figure.nep-chart')].every(f => f.dataset.drawn === 'true')"


# Keep only one chapter of the single page (Sphinx marks where each chapter starts),
# in the theme's article, without the book's navigation around it.
ONLY_CHAPTER = """docname => {
  const start = document.getElementById('document-' + docname);
  if (!start) { return false; }
  const article = document.createElement('article');
  article.className = 'bd-article';
  article.append(start.nextElementSibling);
  const main = document.createElement('main');
  main.className = 'bd-main';
  main.append(article);
  document.body.replaceChildren(main);
  return true;
}"""


def print_with(browser, page_path: Path, output: Path, chapter: str | None = None) -> int:
    """Print ``page_path`` (or only its ``chapter``, a docname such as ``book/21_worksheet``)
    to ``output`` in a running Chromium; returns the charts drawn."""
    output.parent.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    # Nothing outside the book is fetched, even for print.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
               else route.abort())
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    if chapter is not None and not page.evaluate(ONLY_CHAPTER, chapter):
        page.close()
        raise ValueError(f"{page_path} has no chapter {chapter!r}")
    page.wait_for_function(ALL_DRAWN, timeout=60000)
    charts = page.locator("figure.nep-chart").count()
    page.emulate_media(media="print")
    page.pdf(path=str(output), format="A4", print_background=True,
             margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    page.close()
    print(f"{output}: {charts} charts drawn, {output.stat().st_size / 1e6:.1f} MB")
    return charts


def print_pdf(page_path: Path, output: Path, chapters: dict[str, Path] | None = None) -> int:
    """Start Debian's Chromium and print ``page_path`` to ``output``, then each of
    ``chapters`` (docname: output) on its own."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        try:
            charts = print_with(browser, page_path, output)
            for docname, chapter_output in (chapters or {}).items():
                print_with(browser, page_path, chapter_output, docname)
            return charts
        finally:
            browser.close()


if __name__ == "__main__":
    parts = dict(argument.split("=", 1) for argument in sys.argv[3:])
    print_pdf(Path(sys.argv[1]), Path(sys.argv[2]), {name: Path(path) for name, path in parts.items()})
