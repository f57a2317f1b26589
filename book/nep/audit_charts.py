"""The charts of the checking and lost-table chapters, drawn from the audit and the rebuilt table.

Kept apart from the chapters so that each page shows a one-line call (folded) rather
than a wall of chart code; each function returns a :class:`nep.Figure`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

import nep

from . import audit, grammar, rebuild
from .claims import READING_NAMES


# How far the checking charts draw a reading from its stated figure, in multiples of the
# rounding: further readings are drawn at the edge, with an arrow and their distance.
TOLERANCE_LIMIT = 4
LABEL_LINE = 31  # characters in a line of a row's label (two lines at most)


def _words(text: str, width: int = LABEL_LINE) -> str:
    """``text`` cut at a word boundary to fit ``width`` characters, with an ellipsis if cut."""
    if len(text) <= width:
        return text
    cut = text[:width - 1].rsplit(" ", 1)[0].rstrip(",;:(")
    return cut + "…"


def _lines(text: str, lines: int, width: int = LABEL_LINE) -> list[str]:
    """``text`` wrapped at word boundaries into at most ``lines`` lines, the last cut with an
    ellipsis if the text runs on."""
    words, found = text.split(), []
    while words and len(found) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        found.append(line)
    if words:
        found[-1] = _words(found[-1] + " " + " ".join(words), width)
    return found


def _row_label(says: str, reading: str | None) -> str:
    """A row's label in lines split at '|': the claim's words in two lines, and where the claim
    has several readings the reading's name in two more."""
    if reading:
        return "|".join(_lines(says, 2) + _lines(f"({reading})", 2))
    return "|".join(_lines(says, 2))


def tolerance_multiples(frame: pd.DataFrame) -> pd.Series:
    """How far each reading's recomputed value lies from its stated figure, in multiples of the
    rounding the two allow: the distance between the middles of the allowed range and of the
    recomputed range, over the sum of their half-widths. A reading holds (the two ranges meet)
    exactly when this is at most 1 either way."""
    allowed_middle = (frame.allowed_low + frame.allowed_high) / 2
    recomputed_middle = (frame.recomputed_low + frame.recomputed_high) / 2
    tolerance = (frame.allowed_high - frame.allowed_low + frame.recomputed_high - frame.recomputed_low) / 2
    if (tolerance <= 0).any():
        raise ValueError("a reading with no rounding at all cannot be drawn in multiples of it")
    return (recomputed_middle - allowed_middle) / tolerance


def _for_chart(frame: pd.DataFrame) -> pd.DataFrame:
    """The readings with a short two-line label, the full claim, theme order, the claim's
    verdict and the reading's distance from its stated figure in multiples of the rounding."""
    theme_order = list(audit.THEME_TITLES)
    frame = frame.copy()
    frame["label"] = [_row_label(row.says, READING_NAMES.get(row.id)) for row in frame.itertuples()]
    assert frame.label.is_unique, "every reading needs its own row"
    frame["claim_words"] = frame.says + [f" (reading: {READING_NAMES[i]})" if i in READING_NAMES else ""
                                         for i in frame.id]
    frame["order"] = frame.theme.map(theme_order.index)
    frame["reading_holds"] = frame.verdict.map({"consistent": "holds", "inconsistent": "fails"})
    frame["verdict"] = frame.tier  # the colour is the audit's verdict on the claim
    frame["multiples"] = tolerance_multiples(frame)
    # The definition matches the audit's: within one multiple exactly when the reading holds.
    assert ((frame.multiples.abs() <= 1 + 1e-9) == (frame.reading_holds == "holds")).all()
    frame["drawn_at"] = frame.multiples.clip(-TOLERANCE_LIMIT, TOLERANCE_LIMIT)
    frame["beyond"] = frame.multiples.abs() > TOLERANCE_LIMIT
    frame["arrow"] = frame.multiples.map(lambda x: (f"{x:.0f} ▶" if x > 0 else f"◀ −{-x:.0f}")
                                         if abs(x) > TOLERANCE_LIMIT else "")
    return frame


