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

What the part "Against other sources" does with them, the classes, the year conventions
and the comparisons, is :mod:`nep.comparisons`.

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

from . import citations, grammar
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
    "nutter1962": "Nutter, Growth of Industrial Production in the Soviet Union (1962)",
    "markevich2011": "Markevich and Harrison (2011)",
}


def chart_data(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns a chart of outside figures needs, with ``start`` as an ISO date string."""
    data = rows[["series", "period", "value", "unit", "qualifier", "source", "caution", "derived",
                 "measure", "start"]].copy()
    data["start"] = data["start"].dt.strftime("%Y-%m-%d").astype("object")
    data.loc[rows["start"].isna().to_numpy(), "start"] = None
    data["source_label"] = data["source"].map(SOURCE_LABELS)
    # How the book has each value, in the grammar's words: derived by a formula, read from
    # a garbled scan (an OCR reading), or stated.
    data["status"] = ["derived" if derived == "yes" else "garbled" if isinstance(reading, str) and reading
                      else "stated" for derived, reading in zip(rows["derived"], rows["reading"])]
    for column in ["qualifier", "caution"]:
        data[column] = data[column].fillna("")
    data["value"] = data["value"].astype("float64")
    return data.astype({column: "object" for column in data.columns
                        if column not in ("value",)})


def short_source(label: str) -> str:
    """A source's label up to its first comma outside brackets: 'Etemad and Luciani (1991)'."""
    depth = 0
    for position, character in enumerate(label):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == "," and depth == 0:
            return label[:position]
    return label


def source_words(source: str) -> str:
    """A source's short name for a legend or tooltip ('the text' for the text)."""
    if source == "text":
        return "the text"
    short = short_source(SOURCE_LABELS[source])
    # Two parts of one work (the Bureau's handbook and statement) are told apart by the part.
    shared = [key for key in SOURCE_LABELS if key != source and short_source(SOURCE_LABELS[key]) == short]
    return SOURCE_LABELS[source].split(" (")[0] if shared else short


def source_color(sources, title: str = "Source", legend=True, field: str = "source"):
    """The grammar's colour encoding of a ``source`` field (the text blue, each other source
    its fixed colour), its legend showing each source's short name."""
    import altair as alt

    sources = list(dict.fromkeys(sources))
    words = grammar.label_words({source: source_words(source) for source in sources})
    shown = alt.Legend(labelExpr=words, direction="vertical", labelLimit=400) if legend is True else legend
    return grammar.source_color(sources, title=title, field=field, legend=shown)


def source_stroke(sources, field: str = "source"):
    """The same colours as an outline (a hollow point or bar needs one), with no legend of its own."""
    import altair as alt

    return alt.Stroke(f"{field}:N", scale=source_color(sources, field=field).to_dict()["scale"], legend=None)


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

    def _origins(self) -> dict[tuple, dict]:
        """The text's figures, and each other source's, by (source, series, period)."""
        origins = super()._origins() if len(self.rows) else {}
        for row in self.outside_rows.itertuples(index=False):
            address = "" if pd.isna(row.address) else row.address
            origins[(row.source, row.series, row.period)] = {
                "from": SOURCE_LABELS[row.source], "status": "derived" if row.derived == "yes" else "stated",
                "passage": row.fragment, "address": address_url(address) or address or "printed; no open copy"}
        return origins

    def _source_list(self) -> list[dict]:
        """The passages of the text, then each other source's fragments and addresses."""
        listed = super()._source_list() if len(self.rows) else []
        for row in self.outside_rows.drop_duplicates(["source", "fragment"]).itertuples(index=False):
            address = "" if pd.isna(row.address) else row.address
            listed.append({"from": SOURCE_LABELS[row.source], "passage": row.fragment,
                           "about": f"{row.measure if isinstance(row.measure, str) else row.series}, {row.period}", "url": address_url(address),
                           "address": address or "printed; no open copy"})
        return listed


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
