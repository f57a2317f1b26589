"""Checks of each chart as the build draws it, which stop the build and name the chart.

- **Text**: no text of a chart overlaps another (touching is allowed), none is cut by a
  label limit (Vega ends it with "…") and none lies outside the drawing.
- **Zero**: a bar or an area is measured from zero, so its axis starts at zero; any other
  axis that leaves zero out says so in the chart's subtitle ("axis does not start at
  zero", or "logarithmic scale").

Only the chart as fitted for the page (``nep_page_charts.fitted_chart``, at most 440 px
wide) is checked: the page shows that drawing at every width, and a phone scales it down
whole (SVG scales as one picture), which moves no text against any other. Text is measured
in DejaVu Sans, the font the build draws with and the font a browser here draws the page's
``system-ui`` with; with it, the measures are Vega's own (advance widths and the font's
kerning pairs, as vl-convert measures them).

Every page's findings are kept (``record``) and reported together when the build ends
(``report``): the build fails with the whole list while ``nep_chart_checks_fail_build`` is
on (the default), or lists it and goes on when it is off (``NEP_CHART_CHECKS=report``).
"""

from __future__ import annotations

import functools
import json
import math
import os
import struct
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Measures differ by a fraction of a pixel between measurers: boxes closer than this overlap.
SLACK = 0.5
# Texts side by side on one line need a gap (a space is 3.8 px at 12 px): "30" and "40"
# 1 px apart read as "3040". Lines one above the other may touch, as lines of text do.
GAP = 3.0
CONFIG = "nep_chart_checks_fail_build"
NO_ZERO_WORDS = "axis does not start at zero"
LOG_WORDS = "logarithmic scale"


class Font:
    """A TrueType font's advance widths and kerning pairs (its ``cmap``, ``hmtx`` and ``kern``)."""

    def __init__(self, path: Path):
        data = path.read_bytes()
        tables = {data[12 + 16 * i:16 + 16 * i].decode("latin-1"):
                  struct.unpack(">II", data[20 + 16 * i:28 + 16 * i])
                  for i in range(struct.unpack(">H", data[4:6])[0])}

        def table(tag):
            offset, length = tables[tag]
            return data[offset:offset + length]

        self.units = struct.unpack(">H", table("head")[18:20])[0]
        metrics = struct.unpack(">H", table("hhea")[34:36])[0]
        hmtx = table("hmtx")
        self.advances = [struct.unpack(">H", hmtx[4 * i:4 * i + 2])[0] for i in range(metrics)]
        self.glyphs = self._cmap(table("cmap"))
        self.kerning = self._kern(table("kern")) if "kern" in tables else {}

    @staticmethod
    def _cmap(cmap: bytes) -> dict[int, int]:
        """The Unicode (format 4) character map: code point to glyph."""
        count = struct.unpack(">H", cmap[2:4])[0]
        for i in range(count):
            platform, encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * i:12 + 8 * i])
            if (platform, encoding) in ((3, 1), (0, 3)) and struct.unpack(">H", cmap[offset:offset + 2])[0] == 4:
                break
        else:
            raise ValueError("no Unicode character map of format 4")
        segments = struct.unpack(">H", cmap[offset + 6:offset + 8])[0] // 2

        def array(start):
            return struct.unpack(f">{segments}H", cmap[start:start + 2 * segments])

        ends = array(offset + 14)
        starts = array(offset + 16 + 2 * segments)
        deltas = array(offset + 16 + 4 * segments)
        range_base = offset + 16 + 6 * segments
        ranges = array(range_base)
        glyphs = {}
        for index, (start, end, delta, shift) in enumerate(zip(starts, ends, deltas, ranges)):
            for code in range(start, end + 1):
                if shift == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    at = range_base + 2 * index + shift + 2 * (code - start)
                    glyph = struct.unpack(">H", cmap[at:at + 2])[0]
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                glyphs[code] = glyph
        return glyphs

    @staticmethod
    def _kern(kern: bytes) -> dict[tuple[int, int], int]:
        """Kerning pairs of the kern table's first horizontal subtable (format 0)."""
        pairs = {}
        offset = 4
        for _ in range(struct.unpack(">H", kern[2:4])[0]):
            length, coverage = struct.unpack(">HH", kern[offset + 2:offset + 6])
            if coverage >> 8 == 0 and coverage & 1:
                count = struct.unpack(">H", kern[offset + 6:offset + 8])[0]
                for i in range(count):
                    left, right, value = struct.unpack(">HHh", kern[offset + 14 + 6 * i:offset + 20 + 6 * i])
                    pairs[(left, right)] = value
            offset += length
        return pairs

    def width(self, text: str, size: float) -> float:
        glyphs = [self.glyphs.get(ord(char), 0) for char in text]
        units = sum(self.advances[min(glyph, len(self.advances) - 1)] for glyph in glyphs)
        units += sum(self.kerning.get(pair, 0) for pair in zip(glyphs, glyphs[1:]))
        return units * size / self.units


