"""Every chart reads in light and in dark mode, on a desktop and on a phone, as it is first
painted (the SVG drawn at build time) and once the interactive Vega view has taken over.

Each page of the built book is opened once per mode and width in Chromium. Everything is
measured in the page, against what is really behind each chart: the first background
colour found walking up from its drawing (the theme, myst-nb's output box, an admonition).
WCAG 2's contrast ratio: text (a chart's titles, labels and legends, its text marks, and
its caption with its links and notes) at least 4.5:1; a mark (a bar, point, line or rule)
at least 3:1 by its fill or its outline, its opacity counted.
"""

from __future__ import annotations

import pytest

from test_browser import html_pages, site  # noqa: F401

pytestmark = pytest.mark.browser

WIDTHS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}
MODES = ("light", "dark")
TEXT_RATIO, MARK_RATIO = 4.5, 3.0

# The pydata theme picks its mode from these before the page is painted; the browser's
# own preference agrees, in case the theme reads it instead.
CHOOSE_MODE = "localStorage.setItem('mode', '{0}'); localStorage.setItem('theme', '{0}');"

# Every chart's text, marks and caption, with the colour each is seen in (its opacity,
# and its parents', laid over the background) and that background.
MEASURE = r"""(drawing) => {
  const parse = (value) => {
    const m = /rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?\)/.exec(value || '');
    if (!m) return null;
    let a = m[4] === undefined ? 1 : (m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]));
    return [Number(m[1]), Number(m[2]), Number(m[3]), a];
  };
  const over = (top, alpha, bottom) => [0, 1, 2].map((i) => top[i] * alpha + bottom[i] * (1 - alpha));
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100;
  };
  const hex = (rgb) => '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
  // The colour behind an element: the backgrounds of it and its ancestors, the nearest
  // on top, down to the first opaque one (the canvas is white).
  const backgroundOf = (element) => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) { layers.push(colour); if (colour[3] >= 1) break; }
    }
    let rgb = [255, 255, 255];
    for (const layer of layers.reverse()) rgb = over(layer, layer[3], rgb);
    return rgb;
  };
  // What the element is drawn with: its opacity and that of the groups it sits in.
  const opacityOf = (element, svg) => {
    let opacity = 1;
    for (let node = element; node && node !== svg.parentElement; node = node.parentElement) {
      opacity *= parseFloat(getComputedStyle(node).opacity);
    }
    return opacity;
  };
  const paint = (element, property, svg, behind) => {
    const style = getComputedStyle(element);
    const colour = parse(style[property]);
    if (!colour) return null;  // none, or a gradient
    if (property === 'stroke' && parseFloat(style.strokeWidth) <= 0) return null;
    const alpha = colour[3] * parseFloat(style[property + 'Opacity']) * opacityOf(element, svg);
    if (alpha <= 0) return null;
    const seen = over(colour, alpha, behind);
    return {ratio: ratio(seen, behind), colour: hex(seen), rgb: seen};
  };
  const describe = (element) => {
    const group = element.closest('g[class*="role-"]');
    const role = group ? [...group.classList].find((c) => c.startsWith('role-')) : element.tagName;
    return role;
  };
  const words = (element) => (element.textContent || '').trim().slice(0, 40);
  return [...document.querySelectorAll('figure.nep-chart')].map((figure, index) => {
    const view = figure.querySelector('.nep-chart-view');
    const label = view.getAttribute('aria-label') || '';
    const chart = {number: index + 1, title: label.split('. ')[0].slice(0, 90), texts: [], marks: [], captions: []};
    const svg = view.querySelector(drawing === 'static' ? 'svg.nep-chart-static' : '.nep-chart-live svg');
    chart.found = !!svg && (drawing === 'static' ? !figure.dataset.drawn : figure.dataset.drawn === 'true');
    if (!chart.found) return chart;
    // A chart that paints a background of its own is measured on it: the first shape Vega
    // draws is the view's background (none in the house theme).
    let behind = backgroundOf(svg);
    const own = svg.querySelector(':scope > rect, g.role-frame.root > g > path.background');
    const ownFill = own && paint(own, 'fill', svg, behind);
    if (ownFill) behind = ownFill.rgb;
    chart.background = hex(behind);
    chart.page_background = hex(backgroundOf(document.body));
    const shapes = [...svg.querySelectorAll('g.role-mark:not(.mark-text):not(.mark-group) > :is(path, rect, line, circle)')];
    // A label drawn on a mark (a bar's value inside it) is read against that mark: the
    // last filled shape drawn before it under its middle.
    const under = (text) => {
      const box = text.getBoundingClientRect();
      const middle = new DOMPoint(box.left + box.width / 2, box.top + box.height / 2);
      let colour = behind;
      for (const shape of shapes) {
        if (!(shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
        const fill = shape.isPointInFill && paint(shape, 'fill', svg, behind);
        const matrix = fill && shape.getScreenCTM();
        if (matrix && shape.isPointInFill(middle.matrixTransform(matrix.inverse()))) colour = fill.rgb;
      }
      return colour;
    };
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim() || !text.getBBox().width) continue;
      const back = text.closest('g.role-mark') ? under(text) : behind;
      const fill = paint(text, 'fill', svg, back);
      if (fill) chart.texts.push({element: describe(text), text: words(text), ratio: fill.ratio, colour: fill.colour,
                                  background: hex(back)});
    }
    for (const mark of shapes) {
      const box = mark.getBBox();
      if (!box.width && !box.height) continue;  // draws nothing (an empty line, a bar of zero)
      const drawn = ['fill', 'stroke'].map((property) => paint(mark, property, svg, behind)).filter(Boolean);
      if (!drawn.length) continue;  // invisible: there for its tooltip
      const best = drawn.reduce((a, b) => (a.ratio >= b.ratio ? a : b));
      const attributes = ['fill', 'stroke'].map((p) => mark.getAttribute(p) && p + '="' + mark.getAttribute(p) + '"')
        .filter(Boolean).join(' ');
      chart.marks.push({element: describe(mark) + ' ' + attributes, ratio: best.ratio, colour: best.colour});
    }
    // The caption: each element that holds text of its own, as it is shown.
    const caption = figure.querySelector('figcaption');
    for (const element of caption ? [caption, ...caption.querySelectorAll('*')] : []) {
      const own = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
      if (!own || !element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
      const colour = parse(getComputedStyle(element).color);
      const back = backgroundOf(element);
      const seen = over(colour, colour[3] * opacityOf(element, caption), back);
      const text = [...element.childNodes].filter((node) => node.nodeType === 3).map((n) => n.textContent).join('').trim();
      chart.captions.push({element: element.tagName.toLowerCase() + (element.className ? '.' + element.className : ''),
        text: text.slice(0, 40), ratio: ratio(seen, back), colour: hex(seen), background: hex(back)});
    }
    return chart;
  });
}"""


