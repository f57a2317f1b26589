"""Print a built HTML page to PDF in Debian's Chromium, after every chart is drawn.

Usage: python scripts/print_pdf.py PAGE.html OUTPUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ALL_DRAWN = "[...document.querySelectorAll('figure.nep-chart')].every(f => f.dataset.drawn === 'true')"


def print_with(browser, page_path: Path, output: Path) -> int:
    """Print ``page_path`` to ``output`` in a running Chromium; returns the charts drawn."""
    output.parent.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    # Nothing outside the book is fetched, even for print.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
               else route.abort())
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    page.wait_for_function(ALL_DRAWN, timeout=60000)
    charts = page.locator("figure.nep-chart").count()
    page.emulate_media(media="print")
    page.pdf(path=str(output), format="A4", print_background=True,
             margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    page.close()
    print(f"{output}: {charts} charts drawn, {output.stat().st_size / 1e6:.1f} MB")
    return charts


def print_pdf(page_path: Path, output: Path) -> int:
    """Start Debian's Chromium and print ``page_path`` to ``output``."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        try:
            return print_with(browser, page_path, output)
        finally:
            browser.close()


if __name__ == "__main__":
    print_pdf(Path(sys.argv[1]), Path(sys.argv[2]))
