"""The year convention of every series, and the comparisons that depend on it.

Every series of the text states whether its plain years are calendar years or economic
years (October to September) labelled by the year in which they close, with its reasons;
the comparisons pair figures by that convention and give one reason for each gap.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

import pandas as pd
import pytest

import broken_data
import nep
from nep import comparisons, outside

ROOT = Path(__file__).resolve().parents[1]
read_rows = functools.partial(broken_data.read_rows, dataset="year_conventions")
write_rows = functools.partial(broken_data.write_rows, dataset="year_conventions")
set_cell = functools.partial(broken_data.set_cell, dataset="year_conventions")
assert_names = functools.partial(broken_data.assert_names, dataset="year_conventions")

TEXT = nep.load_all()
OTHER = outside.load()


def load_conventions(directory=None):
    return comparisons.conventions(directory, text=TEXT, other=OTHER)


def csv_rows(name: str) -> list[dict[str, str]]:
    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_series_of_the_text_has_a_convention_with_reasons():
    table = load_conventions()
    stated = table[table.source == "text"]
    assert set(stated.series) == set(TEXT.series)
    assert (stated.reasons.str.len() > 10).all()


def test_a_series_without_a_convention_stops_the_load(data_copy):
    rows = read_rows(data_copy)
    dropped = next(number for number, row in enumerate(rows) if row[0] == "industrial_output_growth")
    del rows[dropped]
    write_rows(data_copy, rows)
    error = broken_data.load_error(data_copy, dataset="year_conventions", load=load_conventions)
    assert "data/year_conventions.csv" in str(error) and "industrial_output_growth" in str(error)


def test_a_convention_for_no_series_stops_the_load(data_copy):
    set_cell(data_copy, 2, "series", "no_such_series")
    assert_names(broken_data.load_error(data_copy, dataset="year_conventions", load=load_conventions),
                 2, "series", "a series of")


def test_an_unknown_convention_stops_the_load(data_copy):
    set_cell(data_copy, 1, "convention", "fiscal")
    assert_names(broken_data.load_error(data_copy, dataset="year_conventions", load=load_conventions),
                 1, "convention", "one of 'calendar year'")


def test_a_plain_year_of_a_series_was_written_as_it_stands():
    # A series decided by its label alone must not have plain years other than 1913
    # unless the convention is the calendar year or a span.
    table = load_conventions()
    for row in table[(table.source == "text") & (table.convention == "economic year, as labelled")].itertuples():
        periods = TEXT.loc[TEXT.series == row.series, "period"]
        assert all(period == "1913" or "/" in period for period in periods), row.series


def test_a_closing_economic_year_begins_in_october_of_the_year_before():
    assert comparisons.plotted_start("1925", comparisons.ECONOMIC_CLOSING) == pd.Timestamp(1924, 10, 1)
    assert comparisons.plotted_start("1913", comparisons.ECONOMIC_CLOSING) == pd.Timestamp(1913, 1, 1)
    assert comparisons.plotted_start("1925", "calendar year") == pd.Timestamp(1925, 1, 1)
    assert comparisons.economic_label("1926", comparisons.ECONOMIC_CLOSING) == "1925/26"
    assert comparisons.economic_label("1926", "calendar year") == "1926"


def test_the_output_index_is_read_as_economic_years():
    table = load_conventions()
    for series in ["industrial_output_growth", "gross_output_comparable_range", "gross_output_excess_over_prewar"]:
        assert comparisons.convention_of(table, series) == comparisons.ECONOMIC_CLOSING, series
        assert table.loc[(table.series == series) & (table.source == "text"), "decided_by"].iloc[0] != "untested"


def test_every_comparison_has_a_known_reason_page_and_rows():
    found = comparisons.comparisons(TEXT, OTHER)
    assert len(found) == len(comparisons.COMPARISONS)
    assert set(found.reason) <= set(comparisons.REASONS)
    assert set(found.page) <= set(outside.CHAPTER_TITLES)
    assert set(found.source_class) <= set(comparisons.CLASSES)


def test_agreement_is_claimed_only_where_the_figures_are_close():
    found = comparisons.comparisons(TEXT, OTHER)
    assert (found.loc[found.reason == "agreement", "gap"].abs() < 1.5).all()
    # A gap of a fifth or more is never called agreement.
    assert (found.loc[found.gap.abs() >= 20, "reason"] != "agreement").all()


def test_steel_1913_gap_recomputed_from_the_files():
    # Read both files with the csv module, apart from the code under test.
    text_steel = next(float(row["value"]) for row in csv_rows("heavy_light")
                      if row["series"] == "steel_output" and row["period"] == "1913")
    other_steel = next(float(row["value"]) for row in csv_rows("outside")
                       if (row["source"], row["series"], row["period"]) == ("perekhod1961", "steel_output", "1913"))
    expected = (text_steel / 1000 / other_steel - 1) * 100
    found = comparisons.comparisons(TEXT, OTHER, page="against_metals")
    steel = found[(found.figure == "Steel, 1913") & (found.source == "perekhod1961")]
    assert steel.gap.iloc[0] == pytest.approx(expected)


def test_growth_1925_is_paired_with_the_same_economic_year():
    found = comparisons.comparisons(TEXT, OTHER, page="against_aggregate")
    growth = found[found.figure == "Growth of industry, 1925"].iloc[0]
    table = load_conventions()
    label = comparisons.economic_label("1925", comparisons.convention_of(table, "industrial_output_growth"))
    assert growth.other_period == label


def test_the_best_estimate_prefers_an_independent_reconstruction():
    found = comparisons.comparisons(TEXT, OTHER)
    best = comparisons.best_estimates(found)
    assert best.figure.is_unique
    for figure, group in found.groupby("figure"):
        chosen = best.loc[best.figure == figure, "source_class"].iloc[0]
        if comparisons.INDEPENDENT in set(group.source_class):
            assert chosen == comparisons.INDEPENDENT, figure
