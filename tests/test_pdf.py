"""The PDF command's two steps: a single-page build, printed by Chromium with every
chart drawn (as vectors: the charts are SVG)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))


@pytest.mark.browser
def test_the_whole_book_prints_with_every_chart_drawn(tmp_path, browser):
    from print_pdf import print_with

    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--builder",
               "singlehtml", "-W", "-n", "--keep-going", "--path-output", str(tmp_path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    single = tmp_path / "_build" / "singlehtml"
    root = yaml.safe_load((ROOT / "_toc.yml").read_text())["root"]
    page = single / "print.html"
    shutil.copy(single / f"{root}.html", page)
    charts_on_page = len(re.findall(r'<figure class="nep-chart"', page.read_text(encoding="utf-8")))

    output = tmp_path / "book.pdf"
    drawn = print_with(browser, page, output)

    assert charts_on_page > 0 and drawn == charts_on_page
    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF")
    # Every chapter is in the one document: one page break at least per chapter.
    assert pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") > 10
