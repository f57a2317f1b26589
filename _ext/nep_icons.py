"""The theme's icons without its 1.5 MB icon script: one small stylesheet, written at build time.

pydata-sphinx-theme draws its icons (the menu, search, download, dark-mode and launch
buttons) with Font Awesome's script on every page. The book leaves the script out (its
page template, ``_templates/layout.html``) and draws each icon a page or stylesheet uses
as a CSS mask from the same Font Awesome paths, read from the theme's own copy.
"""

from __future__ import annotations

import re
from pathlib import Path

ICONS_CSS = "nep-icons.css"
# The theme's icon names as its templates write them: a style class, then the icon.
_ICON_CLASSES = re.compile(r'class="[^"]*\b(fa-solid|fas|fa-regular|far|fa-brands|fab)\b[^"]*"')
_ICON_NAME = re.compile(r"\bfa-([a-z0-9-]+)")
_ICON_STYLES = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far",
                "fa-brands": "fab", "fab": "fab"}
# Each style by both its class names, as CSS selects it.
_ICON_STYLE_SELECTORS = {"fas": ":is(.fa-solid, .fas)", "far": ":is(.fa-regular, .far)",
                         "fab": ":is(.fa-brands, .fab)"}
# Names that are sizes or styles, not icons.
_ICON_MODIFIERS = {"solid", "regular", "brands", "lg", "fw", "xs", "sm", "xl", "2x"}


def _icon_set() -> dict[str, dict[str, tuple[int, int, str, int]]]:
    """The theme's Font Awesome icons from its own script:
    style -> name -> (width, height, path, code point)."""
    import pydata_sphinx_theme

    script = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
              / "static" / "scripts" / "fontawesome.js").read_text(encoding="utf-8")
    icons: dict[str, dict[str, tuple[int, int, str, int]]] = {}
    # Each style is one object of icons ("var p={...}"), handed to the library as d("fas",p).
    for pack in script.split("var p={")[1:]:
        style = re.search(r'\bd\("(fa[a-z])",p', pack)
        if not style:
            continue
        found = re.finditer(r'(?:^|,)"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[[^\]]*\],"([0-9a-f]+)","([^"]+)"\]',
                            pack[:style.start()])
        icons[style.group(1)] = {m.group(1): (int(m.group(2)), int(m.group(3)), m.group(5), int(m.group(4), 16))
                                 for m in found}
    return icons


# A CSS rule, a custom property, and the content a rule gives a ::before or ::after.
_CSS_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
_CSS_VARIABLE = re.compile(r"(--[a-z0-9-]+):\s*([^;}]+)")
_CSS_CONTENT = re.compile(r"content:\s*(\"[^\"]*\"|var\((--[a-z0-9-]+)\))")


def _font_icon_rules(stylesheets: list[str]) -> list[tuple[str, int]]:
    """Where the theme's stylesheets draw an icon as a glyph of the icon font: each rule's
    selector and the glyph's code point (Font Awesome's own .fa-* rules left out)."""
    css = re.sub(r"/\*.*?\*/", "", "\n".join(stylesheets), flags=re.S)
    variables = {m.group(1): m.group(2).strip() for m in _CSS_VARIABLE.finditer(css)}

    def code_point(value: str) -> int | None:
        for _ in range(5):  # a property may name another: var(--pst-icon-admonition-note)
            named = re.fullmatch(r"var\((--[a-z0-9-]+)\)", value)
            if not named:
                break
            value = variables.get(named.group(1), "")
        text = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else ""
        if text.startswith("\\"):
            text = chr(int(text[1:].strip(), 16)) if re.fullmatch(r"\\[0-9a-fA-F]{4,5}\s*", text) else ""
        return ord(text) if len(text) == 1 and 0xE000 <= ord(text) <= 0xF8FF else None

    rules = []
    for match in _CSS_RULE.finditer(css):
        selector, content = match.group(1).strip(), _CSS_CONTENT.search(match.group(2))
        point = code_point(content.group(1)) if content else None
        if point is not None and not selector.startswith(".fa-"):
            rules.append((selector, point))
    return rules


