"""Figures from other sources, for setting the text's figures against them.

``data/outside.csv`` holds what other works state about the same quantities: economic
historians' reconstructions, statistics published at the time, later Soviet histories.
It is kept apart from the text's own figures and checked in its own way:

* a stated row's fragment holds its value, read in the fragment's own number format
  (``1,414`` and ``0.828185884`` in English, ``77,5%`` in Russian; a number a scan
  garbled, such as ``25-7``, is read through the row's ``reading``);
* a derived row's formula recomputes its value from stated rows of the same source, and
  its fragment holds those inputs;
* each row's source is a key of ``book/references.bib``;
* each address lies under a place of ``data/hosts.csv`` (where a reader may legitimately
  find the work), or is empty for a work cited as printed.
* each row has the class of what it rests on (``source_class``: an official Soviet
  publication, a re-publication of official figures, or an independent reconstruction),
  a required column of the data package.

It also holds what the part "Against other sources" does with them: the year convention
of every series (``data/year_conventions.csv``: calendar year, or economic year labelled by
its closing year, with the reasons), the comparisons it makes, each with the one reason
that explains its gap, and the charts and the table that sum them up.

Bad input raises :class:`nep.DataError` naming file, row, column and what was expected,
as for the text's own data.
"""

from __future__ import annotations

import ast
import math
import operator
import re
import types
from pathlib import Path

import pandas as pd

import nep

from . import citations
from .citations import address_url  # outside.address_url: a figure's link

NAME = "outside"

# Kilograms in a pood: the conversion every pood formula in data/outside.csv uses.
POOD_KG = nep.POOD_KG

# Numbers as English sources write them (thousands commas, decimal point) ...
_POINT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)")
# ... and as Russian and Ukrainian ones do (decimal comma; no thousands separator here).
_COMMA = re.compile(r"(?<![\d.,])\d+(?:,\d+)?(?!\d)")

# What a scan makes of digits and decimal points: "25-7", "7 6", "4’ 5", "I*o7", "Go".
_OCR_POINT = ["’ ", "-", "*", " "]
_OCR_DIGIT = {"I": "1", "l": "1", "o": "0", "O": "0", "G": "6"}

_REFERENCE = re.compile(r"\{([a-z][a-z0-9_]*)\[([^\]]+)\]\}")


def numbers_in(fragment: str, decimal_mark: str) -> list[float]:
    """Every number in ``fragment``, read with its decimal mark (``point`` or ``comma``)."""
    if decimal_mark == "comma":
        return [float(text.replace(",", ".")) for text in _COMMA.findall(fragment)]
    return [float(text.replace(",", "")) for text in _POINT.findall(fragment)]


def read_ocr(printed: str) -> float:
    """A number as a scan printed it, read as digits: ``25-7`` is 25.7, ``Go`` is 60."""
    text = printed
    for mark in _OCR_POINT:
        text = text.replace(mark, ".")
    text = "".join(_OCR_DIGIT.get(char, char) for char in text)
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise ValueError(f"cannot read {printed!r} as a number")
    return float(text)


def states_value(fragment: str, value: float, decimal_mark: str, reading: str | None = None) -> bool:
    """Whether ``fragment`` states ``value``: as written, or through its OCR ``reading``."""
    if reading:
        try:
            return reading in fragment and math.isclose(read_ocr(reading), value, rel_tol=1e-9)
        except ValueError:
            return False
    return any(math.isclose(number, value, rel_tol=1e-9, abs_tol=1e-12)
               for number in numbers_in(fragment, decimal_mark))


# ---------------------------------------------------------------------------
# Formulas of derived rows: arithmetic on named rows, and round()
# ---------------------------------------------------------------------------

_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv}


def _evaluate(node: ast.AST, names: dict[str, float]) -> float:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, names)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left, names), _evaluate(node.right, names))
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "round"
            and not node.keywords and len(node.args) in (1, 2)):
        digits = int(_evaluate(node.args[1], names)) if len(node.args) == 2 else 0
        return float(round(_evaluate(node.args[0], names), digits))
    raise ValueError(f"not allowed in a formula: {ast.dump(node)[:60]}")


def inputs_of(formula: str) -> list[tuple[str, str]]:
    """The (series, period) rows a formula reads."""
    return _REFERENCE.findall(formula)


