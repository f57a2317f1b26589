"""The helpers every chapter of *NEP Industry Recovery in Data* imports.

A package beside the chapters, so a notebook started in ``book/`` (Jupyter, Binder, the
classroom zip) imports it with no install step. Each module has one job:

========================  ==================================================================
``nep.data``              find ``data/`` and ``seeds/``, load a dataset, validate it
``nep.numbers``           read numbers as the source writes them (``11,324``, ``2 1 / 2``)
``nep.prose_numbers``     the numbers a chapter's prose quotes, by their data names
``nep.charts``            the house theme, chart captions, the offline renderer
``nep.grammar``           what a colour, a fill or a dash means on every chart, light and dark
``nep.tables``            the figures as tables, and a theme's overview
``nep.overview``          every branch's 1925 level against 1913, as a table and a chart
``nep.claims``            the claims of the text its own figures can check (a declarative list)
``nep.stated``            the stated figures and the bounds their rounding allows
``nep.audit``             each claim recomputed and given one verdict
``nep.rebuild``           the lost table, rebuilt from what the text's figures determine
``nep.audit_html``,       the verdicts and the rebuilt table as notes, tables and charts
``nep.audit_charts``
``nep.outside``           other sources' figures: loaded, checked, set beside the text's
``nep.comparisons``       the sources' classes, the year conventions, each comparison's gap
``nep.citations``         the fragments of the works the setting and the caveats cite, checked
``nep.source_page``       the whole source, with every figure highlighted
``nep.lesson_kit``        the teachers' lesson kit (``lesson_kit.yml``)
``nep.worksheet``         the printable pack: worksheet, answer key, mark scheme
``nep.pages``             the chapters by name: ``fuel`` is ``05_fuel.md``, page ``05_fuel.html``
========================  ==================================================================

The names a chapter uses most stand here too, for short: ``nep.load``, ``nep.show``,
the prose's ``nep.glue_figures``, ``nep.fmt``, … The modules are imported by name:
``from nep import audit``.
"""

from .charts import (PALETTE, SOURCES_SHOWN, VEGALITE_MIME, Figure,
                     anchor_id, chart_anchor_id, chart_data, figure_key,
                     jupyter_outputs, register_caption_notes, show, source_href)
from .data import (SOURCE_NAME, DataError, data_dir, figure, find_folder, load, load_all,
                   package, period_start, read_table, resource, rows, source_path,
                   source_text, theme_names)
from .numbers import POOD_KG, WORD_NUMBERS, numbers_in, states_value, value_span
from .prose_numbers import fmt, glue, glue_figures, prose, prose_name, prose_text, values
from .tables import Summary, Table, summary, table

__all__ = [
    "PALETTE", "SOURCES_SHOWN", "VEGALITE_MIME", "Figure", "anchor_id",
    "chart_anchor_id", "chart_data", "figure_key", "jupyter_outputs", "register_caption_notes",
    "show", "source_href", "SOURCE_NAME", "DataError", "data_dir", "figure", "find_folder", "load", "load_all",
    "package", "period_start", "read_table", "resource", "rows", "source_path", "source_text",
    "theme_names", "POOD_KG", "WORD_NUMBERS", "numbers_in", "states_value", "value_span", "fmt",
    "glue", "glue_figures", "prose", "prose_name", "prose_text", "values", "Summary", "Table",
    "summary", "table",
]
