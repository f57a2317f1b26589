"""Helpers for tests that break one CSV of a scratch copy of data/ and read the error."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import nep


def read_rows(data: Path, dataset: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((data / f"{dataset}.csv").read_text(encoding="utf-8"))))


def write_rows(data: Path, rows: list[list[str]], dataset: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (data / f"{dataset}.csv").write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(data: Path, row: int, column: str, value: str, dataset: str) -> None:
    """Change one cell; row 1 is the first row after the header."""
    rows = read_rows(data, dataset)
    rows[row][rows[0].index(column)] = value
    write_rows(data, rows, dataset)


def load_error(data: Path, dataset: str, load=None) -> nep.DataError:
    """The error that loading ``dataset`` from ``data`` raises (``load(directory)`` if given)."""
    with pytest.raises(nep.DataError) as caught:
        if load is None:
            nep.load(dataset, directory=data)
        else:
            load(data)
    return caught.value


def assert_names(error: nep.DataError, row: int, column: str, expected: str, dataset: str) -> None:
    """The error names the file, the row, the column and what was expected."""
    file = f"data/{dataset}.csv"
    message = str(error)
    assert file in message, message
    assert f"row {row}" in message, message
    assert f"column '{column}'" in message, message
    assert expected in message, message
    assert (error.file, error.row, error.column) == (file, row, column)