def evaluate(formula: str, lookup) -> float:
    """The value of ``formula``, with ``lookup(series, period)`` giving each named row's value."""
    names = {}

    def name_for(match: re.Match) -> str:
        name = f"_v{len(names)}"
        names[name] = lookup(match.group(1), match.group(2))
        return name

    expression = _REFERENCE.sub(name_for, formula)
    return _evaluate(ast.parse(expression, mode="eval"), names)


def recompute(frame: pd.DataFrame) -> pd.Series:
    """Each derived row's value recomputed from the stated rows of its source (NaN elsewhere)."""
    stated = {(row.source, row.series, row.period): row.value
              for row in frame.itertuples(index=False) if row.derived == "no"}
    values = []
    for row in frame.itertuples(index=False):
        if row.derived != "yes":
            values.append(math.nan)
            continue
        values.append(evaluate(row.formula, lambda series, period, source=row.source:
                               stated[(source, series, period)]))
    return pd.Series(values, index=frame.index, dtype="float64")


# ---------------------------------------------------------------------------
# Loading and checking
# ---------------------------------------------------------------------------


def bibliography_entries(path: Path | None = None) -> dict[str, dict[str, str]] | None:
    """The entries of ``book/references.bib``, or ``None`` where the file is not at hand."""
    path = path or citations.BIBLIOGRAPHY
    return citations.bibliography(path) if path.is_file() else None


def period_start(period: str) -> pd.Timestamp:
    """When a period begins: a fiscal year such as 1925/26 in October 1925; pre-war has none."""
    if period == "pre-war":
        return pd.NaT
    return nep.period_start(period[:4] if re.fullmatch(r"\d{4}-\d{4}", period) else period)


def check(frame: pd.DataFrame, label: str, keys: set[str] | None = None,
          reviewed: list[str] | None = None, printed: set[str] | None = None) -> None:
    """Every row keeps to the rules in the module's docstring, or a DataError says where not."""
    stated = {(row.source, row.series, row.period): row for row in frame.itertuples(index=False)
              if row.derived == "no"}

    def fail(number: int, column: str, expected: str, found: str):
        raise nep.DataError(file=label, row=number, line=number + 1, column=column,
                            expected=expected, found=found)

    for number, row in enumerate(frame.itertuples(index=False), start=1):
        has_value = not pd.isna(row.value)
        if keys is not None and row.source not in keys:
            fail(number, "source", "a key of book/references.bib", repr(row.source))
        failure = None if reviewed is None else \
            citations.address_failure(row.address, row.source, reviewed, printed)
        if failure:
            fail(number, "address", *failure)
        if row.kind == "statement":
            if has_value or not pd.isna(row.unit):
                fail(number, "value" if has_value else "unit",
                     "no value and no unit for a statement (kind 'statement')",
                     repr(row.value if has_value else row.unit))
            continue
        if not has_value:
            fail(number, "value", "a value (only a statement has none)", "''")
        if pd.isna(row.unit):
            fail(number, "unit", "a unit (only a statement has none)", "''")
        if row.derived == "no":
            if not pd.isna(row.formula):
                fail(number, "formula", "no formula on a stated row (derived is 'no')", repr(row.formula))
            reading = None if pd.isna(row.reading) else row.reading
            if reading is not None and reading not in row.fragment:
                fail(number, "reading", "the characters as printed in the fragment", repr(reading))
            if not states_value(row.fragment, row.value, row.decimal_mark, reading):
                how = f"read as {reading!r}" if reading else f"with a decimal {row.decimal_mark}"
                fail(number, "value", f"a number stated in its fragment ({how}): {row.fragment!r}",
                     nep.fmt(row.value))
            continue
        if pd.isna(row.formula):
            fail(number, "formula", "a formula on a derived row", "''")
        inputs = inputs_of(row.formula)
        if not inputs:
            fail(number, "formula", "a formula naming its inputs as {series[period]}", repr(row.formula))
        for series, period in inputs:
            source_row = stated.get((row.source, series, period))
            if source_row is None:
                fail(number, "formula", f"a stated row {series} {period} of source {row.source}",
                     "no such row")
            if not states_value(row.fragment, source_row.value, source_row.decimal_mark):
                fail(number, "fragment", f"the fragment stating the input {series} {period}",
                     f"{nep.fmt(source_row.value)} not in {row.fragment!r}")
        try:
            value = evaluate(row.formula, lambda series, period, source=row.source:
                             stated[(source, series, period)].value)
        except (ValueError, SyntaxError) as error:
            fail(number, "formula", "arithmetic on {series[period]}, numbers and round()", str(error))
        if not math.isclose(value, row.value, rel_tol=1e-9, abs_tol=1e-12):
            fail(number, "value", f"the value its formula gives, {nep.fmt(value)}", nep.fmt(row.value))


