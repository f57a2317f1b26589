"""The text's stated figures, read from ``data/``, and the rounding each is written to.

Every check of the audit and every cell of the rebuilt table reads its figures here,
by key ``theme/series/period``. A figure written in digits stands for a range: half a
unit of its last digit either side. A multiple written in words ("doubled", "almost
four times") stands for the range its words allow. No figure of the text is typed here.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Callable

import pandas as pd

import nep


@lru_cache(maxsize=1)
def _figures() -> pd.DataFrame:
    return nep.load_all()


def figures() -> pd.DataFrame:
    """Every figure of the text, as :func:`nep.load_all` gives it (a copy)."""
    return _figures().copy()


def key(theme: str, series: str, period: str) -> str:
    return nep.figure_key(theme, series, period)


def split(figure_key: str) -> tuple[str, str, str]:
    theme, series, period = figure_key.split("/", 2)  # a period may hold a slash: 1921/22
    return theme, series, period


def record(figure_key: str) -> pd.Series:
    """The one row of the data behind ``figure_key`` (``theme/series/period``)."""
    theme, series, period = split(figure_key)
    frame = _figures()
    rows = frame[(frame.theme == theme) & (frame.series == series) & (frame.period == period)]
    if len(rows) != 1:
        raise KeyError(f"expected one figure for {figure_key!r}, found {len(rows)}")
    return rows.iloc[0]


def value(figure_key: str) -> float:
    return float(record(figure_key)["value"])


def rows_for(keys) -> pd.DataFrame:
    """The data rows behind ``keys``, in the data's own order (for nep.show / nep.table)."""
    wanted = set(keys)
    frame = _figures()
    mask = [nep.figure_key(row.theme, row.series, row.period) in wanted
            for row in frame.itertuples(index=False)]
    return frame[mask]


def _half_unit_of(token: str) -> float:
    """Half a unit of the last digit a number is written to: its rounding."""
    token = token.strip()
    fraction = re.fullmatch(r"\d+ (\d) ?/ ?(\d)", token)
    if fraction:                                  # "2 1 / 2": known to the half
        return 1 / (2 * int(fraction.group(2)))
    comma = re.fullmatch(r"\d+, (\d+)", token)     # "3, 62": a decimal comma
    if comma:
        return 0.5 * 10 ** -len(comma.group(1))
    if "." in token:                               # "27.2", "164 .7", "1,298.7"
        return 0.5 * 10 ** -len(token.split(".")[1])
    # A whole number. Written with whole groups of zeros ("4,216,000 tons") it is
    # known only to the last non-zero group; otherwise to the unit.
    groups = token.split(",")
    zeros = 0
    while len(groups) > 1 and groups[-1] == "000":
        groups.pop()
        zeros += 1
    return 0.5 * 1000 ** zeros


def precision(figure_key: str) -> float | None:
    """The rounding (half a unit of the last digit) of a figure written in digits.

    ``None`` when the text states the figure in words ("doubled", "five times").
    """
    row = record(figure_key)
    start, end = nep.value_span(row["quote"], row["value"])
    written = row["quote"][start:end]
    return _half_unit_of(written) if written[:1].isdigit() else None


def word_interval(stated: float, qualifier: str | None) -> tuple[float, float]:
    """What a multiple written in words allows.

    The text writes multiples to the half ("2 1 / 2 times", "5 1/2 times"), so a
    plain multiple in words ("doubled", "two times", "about five times") claims
    the nearest half: N - 1/4 to N + 1/4. "Almost N" claims less than N but more
    than N - 1/2 (below that the text would write N - 1/2); "more than N" claims
    more than N but less than N + 1/2, for the same reason.
    """
    qualifier = (qualifier or "").strip()
    if qualifier == "almost":
        return (stated - 0.5, stated)
    if qualifier == "more than":
        return (stated, stated + 0.5)
    return (stated - 0.25, stated + 0.25)


def interval(figure_key: str) -> tuple[float, float]:
    """The range a stated figure stands for, given how it is written."""
    row = record(figure_key)
    half = precision(figure_key)
    if half is None:
        qualifier = None if pd.isna(row["qualifier"]) else str(row["qualifier"])
        return word_interval(float(row["value"]), qualifier)
    return (float(row["value"]) - half, float(row["value"]) + half)


def tolerance_words(figure_key: str) -> str:
    row = record(figure_key)
    half = precision(figure_key)
    if half is not None:
        return f"written {nep.fmt(row['value'])}, so ±{nep.fmt(half)}"
    qualifier = "" if pd.isna(row["qualifier"]) else f"{row['qualifier']} "
    lo, hi = interval(figure_key)
    return (f"in words ({qualifier}{nep.fmt(row['value'])} times), "
            f"so {nep.fmt(lo)} to {nep.fmt(hi)}")


def corners(function: Callable[[dict], float], values: dict[str, float],
            intervals: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """The least and greatest value of ``function`` with each input anywhere in its range.

    Every formula here is monotonic in each input, so the extremes lie at the
    corners of the box of input ranges.
    """
    names = list(intervals)
    results = []
    for ends in itertools.product(*(intervals[name] for name in names)):
        trial = dict(values)
        trial.update(zip(names, ends))
        results.append(function(trial))
    if not results:
        results = [function(values)]
    return (min(results), max(results))


def years_counted(period: str) -> float:
    """Years from the first to the last year of a period such as 1919-1924, both counted."""
    first, last = (int(year) for year in period.split("-"))
    return float(last - first + 1)
