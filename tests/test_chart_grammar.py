"""Every chart of the built book speaks the book's one grammar (book/nep/grammar.py).

The specs are read as the chapters made them (the Vega-Lite in the executed notebooks of
the build), and each is held to five rules: its colours are the grammar's, and mean what
the grammar says; a value's status is drawn filled, hollow or dotted as the grammar says;
its tooltips are written for readers; its title is a finding with a subtitle; and an
axis that leaves out zero says so.
"""

from __future__ import annotations

import json
import re

import pytest

from nep import charts, grammar
from test_chart_build import PAGE, contrast

SPEC = re.compile(r'<script type="application/json" class="nep-chart-spec">(.*?)</script>', re.S)
COLOUR_CHANNELS = ("color", "fill", "stroke")
NO_ZERO_WORDS = ("does not start at zero", "logarithmic scale")
# A number's title names its unit: in brackets, or as a share or a multiple.
UNIT_WORDS = re.compile(r"\(.+\)|%|per ?cent|times|points", re.I)


def units(spec: dict):
    """Every single view of a chart (layers, concatenations and facets opened)."""
    if "mark" in spec:
        yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from units(part)
    if "spec" in spec:
        yield from units(spec["spec"])


def channel_defs(encoding: dict):
    """Each channel's definitions: the encoding itself and the branches of its conditions."""
    for channel, definition in encoding.items():
        for one in definition if isinstance(definition, list) else [definition]:
            if not isinstance(one, dict):
                continue
            yield channel, one
            conditions = one.get("condition", [])
            for condition in conditions if isinstance(conditions, list) else [conditions]:
                yield channel, condition


def mark_def(unit: dict) -> dict:
    mark = unit["mark"]
    return mark if isinstance(mark, dict) else {"type": mark}


def title_text(spec: dict) -> tuple[str, str]:
    title = spec.get("title") or {}
    if not isinstance(title, dict):
        return str(title), ""
    text, subtitle = title.get("text", ""), title.get("subtitle", "")
    join = lambda lines: " ".join(lines) if isinstance(lines, list) else str(lines or "")  # noqa: E731
    return join(text), join(subtitle)


def _is_colour(value) -> bool:
    return isinstance(value, str) and value.lower() not in ("none", "transparent")


def colour_problems(spec: dict) -> list[str]:
    allowed = {colour.lower() for colour in grammar.all_colours()}
    problems = []
    for unit in units(spec):
        mark = mark_def(unit)
        for key in COLOUR_CHANNELS:
            if _is_colour(mark.get(key)) and mark[key].lower() not in allowed:
                problems.append(f"mark {key} {mark[key]!r} is not a grammar colour")
        for channel, definition in channel_defs(unit.get("encoding", {})):
            if channel not in COLOUR_CHANNELS:
                continue
            if _is_colour(definition.get("value")) and definition["value"].lower() not in allowed:
                problems.append(f"{channel} value {definition['value']!r} is not a grammar colour")
            field = definition.get("field")
            if not field:
                continue
            scale = definition.get("scale") or {}
            domain, colours = scale.get("domain"), scale.get("range")
            if not isinstance(domain, list) or not isinstance(colours, list):
                problems.append(f"{channel} of {field!r} takes the default palette, not the grammar's colours")
                continue
            for value, colour in zip(domain, colours):
                expected = _meaning(field, value)
                if expected is None:
                    problems.append(f"{field!r} value {value!r} has no colour in the grammar")
                elif colour.lower() != expected:
                    problems.append(f"{field!r} value {value!r} drawn {colour}, the grammar says {expected}")
    return problems


def _meaning(field: str, value) -> str | None:
    """The colour the grammar gives a value of a field (None if it gives none)."""
    if field == "source":
        pair = grammar.SOURCE_COLOURS.get(grammar.family(str(value)))
    elif field == "verdict":
        pair = grammar.VERDICT_COLOURS.get(str(value))
    else:
        pair = grammar.CATEGORY_COLOURS.get(str(value))
    return pair[0].lower() if pair else None


