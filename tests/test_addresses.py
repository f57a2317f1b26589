"""Every address the book prints is where a reader may legitimately find the work.

The reviewed list ``data/hosts.csv`` names each place (a publisher, a DOI resolver, an
author's or institution's repository, an open archive, a national library, the data's own
keeper), and every web address in the bibliography, the data, the chapters and the built
pages lies under one of them. A work with no legitimate copy open is cited as printed,
with no address. The bibliography cites each work as published, and each statement of the
setting and of the caveats names where in its work it stands.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

import broken_data
import nep
from nep import citations, outside, pages
from test_citations import CITE

ROOT = Path(__file__).resolve().parent.parent
PLACES = list(citations.places().place)
BIBLIOGRAPHY = citations.bibliography()
FRAGMENTS = citations.load()
URL = re.compile(r"https?://[^\s{}<>\"'`)\]]+")


def bibliography_addresses() -> list[tuple[str, str]]:
    """Every web address anywhere in an entry of the bibliography, with the entry's key."""
    return [(key, url.rstrip(".,;")) for key, entry in BIBLIOGRAPHY.items()
            for value in entry.values() for url in URL.findall(value)]


def data_addresses() -> list[tuple[str, str]]:
    """Every address of data/: each cell of an address column, and any web address elsewhere."""
    found = []
    for path in sorted((ROOT / "data").glob("*.csv")):
        if path.name == "hosts.csv":
            continue
        for number, row in enumerate(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))), 1):
            for column, cell in row.items():
                where = f"{path.name} row {number} {column}"
                if column == "address" and cell:
                    found.append((where, cell))
                elif column != "address":
                    found += [(where, url.rstrip(".,;")) for url in URL.findall(cell)]
    return found


def chapter_addresses() -> list[tuple[str, str]]:
    return [(path.name, url.rstrip(".,;")) for path in pages.chapter_files().values()
            for url in URL.findall(path.read_text(encoding="utf-8"))]


ADDRESSES = bibliography_addresses() + data_addresses() + chapter_addresses()


@pytest.mark.parametrize(("where", "address"), ADDRESSES, ids=[where for where, _ in ADDRESSES])
def test_every_address_of_the_bibliography_the_data_and_the_chapters_is_on_a_reviewed_place(where, address):
    assert citations.address_problem(address, PLACES) is None, (where, address)


def test_every_reviewed_place_is_used_so_the_list_stays_the_one_the_book_needs():
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    used = [address for _, address in ADDRESSES] + URL.findall(config)
    unused = [place for place in PLACES
              if not any(citations.address_problem(address, [place]) is None
                         and citations.place_of(address) for address in used)]
    assert unused == []


@pytest.mark.parametrize(("address", "problem"), [
    ("https://www.nber.org/chapters/c1978", None),
    ("https://doi.org/10.4324/9780203881606-15", None),
    ("github:owid/energy-data scripts/input/shift_coal.csv @ " + "a" * 40, None),
    ("", None),
    ("seeds/industry-recovery.txt, line 17", None),
    ("https://studylib.net/doc/12315621/working-paper", "studylib.net is not a reviewed place"),
    ("github:riceissa/maddison-project-data mpd_2013-01.csv @ " + "a" * 40,
     "github.com is not a reviewed place"),
    ("https://uat.taylorfrancis.com/chapters/mono/10.4324/x", "uat.taylorfrancis.com is not"),
    ("https://www.cambridge.org.example.com/core/x", "is not a reviewed place"),
    ("a copy somewhere", "not a web address"),
])
def test_an_address_is_printed_only_on_a_reviewed_place(address, problem):
    found = citations.address_problem(address, PLACES)
    assert (found is None) if problem is None else (problem in found), found


def test_a_host_alone_covers_the_host_and_a_place_with_a_path_only_what_begins_with_it():
    assert citations.place_of("http://runeberg.org/ruspeace/0129.html") == "runeberg.org/ruspeace/0129.html"
    assert citations.place_of("https://Mybinder.org") == "mybinder.org/"
    assert citations.address_problem("https://www.cambridge.org/core/books/x", ["www.cambridge.org/core/"]) is None
    assert citations.address_problem("https://www.cambridge.org/other", ["www.cambridge.org/core/"])
    assert citations.address_problem("https://evil-runeberg.org/x", ["runeberg.org"])


LOADERS = {"citations": citations.load, "outside": outside.load, "hosts": citations.places}


def assert_load_stops(data, dataset: str, row: int, column: str, value: str, expected: str) -> str:
    """Set one cell of ``dataset``, load it, and check the error names file, row and column."""
    broken_data.set_cell(data, row, column, value, dataset=dataset)
    error = broken_data.load_error(data, dataset, LOADERS[dataset])
    broken_data.assert_names(error, row, column, expected, dataset=dataset)
    return str(error)


def test_a_citation_read_on_a_mirror_stops_the_load_naming_row_and_column(data_copy):
    message = assert_load_stops(data_copy, "citations", 3, "address",
                                "https://docslib.org/doc/11033559/some-details-of-growth",
                                "an address on a reviewed place")
    assert "docslib.org is not a reviewed place" in message


