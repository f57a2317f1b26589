"""Helpers shared by every chapter of *NEP Industry Recovery in Data*.

One small module, imported by each notebook, owns what would otherwise be copied
into every chapter:

* finding ``data/`` and ``seeds/`` from wherever a notebook runs (the repository
  root, ``book/`` as Jupyter and Binder start it, ``tests/``);
* loading one dataset, validated against ``data/datapackage.json`` (the only
  place the schema is written) and against the source text itself;
* reading numbers the way the source writes them (``11,324``, ``2 1 / 2``,
  ``164 .7%``, ``3, 62%``), so provenance can be checked.

Bad input never reaches a chart: every problem raises :class:`DataError`, whose
message names the file, the row, the column and what was expected.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import types
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

SOURCE_NAME = "industry-recovery.txt"

# ---------------------------------------------------------------------------
# Finding the project's folders
# ---------------------------------------------------------------------------


def _candidate_roots() -> list[Path]:
    here = Path(__file__).resolve().parent
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


# ---------------------------------------------------------------------------
# Numbers as the source writes them
# ---------------------------------------------------------------------------

_NUMBER = re.compile(
    r"""
    (?P<fraction>(?<![\d/.,])\d{1,2}\ \d\ ?/\ ?\d(?![\d/]))      # 2 1 / 2, 5 1/2
  | (?P<fiscal>(?<!\d)\d{4}/\d{2}(?!\d))                         # 1921/22
  | (?P<yearspan>(?<!\d)\d{4}-\d{2}(?![\d.]))                    # 1925-26
  | (?P<spaced>(?<![\d.])\d+\ \.\d+)                             # 164 .7
  | (?P<comma>(?<![\d.,])\d{1,3},\ \d{2}(?=%))                   # 3, 62%
  | (?P<grouped>(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d]))  # 61,035,300 1,298.7
  | (?P<plain>(?<![\d.,])\d+(?:\.\d+)?(?![\d]))                  # 11324 27.2
    """,
    re.VERBOSE,
)

_UNIT_AFTER = re.compile(r"\s*(million|thousand|billion|tons|kWh|rubles|people|workers|poods)")


@dataclass(frozen=True)
class NumberToken:
    """A number found in the source: what it says, where, and whether it is a year."""

    text: str
    value: float
    start: int
    end: int
    is_year: bool


def numbers_in(text: str) -> list[NumberToken]:
    """Every number in ``text``, read in the source's own formats."""
    tokens = []
    for match in _NUMBER.finditer(text):
        kind, raw = match.lastgroup, match.group()
        is_year = kind in ("fiscal", "yearspan")
        if kind == "fraction":
            whole, frac = raw.split(" ", 1)
            numerator, denominator = (int(part) for part in frac.replace(" ", "").split("/"))
            value = int(whole) + numerator / denominator
        elif kind in ("fiscal", "yearspan"):
            value = float(raw[:4])
        elif kind == "spaced":
            value = float(raw.replace(" ", ""))
        elif kind == "comma":
            value = float(raw.replace(", ", "."))
        else:
            value = float(raw.replace(",", ""))
            # A bare 19xx is a calendar year unless a unit follows it (1945 million kWh).
            if (kind == "plain" and re.fullmatch(r"19[0-3]\d", raw)
                    and not _UNIT_AFTER.match(text, match.end())):
                is_year = True
        tokens.append(NumberToken(raw, value, match.start(), match.end(), is_year))
    return tokens


# Figures the text states in words. Each is read only where the word stands.
WORD_NUMBERS = {
    "a million": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "doubled": 2, "halved": 2, "fourfold": 4, "sixfold": 6,
}


def value_span(text: str, value: float) -> tuple[int, int] | None:
    """Where ``text`` states ``value``: the number as written, or its word; else ``None``."""
    for token in numbers_in(text):
        if not token.is_year and math.isclose(value, token.value, rel_tol=1e-9, abs_tol=1e-9):
            return token.start, token.end
    lowered = text.lower()
    for word, word_value in WORD_NUMBERS.items():
        match = re.search(rf"\b{re.escape(word)}\b", lowered)
        if match and math.isclose(value, word_value, rel_tol=1e-9, abs_tol=1e-9):
            return match.start(), match.end()
    return None