def status_problems(spec: dict) -> list[str]:
    problems, says = [], title_text(spec)[1]
    for unit in units(spec):
        line = mark_def(unit)["type"] in ("line", "rule", "trail")
        for channel, definition in channel_defs(unit.get("encoding", {})):
            if "datum.status" in json.dumps(definition.get("test", "")):
                problems.append(f"{channel} tests datum.status: draw the status with grammar.status_encodings")
            # A tooltip or a label may name the status; only what draws the mark is held to the grammar.
            if definition.get("field") != "status" or channel in ("tooltip", "text"):
                continue
            grammar_range = {"fillOpacity": grammar.STATUS_FILL_OPACITY,
                             "strokeDash": grammar.STATUS_LINE_DASH if line else grammar.STATUS_POINT_DASH}.get(channel)
            scale = definition.get("scale") or {}
            if grammar_range is None:
                problems.append(f"status drawn by {channel}: the grammar draws it by fill and dash")
            elif [grammar_range.get(value) for value in scale.get("domain", [])] != scale.get("range"):
                problems.append(f"status's {channel} is not the grammar's: {scale}")
            elif channel == "fillOpacity" and scale.get("type") != "ordinal":
                # A nominal opacity's default point scale spreads the opacities: "derived" half filled.
                problems.append("status's fill opacity must be an ordinal scale")
            elif channel == "fillOpacity" and len(set(scale["range"])) > 1 and "hollow" not in says:
                # Vega-Lite draws no legend for a fill's opacity: the subtitle tells filled from hollow.
                problems.append("filled and hollow marks, and the subtitle does not say which is which")
    return problems


def tooltip_problems(spec: dict) -> list[str]:
    problems = []
    for unit in units(spec):
        if mark_def(unit).get("tooltip") not in (None, False):
            problems.append("a mark shows every field as its tooltip: list the fields, with titles")
        tooltip = unit.get("encoding", {}).get("tooltip")
        for field in tooltip if isinstance(tooltip, list) else [tooltip] if tooltip else []:
            name, title = field.get("field", ""), str(field.get("title") or "")
            if field.get("type") == "temporal" or "timeUnit" in field:
                problems.append(f"tooltip shows the date {name!r}: show the period's label")
            if not title or title == name:
                problems.append(f"tooltip field {name!r} has no title in words")
            if name == "series":
                problems.append("tooltip shows the series' id: show its name in words")
            if field.get("type") == "quantitative":
                if "format" not in field:
                    problems.append(f"tooltip number {name!r} has no format")
                if not UNIT_WORDS.search(title):
                    problems.append(f"tooltip number {name!r} ({title!r}) does not name its unit")
    return problems


def title_problems(spec: dict) -> list[str]:
    text, subtitle = title_text(spec)
    return [] if text.strip() and subtitle.strip() else ["the chart needs a title and a subtitle"]


def zero_problems(spec: dict) -> list[str]:
    problems, says_so = [], any(words in title_text(spec)[1] for words in NO_ZERO_WORDS)
    for unit in units(spec):
        mark = mark_def(unit)["type"]
        encoding = unit.get("encoding", {})
        for channel in ("x", "y"):
            definition = encoding.get(channel)
            if not isinstance(definition, dict) or definition.get("type") != "quantitative":
                continue
            scale = definition.get("scale") or {}
            domain = scale.get("domain")
            leaves_out_zero = (scale.get("zero") is False or scale.get("type") in ("log", "symlog")
                               or (isinstance(domain, list) and len(domain) == 2
                                   and all(isinstance(end, (int, float)) for end in domain)
                                   and not min(domain) <= 0 <= max(domain)))
            if not leaves_out_zero:
                continue
            if mark in ("bar", "area") and f"{channel}2" not in encoding:
                problems.append(f"a {mark}'s {channel} axis leaves out zero")
            elif not says_so:
                problems.append(f"{channel} axis leaves out zero and the subtitle does not say so")
    return problems


RULES = {"colour": colour_problems, "status": status_problems, "tooltip": tooltip_problems,
         "title": title_problems, "zero": zero_problems}


