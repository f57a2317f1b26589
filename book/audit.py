"""The text's own arithmetic, recomputed, and its lost table rebuilt.

Two things live here, both computed from ``data/`` and nothing else:

* **The audit.** Every claim of the text that other figures of the text let us
  recompute (a percentage beside its two levels, parts beside their whole, a
  share beside its parts, a multiple written in words, an average rate, a total)
  is a :class:`Check`. A check names the figures it uses by their keys
  ``theme/series/period``, recomputes the claim, and compares it with what the
  text states, allowing for the rounding of every figure involved. The verdict
  is *consistent* when the recomputed value, moved anywhere within the rounding
  of its inputs, can meet the stated value moved anywhere within its own
  rounding; otherwise *inconsistent*, by the gap between the two ranges.
* **The lost table.** The source's one table ("Production of large-scale industry
  in the USSR") lost every number in transcription. :func:`lost_table` rebuilds
  each cell the text's own figures determine, with its formula, its inputs and
  its status: *stated*, *derived*, *assumed* (derived, but resting on a stated
  assumption) or *not recoverable*.

No figure of the text is typed in this module: every number is read from the
data. What is written here is the structure of each claim (which figures, which
formula, which tolerance for words such as "doubled") and the reasoning.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Callable

import pandas as pd

import nep

# ---------------------------------------------------------------------------
# Figures and their precision
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _figures() -> pd.DataFrame:
    return nep.load_all()


def figures() -> pd.DataFrame:
    """Every figure of the text, as :func:`nep.load_all` gives it (a copy)."""
    return _figures().copy()


def _split(key: str) -> tuple[str, str, str]:
    theme, series, period = key.split("/", 2)  # a period may hold a slash: 1921/22
    return theme, series, period


def record(key: str) -> pd.Series:
    """The one row of the data behind ``key`` (``theme/series/period``)."""
    theme, series, period = _split(key)
    frame = _figures()
    rows = frame[(frame.theme == theme) & (frame.series == series) & (frame.period == period)]
    if len(rows) != 1:
        raise KeyError(f"expected one figure for {key!r}, found {len(rows)}")
    return rows.iloc[0]


def value(key: str) -> float:
    return float(record(key)["value"])


def rows_for(keys) -> pd.DataFrame:
    """The data rows behind ``keys``, in the data's own order (for nep.show / nep.table)."""
    wanted = set(keys)
    frame = _figures()
    mask = [nep.figure_key(row.theme, row.series, row.period) in wanted
            for row in frame.itertuples(index=False)]
    return frame[mask]