def load(directory: Path | None = None) -> pd.DataFrame:
    """The outside figures, validated, with ``start`` (a date) and ``start_year`` added."""
    frame = nep.read_table(NAME, directory)
    label = f"data/{nep.resource(NAME)['path']}"
    entries = bibliography_entries()
    check(frame, label, None if entries is None else set(entries),
          list(citations.places(directory).place),
          None if entries is None else citations.printed_works(entries))
    frame["start"] = pd.to_datetime([period_start(period) for period in frame["period"]])
    frame["start_year"] = frame["start"].dt.year.astype("Int64")
    return frame


def rows(frame: pd.DataFrame, series: str, source: str | None = None) -> pd.DataFrame:
    """The rows of one outside ``series`` (from ``source`` alone, if given)."""
    found = frame[frame["series"] == series]
    return found if source is None else found[found["source"] == source]


def prose_name(series: str, period: str, source: str) -> str:
    """The name of one outside figure in a chapter's code and prose: the text's own naming
    (series, period) and the bibliography key, ``oil_output_1913_etemad1991``."""
    return f"{nep.prose_name(series, period)}_{source}"


def glue_figures(frame: pd.DataFrame) -> None:
    """Name every outside figure with a value for the prose, as its source states it:
    ``prose.oil_output_1913_etemad1991`` (``%`` for a percentage), like ``nep.glue_figures``."""
    for row in frame.dropna(subset=["value"]).itertuples(index=False):
        nep.glue(prose_name(row.series, row.period, row.source), nep.prose_text(row.value, row.unit))


def values(frame: pd.DataFrame) -> types.SimpleNamespace:
    """Every outside figure as a float, under its name: ``values(other).oil_output_1913_etemad1991``."""
    return types.SimpleNamespace(**{prose_name(row.series, row.period, row.source): float(row.value)
                                    for row in frame.itertuples(index=False)})


# ---------------------------------------------------------------------------
# Where the book compares the text with other sources
# ---------------------------------------------------------------------------

# Each figure of the text that the part "Against other sources" sets beside other
# sources' figures, and the chapter that does it. Theme chapters and the source page
# link there; a test checks that each chapter charts the figures listed for it.
COMPARED = {
    "raw_materials/oil_extraction/1925": "against_energy",
    "raw_materials/oil_extraction_vs_1913/1925": "against_energy",
    **{f"fuel/coal_mined/{period}": "against_energy"
       for period in ["1921/22", "1922/23", "1923/24", "1924/25", "1925/26"]},
    "heavy_light/pig_iron_output/1913": "against_metals",
    "heavy_light/pig_iron_output/1925": "against_metals",
    "heavy_light/pig_iron_output_thousand_tonnes/1924": "against_metals",
    "heavy_light/steel_output/1913": "against_metals",
    "heavy_light/steel_output/1925": "against_metals",
    "output/electricity_generation/1913": "against_metals",
    "output/electricity_generation/1925": "against_metals",
    "food/food_fund_target/1921": "against_grain",
    "output/gross_output_comparable_range/1913": "against_aggregate",
    "output/gross_output_comparable_range/1921": "against_aggregate",
    "output/gross_output_comparable_range/1925": "against_aggregate",
    "output/gross_output_excess_over_prewar/1926": "against_aggregate",
    "labour/large_scale_output_fall_multiple/1921": "against_aggregate",
    **{f"output/industrial_output_growth/{year}": "against_aggregate"
       for year in ["1922", "1923", "1924", "1925"]},
}

CHAPTER_TITLES = {
    "against_energy": "Oil and coal against other sources",
    "against_metals": "Metals and electricity against other sources",
    "against_grain": "Grain against other sources",
    "against_aggregate": "The recovery as a whole against other sources",
}


def compared_in(key: str) -> str | None:
    """The chapter (page name) comparing the text's figure ``key`` with other sources."""
    return COMPARED.get(key)


