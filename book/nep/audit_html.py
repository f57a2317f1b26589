"""The audit and the rebuilt table drawn as HTML, and the notes beside charts.

Importing this module registers :func:`page_notes` with :mod:`nep`, so every chart and
table (``nep.show``, ``nep.table``) of a chapter that imports it carries a short note
on the claims of the text that involve its figures and do not simply hold, each claim
noted once on its page.
"""

from __future__ import annotations

import json
import math
import re
from html import escape

import pandas as pd

import nep

from . import audit, pages
from .claims import GROWTH, READING_NAMES, THEME_TITLES, TOTAL, UNCHECKABLE
from .rebuild import ROW_LABELS, ROWS, YEARS, lost_table_keys
from .stated import record

# ---------------------------------------------------------------------------
# HTML for the two chapters
# ---------------------------------------------------------------------------

# The cells drawn as the charts draw values (nep.grammar): stated filled (a tint of the
# text's blue), derived hollow with a dashed outline, assumed (resting on the garbled 1913
# figure) hollow with a dotted one; the outlines take the text's colour, light or dark.
STATUS_STYLE = {
    "stated": "background:rgba(0,114,178,0.16)",
    "derived": "outline:1.5px dashed currentColor;outline-offset:-3px",
    "assumed": "outline:1.5px dotted currentColor;outline-offset:-3px",
    "not recoverable": "color:var(--pst-color-text-muted,#666)",
}