@functools.lru_cache(maxsize=None)
def font(bold: bool) -> Font:
    return Font(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"))


def text_width(text: str, size: float, weight=None) -> float:
    bold = str(weight) in ("bold", "bolder") or (str(weight).isdigit() and int(weight) >= 600)
    return font(bold).width(text, size)


# ---------------------------------------------------------------------------
# Text: where Vega puts each text of a chart (its scenegraph), as boxes
# ---------------------------------------------------------------------------

def _baseline_offset(item: dict, size: float) -> float:
    """How far Vega moves a text down from its y for its baseline (vega-scenegraph's own rule)."""
    line = item.get("lineHeight", size + 2)
    return round({"top": 0.79 * size, "middle": 0.3 * size, "bottom": -0.21 * size,
                  "line-top": 0.29 * size + 0.5 * line, "line-bottom": 0.29 * size - 0.5 * line
                  }.get(item.get("baseline"), 0))


def text_box(item: dict, left: float, top: float, pad: float = 0.0) -> tuple[list[tuple[float, float]], str, bool]:
    """A text item's corners on the drawing (with its group's ``left`` and ``top``; ``pad``
    more at each end of its lines), its text, and whether a label limit cut it."""
    size = float(item.get("fontSize", 11))
    lines = item["text"] if isinstance(item["text"], list) else [item["text"]]
    lines = [str(line) for line in lines]
    widths = [text_width(line, size, item.get("fontWeight")) for line in lines]
    limit = item.get("limit") or 0
    cut = bool(limit) and any(width >= limit for width in widths)
    width = max(min(width, limit) if limit else width for width in widths)
    height = size + item.get("lineHeight", size + 2) * (len(lines) - 1)
    x, y = float(item.get("x", 0)), float(item.get("y", 0))
    if item.get("radius"):
        angle = item.get("theta", 0) - math.pi / 2
        x, y = x + item["radius"] * math.cos(angle), y + item["radius"] * math.sin(angle)
    dx = item.get("dx", 0) - {"center": width / 2, "right": width}.get(item.get("align"), 0)
    dy = item.get("dy", 0) + _baseline_offset(item, size) - round(0.8 * size)
    corners = [(dx - pad, dy), (dx + width + pad, dy), (dx + width + pad, dy + height), (dx - pad, dy + height)]
    turn = math.radians(item.get("angle", 0) or 0)
    cos, sin = math.cos(turn), math.sin(turn)
    placed = [(left + x + cx * cos - cy * sin, top + y + cx * sin + cy * cos) for cx, cy in corners]
    return placed, " / ".join(lines), cut


def texts(scenegraph: dict) -> tuple[list[dict], tuple[float, float]]:
    """Every visible text of a scenegraph (vl_convert's) with its box, and the drawing's size."""
    found = []

    def walk(mark: dict, left: float, top: float, clip):
        for item in mark.get("items", []):
            if mark.get("marktype") == "text":
                if item.get("opacity", 1) and item.get("text") not in (None, "", []) \
                        and item.get("fillOpacity", 1) and item.get("fontSize", 11):
                    corners, text, cut = text_box(item, left, top)
                    spaced = text_box(item, left, top, pad=GAP / 2 - SLACK / 2)[0]
                    found.append({"corners": corners, "spaced": spaced, "text": text, "cut": cut,
                                  "clip": clip, "role": mark.get("role", "")})
            elif mark.get("marktype") == "group":
                x, y = left + item.get("x", 0), top + item.get("y", 0)
                inner = (x, y, x + item.get("width", 0), y + item.get("height", 0)) if item.get("clip") else clip
                for child in item.get("items", []):
                    walk(child, x, y, inner)

    origin = scenegraph.get("origin", [0, 0])
    walk(scenegraph["scenegraph"], origin[0], origin[1], None)
    return found, (scenegraph["width"], scenegraph["height"])


def _overlap(a: list, b: list) -> bool:
    """Whether two boxes (rotated or not) overlap by more than SLACK (separating axes)."""
    for corners in (a, b):
        for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1]):
            normal = (y1 - y2, x2 - x1)
            length = math.hypot(*normal) or 1
            project_a = [(x * normal[0] + y * normal[1]) / length for x, y in a]
            project_b = [(x * normal[0] + y * normal[1]) / length for x, y in b]
            if min(max(project_a), max(project_b)) - max(min(project_a), min(project_b)) <= SLACK:
                return False
    return True