def rows_for_checks(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The data rows of every figure the checks in ``verdicts`` (a slice of :func:`table`) use."""
    return rows_for(key for keys in verdicts["keys"] for key in keys)


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


def precision(key: str) -> float | None:
    """The rounding (half a unit of the last digit) of a figure written in digits.

    ``None`` when the text states the figure in words ("doubled", "five times").
    """
    row = record(key)
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


def interval(key: str) -> tuple[float, float]:
    """The range a stated figure stands for, given how it is written."""
    row = record(key)
    half = precision(key)
    if half is None:
        qualifier = None if pd.isna(row["qualifier"]) else str(row["qualifier"])
        return word_interval(float(row["value"]), qualifier)
    return (float(row["value"]) - half, float(row["value"]) + half)


def _tolerance_words(key: str) -> str:
    row = record(key)
    half = precision(key)
    if half is not None:
        return f"written {nep.fmt(row['value'])}, so ±{nep.fmt(half)}"
    qualifier = "" if pd.isna(row["qualifier"]) else f"{row['qualifier']} "
    lo, hi = interval(key)
    return (f"in words ({qualifier}{nep.fmt(row['value'])} times), "
            f"so {nep.fmt(lo)} to {nep.fmt(hi)}")


def _corners(function: Callable[[dict], float], values: dict[str, float],
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


# ---------------------------------------------------------------------------
# The audit
# ---------------------------------------------------------------------------

THEME_TITLES = {
    "food": "Food and agriculture", "fuel": "Fuel", "raw_materials": "Raw materials",
    "capital": "Capital", "labour": "Labour", "output": "Output",
    "heavy_light": "Heavy and light industry", "private": "Private capital",
}

INF = math.inf


@dataclass(frozen=True)
class Check:
    """One claim of the text under one reading, and how to recompute it.

    ``says`` and ``formula`` are templates: ``{claim}`` is the stated figure and
    every other name is an input, filled in from the data.
    """

    id: str
    theme: str                      # the theme whose chapter shows the claim
    says: str                       # what the text says, in words
    inputs: dict[str, str]          # name -> figure key
    formula: str                    # the recomputation, in the input names
    compute: Callable[[dict], float]
    claim: str | None = None        # key of the figure the text states
    allowed: tuple | None = None    # the claim's range when it is not one figure:
    #                                 ("range", key_low, key_high) or ("fixed", low, high, words)
    reading: str = ""               # the assumption under which it is recomputed
    kind: str = "main"              # "main": the verdict on the claim; "alternative": another reading
    unit: str = ""                  # unit of the compared values ("%", "times", ...)
    decimals: int = 1
    why: Callable[[dict], str] | None = None   # explanation, from the values
    exact: tuple[str, ...] = ()     # inputs that are exact by definition (no rounding)
    exact_claim: bool = False       # the claim is a count, exact as stated (no rounding)
    hint: str = ""                  # a short caveat for the note beside a chart


@dataclass
class Result:
    check: Check
    values: dict
    stated: float | None
    stated_range: tuple[float, float]
    recomputed: float
    recomputed_range: tuple[float, float]
    verdict: str
    gap: float
    difference: float | None
    keys: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.check.id


def _fill(template: str, values: dict, decimals: int | None = None) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return template.format(**{name: nep.fmt(values[name], decimals) if isinstance(values[name], float)
                              else values[name] for name in names})


def _k(theme: str, series: str, period: str) -> str:
    return f"{theme}/{series}/{period}"


# Keys of the figures the checks and the lost table use most.
OUT, HL, LAB = "output", "heavy_light", "labour"
TOTAL = {year: _k(OUT, "gross_output_comparable_range", year) for year in ("1913", "1921", "1925")}
FULL = {year: _k(OUT, "gross_output_full_range", year) for year in ("1920", "1921", "1925")}
GROWTH = {year: _k(OUT, "industrial_output_growth", year) for year in ("1922", "1923", "1924", "1925")}
EXCESS_1926 = _k(OUT, "gross_output_excess_over_prewar", "1926")
MEANS = {year: _k(HL, "heavy_industry_output", year) for year in ("1921", "1925")}
CONSUMER = {year: _k(HL, "light_and_food_industry_output", year) for year in ("1921", "1925")}
SHARE = {year: _k(HL, "means_of_production_share", year) for year in ("1921", "1923", "1924", "1925")}
GARBLED_1913 = _k(HL, "garbled_output_against_1913", "1913")
AVERAGE_GROWTH = _k(OUT, "finished_products_average_annual_growth", "1921-1925")
FRANCE_YEARS = _k(OUT, "france_years_to_restore_prewar_production", "1919-1924")


def _years_counted(key: str) -> float:
    """Years from the first to the last year of a period such as 1919-1924, both counted."""
    first, last = (int(year) for year in _split(key)[2].split("-"))
    return float(last - first + 1)


def _growth_product(v: dict, years) -> float:
    product = 1.0
    for year in years:
        product *= 1 + v[f"g{year}"] / 100
    return product


def _level_1926(v: dict) -> float:
    """Comparable-range output in 1926: 1913 raised by the stated excess over pre-war."""
    return v["t13"] * (1 + v["e26"] / 100)


def _digits_apart(a: float, b: float) -> int | None:
    """How many digits two whole numbers of the same length differ in."""
    sa, sb = str(int(round(a))), str(int(round(b)))
    if len(sa) != len(sb):
        return None
    return sum(x != y for x, y in zip(sa, sb))


def _why_workers(v: dict) -> str:
    base = v["w25"] / (1 + v["claim"] / 100)
    apart = _digits_apart(base, v["w21"])
    where = (f", which differs from the printed {nep.fmt(v['w21'])} in "
             f"{'a single digit' if apart == 1 else str(apart) + ' digits'}" if apart else "")
    fall_printed = v["w25"] / (v["r13"] / 100) / v["w21"]
    fall_base = v["w25"] / (v["r13"] / 100) / base
    return (f"{nep.fmt(v['w21'])} to {nep.fmt(v['w25'])} thousand is an increase of "
            f"{nep.fmt((v['w25'] / v['w21'] - 1) * 100, 1)}%, not {nep.fmt(v['claim'])}%. An increase "
            f"of {nep.fmt(v['claim'])}% ending at {nep.fmt(v['w25'])} thousand starts from "
            f"{nep.fmt(base, 0)} thousand{where}. The most likely explanation is a misprint of the 1921 "
            f"level: with {nep.fmt(base, 0)} thousand the 1913 workforce implied by the "
            f"{nep.fmt(v['r13'])}% would be {nep.fmt(fall_base, 2)} times the 1921 one (the text says "
            f"two times), against {nep.fmt(fall_printed, 2)} times with the printed figure. The text "
            f"gives no other count of 1921 workers to settle it.")


def _why_extractive_1922_23(v: dict) -> str:
    share = v["x"] / (v["x"] + v["m"]) * 100
    return (f"{nep.fmt(v['x'])} ÷ ({nep.fmt(v['x'])} + {nep.fmt(v['m'])}) = {nep.fmt(share, 3)}%, "
            f"which rounds to {nep.fmt(share, 1)}%; even with both outputs at the edge of their "
            f"rounding it stays just below the {nep.fmt(v['claim_lo'], 2)}% needed to print "
            f"{nep.fmt(v['claim'])}%. Rounded twice ({nep.fmt(share, 3)} to {nep.fmt(share, 2)}, then to "
            f"one decimal) it gives the printed figure, so the likely explanation is double rounding, "
            f"not a different base: the same formula reproduces the previous year's share.")


def _why_coal(v: dict) -> str:
    ratio = v["c26"] / v["c22"]
    return (f"Coal alone rose {nep.fmt(ratio, 2)} times from 1921/22 to 1925/26, a little more than "
            f"doubling (the text itself calls a change of this size, the railways' coal share falling "
            f"from {nep.fmt(value(_k('fuel', 'railway_fuel_coal_share', '1913')))}% to "
            f"{nep.fmt(value(_k('fuel', 'railway_fuel_coal_share', '1921/22')))}%, 'more than halved'). "
            f"The claim covers coal and oil together, and the text "
            f"gives no oil figure for the early years, so only its coal half can be checked; it also "
            f"speaks of five years while the coal series covers the fiscal years 1921/22 to 1925/26. "
            f"Likely loose wording rather than a wrong figure.")


def _why_leased(v: dict) -> str:
    leased = v["n"] * v["l"] / 100
    every = leased * v["a"] / 1000
    return (f"{nep.fmt(v['l'])}% of {nep.fmt(v['n'])} enterprises is {nep.fmt(leased, 0)} leased "
            f"enterprises; at {nep.fmt(v['a'])} workers each, all of them together employed about "
            f"{nep.fmt(every, 1)} thousand, and the {nep.fmt(v['p'])}% leased to private individuals "
            f"about {nep.fmt(every * v['p'] / 100, 1)} thousand, well short of the stated "
            f"{nep.fmt(v['lo'])} to {nep.fmt(v['hi'])} thousand. The figures fit only if privately "
            f"rented enterprises were much larger than average, or if the counts come from "
            f"different bases: the {nep.fmt(v['p'])}% is a share of tenants, the average of "
            f"{nep.fmt(v['a'])} workers is for enterprises leased out in 1923, and the count of "
            f"enterprises is undated. The text's yearbook source cannot be checked here.")


def _why_leased_owners(v: dict) -> str:
    return (f"Counting the {nep.fmt(v['o'])}% former owners on top of the {nep.fmt(v['p'])}% private "
            f"individuals gives about {nep.fmt(v['n'] * v['l'] / 100 * (v['p'] + v['o']) / 100 * v['a'] / 1000, 1)} "
            f"thousand workers, inside the stated range; but then private individuals, former owners and "
            f"the {nep.fmt(v['coop'])}% cooperatives add up to {nep.fmt(v['p'] + v['o'] + v['coop'])}%, "
            f"more than the whole (see the tenants check). The book does not adopt this reading.")


def _why_five_and_a_half(v: dict) -> str:
    level_1926 = _level_1926(v)
    return (f"From {nep.fmt(v['t21'])} million rubles in 1921 to {nep.fmt(level_1926, 0)} million in 1926 "
            f"({nep.fmt(v['t13'])} million in 1913 raised by the stated {nep.fmt(v['e26'])}%) is "
            f"{nep.fmt(level_1926 / v['t21'], 2)} times: the five years are the five annual increases "
            f"1922 to 1926, the span of the lost table (the average annual increase of "
            f"{nep.fmt(((level_1926 / v['t21']) ** (1 / 5) - 1) * 100, 1)}% over the same five years "
            f"matches the text's {nep.fmt(value(AVERAGE_GROWTH))}% too). Read against Diagram No. 1, "
            f"which stands just above the "
            f"sentence, the claim fails: see the alternative readings.")


def _why_five_and_a_half_full(v: dict) -> str:
    return (f"Diagram No. 1 gives {nep.fmt(v['f20'])} and {nep.fmt(v['f25'])} billion rubles (full range "
            f"of industries), {nep.fmt(v['f25'] / v['f20'], 2)} times; even at the edges of the diagram's "
            f"rounding the multiple stays below the {nep.fmt(v['claim_lo'], 2)} that "
            f"{nep.fmt(v['claim'])} times allows. Not the reading the text's figures support.")


def _why_five_and_a_half_four(v: dict) -> str:
    return (f"{nep.fmt(v['t21'])} to {nep.fmt(v['t25'])} million rubles is "
            f"{nep.fmt(v['t25'] / v['t21'], 2)} times, the 'almost four times' of the labour passage; "
            f"five years counted as 1921 to 1925 inclusive cannot give {nep.fmt(v['claim'])} times.")


def _why_average(v: dict) -> str:
    return (f"The compound (geometric) average over the five annual increases from 1921 to 1926 is "
            f"{nep.fmt(((_level_1926(v) / v['t21']) ** (1 / 5) - 1) * 100, 2)}%, which rounds to the "
            f"stated figure. 'Average annual increase' in Soviet statistics is this compound rate.")


def _why_average_four(v: dict) -> str:
    return (f"Over the four annual increases from 1921 to 1925 ({nep.fmt(v['t21'])} to "
            f"{nep.fmt(v['t25'])} million rubles) the compound rate is "
            f"{nep.fmt(((v['t25'] / v['t21']) ** (1 / 4) - 1) * 100, 2)}%, below the stated figure "
            f"even at the edges of rounding: these are not the text's five years.")


def _why_average_arithmetic(v: dict) -> str:
    mean = (v["g1922"] + v["g1923"] + v["g1924"] + v["g1925"]) / 4
    return (f"The plain average of the four stated annual rates is {nep.fmt(mean, 3)}%; it could "
            f"print as {nep.fmt(v['claim'])}% only with the rates at the low edge of their rounding. "
            f"An arithmetic mean of growth rates is not an average annual rate, and it uses four "
            f"years, not five; the book keeps the compound reading.")


def _why_concession(v: dict) -> str:
    total = v["p26"] / (v["ps26"] / 100)
    return (f"The text gives no total for large-scale output in the fiscal year 1925/26. The private "
            f"sector's {nep.fmt(v['p26'])} million rubles at {nep.fmt(v['ps26'])}% of factory output "
            f"imply a total of {nep.fmt(total, 0)} million; {nep.fmt(v['c'])} million is "
            f"{nep.fmt(v['c'] / total * 100, 3)}% of it, which rounds to the stated figure (only "
            f"just). The fiscal year runs from October 1925 to September 1926, so its total should lie "
            f"between the calendar-year totals of 1925 and 1926, and it does.")


def _why_concession_calendar(v: dict) -> str:
    return ("A calendar year's total is the wrong base for a fiscal-year figure: 1925/26 straddles "
            "1925 (lower total, share too high) and 1926 (higher total, share too low).")


def _why_man_day_prices(v: dict) -> str:
    level = v["t21"] / (v["w21"] * v["d21"]) * 1000
    return (f"Output of {nep.fmt(v['t21'])} million rubles (1926/27 prices) over "
            f"{nep.fmt(v['w21'])} thousand workers and {nep.fmt(v['d21'])} working days is "
            f"{nep.fmt(level, 2)} rubles per man-day, not {nep.fmt(v['claim'])}: the man-day figure is "
            f"on another price basis or coverage, which the text does not state.")


def _why_man_day_prewar(v: dict) -> str:
    level = (v["x"] + v["m"]) / (v["w21"] * v["d21"]) * 1000
    return (f"In pre-war rubles, the gross output of 1921/22 (extractive {nep.fmt(v['x'])} + "
            f"manufacturing {nep.fmt(v['m'])} million) over the same workers and days gives "
            f"{nep.fmt(level, 2)} rubles per man-day, within rounding of the stated figure. This "
            f"suggests, but does not prove, that the man-day series is in pre-war prices; it mixes "
            f"a fiscal year's output with a calendar year's workers.")


def _why_oil_methods(v: dict) -> str:
    total = v["b"] + v["p"] + v["c"]
    return (f"Bailing, pumps and compressors make {nep.fmt(total, 1)}% of 1925/26 output; the text "
            f"does not say how the other {nep.fmt(100 - total, 1)}% was extracted. Parts that fall "
            f"short of the whole are a gap in the text, not a contradiction.")


def _why_tenants(v: dict) -> str:
    return (f"Private individuals ({nep.fmt(v['p'])}%) and cooperatives ({nep.fmt(v['coop'])}%) leave "
            f"{nep.fmt(100 - v['p'] - v['coop'])}% for other tenants; the {nep.fmt(v['o'])}% former owners "
            f"fit only as part of the private individuals. The data notes that the shares may not "
            f"even share a base (tenants against enterprises).")


def _pct(a: float, b: float) -> float:
    return (a / b - 1) * 100


def checks() -> list[Check]:
    """Every recomputable claim of the text, with its reading, formula and tolerance."""
    F, R, C, P = "fuel", "raw_materials", "capital", "private"
    coal = lambda period: _k(F, "coal_mined", period)  # noqa: E731
    crops = ["raw_cotton_harvest", "flax_fiber_harvest", "hemp_fiber_harvest", "oilseeds_harvest",
             "yellow_tobacco_harvest", "shag_harvest"]
    crop_inputs = {f"k{i}": _k("food", name, "1925/26") for i, name in enumerate(crops)}
    total_inputs = {"t13": TOTAL["1913"], "t21": TOTAL["1921"], "e26": EXCESS_1926}
    growth_inputs = {f"g{year}": key for year, key in GROWTH.items()}
    leasing = {"n": _k(P, "enterprises_intended_for_leasing", "end of 1923"),
               "l": _k(P, "leased_share_of_intended", "end of 1923"),
               "a": _k(P, "workers_per_leased_enterprise", "1923"),
               "p": _k(P, "tenants_private_individuals_share", "1923")}
    leased_range = ("range", _k(P, "private_leased_enterprise_workers_low", "1923"),
                    _k(P, "private_leased_enterprise_workers_high", "1923"))
    concession = {"c": _k(P, "concession_gross_output", "1925/26"),
                  "p26": _k(P, "private_capitalist_gross_output", "1925/26"),
                  "ps26": _k(P, "private_capitalist_share_of_factory_output", "1925/26")}
    pick = {"g1922": GROWTH["1922"], "g1923": GROWTH["1923"], "g1924": GROWTH["1924"],
            "g1925": GROWTH["1925"]}

    return [
        # --- Fuel ---------------------------------------------------------------
        Check("fuel_railway_coal_more_than_halved", F,
              "the coal share of railway fuel 'more than halved' from 1913 to 1921/22",
              {"a": _k(F, "railway_fuel_coal_share", "1913"), "b": _k(F, "railway_fuel_coal_share", "1921/22")},
              "{a} ÷ {b}", lambda v: v["a"] / v["b"],
              claim=_k(F, "railway_fuel_coal_share_fall_multiple", "1921/22"), unit="times", decimals=2),
        Check("fuel_industry_shares_whole_1913", F,
              "coal and other fuels made up the fuel industry burned in 1913",
              {"a": _k(F, "industry_fuel_coal_share", "1913"), "b": _k(F, "industry_fuel_other_share", "1913")},
              "{a} + {b}", lambda v: v["a"] + v["b"], allowed=("fixed", 100.0, 100.0, "the whole, 100%"),
              reading="The two shares are the whole of industry's fuel.", unit="%"),
        Check("fuel_industry_coal_fell_more", F,
              "coal consumption in industry 'has fallen even more' than on the railways",
              {"i13": _k(F, "industry_fuel_coal_share", "1913"), "i24": _k(F, "industry_fuel_coal_share", "1923/24"),
               "r13": _k(F, "railway_fuel_coal_share", "1913"), "r24": _k(F, "railway_fuel_coal_share", "1923/24")},
              "({i13} − {i24}) − ({r13} − {r24})",
              lambda v: (v["i13"] - v["i24"]) - (v["r13"] - v["r24"]),
              allowed=("fixed", 0.0, INF, "more than zero points"),
              reading="Compared in 1923/24, the one year the text gives both shares, in percentage points.",
              unit="points"),
        Check("fuel_coal_and_oil_doubled", F,
              "the production of coal and oil 'doubled' during the five years of the recovery period",
              {"c22": coal("1921/22"), "c26": coal("1925/26")},
              "{c26} ÷ {c22}", lambda v: v["c26"] / v["c22"],
              claim=_k(HL, "coal_and_oil_output_multiple", "1921-1925"), unit="times", decimals=2,
              reading="Coal alone, 1921/22 to 1925/26 (the text gives no early oil figure).",
              why=_why_coal, hint="for coal alone, 1921/22 to 1925/26: more than doubled, probably loose wording"),
        # --- Raw materials ------------------------------------------------------
        Check("raw_extractive_share_1921_22", R,
              "the extractive industry made {claim}% of large-scale output in 1921/22",
              {"x": _k(R, "extractive_industry_gross_output", "1921/22"),
               "m": _k(R, "manufacturing_industry_gross_output", "1921/22")},
              "{x} ÷ ({x} + {m}) × 100", lambda v: v["x"] / (v["x"] + v["m"]) * 100,
              claim=_k(R, "extractive_industry_share_of_output", "1921/22"), unit="%", decimals=2,
              reading="Large-scale output is extractive plus manufacturing output."),
        Check("raw_extractive_share_1922_23", R,
              "the extractive industry's share 'decreased to {claim}%' in 1922/23",
              {"x": _k(R, "extractive_industry_gross_output", "1922/23"),
               "m": _k(R, "manufacturing_industry_gross_output", "1922/23")},
              "{x} ÷ ({x} + {m}) × 100", lambda v: v["x"] / (v["x"] + v["m"]) * 100,
              claim=_k(R, "extractive_industry_share_of_output", "1922/23"), unit="%", decimals=3,
              reading="Large-scale output is extractive plus manufacturing output.",
              why=_why_extractive_1922_23, hint="a hair below what rounds up; probably rounded twice"),
        Check("raw_gold_allocation_parts", R,
              "of the gold allocated to industry, {f}% went to fuel and about {m}% to metal",
              {"f": _k(R, "gold_allocation_fuel_share", "end of 1921 to May 1922"),
               "m": _k(R, "gold_allocation_metal_share", "end of 1921 to May 1922")},
              "{f} + {m}", lambda v: v["f"] + v["m"], allowed=("fixed", 0.0, 100.0, "no more than the whole"),
              reading="Parts of one allocation cannot exceed it; the rest went elsewhere.", unit="%"),
        Check("raw_mineral_lags_agricultural", R,
              "mineral raw materials 'lagged far behind' agricultural raw materials against pre-war",
              {"oil": _k(R, "oil_extraction_vs_1913", "1925"), "ore": _k(R, "iron_ore_extraction_vs_1913", "1925"),
               **crop_inputs},
              "lowest crop % of pre-war − highest mineral % of 1913",
              lambda v: min(v[name] for name in crop_inputs) - max(v["oil"], v["ore"]),
              allowed=("fixed", 0.0, INF, "more than zero points"), unit="points",
              reading="Every mineral figure (1925) is below every crop figure (1925/26)."),
        # --- Heavy and light industry ------------------------------------------
        Check("heavy_pig_iron_share_of_1913", HL,
              "1925 pig iron was {claim}% of pre-war",
              {"a": _k(HL, "pig_iron_output", "1925"), "b": _k(HL, "pig_iron_output", "1913")},
              "{a} ÷ {b} × 100", lambda v: v["a"] / v["b"] * 100,
              claim=_k(HL, "pig_iron_output_ratio", "1925"), unit="%"),
        Check("heavy_pig_iron_doubled", HL,
              "pig iron production 'was doubled' in 1925 from 1924",
              {"a": _k(HL, "pig_iron_output", "1925"), "b": _k(HL, "pig_iron_output_thousand_tonnes", "1924")},
              "{a} ÷ ({b} × 1000)", lambda v: v["a"] / (v["b"] * 1000),
              claim=_k(HL, "pig_iron_output_multiple", "1924-1925"), unit="times", decimals=2),
        Check("heavy_means_share_1921", HL,
              "means of production were {claim}% of large-scale output in 1921",
              {"h": MEANS["1921"], "l": CONSUMER["1921"]},
              "{h} ÷ ({h} + {l}) × 100", lambda v: v["h"] / (v["h"] + v["l"]) * 100,
              claim=SHARE["1921"], unit="%", decimals=2,
              reading="Heavy industry is the production of means of production; light and food "
                      "industries the production of consumer goods."),
        Check("heavy_means_share_1925", HL,
              "means of production were {claim}% of large-scale output in 1925",
              {"h": MEANS["1925"], "l": CONSUMER["1925"]},
              "{h} ÷ ({h} + {l}) × 100", lambda v: v["h"] / (v["h"] + v["l"]) * 100,
              claim=SHARE["1925"], unit="%", decimals=2,
              reading="Heavy industry is the production of means of production; light and food "
                      "industries the production of consumer goods."),
        Check("heavy_parts_sum_1921", HL,
              "heavy and light industry make up the {claim} million rubles of 1921",
              {"h": MEANS["1921"], "l": CONSUMER["1921"]},
              "{h} + {l}", lambda v: v["h"] + v["l"], claim=TOTAL["1921"], unit="million rubles", decimals=0),
        Check("heavy_parts_sum_1925", HL,
              "heavy and light industry make up the {claim} million rubles of 1925",
              {"h": MEANS["1925"], "l": CONSUMER["1925"]},
              "{h} + {l}", lambda v: v["h"] + v["l"], claim=TOTAL["1925"], unit="million rubles", decimals=0),
        Check("heavy_growth_1921_1925", HL,
              "heavy industry output grew by {claim}% from 1921 to 1925",
              {"a": MEANS["1921"], "b": MEANS["1925"]},
              "({b} ÷ {a} − 1) × 100", lambda v: _pct(v["b"], v["a"]),
              claim=_k(HL, "heavy_industry_output_growth", "1921-1925"), unit="%", decimals=2),
        Check("light_growth_1921_1925", HL,
              "light and food industry output grew by {claim}% from 1921 to 1925",
              {"a": CONSUMER["1921"], "b": CONSUMER["1925"]},
              "({b} ÷ {a} − 1) × 100", lambda v: _pct(v["b"], v["a"]),
              claim=_k(HL, "light_and_food_industry_output_growth", "1921-1925"), unit="%", decimals=2),
        Check("heavy_lagged_light", HL,
              "the recovery of heavy industry 'somewhat lagged behind' light industry",
              {"h21": MEANS["1921"], "h25": MEANS["1925"], "l21": CONSUMER["1921"], "l25": CONSUMER["1925"]},
              "({l25} ÷ {l21} − 1) × 100 − ({h25} ÷ {h21} − 1) × 100",
              lambda v: _pct(v["l25"], v["l21"]) - _pct(v["h25"], v["h21"]),
              allowed=("fixed", 0.0, INF, "more than zero points"), unit="points",
              reading="Compared by growth from 1921 to 1925, as the text does."),
        Check("heavy_means_share_direction", HL,
              "the means-of-production share rose in 1923, fell in 1924 and 1925, and ended below 1921",
              {"s21": SHARE["1921"], "s23": SHARE["1923"], "s24": SHARE["1924"], "s25": SHARE["1925"]},
              "smallest of ({s23} − {s21}, {s23} − {s24}, {s24} − {s25}, {s21} − {s25})",
              lambda v: min(v["s23"] - v["s21"], v["s23"] - v["s24"], v["s24"] - v["s25"], v["s21"] - v["s25"]),
              allowed=("fixed", 0.0, INF, "more than zero points"), unit="points", decimals=2),
        Check("heavy_oil_methods_parts", HL,
              "in 1925/26 oil was extracted {b}% by bailing, {p}% by pumps and {c}% by compressors",
              {"b": _k(HL, "oil_extraction_share_bailing", "1925/26"),
               "p": _k(HL, "oil_extraction_share_pumps", "1925/26"),
               "c": _k(HL, "oil_extraction_share_compressors", "1925/26")},
              "{b} + {p} + {c}", lambda v: v["b"] + v["p"] + v["c"],
              allowed=("fixed", 0.0, 100.0, "no more than the whole"), unit="%", why=_why_oil_methods,
              reading="Shares of one year's extraction; methods the text does not name take the rest."),
        # --- Output ---------------------------------------------------------------
        Check("output_almost_fourfold", OUT,
              "large-scale output grew 'almost four times' from 1921 to 1925",
              {"a": TOTAL["1921"], "b": TOTAL["1925"]},
              "{b} ÷ {a}", lambda v: v["b"] / v["a"],
              claim=_k(OUT, "gross_output_comparable_range_multiple", "1921-1925"), unit="times", decimals=2),
        Check("output_five_and_a_half", OUT,
              "during the five years of the recovery period industrial production increased {claim} times",
              total_inputs, "{t13} × (1 + {e26} ÷ 100) ÷ {t21}",
              lambda v: _level_1926(v) / v["t21"],
              claim=_k(OUT, "industrial_production_multiple", "1921-1925"), unit="times", decimals=2,
              reading="Comparable range, 1921 to 1926 (five annual increases); the 1926 level is the "
                      "1913 level raised by its stated excess over pre-war.",
              why=_why_five_and_a_half),
        Check("output_five_and_a_half_diagram", OUT,
              "during the five years of the recovery period industrial production increased {claim} times",
              {"f20": FULL["1920"], "f25": FULL["1925"]}, "{f25} ÷ {f20}",
              lambda v: v["f25"] / v["f20"],
              claim=_k(OUT, "industrial_production_multiple", "1921-1925"), unit="times", decimals=2,
              reading="Full range of industries, 1920 to 1925, as Diagram No. 1 shows them.",
              kind="alternative", why=_why_five_and_a_half_full),
        Check("output_five_and_a_half_1921_1925", OUT,
              "during the five years of the recovery period industrial production increased {claim} times",
              {"t21": TOTAL["1921"], "t25": TOTAL["1925"]}, "{t25} ÷ {t21}",
              lambda v: v["t25"] / v["t21"],
              claim=_k(OUT, "industrial_production_multiple", "1921-1925"), unit="times", decimals=2,
              reading="Comparable range, 1921 to 1925 (the five calendar years 1921 to 1925).",
              kind="alternative", why=_why_five_and_a_half_four),
        Check("output_average_growth", OUT,
              "the average annual increase over the five years reached {claim}%",
              total_inputs, "(({t13} × (1 + {e26} ÷ 100) ÷ {t21}) ^ (1/5) − 1) × 100",
              lambda v: ((_level_1926(v) / v["t21"]) ** (1 / 5) - 1) * 100,
              claim=_k(OUT, "finished_products_average_annual_growth", "1921-1925"), unit="%", decimals=2,
              reading="Compound rate over the five annual increases 1922 to 1926, comparable range.",
              why=_why_average),
        Check("output_average_growth_1921_1925", OUT,
              "the average annual increase over the five years reached {claim}%",
              {"t21": TOTAL["1921"], "t25": TOTAL["1925"]}, "(({t25} ÷ {t21}) ^ (1/4) − 1) × 100",
              lambda v: ((v["t25"] / v["t21"]) ** (1 / 4) - 1) * 100,
              claim=_k(OUT, "finished_products_average_annual_growth", "1921-1925"), unit="%", decimals=2,
              reading="Compound rate over the four annual increases 1922 to 1925.",
              kind="alternative", why=_why_average_four),
        Check("output_average_growth_arithmetic", OUT,
              "the average annual increase over the five years reached {claim}%",
              pick, "({g1922} + {g1923} + {g1924} + {g1925}) ÷ 4",
              lambda v: (v["g1922"] + v["g1923"] + v["g1924"] + v["g1925"]) / 4,
              claim=_k(OUT, "finished_products_average_annual_growth", "1921-1925"), unit="%", decimals=3,
              reading="Plain (arithmetic) average of the four stated annual rates.",
              kind="alternative", why=_why_average_arithmetic),
        Check("output_growth_chain_1921_1925", OUT,
              "the annual growth rates lead from 1921 to the {claim} million rubles of 1925",
              {"t21": TOTAL["1921"], **growth_inputs},
              "{t21} × (1 + {g1922}/100) × (1 + {g1923}/100) × (1 + {g1924}/100) × (1 + {g1925}/100)",
              lambda v: v["t21"] * _growth_product(v, ("1922", "1923", "1924", "1925")),
              claim=TOTAL["1925"], unit="million rubles", decimals=1,
              reading="The annual rates are those of the table's all-industry row (comparable range)."),
        Check("output_growth_ranking", OUT,
              "the highest annual rates were in 1923 and 1925, the lowest in 1922 and 1924",
              {**growth_inputs, **total_inputs, "t25": TOTAL["1925"]},
              "smallest gap between the ranked rates, the derived 1926 rate included",
              lambda v: min(min(v["g1923"], v["g1925"]) - (_level_1926(v) / v["t25"] - 1) * 100,
                            (_level_1926(v) / v["t25"] - 1) * 100 - max(v["g1922"], v["g1924"])),
              allowed=("fixed", 0.0, INF, "more than zero points"), unit="points",
              reading="The ranking holds with the derived 1926 rate (1926 level over 1925) among them."),
        Check("output_full_range_above_comparable", OUT,
              "Diagram No. 1's full range of industries is larger than the comparable range",
              {"f21": FULL["1921"], "f25": FULL["1925"], "t21": TOTAL["1921"], "t25": TOTAL["1925"]},
              "smallest of ({f21} × 1000 − {t21}, {f25} × 1000 − {t25})",
              lambda v: min(v["f21"] * 1000 - v["t21"], v["f25"] * 1000 - v["t25"]),
              allowed=("fixed", 0.0, INF, "more than zero"), unit="million rubles", decimals=0),
        Check("output_electricity_above_prewar", OUT,
              "power stations' output in 1925 was 'surpassing pre-war levels'",
              {"a": _k(OUT, "electricity_generation", "1925"), "b": _k(OUT, "electricity_generation", "1913")},
              "{a} ÷ {b}", lambda v: v["a"] / v["b"],
              allowed=("fixed", 1.0, INF, "more than 1 times"), unit="times", decimals=2),
        Check("output_france_six_years", OUT,
              "France took {claim} years, from 1919 to 1924, to restore its industry",
              {}, "1924 − 1919 + 1", lambda v: _years_counted(FRANCE_YEARS),
              claim=FRANCE_YEARS, unit="years", decimals=0, exact_claim=True,
              reading="Both end years counted."),
        # --- Labour ---------------------------------------------------------------
        Check("labour_workers_growth", LAB,
              "factory workers grew by {claim}% from 1921 to 1925",
              {"w21": _k(LAB, "factory_workers", "1921"), "w25": _k(LAB, "factory_workers", "1925"),
               "r13": _k(LAB, "factory_workers_vs_1913", "1925")},
              "({w25} ÷ {w21} − 1) × 100", lambda v: _pct(v["w25"], v["w21"]),
              claim=_k(LAB, "factory_workers_growth", "1921-1925"), unit="%", decimals=1, why=_why_workers,
              hint="probably a misprint in the 1921 level"),
        Check("labour_output_five_times_lower", LAB,
              "in 1921 large-scale output was 'about {claim} times lower' than before the war",
              {"a": TOTAL["1913"], "b": TOTAL["1921"]}, "{a} ÷ {b}", lambda v: v["a"] / v["b"],
              claim=_k(LAB, "large_scale_output_fall_multiple", "1921"), unit="times", decimals=2,
              reading="Comparable range, 1913 against 1921."),
        Check("labour_workers_two_times_fewer", LAB,
              "in 1921 there were 'only {claim} times' fewer workers than in 1913",
              {"w21": _k(LAB, "factory_workers", "1921"), "w25": _k(LAB, "factory_workers", "1925"),
               "r": _k(LAB, "factory_workers_vs_1913", "1925")},
              "({w25} ÷ ({r} ÷ 100)) ÷ {w21}", lambda v: v["w25"] / (v["r"] / 100) / v["w21"],
              claim=_k(LAB, "workers_fall_multiple", "1921"), unit="times", decimals=2,
              reading="The 1913 workforce is the 1925 count over its stated percentage of 1913."),
        Check("labour_output_per_worker_words", LAB,
              "output per worker in 1921 was {claim} times below 1913 ({o} times less output, {w} times fewer workers)",
              {"o": _k(LAB, "large_scale_output_fall_multiple", "1921"), "w": _k(LAB, "workers_fall_multiple", "1921")},
              "{o} ÷ {w}", lambda v: v["o"] / v["w"],
              claim=_k(LAB, "output_per_worker_fall_multiple", "1921"), unit="times", decimals=2,
              reading="From the two multiples the text states in words."),
        Check("labour_output_per_worker_levels", LAB,
              "output per worker in 1921 was {claim} times below 1913",
              {"t13": TOTAL["1913"], "t21": TOTAL["1921"], "w21": _k(LAB, "factory_workers", "1921"),
               "w25": _k(LAB, "factory_workers", "1925"), "r": _k(LAB, "factory_workers_vs_1913", "1925")},
              "({t13} ÷ {t21}) ÷ (({w25} ÷ ({r} ÷ 100)) ÷ {w21})",
              lambda v: (v["t13"] / v["t21"]) / (v["w25"] / (v["r"] / 100) / v["w21"]),
              claim=_k(LAB, "output_per_worker_fall_multiple", "1921"), unit="times", decimals=2,
              reading="From the levels: comparable-range output, and workers in 1913 implied by the 1925 count and its stated percentage of 1913."),
        Check("labour_man_day_more_than_doubled", LAB,
              "output per man-day 'more than doubled' from 1921 to 1925",
              {"a": _k(LAB, "output_per_man_day", "1921"), "b": _k(LAB, "output_per_man_day", "1925")},
              "{b} ÷ {a}", lambda v: v["b"] / v["a"],
              claim=_k(LAB, "output_per_worker_growth_multiple", "1921-1925"), unit="times", decimals=2),
        Check("labour_output_per_worker_more_than_doubled", LAB,
              "output per worker 'more than doubled' from 1921 to 1925",
              {"t21": TOTAL["1921"], "t25": TOTAL["1925"], "w21": _k(LAB, "factory_workers", "1921"),
               "w25": _k(LAB, "factory_workers", "1925")},
              "({t25} ÷ {w25}) ÷ ({t21} ÷ {w21})", lambda v: (v["t25"] / v["w25"]) / (v["t21"] / v["w21"]),
              claim=_k(LAB, "output_per_worker_growth_multiple", "1921-1925"), unit="times", decimals=2,
              reading="Annual output per factory worker, comparable-range output."),
        Check("labour_working_days_growth", LAB,
              "working days rose from 1921 to 1925 'by {claim}%'",
              {"a": _k(LAB, "working_days", "1921"), "b": _k(LAB, "working_days", "1925")},
              "({b} ÷ {a} − 1) × 100", lambda v: _pct(v["b"], v["a"]),
              claim=_k(LAB, "working_days_growth", "1921-1925"), unit="%", decimals=2),
        Check("labour_man_day_level_1926_27_prices", LAB,
              "output per man-day worked was {claim} rubles in 1921",
              {"t21": TOTAL["1921"], "w21": _k(LAB, "factory_workers", "1921"), "d21": _k(LAB, "working_days", "1921")},
              "{t21} ÷ ({w21} × {d21}) × 1000", lambda v: v["t21"] / (v["w21"] * v["d21"]) * 1000,
              claim=_k(LAB, "output_per_man_day", "1921"), unit="rubles", decimals=2, kind="alternative",
              reading="The man-day figure in the 1926/27 prices of the output series.",
              why=_why_man_day_prices),
        Check("labour_man_day_level_prewar_rubles", LAB,
              "output per man-day worked was {claim} rubles in 1921",
              {"x": _k(R, "extractive_industry_gross_output", "1921/22"),
               "m": _k(R, "manufacturing_industry_gross_output", "1921/22"),
               "w21": _k(LAB, "factory_workers", "1921"), "d21": _k(LAB, "working_days", "1921")},
              "({x} + {m}) ÷ ({w21} × {d21}) × 1000",
              lambda v: (v["x"] + v["m"]) / (v["w21"] * v["d21"]) * 1000,
              claim=_k(LAB, "output_per_man_day", "1921"), unit="rubles", decimals=2, kind="alternative",
              reading="The man-day figure in pre-war rubles, with the output of 1921/22.",
              why=_why_man_day_prewar),
        # --- Capital ----------------------------------------------------------------
        Check("capital_investment_total", C,
              "'about {claim} billion rubles' were invested in the three years 1923/24 to 1925/26",
              {"a": _k(C, "capital_investment", "1923/24"), "b": _k(C, "capital_investment", "1924/25"),
               "c": _k(C, "capital_investment", "1925/26")},
              "({a} + {b} + {c}) ÷ 1000", lambda v: (v["a"] + v["b"] + v["c"]) / 1000,
              claim=_k(C, "capital_investment_total", "1923/24-1925/26"), unit="billion rubles", decimals=4,
              reading="A plain sum, although 1923/24 leaves out housing and each year is in its own prices."),
        Check("capital_fixed_assets_turn", C,
              "fixed assets fell in the first year of NEP and grew from the next",
              {"a": _k(C, "fixed_assets", "1920"), "b": _k(C, "fixed_assets", "1921"), "c": _k(C, "fixed_assets", "1922")},
              "smallest of ({a} − {b}, {c} − {b})", lambda v: min(v["a"] - v["b"], v["c"] - v["b"]),
              allowed=("fixed", 0.0, INF, "more than zero"), unit="million rubles", decimals=0,
              reading="The first year of NEP is 1921, measured against 1920."),
        Check("capital_fixed_assets_restored", C,
              "fixed assets 'were restored relatively quickly'",
              {"a": _k(C, "fixed_assets", "1920"), "b": _k(C, "fixed_assets", "1925")},
              "{b} − {a}", lambda v: v["b"] - v["a"],
              allowed=("fixed", 0.0, INF, "more than zero"), unit="million rubles", decimals=0,
              reading="Restored to the 1920 level, the first the text gives (it has none for 1913)."),
        Check("capital_new_construction_grew", C,
              "the share of investment in new construction 'grew rapidly'",
              {"a": _k(C, "capital_investment_major_repairs_share", "1923/24"),
               "b": _k(C, "capital_investment_major_repairs_share", "1924/25"),
               "c": _k(C, "capital_investment_major_repairs_share", "1925/26")},
              "smallest of ({a} − {b}, {b} − {c})", lambda v: min(v["a"] - v["b"], v["b"] - v["c"]),
              allowed=("fixed", 0.0, INF, "more than zero points"), unit="points",
              reading="All investment not spent on major repairs went to new construction."),
        # --- Private capital ----------------------------------------------------
        Check("private_output_growth", P,
              "private capital increased its output 'by {claim}% in just two years'",
              {"a": _k(P, "private_capitalist_gross_output", "1923/24"),
               "b": _k(P, "private_capitalist_gross_output", "1925/26")},
              "({b} ÷ {a} − 1) × 100", lambda v: _pct(v["b"], v["a"]),
              claim=_k(P, "private_capitalist_output_growth", "1923/24-1925/26"), unit="%", decimals=2),
        Check("private_share_declining", P,
              "the private share of factory output 'was declining'",
              {"a": _k(P, "private_capitalist_share_of_factory_output", "1923/24"),
               "b": _k(P, "private_capitalist_share_of_factory_output", "1924/25"),
               "c": _k(P, "private_capitalist_share_of_factory_output", "1925/26")},
              "smallest of ({a} − {b}, {b} − {c})", lambda v: min(v["a"] - v["b"], v["b"] - v["c"]),
              allowed=("fixed", 0.0, INF, "more than zero points"), unit="points", decimals=2),
        Check("private_concession_share", P,
              "concessions gave {claim}% of large-scale output in 1925/26",
              concession, "{c} ÷ ({p26} ÷ ({ps26} ÷ 100)) × 100",
              lambda v: v["c"] / (v["p26"] / (v["ps26"] / 100)) * 100,
              claim=_k(P, "concession_share_of_large_scale_output", "1925/26"), unit="%", decimals=3,
              reading="The 1925/26 total is the factory output implied by the private sector's share.",
              why=_why_concession),
        Check("private_concession_share_1925", P,
              "concessions gave {claim}% of large-scale output in 1925/26",
              {"c": concession["c"], "t25": TOTAL["1925"]}, "{c} ÷ {t25} × 100",
              lambda v: v["c"] / v["t25"] * 100,
              claim=_k(P, "concession_share_of_large_scale_output", "1925/26"), unit="%", decimals=3,
              reading="The total is the calendar year 1925 (comparable range).", kind="alternative",
              why=_why_concession_calendar),
        Check("private_concession_share_1926", P,
              "concessions gave {claim}% of large-scale output in 1925/26",
              {"c": concession["c"], "t13": TOTAL["1913"], "e26": EXCESS_1926},
              "{c} ÷ ({t13} × (1 + {e26} ÷ 100)) × 100", lambda v: v["c"] / _level_1926(v) * 100,
              claim=_k(P, "concession_share_of_large_scale_output", "1925/26"), unit="%", decimals=3,
              reading="The total is the calendar year 1926 (1913 raised by the stated excess).", kind="alternative",
              why=_why_concession_calendar),
        Check("private_leased_workers", P,
              "{lo} to {hi} thousand workers worked in enterprises rented by private entrepreneurs",
              leasing, "{n} × {l}/100 × {p}/100 × {a} ÷ 1000",
              lambda v: v["n"] * v["l"] / 100 * v["p"] / 100 * v["a"] / 1000,
              allowed=leased_range, unit="thousand workers", decimals=1,
              reading="Enterprises leased to private individuals had the average number of workers.",
              why=_why_leased, hint="if privately leased enterprises had the average number of workers"),
        Check("private_leased_workers_with_owners", P,
              "{lo} to {hi} thousand workers worked in enterprises rented by private entrepreneurs",
              {**leasing, "o": _k(P, "tenants_former_owners_share", "1923"),
               "coop": _k(P, "leased_to_cooperatives_share", "1923")},
              "{n} × {l}/100 × ({p} + {o})/100 × {a} ÷ 1000",
              lambda v: v["n"] * v["l"] / 100 * (v["p"] + v["o"]) / 100 * v["a"] / 1000,
              allowed=leased_range, unit="thousand workers", decimals=1, kind="alternative",
              reading="Former owners are private entrepreneurs apart from the private individuals.",
              why=_why_leased_owners),
        Check("private_tenant_shares", P,
              "{p}% of tenants were private individuals, {o}% former owners, and {coop}% of enterprises went to cooperatives",
              {"p": leasing["p"], "o": _k(P, "tenants_former_owners_share", "1923"),
               "coop": _k(P, "leased_to_cooperatives_share", "1923")},
              "{p} + {coop}", lambda v: v["p"] + v["coop"],
              allowed=("fixed", 0.0, 100.0, "no more than the whole"), unit="%",
              reading="Former owners are among the private individuals (their share is smaller).",
              why=_why_tenants),
        Check("private_tenant_shares_disjoint", P,
              "{p}% of tenants were private individuals, {o}% former owners, and {coop}% of enterprises went to cooperatives",
              {"p": leasing["p"], "o": _k(P, "tenants_former_owners_share", "1923"),
               "coop": _k(P, "leased_to_cooperatives_share", "1923")},
              "{p} + {o} + {coop}", lambda v: v["p"] + v["o"] + v["coop"],
              allowed=("fixed", 0.0, 100.0, "no more than the whole"), unit="%", kind="alternative",
              reading="The three groups are separate parts of one whole.",
              why=_why_tenants),
    ]


def _allowed_range(check: Check, values: dict) -> tuple[tuple[float, float], str]:
    """The range the claim allows, and its description."""
    if check.claim is not None:
        if check.exact_claim:
            stated = value(check.claim)
            return (stated, stated), "a count of years, exact"
        lo, hi = interval(check.claim)
        return (lo, hi), _tolerance_words(check.claim)
    kind = check.allowed[0]
    if kind == "range":
        lo_key, hi_key = check.allowed[1], check.allowed[2]
        lo = interval(lo_key)[0]
        hi = interval(hi_key)[1]
        values["lo"], values["hi"] = value(lo_key), value(hi_key)
        return (lo, hi), f"the stated range, {nep.fmt(value(lo_key))} to {nep.fmt(value(hi_key))}, ±rounding"
    _, lo, hi, words = check.allowed
    return (lo, hi), words


def evaluate(check: Check) -> Result:
    """Recompute one check and give its verdict."""
    values = {name: value(key) for name, key in check.inputs.items()}
    ranges = {name: interval(key) for name, key in check.inputs.items() if name not in check.exact}
    stated = None
    if check.claim is not None:
        stated = value(check.claim)
        values["claim"] = stated
    allowed, _ = _allowed_range(check, values)
    values["claim_lo"], values["claim_hi"] = allowed
    recomputed = float(check.compute(values))
    lo, hi = _corners(check.compute, values, ranges)
    # Consistent when some value within the inputs' rounding meets some value the claim allows.
    gap = max(allowed[0] - hi, lo - allowed[1], 0.0)
    verdict = "consistent" if gap == 0 else "inconsistent"
    keys = list(check.inputs.values()) + ([check.claim] if check.claim else [])
    if check.allowed is not None and check.allowed[0] == "range":
        keys += [check.allowed[1], check.allowed[2]]
    difference = None if stated is None else recomputed - stated
    return Result(check, values, stated, allowed, recomputed, (lo, hi), verdict, float(gap),
                  difference, list(dict.fromkeys(keys)))


@lru_cache(maxsize=1)
def _results() -> tuple[Result, ...]:
    return tuple(evaluate(check) for check in checks())


def results() -> list[Result]:
    return list(_results())


def result(check_id: str) -> Result:
    for item in _results():
        if item.id == check_id:
            return item
    raise KeyError(check_id)


def _says(item: Result) -> str:
    return _fill(item.check.says, item.values)


def _stated_words(item: Result) -> str:
    if item.stated is not None:
        return nep.fmt(item.stated)
    if item.check.allowed[0] == "range":
        return f"{nep.fmt(item.values['lo'])}–{nep.fmt(item.values['hi'])}"
    return item.check.allowed[3]


def with_unit(number: float, check: Check) -> str:
    """A recomputed value as prose writes it: a percentage, a multiple (times), a level with its unit."""
    text = nep.fmt(number, check.decimals)
    if check.unit == "%":
        return text + "%"
    if check.unit in ("", "points"):
        return text + (" points" if check.unit == "points" else "")
    return f"{text} {check.unit}"


def _verdict_words(item: Result) -> str:
    if item.verdict == "consistent":
        return "consistent"
    unit = item.check.unit
    unit = "" if unit in ("%", "points") else f" {unit}"
    if item.difference is not None:
        size = nep.fmt(abs(item.difference), item.check.decimals)
    else:
        size = nep.fmt(item.gap, item.check.decimals)
    point = " points" if item.check.unit in ("%", "points") else ""
    return (f"inconsistent by {size}{point}{unit} "
            f"({nep.fmt(item.gap, max(item.check.decimals, 2) + 1)} beyond rounding)")


def _explanation(item: Result) -> str:
    if item.check.why is not None:
        return item.check.why(item.values)
    lo, hi = item.recomputed_range
    alo, ahi = item.stated_range
    def short(number):
        return nep.fmt(round(number, 4))

    allowed = (f"{short(alo)} to {short(ahi)}" if math.isfinite(ahi) else f"more than {short(alo)}")
    if alo == ahi:
        allowed = f"exactly {short(alo)}"
    return (f"Recomputed {nep.fmt(item.recomputed, item.check.decimals)}; with its inputs anywhere "
            f"within their rounding it lies between {short(lo)} and {short(hi)}, and the "
            f"text's figure allows {allowed}.")


def table() -> pd.DataFrame:
    """All verdicts, one row per check, for the audit chapter and for download."""
    rows = []
    for item in _results():
        _, tolerance = _allowed_range(item.check, dict(item.values))
        rows.append({
            "id": item.id, "theme": item.check.theme, "kind": item.check.kind,
            "says": _says(item), "reading": item.check.reading,
            "formula": _fill(item.check.formula, item.values),
            "stated": _stated_words(item), "tolerance": tolerance,
            "recomputed": item.recomputed, "recomputed_low": item.recomputed_range[0],
            "recomputed_high": item.recomputed_range[1],
            "allowed_low": item.stated_range[0], "allowed_high": item.stated_range[1],
            "unit": item.check.unit, "verdict": item.verdict, "gap": item.gap,
            "verdict_words": _verdict_words(item), "explanation": _explanation(item),
            "keys": list(item.keys),
        })
    return pd.DataFrame(rows)


def _claim_keys(check: Check) -> list[str]:
    """The figure(s) the text states as the claim itself (both ends of a stated range)."""
    if check.claim:
        return [check.claim]
    if check.allowed and check.allowed[0] == "range":
        return list(check.allowed[1:3])
    return []


def notes_html(keys: list[str], claims_only: bool = False) -> str:
    """HTML notes on the inconsistent claims (main readings) that involve any of ``keys``.

    ``nep.show`` calls this for every chart with the keys of the rows it draws. The
    source page asks with ``claims_only``, so a verdict stands once, at the claim,
    rather than at each figure it was recomputed from.
    """
    wanted = set(keys)
    notes = []
    for item in _results():
        involved = set(_claim_keys(item.check)) if claims_only else set(item.keys)
        if item.check.kind != "main" or item.verdict != "inconsistent" or not wanted & involved:
            continue
        figures = _fill(item.check.formula, item.values)
        notes.append(
            f'<span class="nep-audit" role="note">'
            f"<strong>Check:</strong> the text says {escape(_says(item))}; its own figures give "
            f"{escape(with_unit(item.recomputed, item.check))} ({escape(figures)})"
            f"{' — ' + escape(item.check.hint) if item.check.hint else ''}. "
            f'<a href="checking.html#claim-{escape(item.id)}">Why</a></span>'
        )
    return "".join(notes)


# The claims the text makes that its other figures cannot check, and why.
UNCHECKABLE = [
    (_k(OUT, "electricity_output_multiple", "1921-1925"), "the text gives no 1921 figure for power stations"),
    ("raw_materials/ore_mining_growth_multiple/1925", "the text gives no iron ore figure for 1924"),
    ("food/state_grain_procurement_growth/1921/22-1925/26", "the text gives no procurement levels"),
    ("output/large_scale_excess_over_handicraft/1920", "the text gives no handicraft output"),
    ("output/large_scale_excess_over_handicraft/1924/25", "the text gives no handicraft output"),
    ("heavy_light/plows_output_multiple/1921-1925", "the text gives no output of farm machines"),
    ("heavy_light/seeders_output_multiple/1922-1925", "the text gives no output of farm machines"),
    ("heavy_light/reapers_and_mowers_output_multiple/1921-1925", "the text gives no output of farm machines"),
    ("heavy_light/threshing_machines_output_multiple/1921-1925", "the text gives no output of farm machines"),
    ("heavy_light/garbled_cotton_industry_growth/undated", "garbled: no period or base survives"),
    ("heavy_light/garbled_rubber_industry_growth/undated", "garbled: no period or base survives"),
    ("raw_materials/oil_extraction_vs_1913/1925", "the text gives no 1913 oil extraction (it implies one)"),
    ("raw_materials/iron_ore_extraction_vs_1913/1925", "the text gives no 1913 iron ore extraction (it implies one)"),
    ("labour/factory_workers_vs_1913/1925", "the text gives no 1913 count of workers (it implies one)"),
    ("raw_materials/extractive_industry_appropriations_share/1922/23",
     "the text gives no total of appropriations (it implies one)"),
    ("output/germany_years_to_restore_prewar_production/undated", "the text gives no years for Germany"),
]


def uncheckable() -> pd.DataFrame:
    return pd.DataFrame(UNCHECKABLE, columns=["key", "reason"])


# ---------------------------------------------------------------------------
# The lost table
# ---------------------------------------------------------------------------

YEARS = ["1913", "1921", "1922", "1923", "1924", "1925", "1926"]

ROWS = [
    ("output_all", "Gross output: all industry", "million rubles"),
    ("output_means", "Gross output: means of production", "million rubles"),
    ("output_consumer", "Gross output: consumer goods", "million rubles"),
    ("growth_all", "Growth rate: all industry", "% on previous year"),
    ("growth_means", "Growth rate: means of production", "% on previous year"),
    ("growth_consumer", "Growth rate: consumer goods", "% on previous year"),
    ("index_all", "Volume index: all industry", "1913 = 100"),
    ("index_means", "Volume index: means of production", "1913 = 100"),
    ("index_consumer", "Volume index: consumer goods", "1913 = 100"),
    ("share_means", "Share: means of production", "%"),
    ("share_consumer", "Share: consumer goods", "%"),
]
ROW_LABELS = {row: label for row, label, _ in ROWS}
ROW_UNITS = {row: unit for row, _, unit in ROWS}

# The figures the rebuilt table draws on, by short name.
TABLE_INPUTS = {
    "T1913": TOTAL["1913"], "T1921": TOTAL["1921"], "T1925": TOTAL["1925"],
    **{f"g{year}": key for year, key in GROWTH.items()},
    "e1926": EXCESS_1926,
    "M1921": MEANS["1921"], "M1925": MEANS["1925"],
    "C1921": CONSUMER["1921"], "C1925": CONSUMER["1925"],
    **{f"s{year}": key for year, key in SHARE.items()},
    "X1913": GARBLED_1913,
}
INPUT_LABELS = {
    "T1913": "all industry 1913", "T1921": "all industry 1921", "T1925": "all industry 1925",
    "g1922": "growth 1922 (%)", "g1923": "growth 1923 (%)", "g1924": "growth 1924 (%)",
    "g1925": "growth 1925 (%)", "e1926": "excess of 1926 over pre-war (%)",
    "M1921": "heavy industry 1921", "M1925": "heavy industry 1925",
    "C1921": "light and food industries 1921", "C1925": "light and food industries 1925",
    "s1921": "means-of-production share 1921 (%)", "s1923": "means-of-production share 1923 (%)",
    "s1924": "means-of-production share 1924 (%)", "s1925": "means-of-production share 1925 (%)",
    "X1913": "the garbled sentence's figure for 1913",
}

def assumption_text(assume: str) -> str:
    """The assumption behind the *assumed* cells, with the garbled figure read from the data."""
    figure = nep.fmt(value(GARBLED_1913))
    if assume == "consumer":
        return (f"A1: the garbled sentence's {figure} million rubles in 1913 is the output of consumer "
                "goods (light and food industries; comparable range, 1926/27 prices), so means of "
                "production in 1913 are the rest of the all-industry total.")
    if assume == "means":
        return (f"A1′: the garbled sentence's {figure} million rubles in 1913 is the output of means of "
                "production (comparable range, 1926/27 prices), so consumer goods in 1913 are the rest "
                "of the all-industry total.")
    raise ValueError(f"assume must be 'consumer' or 'means', not {assume!r}")


ROUTE_FORWARD = "chained forward from 1921 with the annual growth rates"
ROUTE_BACK = "stepped back from 1925 with the annual growth rates"


def chain_forward(v: dict, year: str) -> float:
    """All-industry output in ``year``: the 1921 level raised by each year's growth rate."""
    years = [y for y in ("1922", "1923", "1924", "1925") if int(y) <= int(year)]
    return v["T1921"] * _growth_product(v, years)


def step_back(v: dict, year: str) -> float:
    """All-industry output in ``year``: the 1925 level lowered by each later year's growth rate."""
    years = [y for y in ("1922", "1923", "1924", "1925") if int(y) > int(year)]
    return v["T1925"] / _growth_product(v, years)


def table_values() -> dict[str, float]:
    """The figures the rebuilt table uses, by their short names."""
    return {name: value(key) for name, key in TABLE_INPUTS.items()}


@dataclass(frozen=True)
class _Cell:
    row: str
    year: str
    status: str
    formula: str = ""                         # in input names and [cell] references
    fn: Callable[[dict], float] | None = None
    names: tuple[str, ...] = ()               # the figures it uses
    route: str = ""
    second_route: str = ""
    second_fn: Callable[[dict], float] | None = None
    second_names: tuple[str, ...] = ()
    note: str = ""


def _cells(assume: str) -> list[_Cell]:
    """Every cell of the lost table, in the order rows x years."""
    def g(year):
        return f"g{year}"

    forward_names = lambda year: ("T1921",) + tuple(g(y) for y in ("1922", "1923", "1924", "1925")  # noqa: E731
                                                    if int(y) <= int(year))
    back_names = lambda year: ("T1925",) + tuple(g(y) for y in ("1922", "1923", "1924", "1925")  # noqa: E731
                                                 if int(y) > int(year))

    def forward_formula(year):
        steps = " × ".join(f"(1 + {{g{y}}}/100)" for y in ("1922", "1923", "1924", "1925") if int(y) <= int(year))
        return "{T1921} × " + steps

    def back_formula(year):
        steps = " × ".join(f"(1 + {{g{y}}}/100)" for y in ("1922", "1923", "1924", "1925") if int(y) > int(year))
        return "{T1925} ÷ (" + steps + ")"

    if assume == "consumer":
        consumer_1913 = lambda v: v["X1913"]  # noqa: E731
        means_1913 = lambda v: v["T1913"] - v["X1913"]  # noqa: E731
        consumer_1913_formula, means_1913_formula = "{X1913}", "{T1913} − {X1913}"
    elif assume == "means":
        means_1913 = lambda v: v["X1913"]  # noqa: E731
        consumer_1913 = lambda v: v["T1913"] - v["X1913"]  # noqa: E731
        means_1913_formula, consumer_1913_formula = "{X1913}", "{T1913} − {X1913}"
    else:
        raise ValueError(f"assume must be 'consumer' or 'means', not {assume!r}")
    base_names = ("T1913", "X1913")

    no_1912 = "The text gives no figure for 1912."
    no_1920 = ("The text gives no 1920 output in the comparable range (Diagram No. 1's 1920 value "
               "is for the full range of industries).")
    no_1922_share = "The text gives no share of means of production for 1922."
    needs_1922 = "Needs the 1922 output of the group, which the text does not determine."
    no_1926_group = "The text gives no group figure or share for 1926."
    definition = "1913 = 100 by the row's definition."

    cells: list[_Cell] = []
    add = cells.append

    # Gross output, all industry
    add(_Cell("output_all", "1913", "stated", "{T1913}", lambda v: v["T1913"], ("T1913",)))
    add(_Cell("output_all", "1921", "stated", "{T1921}", lambda v: v["T1921"], ("T1921",),
              second_route=ROUTE_BACK, second_fn=lambda v: step_back(v, "1921"), second_names=back_names("1921")))
    for year in ("1922", "1923", "1924"):
        add(_Cell("output_all", year, "derived", forward_formula(year),
                  lambda v, y=year: chain_forward(v, y), forward_names(year), route=ROUTE_FORWARD,
                  second_route=ROUTE_BACK, second_fn=lambda v, y=year: step_back(v, y),
                  second_names=back_names(year)))
    add(_Cell("output_all", "1925", "stated", "{T1925}", lambda v: v["T1925"], ("T1925",),
              second_route=ROUTE_FORWARD, second_fn=lambda v: chain_forward(v, "1925"),
              second_names=forward_names("1925")))
    add(_Cell("output_all", "1926", "derived", "{T1913} × (1 + {e1926}/100)",
              lambda v: v["T1913"] * (1 + v["e1926"] / 100), ("T1913", "e1926"),
              note="Reads 'exceeded the level of pre-war industrial production by' its percentage against the "
                   "1913 level of the same (comparable) range."))

    # Gross output, the two groups
    for row, level, sign in (("output_means", "M", 1), ("output_consumer", "C", -1)):
        if row == "output_means":
            add(_Cell(row, "1913", "assumed", means_1913_formula, means_1913, base_names))
        else:
            add(_Cell(row, "1913", "assumed", consumer_1913_formula, consumer_1913, base_names))
        part = (lambda v, y: v[f"s{y}"] / 100) if sign == 1 else (lambda v, y: (100 - v[f"s{y}"]) / 100)
        part_formula = (lambda y: f"{{s{y}}}/100") if sign == 1 else (lambda y: f"(100 − {{s{y}}})/100")
        add(_Cell(row, "1921", "stated", f"{{{level}1921}}", lambda v, L=level: v[f"{L}1921"], (f"{level}1921",),
                  second_route="the stated share times the stated total",
                  second_fn=lambda v, p=part: p(v, "1921") * v["T1921"], second_names=("s1921", "T1921"),
                  note=("The text calls it heavy industry" if sign == 1 else
                        "The text calls it the light and food industries")
                  + "; its share of the 1921 total matches the stated means-of-production share."))
        add(_Cell(row, "1922", "not recoverable", note=no_1922_share))
        for year in ("1923", "1924"):
            add(_Cell(row, year, "derived", part_formula(year) + " × [output_all " + year + "]",
                      lambda v, y=year, p=part: p(v, y) * chain_forward(v, y),
                      (f"s{year}",) + forward_names(year), route=ROUTE_FORWARD,
                      second_route=ROUTE_BACK,
                      second_fn=lambda v, y=year, p=part: p(v, y) * step_back(v, y),
                      second_names=(f"s{year}",) + back_names(year)))
        add(_Cell(row, "1925", "stated", f"{{{level}1925}}", lambda v, L=level: v[f"{L}1925"], (f"{level}1925",),
                  second_route="the stated share times the stated total",
                  second_fn=lambda v, p=part: p(v, "1925") * v["T1925"], second_names=("s1925", "T1925")))
        add(_Cell(row, "1926", "not recoverable", note=no_1926_group))

    # Growth rates
    add(_Cell("growth_all", "1913", "not recoverable", note=no_1912))
    add(_Cell("growth_all", "1921", "not recoverable", note=no_1920))
    for year in ("1922", "1923", "1924", "1925"):
        add(_Cell("growth_all", year, "stated", f"{{g{year}}}", lambda v, y=year: v[f"g{y}"], (f"g{year}",)))
    add(_Cell("growth_all", "1926", "derived", "([output_all 1926] ÷ {T1925} − 1) × 100",
              lambda v: (v["T1913"] * (1 + v["e1926"] / 100) / v["T1925"] - 1) * 100,
              ("T1913", "e1926", "T1925"),
              second_route="with the 1925 level chained forward from 1921",
              second_fn=lambda v: (v["T1913"] * (1 + v["e1926"] / 100) / chain_forward(v, "1925") - 1) * 100,
              second_names=("T1913", "e1926") + forward_names("1925")))
    for row, level, sign in (("growth_means", "M", 1), ("growth_consumer", "C", -1)):
        part = (lambda v, y: v[f"s{y}"]) if sign == 1 else (lambda v, y: 100 - v[f"s{y}"])
        part_formula = (lambda y: f"{{s{y}}}") if sign == 1 else (lambda y: f"(100 − {{s{y}}})")
        group = "output_means" if sign == 1 else "output_consumer"
        add(_Cell(row, "1913", "not recoverable", note=no_1912))
        add(_Cell(row, "1921", "not recoverable", note=no_1920))
        add(_Cell(row, "1922", "not recoverable", note=needs_1922))
        add(_Cell(row, "1923", "not recoverable", note=needs_1922))
        add(_Cell(row, "1924", "derived",
                  f"({part_formula('1924')} ÷ {part_formula('1923')} × (1 + {{g1924}}/100) − 1) × 100",
                  lambda v, p=part: (p(v, "1924") / p(v, "1923") * (1 + v["g1924"] / 100) - 1) * 100,
                  ("s1923", "s1924", "g1924"),
                  note=f"{ROW_LABELS[group].split(': ')[1]} 1924 ÷ 1923 − 1: the total cancels, "
                       "so both routes agree."))
        add(_Cell(row, "1925", "derived", f"({{{level}1925}} ÷ [{group} 1924] − 1) × 100",
                  lambda v, p=part, L=level: (v[f"{L}1925"] / (p(v, "1924") / 100 * chain_forward(v, "1924")) - 1) * 100,
                  (f"{level}1925", "s1924") + forward_names("1924"), route=ROUTE_FORWARD,
                  second_route=ROUTE_BACK,
                  second_fn=lambda v, p=part, L=level: (v[f"{L}1925"] / (p(v, "1924") / 100 * step_back(v, "1924")) - 1) * 100,
                  second_names=(f"{level}1925", "s1924") + back_names("1924")))
        add(_Cell(row, "1926", "not recoverable", note=no_1926_group))

    # Volume index, 1913 = 100
    add(_Cell("index_all", "1913", "stated", "100", lambda v: 100.0, (), note=definition))
    add(_Cell("index_all", "1921", "derived", "{T1921} ÷ {T1913} × 100",
              lambda v: v["T1921"] / v["T1913"] * 100, ("T1921", "T1913")))
    for year in ("1922", "1923", "1924"):
        add(_Cell("index_all", year, "derived", f"[output_all {year}] ÷ {{T1913}} × 100",
                  lambda v, y=year: chain_forward(v, y) / v["T1913"] * 100,
                  forward_names(year) + ("T1913",), route=ROUTE_FORWARD, second_route=ROUTE_BACK,
                  second_fn=lambda v, y=year: step_back(v, y) / v["T1913"] * 100,
                  second_names=back_names(year) + ("T1913",)))
    add(_Cell("index_all", "1925", "derived", "{T1925} ÷ {T1913} × 100",
              lambda v: v["T1925"] / v["T1913"] * 100, ("T1925", "T1913"),
              second_route=ROUTE_FORWARD, second_fn=lambda v: chain_forward(v, "1925") / v["T1913"] * 100,
              second_names=forward_names("1925") + ("T1913",)))
    add(_Cell("index_all", "1926", "derived", "100 + {e1926}", lambda v: 100 + v["e1926"], ("e1926",)))
    for row, level, sign, base_fn, base_formula in (
            ("index_means", "M", 1, means_1913, means_1913_formula),
            ("index_consumer", "C", -1, consumer_1913, consumer_1913_formula)):
        part = (lambda v, y: v[f"s{y}"] / 100) if sign == 1 else (lambda v, y: (100 - v[f"s{y}"]) / 100)
        group = "output_means" if sign == 1 else "output_consumer"
        base = f"({base_formula})" if "−" in base_formula else base_formula
        add(_Cell(row, "1913", "stated", "100", lambda v: 100.0, (), note=definition))
        add(_Cell(row, "1921", "assumed", f"{{{level}1921}} ÷ {base} × 100",
                  lambda v, L=level, b=base_fn: v[f"{L}1921"] / b(v) * 100, (f"{level}1921",) + base_names))
        add(_Cell(row, "1922", "not recoverable", note=no_1922_share))
        for year in ("1923", "1924"):
            add(_Cell(row, year, "assumed", f"[{group} {year}] ÷ {base} × 100",
                      lambda v, y=year, p=part, b=base_fn: p(v, y) * chain_forward(v, y) / b(v) * 100,
                      (f"s{year}",) + forward_names(year) + base_names, route=ROUTE_FORWARD,
                      second_route=ROUTE_BACK,
                      second_fn=lambda v, y=year, p=part, b=base_fn: p(v, y) * step_back(v, y) / b(v) * 100,
                      second_names=(f"s{year}",) + back_names(year) + base_names))
        add(_Cell(row, "1925", "assumed", f"{{{level}1925}} ÷ {base} × 100",
                  lambda v, L=level, b=base_fn: v[f"{L}1925"] / b(v) * 100, (f"{level}1925",) + base_names))
        add(_Cell(row, "1926", "not recoverable", note=no_1926_group))

    # Shares
    def bracket(formula):
        return f"({formula})" if "−" in formula else formula

    add(_Cell("share_means", "1913", "assumed", f"{bracket(means_1913_formula)} ÷ {{T1913}} × 100",
              lambda v: means_1913(v) / v["T1913"] * 100, base_names))
    add(_Cell("share_consumer", "1913", "assumed", f"{bracket(consumer_1913_formula)} ÷ {{T1913}} × 100",
              lambda v: consumer_1913(v) / v["T1913"] * 100, base_names))
    for year in ("1921", "1922", "1923", "1924", "1925", "1926"):
        if year == "1922":
            cells += [_Cell("share_means", year, "not recoverable", note=no_1922_share),
                      _Cell("share_consumer", year, "not recoverable", note=no_1922_share)]
            continue
        if year == "1926":
            cells += [_Cell("share_means", year, "not recoverable", note=no_1926_group),
                      _Cell("share_consumer", year, "not recoverable", note=no_1926_group)]
            continue
        levels = year in ("1921", "1925")
        add(_Cell("share_means", year, "stated", f"{{s{year}}}", lambda v, y=year: v[f"s{y}"], (f"s{year}",),
                  **({"second_route": "from the stated levels",
                      "second_fn": lambda v, y=year: v[f"M{y}"] / v[f"T{y}"] * 100,
                      "second_names": (f"M{year}", f"T{year}")} if levels else {})))
        add(_Cell("share_consumer", year, "derived", f"100 − {{s{year}}}", lambda v, y=year: 100 - v[f"s{y}"],
                  (f"s{year}",),
                  **({"second_route": "from the stated levels",
                      "second_fn": lambda v, y=year: v[f"C{y}"] / v[f"T{y}"] * 100,
                      "second_names": (f"C{year}", f"T{year}")} if levels else {})))

    order = {row: i for i, (row, _, _) in enumerate(ROWS)}
    return sorted(cells, key=lambda c: (order[c.row], YEARS.index(c.year)))


def _render(formula: str, values: dict, cell_values: dict) -> str:
    """A formula with its figures (and referenced cells) written in."""
    def cell_ref(match):
        row, year = match.group(1), match.group(2)
        return nep.fmt(cell_values[(row, year)], 1)

    text = re.sub(r"\[(\w+) (\d{4})\]", cell_ref, formula)
    return _fill(text, values)


def _symbolic(formula: str) -> str:
    text = re.sub(r"\[(\w+) (\d{4})\]", lambda m: f"[{ROW_LABELS[m.group(1)].lower()} {m.group(2)}]", formula)
    return text.replace("{", "").replace("}", "")


def lost_table(assume: str = "consumer") -> pd.DataFrame:
    """The rebuilt table, one row per cell (tidy).

    Columns: row, label, unit, year, value, status (stated, derived, assumed, not
    recoverable), formula (in names), calculation (with the figures written in),
    inputs (each name with its figure and key), assumption, route, second_route,
    second_value, difference (second minus first), difference_low/high (the range
    of the difference with every input anywhere within its rounding),
    routes_agree, note.
    """
    v = table_values()
    ranges = {name: interval(key) for name, key in TABLE_INPUTS.items()}
    cells = _cells(assume)
    computed = {}
    records = []
    for cell in cells:
        entry = {"row": cell.row, "label": ROW_LABELS[cell.row], "unit": ROW_UNITS[cell.row],
                 "year": cell.year, "value": math.nan, "status": cell.status, "formula": "",
                 "calculation": "", "inputs": "", "assumption": "", "route": cell.route,
                 "second_route": cell.second_route, "second_value": math.nan, "difference": math.nan,
                 "difference_low": math.nan, "difference_high": math.nan, "routes_agree": pd.NA,
                 "note": cell.note}
        if cell.fn is not None:
            result_value = float(cell.fn(v))
            computed[(cell.row, cell.year)] = result_value
            entry["value"] = result_value
            entry["formula"] = _symbolic(cell.formula)
            entry["calculation"] = _render(cell.formula, v, computed)
            entry["inputs"] = "; ".join(
                f"{name} = {nep.fmt(v[name])} ({INPUT_LABELS[name]}; {TABLE_INPUTS[name]})"
                for name in dict.fromkeys(cell.names))
            if cell.status == "assumed":
                entry["assumption"] = assumption_text(assume)
            if cell.second_fn is not None:
                second = float(cell.second_fn(v))
                names = set(cell.names) | set(cell.second_names)
                lo, hi = _corners(lambda w: cell.second_fn(w) - cell.fn(w), v,
                                  {name: ranges[name] for name in names})
                entry.update(second_value=second, difference=second - result_value,
                             difference_low=lo, difference_high=hi, routes_agree=bool(lo <= 0 <= hi))
        records.append(entry)
    frame = pd.DataFrame.from_records(records)
    frame["routes_agree"] = frame["routes_agree"].astype("boolean")
    return frame


def lost_table_keys() -> list[str]:
    """The keys of every figure the rebuilt table uses."""
    return list(TABLE_INPUTS.values())


def two_routes() -> pd.DataFrame:
    """All-industry output by the two routes: chained forward from 1921, stepped back from 1925."""
    v = table_values()
    used = ("T1921", "T1925", "g1922", "g1923", "g1924", "g1925")
    ranges = {name: interval(TABLE_INPUTS[name]) for name in used}
    rows = []
    for year in ("1921", "1922", "1923", "1924", "1925"):
        forward = chain_forward(v, year)
        back = step_back(v, year)
        lo, hi = _corners(lambda w, y=year: chain_forward(w, y) - step_back(w, y), v, ranges)
        rows.append({"year": year, "forward": forward, "back": back, "difference": forward - back,
                     "relative_percent": (forward / back - 1) * 100,
                     "bound_low": lo, "bound_high": hi, "agree": bool(lo <= 0 <= hi)})
    return pd.DataFrame(rows)


def write_lost_table_csv(path) -> str:
    """Write the rebuilt table (every cell with its status) to ``path``; return the path."""
    frame = lost_table()
    frame = frame.round({"value": 4, "second_value": 4, "difference": 4,
                         "difference_low": 4, "difference_high": 4})
    frame.to_csv(path, index=False)
    return str(path)


# ---------------------------------------------------------------------------
# HTML for the two chapters
# ---------------------------------------------------------------------------

STATUS_STYLE = {
    "stated": "",
    "derived": "background:rgba(0,114,178,0.12)",
    "assumed": "background:rgba(230,159,0,0.22)",
    "not recoverable": "background:rgba(127,127,127,0.10);color:var(--pst-color-text-muted,#666)",
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
                    f'<td style="{STATUS_STYLE[cell["status"]]};text-align:right;white-space:nowrap;'
                    f'font-variant-numeric:tabular-nums" title="{escape(tip)}" id="cell-{row}-{year}">'
                    f'{_cell_text(row, cell["value"])}'
                    + (f'<sup aria-hidden="true"> {mark}</sup>' if mark else "")
                    + f'<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"> ({escape(cell["status"])})</span>'
                    + "</td>")
            body.append(f'<tr><th scope="row" style="text-align:left;font-weight:normal;padding-left:1rem">'
                        f'{escape(label)}</th>{"".join(cells)}</tr>')
    legend = ("S stated in the text · D derived (formula below) · A assumed (derived under "
              "assumption A1) · — not recoverable")
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
                    f"{escape(label)} <span style='font-size:0.9em;opacity:0.85'>({escape(unit)})</span></th></tr>")
        for cell in frame[frame.row == row].itertuples(index=False):
            if cell.status == "not recoverable":
                how = f"<span style='font-size:0.9em;opacity:0.85'>{escape(cell.note)}</span>"
            else:
                how = (f"{escape(cell.calculation)}<br><span style='font-size:0.9em;opacity:0.85'>{escape(cell.formula)}"
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


def audit_html(frame: pd.DataFrame, caption: str) -> Html:
    """The verdicts, grouped by theme; each claim's row carries ``id="claim-<id>"`` for links.

    Each claim takes two rows: what the text says, the stated figure, the
    recomputation and the verdict; then the explanation across the full width.
    """
    small = "<span style='font-size:0.9em;opacity:0.85'>"
    body = []
    for theme, group in frame.groupby("theme", sort=False):
        body.append(f'<tr><th colspan="4" scope="rowgroup" style="text-align:left;padding-top:0.9rem;'
                    f'font-size:1.05em">{escape(THEME_TITLES.get(theme, theme))}</th></tr>')
        for row in group.itertuples(index=False):
            failed = row.verdict != "consistent"
            style = "background:rgba(213,94,0,0.12)" if failed else ""
            mark = "✘ " if failed else "✔ "
            kind = " <em>(alternative reading)</em>" if row.kind != "main" else ""
            reading = f"<br>{small}Reading: {escape(row.reading)}</span>" if row.reading else ""
            has_figure = row.tolerance != row.stated
            unit = ("" if row.unit in ("", "points") or not has_figure
                    else "%" if row.unit == "%" else f" {escape(row.unit)}")
            tolerance = f"<br>{small}{escape(row.tolerance)}</span>" if has_figure else ""
            recomputed = with_unit(row.recomputed, _check_by_id(row.id))
            body.append(
                f'<tr id="claim-{escape(row.id)}" style="{style};border-top:1px solid rgba(127,127,127,0.4)">'
                f"<td>{escape(row.says)}{kind}{reading}</td>"
                f"<td><strong>{escape(row.stated)}{unit}</strong>{tolerance}</td>"
                f"<td>{escape(row.formula)}<br>= <strong>{escape(recomputed)}</strong></td>"
                f"<td><strong>{mark}{escape(row.verdict_words)}</strong></td></tr>"
                f'<tr style="{style}"><td colspan="4">{small}{escape(row.explanation)} '
                f"<code>{escape(row.id)}</code></span></td></tr>")
    keys = [key for keys in frame["keys"] for key in keys]
    return Html(
        f'<div style="overflow-x:auto"><table class="nep-table nep-audit-table" style="font-size:0.85rem" '
        f'data-figures="{_figures_attr(keys)}"><caption>{escape(caption)}</caption>'
        '<colgroup><col style="width:36%"><col style="width:18%"><col style="width:26%">'
        '<col style="width:20%"></colgroup><thead><tr>'
        '<th scope="col">The text says</th><th scope="col">Stated</th><th scope="col">Recomputed</th>'
        '<th scope="col">Verdict</th></tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>')


def _check_by_id(check_id: str) -> Check:
    return result(check_id).check


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
