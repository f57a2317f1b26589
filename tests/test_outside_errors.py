"""Bad outside data stops the load with the same clear error as the text's own data:
one nep.DataError naming the file, the row and the column, and what was expected."""

from __future__ import annotations

import functools
from pathlib import Path


import broken_data
import nep
from nep import outside

FILE = "data/outside.csv"


read_rows = functools.partial(broken_data.read_rows, dataset="outside")
write_rows = functools.partial(broken_data.write_rows, dataset="outside")
set_cell = functools.partial(broken_data.set_cell, dataset="outside")
load_error = functools.partial(broken_data.load_error, dataset="outside", load=outside.load)
assert_names = functools.partial(broken_data.assert_names, dataset="outside")


def find_row(data: Path, series: str, period: str) -> int:
    """The row number (1 = first after the header) of a series and period."""
    rows = read_rows(data)
    return next(number for number, row in enumerate(rows) if row[:2] == [series, period])


def test_the_real_data_loads(data_copy):
    assert len(outside.load(directory=data_copy)) > 0


def test_non_numeric_value(data_copy):
    row = find_row(data_copy, "donbas_coal_output_index", "1925/26")
    set_cell(data_copy, row, "value", "77,5")
    assert_names(load_error(data_copy), row, "value", "a number written with digits")


def test_value_not_in_its_fragment(data_copy):
    row = find_row(data_copy, "gdp_per_head", "1926")
    set_cell(data_copy, row, "value", "1252")
    assert_names(load_error(data_copy), row, "value", "a number stated in its fragment")


def test_wrong_decimal_mark(data_copy):
    # "77,5%" read with a decimal point is 775 or 77 and 5, never 77.5.
    row = find_row(data_copy, "donbas_coal_output_index", "1925/26")
    set_cell(data_copy, row, "decimal_mark", "point")
    assert_names(load_error(data_copy), row, "value", "with a decimal point")


def test_unknown_decimal_mark(data_copy):
    row = find_row(data_copy, "gdp_per_head", "1913")
    set_cell(data_copy, row, "decimal_mark", "space")
    assert_names(load_error(data_copy), row, "decimal_mark", "one of 'point', 'comma'")


def test_ocr_reading_not_in_the_fragment(data_copy):
    row = find_row(data_copy, "industrial_output_growth", "1924/25")
    set_cell(data_copy, row, "reading", "6o")
    assert_names(load_error(data_copy), row, "reading", "the characters as printed")


def test_derived_value_that_its_formula_does_not_give(data_copy):
    row = find_row(data_copy, "oil_output_index", "1925")
    set_cell(data_copy, row, "value", "81")
    error = load_error(data_copy)
    assert_names(error, row, "value", "the value its formula gives, 78.8")


def test_formula_naming_a_row_that_is_not_there(data_copy):
    row = find_row(data_copy, "gdp_per_head_index", "1926")
    set_cell(data_copy, row, "formula", "round(100 * {gdp_per_head[1929]} / {gdp_per_head[1913]}, 1)")
    assert_names(load_error(data_copy), row, "formula", "a stated row gdp_per_head 1929")


def test_formula_with_code_in_it(data_copy):
    row = find_row(data_copy, "gdp_per_head_index", "1926")
    set_cell(data_copy, row, "formula", "__import__('os').getpid() + {gdp_per_head[1926]}")
    assert_names(load_error(data_copy), row, "formula", "arithmetic on {series[period]}")


def test_derived_row_without_formula(data_copy):
    row = find_row(data_copy, "gdp_per_head_index", "1926")
    set_cell(data_copy, row, "formula", "")
    assert_names(load_error(data_copy), row, "formula", "a formula on a derived row")


def test_stated_row_with_a_formula(data_copy):
    row = find_row(data_copy, "gdp_per_head", "1926")
    set_cell(data_copy, row, "formula", "{gdp_per_head[1925]}")
    assert_names(load_error(data_copy), row, "formula", "no formula on a stated row")


def test_source_not_in_the_bibliography(data_copy):
    row = find_row(data_copy, "gdp_per_head", "1926")
    set_cell(data_copy, row, "source", "maddison2020")
    assert_names(load_error(data_copy), row, "source", "a key of book/references.bib")


def test_statement_with_a_value(data_copy):
    row = find_row(data_copy, "industrial_output_prewar_passed", "1926/27")
    set_cell(data_copy, row, "value", "100")
    assert_names(load_error(data_copy), row, "value", "no value and no unit for a statement")


def test_figure_without_a_value(data_copy):
    row = find_row(data_copy, "gdp_per_head", "1926")
    set_cell(data_copy, row, "value", "")
    assert_names(load_error(data_copy), row, "value", "a value (only a statement has none)")


def test_missing_address(data_copy):
    row = find_row(data_copy, "gdp_per_head", "1926")
    set_cell(data_copy, row, "address", "")
    assert_names(load_error(data_copy), row, "address",
                 "only a work cited as printed (no url in book/references.bib) has none")


def test_unknown_unit(data_copy):
    row = find_row(data_copy, "gdp_per_head", "1926")
    set_cell(data_copy, row, "unit", "dollars")
    assert_names(load_error(data_copy), row, "unit", "one of 'EJ'")


def test_period_in_an_unknown_format(data_copy):
    row = find_row(data_copy, "gdp_per_head", "1926")
    set_cell(data_copy, row, "period", "1926 (calendar)")
    assert_names(load_error(data_copy), row, "period", "text matching")


def test_duplicate_series_period_and_source(data_copy):
    rows = read_rows(data_copy)
    rows.append(list(rows[1]))
    write_rows(data_copy, rows)
    error = load_error(data_copy)
    assert_names(error, len(rows) - 1, "source", "a unique series + period + source")
    assert "first at row 1" in str(error)


def test_missing_column(data_copy):
    rows = read_rows(data_copy)
    column = rows[0].index("fragment")
    write_rows(data_copy, [row[:column] + row[column + 1:] for row in rows])
    assert_names(load_error(data_copy), 1, "fragment", "the header series,period,value")


def test_file_that_is_not_utf8(data_copy):
    raw = (data_copy / "outside.csv").read_bytes()
    (data_copy / "outside.csv").write_bytes(raw.replace("Выплавка".encode(), b"\xc2\xc2", 1))
    error = load_error(data_copy)
    assert FILE in str(error) and "UTF-8 text" in str(error) and error.column == "fragment"


def test_empty_file(data_copy):
    (data_copy / "outside.csv").write_text("", encoding="utf-8")
    assert "an empty file" in str(load_error(data_copy))