def _tolerance_chart(frame: pd.DataFrame, unit_words: str, value_format: str, title: str,
                     what: str, description: str) -> alt.LayerChart:
    """The readings of one kind of claim, each at its distance from its stated figure in
    multiples of the rounding; the band |x| <= 1 is within rounding."""
    columns = ["label", "claim_words", "order", "stated", "tolerance", "recomputed", "multiples", "drawn_at",
               "beyond", "arrow", "reading_holds", "verdict"]
    data = frame[columns]
    verdicts = [tier for tier in audit.TIERS if tier in set(data.verdict)]
    y_label = alt.Y("label:N", title=None, sort=alt.SortField("order"),
                    axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=240, labelPadding=6))
    x_axis = alt.X("drawn_at:Q", title="Off the stated figure (× its rounding)",
                   scale=alt.Scale(domain=[-TOLERANCE_LIMIT - 0.6, TOLERANCE_LIMIT + 0.6], nice=False),
                   axis=alt.Axis(values=list(range(-TOLERANCE_LIMIT, TOLERANCE_LIMIT + 1)), format="d"))
    tooltip = [alt.Tooltip("claim_words:N", title="The claim"), alt.Tooltip("stated:N", title="Stated"),
               alt.Tooltip("tolerance:N", title="Its rounding allows"),
               alt.Tooltip("recomputed:Q", title=f"Recomputed from the text's figures ({unit_words})",
                           format=value_format),
               alt.Tooltip("multiples:Q", title="Distance (multiples of the rounding)", format="+.1f"),
               alt.Tooltip("reading_holds:N", title="This reading"),
               alt.Tooltip("verdict:N", title="The audit's verdict on the claim")]
    # "Within rounding": a pale band, its edges drawn at full strength so they read on either page.
    band = alt.Chart(pd.DataFrame({"low": [-1.0], "high": [1.0]})).mark_rect(
        color=grammar.REFERENCE[0], fillOpacity=0.15, stroke=grammar.REFERENCE[0], strokeWidth=1,
        strokeDash=[3, 2]).encode(x="low:Q", x2="high:Q")
    zero = alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(color=grammar.REFERENCE[0]).encode(x="zero:Q")
    base = alt.Chart(data)
    dots = base.mark_point(size=90, filled=True, opacity=1).encode(
        x=x_axis, y=y_label, color=grammar.verdict_color(verdicts, title="The audit's verdict on the claim",
                                    legend=alt.Legend(direction="vertical", titleLimit=400)),
        shape=alt.Shape("beyond:N", scale=alt.Scale(domain=[False, True], range=["circle", "diamond"]),
                        legend=None),
        tooltip=tooltip)
    arrows = base.transform_filter("datum.beyond").mark_text(fontSize=11, fontWeight="bold", dy=-11).encode(
        x="drawn_at:Q", y=y_label, text="arrow:N", color=grammar.verdict_color(verdicts, legend=None),
        tooltip=tooltip)
    beyond = frame[frame.beyond]
    far = "" if beyond.empty else (
        f"; {len(beyond)} reading{'s' if len(beyond) > 1 else ''} further off than {TOLERANCE_LIMIT} "
        "drawn at the edge, with an arrow and the distance")
    return (band + zero + dots + arrows).properties(
        width=150, height=alt.Step(58),
        title=grammar.chart_title(title, (
            f"Each reading of {what}: how far the value the text's own figures give lies from the "
            "stated one, in multiples of the rounding the two allow; shaded: within rounding (−1 to 1)"
            + far)),
        description=description)


def _holding_title(frame: pd.DataFrame, what: str) -> str:
    holding = int((frame.reading_holds == "holds").sum())
    return f"{holding} of {len(frame)} {what} readings are within rounding"


def multiples_figure(verdicts: pd.DataFrame) -> nep.Figure:
    """Each multiple the text states: how far what its figures give lies from it, in multiples
    of the rounding."""
    multiples = _for_chart(verdicts[(verdicts.unit == "times") & verdicts.allowed_high.lt(float("inf"))])
    chart = _tolerance_chart(
        multiples, "times", ".2f", _holding_title(multiples, "multiple"), "a multiple the text states",
        "Dot plot, one row per reading of a multiple the text states (doubled, almost four times, "
        "5 1/2 times and others): the distance of the value recomputed from the text's figures from "
        "the stated multiple, in multiples of the rounding, coloured by the audit's verdict on the claim.")
    return nep.show(chart, audit.rows_for_checks(multiples), "Multiples the text states in words or "
                    "fractions: how far the value its own figures give lies from each, in multiples of the "
                    "rounding the words and the figures allow (within the shaded band, the reading holds).")


