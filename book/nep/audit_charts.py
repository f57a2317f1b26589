"""The charts of the checking and lost-table chapters, drawn from the audit and the rebuilt table.

Kept apart from the chapters so that each page shows a one-line call (folded) rather
than a wall of chart code; each function returns a :class:`nep.Figure`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

import nep

from . import audit, rebuild
from .claims import READING_NAMES


CHART_COLUMNS = ["label", "order", "stated", "allowed_low", "allowed_high", "recomputed", "holds", "tier"]
HOLDS_SCALE = dict(domain=["holds", "fails"], range=[nep.PALETTE[2], nep.PALETTE[3]])
HOLDS_SHAPE = dict(domain=["holds", "fails"], range=["circle", "diamond"])


def _for_chart(frame: pd.DataFrame) -> pd.DataFrame:
    """The readings with a short label (the claim's words), theme order and holds/fails."""
    theme_order = list(audit.THEME_TITLES)
    frame = frame.copy()
    # One row per reading: the claim's words, shortened, and the reading's name where it has several.
    names = frame.id.map(READING_NAMES)
    short = frame.says.where(frame.says.str.len() <= 58, frame.says.str.slice(0, 56) + "…")
    frame["label"] = short.where(names.isna(), frame.says.str.slice(0, 34) + "… (" + names.fillna("") + ")")
    assert frame.label.is_unique, "every reading needs its own row"
    frame["order"] = frame.theme.map(theme_order.index)
    frame["holds"] = frame.verdict.map({"consistent": "holds", "inconsistent": "fails"})
    return frame


def multiples_figure(verdicts: pd.DataFrame) -> nep.Figure:
    """Each multiple the text states: the range its words allow, and what its figures give."""
    multiples = _for_chart(verdicts[(verdicts.unit == "times") & verdicts.allowed_high.lt(float("inf"))])
    y_label = alt.Y("label:N", title=None, sort=alt.SortField("order"), axis=alt.Axis(labelLimit=420))
    base = alt.Chart(multiples[CHART_COLUMNS])
    allowed_bar = base.mark_bar(color="#bbbbbb", height=8).encode(
        x=alt.X("allowed_low:Q", title="Multiple (times)"), x2="allowed_high:Q", y=y_label,
        tooltip=[alt.Tooltip("stated:N", title="Stated"),
                 alt.Tooltip("allowed_low:Q", title="Allowed from", format=".2f"),
                 alt.Tooltip("allowed_high:Q", title="Allowed to", format=".2f")])
    recomputed_dot = base.mark_point(size=80, filled=True).encode(
        x="recomputed:Q", y=y_label,
        color=alt.Color("holds:N", title="This reading", scale=alt.Scale(**HOLDS_SCALE)),
        shape=alt.Shape("holds:N", title="This reading", scale=alt.Scale(**HOLDS_SHAPE)),
        tooltip=[alt.Tooltip("label:N", title="Claim"), alt.Tooltip("stated:N", title="Stated"),
                 alt.Tooltip("recomputed:Q", title="Recomputed (times)", format=".2f"),
                 alt.Tooltip("tier:N", title="Verdict on the claim")])
    multiples_chart = (allowed_bar + recomputed_dot).properties(
        height=alt.Step(18), width=260, title="Multiples in the text against its own figures",
        description="Dot plot of each multiple the text states (doubled, almost four times, "
                    "5 1/2 times and others): a grey bar for the range the words allow and a dot "
                    "for the value recomputed from the text's figures, by whether the reading holds.")
    return nep.show(multiples_chart, audit.rows_for_checks(multiples), "Multiples the text states in words "
             "or fractions, the range each allows (grey) and the value its own figures give (dot).")


def percents_figure(verdicts: pd.DataFrame) -> nep.Figure:
    """Each percentage the text states: recomputed minus stated, against its rounding."""
    percents = _for_chart(verdicts[(verdicts.unit == "%") & verdicts.allowed_high.lt(float("inf"))
                                  & verdicts.stated.str.match(r"^[\d.,]+$")])
    stated_value = percents.stated.str.replace(",", "").astype(float)
    percents["difference"] = percents.recomputed - stated_value
    percents["allowed_from"] = percents.allowed_low - stated_value
    percents["allowed_to"] = percents.allowed_high - stated_value
    y_percent = alt.Y("label:N", title=None, sort=alt.SortField("order"), axis=alt.Axis(labelLimit=420))
    base = alt.Chart(percents[CHART_COLUMNS + ["difference", "allowed_from", "allowed_to"]])
    allowed_band = base.mark_bar(color="#bbbbbb", height=8).encode(
        x=alt.X("allowed_from:Q", title="Recomputed minus stated (percentage points)"),
        x2="allowed_to:Q", y=y_percent,
        tooltip=[alt.Tooltip("stated:N", title="Stated (%)"),
                 alt.Tooltip("allowed_to:Q", title="Rounding allows ±", format=".3f")])
    difference_dot = base.mark_point(size=80, filled=True).encode(
        x="difference:Q", y=y_percent,
        color=alt.Color("holds:N", title="This reading", scale=alt.Scale(**HOLDS_SCALE)),
        shape=alt.Shape("holds:N", title="This reading", scale=alt.Scale(**HOLDS_SHAPE)),
        tooltip=[alt.Tooltip("label:N", title="Claim"), alt.Tooltip("stated:N", title="Stated (%)"),
                 alt.Tooltip("recomputed:Q", title="Recomputed (%)", format=".3f"),
                 alt.Tooltip("tier:N", title="Verdict on the claim")])
    zero = alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color="black").encode(x="zero:Q")
    percents_chart = (zero + allowed_band + difference_dot).properties(
        height=alt.Step(18), width=260, title="Percentages in the text against its own figures",
        description="Dot plot of the difference between each percentage the text states and the "
                    "value recomputed from its own figures, in percentage points, with a grey bar "
                    "for the difference the stated figure's rounding allows.")
    return nep.show(percents_chart, audit.rows_for_checks(percents), "Percentages the text states (shares, "
             "growth rates, an average rate): recomputed minus stated, in percentage points, against "
             "the rounding of the stated figure.")


