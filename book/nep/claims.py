"""The claims of the text that its own figures can check: a declarative list.

Each :class:`Check` is one claim under one reading: the figures it uses (by key
``theme/series/period``), the formula that recomputes it, what the text states (a
figure, or a range its words allow), and the words that explain the result. How a
check is evaluated and given its verdict is :mod:`audit`; how verdicts are drawn is
:mod:`audit_html`. No figure of the text is typed here: every number is read from
the data (:mod:`stated`); what is written is the structure of each claim.

A claim may be checked under several readings (which years, which range of
industries, which price basis). The *main* reading is the one the text's own words
favour; the others are *alternative* readings of the same claim. The fields that
decide a claim's tier (:data:`audit.TIERS`) are declared here, with their reasons:

* ``loose``: for words with no exact value ("doubled", "far", "rapidly"), the wider
  range within which the words still hold loosely; outside the strict range but
  inside this one, the verdict is *loose wording*.
* ``ambiguous``: what the text leaves open. When its readings disagree, the verdict
  is *depends on the reading*, and ``favoured`` says which reading its words favour.
* ``cannot_check``: why the figures cannot decide the claim (the bases differ, or an
  input is missing); the recomputation is still shown.
* ``span``: the years the reading covers; the data must date the claim the same way.
* ``misprint``: when the figures fail and the likeliest explanation is a misprint, which
  figure and why; the verdict then says so.
* ``plain``: the verdict in one plain sentence for readers, where the tier's own sentence
  (:data:`audit.PLAIN`) would not say enough.

A recomputation that mixes series of different coverage, price basis or year convention
cannot convict the text: such a claim is declared ``cannot_check`` (or ``ambiguous``), and
its recomputation is still shown.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

import nep
from .stated import key as _k, value, years_counted

INF = math.inf

THEME_TITLES = {
    "food": "Food and agriculture", "fuel": "Fuel", "raw_materials": "Raw materials",
    "capital": "Capital", "labour": "Labour", "output": "Output",
    "heavy_light": "Heavy and light industry", "private": "Private capital",
}


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
    #   ("range", key_low, key_high): a stated range; ("ratio", key_top, key_bottom): the
    #   multiple two stated figures imply; ("fixed", low, high, words): a threshold in words
    reading: str = ""               # the assumption under which it is recomputed
    kind: str = "main"              # "main": the reading the text favours; "alternative": another
    unit: str = ""                  # unit of the compared values ("%", "times", ...)
    decimals: int = 1
    why: Callable[[dict], str] | None = None   # explanation, from the values
    exact: tuple[str, ...] = ()     # inputs that are exact by definition (no rounding)
    exact_claim: bool = False       # the claim is a count, exact as stated (no rounding)
    hint: str = ""                  # a short caveat for the note beside a chart
    loose: tuple[float, float, str] | None = None  # (low, high, words): where the words hold loosely
    ambiguous: str = ""             # what the text leaves open (main readings only)
    favoured: str = ""              # which reading the text's own words favour, and why
    cannot_check: str = ""          # why the figures cannot decide the claim
    span: str = ""                  # the period the reading covers, as the data dates the claim
    of: str = ""                    # an alternative's main reading (the claim it belongs to)
    misprint: str = ""              # the likeliest explanation is a misprint: which, and why
    plain: str = ""                 # the verdict in one plain sentence, where the tier's own is not enough

    @property
    def claim_id(self) -> str:
        """The claim this reading belongs to: the id of its main reading."""
        return self.of or self.id


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
AVERAGE_GROWTH = _k(OUT, "finished_products_average_annual_growth", "1921-1926")
FRANCE_YEARS = _k(OUT, "france_years_to_restore_prewar_production", "1919-1924")


def _period(figure_key: str) -> str:
    return figure_key.split("/", 2)[2]


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
            f"{nep.fmt(ratio, 2)} times is {nep.fmt(ratio - v['claim_hi'], 2)} beyond the quarter either "
            f"side of two that 'doubled' claims strictly: loose wording, not a wrong figure.")


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
            f"enterprises is undated. With bases this different the figures cannot decide the claim.")


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
            f"or as 1921 to 1925, the claim fails: see the alternative readings.")


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
    return (f"The private sector's {nep.fmt(v['p26'])} million rubles at {nep.fmt(v['ps26'])}% of factory "
            f"output imply a total of {nep.fmt(total, 0)} million for the fiscal year 1925/26; "
            f"{nep.fmt(v['c'])} million is {nep.fmt(v['c'] / total * 100, 3)}% of it, which rounds to the "
            f"stated figure (only just). The text's comparable-range total of the same year, read from its "
            f"1926 excess over pre-war, is larger (the other reading below).")


def _why_concession_year_before(v: dict) -> str:
    return ("The text's 1925 total is the economic year 1924/25 (data/year_conventions.csv): the year "
            "before the claim's, when output was lower, so the share comes out too high.")


def _why_concession_same_year(v: dict) -> str:
    total = _level_1926(v)
    return (f"Read as the economic year 1925/26 (data/year_conventions.csv), the text's comparable-range "
            f"total is {nep.fmt(total, 0)} million, and {nep.fmt(v['c'])} million is "
            f"{nep.fmt(v['c'] / total * 100, 2)}% of it, below the stated share. The factory output that "
            f"the private sector's share is taken of is probably another range of industries than the "
            f"comparable range; the text does not say which.")


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
            f"{nep.fmt(level, 2)} rubles per man-day, within rounding of the stated figure; it mixes "
            f"a fiscal year's output with a calendar year's workers. The same basis does not fit 1925 "
            f"(see the main reading).")


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


FAVOURED_1921_1926 = (
    "The text's words favour 1921 to 1926: the sentence comes just after the paragraph that ends "
    "with 1926 output above the pre-war level (Diagram No. 1 stands between them), and only this "
    "span also makes the stated average annual increase hold.")
FAVOURED_AVERAGE = (
    "The text's words favour the compound rate from 1921 to 1926: 'these five years' are the five "
    "years of the recovery period, the span under which the stated multiple holds too, and an "
    "average of four yearly rates is not an average over five years.")


# The USSR's recovery counted as the text counts France's: from the first year of the NEP
# to the year the text says output passed the pre-war level, both years counted.
USSR_RESTORE_PERIOD = f"{_period(TOTAL['1921'])}-{_period(EXCESS_1926)}"
USSR_YEARS_TO_RESTORE = years_counted(USSR_RESTORE_PERIOD)


def _why_years_to_restore(v: dict) -> str:
    france = years_counted(_period(FRANCE_YEARS))
    return (f"Counted as the text counts France's {nep.fmt(france, 0)} years (1919 to 1924, both years counted), the "
            f"USSR took {nep.fmt(USSR_YEARS_TO_RESTORE, 0)} years: 1921, the first year of the NEP, to "
            f"1926, when output 'exceeded the level of pre-war industrial production by "
            f"{nep.fmt(v['e26'])}%' (in 1925 it was still {nep.fmt(v['t25'] / v['t13'] * 100, 1)}% of "
            f"1913). {nep.fmt(USSR_YEARS_TO_RESTORE, 0)} years against France's {nep.fmt(france, 0)}: "
            f"as fast, not faster. Measured by the size of the rise the claim holds (see the "
            f"alternative reading).")


def _why_rise_against_france(v: dict) -> str:
    ussr = _level_1926(v) / v["t21"]
    return (f"The USSR's output rose {nep.fmt(ussr, 2)} times from 1921 to 1926; France's, from "
            f"{nep.fmt(v['f20'])}% of 1913 in 1920 back to 100%, {nep.fmt(100 / v['f20'], 2)} times. "
            f"The Soviet fall had been far deeper, so its rise was far larger in the same number of years.")


A1_READING = ("A1: the garbled 1913 figure is the output of consumer goods (light and food "
              "industries), so means of production in 1913 are the rest of the all-industry total.")
A1_PRIME_READING = ("A1′: the garbled 1913 figure is the output of means of production, so consumer "
                    "goods in 1913 are the rest of the all-industry total.")


def _why_backwardness_a1(v: dict) -> str:
    heavy = v["h25"] / (v["t13"] - v["x"]) * 100
    light = v["l25"] / v["x"] * 100
    return (f"Under A1 means of production reached {nep.fmt(heavy, 1)}% of their 1913 level in 1925 and "
            f"consumer goods {nep.fmt(light, 1)}%: heavy industry was nearer its pre-war level, the "
            f"opposite of the text's 'backwardness of heavy industry'. Under A1′ the claim holds. "
            f"Measured from 1921 instead, heavy industry did grow a little less than light industry.")


def _why_backwardness_a1_prime(v: dict) -> str:
    heavy = v["h25"] / v["x"] * 100
    light = v["l25"] / (v["t13"] - v["x"]) * 100
    return (f"Under A1′ means of production reached {nep.fmt(heavy, 1)}% of 1913 in 1925 and consumer "
            f"goods {nep.fmt(light, 1)}%, above their pre-war level while all industry stood at "
            f"{nep.fmt((v['h25'] + v['l25']) / v['t13'] * 100, 1)}%. The text reports no such "
            f"recovery of consumer goods.")


def _why_mineral(v: dict) -> str:
    crops = [v[name] for name in v if re.fullmatch(r"k\d", name)]
    return (f"Iron ore at {nep.fmt(v['ore'])}% of 1913 lagged far behind every crop; oil at "
            f"{nep.fmt(v['oil'])}% stood only {nep.fmt(min(crops) - v['oil'], 1)} points below the lowest "
            f"crop figure ({nep.fmt(min(crops))}%). The words hold for ore, only loosely for oil; the "
            f"years differ too (minerals 1925, crops 1925/26).")


def _why_new_construction(v: dict) -> str:
    return (f"New construction took {nep.fmt(100 - v['a'])}%, {nep.fmt(100 - v['b'])}% and "
            f"{nep.fmt(100 - v['c'])}% of investment in 1923/24, 1924/25 and 1925/26: a rise of "
            f"{nep.fmt(v['a'] - v['b'])} points, then of {nep.fmt(v['b'] - v['c'])}. The first rise "
            f"crosses a change of coverage (1923/24 leaves out housing, the later years include the "
            f"industrial housing fund), so only the second compares like with like, and it is "
            f"{nep.fmt(v['b'] - v['c'])} points: a rise, not a rapid one.")


def _man_day(v: dict, workers_1921: float) -> float:
    return (v["t25"] / (v["w25"] * v["d25"])) / (v["t21"] / (workers_1921 * v["d21"]))


def _why_man_day_growth(v: dict) -> str:
    misprint = v["w25"] / (1 + value(_k(LAB, "factory_workers_growth", "1921-1925")) / 100)
    return (f"Output over workers times working days gives {nep.fmt(v['t21'] / (v['w21'] * v['d21']) * 1000, 2)} "
            f"rubles per man-day in 1921 and {nep.fmt(v['t25'] / (v['w25'] * v['d25']) * 1000, 2)} in 1925 "
            f"(1926/27 prices): a rise of {nep.fmt(_man_day(v, v['w21']), 2)} times, against the "
            f"{nep.fmt(v['claim_mid'], 2)} times of the stated {nep.fmt(v['a'])} and {nep.fmt(v['b'])} rubles. "
            f"With the 1921 workforce the stated growth of workers implies ({nep.fmt(misprint, 0)} "
            f"thousand, the suspected misprint) the levels give {nep.fmt(_man_day(v, misprint), 2)} times, "
            f"much nearer: evidence for the misprint. Part of the rest may come from different price "
            f"weights, since the man-day figures are probably not in 1926/27 prices.")


def _why_man_day_growth_misprint(v: dict) -> str:
    base = v["w25"] / (1 + v["r"] / 100)
    return (f"With {nep.fmt(base, 0)} thousand workers in 1921 the levels give "
            f"{nep.fmt(_man_day(v, base), 2)} times, {nep.fmt(v['claim_lo'] - _man_day(v, base), 2)} "
            f"short of the range the stated figures allow: the misprint closes most of the gap, not all.")


def _why_per_worker_year(v: dict) -> str:
    m21, m25 = value(_k(LAB, "output_per_man_day", "1921")), value(_k(LAB, "output_per_man_day", "1925"))
    d21, d25 = value(_k(LAB, "working_days", "1921")), value(_k(LAB, "working_days", "1925"))
    return (f"From the levels, yearly output per worker rose {nep.fmt((v['t25'] / v['w25']) / (v['t21'] / v['w21']), 2)} "
            f"times. The stated man-day figures times the working days give "
            f"{nep.fmt((m25 * d25) / (m21 * d21), 2)} times instead: the same working days "
            f"({nep.fmt(d25 / d21, 2)} times more) on a man-day rise of {nep.fmt(m25 / m21, 2)} rather than "
            f"the levels' {nep.fmt((v['t25'] / v['w25']) / (v['t21'] / v['w21']) / (d25 / d21), 2)}. "
            f"Both readings pass 'more than doubled'.")


def _why_man_day_levels(v: dict) -> str:
    low_ratio = (v["x"] + v["m"]) / (v["t21"] * (1 + v["g22"] / 100))
    high_ratio = (v["x"] + v["m"]) / v["t21"]
    per_day = lambda ratio: v["t25"] * ratio / (v["w25"] * v["d25"]) * 1000  # noqa: E731
    return (f"In 1926/27 prices the 1921 figure fails ({nep.fmt(v['t21'] / (value(_k(LAB, 'factory_workers', '1921')) * value(_k(LAB, 'working_days', '1921'))) * 1000, 2)} "
            f"rubles, not {nep.fmt(v['m21'])}); in pre-war rubles it fits. But the text's "
            f"{nep.fmt(v['x'] + v['m'], 1)} million pre-war rubles of 1921/22 stand against "
            f"{nep.fmt(v['t21'], 0)} to {nep.fmt(v['t21'] * (1 + v['g22'] / 100), 0)} million in 1926/27 "
            f"prices (the text's 1921 and 1922, the economic years 1920/21 and 1921/22 by "
            f"data/year_conventions.csv: the second is the same year, the first a bound), so pre-war "
            f"prices are {nep.fmt(low_ratio, 2)} to {nep.fmt(high_ratio, 2)} of 1926/27 prices; at that "
            f"ratio 1925 output per man-day is {nep.fmt(per_day(low_ratio), 1)} to "
            f"{nep.fmt(per_day(high_ratio), 1)} rubles, not {nep.fmt(v['claim'])}. Neither price basis "
            f"fits both years, and the text names none.")


# ---------------------------------------------------------------------------
# The claims, theme by theme
# ---------------------------------------------------------------------------

# Theme names and the groups of figures several claims share.
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


FUEL = [  # Fuel
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
          why=_why_coal, loose=(3 / 2, 5 / 2, "the figure is still nearer two times than one or three"),
          hint="for coal alone, 1921/22 to 1925/26: a little more than doubled, loose wording"),
]


RAW_MATERIALS = [  # Raw materials
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
          why=_why_extractive_1922_23, hint="a hair below what rounds up; probably rounded twice",
          plain="The figures give this share once the text's rounding, done twice, is allowed for."),
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
          allowed=("fixed", 10.0, INF, "'far': at least 10 points of the pre-war level"), unit="points",
          loose=(0.0, 10.0, "every mineral figure is still below every crop figure"),
          reading="Every mineral figure (1925) is below every crop figure (1925/26); 'far' read as "
                  "at least 10 percentage points of the pre-war level between them.",
          why=_why_mineral),
]


HEAVY_LIGHT = [  # Heavy and light industry
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
          allowed=("fixed", 0.0, INF, "more than zero points ('somewhat': any lag)"), unit="points",
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
    Check("heavy_backwardness_against_1913", HL,
          "heavy industry was 'backward' in the recovery: further below its pre-war level than light industry",
          {"t13": TOTAL["1913"], "x": GARBLED_1913, "h25": MEANS["1925"], "l25": CONSUMER["1925"]},
          "{h25} ÷ ({t13} − {x}) × 100 − {l25} ÷ {x} × 100",
          lambda v: v["h25"] / (v["t13"] - v["x"]) * 100 - v["l25"] / v["x"] * 100,
          allowed=("fixed", -INF, 0.0, "heavy industry's 1925 index below light industry's"),
          unit="points", reading=A1_READING, why=_why_backwardness_a1,
          ambiguous="the garbled sentence does not say what its 1913 figure measures",
          favoured="The text's placing favours A1: the garbled sentence stands in the paragraph on "
                   "light industry. Under A1 the claim fails against 1913 (it holds against 1921: "
                   "see the lag in growth from 1921 to 1925)."),
    Check("heavy_backwardness_against_1913_a1_prime", HL,
          "heavy industry was 'backward' in the recovery: further below its pre-war level than light industry",
          {"t13": TOTAL["1913"], "x": GARBLED_1913, "h25": MEANS["1925"], "l25": CONSUMER["1925"]},
          "{h25} ÷ {x} × 100 − {l25} ÷ ({t13} − {x}) × 100",
          lambda v: v["h25"] / v["x"] * 100 - v["l25"] / (v["t13"] - v["x"]) * 100,
          allowed=("fixed", -INF, 0.0, "heavy industry's 1925 index below light industry's"),
          unit="points", reading=A1_PRIME_READING, kind="alternative",
          of="heavy_backwardness_against_1913", why=_why_backwardness_a1_prime),
]


OUTPUT = [  # Output
    Check("output_almost_fourfold", OUT,
          "large-scale output grew 'almost four times' from 1921 to 1925",
          {"a": TOTAL["1921"], "b": TOTAL["1925"]},
          "{b} ÷ {a}", lambda v: v["b"] / v["a"],
          claim=_k(OUT, "gross_output_comparable_range_multiple", "1921-1925"), unit="times", decimals=2),
    Check("output_five_and_a_half", OUT,
          "during the five years of the recovery period industrial production increased {claim} times",
          total_inputs, "{t13} × (1 + {e26} ÷ 100) ÷ {t21}",
          lambda v: _level_1926(v) / v["t21"],
          claim=_k(OUT, "industrial_production_multiple", "1921-1926"), unit="times", decimals=2,
          reading="Comparable range, 1921 to 1926 (five annual increases); the 1926 level is the "
                  "1913 level raised by its stated excess over pre-war.",
          why=_why_five_and_a_half, span="1921-1926",
          ambiguous="the text names neither the five years nor the range of industries",
          favoured=FAVOURED_1921_1926),
    Check("output_five_and_a_half_diagram", OUT,
          "during the five years of the recovery period industrial production increased {claim} times",
          {"f20": FULL["1920"], "f25": FULL["1925"]}, "{f25} ÷ {f20}",
          lambda v: v["f25"] / v["f20"],
          claim=_k(OUT, "industrial_production_multiple", "1921-1926"), unit="times", decimals=2,
          reading="Full range of industries, 1920 to 1925, as Diagram No. 1 shows them.",
          kind="alternative", why=_why_five_and_a_half_full, of="output_five_and_a_half"),
    Check("output_five_and_a_half_1921_1925", OUT,
          "during the five years of the recovery period industrial production increased {claim} times",
          {"t21": TOTAL["1921"], "t25": TOTAL["1925"]}, "{t25} ÷ {t21}",
          lambda v: v["t25"] / v["t21"],
          claim=_k(OUT, "industrial_production_multiple", "1921-1926"), unit="times", decimals=2,
          reading="Comparable range, 1921 to 1925 (the economic years 1920/21 to 1924/25).",
          kind="alternative", why=_why_five_and_a_half_four, of="output_five_and_a_half"),
    Check("output_average_growth", OUT,
          "the average annual increase over the five years reached {claim}%",
          total_inputs, "(({t13} × (1 + {e26} ÷ 100) ÷ {t21}) ^ (1/5) − 1) × 100",
          lambda v: ((_level_1926(v) / v["t21"]) ** (1 / 5) - 1) * 100,
          claim=_k(OUT, "finished_products_average_annual_growth", "1921-1926"), unit="%", decimals=2,
          reading="Compound rate over the five annual increases from 1921 to 1926, comparable range.",
          why=_why_average, span="1921-1926",
          ambiguous="the text does not say which five years, nor how the average is taken",
          favoured=FAVOURED_AVERAGE),
    Check("output_average_growth_1921_1925", OUT,
          "the average annual increase over the five years reached {claim}%",
          {"t21": TOTAL["1921"], "t25": TOTAL["1925"]}, "(({t25} ÷ {t21}) ^ (1/4) − 1) × 100",
          lambda v: ((v["t25"] / v["t21"]) ** (1 / 4) - 1) * 100,
          claim=_k(OUT, "finished_products_average_annual_growth", "1921-1926"), unit="%", decimals=2,
          reading="Compound rate over the four annual increases 1922 to 1925.",
          kind="alternative", why=_why_average_four, of="output_average_growth"),
    Check("output_average_growth_arithmetic", OUT,
          "the average annual increase over the five years reached {claim}%",
          pick, "({g1922} + {g1923} + {g1924} + {g1925}) ÷ 4",
          lambda v: (v["g1922"] + v["g1923"] + v["g1924"] + v["g1925"]) / 4,
          claim=_k(OUT, "finished_products_average_annual_growth", "1921-1926"), unit="%", decimals=3,
          reading="Plain (arithmetic) average of the four stated annual rates.",
          kind="alternative", why=_why_average_arithmetic, of="output_average_growth"),
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
          {}, "1924 − 1919 + 1", lambda v: years_counted(_period(FRANCE_YEARS)),
          claim=FRANCE_YEARS, unit="years", decimals=0, exact_claim=True,
          reading="Both end years counted."),
    Check("output_no_country_as_fast", OUT,
          "no capitalist country restored its industry with such speed: France took {fy} years",
          {"t13": TOTAL["1913"], "t25": TOTAL["1925"], "e26": EXCESS_1926, "fy": FRANCE_YEARS},
          "USSR years (1921 to 1926, both counted) − France's years (1919 to 1924, both counted)",
          lambda v: USSR_YEARS_TO_RESTORE - years_counted(_period(FRANCE_YEARS)),
          allowed=("fixed", -INF, -1.0, "fewer years than France"), unit="years", decimals=0,
          exact=("fy",),
          reading="Speed as the years taken, counted as the text counts France's: from the first "
                  "year of the NEP (1921) to the first year above the pre-war level (1926, the "
                  "year the text says output exceeded it; 1925 was still below).",
          ambiguous="the text does not say what 'such speed' measures",
          favoured="The text's words favour the count of years: it gives France's and "
                   "Germany's recoveries as numbers of years.",
          why=_why_years_to_restore),
    Check("output_no_country_as_fast_rise", OUT,
          "no capitalist country restored its industry with such speed: France took {fy} years",
          {"t13": TOTAL["1913"], "t21": TOTAL["1921"], "e26": EXCESS_1926,
           "f20": _k(OUT, "france_industrial_production_ratio", "1920"), "fy": FRANCE_YEARS},
          "({t13} × (1 + {e26} ÷ 100) ÷ {t21}) ÷ (100 ÷ {f20})",
          lambda v: (_level_1926(v) / v["t21"]) / (100 / v["f20"]),
          allowed=("fixed", 1.0, INF, "a larger rise than France's"), unit="times", decimals=2,
          exact=("fy",),
          kind="alternative", of="output_no_country_as_fast",
          reading="Speed as the rise from the low point to the pre-war level: the USSR from 1921 to "
                  "1926, France from its 1920 level (as a percentage of 1913) to the 1913 level.",
          why=_why_rise_against_france),
]


LABOUR = [  # Labour
    Check("labour_workers_growth", LAB,
          "factory workers grew by {claim}% from 1921 to 1925",
          {"w21": _k(LAB, "factory_workers", "1921"), "w25": _k(LAB, "factory_workers", "1925"),
           "r13": _k(LAB, "factory_workers_vs_1913", "1925")},
          "({w25} ÷ {w21} − 1) × 100", lambda v: _pct(v["w25"], v["w21"]),
          claim=_k(LAB, "factory_workers_growth", "1921-1925"), unit="%", decimals=1, why=_why_workers,
          hint="probably a misprint in the 1921 level",
          misprint="the likeliest explanation is a misprint of the 1921 level, since a level one digit "
                   "away from the printed one gives the stated growth and fits the text's 'two times' "
                   "fewer workers better",
          plain="The two counts of workers do not give the stated growth; most likely one digit of the "
                "1921 count was misprinted."),
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
          reading="Annual output per factory worker, comparable-range output.",
          why=_why_per_worker_year),
    Check("labour_working_days_growth", LAB,
          "working days rose from 1921 to 1925 'by {claim}%'",
          {"a": _k(LAB, "working_days", "1921"), "b": _k(LAB, "working_days", "1925")},
          "({b} ÷ {a} − 1) × 100", lambda v: _pct(v["b"], v["a"]),
          claim=_k(LAB, "working_days_growth", "1921-1925"), unit="%", decimals=2),
    Check("labour_man_day_levels", LAB,
          "output per man-day worked rose from {m21} rubles in 1921 to {claim} rubles in 1925",
          {"x": _k(R, "extractive_industry_gross_output", "1921/22"),
           "m": _k(R, "manufacturing_industry_gross_output", "1921/22"),
           "t21": TOTAL["1921"], "g22": GROWTH["1922"], "t25": TOTAL["1925"],
           "w25": _k(LAB, "factory_workers", "1925"), "d25": _k(LAB, "working_days", "1925"),
           "m21": _k(LAB, "output_per_man_day", "1921")},
          "{t25} × ({x} + {m}) ÷ {t21} ÷ ({w25} × {d25}) × 1000",
          lambda v: v["t25"] * (v["x"] + v["m"]) / v["t21"] / (v["w25"] * v["d25"]) * 1000,
          claim=_k(LAB, "output_per_man_day", "1925"), unit="rubles", decimals=2,
          reading="In pre-war rubles (the one price basis that fits 1921), the 1925 output converted "
                  "at the ratio of pre-war to 1926/27 prices the text's 1921/22 figures imply.",
          cannot_check="the text does not state the price basis of the man-day figures, and no "
                       "basis its figures allow fits both years",
          why=_why_man_day_levels),
    Check("labour_man_day_level_1926_27_prices", LAB,
          "output per man-day worked was {claim} rubles in 1921",
          {"t21": TOTAL["1921"], "w21": _k(LAB, "factory_workers", "1921"), "d21": _k(LAB, "working_days", "1921")},
          "{t21} ÷ ({w21} × {d21}) × 1000", lambda v: v["t21"] / (v["w21"] * v["d21"]) * 1000,
          claim=_k(LAB, "output_per_man_day", "1921"), unit="rubles", decimals=2, kind="alternative",
          reading="The man-day figure in the 1926/27 prices of the output series.",
          why=_why_man_day_prices, of="labour_man_day_levels"),
    Check("labour_man_day_level_prewar_rubles", LAB,
          "output per man-day worked was {claim} rubles in 1921",
          {"x": _k(R, "extractive_industry_gross_output", "1921/22"),
           "m": _k(R, "manufacturing_industry_gross_output", "1921/22"),
           "w21": _k(LAB, "factory_workers", "1921"), "d21": _k(LAB, "working_days", "1921")},
          "({x} + {m}) ÷ ({w21} × {d21}) × 1000",
          lambda v: (v["x"] + v["m"]) / (v["w21"] * v["d21"]) * 1000,
          claim=_k(LAB, "output_per_man_day", "1921"), unit="rubles", decimals=2, kind="alternative",
          reading="The man-day figure in pre-war rubles, with the output of 1921/22.",
          why=_why_man_day_prewar, of="labour_man_day_levels"),
    Check("labour_man_day_growth_levels", LAB,
          "output per man-day worked rose from {a} to {b} rubles from 1921 to 1925",
          {"t21": TOTAL["1921"], "t25": TOTAL["1925"], "w21": _k(LAB, "factory_workers", "1921"),
           "w25": _k(LAB, "factory_workers", "1925"), "d21": _k(LAB, "working_days", "1921"),
           "d25": _k(LAB, "working_days", "1925")},
          "({t25} ÷ ({w25} × {d25})) ÷ ({t21} ÷ ({w21} × {d21}))",
          lambda v: (v["t25"] / (v["w25"] * v["d25"])) / (v["t21"] / (v["w21"] * v["d21"])),
          allowed=("ratio", _k(LAB, "output_per_man_day", "1925"), _k(LAB, "output_per_man_day", "1921")),
          unit="times", decimals=2,
          reading="Output per man-day from the levels the text states: comparable-range output over "
                  "factory workers times working days, 1925 against 1921.",
          why=_why_man_day_growth, hint="from the stated output, workers and working days",
          cannot_check="the man-day figures are on a price basis and coverage the text does not state, "
                       "while the levels are comparable-range output in 1926/27 prices over factory "
                       "workers; the same price question leaves the man-day rubles themselves "
                       "uncheckable (see the rubles of output per man-day)",
          plain="The text's other figures are in different prices and cover a different range of "
                "industry, so they cannot test this rise."),
    Check("labour_man_day_growth_misprint", LAB,
          "output per man-day worked rose from {a} to {b} rubles from 1921 to 1925",
          {"t21": TOTAL["1921"], "t25": TOTAL["1925"], "w25": _k(LAB, "factory_workers", "1925"),
           "d21": _k(LAB, "working_days", "1921"), "d25": _k(LAB, "working_days", "1925"),
           "r": _k(LAB, "factory_workers_growth", "1921-1925")},
          "({t25} ÷ ({w25} × {d25})) ÷ ({t21} ÷ ({w25} ÷ (1 + {r}/100) × {d21}))",
          lambda v: (v["t25"] / (v["w25"] * v["d25"])) / (v["t21"] / (v["w25"] / (1 + v["r"] / 100) * v["d21"])),
          allowed=("ratio", _k(LAB, "output_per_man_day", "1925"), _k(LAB, "output_per_man_day", "1921")),
          unit="times", decimals=2, kind="alternative", of="labour_man_day_growth_levels",
          reading="As above, with the 1921 workers the stated growth of workers implies (the "
                  "suspected misprint of the 1921 level).",
          why=_why_man_day_growth_misprint),
]


CAPITAL = [  # Capital
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
          reading="Restored to the 1920 level, the first the text gives (it has none for 1913).",
          cannot_check="the text gives no pre-war (1913) level of fixed assets, and 'relatively "
                       "quickly' names no benchmark"),
    Check("capital_new_construction_grew", C,
          "the share of investment in new construction 'grew rapidly'",
          {"a": _k(C, "capital_investment_major_repairs_share", "1923/24"),
           "b": _k(C, "capital_investment_major_repairs_share", "1924/25"),
           "c": _k(C, "capital_investment_major_repairs_share", "1925/26")},
          "{b} − {c}", lambda v: v["b"] - v["c"],
          allowed=("fixed", 5.0, INF, "'rapidly': at least 5 points a year"), unit="points",
          loose=(0.0, 5.0, "the share still rose every year"),
          reading="All investment not spent on major repairs went to new construction; 'rapidly' "
                  "read as a rise of at least 5 percentage points a year, measured from 1924/25 to "
                  "1925/26, the two years of the same coverage (1923/24 leaves out housing).",
          why=_why_new_construction),
]


PRIVATE = [  # Private capital
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
          reading="The total is the text's 1925 output (comparable range), the economic year 1924/25.",
          kind="alternative", why=_why_concession_year_before, of="private_concession_share"),
    Check("private_concession_share_1926", P,
          "concessions gave {claim}% of large-scale output in 1925/26",
          {"c": concession["c"], "t13": TOTAL["1913"], "e26": EXCESS_1926},
          "{c} ÷ ({t13} × (1 + {e26} ÷ 100)) × 100", lambda v: v["c"] / _level_1926(v) * 100,
          claim=_k(P, "concession_share_of_large_scale_output", "1925/26"), unit="%", decimals=3,
          reading="The total is the text's 1926 output (1913 raised by the stated excess), the economic "
                  "year 1925/26.", kind="alternative", why=_why_concession_same_year, of="private_concession_share"),
    Check("private_leased_workers", P,
          "{lo} to {hi} thousand workers worked in enterprises rented by private entrepreneurs",
          leasing, "{n} × {l}/100 × {p}/100 × {a} ÷ 1000",
          lambda v: v["n"] * v["l"] / 100 * v["p"] / 100 * v["a"] / 1000,
          allowed=leased_range, unit="thousand workers", decimals=1,
          reading="Enterprises leased to private individuals had the average number of workers.",
          why=_why_leased, cannot_check="the leasing counts come from different bases (a share of "
          "tenants, an average for enterprises leased in 1923, an undated count of enterprises)"),
    Check("private_leased_workers_with_owners", P,
          "{lo} to {hi} thousand workers worked in enterprises rented by private entrepreneurs",
          {**leasing, "o": _k(P, "tenants_former_owners_share", "1923"),
           "coop": _k(P, "leased_to_cooperatives_share", "1923")},
          "{n} × {l}/100 × ({p} + {o})/100 × {a} ÷ 1000",
          lambda v: v["n"] * v["l"] / 100 * (v["p"] + v["o"]) / 100 * v["a"] / 1000,
          allowed=leased_range, unit="thousand workers", decimals=1, kind="alternative",
          reading="Former owners are private entrepreneurs apart from the private individuals.",
          why=_why_leased_owners, of="private_leased_workers"),
    Check("private_tenant_shares", P,
          "{p}% of tenants were private individuals, {o}% former owners, and {coop}% of enterprises went to cooperatives",
          {"p": leasing["p"], "o": _k(P, "tenants_former_owners_share", "1923"),
           "coop": _k(P, "leased_to_cooperatives_share", "1923")},
          "{p} + {coop}", lambda v: v["p"] + v["coop"],
          allowed=("fixed", 0.0, 100.0, "no more than the whole"), unit="%",
          reading="Former owners are among the private individuals (their share is smaller).",
          why=_why_tenants, ambiguous="whether the former owners are counted among the private individuals",
          favoured="The text's words favour former owners among the private individuals: it "
                   "gives their share after the private individuals' and a smaller one."),
    Check("private_tenant_shares_disjoint", P,
          "{p}% of tenants were private individuals, {o}% former owners, and {coop}% of enterprises went to cooperatives",
          {"p": leasing["p"], "o": _k(P, "tenants_former_owners_share", "1923"),
           "coop": _k(P, "leased_to_cooperatives_share", "1923")},
          "{p} + {o} + {coop}", lambda v: v["p"] + v["o"] + v["coop"],
          allowed=("fixed", 0.0, 100.0, "no more than the whole"), unit="%", kind="alternative",
          reading="The three groups are separate parts of one whole.",
          why=_why_tenants, of="private_tenant_shares"),
]


CHECKS: list[Check] = [*FUEL, *RAW_MATERIALS, *HEAVY_LIGHT, *OUTPUT, *LABOUR, *CAPITAL, *PRIVATE]


def checks() -> list[Check]:
    """Every recomputable claim of the text, with its reading, formula and tolerance."""
    return list(CHECKS)


# Short names of the readings of ambiguous claims, for the verdict sentences.
READING_NAMES = {
    "output_five_and_a_half": "comparable range, 1921 to 1926",
    "output_five_and_a_half_diagram": "full range of Diagram No. 1, 1920 to 1925",
    "output_five_and_a_half_1921_1925": "comparable range, 1921 to 1925",
    "output_average_growth": "compound rate, 1921 to 1926",
    "output_average_growth_1921_1925": "compound rate, 1921 to 1925",
    "output_average_growth_arithmetic": "plain average of the four stated yearly rates",
    "output_no_country_as_fast": "speed as years taken, the USSR counted as France is",
    "output_no_country_as_fast_rise": "speed as the size of the rise back to the pre-war level",
    "heavy_backwardness_against_1913": "A1, the garbled 1913 figure as consumer goods",
    "heavy_backwardness_against_1913_a1_prime": "A1′, the garbled 1913 figure as means of production",
    "private_tenant_shares": "former owners among the private individuals",
    "private_tenant_shares_disjoint": "the three groups as separate parts of one whole",
    "labour_man_day_levels": "1925 in pre-war rubles",
    "labour_man_day_level_1926_27_prices": "1921 in 1926/27 prices",
    "labour_man_day_level_prewar_rubles": "1921 in pre-war rubles",
    "labour_man_day_growth_levels": "1921 workers as printed",
    "labour_man_day_growth_misprint": "1921 workers as the misprint reading has them",
    "private_concession_share": "the fiscal year's own total",
    "private_concession_share_1925": "the total of 1924/25, the text's 1925",
    "private_concession_share_1926": "the comparable-range total of 1925/26, the text's 1926",
    "private_leased_workers": "private individuals only",
    "private_leased_workers_with_owners": "former owners counted as well",
}


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