def percents_figure(verdicts: pd.DataFrame) -> nep.Figure:
    """Each percentage the text states: how far what its figures give lies from it, in
    multiples of the rounding."""
    percents = _for_chart(verdicts[(verdicts.unit == "%") & verdicts.allowed_high.lt(float("inf"))
                                  & verdicts.stated.str.match(r"^[\d.,]+$")])
    chart = _tolerance_chart(
        percents, "%", ".2f", _holding_title(percents, "percentage"), "a percentage the text states",
        "Dot plot, one row per reading of a percentage the text states (shares, growth rates, an average "
        "rate): the distance of the value recomputed from the text's figures from the stated percentage, "
        "in multiples of the rounding, coloured by the audit's verdict on the claim.")
    return nep.show(chart, audit.rows_for_checks(percents), "Percentages the text states (shares, growth "
                    "rates, an average rate): how far the value its own figures give lies from each, in "
                    "multiples of the rounding of the stated figure and of its inputs (within the shaded "
                    "band, the reading holds).")


# The two ranges of industries as grammar categories, with the words a legend shows.
RANGES = {"full range": "full range (Diagram No. 1)", "comparable range": "comparable range (as in 1913)"}
RANGE_LEGEND = alt.Legend(labelExpr=grammar.label_words(RANGES), direction="vertical", labelLimit=400)
# The lost table's cells as the grammar draws them: a value the book has only under
# assumption A1 rests on the garbled 1913 figure, and is drawn as a garbled reading.
CELL_STATUS = {"stated": "stated", "derived": "derived", "assumed": "garbled"}
CELL_WORDS = {"stated": "stated in the text", "derived": "derived by the book",
              "garbled": "from the garbled 1913 figure, under assumption A1"}


def _status_legend(statuses) -> alt.Legend:
    return alt.Legend(title="Value", labelExpr=grammar.label_words({status: CELL_WORDS[status] for status in statuses}),
                      direction="vertical", labelLimit=400)


def _range_color(ranges, legend=RANGE_LEGEND, channel=alt.Color):
    encoding = grammar.category_color(ranges, title="Range of industries", field="range", legend=legend)
    return encoding if channel is alt.Color else channel("range:N", scale=encoding.to_dict()["scale"], legend=None)