def rebuilt_series_figure(rebuilt: pd.DataFrame) -> nep.Figure:
    series_keys = [rebuild.TOTAL[y] for y in rebuild.TOTAL] + list(rebuild.GROWTH.values()) + [rebuild.EXCESS_1926]
    series_rows = audit.rows_for(series_keys)

    series = rebuilt[rebuilt.row == "output_all"][["year", "value", "status", "calculation"]].copy()
    series["start"] = series.year + "-01-01"
    prewar = series[series.year == "1913"].assign(label="1913 level (comparable range)")
    recovery = series[series.year != "1913"]

    tooltip = [alt.Tooltip("year:N", title="Year"),
               alt.Tooltip("value:Q", title="Million rubles", format=",.0f"),
               alt.Tooltip("status:N", title="Status"), alt.Tooltip("calculation:N", title="Calculation")]
    line = alt.Chart(recovery).mark_line(color="#999999").encode(
        x=alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("value:Q", title="Gross output (million rubles, 1926/27 prices)"),
    )
    points = alt.Chart(recovery).mark_point(size=90, filled=True).encode(
        x="start:T", y="value:Q",
        color=alt.Color("status:N", title="Cell", scale=alt.Scale(domain=["stated", "derived"])),
        shape=alt.Shape("status:N", title="Cell", scale=alt.Scale(domain=["stated", "derived"])),
        tooltip=tooltip,
    )
    rule = alt.Chart(prewar).mark_rule(strokeDash=[4, 3], color="black").encode(y="value:Q", tooltip=tooltip)
    rule_label = alt.Chart(prewar).mark_text(align="left", dx=4, dy=-8, fontSize=11).encode(
        x=alt.value(0), y="value:Q", text="label:N")

    rebuilt_chart = (line + points + rule + rule_label).properties(
        title="Large-scale industry rebuilt, 1921 to 1926",
        description="Line chart of gross output of large-scale industry in the comparable range: "
                    "stated in 1921 and 1925, derived for 1922 to 1924 from the growth rates and for "
                    "1926 from the excess over 1913, against a dashed rule at the 1913 level.",
    )
    return nep.show(rebuilt_chart, series_rows, "Gross output of large-scale industry, comparable range of "
             "industries (as in 1913), 1926/27 prices: the text's levels, and the years between "
             "derived from its growth rates (forward route) and its 1926 excess over pre-war.")


