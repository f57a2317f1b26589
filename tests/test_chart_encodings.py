"""The chart helpers of the checking, lost-table and comparison pages draw what they say.

- The checking page's axis (distance in multiples of the rounding) puts a reading within
  1 exactly when the audit says it holds.
- A hollow (derived) value is drawn with no fill at all: the grammar's fill scale gives each
  status its own opacity, not one spread between filled and hollow.
- Each outside source has a legend name of its own, and each comparison chart's title counts
  the comparisons that agree from the data.
"""

from __future__ import annotations

import math

import pandas as pd
import vl_convert

import nep
from nep import audit, audit_charts, comparisons, grammar, outside


def test_tolerance_multiples_within_one_exactly_when_the_reading_holds():
    readings = audit.table()
    finite = readings[readings.allowed_high.lt(math.inf) & readings.allowed_low.gt(-math.inf)
                      & (readings.allowed_high - readings.allowed_low
                         + readings.recomputed_high - readings.recomputed_low).gt(0)]
    distance = audit_charts.tolerance_multiples(finite)
    holds = finite.verdict == "consistent"
    assert holds.any() and (~holds).any()
    assert ((distance.abs() <= 1 + 1e-9) == holds).all()
    # A failing reading lies beyond 1 by its gap over the rounding allowed.
    failing = finite[~holds]
    tolerance = (failing.allowed_high - failing.allowed_low + failing.recomputed_high - failing.recomputed_low) / 2
    assert ((distance[~holds].abs() - 1) * tolerance - failing.gap).abs().max() < 1e-9


def test_checking_charts_colour_by_the_claims_verdicts_and_mark_far_readings():
    readings = audit.table()
    figure = audit_charts.percents_figure(readings)
    layers = figure.spec["layer"]
    dots = next(layer for layer in layers if layer["mark"]["type"] == "point")
    scale = dots["encoding"]["color"]["scale"]
    assert dots["encoding"]["color"]["field"] == "verdict"
    assert scale["range"] == [grammar.VERDICT_COLOURS[v][0] for v in scale["domain"]]
    shown = pd.DataFrame(figure.spec["datasets"][dots["data"]["name"]])
    assert shown.drawn_at.abs().max() <= audit_charts.TOLERANCE_LIMIT
    assert (shown.beyond == (shown.multiples.abs() > audit_charts.TOLERANCE_LIMIT)).all()
    assert all("|" not in label or len(max(label.split("|"), key=len)) <= audit_charts.LABEL_LINE
               for label in shown.label)


def test_derived_values_are_drawn_with_no_fill():
    import altair as alt

    data = pd.DataFrame({"x": [1, 2, 3], "status": ["stated", "derived", "garbled"]})
    chart = alt.Chart(data).mark_point(filled=True).encode(x="x:Q", **grammar.status_encodings("point"))
    vega = vl_convert.vegalite_to_vega(chart.to_dict())
    scale = next(scale for scale in vega["scales"] if scale["name"] == "fillOpacity")
    assert scale["type"] == "ordinal"
    assert dict(zip(scale["domain"], scale["range"])) == grammar.STATUS_FILL_OPACITY


def test_every_outside_source_has_a_legend_name_of_its_own():
    names = {key: outside.source_words(key) for key in outside.SOURCE_LABELS}
    assert len(set(names.values())) == len(names)
    assert outside.source_words("text") == "the text"
    legend = outside.source_color(["text", "suib1928", "suib1928statement"]).to_dict()
    assert legend["scale"]["domain"] == ["text", "suib1928", "suib1928statement"]
    assert legend["scale"]["range"] == [grammar.source_colour(s) for s in legend["scale"]["domain"]]


def test_gap_chart_title_counts_the_agreeing_comparisons():
    text, other = nep.load_all(), outside.load()
    for page in {item["page"] for item in comparisons.COMPARISONS}:
        found = comparisons.comparisons(text, other, page=page)
        title = comparisons.gap_chart(found, "Test").to_dict()["title"]["text"]
        agreeing = int((found.reason == "agreement").sum())
        assert (f"{agreeing} of {len(found)}" in title) if agreeing else title.startswith("None of")
