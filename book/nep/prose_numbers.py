"""Numbers for the prose: each chapter names them (``{eval}`prose.coal_mined_1921_22```),
formatted here, so the text and the data cannot drift apart, in the book and in JupyterLab."""

from __future__ import annotations

import re
import types

import pandas as pd

from .numbers import slug

def fmt(value: float, decimals: int | None = None) -> str:
    """A number as the book prints it: thousands separated, no trailing zeros."""
    value = float(value)
    if decimals is None:
        text = f"{value:,.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    return "0" if text in ("-0", "") else text


class ProseText(str):
    """A number formatted for the prose. Its repr is the text itself, so wherever it is
    shown as an expression's value (myst-nb's ``{eval}`` role, JupyterLab's inline
    expressions) it reads ``6.4%``, not ``'6.4%'``."""

    def __repr__(self) -> str:
        return str(self)


class Prose:
    """The numbers a chapter's prose quotes, by name: ``{eval}`prose.mop_1921```.

    A namespace of its own rather than plain variables, so that a prose value never
    replaces a variable of the same name that the chapter's code computes with.
    """

    def __repr__(self) -> str:
        return f"<{len(vars(self))} numbers for the prose>"


# One namespace per kernel (one kernel runs one chapter).
prose = Prose()
PROSE_NAME = "prose"


def _user_namespace() -> dict:
    """The namespace a chapter's cells run in: IPython's, or the running script's."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every kernel
        get_ipython = None
    shell = get_ipython() if get_ipython else None
    if shell is not None:
        return shell.user_ns
    import __main__

    return vars(__main__)


def glue(name: str, value: float | str, decimals: int | None = None, suffix: str = "") -> None:
    """Name a number for the prose, formatted here so no NumPy scalar reaches a role.

    The prose reads it as ``{eval}`prose.NAME``` (in the book, and in JupyterLab with
    jupyterlab-myst); it is also glued under ``NAME``, which records the values with the
    executed notebook, for the downloads that show them before anything runs.
    Returns nothing, so a cell ending in a glue call prints nothing in Jupyter either.
    """
    from myst_nb import glue as myst_glue

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
        raise ValueError(f"a prose name is letters, digits and '_', starting with a letter: {name!r}")
    text = ProseText(value if isinstance(value, str) else fmt(value, decimals) + suffix)
    # The namespace already there is kept (it survives a reload of this module).
    holder = _user_namespace().setdefault(PROSE_NAME, prose)
    if type(holder).__name__ != Prose.__name__:
        raise ValueError(f"the chapter uses the name {PROSE_NAME!r} for something else; "
                         "it is kept for the numbers of the prose")
    setattr(holder, name, text)
    myst_glue(name, text, display=False)


def prose_name(series: str, period: str) -> str:
    """The name under which the prose quotes one figure: ``means_of_production_share_1921``,
    ``coal_mined_1921_22`` (series, then period with its punctuation as ``_``)."""
    return f"{series}_{slug(period).replace('-', '_')}"


def prose_text(value: float, unit: str) -> str:
    """A figure as the prose writes it: as the text wrote it, with ``%`` for a percentage."""
    return fmt(value) + ("%" if unit.startswith("percent") else "")


def values(*frames: pd.DataFrame) -> types.SimpleNamespace:
    """Every figure of ``frames`` as a float, under its prose name: ``values(fuel).coal_mined_1921_22``.

    What a chapter derives for its prose reads as arithmetic on named figures.
    """
    return types.SimpleNamespace(**{prose_name(row.series, row.period): float(row.value)
                                    for frame in frames for row in frame.itertuples(index=False)})


def glue_figures(*frames: pd.DataFrame) -> None:
    """Name every figure of ``frames`` for the prose, as ``prose.<series>_<period>``.

    One call per chapter instead of one per number, and the name says which row of the
    data a number is, so a reader of the source sees its provenance in the role itself.
    """
    for frame in frames:
        for row in frame.itertuples(index=False):
            glue(prose_name(row.series, row.period), prose_text(row.value, row.unit))