def rebuilt_series_figure(rebuilt: pd.DataFrame) -> nep.Figure:
    series_keys = [rebuild.TOTAL[y] for y in rebuild.TOTAL] + list(rebuild.GROWTH.values()) + [rebuild.EXCESS_1926]
    series_rows = audit.rows_for(series_keys)

    series = rebuilt[rebuilt.row == "output_all"][["year", "value", "status", "calculation"]].copy()
    series["start"] = series.year + "-01-01"
    series["range"] = "comparable range"
    series["how"] = series.status.map(CELL_WORDS)
    prewar = series[series.year == "1913"].assign(label="1913 level")
    recovery = series[series.year != "1913"]
    passed = recovery[recovery.value >= prewar.value.iloc[0]].year.iloc[0]

    tooltip = [alt.Tooltip("year:N", title="Year"),
               alt.Tooltip("value:Q", title="Gross output (million rubles, 1926/27 prices)", format=",.0f"),
               alt.Tooltip("how:N", title="How the book has it"), alt.Tooltip("calculation:N", title="Calculation")]
    x = alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", tickCount="year"))
    # Dashed: most of the line's years are derived.
    line = alt.Chart(recovery).mark_line(strokeDash=grammar.STATUS_LINE_DASH["derived"], tooltip=None).encode(
        x=x, y=alt.Y("value:Q", title="Gross output (million rubles)"), color=_range_color(["comparable range"], legend=None))
    points = alt.Chart(recovery).mark_point(size=90, filled=True, strokeWidth=2, opacity=1).encode(
        x="start:T", y="value:Q", color=_range_color(["comparable range"], legend=None),
        stroke=_range_color(["comparable range"], channel=alt.Stroke),
        **grammar.status_encodings("point", ["stated", "derived"], legend=_status_legend(["stated", "derived"])),
        tooltip=tooltip,
    )
    rule = alt.Chart(prewar).mark_rule(strokeDash=[4, 3], color=grammar.REFERENCE[0]).encode(y="value:Q", tooltip=tooltip)
    rule_label = alt.Chart(prewar).mark_text(align="left", dx=4, dy=-8, fontSize=11, color=grammar.REFERENCE[0]).encode(
        x=alt.value(0), y="value:Q", text="label:N", tooltip=tooltip)

    rebuilt_chart = (line + points + rule + rule_label).properties(
        width=330,
        title=grammar.chart_title(
            f"Rebuilt, output passed 1913's level only in {passed}",
            "Gross output of large-scale industry, comparable range, million rubles at 1926/27 prices; "
            "filled: stated in the text, hollow: derived by the book; dashed: the 1913 level"),
        description="Line chart of gross output of large-scale industry in the comparable range: "
                    "stated in 1921 and 1925, derived for 1922 to 1924 from the growth rates and for "
                    "1926 from the excess over 1913, against a dashed rule at the 1913 level.",
    )
    return nep.show(rebuilt_chart, series_rows, "Gross output of large-scale industry, comparable range of "
             "industries (as in 1913), 1926/27 prices: the text's levels, and the years between "
             "derived from its growth rates (forward route) and its 1926 excess over pre-war.")


# The two groups of the lost table as the grammar's categories (the text equates heavy
# industry with the production of means of production, light and food industry with
# consumer goods), and the words a legend shows for them.
GROUPS = {"share_means": "heavy industry", "share_consumer": "light industry"}
GROUP_LEGEND = alt.Legend(labelExpr="datum.value == 'heavy industry' ? 'means of production' : 'consumer goods'",
                          direction="vertical")


def shares_figure(rebuilt: pd.DataFrame) -> nep.Figure:
    share_keys = list(rebuild.SHARE.values()) + [rebuild.TOTAL["1913"], rebuild.GARBLED_1913]
    share_rows = audit.rows_for(share_keys)

    shares = rebuilt[rebuilt.row.isin(list(GROUPS)) & rebuilt.value.notna()].copy()
    shares["category"] = shares.row.map(GROUPS)
    shares["group"] = shares.row.map({"share_means": "means of production", "share_consumer": "consumer goods"})
    shares["start"] = shares.year + "-01-01"
    shares["status"] = shares.status.map(CELL_STATUS)
    shares["how"] = shares.status.map(CELL_WORDS)
    shares = shares[["year", "start", "group", "category", "value", "status", "how"]]
    means = shares[shares.category == "heavy industry"].set_index("year").value
    recovery = means.drop("1913")
    peak = recovery.idxmax()

    statuses = [s for s in grammar.STATUSES if s in set(shares.status)]
    colour = grammar.category_color(list(GROUPS.values()), title="Group", legend=GROUP_LEGEND)
    share_chart = alt.Chart(shares).mark_bar(width=14, strokeWidth=1.5).encode(
        x=alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", tickCount="year"),
                scale=alt.Scale(domain=["1912-07-01", "1926-07-01"])),
        y=alt.Y("value:Q", title="Share of large-scale output (%)", stack="zero",
                scale=alt.Scale(domain=[0, 100])),
        color=colour, stroke=alt.Stroke("category:N", scale=colour.to_dict()["scale"], legend=None),
        order=alt.Order("category:N"),
        **grammar.status_encodings("bar", statuses, legend=_status_legend(statuses)),
        tooltip=[alt.Tooltip("year:N", title="Year"), alt.Tooltip("group:N", title="Group"),
                 alt.Tooltip("value:Q", title="Share of large-scale output (%)", format=".1f"),
                 alt.Tooltip("how:N", title="How the book has it")],
    ).properties(
        width=330,
        title=grammar.chart_title(
            f"Means of production peaked at {nep.fmt(recovery[peak], 1)}% in {peak}",
            "Shares of large-scale output (comparable range, 1926/27 prices), percent; filled: stated, "
            "hollow: derived as the remainder, dotted: 1913 from the garbled figure under assumption A1"),
        description="Stacked bars, on a time axis, of the shares of means of production and "
                    "consumer goods in large-scale output in 1913 (assumed), 1921, 1923, 1924 and "
                    "1925; 1922 and 1926 are not recoverable and left empty.",
    )
    return nep.show(share_chart, share_rows, "Shares of the two groups in large-scale output (comparable "
             "range, 1926/27 prices): means of production as the text states them, consumer goods "
             "as the remainder (derived, hollow), and 1913 (dotted) from the garbled 1913 figure under "
             "assumption A1.")


