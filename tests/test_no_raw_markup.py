"""No reader meets MyST's markup: no built page and no PDF shows a role (``{eval}`…```),
a directive's fence or a target, as a placeholder left unrendered would."""

from __future__ import annotations

import html
import re

from test_pdf import ARTICLE, linked_pdfs, pdf_text

# A role, a directive's opening fence (backticks or colons) or a target line, as MyST writes them.
RAW_MARKUP = re.compile(r"\{[a-z][\w:.-]*\}`|`{3,}\s*\{[a-z]|:{3,}\s*\{[a-z]|^\s*\([\w-]+\)=\s*$", re.M)


def reader_text(page_html: str) -> str:
    """What a reader sees of a page's article: its prose and tables, not its code, scripts
    or drawings (code is code, and may hold braces)."""
    match = ARTICLE.search(page_html)
    article = match.group(1) if match else page_html
    for element in ("script", "style", "svg", "pre"):
        article = re.sub(rf"<{element}\b.*?</{element}>", " ", article, flags=re.S)
    article = re.sub(r"<br\s*/?>|</p>|</li>|</div>", "\n", article)
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def test_the_pattern_finds_each_kind_of_raw_markup():
    for raw in ["the {eval}`prose.total` workers", "{cite:p}`nutter1962`", "```{exercise-start}",
                ":::{note}", "(lost-table)=", "{glue:text}`x`"]:
        assert RAW_MARKUP.search(raw), raw
    for fine in ["a set {1, 2}", "f\"{value:.1f}\"", "ratio (1925)= 3", "`fixed_assets` rows"]:
        assert not RAW_MARKUP.search(fine), fine
    # In a page's prose it is caught; in its code, it is code.
    assert RAW_MARKUP.search(reader_text('<article class="bd-article"><p>{eval}`prose.x`</p></article>'))
    assert not RAW_MARKUP.search(reader_text('<article class="bd-article"><pre>{eval}`x`</pre></article>'))


def test_no_built_page_shows_raw_markup(built_book):
    assert built_book.returncode == 0, built_book.log[-3000:]
    found = {}
    for page in sorted(built_book.html.rglob("*.html")):
        raw = RAW_MARKUP.findall(reader_text(page.read_text(encoding="utf-8")))
        if raw:
            found[page.relative_to(built_book.html).as_posix()] = raw[:3]
    assert found == {}


def test_no_pdf_shows_raw_markup(built_book):
    pdfs = linked_pdfs(built_book)
    assert pdfs
    for name, path in pdfs.items():
        raw = RAW_MARKUP.findall(pdf_text(path))
        assert raw == [], f"{name}: {raw[:3]}"