def _outside(corners: list, box: tuple[float, float, float, float]) -> bool:
    left, top, right, bottom = box
    return any(x < left - SLACK or x > right + SLACK or y < top - SLACK or y > bottom + SLACK
               for x, y in corners)


def text_problems(scenegraph: dict) -> list[str]:
    """What is wrong with a chart's text: overlapping, cut by a limit, or outside the drawing."""
    found, (width, height) = texts(scenegraph)
    problems = []
    for index, text in enumerate(found):
        if text["cut"]:
            problems.append(f"text cut short with '…' by its label limit: {text['text']!r}")
        if _outside(text["corners"], (0, 0, width, height)):
            problems.append(f"text outside the drawing: {text['text']!r}")
        elif text["clip"] and _outside(text["corners"], text["clip"]):
            problems.append(f"text cut off by its clipped view: {text['text']!r}")
        for other in found[index + 1:]:
            if not _overlap(text["spaced"], other["spaced"]):
                continue
            if text["text"] == other["text"] and all(math.dist(a, b) < 1 for a, b in zip(text["corners"], other["corners"])):
                problems.append(f"text drawn twice, one on the other: {text['text']!r}")
            elif _overlap(text["corners"], other["corners"]):
                problems.append(f"texts overlap: {text['text']!r} and {other['text']!r}")
            else:
                problems.append(f"texts run together: {text['text']!r} and {other['text']!r}")
    titles = [text["text"] for text in found if text["role"] == "axis-title"]
    problems += [f"axis title drawn {titles.count(title)} times: {title!r}"
                 for title in dict.fromkeys(titles) if titles.count(title) > 1]
    return problems


# ---------------------------------------------------------------------------
# Zero: the scales of the axes, and the marks drawn on them (the compiled Vega)
# ---------------------------------------------------------------------------

QUANTITATIVE = {"linear", "log", "pow", "sqrt", "symlog"}
POSITION = ("x", "x2", "y", "y2", "xc", "yc", "width", "height")


def _groups(vega: dict):
    """The spec and every group mark in it, at any depth."""
    yield vega
    for mark in vega.get("marks", []):
        if mark.get("type") == "group":
            yield from _groups(mark)


def _scale_names(encoding) -> set[str]:
    rules = encoding if isinstance(encoding, list) else [encoding]
    return {rule["scale"] for rule in rules if isinstance(rule, dict) and isinstance(rule.get("scale"), str)}


def _leaves_out_zero(scale: dict) -> str | None:
    """How a scale leaves out zero ('log', 'domain' or 'zero'), or None if it keeps it."""
    kind = scale.get("type", "linear")
    if kind not in QUANTITATIVE:
        return None
    if kind == "log":
        return "log"
    domain = scale.get("domain")
    if isinstance(domain, list) and len(domain) == 2 and all(isinstance(v, (int, float)) for v in domain):
        return "domain" if min(domain) > 0 or max(domain) < 0 else None
    if isinstance(scale.get("domainMin"), (int, float)) and scale["domainMin"] > 0:
        return "domain"
    if isinstance(scale.get("domainMax"), (int, float)) and scale["domainMax"] < 0:
        return "domain"
    return "zero" if scale.get("zero") is False else None