def measure_page(browser, site, path: str, mode: str, width: int) -> list[dict]:
    """The page's charts measured as first painted, then once every interactive view is drawn."""
    context = browser.new_context(viewport=WIDTHS[width], color_scheme=mode)
    context.add_init_script(CHOOSE_MODE.format(mode))
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site) else route.abort())
    page.goto(site + path, wait_until="load")
    if path == "index.html":
        page.wait_for_url("**/book/*.html", wait_until="load")
    theme = page.evaluate("document.documentElement.dataset.theme")
    assert theme == mode, f"{path}: the page opened in mode {theme!r}, not {mode!r}"
    charts = [{**chart, "drawing": "first paint"} for chart in page.evaluate(MEASURE, "static")]
    page.evaluate("window.nepCharts.drawAll()")
    page.wait_for_function("[...document.querySelectorAll('figure.nep-chart')].every(f => f.dataset.drawn)",
                           timeout=60000)
    charts += [{**chart, "drawing": "interactive"} for chart in page.evaluate(MEASURE, "live")]
    context.close()
    return [{**chart, "page": path, "mode": mode, "width": width} for chart in charts]


@pytest.fixture(scope="module")
def measured_charts(built_book, site, browser) -> list[dict]:  # noqa: F811
    """Every chart of every page, in both modes, at both widths, drawn both ways."""
    return [chart for path in html_pages(built_book) for mode in MODES for width in WIDTHS
            for chart in measure_page(browser, site, path, mode, width)]


def where(chart: dict) -> str:
    return (f"{chart['page']} chart {chart['number']} \"{chart['title']}\" "
            f"({chart['mode']}, {chart['width']} px, {chart['drawing']})")


def failures(measured: list[dict], part: str, least: float) -> list[str]:
    """Each element under ``least``, once per chart and mode: the widths and drawings it
    fails at, how many such elements, and the lowest ratio."""
    found: dict[tuple, dict] = {}
    for chart in measured:
        for item in chart[part]:
            if item["ratio"] >= least:
                continue
            key = (chart["page"], chart["number"], chart["title"], chart["mode"], item["element"],
                   item["colour"], item.get("background", chart.get("background")))
            seen = found.setdefault(key, {"where": set(), "count": 0, "ratio": item["ratio"],
                                          "text": item.get("text")})
            seen["where"].add(f"{chart['width']} px {chart['drawing']}")
            seen["count"] += 1
            seen["ratio"] = min(seen["ratio"], item["ratio"])
    lines = []
    for (page, number, title, mode, element, colour, background), seen in found.items():
        example = f' "{seen["text"]}"' if seen["text"] else ""
        times = f" ({seen['count']} times)" if seen["count"] > len(seen["where"]) else ""
        lines.append(f'{page} chart {number} "{title}" ({mode}; {", ".join(sorted(seen["where"]))}): '
                     f"{element}{example} seen as {colour} on {background}: {seen['ratio']}:1 < {least}:1{times}")
    return lines


