"""Every branch against 1913: the level the text gives for 1925 as a percentage of 1913.

The rows are found in the data, not listed by hand: a figure the text states as a
percentage of 1913 (or of the pre-war level) for 1925, and, for a series the text gives
in both 1913 and 1925, the 1925 level divided by the 1913 level (derived). Where the
text states the percentage, the book does not derive it again.
"""

from __future__ import annotations

import pandas as pd

from . import grammar
from .charts import figure_key, show
from .data import load_all
from .prose_numbers import fmt

YEAR, BASE = "1925", "1913"
PERCENT_UNITS = ("percent of 1913", "percent of pre-war")
# Suffixes that turn a level's series into the series of its percentage of 1913.
PERCENT_SUFFIXES = ("_vs_1913", "_ratio")
# What each branch is, in words (a series not named here reads as its id in words).
BRANCH_WORDS = {
    "electricity_generation": "Electricity",
    "oil_extraction": "Oil",
    "factory_workers": "Factory workers (number)",
    "gross_output_comparable_range": "Large-scale industry",
    "steel_output": "Steel",
    "pig_iron_output": "Pig iron",
    "iron_ore_extraction": "Iron ore",
}


def _branch(series: str) -> str:
    for suffix in PERCENT_SUFFIXES:
        if series.endswith(suffix):
            return series.removesuffix(suffix)
    return series


def against_1913(figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per branch: ``branch`` (in words), ``period``, ``percent`` of 1913,
    ``status`` (stated or derived), ``source`` ("text") and ``keys``, the figures behind it;
    highest percentage first."""
    figures = load_all() if figures is None else figures
    figures = figures[~figures["series"].str.startswith("garbled_")]
    rows = {}
    stated = figures[figures["unit"].isin(PERCENT_UNITS) & (figures["period"] == YEAR)]
    for row in stated.itertuples(index=False):
        rows[_branch(row.series)] = (float(row.value), "stated", [figure_key(row.theme, row.series, row.period)])
    levels = figures[(figures["kind"] == "level") & figures["period"].isin([BASE, YEAR])]
    for (theme, series), group in levels.groupby(["theme", "series"], sort=False):
        by_year = group.set_index("period")
        if series in rows or len(by_year) != 2 or by_year["unit"].nunique() != 1:
            continue
        percent = by_year.loc[YEAR, "value"] / by_year.loc[BASE, "value"] * 100
        rows[series] = (float(percent), "derived", [figure_key(theme, series, year) for year in (BASE, YEAR)])
    table = pd.DataFrame([{"branch": BRANCH_WORDS.get(series, series.replace("_", " ").capitalize()),
                           "period": YEAR, "percent": percent, "status": status, "source": "text",
                           "keys": keys} for series, (percent, status, keys) in rows.items()])
    return table.sort_values("percent", ascending=False, ignore_index=True)


def _rows_behind(table: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    wanted = {key for keys in table["keys"] for key in keys}
    mask = [figure_key(row.theme, row.series, row.period) in wanted for row in figures.itertuples(index=False)]
    return figures[mask]


def title(table: pd.DataFrame) -> str:
    """The chart's finding, from the values: which branches passed 1913, and the lowest."""
    above = table[table["percent"] >= 100]["branch"].str.lower().tolist()
    lowest = table.iloc[-1]
    passed = f"only {' and '.join(above)} above {BASE}" if above else f"no branch back at {BASE}"
    return f"{YEAR}: {passed}; {lowest.branch.lower()} at {fmt(lowest.percent, 0)}%"


def chart(figures: pd.DataFrame | None = None, caption: str | None = None):
    """The branches against 1913 as a chart for the page (``nep.show``)."""
    import altair as alt

    figures = load_all() if figures is None else figures
    table = against_1913(figures)
    data = table.drop(columns="keys").assign(
        percent_label=[fmt(value, 0) + "%" for value in table["percent"]])
    text = grammar.source_colour("text")
    branch = alt.Y("branch:N", sort=list(table["branch"]), title=None, axis=alt.Axis(labelLimit=220))
    percent = alt.X("percent:Q", title=f"{YEAR} level (percent of {BASE})",
                    scale=alt.Scale(domain=[0, max(160, float(table["percent"].max()) + 15)]))
    tooltip = [alt.Tooltip("branch:N", title="Branch"), alt.Tooltip("period:N", title="Year"),
               alt.Tooltip("percent:Q", title=f"Level (percent of {BASE})", format=".1f"),
               alt.Tooltip("status:N", title="How the book has it")]
    base = alt.Chart(data)
    bars = base.mark_bar(height=16, stroke=text, strokeWidth=2).encode(
        x=percent, y=branch, color=grammar.source_color(["text"], legend=None), tooltip=tooltip,
        **grammar.status_encodings("bar", ["stated", "derived"]))
    labels = base.mark_text(align="left", dx=4, tooltip=None).encode(
        x="percent:Q", y=branch, text="percent_label:N")
    reference = grammar.REFERENCE[0]
    rule = alt.Chart().mark_rule(color=reference, strokeDash=[6, 3], tooltip=None).encode(x=alt.datum(100))
    rule_label = alt.Chart().mark_text(align="left", dx=4, y=-6, color=reference, tooltip=None).encode(
        x=alt.datum(100), text=alt.value(f"{BASE} level"))
    layered = alt.layer(bars, labels, rule, rule_label).properties(
        width=200, height=alt.Step(24),
        title=alt.Title(title(table), subtitle=[
            f"Level in {YEAR} as percent of {BASE}, the text's figures: filled",
            "where it states the percentage, hollow where the book",
            "divides the two levels it gives"]),
        description=("Horizontal bars, one per branch, of its " + YEAR + " level as percent of " + BASE
                     + ", with a rule at 100: " + "; ".join(
                         f"{row.branch} {fmt(row.percent, 0)}% ({row.status})" for row in table.itertuples())
                     + "."),
    )
    return show(layered, _rows_behind(table, figures), caption or (
        f"Each branch's {YEAR} level as a percentage of {BASE}: stated by the text, or derived "
        f"from the levels it gives for both years. The branches differ in coverage and unit; "
        f"each is measured against its own {BASE} level."))