def states_value(text: str, value: float) -> bool:
    return value_span(text, value) is not None


# ---------------------------------------------------------------------------
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
    if name == "outside":  # other sources' figures: checked against their own fragments
        import outside

        return outside.load(directory)
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
# Numbers for prose (myst-nb glue)
# ---------------------------------------------------------------------------


def fmt(value: float, decimals: int | None = None) -> str:
    """A number as the book prints it: thousands separated, no trailing zeros."""
    value = float(value)
    if decimals is None:
        text = f"{value:,.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    return "0" if text in ("-0", "") else text


class ProseText(str):
    """A number formatted for the prose. Its repr is the text itself, so wherever it is
    shown as an expression's value (myst-nb's ``{eval}`` role, JupyterLab's inline
    expressions) it reads ``6.4%``, not ``'6.4%'``."""

    def __repr__(self) -> str:
        return str(self)


class Prose:
    """The numbers a chapter's prose quotes, by name: ``{eval}`prose.mop_1921```.

    A namespace of its own rather than plain variables, so that a prose value never
    replaces a variable of the same name that the chapter's code computes with.
    """

    def __repr__(self) -> str:
        return f"<{len(vars(self))} numbers for the prose>"


# One namespace per kernel (one kernel runs one chapter).
prose = Prose()
PROSE_NAME = "prose"


def _user_namespace() -> dict:
    """The namespace a chapter's cells run in: IPython's, or the running script's."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every kernel
        get_ipython = None
    shell = get_ipython() if get_ipython else None
    if shell is not None:
        return shell.user_ns
    import __main__

    return vars(__main__)


def glue(name: str, value: float | str, decimals: int | None = None, suffix: str = "") -> None:
    """Name a number for the prose, formatted here so no NumPy scalar reaches a role.

    The prose reads it as ``{eval}`prose.NAME``` (in the book, and in JupyterLab with
    jupyterlab-myst); it is also glued under ``NAME``, which records the values with the
    executed notebook, for the downloads that show them before anything runs.
    Returns nothing, so a cell ending in a glue call prints nothing in Jupyter either.
    """
    from myst_nb import glue as myst_glue

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
        raise ValueError(f"a prose name is letters, digits and '_', starting with a letter: {name!r}")
    text = ProseText(value if isinstance(value, str) else fmt(value, decimals) + suffix)
    # The namespace already there is kept (it survives a reload of this module).
    holder = _user_namespace().setdefault(PROSE_NAME, prose)
    if type(holder).__name__ != Prose.__name__:
        raise ValueError(f"the chapter uses the name {PROSE_NAME!r} for something else; "
                         "it is kept for the numbers of the prose")
    setattr(holder, name, text)
    myst_glue(name, text, display=False)


# Kilograms in a pood, the Russian weight the text and older sources use: a unit conversion,
# not a figure of any source, kept in one place for every chapter and data/outside.csv.
POOD_KG = 16.38


def prose_name(series: str, period: str) -> str:
    """The name under which the prose quotes one figure: ``means_of_production_share_1921``,
    ``coal_mined_1921_22`` (series, then period with its punctuation as ``_``)."""
    return f"{series}_{_slug(period).replace('-', '_')}"


def prose_text(value: float, unit: str) -> str:
    """A figure as the prose writes it: as the text wrote it, with ``%`` for a percentage."""
    return fmt(value) + ("%" if unit.startswith("percent") else "")


def values(*frames: pd.DataFrame) -> types.SimpleNamespace:
    """Every figure of ``frames`` as a float, under its prose name: ``values(fuel).coal_mined_1921_22``.

    What a chapter derives for its prose reads as arithmetic on named figures.
    """
    return types.SimpleNamespace(**{prose_name(row.series, row.period): float(row.value)
                                    for frame in frames for row in frame.itertuples(index=False)})


def glue_figures(*frames: pd.DataFrame) -> None:
    """Name every figure of ``frames`` for the prose, as ``prose.<series>_<period>``.

    One call per chapter instead of one per number, and the name says which row of the
    data a number is, so a reader of the source sees its provenance in the role itself.
    """
    for frame in frames:
        for row in frame.itertuples(index=False):
            glue(prose_name(row.series, row.period), prose_text(row.value, row.unit))


# ---------------------------------------------------------------------------
# Charts: one house theme, and a renderer that works offline
# ---------------------------------------------------------------------------

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
VEGALITE_MIME = "application/vnd.vegalite.v5+json"


def _theme() -> dict:
    return {
        "config": {
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "background": None,
            # Narrow enough, with axis titles, for the theme's content column.
            "view": {"stroke": None, "continuousWidth": 460, "continuousHeight": 260},
            "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 12},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "grid": True, "gridOpacity": 0.4},
            # Legends under the chart, one below the other: side by side, they made charts
            # wider than a phone.
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom",
                       "layout": {"bottom": {"direction": "vertical", "anchor": "start"}}},
            "range": {"category": PALETTE},
            "mark": {"color": PALETTE[0], "tooltip": True},
            "bar": {"color": PALETTE[0]},
            "line": {"color": PALETTE[0], "strokeWidth": 2.5},
            "point": {"color": PALETTE[0], "size": 70, "filled": True},
        }
    }


def _register_theme() -> None:
    import altair as alt

    alt.theme.register("nep", enable=True)(_theme)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def anchor_id(theme: str, series: str, period: str) -> str:
    """The stable id of a figure's highlighted quote on the source page."""
    return "q-" + _slug(f"{theme} {series} {period}")


