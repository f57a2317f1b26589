"""The figures as tables: every figure with its period, unit and passage, and a theme's
overview with its CSV offered for download."""

from __future__ import annotations

import json
import os

import pandas as pd

from .charts import _audit_html, _claim_anchors, _figure_keys, source_href
from .data import resource
from .prose_numbers import fmt

class Table:
    """The figures themselves, each with its period, unit and source passage.

    ``notes=True`` adds the data's ``note`` column (for garbled or ambiguous figures).
    """

    def __init__(self, rows: pd.DataFrame, caption: str, notes: bool = False):
        self.rows, self.caption, self.notes = rows, caption, notes
        self.keys = _figure_keys(rows)
        self.anchors = _claim_anchors(self.keys)

    def _repr_html_(self) -> str:
        from html import escape

        body = []
        for row in self.rows.itertuples(index=False):
            href = source_href(row.theme, row.series, row.period)
            qualifier = "" if pd.isna(row.qualifier) else f"{escape(row.qualifier)} "
            note = "" if not self.notes else f"<td>{'' if pd.isna(row.note) else escape(row.note)}</td>"
            body.append(
                f"<tr><td>{escape(row.series.replace('_', ' '))}</td><td>{escape(row.period)}</td>"
                f'<td class="nep-num">{qualifier}{fmt(row.value)}</td><td>{escape(row.unit)}</td>'
                f'<td><a class="nep-source-link" href="{href}">“{escape(row.quote)}”</a></td>{note}</tr>'
            )
        note_header = '<th scope="col">Note</th>' if self.notes else ""
        return (
            f'{self.anchors}<table class="nep-table" data-figures="{escape(json.dumps(self.keys))}">'
            f"<caption>{escape(self.caption)}{_audit_html(self.keys)}</caption><thead><tr>"
            '<th scope="col">Series</th><th scope="col">Period</th><th scope="col">Value</th>'
            f'<th scope="col">Unit</th><th scope="col">Source</th>{note_header}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>'
        )


def table(rows: pd.DataFrame, caption: str, notes: bool = False) -> Table:
    """Tabulate figures with their source passages (for figures no chart suits)."""
    return Table(rows, caption, notes)


class Summary:
    """A theme's figures as a reader first meets them: one short row per series, formatted.

    Every figure stays one click away, in a folded table, and the theme's CSV file is
    offered for download. Unlike :class:`Table` it claims no anchors: the source page's
    links land on the charts and tables that discuss a figure, not on this overview.
    """

    def __init__(self, rows: pd.DataFrame, caption: str):
        self.rows, self.caption = rows, caption
        self.theme = str(rows["theme"].iloc[0])
        self.path = resource(self.theme)["path"]

    @staticmethod
    def _value(row) -> str:
        qualifier = "" if pd.isna(row.qualifier) else f"{row.qualifier} "
        return f"{qualifier}{fmt(row.value)}"

    def _series_rows(self) -> list[tuple[str, str, str, str]]:
        """(series in words, periods, values, unit) per series, in the data's order."""
        from html import escape

        lines = []
        for series, group in self.rows.groupby("series", sort=False):
            group = group.sort_values("start", na_position="first")
            periods, values = list(group["period"]), [self._value(row) for row in group.itertuples()]
            if len(values) > 5:  # the ends of a long series; the folded table has the rest
                periods, values = [periods[0], "…", periods[-1]], [values[0], "…", values[-1]]
            units = " / ".join(dict.fromkeys(group["unit"]))
            lines.append((escape(str(series).replace("_", " ").capitalize()),
                          escape(", ".join(periods)), escape(" · ".join(values)), escape(units)))
        return lines

    def html(self) -> str:
        """The summary and the folded table of every figure, as HTML.

        Written without blank lines, so that Markdown readers keep it one HTML block.
        """
        from html import escape

        summary = "".join(
            f'<tr><th scope="row">{name}</th><td>{periods}</td><td>{values}</td>'
            f"<td>{unit}</td></tr>" for name, periods, values, unit in self._series_rows())
        every = "".join(
            f"<tr><td>{escape(str(row.series).replace('_', ' '))}</td><td>{escape(row.period)}</td>"
            f"<td>{escape(self._value(row))}</td><td>{escape(row.unit)}</td></tr>"
            for row in self.rows.itertuples(index=False))
        return (
            f'<table class="nep-table nep-summary"><caption>{escape(self.caption)}</caption>'
            '<thead><tr><th scope="col">Series</th><th scope="col">Periods</th>'
            f'<th scope="col">Values</th><th scope="col">Unit</th></tr></thead><tbody>{summary}'
            f'</tbody></table><details class="nep-all-figures"><summary>All {len(self.rows)} '
            "figures, one row each</summary>"
            '<table class="nep-table"><thead><tr><th scope="col">Series</th>'
            '<th scope="col">Period</th><th scope="col">Value</th><th scope="col">Unit</th>'
            f"</tr></thead><tbody>{every}</tbody></table></details>"
        )

    def _jupyter_html(self) -> str:
        # In Jupyter the notebook sits in book/, beside the data folder's parent.
        return self.html() + f'<p><a href="../data/{self.path}" download>Download {self.path}</a></p>'

    def _book_markdown(self) -> str:
        # The book reads Markdown outputs as MyST: a {download} role copies the file into
        # the build, where the data page offers the same file.
        return (self.html() + f"\n\nDownload the data: {{download}}`{self.path} "
                f"<../data/{self.path}>` (every figure with the words that state it).\n")

    # One bundle and no _repr_html_: IPython would add text/html beside the book's
    # Markdown, and the book would draw the HTML, without the download link.
    def _repr_mimebundle_(self, include=None, exclude=None):
        plain = f"{self.caption} ({len(self.rows)} figures in data/{self.path})"
        if os.environ.get("NEP_BOOK_BUILD"):
            return {"text/markdown": self._book_markdown(), "text/plain": plain}
        return {"text/html": self._jupyter_html(), "text/plain": plain}


def summary(rows: pd.DataFrame, caption: str) -> Summary:
    """A short, formatted overview of a theme's figures, with all of them one click away."""
    return Summary(rows, caption)
