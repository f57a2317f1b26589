"""Lighthouse's mobile audit of every page of the book, beside Jupyter Book's own template.

Lighthouse (from npm, the pinned version below, installed into .venv/share/lighthouse on
first use) drives Debian's Chromium with its default mobile settings: a phone's screen,
simulated slow 4G and a processor four times slower. Both sites are served gzip-compressed
from loopback, with every other host unreachable, so nothing leaves the machine. The
template is the book ``jupyter-book create`` writes, built with this project's pinned
tools (its notebooks are not executed: they carry their outputs, and one needs a package
the book does not use).

Prints a table; asserts nothing (timings are the benchmark's, never a test's).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"   # the last major release that runs on Debian's Node 20
PREFIX = ROOT / ".venv" / "share" / "lighthouse" / LIGHTHOUSE_VERSION
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "speed-index": "SI", "cumulative-layout-shift": "CLS"}
# Every host but the loopback server fails at once: no request leaves the machine.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--host-resolver-rules=\"MAP * ~NOTFOUND, EXCLUDE 127.0.0.1\"")


def lighthouse_cli() -> Path:
    """Lighthouse's command, installed with npm (which checks the registry's integrity)."""
    cli = PREFIX / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(PREFIX),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return cli


def template_site(jupyter_book: str) -> Path:
    """Jupyter Book's template book, built with the same jupyter-book into a scratch folder."""
    folder = Path(tempfile.mkdtemp(prefix="nep-template-")) / "template"
    subprocess.run([jupyter_book, "create", str(folder)], check=True, capture_output=True)
    config = folder / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("execute_notebooks: force",
                                                                  "execute_notebooks: 'off'"),
                      encoding="utf-8")
    subprocess.run([jupyter_book, "build", str(folder)], check=True, capture_output=True)
    return folder / "_build" / "html"


def audit(cli: Path, url: str) -> dict[str, float]:
    """One Lighthouse run: the four scores (0 to 100) and the metrics (ms; CLS unitless)."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run([str(cli), url, "--quiet", f"--chrome-flags={CHROME_FLAGS}", "--output=json",
                        f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}"],
                       env={**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"},
                       check=True, capture_output=True, timeout=600)
        result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES}
    scores.update({short: result["audits"][name]["numericValue"] for name, short in METRICS.items()})
    return scores


def audit_site(cli: Path, html: Path, pages: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Every page's median scores and metrics over ``runs`` runs."""
    sys.path.insert(0, str(ROOT / "tests"))
    from page_metrics import serve

    results = {}
    with serve(html, gzip=True) as site:
        for page in pages:
            measured = [audit(cli, site + page) for _ in range(runs)]
            results[page] = {key: statistics.median(run[key] for run in measured) for key in measured[0]}
    return results


def book_pages(html: Path) -> list[str]:
    """The book's pages (the site's index.html only redirects to the first chapter)."""
    return [f"book/{path.name}" for path in sorted((html / "book").glob("*.html"))]


def template_pages(html: Path) -> list[str]:
    return sorted(path.name for path in html.glob("*.html") if path.name not in ("genindex.html", "search.html"))


def print_table(title: str, results: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"  {'page':<32}{'perf':>5}{'a11y':>5}{'bp':>5}{'seo':>5}{'FCP ms':>8}{'LCP ms':>8}"
          f"{'TBT ms':>8}{'SI ms':>8}{'CLS':>6}")
    for page, entry in results.items():
        print(f"  {page:<32}{entry['performance']:5.0f}{entry['accessibility']:5.0f}"
              f"{entry['best-practices']:5.0f}{entry['seo']:5.0f}{entry['FCP']:8.0f}{entry['LCP']:8.0f}"
              f"{entry['TBT']:8.0f}{entry['SI']:8.0f}{entry['CLS']:6.2f}")


def report(html: Path, jupyter_book: str, runs: int) -> None:
    """Lighthouse on every page of the book and of the template, printed side by side."""
    cli = lighthouse_cli()
    book = audit_site(cli, html, book_pages(html), runs)
    template_html = template_site(jupyter_book)
    template = audit_site(cli, template_html, template_pages(template_html), runs)
    shutil.rmtree(template_html.parent.parent.parent, ignore_errors=True)
    print_table(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile (median of {runs}): this book", book)
    print_table(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile (median of {runs}): Jupyter Book's template, "
                "same tools", template)
    worst = {key: min(entry[key] for entry in book.values()) for key in CATEGORIES}
    print(f"\n  this book, lowest score per category: "
          + ", ".join(f"{key} {value:.0f}" for key, value in worst.items()))
    print(f"  this book, highest TBT {max(e['TBT'] for e in book.values()):.0f} ms; "
          f"latest FCP {max(e['FCP'] for e in book.values()):.0f} ms against the template's "
          f"earliest {min(e['FCP'] for e in template.values()):.0f} ms and latest "
          f"{max(e['FCP'] for e in template.values()):.0f} ms")
