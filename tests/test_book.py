"""The book builds with warnings as errors, and every figure in data/ reaches a page."""

from __future__ import annotations

import html
import json
import re

import nep
import nep_build
from conftest import ROOT, chapter_files, page_path

FIGURE_ATTRIBUTE = re.compile(r'data-figures="([^"]*)"')


def shown_figures(page_html: str) -> set[str]:
    keys = set()
    for attribute in FIGURE_ATTRIBUTE.findall(page_html):
        keys.update(json.loads(html.unescape(attribute)))
    return keys


def test_book_builds_without_warnings(built_book):
    assert built_book.returncode == 0, built_book.log[-6000:]
    # Kernels' own warnings count too: the build log stays quiet (_ext/nep_build.py
    # encrypts the kernels' traffic, the cause of ipykernel's TCP warning).
    warnings = [line for line in built_book.log.splitlines() if "WARNING" in line]
    assert warnings == []


def test_every_chapter_is_built_and_executed(built_book):
    for path in chapter_files():
        relative = path.relative_to(ROOT).with_suffix("")
        page = built_book.html / ("index.html" if relative == ROOT else f"{relative}.html")
        assert page.is_file(), page
        executed = built_book.jupyter_execute / f"{relative}.ipynb"
        assert executed.is_file(), executed


def test_every_figure_in_data_is_charted_or_tabulated(built_book):
    shown = set()
    for page in built_book.pages():
        shown |= shown_figures(page.read_text(encoding="utf-8"))
    figures = nep.load_all()
    recorded = {nep.figure_key(r.theme, r.series, r.period) for r in figures.itertuples(index=False)}
    assert sorted(recorded - shown) == []
    assert sorted(shown - recorded) == [], "a page claims to show a figure that data/ does not hold"


def test_glue_left_no_placeholder_in_prose(built_book):
    for page in built_book.pages():
        text = page.read_text(encoding="utf-8")
        assert "{glue:" not in text and "glue:text" not in text, page.name


def test_every_data_file_can_be_downloaded_from_the_book(built_book):
    downloads = {path.name: path for path in (built_book.html / "_downloads").glob("*/*")}
    data_page = (built_book.html / page_path("data")).read_text(encoding="utf-8")
    for name in [resource["path"] for resource in nep.package()["resources"]] + ["datapackage.json"]:
        assert name in downloads, f"{name} is not offered for download"
        assert downloads[name].read_bytes() == (ROOT / "data" / name).read_bytes()
        link = f"../_downloads/{downloads[name].parent.name}/{name}"
        assert link in data_page, f"the data page does not link {link}"


def test_pages_offer_binder_and_the_notebook_download(built_book):
    page = (built_book.html / page_path("fuel")).read_text(encoding="utf-8")
    assert "https://mybinder.org/v2/gh/" in page
    assert f"urlpath=lab/tree/{page_path('fuel', '.md')}" in page
    assert f"../_sources/{page_path('fuel', '.ipynb')}" in page
    notebook = json.loads((built_book.html / "_sources" / page_path("fuel", ".ipynb")).read_text(encoding="utf-8"))
    assert any(cell["cell_type"] == "code" for cell in notebook["cells"])


THEME_CHAPTERS = ["food", "fuel", "raw_materials", "capital", "labour", "output", "heavy_light", "private"]


def test_every_theme_chapter_ends_with_exercises_and_hidden_worked_solutions(built_book):
    for name in THEME_CHAPTERS:
        page = (built_book.html / page_path(name)).read_text(encoding="utf-8")
        exercises = page.count('class="exercise admonition"')
        # A dropdown solution stays folded until the reader opens it.
        solutions = page.count('class="solution dropdown admonition"')
        assert exercises >= 2, f"{name}: {exercises} exercises"
        assert solutions == exercises, f"{name}: {solutions} hidden solutions for {exercises} exercises"


