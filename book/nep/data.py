"""Finding, reading and validating the text's data.

* finding ``data/`` and ``seeds/`` from wherever a notebook runs (the repository
  root, ``book/`` as Jupyter and Binder start it, ``tests/``, an unzipped download);
* loading one dataset, validated against ``data/datapackage.json`` (the only
  place the schema is written) and against the source text itself.

Bad input never reaches a chart: every problem raises :class:`DataError`, whose
message names the file, the row, the column and what was expected.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .numbers import states_value

SOURCE_NAME = "industry-recovery.txt"

# ---------------------------------------------------------------------------
# Finding the project's folders
# ---------------------------------------------------------------------------


def _candidate_roots() -> list[Path]:
    here = Path(__file__).resolve().parent.parent  # book/
    cwd = Path.cwd().resolve()
    roots = []
    if os.environ.get("NEP_ROOT"):
        roots.append(Path(os.environ["NEP_ROOT"]).resolve())
    # The module's own place first (book/ inside the repository), then where
    # the notebook was started: a downloaded notebook beside a data/ folder.
    roots += [here.parent, here, cwd, cwd.parent]
    return roots


def find_folder(name: str) -> Path:
    """Return the project's ``data`` or ``seeds`` folder, wherever we run from."""
    tried = []
    for root in _candidate_roots():
        folder = root / name
        tried.append(str(folder))
        if folder.is_dir():
            return folder
    raise DataError(
        file=name + "/",
        expected=f"a folder '{name}' in one of: {', '.join(dict.fromkeys(tried))}",
        found="none of them exists",
    )


def data_dir() -> Path:
    return find_folder("data")


def source_path() -> Path:
    return find_folder("seeds") / SOURCE_NAME


@lru_cache(maxsize=4)
def _read_source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def source_text() -> str:
    """The source chapter, exactly as stored in ``seeds/``."""
    path = source_path()
    if not path.is_file():
        raise DataError(file=str(path), expected="the source text", found="no such file")
    return _read_source(str(path))


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


class DataError(ValueError):
    """Bad input in ``data/``: the message names file, row, column and what was expected."""

    def __init__(self, file: str, expected: str, found: str = "", row: int | None = None,
                 column: str | None = None, line: int | None = None):
        self.file, self.row, self.column = file, row, column
        self.expected, self.found, self.line = expected, found, line
        where = [file]
        if row is not None:
            where.append(f"row {row}" + (f" (line {line})" if line is not None else ""))
        elif line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        message = ", ".join(where) + f": expected {expected}"
        if found:
            message += f"; found {found}"
        super().__init__(message)

# Periods
# ---------------------------------------------------------------------------

_MONTHS = {name: number for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], start=1)}


def period_start(period: str) -> pd.Timestamp:
    """When a period begins. ``1921/22`` is a fiscal year: it starts in October 1921.

    An ``undated`` figure (the text gives no period) has no start: ``NaT``.
    """
    if period == "undated":
        return pd.NaT
    if re.fullmatch(r"\d{4}", period):
        return pd.Timestamp(int(period), 1, 1)
    if re.fullmatch(r"\d{4}/\d{2}(-\d{4}/\d{2})?", period):
        return pd.Timestamp(int(period[:4]), 10, 1)
    if re.fullmatch(r"\d{4}-\d{2}", period) or re.fullmatch(r"\d{4}-\d{4}", period):
        return pd.Timestamp(int(period[:4]), 1, 1)
    match = re.fullmatch(r"end of (\d{4})( to [A-Z][a-z]+ \d{4})?", period)
    if match:
        return pd.Timestamp(int(match.group(1)), 12, 1)
    raise ValueError(f"unknown period format: {period!r}")


# ---------------------------------------------------------------------------
# The data package
# ---------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _read_package(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def package() -> dict:
    path = data_dir() / "datapackage.json"
    if not path.is_file():
        raise DataError(file=str(path), expected="the data package description", found="no such file")
    return _read_package(str(path))


def resource(name: str) -> dict:
    for entry in package()["resources"]:
        if entry["name"] == name:
            return entry
    names = ", ".join(entry["name"] for entry in package()["resources"])
    raise DataError(file="datapackage.json", expected=f"a resource named one of: {names}",
                    found=repr(name))


def theme_names() -> list[str]:
    """The datasets that hold the text's figures (each row quotes the source)."""
    return [entry["name"] for entry in package()["resources"] if "quote" in
            [field["name"] for field in entry["schema"]["fields"]]]