def test_every_page_was_measured_with_every_chart_drawn_both_ways(measured_charts, built_book):
    from test_browser import charts_in_notebook_outputs

    problems = [f"{where(chart)}: not found drawn so (its view failed, or was drawn before first paint)"
                for chart in measured_charts if not chart["found"]]
    problems += [f"{where(chart)}: no text measured" for chart in measured_charts
                 if chart["found"] and not chart["texts"]]
    # Each chart of the notebooks' outputs was measured 8 times: 2 modes, 2 widths, 2 drawings.
    expected = sum(charts_in_notebook_outputs(built_book, path) for path in html_pages(built_book))
    assert expected > 0
    assert len(measured_charts) == expected * len(MODES) * len(WIDTHS) * 2
    assert problems == [], "\n".join(problems)


def test_a_chart_sits_on_the_page_background_in_both_modes(measured_charts):
    """The chart takes the page's background, white or dark: not myst-nb's grey output box
    (which the theme puts round an output in dark mode), nor one of its own."""
    problems = [f"{where(chart)}: on {chart['background']}, the page is {chart['page_background']}"
                for chart in measured_charts if chart["found"] and chart["background"] != chart["page_background"]]
    assert problems == [], "\n".join(problems)
    backgrounds = {mode: {chart["page_background"] for chart in measured_charts if chart["mode"] == mode}
                   for mode in MODES}
    assert backgrounds["light"] == {"#ffffff"}, backgrounds
    (dark,) = backgrounds["dark"]
    assert max(int(dark[i:i + 2], 16) for i in (1, 3, 5)) < 48, dark


def texts(measured: list[dict], labels: bool) -> list[dict]:
    """The charts with their text marks only (labels), or with their other text only (the
    titles, axes and legends the house theme sets)."""
    return [{**chart, "texts": [text for text in chart["texts"] if (text["element"] == "role-mark") == labels]}
            for chart in measured]


def test_every_title_axis_and_legend_of_every_chart_reads_against_its_background(measured_charts):
    problems = failures(texts(measured_charts, labels=False), "texts", TEXT_RATIO)
    assert problems == [], f"{len(problems)} texts under {TEXT_RATIO}:1:\n" + "\n".join(problems)


def test_every_label_drawn_on_a_chart_reads_against_what_is_behind_it(measured_charts):
    """A text mark, read against the page or against the mark it sits on (a bar's value)."""
    assert any(chart["texts"] for chart in texts(measured_charts, labels=True))
    problems = failures(texts(measured_charts, labels=True), "texts", TEXT_RATIO)
    assert problems == [], f"{len(problems)} labels under {TEXT_RATIO}:1:\n" + "\n".join(problems)


def test_every_caption_reads_against_its_background(measured_charts):
    assert any(chart["captions"] for chart in measured_charts)
    problems = failures(measured_charts, "captions", TEXT_RATIO)
    assert problems == [], f"{len(problems)} caption texts under {TEXT_RATIO}:1:\n" + "\n".join(problems)


def test_every_mark_of_every_chart_stands_out_from_its_background(measured_charts):
    assert any(chart["marks"] for chart in measured_charts)
    problems = failures(measured_charts, "marks", MARK_RATIO)
    assert problems == [], f"{len(problems)} marks under {MARK_RATIO}:1:\n" + "\n".join(problems)


# The tooltip's cells against the tooltip's own background, which must be opaque: it
# opens over the chart's marks and text.
TOOLTIP = r"""() => {
  const box = document.getElementById('nep-chart-tooltip');
  const parse = (v) => (/rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)/.exec(v) || []).slice(1).map(Number);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const back = parse(getComputedStyle(box).backgroundColor);
  return [...box.querySelectorAll('td')].concat(box.querySelector('td') ? [] : [box]).map((cell) => {
    const [l1, l2] = [luminance(parse(getComputedStyle(cell).color)), luminance(back)].sort((x, y) => y - x);
    return {text: cell.textContent.slice(0, 40), ratio: (l1 + 0.05) / (l2 + 0.05),
            opaque: getComputedStyle(box).backgroundColor !== 'rgba(0, 0, 0, 0)'};
  });
}"""


@pytest.mark.parametrize("mode", MODES)
def test_a_charts_tooltip_reads_in_both_modes(built_book, site, browser, mode):  # noqa: F811
    from conftest import page_path

    context = browser.new_context(viewport=WIDTHS[1280], color_scheme=mode)
    context.add_init_script(CHOOSE_MODE.format(mode))
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site) else route.abort())
    page.goto(site + page_path("fuel"), wait_until="load")
    page.evaluate("window.nepCharts.drawAll()")
    page.wait_for_function("[...document.querySelectorAll('figure.nep-chart')].every(f => f.dataset.drawn === 'true')")
    mark = page.locator(".nep-chart-live svg g.role-mark:is(.mark-symbol, .mark-rect) > path").first
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator("#nep-chart-tooltip").wait_for(state="visible", timeout=5000)
    cells = page.evaluate(TOOLTIP)
    context.close()
    assert cells and all(cell["opaque"] for cell in cells), cells
    assert [cell for cell in cells if cell["ratio"] < TEXT_RATIO] == [], cells
