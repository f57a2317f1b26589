"""Bad input stops the load with one clear error naming the file, the row and the column."""

from __future__ import annotations

import functools

import pytest

import broken_data
import nep

FILE = "data/fuel.csv"


read_rows = functools.partial(broken_data.read_rows, dataset="fuel")
write_rows = functools.partial(broken_data.write_rows, dataset="fuel")
set_cell = functools.partial(broken_data.set_cell, dataset="fuel")
load_error = functools.partial(broken_data.load_error, dataset="fuel")
assert_names = functools.partial(broken_data.assert_names, dataset="fuel")


def test_the_real_data_loads(data_copy):
    assert len(nep.load("fuel", directory=data_copy)) > 0


def test_non_numeric_value(data_copy):
    set_cell(data_copy, 3, "value", "36,2")
    assert_names(load_error(data_copy), 3, "value", "expected a number")


def test_missing_required_value(data_copy):
    set_cell(data_copy, 2, "unit", "")
    assert_names(load_error(data_copy), 2, "unit", "the field is required")


def test_unknown_unit(data_copy):
    set_cell(data_copy, 1, "unit", "per cent")
    assert_names(load_error(data_copy), 1, "unit", "one of 'percent'")


def test_unknown_kind(data_copy):
    set_cell(data_copy, 1, "kind", "fraction")
    assert_names(load_error(data_copy), 1, "kind", "one of 'level'")


def test_period_in_an_unknown_format(data_copy):
    set_cell(data_copy, 2, "period", "1921-22 (fiscal)")
    assert_names(load_error(data_copy), 2, "period", "text matching")


def test_duplicate_series_and_period(data_copy):
    rows = read_rows(data_copy)
    rows.append(list(rows[1]))
    write_rows(data_copy, rows)
    error = load_error(data_copy)
    assert_names(error, len(rows) - 1, "period", "a unique series + period")
    assert "first at row 1" in str(error)


def test_quote_not_in_the_source(data_copy):
    set_cell(data_copy, 1, "quote", "coal accounted for 62% of all fuel burnt by railways")
    assert_names(load_error(data_copy), 1, "quote", "occurring exactly once")


def test_value_not_in_its_quote(data_copy):
    set_cell(data_copy, 2, "value", "27.3")
    error = load_error(data_copy)
    assert_names(error, 2, "value", "a number stated in its quote")
    assert "27.3" in str(error)


def test_missing_column(data_copy):
    rows = [row[:3] + row[4:] for row in read_rows(data_copy)]  # drop 'unit'
    write_rows(data_copy, rows)
    assert_names(load_error(data_copy), 1, "unit", "the header series,period,value,unit")


def test_extra_column(data_copy):
    rows = [row + ["x"] for row in read_rows(data_copy)]
    rows[0][-1] = "source_page"
    write_rows(data_copy, rows)
    error = load_error(data_copy)
    assert_names(error, 1, "source_page", "the header")
    assert "extra ['source_page']" in str(error)


def test_row_with_too_few_fields(data_copy):
    text = (data_copy / "fuel.csv").read_text(encoding="utf-8").splitlines()
    text[4] = "coal_mined,1926/27,30000"
    (data_copy / "fuel.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert_names(load_error(data_copy), 4, "unit", "8 fields")


def test_unclosed_quote_is_malformed_csv(data_copy):
    text = (data_copy / "fuel.csv").read_text(encoding="utf-8")
    (data_copy / "fuel.csv").write_text(text + 'coal_mined,1926/27,1,thousand tonnes,level,,"never closed\n',
                                        encoding="utf-8")
    error = load_error(data_copy)
    assert FILE in str(error) and "well-formed CSV" in str(error)
    assert error.line is not None


def test_file_that_is_not_utf8(data_copy):
    # A Latin-1 "é" in the quote of row 7 (line 8): "mainly firewood" becomes "mainly firewoodé".
    raw = (data_copy / "fuel.csv").read_bytes().replace(b'mainly firewood"', b'mainly firewood\xe9"')
    (data_copy / "fuel.csv").write_bytes(raw)
    error = load_error(data_copy)
    assert_names(error, 7, "quote", "UTF-8 text")
    assert "0xe9" in str(error)


def test_empty_file(data_copy):
    (data_copy / "fuel.csv").write_text("", encoding="utf-8")
    error = load_error(data_copy)
    assert FILE in str(error) and "an empty file" in str(error)


def test_header_only(data_copy):
    rows = read_rows(data_copy)[:1]
    write_rows(data_copy, rows)
    error = load_error(data_copy)
    assert FILE in str(error) and "at least one row" in str(error)


def test_missing_file(data_copy):
    (data_copy / "fuel.csv").unlink()
    error = load_error(data_copy)
    assert FILE in str(error) and "no such file" in str(error)


def test_padded_cell_is_not_silently_trimmed(data_copy):
    set_cell(data_copy, 1, "series", " railway_fuel_coal_share")
    assert_names(load_error(data_copy), 1, "series", "no leading or trailing spaces")


def test_unknown_dataset_name():
    with pytest.raises(nep.DataError, match="a resource named one of: food"):
        nep.load("weather")
