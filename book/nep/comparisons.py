"""What the part "Against other sources" does with the other sources' figures.

* Each source is classed by what it rests on (``source_class`` of ``data/outside.csv``):
  an official Soviet publication, a re-publication of official figures, or an independent
  reconstruction; the book calls only the last independent.
* Each series has a year convention (``data/year_conventions.csv``: calendar year, or
  economic year labelled by its closing year, with the reasons), which dates its points.
* Each comparison of the text with another source is declared once, with the one reason
  that explains its gap (coverage, price base, territory, year, agreement or a real
  disagreement); the gaps are computed here and summed up in charts and a table.

The figures themselves are loaded and checked by :mod:`nep.outside`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

import nep

from . import grammar
from .outside import SOURCE_LABELS, short_source, evaluate, inputs_of, load, period_start, show


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
# Each class's colour is the grammar's (one colour for a class on every page).
CLASS_COLOURS = {name: grammar.CATEGORY_COLOURS[name][0] for name in CLASSES}

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


# The gap chart's plot is narrow (its rows' labels take the rest of a phone's width): its
# ticks are spaced at least GAP_TICK_SPACING px apart, so that "−60" and "−40" never run together.
GAP_PLOT_WIDTH = 130
GAP_TICK_SPACING = 40
_GAP_STEPS = [1, 2, 5, 10, 20, 25, 40, 50, 100, 200, 250, 500, 1000]


def _gap_ticks(low: float, high: float, width: float) -> list[float]:
    """The gap axis's ticks: multiples of the smallest step that keeps them GAP_TICK_SPACING
    apart on ``width`` px, from below the lowest gap (or zero) to above the highest (or zero);
    the axis runs from the first tick to the last."""
    import math

    low, high = min(low, 0.0), max(high, 0.0)
    for step in _GAP_STEPS:
        first, last = math.floor(low / step) * step, math.ceil(high / step) * step
        if last == first:
            last = first + step
        if width * step / (last - first) >= GAP_TICK_SPACING:
            break
    return [first + step * index for index in range(int(round((last - first) / step)) + 1)]


def gap_chart(found: pd.DataFrame, title: str):
    """The text against each estimate: the gap in percent of the estimate, one bar a
    comparison, coloured by what the estimate rests on."""
    import altair as alt

    data = found[["figure", "source_label", "other_period", "gap", "source_class", "reason_text",
                  "text_value", "other_value", "unit"]].copy()
    data["gap"] = data["gap"].round(1).astype("float64")
    data["text_value"] = data["text_value"].round(1).astype("float64")
    data["other_value"] = data["other_value"].round(1).astype("float64")
    # Lines split at '|': the figure, then the estimate and its period in one line or two.
    data["row"] = [
        "|".join([*grammar.wrap(row.figure, 30), *grammar.wrap(f"{short_source(row.source_label)}, {row.other_period}", 30)])
        for row in data.itertuples(index=False)]
    data = data.astype({column: "object" for column in data.columns
                        if column not in ("gap", "text_value", "other_value")})
    agreeing = int((found["reason"] == "agreement").sum())
    classes = [name for name in CLASSES if name in set(data["source_class"])]
    zero = alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color=grammar.REFERENCE[0]).encode(x="zero:Q")
    ticks = _gap_ticks(float(data["gap"].min()), float(data["gap"].max()), GAP_PLOT_WIDTH)
    bars = alt.Chart(data).mark_bar(height=16).encode(
        x=alt.X("gap:Q", title="The text above (+) or below (−) it (%)",
                scale=alt.Scale(domain=[ticks[0], ticks[-1]], nice=False), axis=alt.Axis(values=ticks)),
        y=alt.Y("row:N", title=None, sort=None,
                axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=230)),
        color=grammar.category_color(classes, title="The estimate is", field="source_class",
                                     legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=360)),
        tooltip=[alt.Tooltip("figure:N", title="Figure"), alt.Tooltip("source_label:N", title="Estimate"),
                 alt.Tooltip("other_period:N", title="Its period"), alt.Tooltip("unit:N", title="Unit"),
                 alt.Tooltip("text_value:Q", title="The text's figure (in that unit)", format=",.1f"),
                 alt.Tooltip("other_value:Q", title="The estimate (in that unit)", format=",.1f"),
                 alt.Tooltip("gap:Q", title="The text above or below the estimate (% of the estimate)",
                             format="+.1f"),
                 alt.Tooltip("source_class:N", title="The estimate is"),
                 alt.Tooltip("reason_text:N", title="What explains the gap")],
    )
    finding = (f"{agreeing} of {len(found)} estimates agree with the text to about 1%" if agreeing
               else f"None of {len(found)} estimates agrees with the text to 1%")
    return (zero + bars).properties(
        width=GAP_PLOT_WIDTH, height=alt.Step(54),
        title=grammar.chart_title(finding, (
            f"{title}: the text's figure minus the estimate, as a percentage of the estimate "
            "(+: the text higher), one bar a comparison; the colour says what the estimate rests on")),
        description=(
            f"{title}: the percentage by which each figure of the text exceeds (positive) or falls short of "
            "(negative) another source's estimate, one bar per comparison, coloured by whether the estimate is "
            "an official Soviet publication, a re-publication of official figures or an independent "
            "reconstruction."))


def show_gaps(found: pd.DataFrame, text: pd.DataFrame, other: pd.DataFrame, title: str, caption: str):
    """A page's summary chart of its comparisons, its caption linking every figure used."""
    keys = {key for inputs in found["text_inputs"] for key in inputs}
    text_rows = text[[(row.series, row.period) in keys for row in text.itertuples(index=False)]]
    used = pd.DataFrame([row._asdict() for rows in found["other_rows"] for row in rows])
    outside_rows = other[[any((row.source, row.series, row.period) == (u.source, u.series, u.period)
                              for u in used.itertuples(index=False)) for row in other.itertuples(index=False)]]
    return show(gap_chart(found, title), text_rows, outside_rows, caption)


