"""In the built book: each comparison chapter charts the text's figures it is listed for,
and the source page sends the reader from those figures to the comparison."""

from __future__ import annotations

import json
import re

from conftest import page_path
from nep import outside, pages


def test_each_comparison_chapter_charts_the_figures_it_compares(built_book):
    assert built_book.returncode == 0, built_book.log[-3000:]
    for chapter in set(outside.COMPARED.values()):
        page = (built_book.html / page_path(chapter)).read_text(encoding="utf-8")
        shown = set()
        for keys in re.findall(r'data-figures="([^"]*)"', page):
            shown.update(json.loads(keys.replace("&quot;", '"')))
        listed = {key for key, where in outside.COMPARED.items() if where == chapter}
        assert listed <= shown, sorted(listed - shown)
        assert "nep-outside-sources" in page


def test_the_source_page_links_compared_figures_to_their_chapter(built_book):
    page = (built_book.html / page_path("source")).read_text(encoding="utf-8")
    for chapter in set(outside.COMPARED.values()):
        assert f'<p class="nep-compared" role="note">' in page
        assert f'href="{pages.href(chapter)}"' in page


def test_theme_chapters_link_to_the_comparisons(built_book):
    for theme in {key.split("/")[0] for key in outside.COMPARED}:
        page = (built_book.html / page_path(theme)).read_text(encoding="utf-8")
        chapters = {where for key, where in outside.COMPARED.items() if key.startswith(theme + "/")}
        assert any(f'href="{pages.href(chapter)}' in page for chapter in chapters), theme
