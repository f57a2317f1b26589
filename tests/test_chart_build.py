"""The charts as the build compiles them for the page (_ext/nep_build.py): Vega specs that
leave the house theme to the book's one config file, light and dark."""

from __future__ import annotations

import pytest

import nep_build

POINTS = {"title": "Coal mined", "mark": "point", "data": {"values": [{"year": 1921, "coal": 9.5}]},
          "encoding": {"x": {"field": "year", "type": "ordinal"},
                       "y": {"field": "coal", "type": "quantitative"}, "tooltip": {"field": "coal"}}}


def test_a_chart_reaches_the_page_as_vega_without_the_house_theme():
    vega = nep_build.page_vega(POINTS)
    assert vega["marks"] and "encoding" not in vega, "not compiled to Vega"
    assert "config" not in vega and "$schema" not in vega
    # Its marks carry no labels of their own: the figure's label describes the chart.
    assert "ariaRoleDescription" not in str(vega) and "description" not in vega["marks"][0]["encode"]["update"]


def test_a_chart_with_a_style_of_its_own_stops_the_build_and_is_named():
    own_style = {**POINTS, "title": "Pig iron", "config": {"axis": {"labelFontSize": 20}}}
    with pytest.raises(ValueError, match="'Pig iron'.*house theme"):
        nep_build.page_vega(own_style)


def test_the_dark_theme_changes_the_colours_of_text_and_lines_only():
    light, dark = nep_build.vega_configs()["light"], nep_build.vega_configs()["dark"]
    label = dark["style"]["guide-label"]
    assert label.get("fill", "#000").lower() not in ("#000", "#000000", "black")
    assert label["font"] == light["style"]["guide-label"]["font"]
    # Sizes, the palette and the marks' styles are the house theme's in both.
    for key in ("range", "mark", "legend"):
        assert dark[key] == light[key], key
    assert dark["axis"]["labelFontSize"] == light["axis"]["labelFontSize"]
