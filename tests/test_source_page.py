"""The source page: every figure of data/ has one anchor at its quote, and links both ways
between each figure's words and the chart that shows it."""

from __future__ import annotations

import html
import re

import pytest

import nep
from conftest import page_path
from nep import pages, source_page

FIGURES = nep.load_all()
ANCHOR = re.compile(r'<a class="nep-figure" id="([^"]+)" href="([^"#]+)#([^"]+)"[^>]*>(.*?)<span class="nep-tip"')


def strip_tags(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module")
def source_html(built_book) -> str:
    assert built_book.returncode == 0, built_book.log[-3000:]
    return (built_book.html / page_path("source")).read_text(encoding="utf-8")


def test_every_figure_has_exactly_one_anchor_at_its_quote(source_html):
    paragraphs = re.findall(r"<p>(.*?)</p>", source_html, flags=re.S)
    for row in FIGURES.itertuples(index=False):
        anchor = nep.anchor_id(row.theme, row.series, row.period)
        assert source_html.count(f'id="{anchor}"') == 1, anchor
        holder = next(p for p in paragraphs if f'id="{anchor}"' in p)
        # The paragraph, read without its markup and notes, still holds the quote verbatim.
        text = strip_tags(re.sub(r'<span class="nep-(tip|audit)".*?</span>', "", holder, flags=re.S))
        assert row.quote in text, (anchor, row.quote)


def test_each_highlight_is_the_recorded_number_itself(source_html):
    by_anchor = {nep.anchor_id(r.theme, r.series, r.period): r for r in FIGURES.itertuples(index=False)}
    for anchor, _page, _target, text in ANCHOR.findall(source_html):
        row, text = by_anchor[anchor], html.unescape(text)
        # The highlighted words are the number as the quote writes it, or its word.
        as_number = any(token.text == text and abs(token.value - row.value) < 1e-9
                        for token in nep.numbers_in(row.quote))
        as_word = nep.WORD_NUMBERS.get(text.lower()) == row.value
        assert as_number or as_word, (anchor, text)


def test_every_highlight_links_to_a_chart_that_exists(source_html, built_book):
    links = ANCHOR.findall(source_html)
    assert len(links) == len(FIGURES)
    read = {}
    for anchor, page, target, _text in links:
        if page not in read:
            read[page] = (built_book.html / "book" / page).read_text(encoding="utf-8")
        assert f'id="{target}"' in read[page], f"{anchor} links to {page}#{target}, which does not exist"


def test_every_caption_link_points_at_an_anchor_of_the_source_page(source_html, built_book):
    anchors = set(re.findall(r'id="(q-[^"]+)"', source_html))
    for page in built_book.pages():
        for target in re.findall(rf'href="{re.escape(pages.href("source"))}#([^"]+)"', page.read_text(encoding="utf-8")):
            assert target in anchors, f"{page.name} links to a missing passage {target}"


def test_the_lost_table_and_garbled_sentences_are_marked(source_html):
    assert 'class="nep-lost-table-note"' in source_html
    assert 'class="nep-diagram"' in source_html
    garbled = FIGURES[FIGURES["series"].str.startswith("garbled_")]
    assert source_html.count('class="nep-garbled"') == garbled["quote"].map(
        lambda q: next(line for line in nep.source_text().split("\n") if q in line)).nunique()


def test_two_figures_never_share_the_same_words():
    marks = source_page.highlights(FIGURES, nep.source_text())
    assert len(marks) == len(FIGURES)
    assert all(a.end <= b.start for a, b in zip(marks, marks[1:]))


def test_a_check_note_never_splits_a_number_from_its_unit():
    """The audit's notes close their paragraph: none stands between a figure and the "%"
    or word that follows it."""
    page = source_page.render()
    notes = list(re.finditer(r'<span class="nep-audit".*?</span>', page, flags=re.S))
    assert notes, "the source page carries the audit's notes"
    for note in notes:
        after = page[note.end():note.end() + 40]
        assert after.startswith("</p>") or after.startswith('<span class="nep-audit"'), after