def _read_rows(path: Path, label: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows of a CSV file, each row with its line number."""
    if not path.is_file():
        raise DataError(file=label, expected="a CSV file described in datapackage.json",
                        found="no such file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        # Name the column too: read the broken line leniently and find the damaged field.
        header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", "replace")]))
        broken = raw.split(b"\n")[line - 1].decode("utf-8", "replace")
        fields = next(csv.reader([broken]), [])
        column = next((header[i] for i, cell in enumerate(fields)
                       if "\ufffd" in cell and i < len(header)), None)
        raise DataError(file=label, row=line - 1 if line > 1 else None, line=line, column=column,
                        expected="UTF-8 text",
                        found=f"byte {raw[error.start]:#04x} at offset {error.start}") from None
    if not text.strip():
        raise DataError(file=label, expected="a header line and at least one row", found="an empty file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        header = next(reader)
        for fields in reader:
            rows.append((reader.line_num, fields))
    except csv.Error as error:
        raise DataError(file=label, line=reader.line_num + 1, expected="well-formed CSV",
                        found=str(error)) from None
    if not rows:
        raise DataError(file=label, expected="at least one row after the header", found="none")
    return header, rows


def _check_cell(label: str, row: int, line: int, field: dict, cell: str):
    """One cell converted to its schema type, or a DataError saying why not."""
    name, constraints = field["name"], field.get("constraints", {})

    def fail(expected: str):
        raise DataError(file=label, row=row, line=line, column=name, expected=expected, found=repr(cell))

    if cell == "":
        if constraints.get("required"):
            fail("a value (the field is required)")
        return None
    if cell != cell.strip():
        fail("no leading or trailing spaces")
    if field["type"] == "number":
        if not re.fullmatch(r"-?\d+(\.\d+)?", cell):
            fail("a number written with digits and an optional decimal point")
        return float(cell)
    if "enum" in constraints and cell not in constraints["enum"]:
        fail("one of " + ", ".join(repr(option) for option in constraints["enum"]))
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], cell):
        fail(f"text matching {constraints['pattern']}")
    if len(cell) < constraints.get("minLength", 0):
        fail(f"at least {constraints['minLength']} characters")
    return cell


def read_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Read and validate one resource of the data package, without the source checks."""
    entry = resource(name)
    directory = directory or data_dir()
    label = f"data/{entry['path']}"
    header, rows = _read_rows(directory / entry["path"], label)
    fields = entry["schema"]["fields"]
    expected = [field["name"] for field in fields]
    if header != expected:
        missing = [column for column in expected if column not in header]
        extra = [column for column in header if column not in expected]
        column = (missing or extra or [next(h for h, e in zip(header, expected) if h != e)])[0]
        found = (f"missing {missing}" if missing else "") + (f" extra {extra}" if extra else "")
        raise DataError(file=label, row=1, line=1, column=column,
                        expected=f"the header {','.join(expected)}",
                        found=found.strip() or f"the columns in the order {','.join(header)}")
    records, seen = [], {}
    key = entry["schema"]["primaryKey"]
    for number, (line, cells) in enumerate(rows, start=1):
        if len(cells) != len(fields):
            column = fields[min(len(cells), len(fields) - 1)]["name"]
            raise DataError(file=label, row=number, line=line, column=column,
                            expected=f"{len(fields)} fields", found=f"{len(cells)}")
        record = {field["name"]: _check_cell(label, number, line, field, cell)
                  for field, cell in zip(fields, cells)}
        identity = tuple(record[column] for column in key)
        if identity in seen:
            raise DataError(file=label, row=number, line=line, column=key[-1],
                            expected=f"a unique {' + '.join(key)}",
                            found=f"{identity} again (first at row {seen[identity]})")
        seen[identity] = number
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=expected)
    for field in fields:
        frame[field["name"]] = frame[field["name"]].astype(
            "float64" if field["type"] == "number" else "string")
    return frame


def check_provenance(frame: pd.DataFrame, label: str, source: str | None = None) -> None:
    """Each quote occurs exactly once in the source, and states the row's value."""
    source = source_text() if source is None else source
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        count = source.count(row.quote)
        if count != 1:
            raise DataError(file=label, row=number, line=number + 1, column="quote",
                            expected="a verbatim fragment occurring exactly once in seeds/" + SOURCE_NAME,
                            found=f"{count} occurrences of {row.quote!r}")
        if not states_value(row.quote, row.value):
            raise DataError(file=label, row=number, line=number + 1, column="value",
                            expected=f"a number stated in its quote {row.quote!r}",
                            found=f"{row.value:g}")


def load(name: str, directory: Path | None = None) -> pd.DataFrame:
    """One theme's figures, validated, with ``start`` (a date), ``start_year`` and ``theme`` added.

    ``start`` is when the period begins, so fiscal years (October to September)
    and calendar years sort and plot in their true order.
    """
    frame = read_table(name, directory)
    label = f"data/{resource(name)['path']}"
    if "quote" in frame.columns:
        check_provenance(frame, label)
        starts = []
        for number, period in enumerate(frame["period"], start=1):
            try:
                starts.append(period_start(period))
            except ValueError:
                raise DataError(file=label, row=number, line=number + 1, column="period",
                                expected="a period format the loader knows", found=repr(period)) from None
        frame["start"] = pd.to_datetime(starts)
        frame["start_year"] = frame["start"].dt.year.astype("Int64")
        frame["theme"] = pd.Series([name] * len(frame), dtype="string")
    return frame


def load_all() -> pd.DataFrame:
    """Every figure of every theme in one frame, with a ``theme`` column."""
    frames = [load(name) for name in theme_names()]
    return pd.concat(frames, ignore_index=True)


def rows(frame: pd.DataFrame, series: str, periods: list[str] | None = None) -> pd.DataFrame:
    """The rows of one ``series`` (in ``periods`` alone, if given); series names are unique
    across themes, so ``frame`` may be one theme or all of them."""
    found = frame[frame["series"] == series]
    return found if periods is None else found[found["period"].isin(periods)]


def figure(frame: pd.DataFrame, series: str, period: str | None = None) -> float:
    """The one value of ``series`` (in ``period``), as a plain float for glue."""
    rows = frame[frame["series"] == series]
    if period is not None:
        rows = rows[rows["period"] == period]
    if len(rows) != 1:
        raise KeyError(f"expected one row for series={series!r} period={period!r}, found {len(rows)}")
    return float(rows["value"].iloc[0])


# ---------------------------------------------------------------------------