def _subtitles(spec) -> str:
    """Every subtitle of a Vega-Lite spec, as one lower-case text."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "subtitle":
                found.append(" ".join(value) if isinstance(value, list) else str(value))
            elif key not in ("datasets", "data"):
                found.append(_subtitles(value))
    elif isinstance(spec, list):
        found += [_subtitles(part) for part in spec]
    return " ".join(part for part in found if part).lower()


def zero_problems(spec: dict, vega: dict) -> list[str]:
    """Bars and areas on an axis that leaves out zero; other axes that leave it out unsaid."""
    scales, axes, bars = {}, set(), set()
    for group in _groups(vega):
        scales.update({scale["name"]: scale for scale in group.get("scales", [])})
        axes |= {axis["scale"] for axis in group.get("axes", [])}
        for mark in group.get("marks", []):
            styles = mark.get("style", [])
            styles = [styles] if isinstance(styles, str) else styles
            used = set()
            for channels in mark.get("encode", {}).values():
                for channel in POSITION:
                    used |= _scale_names(channels.get(channel))
            axes |= used
            if mark.get("type") == "area" or (mark.get("type") == "rect" and "bar" in styles):
                bars |= used
    subtitles = _subtitles(spec)
    problems = []
    for name in sorted(axes):
        how = _leaves_out_zero(scales.get(name, {}))
        if how is None:
            continue
        axis = name.rsplit("_", 1)[-1]
        said = {"log": LOG_WORDS, "domain": NO_ZERO_WORDS, "zero": NO_ZERO_WORDS}[how]
        if name in bars:
            problems.append(f"bars or areas on a{' logarithmic' if how == 'log' else 'n'} {axis} axis "
                            "that does not start at zero")
        elif said not in subtitles:
            problems.append(f"the {axis} axis leaves out zero ({'log scale' if how == 'log' else how}) "
                            f"and the subtitle does not say '{said}'")
    return problems


def chart_problems(spec: dict, vega: dict) -> list[str]:
    """Everything the checks find in one chart as the page draws it (``vega``: compiled, themed)."""
    import vl_convert

    return text_problems(vl_convert.vega_to_scenegraph(vega)) + zero_problems(spec, vega)


# ---------------------------------------------------------------------------
# Findings kept per page, reported once the build ends
# ---------------------------------------------------------------------------

def setup(app) -> None:
    # NEP_CHART_CHECKS=report lists what the checks find and lets the build go on.
    app.add_config_value(CONFIG, os.environ.get("NEP_CHART_CHECKS", "fail") != "report", "html", bool)
    app.connect("build-finished", report, priority=900)


def _findings_dir(app) -> Path:
    return Path(app.doctreedir) / "nep-chart-checks"


def record(app, pagename: str, findings: list[str]) -> None:
    """A page's findings, kept where the next build finds them if it does not write the page again."""
    target = _findings_dir(app) / (pagename.replace("/", "__") + ".json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(findings, ensure_ascii=False), encoding="utf-8")


def all_findings(app) -> list[str]:
    pages = {name.replace("/", "__") for name in app.env.found_docs}
    found = []
    for path in sorted(_findings_dir(app).glob("*.json")) if _findings_dir(app).is_dir() else []:
        if path.stem in pages:
            found += json.loads(path.read_text(encoding="utf-8"))
    return found


def report(app, exception) -> None:
    from sphinx.errors import ExtensionError
    from sphinx.util import logging

    if exception is not None or app.builder.format != "html":
        return
    found = all_findings(app)
    if not found:
        return
    listing = f"{len(found)} charts fail the chart checks (_ext/nep_chart_checks.py):\n" + "\n".join(
        f"  - {line}" for line in found)
    if getattr(app.config, CONFIG):
        raise ExtensionError(listing + f"\n(set {CONFIG} to False, or NEP_CHART_CHECKS=report, to list them only)")
    logging.getLogger(__name__).info(listing)


def finding(page: str, title: str, problems: list[str]) -> str:
    """One chart's findings in one line: its page, its title and what is wrong."""
    return f"{page}: {title!r}: " + "; ".join(dict.fromkeys(problems))