def test_an_outside_figure_read_on_a_content_farm_stops_the_load_naming_row_and_column(data_copy):
    assert_load_stops(data_copy, "outside", 2, "address",
                      "https://www.climate-policy-watcher.org/grain-production/x.html",
                      "an address on a reviewed place")


def test_a_place_of_an_unknown_kind_stops_the_load(data_copy):
    assert_load_stops(data_copy, "hosts", 1, "kind", "mirror", "one of")


def test_a_citation_without_its_page_stops_the_load(data_copy):
    assert_load_stops(data_copy, "citations", 1, "page", "", "required")


def test_an_empty_address_for_a_work_with_an_open_copy_stops_the_load(data_copy):
    assert_load_stops(data_copy, "citations", 1, "address", "",
                      "only a work cited as printed (no url in book/references.bib) has none")


# --- Cited as published --------------------------------------------------------------------

# What an entry must name, by its type (a work whose publisher was not seen is a misc entry,
# whose note says so).
REQUIRED = {
    "article": ["journal", "year", "volume", "pages"],
    "book": ["title", "year", "publisher"],
    "incollection": ["title", "booktitle", "year", "publisher"],
    "techreport": ["title", "institution", "number", "year"],
    "misc": ["title", "year", "howpublished"],
}


@pytest.mark.parametrize("key", sorted(BIBLIOGRAPHY))
def test_each_work_is_cited_as_published(key):
    entry = BIBLIOGRAPHY[key]
    assert entry["entrytype"] in REQUIRED, (key, entry["entrytype"])
    missing = [field for field in REQUIRED[entry["entrytype"]] if not entry.get(field, "").strip()]
    if entry["entrytype"] == "misc" and missing == ["year"] and entry.get("urldate"):
        missing = []                      # an undated web page: cited with the day it was read
    assert missing == [], (key, missing)
    if entry["entrytype"] == "article":
        assert re.fullmatch(r"\d+--\d+", entry["pages"]), (key, entry["pages"])


@pytest.mark.parametrize("key", sorted(BIBLIOGRAPHY))
def test_an_entry_names_no_copy_it_may_not_link_to(key):
    """The notes say what was read, never where an unauthorised copy sits."""
    text = " ".join(BIBLIOGRAPHY[key].values()).lower()
    for host in ("docslib", "studylib", "fdocuments", "9dok", "vdocuments", "rulit", "fb2.top",
                 "bibliboba", "litmir", "litlife", "5rik", "wikireading", "booksonline", "zzapomni",
                 "climate-policy-watcher", "gluedideas", "uat.", "smi24", "ukrbukva"):
        assert host not in text, (key, host)


def cite_after(text: str, statement: str, key: str) -> str | None:
    """The locator the chapter gives ``key`` in the first citation of it after ``statement``."""
    match = re.search(r"\s+".join(re.escape(word) for word in statement.split()), text)
    assert match, statement
    for cite in CITE.finditer(text, match.end()):
        # Read as sphinxcontrib-bibtex reads a citation: key{post-text}, the post-text a locator.
        for target in parse_citation_targets(cite.group(1)):
            if target.key == key:
                return target.post or None
    return None


@pytest.mark.parametrize("row", list(FRAGMENTS.itertuples(index=False)),
                         ids=lambda row: f"{row.key}/{row.chapter}/{row.statement[:30]}")
def test_each_statement_of_the_setting_and_the_caveats_names_its_page_as_the_data_does(row):
    text = pages.chapter_file(row.chapter).read_text(encoding="utf-8")
    assert cite_after(text, row.statement, row.key) == row.page


def test_cite_after_reads_the_locator_of_the_right_work():
    text = "A claim {cite:p}`other{p. 3}`. Then {cite:p}`first{p. 2, n. 4},nutter1962{ch. 7, 'Pre-Plan'}` more."
    assert cite_after(text, "A claim", "nutter1962") == "ch. 7, 'Pre-Plan'"
    assert cite_after(text, "A claim", "other") == "p. 3"
    assert cite_after("A claim {cite:p}`nutter1962`.", "A claim", "nutter1962") is None


def test_a_work_cited_as_printed_has_no_address_in_the_bibliography_or_the_data():
    printed = {key for key, entry in BIBLIOGRAPHY.items() if "url" not in entry}
    figures = outside.load()
    without = set(figures[figures.address.isna()].source) | \
        set(FRAGMENTS[FRAGMENTS.address.isna()].key)
    assert without <= printed
    assert "perekhod1961" in printed


# --- The built pages ----------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and value.startswith(("http://", "https://")):
                self.links.append(value)


def test_every_link_of_the_built_pages_is_on_a_reviewed_place(built_book):
    assert built_book.returncode == 0, built_book.log[-3000:]
    outside_links = {}
    for page in sorted(built_book.html.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            if citations.address_problem(link, PLACES):
                outside_links.setdefault(link, page.name)
    assert outside_links == {}
    assert (built_book.html / "book" / "03_setting.html").is_file()