def test_code_drops_only_spans_drawn_in_the_code_text_colour(built_book):
    """_ext/nep_build.py unwraps the highlighter's spans for names and punctuation: the
    theme must draw them in the code's own colour, in light and in dark mode."""
    import nep_build

    css = (built_book.html / "_static" / "pygments.css").read_text(encoding="utf-8")
    for mode in ("light", "dark"):
        base = re.search(rf'html\[data-theme="{mode}"\] \.highlight {{[^}}]*color: (#\w+)', css)
        assert base, f"no {mode} code colour in pygments.css"
        for token in nep_build.PLAIN_TOKENS:
            rule = re.search(rf'html\[data-theme="{mode}"\] \.highlight \.{token} {{ ([^}}]*) }}', css)
            assert rule is None or rule.group(1).strip() == f"color: {base.group(1)}", (mode, token)
    page = (built_book.html / page_path("output")).read_text(encoding="utf-8")
    assert '<div class="highlight"><pre>' in page
    assert '<span class="n">' not in page and '<span class="p">' not in page


DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
ICON = re.compile(r'<link rel="icon" href="([^"]+)"')


def squeezed(text: str) -> str:
    """Text without its white space: markup between words adds or drops spaces."""
    return re.sub(r"\s+", "", text)


def page_text(page_html: str) -> str:
    return squeezed(html.unescape(re.sub(r"<[^>]+>", "", page_html.split("<body", 1)[-1])))


def test_every_page_has_a_description_taken_from_its_opening(built_book):
    problems = []
    for page in built_book.pages():
        page_html = page.read_text(encoding="utf-8")
        found = DESCRIPTION.findall(page_html)
        if len(found) != 1:
            problems.append(f"{page.name}: {len(found)} descriptions")
            continue
        description = html.unescape(found[0])
        if not 40 <= len(description) <= nep_build.DESCRIPTION_LIMIT:
            problems.append(f"{page.name}: {len(description)} characters")
        elif squeezed(description.rstrip("…")) not in page_text(page_html):
            problems.append(f"{page.name}: not the page's own words: {description!r}")
    assert problems == []


def test_a_description_is_the_first_paragraph_of_prose_cut_at_a_word():
    from docutils.core import publish_doctree

    long = " ".join(["The recovery of industry went on through the decade"] * 6) + "."
    doctree = publish_doctree(f"Title\n=====\n\nToo short.\n\n{long}\n\nLater paragraph.\n")
    description = nep_build.page_description(doctree)
    assert description.endswith("…") and len(description) <= nep_build.DESCRIPTION_LIMIT
    assert long.startswith(description[:-1]) and long[len(description) - 1] == " "
    assert nep_build.page_description(publish_doctree("A short paragraph of forty-odd characters, whole.")) == \
        "A short paragraph of forty-odd characters, whole."


def test_every_page_names_the_books_own_icon_and_the_build_serves_it(built_book):
    problems = []
    for page in built_book.pages():
        icons = ICON.findall(page.read_text(encoding="utf-8"))
        target = (page.parent / icons[0].split("?")[0]).resolve() if icons else None
        if not target or not target.is_file() or not target.read_text(encoding="utf-8").startswith("<svg"):
            problems.append(f"{page.name}: {icons}")
    assert problems == []


def test_no_script_file_holds_up_the_first_paint(built_book):
    """Script files are deferred on every chapter; only the theme's two lines that set
    light or dark mode (inline, before the stylesheets, so the page never flashes) and
    inline settings run while the page is read. (The search page keeps the theme's order.)"""
    blocking = set()
    for page in built_book.pages():
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        blocking |= {tag for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head)
                     if not re.search(r"\b(defer|async)\b", tag)}
    assert blocking == set()


def test_the_bibliography_s_entries_are_the_items_of_its_list(built_book):
    """Docutils gives each entry the deprecated role doc-biblioentry, which is not allowed
    on it: the build makes the entries the items of the list they sit in."""
    page_html = (built_book.html / page_path("data")).read_text(encoding="utf-8")
    lists = re.findall(r'<div role="list" class="citation-list">(.*?)</div>\s*</div>\s*</div>', page_html, re.S)
    assert "doc-biblioentry" not in page_html
    assert lists and all(re.findall(r'<div class="citation" id="[^"]+" role="listitem">', block) for block in lists)
