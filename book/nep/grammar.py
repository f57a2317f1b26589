"""The book's one grammar of charts: what a colour, a fill or a dash means, on every page.

- **Who says it**: the text is always the same blue; each other source has a colour of
  its own (a work published in two parts, or in two articles of one encyclopaedia, keeps
  one colour). ``source_color`` encodes a ``source`` field with these colours.
- **How the book has the value**: a value the text (or a source) *states* is drawn filled
  and solid; a value the book *derives* from stated ones is hollow, its line dashed; a
  *garbled* reading (a sentence the translation broke) is hollow with a dotted outline.
  ``status_encodings`` encodes a ``status`` field so.
- **What the audit found**: the five verdicts have five fixed colours (``verdict_color``).
- **Other categories** (the two ranges of output, heavy and light industry, ...) keep one
  colour wherever they are drawn (``category_color``).

Every colour has a light and a dark value, each at least 4.5:1 against the page's
background in its mode (white; the theme's dark #14181e): the charts are drawn with the
light values, and the dark mode swaps each for its dark value (``dark_css``).
"""

from __future__ import annotations

# (light, dark): the light value is what the specs carry.
TEXT = ("#0072b2", "#56b4e9")
SOURCE_COLOURS: dict[str, tuple[str, str]] = {
    "text": TEXT,
    "etemad1991": ("#bf5200", "#f28c4b"),
    "maddison2013": ("#008060", "#3fd1a4"),
    "perekhod1961": ("#a8437f", "#e39cc6"),
    "suib1928": ("#6f4a8e", "#b99ad8"),
    "statesman1921": ("#806300", "#e5c24a"),
    "dronin2005": ("#5b6b00", "#b6c85a"),
    "nansen1923": ("#a23b3b", "#f08080"),
    "gse1979": ("#7a5532", "#c9a27a"),
    "guardian1934": ("#2f4b7c", "#8fa9d9"),
    "observer1934": ("#00707a", "#4cc3cc"),
    "nutter1962": ("#b8336a", "#f07aae"),
    "markevich2011": ("#3f7300", "#9ed04b"),
}
# Parts of one work keep the work's colour.
SOURCE_FAMILY = {"suib1928statement": "suib1928", "gse1979coal": "gse1979", "gse1979grain": "gse1979"}

VERDICT_COLOURS: dict[str, tuple[str, str]] = {
    "consistent": ("#1b7f3b", "#6fdc8c"),
    "loose wording": ("#8a6d00", "#e5c24a"),
    "depends on the reading": ("#6f4a8e", "#b99ad8"),
    "inconsistent": ("#c0392b", "#ff8a80"),
    "cannot be checked": ("#5f6368", "#a8adb3"),
}

# Categories other than sources, one colour each wherever drawn.
CATEGORY_COLOURS: dict[str, tuple[str, str]] = {
    "heavy industry": ("#3d4fa8", "#9aa8ef"),
    "light industry": ("#8f4a00", "#f5b971"),
    # The two ranges of industries the text gives gross output for (the output chapter, Diagram No. 1).
    "comparable range": ("#1d5f8a", "#7fc1ee"),
    "full range": ("#a04e2a", "#f0a07a"),
    # The fuels the text splits industry's fuel into (the fuel chapter).
    "coal": ("#404040", "#c8c8c8"),
    "other fuels": ("#2e7d32", "#81c784"),
    # What another source's figure rests on (the part "Against other sources", nep.comparisons).
    "official Soviet publication": ("#b2182b", "#ff8a8a"),
    "re-publication of official figures": ("#9a5b00", "#f0b35a"),
    "independent reconstruction": ("#2166ac", "#8ab8f0"),
    # Two ways of pairing a calendar year Y with the Soviet fiscal years (the energy page's coal).
    "fiscal year ending in Y": ("#33691e", "#9ccc65"),
    "fiscal year starting in Y": ("#6a1b9a", "#ce93d8"),
    # How oil was lifted from the wells (the heavy-industry chapter).
    "bailing": ("#8c510a", "#dfb36b"),
    "pumps": ("#01665e", "#5ec4b6"),
    "compressors": ("#5e3c99", "#b2a1e0"),
    "other or not stated": ("#6b6b6b", "#a3a3a3"),
}

# The printed worksheet's charts, which must read in black and white: black ink on light grey
# bars. In dark mode on screen the ink turns light and the bars dark (their outline, in ink,
# keeps them visible against the page).
PRINT_INK = ("#000000", "#e6e6e6")
PRINT_PAPER = ("#d9d9d9", "#3a3f47")

# Reference lines and their labels (the 1913 level, a rule at 1): a neutral grey.
REFERENCE = ("#666666", "#9a9a9a")

STATUSES = ["stated", "derived", "garbled"]
STATUS_WORDS = {"stated": "stated", "derived": "derived by the book", "garbled": "garbled reading"}
# Filled for stated; hollow for derived and garbled; garbled's outline dotted.
STATUS_FILL_OPACITY = {"stated": 1.0, "derived": 0.0, "garbled": 0.0}
STATUS_POINT_DASH = {"stated": [1, 0], "derived": [1, 0], "garbled": [2, 2]}
STATUS_LINE_DASH = {"stated": [1, 0], "derived": [6, 3], "garbled": [2, 2]}