class HtmlTable:
    """A table of this part's own: a header, rows of text, the numeric columns right-aligned."""

    def __init__(self, caption: str, header: list[str], rows: list[list[str]], numeric: frozenset[int] = frozenset()):
        self.caption, self.header, self.rows, self.numeric = caption, header, rows, numeric

    def _repr_html_(self) -> str:
        from html import escape

        head = "".join(f'<th scope="col">{escape(title)}</th>' for title in self.header)
        body = "".join("<tr>" + "".join(('<td class="nep-num">' if column in self.numeric else "<td>")
                                        + escape(cell) + "</td>" for column, cell in enumerate(row)) + "</tr>"
                       for row in self.rows)
        return (f'<table class="nep-table"><caption>{escape(self.caption)}</caption><thead><tr>{head}</tr>'
                f"</thead><tbody>{body}</tbody></table>")


def gap_table(found: pd.DataFrame, caption: str) -> HtmlTable:
    """The book-wide table: each key figure of the text against its best estimate, with the
    reason for the gap."""
    rows = [[row.figure, nep.fmt(round(row.text_value, 1)), f"{row.source_label} ({row.other_period})",
             row.source_class, nep.fmt(round(row.other_value, 1)), row.unit,
             f"{'+' if row.gap > 0 else ''}{nep.fmt(round(row.gap, 1))}%", row.reason_text]
            for row in best_estimates(found).itertuples(index=False)]
    return HtmlTable(caption, ["Figure of the text", "The text", "Best estimate", "It is", "Estimate", "Unit",
                               "Gap", "What explains the gap"], rows, numeric=frozenset({1, 4, 6}))


def convention_table(table: pd.DataFrame, caption: str) -> HtmlTable:
    """The series whose year convention figures decided (not the label alone), with the
    convention and the reasons for and against."""
    decided = table[table["decided_by"].isin(["outside figures", "the text's own arithmetic"])]
    rows = [[row.series.replace("_", " "), "the text" if row.source == "text" else SOURCE_LABELS.get(row.source, row.source),
             row.convention, row.decided_by, row.reasons] for row in decided.itertuples(index=False)]
    return HtmlTable(caption, ["Series", "Of", "Convention", "Decided by", "For and against"], rows)
