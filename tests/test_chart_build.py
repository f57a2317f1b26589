"""The charts as the build compiles them for the page (_ext/nep_page_charts.py): Vega specs that
leave the house theme to the book's one config file, light and dark."""

from __future__ import annotations

import pytest

import nep_page_charts

POINTS = {"title": "Coal mined", "mark": "point", "data": {"values": [{"year": 1921, "coal": 9.5}]},
          "encoding": {"x": {"field": "year", "type": "ordinal"},
                       "y": {"field": "coal", "type": "quantitative"}, "tooltip": {"field": "coal"}}}


def test_a_chart_reaches_the_page_as_vega_without_the_house_theme():
    vega = nep_page_charts.page_vega(POINTS)
    assert vega["marks"] and "encoding" not in vega, "not compiled to Vega"
    assert "config" not in vega and "$schema" not in vega
    # Its marks carry no labels of their own: the figure's label describes the chart.
    assert "ariaRoleDescription" not in str(vega) and "description" not in vega["marks"][0]["encode"]["update"]


def test_a_chart_with_a_style_of_its_own_stops_the_build_and_is_named():
    own_style = {**POINTS, "title": "Pig iron", "config": {"axis": {"labelFontSize": 20}}}
    with pytest.raises(ValueError, match="'Pig iron'.*house theme"):
        nep_page_charts.page_vega(own_style)


def test_the_dark_theme_changes_the_colours_of_text_and_lines_only():
    light, dark = nep_page_charts.vega_configs()["light"], nep_page_charts.vega_configs()["dark"]
    label = dark["style"]["guide-label"]
    assert label.get("fill", "#000").lower() not in ("#000", "#000000", "black")
    assert label["font"] == light["style"]["guide-label"]["font"]
    # Sizes, the palette and the marks' styles are the house theme's in both.
    for key in ("range", "mark", "legend"):
        assert dark[key] == light[key], key
    assert dark["axis"]["labelFontSize"] == light["axis"]["labelFontSize"]


def drawn_width(svg: str) -> float:
    return float(nep_page_charts._SVG_WIDTH.search(svg).group(1))


def test_long_category_labels_go_in_lines_in_rows_tall_enough_for_them():
    labels = ["the extractive industry made thirteen per cent of large-scale output in 1925",
              "working days rose from 1921 to 1925 by eighteen per cent", "short"]
    bars = {"title": "Claims", "mark": "bar", "data": {"values": [{"claim": label, "value": 1} for label in labels]},
            "encoding": {"y": {"field": "claim", "type": "nominal", "axis": {"labelLimit": 600}},
                         "x": {"field": "value", "type": "quantitative"}, "tooltip": {"field": "value"}}}
    bars = {**bars, "datasets": {"rows": bars.pop("data")["values"]}, "data": {"name": "rows"}}
    assert drawn_width(nep_page_charts._svg(bars)[0]) > nep_page_charts.CHART_MAX_WIDTH, "the example must be too wide"
    fitted, svg = nep_page_charts.fitted_chart(bars)
    assert drawn_width(svg) <= nep_page_charts.CHART_MAX_WIDTH + 2
    # The longest label takes three lines of 30 characters at most: its row is tall enough.
    assert fitted["height"]["step"] >= 3 * 14
    assert "labelExpr" in fitted["encoding"]["y"]["axis"]


def test_a_title_too_long_for_a_phone_goes_in_two_lines_with_its_words_in_order():
    title = "State enterprises intended for leasing and leased by the end of 1923, by branch of industry"
    wide = {**POINTS, "title": title, "width": 300}
    assert drawn_width(nep_page_charts._svg(wide)[0]) > nep_page_charts.CHART_MAX_WIDTH, "the example must be too wide"
    fitted, svg = nep_page_charts.fitted_chart(wide)
    assert drawn_width(svg) <= nep_page_charts.CHART_MAX_WIDTH
    assert isinstance(fitted["title"], list) and len(fitted["title"]) == 2
    assert " ".join(fitted["title"]) == title