# Short names for captions and tooltips; the full entries are in references.bib.
SOURCE_LABELS = {
    "etemad1991": "Etemad and Luciani (1991), via the Shift Data Portal and Our World in Data",
    "maddison2013": "Maddison Project Database 2013",
    "statesman1921": "The Statesman's Year-Book 1921",
    "nansen1923": "Nansen, Russia & Peace (1923)",
    "perekhod1961": "Переход к нэпу (Moscow, 1961)",
    "suib1928": "Soviet Union Information Bureau, handbook (1928)",
    "suib1928statement": "Soviet Union Information Bureau, statement (January 1928)",
    "gse1979coal": "Great Soviet Encyclopedia, 'Coal Industry'",
    "gse1979grain": "Great Soviet Encyclopedia, 'Grain Sector'",
    "dronin2005": "Wheatcroft and Davies (1994), as Dronin and Bellinger (2005) reproduce them",
    "guardian1934": "Manchester Guardian report (1934)",
    "observer1934": "Observer report (1934)",
}


def chart_data(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns a chart of outside figures needs, with ``start`` as an ISO date string."""
    data = rows[["series", "period", "value", "unit", "qualifier", "source", "caution", "derived",
                 "measure", "start"]].copy()
    data["start"] = data["start"].dt.strftime("%Y-%m-%d").astype("object")
    data.loc[rows["start"].isna().to_numpy(), "start"] = None
    data["source_label"] = data["source"].map(SOURCE_LABELS)
    for column in ["qualifier", "caution"]:
        data[column] = data[column].fillna("")
    data["value"] = data["value"].astype("float64")
    return data.astype({column: "object" for column in data.columns
                        if column not in ("value",)})


def _outside_sources_html(rows: pd.DataFrame) -> str:
    from html import escape

    links = []
    for source, group in rows.groupby("source", sort=False):
        addresses = list(dict.fromkeys(group["address"].fillna("")))
        parts = []
        for address in addresses:
            fragment = group.loc[group["address"].fillna("") == address, "fragment"].iloc[0]
            url = address_url(address)
            text = "read here" if len(addresses) == 1 else f"part {len(parts) + 1}"
            # A work with no legitimate copy open is cited as printed, with no link.
            parts.append(f'<a class="nep-outside-link" href="{escape(url)}" title="{escape(fragment)}">{text}</a>'
                         if url else escape(address or "printed; no open copy"))
        links.append(f"{escape(SOURCE_LABELS[source])} ({', '.join(parts)})")
    return "; ".join(links)


class Figure(nep.Figure):
    """A chart of the text's figures beside other sources' figures.

    The caption links the text's figures to the source page (as every chart does) and
    names each other source with its legitimate address (or says it is cited as printed).
    """

    def __init__(self, chart, text_rows: pd.DataFrame, outside_rows: pd.DataFrame, caption: str):
        super().__init__(chart, text_rows, caption)
        self.outside_rows = outside_rows

    def _caption_sources(self) -> str:
        text = nep.charts._sources_block(self.rows, label="The text") if len(self.rows) else ""
        return (f'{text}<span class="nep-sources nep-outside-sources">Other sources: '
                f"{_outside_sources_html(self.outside_rows)}</span>")


def show(chart, text_rows: pd.DataFrame, outside_rows: pd.DataFrame, caption: str) -> Figure:
    """Put a comparison chart on the page, its caption linking every figure to its source."""
    return Figure(chart, text_rows, outside_rows, caption)


def runs(years: pd.Series) -> pd.Series:
    """A label for each run of consecutive years, so a line breaks where years are missing.

    Give it to a line's ``detail`` encoding: 1913 and 1920 to 1928 become two runs, and
    no line is drawn across the war years the source does not cover.
    """
    years = years.astype(int)
    order = years.sort_values()
    run = (order.diff() != 1).cumsum()
    first = order.groupby(run).transform("min")
    last = order.groupby(run).transform("max")
    labels = first.astype(str) + "-" + last.astype(str)
    return labels.reindex(years.index)


# ---------------------------------------------------------------------------
# What each source rests on
# ---------------------------------------------------------------------------

# The classes of data/outside.csv's ``source_class``, from the one nearest the text to the
# one furthest from it. Only the last is independent of the Soviet statistical system:
# agreement with the others checks the text's copying and definitions, not its statistics.
OFFICIAL = "official Soviet publication"
REPUBLICATION = "re-publication of official figures"
INDEPENDENT = "independent reconstruction"
CLASSES = [OFFICIAL, REPUBLICATION, INDEPENDENT]
CLASS_COLOURS = {OFFICIAL: "#b2182b", REPUBLICATION: "#ef8a62", INDEPENDENT: "#2166ac"}

SOURCE_LABELS.update({
    "nutter1962": "Nutter, Growth of Industrial Production in the Soviet Union (1962)",
    "markevich2011": "Markevich and Harrison (2011)",
})


def classes_of(frame: pd.DataFrame) -> dict[str, set[str]]:
    """Each source's classes (a table of estimates, such as Wheatcroft and Davies's, may
    reproduce official estimates beside a reconstruction of its own)."""
    return {source: set(group) for source, group in frame.groupby("source")["source_class"]}


def independent_sources(frame: pd.DataFrame) -> set[str]:
    """The sources whose every row is an independent reconstruction: the only ones the
    book may call independent."""
    return {source for source, found in classes_of(frame).items() if found == {INDEPENDENT}}


# ---------------------------------------------------------------------------
# Year conventions: calendar year or economic year, per series
# ---------------------------------------------------------------------------

CONVENTIONS = "year_conventions"
ECONOMIC_CLOSING = "economic year, labelled by its closing year"


def conventions(directory: Path | None = None, text: pd.DataFrame | None = None,
                other: pd.DataFrame | None = None) -> pd.DataFrame:
    """data/year_conventions.csv, validated: one row for every series of the text and none
    for a series that does not exist (in the text, or in data/outside.csv from its source)."""
    frame = nep.read_table(CONVENTIONS, directory)
    label = f"data/{nep.resource(CONVENTIONS)['path']}"
    text = nep.load_all() if text is None else text
    other = load(directory) if other is None else other
    known = {(series, "text") for series in text["series"]} | \
        {(row.series, row.source) for row in other.itertuples(index=False)}
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        if (row.series, row.source) not in known:
            raise nep.DataError(file=label, row=number, line=number + 1, column="series",
                                expected=f"a series of {'the text' if row.source == 'text' else row.source}",
                                found=repr(row.series))
    stated = set(frame.loc[frame["source"] == "text", "series"])
    missing = sorted(set(text["series"]) - stated)
    if missing:
        raise nep.DataError(file=label, row=len(frame) + 1, line=len(frame) + 2, column="series",
                            expected="a row for every series of the text",
                            found=f"none for {', '.join(missing)}")
    return frame


def convention_of(table: pd.DataFrame, series: str, source: str = "text") -> str | None:
    """The year convention of one series, or ``None`` where none is stated."""
    found = table[(table["series"] == series) & (table["source"] == source)]
    return None if found.empty else str(found["convention"].iloc[0])


def plotted_start(period: str, convention: str | None) -> pd.Timestamp:
    """When a figure's period begins under its series' convention: a plain 1925 of a series
    labelled by the closing economic year begins in October 1924; 1913, the pre-war base,
    stays the calendar year."""
    start = period_start(period)
    if convention == ECONOMIC_CLOSING and re.fullmatch(r"\d{4}", period) and period != "1913":
        return pd.Timestamp(int(period) - 1, 10, 1)
    return start


def economic_label(period: str, convention: str | None) -> str:
    """The period as an economic year where the convention makes it one: 1925 → 1924/25."""
    if convention == ECONOMIC_CLOSING and re.fullmatch(r"\d{4}", period) and period != "1913":
        year = int(period)
        return f"{year - 1}/{str(year)[2:]}"
    return period


# ---------------------------------------------------------------------------
# Each comparison of the text with another source, and what explains its gap
# ---------------------------------------------------------------------------

# Why a figure of the text and another source's differ. Coverage, price base, territory
# and year are differences of definition, not evidence of bias; only the last two say
# something about the figures themselves.
REASONS = {
    "coverage": "coverage: large-scale or census industry, or one branch, against all industry or the whole economy",
    "price base": "price base: 1913 prices against 1926/27 prices",
    "territory": "territory: the Empire of 1913 against the interwar borders",
    "year": "year: a calendar year against an economic year, or a different year",
    "agreement": "none: the figures agree, to about one per cent",
    "real disagreement": "a real disagreement: same year, coverage and territory, different figures",
}

# Each comparison: the page that makes it, the text's figure (a formula on the text's rows,
# {series[period]}) and the other source's (a formula on that source's rows), both in the
# unit named; the reason for the gap, and a note on it.
COMPARISONS = [
    dict(page="against_energy", figure="Oil output, 1925", unit="thousand tonnes",
         text="{oil_extraction[1925]}", source="etemad1991", other="{oil_output[1925]} * 1000",
         other_period="1924/25", reason="year",
         note="The text's 1925 is probably a calendar year; Etemad and Luciani's 1925 is probably the economic year 1924/25."),
    dict(page="against_energy", figure="Oil output, 1925", unit="thousand tonnes",
         text="{oil_extraction[1925]}", source="etemad1991",
         other="({oil_output[1925]} * 3 + {oil_output[1926]}) / 4 * 1000", other_period="calendar 1925",
         reason="agreement",
         note="Etemad and Luciani's economic years 1924/25 and 1925/26 weighted three to one: a calendar 1925 "
              "on their figures."),
    dict(page="against_energy", figure="Oil output, 1925, percent of 1913", unit="percent of 1913",
         text="{oil_extraction_vs_1913[1925]}", source="etemad1991", other="{oil_output_index[1925]}",
         other_period="1924/25", reason="year",
         note="As for the tonnage; the two 1913 bases agree within a few per cent."),
    dict(page="against_energy", figure="Oil output, 1925, percent of 1913", unit="percent of 1913",
         text="{oil_extraction_vs_1913[1925]}", source="etemad1991",
         other="({oil_output_index[1925]} * 3 + {oil_output_index[1926]}) / 4", other_period="calendar 1925",
         reason="agreement", note="Their economic years 1924/25 and 1925/26 weighted three to one."),
    dict(page="against_energy", figure="Oil output, 1913 (the text's implied base)", unit="thousand tonnes",
         text="{oil_extraction[1925]} / {oil_extraction_vs_1913[1925]} * 100", source="suib1928statement",
         other="{oil_output[1913]} / 1000", other_period="1913", reason="agreement",
         note="The text's 1925 tonnage over its percentage of 1913, against the Information Bureau's 1913."),
    dict(page="against_metals", figure="Pig iron, 1913", unit="thousand tonnes",
         text="{pig_iron_output[1913]} / 1000", source="perekhod1961", other="{pig_iron_output[1913]}",
         other_period="1913", reason="agreement", note="The same official figure."),
    dict(page="against_metals", figure="Pig iron, 1913", unit="thousand tonnes",
         text="{pig_iron_output[1913]} / 1000", source="statesman1921", other="{pig_iron_output_tonnes[1913]}",
         other_period="1913", reason="agreement", note="The year-book's poods converted to tonnes."),
    dict(page="against_metals", figure="Steel, 1913", unit="thousand tonnes",
         text="{steel_output[1913]} / 1000", source="perekhod1961", other="{steel_output[1913]}",
         other_period="1913", reason="real disagreement",
         note="Two official sources a fraction of a per cent apart: probably a misprint in one of them."),
    dict(page="against_metals", figure="Electricity, 1925", unit="million kWh",
         text="{electricity_generation[1925]}", source="suib1928", other="{electricity_generation[1925/26]} / 1e6",
         other_period="1925/26", reason="year",
         note="The Bureau's economic year 1925/26 against the text's 1925; no test decides the text's convention."),
    dict(page="against_aggregate", figure="Industry against 1913, 1920", unit="percent of 1913",
         text="{gross_output_comparable_range[1921]} / {gross_output_comparable_range[1913]} * 100"
              " * {gross_output_full_range[1920]} / {gross_output_full_range[1921]}",
         source="nansen1923", other="{metal_industry_output_index[1920]}", other_period="1920",
         reason="coverage", note="The metal industry alone against large-scale industry as a whole."),
    dict(page="against_aggregate", figure="Industry against 1913, 1920", unit="percent of 1913",
         text="{gross_output_comparable_range[1921]} / {gross_output_comparable_range[1913]} * 100"
              " * {gross_output_full_range[1920]} / {gross_output_full_range[1921]}",
         source="maddison2013", other="{gdp_per_head_index[1920]}", other_period="1920",
         reason="coverage", note="GDP per head of the whole economy against large-scale industry."),
    dict(page="against_aggregate", figure="Industry against 1913, 1925", unit="percent of 1913",
         text="{gross_output_comparable_range[1925]} / {gross_output_comparable_range[1913]} * 100",
         source="maddison2013", other="{gdp_per_head_index[1925]}", other_period="1925",
         reason="coverage", note="GDP per head of the whole economy against large-scale industry; the text's "
                                "1925 is the economic year 1924/25."),
    dict(page="against_aggregate", figure="Industry against 1913, 1926", unit="percent of 1913",
         text="100 + {gross_output_excess_over_prewar[1926]}", source="maddison2013",
         other="{gdp_per_head_index[1926]}", other_period="1926", reason="coverage",
         note="GDP per head of the whole economy against large-scale industry; the text's 1926 is the economic "
              "year 1925/26."),
    dict(page="against_aggregate", figure="Industry against 1913, 1926", unit="percent of 1913",
         text="100 + {gross_output_excess_over_prewar[1926]}", source="suib1928",
         other="{industrial_output_index[1927/28]}", other_period="1927/28", reason="year",
         note="The Bureau's figure is for 1927/28, two economic years after the text's 1925/26."),
    dict(page="against_aggregate", figure="Growth of industry, 1925", unit="percent",
         text="{industrial_output_growth[1925]}", source="suib1928", other="{industrial_output_growth[1924/25]}",
         other_period="1924/25", reason="real disagreement",
         note="The same economic year once the text's 1925 is read as 1924/25: two official figures a few points "
              "apart. The Bureau's is an OCR reading of 'Go'."),
]

# Which class of estimate a reader should weigh most: an independent reconstruction first.
_CLASS_RANK = {INDEPENDENT: 0, REPUBLICATION: 1, OFFICIAL: 2}


def comparisons(text: pd.DataFrame, other: pd.DataFrame, page: str | None = None) -> pd.DataFrame:
    """Every comparison (of one page, if given) with both values computed, the gap of the
    text against the other source in percent, and the other source's class."""
    text_values = {(row.series, row.period): float(row.value) for row in text.itertuples(index=False)}
    found = []
    for item in COMPARISONS:
        if page is not None and item["page"] != page:
            continue
        rows_of_source = other[other["source"] == item["source"]]
        stated = {(row.series, row.period): row for row in rows_of_source.itertuples(index=False)}
        text_value = evaluate(item["text"], lambda series, period: text_values[(series, period)])
        other_value = evaluate(item["other"], lambda series, period: float(stated[(series, period)].value))
        used = [stated[key] for key in inputs_of(item["other"])]
        found.append({
            "page": item["page"], "figure": item["figure"], "unit": item["unit"],
            "text_value": text_value, "source": item["source"],
            "source_label": SOURCE_LABELS[item["source"]], "other_period": item["other_period"],
            "other_value": other_value, "gap": (text_value / other_value - 1) * 100,
            "source_class": used[0].source_class, "reason": item["reason"],
            "reason_text": REASONS[item["reason"]], "note": item["note"],
            "text_inputs": inputs_of(item["text"]), "other_rows": used,
        })
    return pd.DataFrame(found)