def specs_of_build(built_book) -> list[tuple[str, dict]]:
    specs = []
    for notebook in sorted((built_book.jupyter_execute / "book").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html", "")
                for spec in SPEC.findall("".join(html) if isinstance(html, list) else html):
                    specs.append((notebook.stem, json.loads(spec)))
    return specs


@pytest.fixture(scope="module")
def book_specs(built_book):
    specs = specs_of_build(built_book)
    assert len(specs) > 30, "the build's charts were not found"
    return specs


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_chart_of_the_book_keeps_the_rule(book_specs, rule):
    failures = [f"{page}: {title_text(spec)[0]!r}: {problem}"
                for page, spec in book_specs for problem in RULES[rule](spec)]
    assert not failures, f"{len(failures)} breaches of the {rule} rule:\n" + "\n".join(failures)


def test_the_house_theme_shows_no_tooltip_of_its_own():
    # A theme's `tooltip: true` would give every mark a tooltip of raw field names.
    assert charts._theme()["config"].get("mark", {}).get("tooltip") in (None, False)


# Each rule, shown failing on a chart that breaks it and passing on one that keeps it.
GOOD = {"title": {"text": "Coal output doubled", "subtitle": "Coal mined, million poods; hollow: derived"},
        "mark": {"type": "point", "filled": True},
        "encoding": {"x": {"field": "period", "type": "ordinal"},
                     "y": {"field": "value", "type": "quantitative"},
                     "color": {"field": "source", "type": "nominal",
                               "scale": {"domain": ["text", "maddison2013"],
                                         "range": [grammar.source_colour("text"),
                                                   grammar.source_colour("maddison2013")]}},
                     "fillOpacity": {"field": "status", "type": "nominal",
                                     "scale": {"type": "ordinal", "domain": ["stated", "derived"],
                                               "range": [1.0, 0.0]}},
                     "tooltip": [{"field": "period", "type": "nominal", "title": "Year"},
                                 {"field": "value", "type": "quantitative", "format": ",.1f",
                                  "title": "Coal mined (million poods)"}]}}


def _broken(path: list, value) -> dict:
    spec = json.loads(json.dumps(GOOD))
    place = spec
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value
    return spec


@pytest.mark.parametrize("rule, path, value", [
    ("colour", ["mark", "color"], "gray"),
    ("colour", ["encoding", "color", "scale", "range"], ["#e69f00", "#0072b2"]),
    ("colour", ["encoding", "color", "scale"], {}),
    ("status", ["encoding", "fillOpacity", "scale", "range"], [0.3, 1.0]),
    ("status", ["encoding", "fillOpacity", "scale", "type"], "point"),
    ("status", ["title", "subtitle"], "Coal mined, million poods"),
    ("status", ["encoding", "fill"], {"condition": {"test": "datum.status == 'stated'", "value": "#0072b2"},
                                      "value": "transparent"}),
    ("tooltip", ["mark", "tooltip"], True),
    ("tooltip", ["encoding", "tooltip"], [{"field": "start", "type": "temporal", "title": "Start"}]),
    ("tooltip", ["encoding", "tooltip"], [{"field": "value", "type": "quantitative", "title": "value"}]),
    ("tooltip", ["encoding", "tooltip"], [{"field": "value", "type": "quantitative", "title": "Coal (poods)"}]),
    ("title", ["title"], "Coal output"),
    ("zero", ["encoding", "y", "scale"], {"zero": False}),
    ("zero", ["encoding", "y", "scale"], {"domain": [7920, 8120]}),
])
def test_each_rule_catches_a_chart_that_breaks_it(rule, path, value):
    assert not RULES[rule](GOOD), "the example chart must keep every rule"
    assert RULES[rule](_broken(path, value))


def test_an_axis_without_zero_is_allowed_when_the_subtitle_says_so_but_never_for_bars():
    said = _broken(["encoding", "y", "scale"], {"zero": False})
    said["title"]["subtitle"] = "Fixed assets, million rubles; the axis does not start at zero"
    assert not zero_problems(said)
    said["mark"] = "bar"
    assert zero_problems(said)


def test_every_grammar_colour_reads_as_text_on_the_page_in_both_modes():
    # The printed worksheet's grey bars are the one colour that is not drawn on the page itself.
    drawn_on_page = {light: dark for light, dark in grammar.all_colours().items() if light != grammar.PRINT_PAPER[0]}
    weak = [(light, dark) for light, dark in drawn_on_page.items()
            if contrast(light, PAGE["light"]) < 4.5 or contrast(dark, PAGE["dark"]) < 4.5]
    assert not weak, f"grammar colours under 4.5:1 on the page: {weak}"
