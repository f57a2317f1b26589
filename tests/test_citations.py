"""The setting chapter and the caveats about the 1920s statistics rest on works that were read:
each citation has a kept fragment with its address, each number a statement gives stands in
its fragment, and the bibliography says what each work is and when it was published or seen."""

from __future__ import annotations

import functools
import re

import pytest
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

import broken_data
import nep
from nep import citations, pages

FRAGMENTS = citations.load()
BIBLIOGRAPHY = citations.bibliography()
CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")

# The works the book's caveats about the 1920s statistics rest on, wherever they are cited.
CAVEAT_WORKS = {"nutter1962", "markevich2011", "harrison2000"}

set_cell = functools.partial(broken_data.set_cell, dataset="citations")
assert_names = functools.partial(broken_data.assert_names, dataset="citations")


def chapter_file(name: str):
    """The chapter ``name`` (``setting`` is ``book/03_setting.md``)."""
    return pages.chapter_file(name)


def cited_keys(name: str) -> set[str]:
    text = chapter_file(name).read_text(encoding="utf-8")
    # Read as sphinxcontrib-bibtex reads them: a key may carry a locator, nutter1962{ch. 7}.
    return {target.key for group in CITE.findall(text) for target in parse_citation_targets(group)}


def collapsed(text: str) -> str:
    return " ".join(text.split())


def kind(key: str) -> str:
    return BIBLIOGRAPHY[key].get("keywords", "")


def row_id(row) -> str:
    return f"{row.key}/{row.chapter}/{row.statement[:30]}"


def test_every_work_the_setting_chapter_cites_has_a_kept_fragment_and_its_place_in_the_work():
    rows = FRAGMENTS[FRAGMENTS.chapter == "setting"]
    kept = set(rows[rows.page.str.strip() != ""].key)
    assert cited_keys("setting") - kept == set()


def test_every_fragment_names_a_work_of_the_bibliography():
    assert set(FRAGMENTS.key) - set(BIBLIOGRAPHY) == set()


@pytest.mark.parametrize("row", list(FRAGMENTS.itertuples(index=False)), ids=row_id)
def test_each_statement_is_the_chapters_own_words_and_cites_its_work(row):
    text = chapter_file(row.chapter).read_text(encoding="utf-8")
    assert collapsed(row.statement) in collapsed(text), row.statement
    assert row.key in cited_keys(row.chapter)


@pytest.mark.parametrize("row", list(FRAGMENTS.itertuples(index=False)), ids=row_id)
def test_each_number_a_statement_gives_stands_in_its_fragment(row):
    assert citations.missing_numbers(row.statement, row.fragment) == []


def test_each_chapter_citing_a_caveat_about_the_1920s_statistics_keeps_its_fragment():
    kept = set(zip(FRAGMENTS.chapter, FRAGMENTS.key))
    cited = set()
    for name in pages.chapter_files():
        cited |= {(name, key) for key in cited_keys(name) & CAVEAT_WORKS}
    assert {key for _, key in cited} == CAVEAT_WORKS
    assert cited - kept == set()


@pytest.mark.parametrize("key", sorted(BIBLIOGRAPHY))
def test_each_bibliography_entry_has_a_title_and_a_year_or_the_day_it_was_seen(key):
    entry = BIBLIOGRAPHY[key]
    assert entry.get("title", "").strip(), key
    assert re.fullmatch(r"\d{4}", entry.get("year", "")) or \
        re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.get("urldate", "")), key


def test_every_work_the_setting_chapter_cites_says_what_kind_of_work_it_is():
    kinds = {key: kind(key) for key in cited_keys("setting")}
    assert {key for key, value in kinds.items()
            if value not in {"scholarly", "primary", "data", "encyclopaedia"}} == set()


def test_the_setting_chapter_rests_on_scholarship_not_encyclopaedias():
    keys = cited_keys("setting")
    scholarly = {key for key in keys if kind(key) == "scholarly"}
    encyclopaedias = {key for key in keys if kind(key) == "encyclopaedia"}
    assert len(scholarly) >= 5, sorted(scholarly)
    assert len(encyclopaedias) <= 2, sorted(encyclopaedias)


@pytest.mark.parametrize(("statement", "fragment", "missing"), [
    ("The famine crisis of 1921–2", "the famine crisis of 1921–2", []),
    ("closed down 300,000 shops", "closed down 300,000 shops and market stalls", []),
    ("at 290 per cent of 1913", "prices were 290 % of their 1913 levels", []),
    ("at 276 per cent of 1913", "prices were 290 % of their 1913 levels", [276.0]),
    ("in February 1924", "until February 1925", [1924.0]),
])
def test_missing_numbers_finds_a_figure_the_fragment_does_not_state(statement, fragment, missing):
    assert citations.missing_numbers(statement, fragment) == missing


def load_error(data) -> nep.DataError:
    with pytest.raises(nep.DataError) as caught:
        citations.load(directory=data)
    return caught.value


def test_a_statement_giving_a_number_its_fragment_lacks_stops_the_load(data_copy):
    rows = broken_data.read_rows(data_copy, "citations")
    row = next(number for number, cells in enumerate(rows)
               if cells[0] == "figes_scissors" and "290" in cells[2])
    statement = rows[row][2].replace("290", "276")
    set_cell(data_copy, row, "statement", statement)
    assert_names(load_error(data_copy), row, "statement", "only numbers its fragment states")


def test_a_work_missing_from_the_bibliography_stops_the_load(data_copy):
    set_cell(data_copy, 1, "key", "wikipedia_entry")
    assert_names(load_error(data_copy), 1, "key", "a key of book/references.bib")


def test_a_fragment_longer_than_300_characters_stops_the_load(data_copy):
    rows = broken_data.read_rows(data_copy, "citations")
    set_cell(data_copy, 2, "fragment", rows[2][3] + " " + "x" * 300)
    assert_names(load_error(data_copy), 2, "fragment", "at most 300 characters")