def best_estimates(found: pd.DataFrame) -> pd.DataFrame:
    """For each figure of the text, the comparison with the estimate a reader should weigh
    most: an independent reconstruction before a re-publication, and that before an official
    publication; among equals, the one the convention pairs with the same year."""
    ranked = found.assign(rank=found["source_class"].map(_CLASS_RANK),
                          same_year=(found["reason"] != "year").astype(int))
    ranked = ranked.sort_values(["rank", "same_year"], ascending=[True, False], kind="stable")
    return ranked.drop_duplicates("figure").sort_index().drop(columns=["rank", "same_year"])


def gap_chart(found: pd.DataFrame, title: str):
    """The text against each estimate: the gap in percent, one bar a comparison, coloured by
    what the estimate rests on."""
    import altair as alt

    data = found[["figure", "source_label", "other_period", "gap", "source_class", "reason_text",
                  "text_value", "other_value", "unit"]].copy()
    data["gap"] = data["gap"].round(1).astype("float64")
    data["text_value"] = data["text_value"].round(1).astype("float64")
    data["other_value"] = data["other_value"].round(1).astype("float64")
    data["row"] = data["figure"] + ": " + data["source_label"].str.split(",").str[0] + \
        " (" + data["other_period"] + ")"
    data = data.astype({column: "object" for column in data.columns
                        if column not in ("gap", "text_value", "other_value")})
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("gap:Q", title="The text above (+) or below (−) the estimate (percent)"),
        y=alt.Y("row:N", title=None, sort=None, axis=alt.Axis(labelLimit=340)),
        color=alt.Color("source_class:N", title="The estimate is",
                        scale=alt.Scale(domain=CLASSES, range=[CLASS_COLOURS[c] for c in CLASSES]),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=360)),
        tooltip=[alt.Tooltip("figure:N", title="Figure"), alt.Tooltip("source_label:N", title="Estimate"),
                 alt.Tooltip("other_period:N", title="Its period"),
                 alt.Tooltip("text_value:Q", title="The text"), alt.Tooltip("other_value:Q", title="The estimate"),
                 alt.Tooltip("unit:N", title="Unit"), alt.Tooltip("gap:Q", title="Gap (%)"),
                 alt.Tooltip("source_class:N", title="Class"), alt.Tooltip("reason_text:N", title="Why")],
    ).properties(width=300, title=title, description=(
        f"{title}: the percentage by which each figure of the text exceeds (positive) or falls short of "
        "(negative) another source's estimate, one bar per comparison, coloured by whether the estimate is "
        "an official Soviet publication, a re-publication of official figures or an independent reconstruction."))


