"""The book's PDFs in the built site: the worksheet, the answer key and the whole book,
printed when the book is built, linked from the teachers' page, each with its text and
every chart of its pages drawn."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import chapter_files, chapter_name, page_path

PDF_LINK = re.compile(r'<a href="([^"]+\.pdf)">([^<]+)</a>')
CHART_SPEC = re.compile(r'<script type="application/json" class="nep-chart-spec">(.*?)</script>', re.S)
ARTICLE = re.compile(r'<article class="bd-article">(.*?)</article>', re.S)


def page(built_book, name: str) -> Path:
    """The built page of the chapter ``name`` (``teaching`` is ``book/20_teaching.html``)."""
    return built_book.html / page_path(name)


def linked_pdfs(built_book) -> dict[str, Path]:
    """The teachers' page's links to PDFs: link text -> the file the link points at."""
    teaching = page(built_book, "teaching")
    links = PDF_LINK.findall(teaching.read_text(encoding="utf-8"))
    return {" ".join(text.split()): (teaching.parent / href).resolve() for href, text in links}


def linked(built_book, what: str) -> Path:
    [path] = [path for text, path in linked_pdfs(built_book).items() if what in text]
    return path


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def words(text: str) -> str:
    """Text compared as words only: a PDF's line breaks and quotation marks vary."""
    return " ".join(re.findall(r"[A-Za-z0-9.%,]+", text))


def title_text(title) -> str:
    if isinstance(title, dict):
        title = title.get("text", "")
    return " ".join(title) if isinstance(title, list) else (title or "")


def chart_titles(spec: dict) -> list[str]:
    """The titles a chart draws (its Vega spec, as the page holds it): its own, or those of
    the views it is made of (Vega's group marks)."""
    own = title_text(spec.get("title"))
    if own:
        return [own]
    return [title for mark in spec.get("marks", []) if mark.get("type") == "group"
            for title in chart_titles(mark)]


def visible_text(page_html: str) -> str:
    """A page's article as it prints without its charts: no scripts, no drawings, no attributes, and
    nothing folded away (a closed ``<details>``, such as a chapter's code, prints only its
    summary)."""
    article = ARTICLE.search(page_html).group(1)
    article = re.sub(r"<script.*?</script>", " ", article, flags=re.S)
    # A chart's drawing comes in the page (an SVG made at build time): it is the chart, not text.
    article = re.sub(r"<svg.*?</svg>", " ", article, flags=re.S)
    article = re.sub(r"(<details[^>]*>\s*<summary.*?</summary>).*?</details>", r"\1", article, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", article))


def assert_every_chart_drawn(pdf: Path, pages: list[Path]) -> int:
    """Each chart's title is drawn by the chart alone (the page's text and caption do not
    carry it): the PDF shows every title once per chart more than the page's text does."""
    printed = words(pdf_text(pdf))
    expected: dict[str, int] = {}
    text = ""
    charts = 0
    for path in pages:
        page_html = path.read_text(encoding="utf-8")
        text += " " + visible_text(page_html)
        for spec in CHART_SPEC.findall(page_html):
            charts += 1
            for title in chart_titles(json.loads(spec)):
                expected[words(title)] = expected.get(words(title), 0) + 1
    text = words(text)
    assert charts == 0 or expected, "the charts have no titles to look for"
    for title, count in expected.items():
        assert printed.count(title) >= text.count(title) + count, f"chart not drawn: {title!r}"
    return charts


def test_the_teachers_page_links_the_worksheet_the_answer_key_and_the_book(built_book):
    pdfs = linked_pdfs(built_book)
    assert len(pdfs) == 5, pdfs
    for text, path in pdfs.items():
        assert path.is_relative_to(built_book.html.resolve()), text
        assert path.is_file(), f"{text}: {path} is not in the built site"
        assert path.read_bytes().startswith(b"%PDF"), text
    named = ("standard worksheet", "support worksheet", "extension worksheet", "answer key", "whole book")
    assert {linked(built_book, what) for what in named} == set(pdfs.values())


def test_the_book_builds_its_pdfs_in_the_same_run(built_book):
    assert built_book.returncode == 0, built_book.log[-4000:]
    assert not list(built_book.html.rglob("_nep-print-*.html")), "the print page is left in the site"


@pytest.mark.parametrize("what, name, answers", [("standard worksheet", "worksheet", False),
                                                  ("answer key", "answer_key", True)])
def test_the_worksheet_and_the_answer_key_carry_every_question(built_book, what, name, answers):
    from nep import lesson_kit
    from pypdf import PdfReader

    pdf = linked(built_book, what)
    book = linked(built_book, "whole book")
    # Printed on its own: some pages, far fewer than the whole book.
    assert 1 <= len(PdfReader(pdf).pages) < len(PdfReader(book).pages) / 4
    text = words(pdf_text(pdf))
    for question in lesson_kit.worksheet_questions():
        assert words(lesson_kit.fill(question["question"])) in text, question["id"]
        if answers:
            assert words(lesson_kit.fill(question["answer"])) in text, question["id"]


def test_the_worksheet_pdf_draws_every_chart_of_lesson_2(built_book):
    worksheet = page(built_book, "worksheet")
    assert assert_every_chart_drawn(linked(built_book, "standard worksheet"), [worksheet]) > 0


def test_the_whole_book_pdf_has_every_chapter_and_every_chart_drawn(built_book):
    pages = [page(built_book, chapter_name(path)) for path in chapter_files()]
    book = linked(built_book, "whole book")
    text = words(pdf_text(book))
    # Every chapter under its own title, in the order of the table of contents.
    position = 0
    for path in pages:
        title = words(html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)<a class=\"headerlink\"",
                                                                     path.read_text(encoding="utf-8")).group(1))))
        found = text.find(title, position)
        assert found >= 0, f"{path.stem}: {title!r} missing or out of order"
        position = found + len(title)
    assert assert_every_chart_drawn(book, pages) > 50


def test_no_link_in_the_pdfs_points_at_the_build_machine(built_book):
    from pypdf import PdfReader

    for text, path in linked_pdfs(built_book).items():
        uris = [annotation.get_object().get("/A", {}).get("/URI", "")
                for pdf_page in PdfReader(path).pages for annotation in pdf_page.get("/Annots", [])]
        assert not [uri for uri in uris if str(uri).startswith("file:")], text


def test_the_answer_key_starts_its_answers_on_its_first_page(built_book):
    # Its introduction is a paragraph: a page break before lesson 1 left page 1 nearly blank.
    from nep import lesson_kit
    from pypdf import PdfReader

    first_page = words(" ".join(PdfReader(linked(built_book, "answer key")).pages[0].extract_text().split()))
    first_answer = words(lesson_kit.fill(lesson_kit.worksheet_questions()[0]["answer"]))
    assert "Lesson 1" in first_page and first_answer[:60] in first_page
