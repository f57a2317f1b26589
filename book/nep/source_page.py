"""The source text rendered for reading beside the data.

Every figure recorded in ``data/`` is highlighted where the source states it, with a
stable anchor (``nep.anchor_id``) that chart captions and tables link to, a link back to
the chart that shows it, and its recorded value, unit and period on hover or focus.
Generated from ``seeds/`` and ``data/`` at build time: no anchor is written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

import nep

from . import audit_html, outside, pages

# Where the lost table stood: from its title to the sentence after it.
TABLE_START = "Production of large-scale industry in the USSR"
TABLE_END = "The table shows"
DIAGRAM_LINE = "Gross output of large-scale industry (in billion rubles"


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    row: tuple


def highlights(figures: pd.DataFrame, source: str) -> list[Highlight]:
    """One highlight per recorded figure, in the order of the text."""
    found = []
    for row in figures.itertuples(index=False):
        quote_start = source.index(row.quote)
        start, end = nep.value_span(row.quote, row.value)
        found.append(Highlight(quote_start + start, quote_start + end, row))
    found.sort(key=lambda h: h.start)
    for before, after in zip(found, found[1:]):
        if after.start < before.end:
            raise ValueError(f"two figures are highlighted on the same words: "
                             f"{before.row.series} and {after.row.series}")
    return found


def _mark(highlight: Highlight, text: str) -> str:
    row = highlight.row
    key = nep.figure_key(row.theme, row.series, row.period)
    qualifier = "" if pd.isna(row.qualifier) else f"{row.qualifier} "
    tip = f"{qualifier}{nep.fmt(row.value)} {row.unit}, {row.period}: {row.series.replace('_', ' ')}"
    return (
        f'<a class="nep-figure" id="{nep.anchor_id(row.theme, row.series, row.period)}" '
        f'href="{pages.href(row.theme, nep.chart_anchor_id(key))}" data-figure="{escape(key)}">'
        f'{escape(text)}<span class="nep-tip" role="tooltip">{escape(tip)}. Go to the chart.</span></a>'
    )


def _compared_html(marks: list[Highlight]) -> str:
    """After a paragraph: links to the chapters that set its figures beside other sources."""
    chapters = dict.fromkeys(
        chapter for mark in marks
        if (chapter := outside.compared_in(nep.figure_key(mark.row.theme, mark.row.series, mark.row.period))))
    if not chapters:
        return ""
    links = ", ".join(f'<a href="{pages.href(chapter)}">{escape(outside.CHAPTER_TITLES[chapter])}</a>'
                      for chapter in chapters)
    return f'<p class="nep-compared" role="note">Set beside other sources in: {links}.</p>'


def _notes(highlight: Highlight) -> str:
    """The audit's note on a claim stated here, if any: shown after its paragraph, so a
    note never splits a number from its unit ("11.3 … %")."""
    row = highlight.row
    return audit_html.notes_html([nep.figure_key(row.theme, row.series, row.period)], claims_only=True)


def _paragraph_notes(figures: pd.DataFrame) -> dict[str, str]:
    """Notes on garbled sentences, keyed by the quote they hang on."""
    garbled = figures[figures["series"].str.startswith("garbled_")]
    return {row.quote: row.note for row in garbled.itertuples(index=False)}


def render() -> str:
    """The whole source as HTML: one paragraph per line of text, figures highlighted."""
    source = nep.source_text()
    figures = nep.load_all()
    marks = highlights(figures, source)
    notes = _paragraph_notes(figures)
    parts, position, line_start = [], 0, 0
    in_table, table_headings = False, []
    for line in source.split("\n"):
        line_end = line_start + len(line)
        text = line.strip()
        if text.startswith(TABLE_START):
            in_table = True
        if in_table and text.startswith(TABLE_END):
            in_table = False
            parts.append(
                '<div class="nep-lost-table-note" role="note"><p><strong>The lost table.</strong> '
                "A table stood here; its numbers were lost in transcription. Its headings survive: "
                f"{escape('; '.join(table_headings))}. "
                f'<a href="{pages.href("lost_table")}">What the text\'s own figures rebuild of it</a>.</p></div>')
        if in_table:
            if text:
                table_headings.append(text)
            line_start = line_end + 1
            continue
        if text:
            html, notes_here, position = [], [], line_start
            in_line = [mark for mark in marks if line_start <= mark.start < line_end]
            for mark in in_line:
                html.append(escape(source[position:mark.start]))
                html.append(_mark(mark, source[mark.start:mark.end]))
                notes_here.append(_notes(mark))
                position = mark.end
            html.append(escape(source[position:line_end]))
            paragraph = f'<p>{"".join(html).strip()}{"".join(notes_here)}</p>' + _compared_html(in_line)
            garbled = [note for quote, note in notes.items() if quote in line]
            if garbled:
                paragraph += ('<p class="nep-garbled" role="note"><strong>Garbled in the translation.</strong> '
                              f"{escape(garbled[0])}</p>")
            if text.startswith(DIAGRAM_LINE):
                paragraph = (f'<div class="nep-diagram" role="note">{paragraph}<p><strong>Diagram No. 1</strong> '
                             "kept only these three values, for the full range of industries. "
                             f'<a href="{pages.href("lost_table")}">See it redrawn</a>.</p></div>')
            parts.append(paragraph)
        line_start = line_end + 1
    return f'<div class="nep-source">{"".join(parts)}</div>'