class Html:
    """Raw HTML with the keys of the figures it shows (``data-figures``)."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html


def _figures_attr(keys) -> str:
    """The same record of shown figures as nep.show writes: a JSON list of keys."""
    return escape(json.dumps(list(dict.fromkeys(keys))))


def _cell_text(row: str, number: float) -> str:
    if math.isnan(number):
        return "—"
    if row.startswith("output"):
        return nep.fmt(number, 0)
    return nep.fmt(number, 1)


BLOCKS = [
    ("Gross output in 1926/27 prices (million rubles)", ["output_all", "output_means", "output_consumer"]),
    ("Growth rate (% on the previous year)", ["growth_all", "growth_means", "growth_consumer"]),
    ("Production volume index (1913 = 100)", ["index_all", "index_means", "index_consumer"]),
    ("Shares of the two groups (%)", ["share_means", "share_consumer"]),
]
STATUS_MARK = {"stated": "S", "derived": "D", "assumed": "A", "not recoverable": ""}


def lost_table_html(frame: pd.DataFrame, caption: str) -> Html:
    """The rebuilt table as the source laid it out: blocks of rows by years, each cell marked."""
    head = "".join(f'<th scope="col" style="text-align:right">{escape(year)}</th>' for year in YEARS)
    body = []
    for title, rows in BLOCKS:
        body.append(f'<tr><th colspan="{len(YEARS) + 1}" scope="rowgroup" '
                    f'style="text-align:left;padding-top:0.6rem">{escape(title)}</th></tr>')
        for row in rows:
            label = ROW_LABELS[row].split(": ", 1)[1]
            cells = []
            for year in YEARS:
                cell = frame[(frame.row == row) & (frame.year == year)].iloc[0]
                tip = f"{cell['status']}: " + (cell["calculation"] or cell["note"])
                mark = STATUS_MARK[cell["status"]]
                cells.append(
                    f'<td class="nep-num" style="{STATUS_STYLE[cell["status"]]}" title="{escape(tip)}" '
                    f'id="cell-{row}-{year}">'
                    f'{_cell_text(row, cell["value"])}'
                    + (f'<sup aria-hidden="true"> {mark}</sup>' if mark else "")
                    + f'<span class="nep-visually-hidden"> ({escape(cell["status"])})</span>'
                    + "</td>")
            body.append(f'<tr><th scope="row" style="text-align:left;font-weight:normal;padding-left:1rem">'
                        f'{escape(label)}</th>{"".join(cells)}</tr>')
    legend = ("S stated in the text (filled) · D derived (dashed outline; formula below) · A assumed "
              "(dotted outline; derived under assumption A1) · — not recoverable")
    return Html(
        f'<div style="overflow-x:auto"><table class="nep-table nep-lost-table" style="font-size:0.82rem" '
        f'data-figures="{_figures_attr(lost_table_keys())}"><caption>{escape(caption)}'
        f'<br><span style="font-size:0.9em;font-weight:normal">{escape(legend)}</span></caption>'
        f'<thead><tr><th scope="col">Row</th>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        f"</table></div>")


def derivation_html(frame: pd.DataFrame, caption: str) -> Html:
    """Every cell with its status, formula and the figures it uses, row by row of the table."""
    body = []
    for row, label, unit in ROWS:
        body.append(f'<tr><th colspan="4" scope="rowgroup" style="text-align:left;padding-top:0.6rem">'
                    f"{escape(label)} <span class='nep-small'>({escape(unit)})</span></th></tr>")
        for cell in frame[frame.row == row].itertuples(index=False):
            if cell.status == "not recoverable":
                how = f"<span class='nep-small'>{escape(cell.note)}</span>"
            else:
                how = (f"{escape(cell.calculation)}<br><span class='nep-small'>{escape(cell.formula)}"
                       + (f" · {escape(cell.note)}" if cell.note else "")
                       + (f" · <em>{escape(cell.assumption.split(':')[0])}</em>" if cell.assumption else "")
                       + "</span>")
            body.append(
                f'<tr style="{STATUS_STYLE[cell.status]}"><td>{escape(cell.year)}</td>'
                f'<td class="nep-num">{_cell_text(cell.row, cell.value)}</td><td>{escape(cell.status)}</td>'
                f"<td>{how}</td></tr>")
    return Html(
        f'<div style="overflow-x:auto"><table class="nep-table" style="font-size:0.82rem" '
        f'data-figures="{_figures_attr(lost_table_keys())}">'
        f"<caption>{escape(caption)}</caption><thead><tr>"
        f'<th scope="col">Year</th><th scope="col">Value</th><th scope="col">Status</th>'
        f'<th scope="col">Calculation (and formula)</th></tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def routes_html(frame: pd.DataFrame, caption: str) -> Html:
    keys = [TOTAL["1921"], TOTAL["1925"], *GROWTH.values()]
    body = []
    for row in frame.itertuples(index=False):
        body.append(
            f"<tr><td>{escape(row.year)}</td><td class=\"nep-num\">{nep.fmt(row.forward, 1)}</td>"
            f'<td class="nep-num">{nep.fmt(row.back, 1)}</td><td class="nep-num">{nep.fmt(row.difference, 1)}</td>'
            f'<td class="nep-num">{nep.fmt(row.relative_percent, 2)}%</td>'
            f'<td class="nep-num">{nep.fmt(row.bound_low, 1)} to {nep.fmt(row.bound_high, 1)}</td>'
            f"<td>{'yes' if row.agree else 'no'}</td></tr>")
    return Html(
        f'<table class="nep-table" data-figures="{_figures_attr(keys)}"><caption>{escape(caption)}</caption>'
        '<thead><tr><th scope="col">Year</th><th scope="col">Forward from 1921</th>'
        '<th scope="col">Back from 1925</th><th scope="col">Difference</th><th scope="col">Relative</th>'
        '<th scope="col">Difference the rounding allows</th><th scope="col">Agree?</th></tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table>')


TIER_STYLE = {
    "consistent": "",
    "loose wording": "background:rgba(230,159,0,0.14)",
    "depends on the reading": "background:rgba(0,114,178,0.10)",
    "inconsistent": "background:rgba(213,94,0,0.14)",
    "cannot be checked": "background:rgba(127,127,127,0.12)",
}
TIER_MARK = {"consistent": "✔", "loose wording": "≈", "depends on the reading": "⇄",
             "inconsistent": "✘", "cannot be checked": "?"}


def summary_html(frame: pd.DataFrame, caption: str) -> Html:
    """Claims counted by theme and tier: what a reader takes in first."""
    claims = frame[frame.kind == "main"]
    head = "".join(f'<th scope="col" style="text-align:right">{TIER_MARK[t]} {escape(t)}</th>'
                   for t in audit.TIERS)
    body = []
    for theme, title in THEME_TITLES.items():
        group = claims[claims.theme == theme]
        if group.empty:
            continue
        cells = "".join(f'<td class="nep-num">{int((group.tier == t).sum()) or ""}</td>' for t in audit.TIERS)
        body.append(f'<tr><th scope="row" style="text-align:left;font-weight:normal">{escape(title)}</th>'
                    f'{cells}<td class="nep-num">{len(group)}</td></tr>')
    totals = "".join(f'<td class="nep-num"><strong>{int((claims.tier == t).sum())}</strong></td>'
                     for t in audit.TIERS)
    body.append(f'<tr><th scope="row" style="text-align:left">All claims</th>{totals}'
                f'<td class="nep-num"><strong>{len(claims)}</strong></td></tr>')
    return Html(
        f'<div style="overflow-x:auto"><table class="nep-table nep-audit-summary" style="font-size:0.85rem">'
        f"<caption>{escape(caption)}</caption><thead><tr><th scope=\"col\">Theme</th>{head}"
        f'<th scope="col" style="text-align:right">claims</th></tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>')


def audit_html(frame: pd.DataFrame, caption: str) -> Html:
    """Every claim with its verdict, grouped by theme, each reading beneath its claim.

    Each claim's row carries ``id="claim-<id>"`` (and each alternative reading its own
    anchor) for links; the identifiers themselves are not shown.
    """
    small = "<span class='nep-small'>"
    body = []
    for theme, group in frame.groupby("theme", sort=False):
        body.append(f'<tr><th colspan="3" scope="rowgroup" style="text-align:left;padding-top:0.9rem;'
                    f'font-size:1.05em">{escape(THEME_TITLES.get(theme, theme))}</th></tr>')
        for row in group[group.kind == "main"].itertuples(index=False):
            style = TIER_STYLE[row.tier]
            readings = group[group.claim == row.id]
            lines = []
            for reading in readings.itertuples(index=False):
                anchor = "" if reading.id == row.id else f'<span id="claim-{escape(reading.id)}"></span>'
                label = "Main reading" if reading.id == row.id else "Other reading"
                lines.append(f"{anchor}{small}<strong>{label}</strong>: {escape(reading.reading or 'as stated')} "
                             f"— {escape(reading.formula)} = {escape(audit.with_unit(reading.recomputed, audit.result(reading.id).check))}; "
                             f"{escape(reading.reading_words)}. {escape(reading.explanation)}</span>")
            body.append(
                f'<tr id="claim-{escape(row.id)}" style="{style};border-top:1px solid rgba(127,127,127,0.4)">'
                f"<td>{escape(row.says)}</td><td><strong>{escape(row.stated)}</strong>"
                f"<br>{small}{escape(row.tolerance)}</span></td>"
                f"<td><strong>{TIER_MARK[row.tier]} {escape(row.tier)}</strong></td></tr>"
                f'<tr style="{style}"><td colspan="3">{small}{escape(row.tier_words)}</span><br>'
                + "<br>".join(lines) + "</td></tr>")
    keys = [key for keys in frame["keys"] for key in keys]
    return Html(
        f'<div style="overflow-x:auto"><table class="nep-table nep-audit-table" style="font-size:0.85rem" '
        f'data-figures="{_figures_attr(keys)}"><caption>{escape(caption)}</caption>'
        '<colgroup><col style="width:55%"><col style="width:25%"><col style="width:20%"></colgroup>'
        '<thead><tr><th scope="col">The text says</th><th scope="col">Stated</th>'
        '<th scope="col">Verdict</th></tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>')


def _others(item) -> str:
    """How the other readings of a claim fare, in words."""
    others = [r for r in audit.results() if r.check.of == item.id]
    holding = sum(r.holds for r in others)
    parts = [f"{count} other reading{'s' if count > 1 else ''} {verb if count > 1 else verb + 's'}"
             for count, verb in ((holding, "hold"), (len(others) - holding, "fail")) if count]
    return " and ".join(parts)


def _note_details(item) -> str:
    """The arithmetic behind a note: what the text says, what its figures give, and why."""
    figures = audit.fill(item.check.formula, item.values)
    if item.tier == "depends on the reading":
        name = READING_NAMES.get(item.id, "its main reading")
        return (f"The text says {audit.says(item)}; read as {name}, the reading its words favour, "
                f"its figures give {audit.with_unit(item.recomputed, item.check)}, which "
                f"{'holds' if item.holds else 'fails'}; {_others(item)}.")
    return (f"The text says {audit.says(item)}; its own figures give "
            f"{audit.with_unit(item.recomputed, item.check)} ({figures})"
            f"{' — ' + item.check.hint if item.check.hint else ''}. {item.tier_words}")


def notes_html(keys: list[str], claims_only: bool = False, skip: set[str] | None = None) -> str:
    """HTML notes on the claims involving ``keys`` that do not simply hold (see audit.flagged).

    Each note gives the verdict in one plain sentence; beside a chart the arithmetic is
    folded below it. ``skip`` names claims already noted on the page (see :func:`page_notes`).
    The source page asks with ``claims_only`` and gets the short inline form.
    """
    notes = []
    for item in audit.flagged(keys, claims_only):
        if skip is not None and item.id in skip:
            continue
        why = f'<a href="{pages.href("checking", "claim-" + item.id)}">Why</a>'
        head = f"<strong>Check ({escape(item.tier)}):</strong> {escape(audit.plain(item))}"
        if claims_only:
            notes.append(f'<span class="nep-audit" role="note">{head} {why}</span>')
            continue
        notes.append(
            f'<div class="nep-audit" role="note">{head} {why}'
            f'<details class="nep-audit-arithmetic"><summary>The arithmetic</summary>'
            f"{escape(_note_details(item))}</details></div>")
    return "".join(notes)


# The claims already noted on the page being built: a chapter runs in one kernel, top to
# bottom, so a claim noted under one chart is not noted again under the next.
_NOTED_ON_PAGE: set[str] = set()


def page_notes(keys: list[str]) -> str:
    """The notes for a chart or table of a chapter, each claim noted once on its page."""
    html = notes_html(keys, skip=_NOTED_ON_PAGE)
    _NOTED_ON_PAGE.update(re.findall(r'href="[^"]*#claim-([\w]+)"', html))
    return html


nep.register_caption_notes(page_notes)


def uncheckable_html(caption: str) -> Html:
    body = []
    for key, reason in UNCHECKABLE:
        row = record(key)
        body.append(f"<tr><td>{escape(row['series'].replace('_', ' '))}</td><td>{escape(row['period'])}</td>"
                    f'<td class="nep-num">{nep.fmt(row["value"])}</td><td>{escape(row["unit"])}</td>'
                    f"<td>{escape(reason)}</td></tr>")
    return Html(
        f'<table class="nep-table" data-figures="{_figures_attr(k for k, _ in UNCHECKABLE)}">'
        f"<caption>{escape(caption)}</caption><thead><tr><th scope=\"col\">Series</th>"
        '<th scope="col">Period</th><th scope="col">Value</th><th scope="col">Unit</th>'
        f'<th scope="col">Why it cannot be checked</th></tr></thead><tbody>{"".join(body)}</tbody></table>')
