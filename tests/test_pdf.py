"""The PDF command's two steps: a single-page build, printed by Chromium with every
chart drawn (as vectors: the charts are SVG); and the worksheet and the answer key of
the teachers' page, each printed on its own with every question."""

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


@pytest.fixture(scope="module")
def print_page(tmp_path_factory) -> Path:
    """A single-page build of the book, copied where its links work, as scripts/pdf.sh does."""
    output = tmp_path_factory.mktemp("singlehtml")
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--builder",
               "singlehtml", "-W", "-n", "--keep-going", "--path-output", str(output)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    single = output / "_build" / "singlehtml"
    root = yaml.safe_load((ROOT / "_toc.yml").read_text())["root"]
    page = single / "print.html"
    shutil.copy(single / f"{root}.html", page)
    return page


@pytest.mark.browser
def test_the_whole_book_prints_with_every_chart_drawn(print_page, tmp_path, browser):
    from print_pdf import print_with

    charts_on_page = len(re.findall(r'<figure class="nep-chart"', print_page.read_text(encoding="utf-8")))
    output = tmp_path / "book.pdf"
    drawn = print_with(browser, print_page, output)

    assert charts_on_page > 0 and drawn == charts_on_page
    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF")
    # Every chapter is in the one document: one page break at least per chapter.
    assert pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") > 10


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(text.split())


def words(text: str) -> str:
    """Text compared as words only: a PDF's line breaks and quotation marks vary."""
    return " ".join(re.findall(r"[A-Za-z0-9.%,]+", text))


@pytest.mark.browser
@pytest.mark.parametrize("name, answers", [("worksheet", False), ("answer_key", True)])
def test_the_worksheet_and_the_answer_key_print_with_every_question(print_page, tmp_path, browser,
                                                                   name, answers):
    from nep import lesson_kit, pages
    from print_pdf import print_with

    chapter = f"book/{pages.page(name)}"
    output = tmp_path / f"{chapter.split('/')[-1]}.pdf"
    drawn = print_with(browser, print_page, output, chapter)
    text = words(pdf_text(output))
    for question in lesson_kit.worksheet_questions():
        assert words(lesson_kit.fill(question["question"])) in text, question["id"]
        if answers:
            assert words(lesson_kit.fill(question["answer"])) in text, question["id"]
    # The worksheet carries lesson 2's charts, every one drawn; the answer key none.
    lesson_chapter = lesson_kit.kit()["lessons"][1]["chapters"][0]
    expected = len(lesson_kit.chapter_figures(lesson_chapter)) if not answers else 0
    assert drawn == expected
    # Only this chapter is printed, not the whole book.
    from pypdf import PdfReader

    assert 1 <= len(PdfReader(output).pages) <= 12