def chart_anchor_id(key: str) -> str:
    """The id, on its chapter's page, of the first chart or table showing a figure."""
    return "k-" + _slug(key.replace("/", " "))


# Keys already given an anchor in this kernel (one kernel runs one page): a figure
# shown twice on a page is anchored at its first chart only, so ids stay unique.
_ANCHORED: set[str] = set()


def _claim_anchors(keys: list[str]) -> str:
    fresh = [key for key in dict.fromkeys(keys) if key not in _ANCHORED]
    _ANCHORED.update(fresh)
    return "".join(f'<span id="{chart_anchor_id(key)}" class="nep-anchor"></span>' for key in fresh)


SOURCE_PAGE = "source.html"


def figure_key(theme: str, series: str, period: str) -> str:
    """How a page records which figure it shows: ``theme/series/period``."""
    return f"{theme}/{series}/{period}"


def _figure_keys(rows: pd.DataFrame) -> list[str]:
    if "theme" not in rows.columns:
        raise ValueError("rows must carry a 'theme' column (use nep.load or nep.load_all)")
    return [figure_key(row.theme, row.series, row.period) for row in rows.itertuples(index=False)]


# Functions that give HTML notes on the figures a chart or table shows (the audit's
# verdicts register one when imported): nep knows nothing of the audit itself.
_CAPTION_NOTES: list = []


def register_caption_notes(notes) -> None:
    """Add ``notes(keys) -> html`` to every caption of ``show`` and ``table`` from now on."""
    if notes not in _CAPTION_NOTES:
        _CAPTION_NOTES.append(notes)


def _audit_html(keys: list[str]) -> str:
    """The registered notes on the figures a chart shows (empty when none is registered)."""
    return "".join(notes(keys) for notes in _CAPTION_NOTES)


def _sources_html(rows: pd.DataFrame) -> str:
    from html import escape

    links = []
    for row in rows.drop_duplicates("quote").itertuples(index=False):
        href = f"{SOURCE_PAGE}#{anchor_id(row.theme, row.series, row.period)}"
        links.append(f'<a class="nep-source-link" href="{href}">“{escape(row.quote)}”</a>')
    return "; ".join(links)