def icons_css(pages: list[str], stylesheets: list[str]) -> str:
    """A stylesheet that draws each icon the book shows: those the pages name
    (``<i class="fa-solid fa-bars">``) and those the theme's stylesheets draw with the icon
    font (an admonition's mark, a download link's arrow).

    Each icon is its Font Awesome path as a CSS mask in the text colour: the icons then
    follow the theme's colours and sizes (fa-lg) as the icon script's SVGs did, with no
    script and no icon font to fetch.
    """
    from urllib.parse import quote

    icons = _icon_set()
    by_code_point = {}
    for style in ("fab", "far", "fas"):  # the solid style, the theme's font, wins a shared code point
        by_code_point.update({icon[3]: (style, name) for name, icon in icons.get(style, {}).items()})
    wanted: dict[str, tuple[str, str]] = {}
    for html in pages:
        for match in _ICON_CLASSES.finditer(html):
            style = _ICON_STYLES[match.group(1)]
            for name in _ICON_NAME.findall(match.group(0)):
                if name not in _ICON_MODIFIERS:
                    wanted[f"{_ICON_STYLE_SELECTORS[style]}.fa-{name}::before"] = (style, name)
    for selector, point in _font_icon_rules(stylesheets):
        if point in by_code_point:
            wanted[selector] = by_code_point[point]
    rules = []
    for selector, (style, name) in sorted(wanted.items()):
        if name not in icons.get(style, {}):
            raise RuntimeError(f"the page names the icon {style} fa-{name}, which the theme's icon set lacks")
        width, height, path, _ = icons[style][name]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        url = 'url("data:image/svg+xml,' + quote(svg, safe=" /:=',-.") + '")'
        rules.append(f"{selector} {{ width: {width / height:.4f}em; -webkit-mask-image: {url}; mask-image: {url}; }}")
    # No glyph is left to draw in the icon font, so the browser never fetches it (275 KB).
    common = (",\n".join(wanted) + " {\n  content: \"\" !important; font-family: inherit !important;"
              " display: inline-block; height: 1em;\n  vertical-align: -0.125em; background-color: currentColor;"
              " -webkit-mask: no-repeat center / contain; mask: no-repeat center / contain;\n}\n"
              ":is(.fa-solid, .fas, .fa-regular, .far, .fa-brands, .fab) { font-family: inherit !important; }")
    return ("/* The theme's icons the book shows, written by _ext/nep_build.py from the theme's\n"
            "   Font Awesome set (Font Awesome Free, icons CC BY 4.0, fontawesome.com). */\n"
            + common + "\n" + "\n".join(rules) + "\n")


def write_icons(app) -> None:
    """The book's icon stylesheet, from the built pages and stylesheets; the theme's glyph rules go."""
    outdir = Path(app.outdir)
    pages = [path.read_text(encoding="utf-8") for path in sorted(outdir.rglob("*.html"))]
    stylesheets = [path.read_text(encoding="utf-8") for path in sorted((outdir / "_static").rglob("*.css"))
                   if path.name != ICONS_CSS]
    target = outdir / "_static" / ICONS_CSS
    target.write_text(icons_css(pages, stylesheets), encoding="utf-8")
    _drop_icon_font_glyphs(outdir / "_static" / "styles" / THEME_CSS)


THEME_CSS = "pydata-sphinx-theme.css"
# Font Awesome's own rules in the theme's stylesheet, one glyph of the icon font per icon
# class (1,900 of them): the book draws its icons from nep-icons.css instead.
_ICON_FONT_GLYPHS = re.compile(r'(?:\.fa-[a-z0-9-]+:before,?)+\{content:"[^"]*"\}')
# ... and its fonts' declarations: with no glyph left to draw, no rule may make the browser
# fetch one (156 KB), not even for a moment while the page's later stylesheets arrive.
_ICON_FONT_FACES = re.compile(r'@font-face\{[^}]*Font Awesome[^}]*\}')


def _drop_icon_font_glyphs(stylesheet: Path) -> None:
    """The theme's stylesheet less the icon font's glyph rules and its fonts: 20 KB less on
    every first visit, and never the font itself."""
    if stylesheet.is_file():
        css = stylesheet.read_text(encoding="utf-8")
        stylesheet.write_text(_ICON_FONT_FACES.sub("", _ICON_FONT_GLYPHS.sub("", css)), encoding="utf-8")
