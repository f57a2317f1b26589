"""What each outside source rests on, and what the book may call it.

Every outside figure has a class (official Soviet publication, re-publication of official
figures, independent reconstruction); a missing or unknown one stops the load with the
usual clear error, and no page of the part "Against other sources" calls a source that
re-publishes official figures (or is official) independent.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

import pytest

import broken_data
import nep
from nep import comparisons, outside

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "book").glob("1[4-8]_against*.md"))

set_cell = functools.partial(broken_data.set_cell, dataset="outside")
load_error = functools.partial(broken_data.load_error, dataset="outside", load=outside.load)
assert_names = functools.partial(broken_data.assert_names, dataset="outside")

# How the prose names each outside source besides its citation key: the words a reader
# would take for that source.
NAMES = {
    "etemad1991": ["Etemad", "Shift Data Portal", "energy statistics", "energy database"],
    "statesman1921": ["Statesman"],
    "nansen1923": ["Nansen"],
    "perekhod1961": ["1961", "academy history"],
    "suib1928": ["Information Bureau"],
    "suib1928statement": ["Information Bureau"],
    "gse1979coal": ["Encyclopedia"],
    "gse1979grain": ["Encyclopedia"],
    "guardian1934": ["Guardian"],
    "observer1934": ["Observer"],
}
NEGATIONS = re.compile(r"\b(not|no|never|nor|neither)\b[^.;:]{0,40}\bindependent|independent of the text\b",
                       re.IGNORECASE)


def sentences(markdown: str) -> list[str]:
    """The prose sentences of a chapter (code cells left out), roughly split."""
    prose = re.sub(r"```\{code-cell\}.*?```", " ", markdown, flags=re.DOTALL)
    # A sentence ends at a full stop before a capital, at a blank line, or before a list item.
    parts = re.split(r"(?<=[.!?:])\s+(?=[A-Z*])|\n\s*\n|\n\s*[-*] ", prose)
    return [part.strip() for part in parts if part.strip()]


def misnamed(sentence: str, not_independent: set[str]) -> list[str]:
    """The non-independent sources a sentence calls independent (empty if none)."""
    if not re.search(r"\bindependent(ly)?\b", sentence, re.IGNORECASE) or NEGATIONS.search(sentence):
        return []
    found = []
    for source in not_independent:
        cited = re.search(r"\{cite:[pt]\}`[^`]*\b" + re.escape(source) + r"\b", sentence)
        named = any(name in sentence for name in NAMES.get(source, []))
        if cited or named:
            found.append(source)
    return found


@pytest.fixture(scope="module")
def other():
    return outside.load()


def test_every_row_has_a_known_class(other):
    assert set(other["source_class"]) <= set(comparisons.CLASSES)
    assert other["source_class"].notna().all()


def test_a_missing_class_stops_the_load(data_copy):
    set_cell(data_copy, 3, "source_class", "")
    assert_names(load_error(data_copy), 3, "source_class", "a value (the field is required)")


def test_an_unknown_class_stops_the_load(data_copy):
    set_cell(data_copy, 5, "source_class", "independent")
    assert_names(load_error(data_copy), 5, "source_class", "one of 'official Soviet publication'")


def test_the_class_column_is_required_in_the_package():
    field = next(field for field in nep.resource("outside")["schema"]["fields"]
                 if field["name"] == "source_class")
    assert field["constraints"]["required"] is True
    assert field["constraints"]["enum"] == comparisons.CLASSES


def test_only_independent_reconstructions_count_as_independent(other):
    independent = comparisons.independent_sources(other)
    # The energy database and the year-book re-publish official figures.
    assert "etemad1991" not in independent and "statesman1921" not in independent
    for source in independent:
        assert set(other.loc[other.source == source, "source_class"]) == {comparisons.INDEPENDENT}


def test_the_check_finds_a_re_publication_called_independent():
    not_independent = {"etemad1991", "suib1928"}
    assert misnamed("Etemad and Luciani's independent series agrees.", not_independent) == ["etemad1991"]
    assert misnamed("The best independent estimate {cite:p}`suib1928` says so.", not_independent) == ["suib1928"]
    assert misnamed("Etemad and Luciani are not independent of the official statistics.", not_independent) == []
    assert misnamed("The Maddison Project is an independent reconstruction.", not_independent) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_no_page_calls_a_re_publication_independent(page, other):
    # A table that reproduces official estimates beside its own (Wheatcroft and Davies's)
    # may be called independent for its own; a source with no reconstructed row may not.
    not_independent = {source for source, found in comparisons.classes_of(other).items()
                       if comparisons.INDEPENDENT not in found}
    wrong = [(sentence[:160], found) for sentence in sentences(page.read_text(encoding="utf-8"))
             if (found := misnamed(sentence, not_independent))]
    assert not wrong, wrong


def test_every_class_of_the_data_has_a_colour():
    assert set(comparisons.CLASS_COLOURS) == set(comparisons.CLASSES)


def test_the_classes_in_the_csv_match_the_loaded_frame(other):
    # Read the file with the csv module, apart from the loader.
    with open(ROOT / "data" / "outside.csv", encoding="utf-8", newline="") as handle:
        by_key = {(row["source"], row["series"], row["period"]): row["source_class"]
                  for row in csv.DictReader(handle)}
    for row in other.itertuples(index=False):
        assert by_key[(row.source, row.series, row.period)] == row.source_class
