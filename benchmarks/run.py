"""Measure the book: build times, notebook run times, page weight and chart drawing time.

Prints tables; asserts nothing. Run from the repository root with the project's
environment:  .venv/bin/python benchmarks/run.py [--runs 3]

Each time is the median of --runs runs. Page figures come from Debian's Chromium
(/usr/bin/chromium) loading the built book from a loopback server.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "book"))

from conftest import BOOK, chapter_files  # noqa: E402

JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
SHARED_BUNDLE = "vega-bundle.js"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def build(output: Path) -> None:
    subprocess.run([JUPYTER_BOOK, "build", str(ROOT), "-W", "-n", "--keep-going",
                    "--path-output", str(output)], check=True, capture_output=True)


def build_times(runs: int) -> tuple[list[float], list[float], Path]:
    clean, cached = [], []
    keep = Path(tempfile.mkdtemp(prefix="nep-bench-"))
    prose_page = BOOK / "reading.md"
    for _ in range(runs):
        shutil.rmtree(keep, ignore_errors=True)
        clean.append(timed(lambda: build(keep)))
        prose_page.touch()  # one prose page edited: the rest comes from the caches
        cached.append(timed(lambda: build(keep)))
    return clean, cached, keep / "_build" / "html"


def notebook_times(runs: int) -> dict[str, list[float]]:
    import jupytext
    from nbclient import NotebookClient

    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for path in chapter_files():
            notebook = jupytext.read(path)
            client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                                    resources={"metadata": {"path": str(BOOK)}})
            times.setdefault(path.stem, []).append(timed(client.execute))
    return times


def page_figures(html: Path, runs: int) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = ["index.html"] + [f"book/{p.name}" for p in sorted((html / "book").glob("*.html"))]
    results: dict[str, dict[str, list[float]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(runs):
            for path in pages:
                context = browser.new_context()  # a cold cache for every load
                page = context.new_page()
                sizes = {"page": 0, "shared": 0}

                def count(response, sizes=sizes):
                    body = len(response.body()) if response.ok else 0
                    sizes["shared" if response.url.endswith(SHARED_BUNDLE) else "page"] += body

                page.on("response", count)
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site)
                           else route.abort())
                page.goto(site + path, wait_until="load")
                page.wait_for_function("[...document.querySelectorAll('figure.nep-chart')]"
                                       ".every(f => f.dataset.drawn)", timeout=30000)
                # When the last chart of the page was drawn, in ms after navigation began.
                drawn_ms = page.evaluate("Math.max(0, ...[...document.querySelectorAll('figure.nep-chart')]"
                                         ".map(f => Number(f.dataset.drawnAt || 0)))")
                charts = page.locator("figure.nep-chart").count()
                entry = results.setdefault(path, {"kb": [], "shared_kb": [], "ms": [], "charts": []})
                entry["kb"].append(sizes["page"] / 1000)
                entry["shared_kb"].append(sizes["shared"] / 1000)
                entry["ms"].append(drawn_ms)
                entry["charts"].append(charts)
                context.close()
        browser.close()
    server.shutdown()
    return {path: {key: statistics.median(values) for key, values in entry.items()}
            for path, entry in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    runs = parser.parse_args().runs

    clean, cached, html = build_times(runs)
    notebooks = notebook_times(runs)
    execute_all = statistics.median([sum(run) for run in zip(*notebooks.values())])
    clean_s, cached_s = statistics.median(clean), statistics.median(cached)

    print(f"\nBuild ({runs} runs, median)")
    print(f"  clean build                      {clean_s:8.1f} s")
    print(f"  rebuild after one prose page     {cached_s:8.1f} s   ({cached_s / clean_s:.0%} of clean)")
    print(f"  all notebooks executed directly  {execute_all:8.1f} s   (clean build = {clean_s / execute_all:.2f} x)")

    print("\nNotebooks, fresh kernel from book/ (median s)")
    for name, values in notebooks.items():
        print(f"  {name:<20} {statistics.median(values):6.2f}")

    figures = page_figures(html, runs)
    print("\nPages (median): transferred besides the shared Vega bundle, and charts drawn after")
    print(f"  {'page':<28}{'KB':>8}{'charts':>8}{'drawn ms':>10}")
    for path, entry in figures.items():
        print(f"  {path:<28}{entry['kb']:8.1f}{entry['charts']:8.0f}{entry['ms']:10.0f}")
    shared = max(entry["shared_kb"] for entry in figures.values())
    heaviest = max(figures.items(), key=lambda item: item[1]["kb"])
    slowest = max(figures.items(), key=lambda item: item[1]["ms"])
    print(f"\n  shared Vega bundle (fetched once, then cached): {shared:.0f} KB")
    print(f"  heaviest page: {heaviest[0]} {heaviest[1]['kb']:.1f} KB; "
          f"slowest to draw: {slowest[0]} {slowest[1]['ms']:.0f} ms")
    shutil.rmtree(html.parent.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
