"""The cells that only feed the prose its numbers, as a student meets them in Jupyter:
folded, short, and each saying in its first line what it does.

Read from the chapters' sources, which Binder opens as they are and from which the
downloaded notebooks are made. The book removes these cells from its pages; JupyterLab
shows each as one folded line, which a student can open.
"""

from __future__ import annotations

from collections import Counter

import jupytext
import pytest

from conftest import chapter_files

# Long enough for a call per kind of prose number and a few derived ones; a cell that
# needs more is computing something that belongs to a module, or to a cell of its own.
MOST_LINES = 10


def prose_cells(path) -> list:
    """The code cells the book removes whole (input and output): they only feed the prose."""
    notebook = jupytext.read(path)
    return [cell for cell in notebook.cells if cell.cell_type == "code"
            and {"remove-input", "remove-output"} <= set(cell.metadata.get("tags", []))]


CELLS = {path.stem: prose_cells(path) for path in chapter_files()}


@pytest.mark.parametrize("page", sorted(CELLS))
def test_prose_cells_are_folded_short_and_say_what_they_do(page):
    for cell in CELLS[page]:
        lines = cell.source.strip().splitlines()
        assert cell.metadata.get("jupyter", {}).get("source_hidden"), f"{page}: not folded: {lines[0]}"
        assert lines[0].startswith("# "), f"{page}: a prose cell opens with code, not what it does: {lines[0]}"
        assert len(lines) <= MOST_LINES, f"{page}: {len(lines)} lines (at most {MOST_LINES}): {lines[0]}"


def test_each_prose_cell_says_what_it_does_in_its_own_words():
    """A stock first line would fold every cell under the same words, saying nothing."""
    first_lines = Counter(cell.source.strip().splitlines()[0] for cells in CELLS.values() for cell in cells)
    repeated = [line for line, count in first_lines.items() if count > 1]
    assert not repeated, f"these first lines open more than one prose cell: {repeated}"


def test_the_book_has_prose_cells_to_check():
    # The tests above pass vacuously if the tags that mark these cells ever change.
    assert sum(len(cells) for cells in CELLS.values()) >= len(CELLS) // 2


# ---------------------------------------------------------------------------
# The names and texts of the prose numbers
# ---------------------------------------------------------------------------

def test_every_figure_has_a_prose_name_of_its_own():
    """A chapter may name the figures of several themes and outside sources at once: one
    name for two figures would quote the wrong one, silently."""
    import nep
    from nep import outside

    text = nep.load_all()
    names = [nep.prose_name(row.series, row.period) for row in text.itertuples()]
    names += [outside.prose_name(row.series, row.period, row.source) for row in outside.load().itertuples()]
    assert len(set(names)) == len(names) == len(text) + len(outside.load())


def test_each_figure_reaches_the_prose_as_the_text_states_it():
    """The number a prose role shows is one its verbatim fragment states, with ``%`` exactly
    when the figure is a percentage."""
    import nep

    nep.glue_figures(*[nep.load(theme) for theme in nep.theme_names()])
    figures = nep.values(nep.load_all())
    wrong = []
    for row in nep.load_all().itertuples():
        name = nep.prose_name(row.series, row.period)
        shown = str(getattr(nep.prose, name))
        number = float(shown.rstrip("%").replace(",", ""))
        if (not nep.states_value(row.quote, number) or shown.endswith("%") != row.unit.startswith("percent")
                or getattr(figures, name) != row.value):
            wrong.append((name, shown, row.quote))
    assert not wrong, wrong


def test_a_verdict_is_glued_under_its_claim_not_an_alternative_reading():
    from nep import audit

    alternative = next(item for item in audit.results() if item.check.kind != "main")
    with pytest.raises(ValueError, match=audit.claim_of(alternative.id).id):
        audit.glue_claims(alternative.id)
