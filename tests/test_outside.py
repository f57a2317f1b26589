"""The figures from other sources: each stands in its fragment, in the fragment's own
number format; each derived figure recomputes from the stated ones; each names its work."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import nep
from nep import outside, pages

FIGURES = outside.load()
STATED = FIGURES[(FIGURES["derived"] == "no") & (FIGURES["kind"] != "statement")]
DERIVED = FIGURES[FIGURES["derived"] == "yes"]


def row_id(row) -> str:
    return f"{row.source}/{row.series}/{row.period}"


@pytest.mark.parametrize("row", list(STATED.itertuples(index=False)), ids=row_id)
def test_each_stated_figure_stands_in_its_fragment(row):
    reading = None if pd.isna(row.reading) else row.reading
    assert outside.states_value(row.fragment, row.value, row.decimal_mark, reading), \
        f"{row.value} not in {row.fragment!r}"


@pytest.mark.parametrize("row", list(DERIVED.itertuples(index=False)), ids=row_id)
def test_each_derived_figure_recomputes_from_stated_rows_of_its_source(row):
    inputs = outside.inputs_of(row.formula)
    assert inputs, row.formula
    values = {}
    for series, period in inputs:
        match = STATED[(STATED.source == row.source) & (STATED.series == series) & (STATED.period == period)]
        assert len(match) == 1, f"{series} {period} is not one stated row of {row.source}"
        values[(series, period)] = float(match.value.iloc[0])
        # The derived row shows where its inputs were read.
        assert outside.states_value(row.fragment, values[(series, period)], match.decimal_mark.iloc[0])
    recomputed = outside.evaluate(row.formula, lambda series, period: values[(series, period)])
    assert recomputed == pytest.approx(row.value, rel=1e-12)


def test_recompute_gives_every_derived_value_and_nothing_else():
    recomputed = outside.recompute(FIGURES)
    derived = FIGURES["derived"] == "yes"
    assert recomputed[derived].to_numpy() == pytest.approx(FIGURES.loc[derived, "value"].to_numpy())
    assert recomputed[~derived].isna().all()


def test_oil_converts_back_to_tonnes_exactly():
    """Each energy value is a whole number of kilotonnes at 41.868 GJ per tonne."""
    oil = FIGURES[FIGURES.series == "oil_output_energy"]
    kilotonnes = oil.value / 0.000041868
    assert (kilotonnes - kilotonnes.round()).abs().max() < 1e-6


@pytest.mark.parametrize(("fragment", "mark", "value"), [
    ("лишь 77,5% от уровня 1913 г.", "comma", 77.5),          # Russian decimal comma
    ("составила всего 115 тыс. т против 4216 тыс. т", "comma", 4216),
    ("(2,7%)", "comma", 2.7),
    ("in thousands of pouds : 1913, 257,398; 1915, 225,210", "point", 257398),  # poods, grouped
    ("F. USSR =1,414", "point", 1414),
    ("Russian Federation & USSR=0.828185884", "point", 0.828185884),
    ("it was 3,248,000,000.", "point", 3248000000),
])
def test_numbers_are_read_in_each_fragment_own_format(fragment, mark, value):
    assert outside.states_value(fragment, value, mark)


@pytest.mark.parametrize(("fragment", "mark", "value"), [
    ("лишь 77,5% от уровня", "point", 77.5),      # a decimal comma is not a thousands comma
    ("F. USSR =1,414", "comma", 1414),             # ... nor the other way round
    ("1913, 257,398", "point", 257),
    ("0.828185884", "point", 0.828),
])
def test_a_number_read_with_the_wrong_mark_or_in_part_is_not_the_value(fragment, mark, value):
    assert not outside.states_value(fragment, value, mark)


@pytest.mark.parametrize(("printed", "value"), [("25-7", 25.7), ("7 6", 7.6), ("4’ 5", 4.5),
                                                ("I*o7", 1.07), ("0*65", 0.65), ("Go", 60)])
def test_ocr_readings(printed, value):
    assert outside.read_ocr(printed) == pytest.approx(value)


def test_every_ocr_reading_is_flagged_and_every_flag_has_a_reading():
    flagged = FIGURES["caution"] == "OCR reading"
    assert (flagged == FIGURES["reading"].notna()).all()


def test_statements_have_no_value_and_no_unit():
    statements = FIGURES[FIGURES.kind == "statement"]
    assert len(statements) > 0
    assert statements.value.isna().all() and statements.unit.isna().all()
    assert statements.note.notna().all()


def test_every_source_is_a_bibliography_key():
    assert set(FIGURES.source) <= set(outside.bibliography_entries())


def test_left_out_sources_stay_out():
    """The notes say what to leave out; data/datapackage.json says why."""
    addresses = " ".join(FIGURES.address.dropna())
    assert "91.205.84.46" not in addresses            # forum post with no traceable origin
    assert "Iron Ore Production" not in addresses     # Clio Infra iron ore: unit doubtful
    description = nep.resource("outside")["description"]
    for reason in ["no traceable origin", "unit is doubtful", "not seen again", "names no source",
                   "his own paper was not read"]:
        assert reason in description


def test_outside_figures_stay_apart_from_the_text():
    assert "outside" not in nep.theme_names()
    assert len(outside.load()) == len(FIGURES)
    assert "source" not in nep.load_all().columns


def test_periods_start_where_they_should():
    starts = {(row.series, row.period): row.start for row in FIGURES.itertuples(index=False)}
    assert starts[("electricity_generation", "1925/26")].strftime("%Y-%m") == "1925-10"
    assert starts[("grain_harvest_official_1930s", "1909-1913")].year == 1909
    assert math.isnan(FIGURES.loc[FIGURES.period == "pre-war", "start_year"].astype(float).iloc[0])


def test_every_pood_conversion_uses_the_one_pood():
    pood_formulas = DERIVED[DERIVED.formula.str.contains("16.")].formula
    assert len(pood_formulas) >= 3
    assert all(f"* {outside.POOD_KG} / 1000" in formula for formula in pood_formulas)


def test_every_compared_figure_is_a_figure_of_the_text_and_its_chapter_exists():
    text = nep.load_all()
    keys = {nep.figure_key(r.theme, r.series, r.period) for r in text.itertuples(index=False)}
    assert set(outside.COMPARED) <= keys
    for chapter in set(outside.COMPARED.values()):
        assert pages.chapter_file(chapter).is_file()
        assert chapter in outside.CHAPTER_TITLES


def test_every_source_has_a_caption_label_and_every_address_a_link_or_a_reason():
    assert set(FIGURES.source) <= set(outside.SOURCE_LABELS)
    # A row without an address cites its work as printed: no legitimate copy is open.
    assert all(outside.address_url(address) for address in FIGURES.address.dropna())
    assert outside.address_url("github:owner/repo some dir/file.csv @ " + "a" * 40) == \
        "https://github.com/owner/repo/blob/" + "a" * 40 + "/some%20dir/file.csv"