def diagram_figure(output: pd.DataFrame) -> nep.Figure:
    diagram_rows = output[output.series.isin(["gross_output_full_range", "gross_output_comparable_range"])]
    diagram = nep.chart_data(diagram_rows)
    diagram["range"] = diagram.series.map({"gross_output_full_range": "full range",
                                           "gross_output_comparable_range": "comparable range"})
    diagram["range_words"] = diagram.range.map(RANGES)
    diagram["billion"] = diagram.value.where(diagram.unit == "billion rubles", diagram.value / 1000)
    points = diagram[diagram.period != "1913"]
    level_1913 = diagram[diagram.period == "1913"].assign(note="1913 level, comparable range")
    in_1925 = points[points.period == "1925"].set_index("range").billion

    diagram_tooltip = [alt.Tooltip("period:N", title="Year"), alt.Tooltip("range_words:N", title="Range of industries"),
                       alt.Tooltip("billion:Q", title="Gross output (billion rubles, 1926/27 prices)", format=".3~f")]
    # Dots on a time axis: the diagram gives three years, and nothing between them.
    diagram_points = alt.Chart(points).mark_point(filled=True, size=110, opacity=1).encode(
        x=alt.X("start:T", title="Year", axis=alt.Axis(format="%Y", tickCount="year"),
                scale=alt.Scale(domain=["1919-07-01", "1925-07-01"])),
        y=alt.Y("billion:Q", title="Gross output (billion rubles)"),
        color=_range_color(list(RANGES)),
        shape=alt.Shape("range:N", scale=alt.Scale(domain=list(RANGES), range=["circle", "square"]), legend=None),
        tooltip=diagram_tooltip,
    )
    diagram_rule = alt.Chart(level_1913).mark_rule(strokeDash=[4, 3], color=grammar.REFERENCE[0]).encode(
        y="billion:Q", tooltip=diagram_tooltip)
    diagram_label = alt.Chart(level_1913).mark_text(align="left", dx=4, dy=-8, fontSize=11,
                                                    color=grammar.REFERENCE[0]).encode(
        x=alt.value(0), y="billion:Q", text="note:N", tooltip=diagram_tooltip)

    diagram_chart = (diagram_points + diagram_rule + diagram_label).properties(
        width=330,
        title=grammar.chart_title(
            f"The full range: "
            f"{nep.fmt(in_1925['full range'] - in_1925['comparable range'], 1)} billion rubles more in 1925",
            f"{nep.fmt(in_1925['full range'])} against {nep.fmt(in_1925['comparable range'], 2)} billion in 1925. "
            "Gross output of large-scale industry, billion rubles at 1926/27 prices, as the text states it; "
            "the full range leaves nothing out, the comparable range leaves out fishing, logging, timber "
            "rafting and railway repair shops"),
        description="Dots, on a time axis, of gross output of large-scale industry: the full range of "
                    "Diagram No. 1 in 1920, 1921 and 1925, and the comparable range in 1921 and "
                    "1925, against a dashed rule at the 1913 comparable-range level.",
    )
    return nep.show(diagram_chart, diagram_rows, "Gross output of large-scale industry in 1926/27 prices: "
             "the three values that survive of Diagram No. 1 (full range of industries, rounded "
             "to a tenth of a billion) and the text's comparable-range figures (without fishing, "
             "logging, timber rafting and railway repair shops).")
