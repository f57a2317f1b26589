"""Measure the book: build times, notebook run times, page weight and chart drawing time,
each chart page's first visit on loopback and on a school line, and Lighthouse's mobile
audit of every page beside Jupyter Book's template (benchmarks/lighthouse.py).

Prints tables; asserts nothing. Run from the repository root with the project's
environment:  .venv/bin/python benchmarks/run.py [--runs 3] [--site _build/html]
[--lighthouse-only] [--lighthouse-runs 1]

Each time is the median of --runs runs. Page figures come from Debian's Chromium
(/usr/bin/chromium) loading the built book from a loopback server.
"""

from __future__ import annotations

import argparse
import gzip
import re
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
from page_metrics import ALL_DRAWN, ALL_SETTLED, serve  # noqa: E402
from nep import pages  # noqa: E402

import lighthouse  # noqa: E402  (beside this script)

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
                page.wait_for_function(ALL_SETTLED, timeout=30000)
                cold = page.evaluate(last_drawn)
                page.reload(wait_until="load")  # a reader's next visit: shared files come from the cache
                page.wait_for_function(ALL_SETTLED, timeout=30000)
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

# A school line (Chromium's network emulation, bytes per second and ms of latency).
PROFILES = {
    "loopback": None,
    "school": {"offline": False, "latency": 100,
               "downloadThroughput": 2_000_000 / 8, "uploadThroughput": 1_000_000 / 8},
}

# Watches every frame from the first: when each of the page's `expected` charts shows a
# drawing of its own (an SVG with marks, with a size), the time is kept, as ms since the
# epoch, so that it compares with the moment the benchmark asked for the page.
CHARTS_VISIBLE_WATCH = """(() => {
  const expected = %d;
  const visible = (figure) => {
    const svg = figure.querySelector('.nep-chart-view svg');
    if (!svg || !svg.querySelector('g[class*="role-mark"] > *')) return false;
    const box = svg.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const check = () => {
    const figures = document.querySelectorAll('figure.nep-chart');
    if (figures.length >= expected && [...figures].every(visible)) {
      window.nepChartsVisibleAt = performance.timeOrigin + performance.now();
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
})()"""


def chart_pages(html: Path) -> dict[str, int]:
    """The first page a reader opens (index.html, which forwards to the opening chapter)
    and every page with charts, each with the number of charts it holds."""
    pages = {}
    for path in ["index.html"] + [f"book/{p.name}" for p in sorted((html / "book").glob("*.html"))]:
        text = (html / path).read_text(encoding="utf-8")
        target = re.search(r'http-equiv="Refresh" content="0; url=([^"]+)"', text)
        if target:  # a forwarding page: the reader sees the page it forwards to
            text = (html / Path(path).parent / target.group(1)).read_text(encoding="utf-8")
        if 'class="nep-chart"' in text:
            pages[path] = text.count('<figure class="nep-chart"')
    return pages