def shares_figure(rebuilt: pd.DataFrame) -> nep.Figure:
    share_keys = list(rebuild.SHARE.values()) + [rebuild.TOTAL["1913"], rebuild.GARBLED_1913]
    share_rows = audit.rows_for(share_keys)

    shares = rebuilt[rebuilt.row.isin(["share_means", "share_consumer"]) & rebuilt.value.notna()].copy()
    shares["group"] = shares.row.map({"share_means": "means of production",
                                      "share_consumer": "consumer goods"})
    shares["start"] = shares.year + "-01-01"
    shares = shares[["year", "start", "group", "value", "status"]]

    share_chart = alt.Chart(shares).mark_bar(width=14).encode(
        x=alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", tickCount="year"),
                scale=alt.Scale(domain=["1912-07-01", "1926-07-01"])),
        y=alt.Y("value:Q", title="Share of large-scale output (%)", stack="zero",
                scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("group:N", title="Group", sort=["means of production"]),
        order=alt.Order("group:N", sort="descending"),
        opacity=alt.Opacity("status:N", legend=None,
                            scale=alt.Scale(domain=["stated", "derived", "assumed"], range=[1, 0.8, 0.45])),
        tooltip=[alt.Tooltip("year:N", title="Year"), alt.Tooltip("group:N", title="Group"),
                 alt.Tooltip("value:Q", title="Share (%)", format=".1f"),
                 alt.Tooltip("status:N", title="Status")],
    ).properties(
        width=360, title="Means of production and consumer goods, shares of output",
        description="Stacked bars, on a time axis, of the shares of means of production and "
                    "consumer goods in large-scale output in 1913 (assumed), 1921, 1923, 1924 and "
                    "1925; 1922 and 1926 are not recoverable and left empty.",
    )
    return nep.show(share_chart, share_rows, "Shares of the two groups in large-scale output (comparable "
             "range, 1926/27 prices): means of production as the text states them, consumer goods "
             "as the remainder (derived), and 1913 (paler) from the garbled 1913 figure under "
             "assumption A1.")


def diagram_figure(output: pd.DataFrame) -> nep.Figure:
    diagram_rows = output[output.series.isin(["gross_output_full_range", "gross_output_comparable_range"])]
    diagram = nep.chart_data(diagram_rows)
    diagram["range"] = diagram.series.map({"gross_output_full_range": "full range (Diagram No. 1)",
                                           "gross_output_comparable_range": "comparable range (as in 1913)"})
    diagram["billion"] = diagram.value.where(diagram.unit == "billion rubles", diagram.value / 1000)
    points = diagram[diagram.period != "1913"]
    level_1913 = diagram[diagram.period == "1913"].assign(note="1913, comparable range")

    diagram_tooltip = [alt.Tooltip("period:N", title="Year"), alt.Tooltip("range:N", title="Range"),
                       alt.Tooltip("billion:Q", title="Billion rubles", format=".3~f")]
    # Dots on a time axis: the diagram gives three years, and nothing between them.
    diagram_points = alt.Chart(points).mark_point(filled=True, size=110, opacity=1).encode(
        x=alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", tickCount="year"),
                scale=alt.Scale(domain=["1919-07-01", "1925-07-01"])),
        y=alt.Y("billion:Q", title="Gross output (billion rubles, 1926/27 prices)"),
        color=alt.Color("range:N", title="Range of industries", sort=["full range (Diagram No. 1)"],
                        legend=alt.Legend(labelLimit=300, direction="vertical")),
        shape=alt.Shape("range:N", sort=["full range (Diagram No. 1)"], legend=None),
        tooltip=diagram_tooltip,
    )
    diagram_rule = alt.Chart(level_1913).mark_rule(strokeDash=[4, 3], color="black").encode(
        y="billion:Q", tooltip=diagram_tooltip)
    diagram_label = alt.Chart(level_1913).mark_text(align="left", dx=4, dy=-8, fontSize=11).encode(
        x=alt.value(0), y="billion:Q", text="note:N")

    diagram_chart = (diagram_points + diagram_rule + diagram_label).properties(
        width=360, title="Diagram No. 1 redrawn, beside the comparable range",
        description="Dots, on a time axis, of gross output of large-scale industry: the full range of "
                    "Diagram No. 1 in 1920, 1921 and 1925, and the comparable range in 1921 and "
                    "1925, against a dashed rule at the 1913 comparable-range level.",
    )
    return nep.show(diagram_chart, diagram_rows, "Gross output of large-scale industry in 1926/27 prices: "
             "the three values that survive of Diagram No. 1 (full range of industries, rounded "
             "to a tenth of a billion) and the text's comparable-range figures (without fishing, "
             "logging, timber rafting and railway repair shops).")
