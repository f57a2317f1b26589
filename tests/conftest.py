"""Shared fixtures: the repository's paths, and one build of the book per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def chapter_files() -> list[Path]:
    """The notebooks of the book, in the order of _toc.yml."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return [ROOT / f"{name}.md" for name in files]


def chapter_name(path: Path) -> str:
    """A chapter's name, as the code names it: ``book/05_fuel.md`` is ``fuel``."""
    from nep import pages

    return pages.name_of(path.stem)


def page_path(name: str, suffix: str = ".html") -> str:
    """Where the chapter ``name`` is, relative to the built site: ``book/05_fuel.html``."""
    from nep import pages

    return f"book/{pages.page(name)}{suffix}"


class Build:
    """The result of one `jupyter-book build` run."""

    def __init__(self, html: Path, log: str, returncode: int, jupyter_execute: Path):
        self.html, self.log, self.returncode = html, log, returncode
        self.jupyter_execute = jupyter_execute

    def pages(self) -> list[Path]:
        return sorted(path for path in (self.html / "book").glob("*.html"))


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Build:
    """Build the book once, from scratch, exactly as the README's build command does."""
    output = tmp_path_factory.mktemp("book")
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
               "-W", "-n", "--keep-going", "--path-output", str(output)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    log = result.stdout + result.stderr
    html = output / "_build" / "html"
    if result.returncode != 0:
        reports = output / "_build" / "html" / "reports"
        if reports.is_dir():
            log += "\n".join(p.read_text(errors="replace") for p in reports.glob("*.log"))
    return Build(html, log, result.returncode, output / "_build" / "jupyter_execute")


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A scratch copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def require_chromium() -> str:
    """Debian's Chromium: the browser tests fail without it in CI, and skip elsewhere."""
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium; scripts/test.sh does it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def classroom_python(tmp_path_factory) -> Path:
    """A fresh virtual environment made only from requirements.txt, as Binder and a
    classroom machine make it: nothing the tests install can hide a missing requirement."""
    venv = tmp_path_factory.mktemp("classroom") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r",
                             str(ROOT / "requirements.txt")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return python


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (Playwright's sync API allows one at a time)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