def show_gaps(found: pd.DataFrame, text: pd.DataFrame, other: pd.DataFrame, title: str, caption: str):
    """A page's summary chart of its comparisons, its caption linking every figure used."""
    keys = {key for inputs in found["text_inputs"] for key in inputs}
    text_rows = text[[(row.series, row.period) in keys for row in text.itertuples(index=False)]]
    used = pd.DataFrame([row._asdict() for rows in found["other_rows"] for row in rows])
    outside_rows = other[[any((row.source, row.series, row.period) == (u.source, u.series, u.period)
                              for u in used.itertuples(index=False)) for row in other.itertuples(index=False)]]
    return show(gap_chart(found, title), text_rows, outside_rows, caption)


class GapTable:
    """The book-wide table: each key figure of the text against its best estimate."""

    def __init__(self, found: pd.DataFrame, caption: str):
        self.found, self.caption = found, caption

    def _repr_html_(self) -> str:
        from html import escape

        body = "".join(
            f"<tr><td>{escape(row.figure)}</td><td class=\"nep-num\">{nep.fmt(round(row.text_value, 1))}</td>"
            f"<td>{escape(row.source_label)} ({escape(row.other_period)})</td>"
            f"<td>{escape(row.source_class)}</td>"
            f"<td class=\"nep-num\">{nep.fmt(round(row.other_value, 1))}</td><td>{escape(row.unit)}</td>"
            f"<td class=\"nep-num\">{'+' if row.gap > 0 else ''}{nep.fmt(round(row.gap, 1))}%</td>"
            f"<td>{escape(row.reason_text)}</td></tr>"
            for row in self.found.itertuples(index=False))
        return (f'<table class="nep-table"><caption>{escape(self.caption)}</caption><thead><tr>'
                '<th scope="col">Figure of the text</th><th scope="col">The text</th>'
                '<th scope="col">Best estimate</th><th scope="col">It is</th>'
                '<th scope="col">Estimate</th><th scope="col">Unit</th><th scope="col">Gap</th>'
                f'<th scope="col">What explains the gap</th></tr></thead><tbody>{body}</tbody></table>')


