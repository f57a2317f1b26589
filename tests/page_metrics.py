"""What a reader meets on a built page, measured in the browser: the lines of code shown
unfolded, and the page's own weight. Used by the browser tests and by a quick report:

    .venv/bin/python tests/page_metrics.py [_build/html]

prints, for every page, its unfolded code lines and its own HTML size.
"""

from __future__ import annotations

from pathlib import Path

# Lines of code a reader sees without opening anything: code cells' inputs that are
# rendered (not removed, and not inside a closed <details> such as myst-nb's
# "hide-input" fold, and not in a collapsed solution: the toggle hides it with CSS,
# and a hidden block's innerText is empty), and code blocks in the prose.
VISIBLE_CODE_LINES = """() => {
  const count = (selector) => [...document.querySelectorAll(selector)]
    .filter((pre) => pre.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
      && pre.innerText.trim() !== '')
    .reduce((sum, pre) => sum + pre.innerText.replace(/\\n+$/, '').split('\\n').length, 0);
  return {
    cells: count('article div.cell_input pre'),
    blocks: count('article div[class^="highlight-"]:not(.cell_input *):not(.cell_output *) pre'),
  };
}"""

# Budget for one page's own HTML (shared CSS, JavaScript and fonts are counted once
# for the whole book, not per page).
PAGE_BYTES_LIMIT = 150_000
# Code a reader may see unfolded on a page: imports, and no more.
VISIBLE_CODE_LIMIT = 4


def visible_code_lines(page) -> dict[str, int]:
    """Unfolded code lines on an open Playwright page: {"cells": ..., "blocks": ...}."""
    for _ in range(3):
        try:
            return page.evaluate(VISIBLE_CODE_LINES)
        except Exception as error:  # index.html redirects to the opening page
            if "navigation" not in str(error):
                raise
            page.wait_for_load_state("load")
    return page.evaluate(VISIBLE_CODE_LINES)


def html_pages(html: Path) -> list[str]:
    """Every page of the built book, relative to the HTML root."""
    return ["index.html"] + [f"book/{page.name}" for page in sorted((html / "book").glob("*.html"))]


def own_bytes(html: Path, path: str) -> int:
    return (html / path).stat().st_size


def measure(html: Path) -> list[tuple[str, int, int, int]]:
    """(page, unfolded lines of code in cells, lines in prose code blocks, own bytes) per page."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site)
                       else route.abort())
            for path in html_pages(html):
                page.goto(site + path, wait_until="load")
                lines = visible_code_lines(page)
                rows.append((path, lines["cells"], lines["blocks"], own_bytes(html, path)))
            browser.close()
    finally:
        server.shutdown()
    return rows


if __name__ == "__main__":
    import sys

    root = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    print(f"{'page':28} {'code lines':>10} {'prose code':>10} {'own KB':>8}")
    for path, cells, blocks, size in measure(root):
        print(f"{path:28} {cells:>10} {blocks:>10} {size / 1000:>8.1f}")
