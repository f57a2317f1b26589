"""Measure the book: build times, notebook run times, page weight and chart drawing time.

Prints tables; asserts nothing. Run from the repository root with the project's
environment:  .venv/bin/python benchmarks/run.py [--runs 3]

Each time is the median of --runs runs. Page figures come from Debian's Chromium
(/usr/bin/chromium) loading the built book from a loopback server.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "book"))
sys.path.insert(0, str(ROOT / "_ext"))

from conftest import BOOK, chapter_files  # noqa: E402
from page_metrics import serve  # noqa: E402
from nep import pages  # noqa: E402

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
    prose_page = pages.chapter_file("reading")
    for _ in range(runs):
        shutil.rmtree(keep, ignore_errors=True)
        clean.append(timed(lambda: build(keep)))
        prose_page.touch()  # one prose page edited: the rest comes from the caches
        cached.append(timed(lambda: build(keep)))
    return clean, cached, keep / "_build" / "html"


def notebook_times(runs: int) -> dict[str, list[float]]:
    import jupytext
    from nbclient import NotebookClient

    import nep_build

    nep_build.encrypt_kernel_traffic()  # as in the build: no plain-TCP warning per kernel

    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for path in chapter_files():
            notebook = jupytext.read(path)
            client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                                    resources={"metadata": {"path": str(BOOK)}})
            times.setdefault(path.stem, []).append(timed(client.execute))
    return times


def page_figures(html: Path, runs: int) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Per page: its own bytes, and when its last chart was drawn, cold and warm.

    A file that more than one page loads (the theme's CSS, JavaScript and fonts, the
    search index, the Vega bundle) is fetched once and then cached, so it is counted
    once for the book, not per page. The loopback server sends files uncompressed:
    bytes are given as sent and as gzip would send them (as most static hosts do).
    """
    from playwright.sync_api import sync_playwright

    pages = ["index.html"] + [f"book/{p.name}" for p in sorted((html / "book").glob("*.html"))]
    results: dict[str, dict[str, list[float]]] = {}
    loaded: dict[str, dict[str, tuple[int, int]]] = {}  # page -> url -> (bytes, gzip bytes)
    last_drawn = ("Math.max(0, ...[...document.querySelectorAll('figure.nep-chart')]"
                  ".map(f => Number(f.dataset.drawnAt || 0)))")
    all_drawn = "[...document.querySelectorAll('figure.nep-chart')].every(f => f.dataset.drawn)"
    with serve(html) as site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(runs):
            for path in pages:
                context = browser.new_context()  # a cold cache for the first load
                page = context.new_page()
                files = loaded.setdefault(path, {})

                def count(response, files=files):
                    try:
                        body = response.body()
                    except Exception:  # a redirect page navigated away before its body was read
                        return
                    files[response.url.split("?")[0]] = (len(body), len(gzip.compress(body)))

                page.on("response", count)
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site)
                           else route.abort())
                page.goto(site + path, wait_until="load")
                page.wait_for_function(all_drawn, timeout=30000)
                cold = page.evaluate(last_drawn)
                page.reload(wait_until="load")  # a reader's next visit: shared files come from the cache
                page.wait_for_function(all_drawn, timeout=30000)
                warm = page.evaluate(last_drawn)
                entry = results.setdefault(path, {"cold_ms": [], "warm_ms": [], "charts": []})
                entry["cold_ms"].append(cold)
                entry["warm_ms"].append(warm)
                entry["charts"].append(page.locator("figure.nep-chart").count())
                context.close()
        browser.close()
    pages_per_url: dict[str, int] = {}
    for files in loaded.values():
        for url in files:
            pages_per_url[url] = pages_per_url.get(url, 0) + 1
    figures = {path: {key: statistics.median(values) for key, values in entry.items()}
               for path, entry in results.items()}
    shared_files: dict[str, tuple[int, int]] = {}
    for path, files in loaded.items():
        # The page's own HTML, and whatever no other page loads.
        own = [sizes for url, sizes in files.items() if url.endswith("/" + path) or pages_per_url[url] == 1]
        figures[path]["kb"] = sum(raw for raw, _ in own) / 1000
        figures[path]["gzip_kb"] = sum(packed for _, packed in own) / 1000
        shared_files.update({url: sizes for url, sizes in files.items()
                             if pages_per_url[url] > 1 and not url.endswith("/" + path)})
    bundle = [sizes for url, sizes in shared_files.items() if url.endswith(SHARED_BUNDLE)]
    return figures, {"bundle_kb": sum(raw for raw, _ in bundle) / 1000,
                     "bundle_gzip_kb": sum(packed for _, packed in bundle) / 1000,
                     "static_kb": sum(raw for raw, _ in shared_files.values()) / 1000,
                     "static_gzip_kb": sum(packed for _, packed in shared_files.values()) / 1000}


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

    figures, shared = page_figures(html, runs)
    print("\nPages (median): the page's own bytes, and when its last chart was drawn "
          "(ms after navigation began; cold cache, then a warm revisit)")
    print(f"  {'page':<28}{'own KB':>8}{'gzip KB':>9}{'charts':>8}{'cold ms':>9}{'warm ms':>9}")
    for path, entry in figures.items():
        print(f"  {path:<28}{entry['kb']:8.1f}{entry['gzip_kb']:9.1f}{entry['charts']:8.0f}"
              f"{entry['cold_ms']:9.0f}{entry['warm_ms']:9.0f}")
    heaviest = max(figures.items(), key=lambda item: item[1]["kb"])
    slowest = max(figures.items(), key=lambda item: item[1]["cold_ms"])
    print(f"\n  shared files, fetched once and cached: {shared['static_kb']:.0f} KB "
          f"({shared['static_gzip_kb']:.0f} KB gzip), of which the Vega bundle "
          f"{shared['bundle_kb']:.0f} KB ({shared['bundle_gzip_kb']:.0f} KB gzip)")
    print(f"  heaviest page: {heaviest[0]} {heaviest[1]['kb']:.1f} KB of its own "
          f"({heaviest[1]['gzip_kb']:.1f} KB gzip); slowest to draw: {slowest[0]} "
          f"{slowest[1]['cold_ms']:.0f} ms cold, {slowest[1]['warm_ms']:.0f} ms warm")
    shutil.rmtree(html.parent.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