# Up to this many passages are listed under a chart; more are folded behind their count.
SOURCES_SHOWN = 8


def _sources_block(rows: pd.DataFrame, label: str = "Source") -> str:
    """The passages a chart draws on: listed if few, else their count with the list on demand."""
    passages = rows["quote"].nunique()
    if passages <= SOURCES_SHOWN:
        return f'<span class="nep-sources">{label}: {_sources_html(rows)}</span>'
    return (f'<details class="nep-sources"><summary>{label}: {passages} passages of the text'
            f"</summary>{_sources_html(rows)}</details>")


class Figure:
    """A chart ready for the page: the Vega-Lite spec, its caption and the rows it shows.

    In the built book the HTML output is drawn by the Vega bundle the book serves
    from ``_static/`` (no CDN); in JupyterLab the Vega-Lite output is drawn by
    JupyterLab's own renderer.
    """

    def __init__(self, chart, rows: pd.DataFrame, caption: str):
        spec = chart.to_dict()
        missing = [part for part, present in [
            ("a title", bool(spec.get("title"))),
            ("a description", bool(spec.get("description"))),
            ("a tooltip", '"tooltip"' in json.dumps(spec)),
        ] if not present]
        if missing:
            raise ValueError("every chart needs " + ", ".join(missing))
        try:
            json.dumps(spec, allow_nan=False)
        except ValueError:
            raise ValueError("the chart's data holds NaN, which is not JSON and breaks the page: "
                             "use nep.chart_data, or drop the empty values") from None
        self.spec, self.rows, self.caption = spec, rows, caption
        self.keys = _figure_keys(rows)
        self.anchors = _claim_anchors(self.keys)

    @property
    def title(self) -> str:
        title = self.spec["title"]
        return title["text"] if isinstance(title, dict) else str(title)

    def _repr_html_(self) -> str:
        from html import escape

        # The house theme is served once for the whole book (_static/nep-chart-config.js,
        # written by nep_build from _theme), not repeated in every chart of a page.
        # The description is the figure's aria-label already: not repeated in the spec.
        page_spec = {key: value for key, value in self.spec.items()
                     if key not in ("$schema", "description")
                     and not (key == "config" and value == _theme()["config"])}
        spec = json.dumps(page_spec, separators=(",", ":")).replace("</", "<\\/")
        return (
            f'<figure class="nep-chart" data-figures="{escape(json.dumps(self.keys))}">{self.anchors}'
            f'<div class="nep-chart-view" role="img" aria-label="{escape(self.title)}. '
            f'{escape(self.spec["description"])}"></div>'
            f'<script type="application/json" class="nep-chart-spec">{spec}</script>'
            f"<figcaption>{escape(self.caption)} {self._caption_sources()}"
            f"{_audit_html(self.keys)}</figcaption></figure>"
        )

    def _caption_sources(self) -> str:
        """The passages of the text the chart draws on (a comparison chart adds other sources)."""
        return _sources_block(self.rows)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": f"{self.title}. {self.spec['description']}"}

    def _ipython_display_(self) -> None:
        from IPython.display import display

        # The book build (which sets NEP_BOOK_BUILD) draws the HTML with its own bundle;
        # JupyterLab draws the Vega-Lite output itself, with the caption as a second output.
        bundles = ([self._repr_mimebundle_()] if os.environ.get("NEP_BOOK_BUILD")
                   else jupyter_outputs(self._repr_html_()))
        for bundle in bundles:
            display(bundle, raw=True)


_CHART_SPEC = re.compile(r'<script type="application/json" class="nep-chart-spec">(.*?)</script>', re.S)
_CHART_CAPTION = re.compile(r"<figcaption>(.*)</figcaption>", re.S)
_CHART_LABEL = re.compile(r'<div class="nep-chart-view" role="img" aria-label="([^"]*)"')


