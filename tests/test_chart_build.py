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


# ---------------------------------------------------------------------------
# The chart checks (_ext/nep_chart_checks.py): text that overlaps or is cut, and zero
# ---------------------------------------------------------------------------

import nep_chart_checks  # noqa: E402


def problems_of(spec: dict) -> list[str]:
    """What the checks find in a chart as the page would draw it (house theme included)."""
    fitted, _ = nep_page_charts.fitted_chart(spec)
    return nep_chart_checks.chart_problems(fitted, nep_page_charts._compiled(fitted))


def bars(values: dict, **y) -> dict:
    return {"title": {"text": "Coal mined", "subtitle": "Coal mined, million poods; the text's figures"},
            "mark": "bar", "width": {"step": 70},
            "data": {"values": [{"period": k, "coal": v} for k, v in values.items()]},
            "encoding": {"x": {"field": "period", "type": "nominal", "axis": {"labelAngle": 0}},
                         "y": {"field": "coal", "type": "quantitative", **y},
                         "tooltip": [{"field": "coal", "title": "Coal (million poods)"}]}}


COAL = {"1921/22": 9.5, "1922/23": 11.2, "1923/24": 14.1}


def test_the_font_the_checks_measure_with_measures_as_vega_does():
    # Vega (in vl-convert) sizes a drawing to its text: a lone text's drawing is its width.
    for text, size, weight in [("1921/22", 12, "normal"), ("WAWAWA", 12, "normal"),
                               ("Переход к нэпу", 12, "normal"), ("Coal output nearly doubled", 15, "bold")]:
        lone = {"$schema": "https://vega.github.io/schema/vega/v5.json", "autosize": "pad", "padding": 0,
                "width": 0, "height": 0, "marks": [{"type": "text", "encode": {"enter": {
                    "text": {"value": text}, "fontSize": {"value": size}, "fontWeight": {"value": weight},
                    "font": {"value": "DejaVu Sans"}, "baseline": {"value": "top"}}}}]}
        drawn = drawn_width(__import__("vl_convert").vega_to_svg(lone))
        assert drawn - 1 < nep_chart_checks.text_width(text, size, weight) <= drawn, text


def test_a_good_chart_passes_the_checks():
    assert problems_of(bars(COAL)) == []


def test_period_labels_that_run_together_are_found():
    crowded = {**bars(COAL), "width": {"step": 40}}
    found = problems_of(crowded)
    assert any("1921/22" in problem and ("overlap" in problem or "run together" in problem)
               for problem in found), found


def test_log_ticks_that_read_as_one_number_are_found():
    growth = {"title": {"text": "Imports grew", "subtitle": "Times, logarithmic scale"}, "mark": "point",
              "width": 380, "data": {"values": [{"good": "cotton", "times": 1.9}, {"good": "rubber", "times": 125}]},
              "encoding": {"x": {"field": "times", "type": "quantitative", "scale": {"type": "log", "domain": [1, 200]}},
                           "y": {"field": "good", "type": "nominal"}, "tooltip": [{"field": "times"}]}}
    found = problems_of(growth)
    # 40 and 50 a pixel apart: they touch, and read as 4050.
    assert any("run together: '40' and '50'" in problem for problem in found), found
    assert not any("zero" in problem for problem in found), "the subtitle says it is a log scale"


def test_a_legend_label_cut_short_is_found():
    legend = {**bars(COAL), "encoding": {**bars(COAL)["encoding"], "color": {
        "field": "period", "type": "nominal", "legend": {"labelLimit": 30}}}}
    found = problems_of(legend)
    assert any("cut short" in problem and "1921/22" in problem for problem in found), found


def test_a_bar_not_from_zero_is_found_whatever_the_subtitle_says():
    for scale in ({"zero": False}, {"domain": [8, 15]}, {"type": "log"}):
        chart = bars(COAL, scale=scale)
        chart["title"]["subtitle"] += "; axis does not start at zero; logarithmic scale"
        assert any("bars or areas" in problem for problem in problems_of(chart)), scale


def test_a_line_that_leaves_out_zero_must_say_so():
    line = {**bars(COAL, scale={"zero": False}), "mark": "line"}
    assert any("does not say 'axis does not start at zero'" in problem for problem in problems_of(line))
    line["title"] = {**line["title"], "subtitle": "Coal mined, million poods; the axis does not start at zero"}
    assert problems_of(line) == []


class FakeApp:
    """What the checks' report reads of Sphinx's application."""

    def __init__(self, tmp_path, fail: bool):
        self.doctreedir = str(tmp_path)
        self.env = type("Env", (), {"found_docs": {"book/05_fuel", "book/07_capital"}})()
        self.builder = type("Builder", (), {"format": "html"})()
        self.config = type("Config", (), {nep_chart_checks.CONFIG: fail})()


def test_the_build_fails_listing_every_chart_that_fails(tmp_path):
    from sphinx.errors import ExtensionError

    app = FakeApp(tmp_path, fail=True)
    nep_chart_checks.record(app, "book/05_fuel", ["05_fuel: 'Coal': texts overlap: '1' and '2'"])
    nep_chart_checks.record(app, "book/07_capital", ["07_capital: 'Assets': bars or areas on a y axis ..."])
    nep_chart_checks.record(app, "book/gone", ["a page no longer in the book"])
    with pytest.raises(ExtensionError) as error:
        nep_chart_checks.report(app, None)
    assert "'Coal'" in str(error.value) and "'Assets'" in str(error.value) and "no longer" not in str(error.value)
    # A page written again with nothing wrong is cleared; with the switch off, the list is only reported.
    nep_chart_checks.record(app, "book/05_fuel", [])
    nep_chart_checks.report(FakeApp(tmp_path, fail=False), None)
    assert nep_chart_checks.all_findings(app) == ["07_capital: 'Assets': bars or areas on a y axis ..."]
