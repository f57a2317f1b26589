"""The source's lost table, rebuilt from the figures the text states elsewhere.

The source's one table ("Production of large-scale industry in the USSR") lost every
number in transcription. :func:`lost_table` rebuilds each cell the text's own figures
determine, with its formula, its inputs and its status: *stated*, *derived*, *assumed*
(derived, but resting on assumption A1 about the garbled 1913 figure) or *not
recoverable*. No figure of the text is typed here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

import pandas as pd

import nep
from .audit import fill as _fill
from .claims import CONSUMER, EXCESS_1926, FULL, GARBLED_1913, GROWTH, MEANS, SHARE, TOTAL, _growth_product  # noqa: F401
from .stated import corners as _corners, interval, value

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



def a1_implications() -> dict[str, dict[str, float]]:
    """What each reading of the garbled 1913 figure implies for 1925, as % of 1913.

    Under A1 (the figure is consumer goods) means of production stand nearer their pre-war
    level than consumer goods, the opposite of the text's "backwardness of heavy industry";
    under A1′ (means of production) consumer goods are already above it.
    """
    found = {}
    for reading, assume in (("A1", "consumer"), ("A1′", "means")):
        frame = lost_table(assume).set_index(["row", "year"])
        found[reading] = {"means": float(frame.loc[("index_means", "1925"), "value"]),
                          "consumer": float(frame.loc[("index_consumer", "1925"), "value"]),
                          "all": float(frame.loc[("index_all", "1925"), "value"])}
    return found


def glue_a1_implications() -> None:
    """Glue what A1 and A1′ imply for 1925 (% of 1913), under the same names on every page:
    ``prose.a1_means``, ``prose.a1_consumer``, ``prose.a1p_means``, ``prose.a1p_consumer``."""
    for reading, name in (("A1", "a1"), ("A1′", "a1p")):
        implied = a1_implications()[reading]
        for group in ("means", "consumer"):
            nep.glue(f"{name}_{group}", implied[group], decimals=1, suffix="%")
