"""The audit's notes beside the charts: each gives its verdict in one plain sentence with the
arithmetic folded below it, and no chapter page notes the same claim twice."""

from __future__ import annotations

import re
from collections import Counter
from html import escape

import pytest

from conftest import chapter_files, chapter_name
from nep import audit, audit_html, pages

NOTE = re.compile(r'<div class="nep-audit" role="note">(.*?)</details></div>', re.S)
CLAIM_LINK = re.compile(r'href="[^"]*#claim-(\w+)"')

# Figures under claims that do not simply hold: workers (inconsistent), man-day rubles
# (cannot be checked), coal (loose wording).
WORKERS = ["labour/factory_workers/1921", "labour/factory_workers/1925"]
MAN_DAY = ["labour/output_per_man_day/1921", "labour/output_per_man_day/1925"]
COAL = ["fuel/coal_mined/1921/22", "fuel/coal_mined/1925/26"]


@pytest.fixture()
def fresh_page(monkeypatch):
    """A new page: no claim noted yet."""
    monkeypatch.setattr(audit_html, "_NOTED_ON_PAGE", set())


def noted(html: str) -> list[str]:
    return CLAIM_LINK.findall(html)


def test_a_claim_noted_under_one_chart_is_not_noted_again_under_the_next(fresh_page):
    first = audit_html.page_notes(WORKERS)
    assert "labour_workers_growth" in noted(first)
    assert noted(audit_html.page_notes(WORKERS + MAN_DAY)) == []
    # A claim not yet noted on the page is still noted.
    assert noted(audit_html.page_notes(COAL)) == ["fuel_coal_and_oil_doubled"]
    # Each claim noted once in all.
    assert len(noted(first)) == len(set(noted(first)))


def test_each_note_gives_a_plain_sentence_and_folds_the_arithmetic(fresh_page):
    html = audit_html.page_notes(WORKERS)
    notes = NOTE.findall(html)
    assert notes
    for note in notes:
        claim = noted(note)[0]
        plain, folded = note.split("<details", 1)
        assert escape(audit.plain(audit.result(claim))) in plain
        assert "The arithmetic" in folded
        # The numbers stay below the fold: the plain line names no figure but a year.
        words = re.sub(r"<a [^>]*>|&#?\w+;|\b1[89]\d\d\b", "", plain)
        assert not re.search(r"\d", words), words


def test_notes_html_itself_keeps_no_memory_of_the_page():
    """The source page and the tests ask notes_html directly: the same keys, the same notes."""
    assert audit_html.notes_html(WORKERS) == audit_html.notes_html(WORKERS) != ""


def test_no_chapter_page_shows_the_same_audit_note_twice(built_book):
    assert built_book.returncode == 0, built_book.log[-3000:]
    checked = 0
    for path in chapter_files():
        page = built_book.html / "book" / f"{pages.page(chapter_name(path))}.html"
        if not page.exists():
            continue
        html = page.read_text(encoding="utf-8")
        claims = [noted(note)[0] for note in NOTE.findall(html)]
        repeated = [claim for claim, count in Counter(claims).items() if count > 1]
        assert not repeated, f"{page.name} notes these claims more than once: {repeated}"
        checked += bool(claims)
    assert checked >= 4, "the theme chapters carry the audit's notes"
