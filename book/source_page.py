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

import audit
import nep

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


def _mark(highlight: Highlight, text: str, after: str = "") -> str:
    """The highlighted number, then ``after`` (its percent sign), then the audit's note."""
    row = highlight.row
    key = nep.figure_key(row.theme, row.series, row.period)
    qualifier = "" if pd.isna(row.qualifier) else f"{row.qualifier} "
    tip = f"{qualifier}{nep.fmt(row.value)} {row.unit}, {row.period}: {row.series.replace('_', ' ')}"
    return (
        f'<a class="nep-figure" id="{nep.anchor_id(row.theme, row.series, row.period)}" '
        f'href="{row.theme}.html#{nep.chart_anchor_id(key)}" data-figure="{escape(key)}">'
        f'{escape(text)}<span class="nep-tip" role="tooltip">{escape(tip)}. Go to the chart.</span></a>'
        f"{escape(after)}{audit.notes_html([key], claims_only=True)}"
    )


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
                '<a href="lost_table.html">What the text\'s own figures rebuild of it</a>.</p></div>')
        if in_table:
            if text:
                table_headings.append(text)
            line_start = line_end + 1
            continue
        if text:
            html, position = [], line_start
            for mark in marks:
                if line_start <= mark.start < line_end:
                    # A percent sign stays with its number: a check note follows "11.3%".
                    end = mark.end + (source[mark.end:mark.end + 1] == "%")
                    html.append(escape(source[position:mark.start]))
                    html.append(_mark(mark, source[mark.start:mark.end], source[mark.end:end]))
                    position = end
            html.append(escape(source[position:line_end]))
            paragraph = f'<p>{"".join(html).strip()}</p>'
            garbled = [note for quote, note in notes.items() if quote in line]
            if garbled:
                paragraph += ('<p class="nep-garbled" role="note"><strong>Garbled in the translation.</strong> '
                              f"{escape(garbled[0])}</p>")
            if text.startswith(DIAGRAM_LINE):
                paragraph = (f'<div class="nep-diagram" role="note">{paragraph}<p><strong>Diagram No. 1</strong> '
                             "kept only these three values, for the full range of industries. "
                             '<a href="lost_table.html">See it redrawn</a>.</p></div>')
            parts.append(paragraph)
        line_start = line_end + 1
    return f'<div class="nep-source">{"".join(parts)}</div>'