def gap_table(found: pd.DataFrame, caption: str) -> GapTable:
    """Tabulate each key figure against its best estimate, with the reason for the gap."""
    return GapTable(best_estimates(found), caption)


class ConventionTable:
    """The series whose year convention a test decided, with the convention and its reasons."""

    def __init__(self, table: pd.DataFrame, caption: str):
        self.table, self.caption = table, caption

    def _repr_html_(self) -> str:
        from html import escape

        body = "".join(
            f"<tr><td>{escape(row.series.replace('_', ' '))}</td>"
            f"<td>{escape('the text' if row.source == 'text' else SOURCE_LABELS.get(row.source, row.source))}</td>"
            f"<td>{escape(row.convention)}</td><td>{escape(row.decided_by)}</td><td>{escape(row.reasons)}</td></tr>"
            for row in self.table.itertuples(index=False))
        return (f'<table class="nep-table"><caption>{escape(self.caption)}</caption><thead><tr>'
                '<th scope="col">Series</th><th scope="col">Of</th><th scope="col">Convention</th>'
                '<th scope="col">Decided by</th><th scope="col">For and against</th></tr></thead>'
                f"<tbody>{body}</tbody></table>")


def convention_table(table: pd.DataFrame, caption: str) -> ConventionTable:
    """Tabulate the conventions that figures decided (not the label alone)."""
    return ConventionTable(table[table["decided_by"].isin(["outside figures", "the text's own arithmetic"])],
                           caption)