def jupyter_outputs(chart_html: str) -> list[dict]:
    """A chart's outputs as JupyterLab draws them: the Vega-Lite chart, then its caption.

    JupyterLab ranks HTML above Vega-Lite, and cannot draw the book's HTML (which waits
    for the book's own Vega bundle): so the chart goes alone, as Vega-Lite. The downloads
    turn the book's executed outputs into these with the same function.
    """
    from html import unescape

    spec = json.loads(_CHART_SPEC.search(chart_html).group(1))
    caption = _CHART_CAPTION.search(chart_html).group(1)
    title = spec["title"]["text"] if isinstance(spec["title"], dict) else str(spec["title"])
    # The page leaves out what the book serves once (the theme) and what the figure's label
    # already says (the description): JupyterLab gets them back.
    spec.setdefault("config", _theme()["config"])
    label = unescape(_CHART_LABEL.search(chart_html).group(1))
    spec.setdefault("description", label.removeprefix(f"{title}. "))
    plain_caption = unescape(re.sub(r"<[^>]+>", "", caption))
    return [{VEGALITE_MIME: spec, "text/plain": f"{title}. {spec['description']}"},
            {"text/html": f'<div class="nep-chart-caption">{caption}</div>', "text/plain": plain_caption}]


def chart_data(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns a chart needs, and no more: the page embeds what a chart is given.

    ``start`` becomes an ISO date string so Vega-Lite reads it as a date (``start:T``);
    ``label`` is the series id in words, for legends and tooltips.
    """
    data = rows[["series", "period", "value", "unit", "qualifier", "start"]].copy()
    # An undated figure has no start: None, which JSON (and so Vega) can read; NaN is not JSON.
    data["start"] = data["start"].dt.strftime("%Y-%m-%d").astype("object")
    data.loc[rows["start"].isna().to_numpy(), "start"] = None
    data["label"] = data["series"].str.replace("_", " ")
    data["qualifier"] = data["qualifier"].fillna("")
    return data.astype({"series": "object", "period": "object", "unit": "object",
                        "qualifier": "object", "label": "object"})


def show(chart, rows: pd.DataFrame, caption: str) -> Figure:
    """Put a chart on the page with its caption and links to the passages it draws on."""
    return Figure(chart, rows, caption)


class Table:
    """The figures themselves, each with its period, unit and source passage.

    ``notes=True`` adds the data's ``note`` column (for garbled or ambiguous figures).
    """

    def __init__(self, rows: pd.DataFrame, caption: str, notes: bool = False):
        self.rows, self.caption, self.notes = rows, caption, notes
        self.keys = _figure_keys(rows)
        self.anchors = _claim_anchors(self.keys)

    def _repr_html_(self) -> str:
        from html import escape

        body = []
        for row in self.rows.itertuples(index=False):
            href = f"{SOURCE_PAGE}#{anchor_id(row.theme, row.series, row.period)}"
            qualifier = "" if pd.isna(row.qualifier) else f"{escape(row.qualifier)} "
            note = "" if not self.notes else f"<td>{'' if pd.isna(row.note) else escape(row.note)}</td>"
            body.append(
                f"<tr><td>{escape(row.series.replace('_', ' '))}</td><td>{escape(row.period)}</td>"
                f'<td class="nep-num">{qualifier}{fmt(row.value)}</td><td>{escape(row.unit)}</td>'
                f'<td><a class="nep-source-link" href="{href}">“{escape(row.quote)}”</a></td>{note}</tr>'
            )
        note_header = '<th scope="col">Note</th>' if self.notes else ""
        return (
            f'{self.anchors}<table class="nep-table" data-figures="{escape(json.dumps(self.keys))}">'
            f"<caption>{escape(self.caption)}{_audit_html(self.keys)}</caption><thead><tr>"
            '<th scope="col">Series</th><th scope="col">Period</th><th scope="col">Value</th>'
            f'<th scope="col">Unit</th><th scope="col">Source</th>{note_header}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>'
        )


def table(rows: pd.DataFrame, caption: str, notes: bool = False) -> Table:
    """Tabulate figures with their source passages (for figures no chart suits)."""
    return Table(rows, caption, notes)


class Summary:
    """A theme's figures as a reader first meets them: one short row per series, formatted.

    Every figure stays one click away, in a folded table, and the theme's CSV file is
    offered for download. Unlike :class:`Table` it claims no anchors: the source page's
    links land on the charts and tables that discuss a figure, not on this overview.
    """

    def __init__(self, rows: pd.DataFrame, caption: str):
        self.rows, self.caption = rows, caption
        self.theme = str(rows["theme"].iloc[0])
        self.path = resource(self.theme)["path"]

    @staticmethod
    def _value(row) -> str:
        qualifier = "" if pd.isna(row.qualifier) else f"{row.qualifier} "
        return f"{qualifier}{fmt(row.value)}"

    def _series_rows(self) -> list[tuple[str, str, str, str]]:
        """(series in words, periods, values, unit) per series, in the data's order."""
        from html import escape

        lines = []
        for series, group in self.rows.groupby("series", sort=False):
            group = group.sort_values("start", na_position="first")
            periods, values = list(group["period"]), [self._value(row) for row in group.itertuples()]
            if len(values) > 5:  # the ends of a long series; the folded table has the rest
                periods, values = [periods[0], "…", periods[-1]], [values[0], "…", values[-1]]
            units = " / ".join(dict.fromkeys(group["unit"]))
            lines.append((escape(str(series).replace("_", " ").capitalize()),
                          escape(", ".join(periods)), escape(" · ".join(values)), escape(units)))
        return lines

    def html(self) -> str:
        """The summary and the folded table of every figure, as HTML.

        Written without blank lines, so that Markdown readers keep it one HTML block.
        """
        from html import escape

        summary = "".join(
            f'<tr><th scope="row">{name}</th><td>{periods}</td><td>{values}</td>'
            f"<td>{unit}</td></tr>" for name, periods, values, unit in self._series_rows())
        every = "".join(
            f"<tr><td>{escape(str(row.series).replace('_', ' '))}</td><td>{escape(row.period)}</td>"
            f"<td>{escape(self._value(row))}</td><td>{escape(row.unit)}</td></tr>"
            for row in self.rows.itertuples(index=False))
        return (
            f'<table class="nep-table nep-summary"><caption>{escape(self.caption)}</caption>'
            '<thead><tr><th scope="col">Series</th><th scope="col">Periods</th>'
            f'<th scope="col">Values</th><th scope="col">Unit</th></tr></thead><tbody>{summary}'
            f'</tbody></table><details class="nep-all-figures"><summary>All {len(self.rows)} '
            "figures, one row each</summary>"
            '<table class="nep-table"><thead><tr><th scope="col">Series</th>'
            '<th scope="col">Period</th><th scope="col">Value</th><th scope="col">Unit</th>'
            f"</tr></thead><tbody>{every}</tbody></table></details>"
        )

    def _jupyter_html(self) -> str:
        # In Jupyter the notebook sits in book/, beside the data folder's parent.
        return self.html() + f'<p><a href="../data/{self.path}" download>Download {self.path}</a></p>'

    def _book_markdown(self) -> str:
        # The book reads Markdown outputs as MyST: a {download} role copies the file into
        # the build, where the data page offers the same file.
        return (self.html() + f"\n\nDownload the data: {{download}}`{self.path} "
                f"<../data/{self.path}>` (every figure with the words that state it).\n")

    # One bundle and no _repr_html_: IPython would add text/html beside the book's
    # Markdown, and the book would draw the HTML, without the download link.
    def _repr_mimebundle_(self, include=None, exclude=None):
        plain = f"{self.caption} ({len(self.rows)} figures in data/{self.path})"
        if os.environ.get("NEP_BOOK_BUILD"):
            return {"text/markdown": self._book_markdown(), "text/plain": plain}
        return {"text/html": self._jupyter_html(), "text/plain": plain}


def summary(rows: pd.DataFrame, caption: str) -> Summary:
    """A short, formatted overview of a theme's figures, with all of them one click away."""
    return Summary(rows, caption)


_register_theme()