def first_visit(browser, site: str, path: str, charts: int, profile: dict | None) -> dict[str, float]:
    """One page on a cold cache: when all its charts showed, and the bytes on the wire."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if profile:
        cdp.send("Network.emulateNetworkConditions", profile)
    received: dict[str, int] = {}  # request -> bytes on the wire, headers included
    cdp.on("Network.loadingFinished",
           lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"]))
    outside: list[str] = []
    page.on("request", lambda request: request.url.startswith(site) or outside.append(request.url))
    page.add_init_script(CHARTS_VISIBLE_WATCH % charts)
    asked = time.time() * 1000
    page.goto(site + path, wait_until="load")
    page.wait_for_function("window.nepChartsVisibleAt", timeout=60000, polling=50)
    visible = page.evaluate("window.nepChartsVisibleAt")
    first_text = page.evaluate(
        "performance.timeOrigin + (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
    page.wait_for_load_state("networkidle")  # whatever the page loads after first paint counts too
    before_reach = sum(received.values())
    # The reader reaches for a chart: the interactive view is there (on a slow line it
    # is fetched only now), and what that cost.
    reached = time.time() * 1000
    page.locator("figure.nep-chart .nep-chart-view").first.hover()
    page.wait_for_function(ALL_DRAWN, timeout=60000, polling=50)
    drawn = page.evaluate("performance.timeOrigin + Math.max(...[...document.querySelectorAll("
                          "'figure.nep-chart')].map(f => Number(f.dataset.drawnAt)))")
    page.wait_for_load_state("networkidle")
    context.close()
    return {"visible_ms": visible - asked, "text_ms": first_text - asked,
            "wire_kb": before_reach / 1000, "outside": len(outside),
            "interactive_ms": max(0.0, drawn - reached),
            "interactive_kb": (sum(received.values()) - before_reach) / 1000}


def first_paint(html: Path, runs: int) -> dict[str, dict[str, float]]:
    """Per chart page, on each profile: charts visible and bytes on the wire (median).

    The site is served gzip-compressed, as a static host serves it, to a browser with a
    cold cache: every page as a reader's first page.
    """
    from playwright.sync_api import sync_playwright

    pages = chart_pages(html)
    measured: dict[str, dict[str, list[float]]] = {}
    with serve(html, gzip=True) as site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(runs):
            for path, charts in pages.items():
                entry = measured.setdefault(path, {})
                for name, profile in PROFILES.items():
                    for key, value in first_visit(browser, site, path, charts, profile).items():
                        entry.setdefault(f"{name}_{key}", []).append(value)
        browser.close()
    figures = {}
    for path, entry in measured.items():
        own = (html / path).read_bytes()
        figures[path] = {key: statistics.median(values) for key, values in entry.items()}
        figures[path].update(charts=pages[path], own_kb=len(own) / 1000,
                             own_gzip_kb=len(gzip.compress(own)) / 1000)
    return figures


def print_first_paint(figures: dict[str, dict[str, float]], runs: int) -> None:
    print(f"\nFirst visit, cold cache, site served gzip ({runs} runs, median): ms from asking for the "
          "page until its first text and until all its charts are visible; KB on the wire until the "
          "page is idle; then, once the reader points at a chart, ms until every chart is "
          "interactive and the KB that took")
    print(f"  {'':<28}{'':>22}{'--------- loopback ---------':>30}{'------------- school line -------------':>42}")
    print(f"  {'page':<28}{'charts':>7}{'own KB':>8}{'gzip':>7}"
          f"{'text':>6}{'charts':>8}{'wire KB':>9}{'+ms':>7}"
          f"{'text':>7}{'charts':>8}{'wire KB':>9}{'+ms':>7}{'+KB':>7}")
    for path, entry in figures.items():
        print(f"  {path:<28}{entry['charts']:7.0f}{entry['own_kb']:8.1f}{entry['own_gzip_kb']:7.1f}"
              f"{entry['loopback_text_ms']:6.0f}{entry['loopback_visible_ms']:8.0f}"
              f"{entry['loopback_wire_kb']:9.0f}{entry['loopback_interactive_ms']:7.0f}"
              f"{entry['school_text_ms']:7.0f}{entry['school_visible_ms']:8.0f}{entry['school_wire_kb']:9.0f}"
              f"{entry['school_interactive_ms']:7.0f}{entry['school_interactive_kb']:7.0f}")
    slowest = max(figures.items(), key=lambda item: item[1]["school_visible_ms"])
    heaviest = max(figures.items(), key=lambda item: item[1]["school_wire_kb"])
    outside = sum(entry["loopback_outside"] + entry["school_outside"] for entry in figures.values())
    print(f"\n  school line ({PROFILES['school']['downloadThroughput'] * 8 / 1e6:g} Mbit/s down, "
          f"{PROFILES['school']['uploadThroughput'] * 8 / 1e6:g} up, {PROFILES['school']['latency']} ms): "
          f"slowest charts {slowest[0]} {slowest[1]['school_visible_ms']:.0f} ms; heaviest first visit "
          f"{heaviest[0]} {heaviest[1]['school_wire_kb']:.0f} KB; requests outside the book: {outside:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--site", type=Path, help="an already built site (e.g. _build/html): measure "
                        "only its first visits, not the build, the notebooks or the warm revisits")
    parser.add_argument("--lighthouse-runs", type=int, default=1,
                        help="Lighthouse runs per page (median); 0 leaves Lighthouse out")
    parser.add_argument("--lighthouse-only", action="store_true",
                        help="with --site: only Lighthouse's audit, beside the template's")
    arguments = parser.parse_args()
    runs = arguments.runs
    if arguments.site:
        site = arguments.site.resolve()
        if not arguments.lighthouse_only:
            print_first_paint(first_paint(site, runs), runs)
        if arguments.lighthouse_runs:
            lighthouse.report(site, JUPYTER_BOOK, arguments.lighthouse_runs)
        return

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
    print_first_paint(first_paint(html, runs), runs)
    if arguments.lighthouse_runs:
        lighthouse.report(html, JUPYTER_BOOK, arguments.lighthouse_runs)
    shutil.rmtree(html.parent.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