def label_words(words: dict[str, str]) -> str:
    """A legend's ``labelExpr`` that shows each value in words (any other value as it is)."""
    cases = "".join("datum.value == '{}' ? '{}' : ".format(value, shown.replace("'", "\\'"))
                    for value, shown in words.items())
    return cases + "datum.value"


def family(source: str) -> str:
    """The source whose colour a source takes (itself, or the work it is a part of)."""
    return SOURCE_FAMILY.get(source, source)


def source_colour(source: str) -> str:
    """A source's colour (light value): 'text' or an outside source's key."""
    try:
        return SOURCE_COLOURS[family(source)][0]
    except KeyError:
        raise KeyError(f"source {source!r} has no colour in nep.grammar.SOURCE_COLOURS: "
                       "give it one (light and dark)") from None


def _color(field: str, values, colours, title, legend):
    import altair as alt

    values = list(dict.fromkeys(values))
    scale = alt.Scale(domain=values, range=[colours(value) for value in values])
    return alt.Color(f"{field}:N", scale=scale, title=title,
                     legend=alt.Legend() if legend is True else legend)


def source_color(sources, title="Source", field="source", legend=True):
    """A colour encoding of a ``source`` field: each source its own fixed colour."""
    return _color(field, sources, source_colour, title, legend)


def verdict_color(verdicts=None, title="Verdict", field="verdict", legend=True):
    """A colour encoding of a ``verdict`` field: the five verdicts' fixed colours."""
    return _color(field, verdicts or list(VERDICT_COLOURS), lambda v: VERDICT_COLOURS[v][0], title, legend)


def category_color(categories, title=None, field="category", legend=True):
    """A colour encoding of other categories, each in its one colour."""
    def colour(category):
        try:
            return CATEGORY_COLOURS[category][0]
        except KeyError:
            raise KeyError(f"category {category!r} has no colour in nep.grammar.CATEGORY_COLOURS") from None
    return _color(field, categories, colour, title, legend)


def status_encodings(mark: str = "point", statuses=None, field: str = "status", legend=True) -> dict:
    """Encodings that draw a ``status`` field by the grammar: for ``mark`` 'point' or 'bar',
    filled or hollow (and dotted when garbled); for 'line', solid, dashed or dotted.

    Vega-Lite draws no legend for a fill's opacity: a chart with both filled and hollow
    marks says which is which in its subtitle (the chart test asks for "hollow" there).
    A line's dashes do have a legend, when ``legend`` is true.
    """
    import altair as alt

    statuses = list(dict.fromkeys(statuses or STATUSES))
    dash_of = STATUS_LINE_DASH if mark == "line" else STATUS_POINT_DASH
    words = label_words({status: STATUS_WORDS[status] for status in statuses})
    shown = alt.Legend(title="Value", labelExpr=words) if legend is True and mark == "line" else None
    dash = alt.StrokeDash(f"{field}:N", legend=shown,
                          scale=alt.Scale(domain=statuses, range=[dash_of[s] for s in statuses]))
    if mark == "line":
        return {"strokeDash": dash}
    opacity = alt.FillOpacity(f"{field}:N", legend=None,
                              # "ordinal": each status its own opacity; Vega-Lite's default for a nominal
                              # opacity (a point scale) would spread them, drawing "derived" half filled.
                              scale=alt.Scale(type="ordinal", domain=statuses,
                                              range=[STATUS_FILL_OPACITY[s] for s in statuses]))
    return {"fillOpacity": opacity, "strokeDash": dash}


def all_colours() -> dict[str, str]:
    """Every light colour of the grammar with its dark value."""
    pairs = [*SOURCE_COLOURS.values(), *VERDICT_COLOURS.values(), *CATEGORY_COLOURS.values(), REFERENCE,
             PRINT_INK, PRINT_PAPER]
    return {light: dark for light, dark in pairs}


def dark_css(scope: str = 'html[data-theme="dark"] .nep-chart-view') -> str:
    """CSS that draws each grammar colour in its dark value in dark mode: the drawing made at
    build time and Vega's live view both write colours as fill and stroke attributes, which
    a stylesheet overrides."""
    rules = []
    for light, dark in all_colours().items():
        rules.append(f'{scope} [fill="{light}" i]{{fill:{dark}}}')
        rules.append(f'{scope} [stroke="{light}" i]{{stroke:{dark}}}')
    return "\n".join(rules) + "\n"


# Characters of a chart's title (15 px, bold) and subtitle (12 px) lines that fit the 440 px
# a chart may take on a phone, in the wide font the build measures with.
TITLE_LINE, SUBTITLE_LINE = 48, 58


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words."""
    import textwrap

    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def chart_title(finding: str, subtitle: str):
    """A chart's title, a finding in one line, and its subtitle (measure, unit, base) in lines,
    each fitting a phone."""
    import altair as alt

    if len(finding) > TITLE_LINE:
        raise ValueError(f"a chart's title is one line of at most {TITLE_LINE} characters "
                         f"(the subtitle says the rest): {finding!r}")
    return alt.Title(finding, subtitle=wrap(subtitle, SUBTITLE_LINE))
