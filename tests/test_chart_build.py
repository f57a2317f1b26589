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


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(letter * 2 for letter in colour)
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


# The theme's page backgrounds (pydata-sphinx-theme), which the charts sit on.
PAGE = {"light": "#ffffff", "dark": "#14181e"}


def test_the_charts_draw_no_background_of_their_own_in_either_mode():
    """Vega's dark theme paints charts #333: the book's charts take the page's background."""
    for theme, config in nep_page_charts.vega_configs().items():
        assert config.get("background") in (None, "transparent"), theme
    for theme in nep_page_charts.THEMES:
        assert nep_page_charts._compiled(POINTS, theme).get("background") in (None, "transparent"), theme


def test_the_dark_theme_text_and_axes_read_on_the_dark_page():
    dark = nep_page_charts.vega_configs()["dark"]
    texts = [dark["style"][style]["fill"] for style in ("guide-label", "guide-title", "group-title")]
    texts.append(dark["title"]["subtitleColor"])
    assert all(contrast(text, PAGE["dark"]) >= 4.5 for text in texts), texts
    lines = [dark["axis"]["domainColor"], dark["axis"]["tickColor"]]
    assert all(contrast(line, PAGE["dark"]) >= 3 for line in lines), lines


def test_a_chart_that_names_no_colour_is_drawn_in_the_grammars_colours():
    """The theme's default colours are grammar colours, so the dark mode has a dark value for
    each (a default outside the grammar would stay as it is on the dark page)."""
    import nep
    from nep import grammar

    config = nep.charts._theme()["config"]
    defaults = config["range"]["category"] + [config[mark]["color"] for mark in ("mark", "bar", "line", "point", "text")]
    colours = grammar.all_colours()
    assert {colour.lower() for colour in defaults + nep.PALETTE} <= set(colours)
    # A mark stands out at 3:1; the default colour, which a text mark takes too, reads at 4.5:1.
    for colour in set(defaults):
        assert contrast(colour, PAGE["light"]) >= 3 and contrast(colours[colour], PAGE["dark"]) >= 3, colour
    for default in (config["mark"]["color"], config["text"]["color"]):
        assert contrast(default, PAGE["light"]) >= 4.5 and contrast(colours[default], PAGE["dark"]) >= 4.5, default


def test_the_dark_stylesheet_swaps_each_grammar_colour_and_draws_the_first_paint_as_the_view():
    """The stylesheet served with every page gives the drawing made at build time the dark
    theme's text colours, and every grammar colour its dark value, in the drawing and in the view."""
    import nep.grammar

    css = nep_page_charts.dark_chart_css()
    dark = nep_page_charts.vega_configs()["dark"]
    assert f"svg.nep-chart-static g.mark-text:not(.role-mark) > text{{fill:{dark['style']['guide-label']['fill']}}}" in css
    assert f".role-axis-grid > line{{stroke:{dark['axis']['gridColor']}}}" in css
    for light, dark_value in nep.grammar.all_colours().items():
        assert light != dark_value
        for attribute in ("fill", "stroke"):
            assert f'.nep-chart-view [{attribute}="{light}" i]{{{attribute}:{dark_value}}}' in css


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
