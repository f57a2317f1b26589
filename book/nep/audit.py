"""The audit: every claim of :mod:`claims` recomputed and given one verdict.

A check (one claim under one reading) *holds* when the recomputed value, with its
inputs anywhere within their rounding, can meet the range the claim allows; otherwise
it *fails*, by the gap between the two ranges. A claim's verdict, made from its main
reading and its alternatives, is one of :data:`TIERS`:

* *consistent*: the main reading holds (and, if the text is ambiguous, so do the others);
* *loose wording*: the figures support the words only loosely (the check says how loosely);
* *depends on the reading*: the text is ambiguous and its readings disagree;
* *inconsistent*: arithmetic that cannot hold within rounding (*probably a misprint* when
  the check names the likely misprint, a *rounding slip* when the gap is within one unit
  of the stated figure's last digit, a *plain error* otherwise); a gap that rounding the
  figure twice explains (:data:`DOUBLE_ROUNDING`) is rounding, and so *consistent*;
* *cannot be checked*: the bases differ, or an input is missing.

Every page that discusses a claim shows this verdict (``glue_claims``), never its own.
The lost table is rebuilt in :mod:`rebuild`; both are drawn by :mod:`audit_html`.
"""

from __future__ import annotations

import math
import string
from decimal import ROUND_HALF_UP, Decimal
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

import nep
from .claims import INF, READING_NAMES, THEME_TITLES, Check, checks  # noqa: F401  (THEME_TITLES for the pages)
from .stated import (corners, figures, interval, precision, record, rows_for,  # noqa: F401
                    tolerance_words, value, word_interval)

TIERS = ["consistent", "loose wording", "depends on the reading", "inconsistent", "cannot be checked"]

# Each tier in one plain sentence for readers; a check's own ``plain`` says more where needed.
PLAIN = {
    "consistent": "The text's own figures agree with this.",
    "loose wording": "The figures point the same way, but the words claim more than the figures show.",
    "depends on the reading": "Whether this is right depends on how the sentence is read.",
    "inconsistent": "The text's own figures do not give this number.",
    "cannot be checked": "The text gives no figures that can fairly test this.",
}


@dataclass
class Result:
    check: Check
    values: dict
    stated: float | None
    stated_range: tuple[float, float]
    recomputed: float
    recomputed_range: tuple[float, float]
    verdict: str                    # this reading: "consistent" (holds) or "inconsistent" (fails)
    gap: float
    difference: float | None
    keys: list[str] = field(default_factory=list)
    tier: str = ""                  # the claim's verdict (main readings); "" for alternatives
    tier_words: str = ""            # the verdict in a sentence

    @property
    def id(self) -> str:
        return self.check.id

    @property
    def holds(self) -> bool:
        return self.gap == 0


def fill(template: str, values: dict, decimals: int | None = None) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return template.format(**{name: nep.fmt(values[name], decimals) if isinstance(values[name], float)
                              else values[name] for name in names})


def rows_for_checks(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The data rows of every figure the checks in ``verdicts`` (a slice of :func:`table`) use."""
    return rows_for(key for keys in verdicts["keys"] for key in keys)


def allowed_range(check: Check, values: dict) -> tuple[tuple[float, float], str]:
    """The range the claim allows, and its description."""
    if check.claim is not None:
        if check.exact_claim:
            stated = value(check.claim)
            return (stated, stated), "a count of years, exact"
        lo, hi = interval(check.claim)
        return (lo, hi), tolerance_words(check.claim)
    kind = check.allowed[0]
    if kind == "range":
        lo_key, hi_key = check.allowed[1], check.allowed[2]
        values["lo"], values["hi"] = value(lo_key), value(hi_key)
        return ((interval(lo_key)[0], interval(hi_key)[1]),
                f"the stated range, {nep.fmt(value(lo_key))} to {nep.fmt(value(hi_key))}, ±rounding")
    if kind == "ratio":
        top, bottom = check.allowed[1], check.allowed[2]
        values["a"], values["b"] = value(bottom), value(top)
        values["claim_mid"] = value(top) / value(bottom)
        lo = interval(top)[0] / interval(bottom)[1]
        hi = interval(top)[1] / interval(bottom)[0]
        return (lo, hi), (f"{nep.fmt(value(top))} ÷ {nep.fmt(value(bottom))}, each ±rounding, so "
                          f"{nep.fmt(lo, 3)} to {nep.fmt(hi, 3)}")
    _, lo, hi, words = check.allowed
    return (lo, hi), words


def _claim_half_unit(check: Check) -> float | None:
    """One unit of rounding of the stated figure (half a unit of its last digit), if written in digits."""
    if check.claim is None or check.exact_claim:
        return None
    return precision(check.claim)


def evaluate(check: Check) -> Result:
    """Recompute one check: does this reading hold?"""
    values = {name: value(key) for name, key in check.inputs.items()}
    ranges = {name: interval(key) for name, key in check.inputs.items() if name not in check.exact}
    stated = None
    if check.claim is not None:
        stated = value(check.claim)
        values["claim"] = stated
    allowed, _ = allowed_range(check, values)
    values["claim_lo"], values["claim_hi"] = allowed
    recomputed = float(check.compute(values))
    lo, hi = corners(check.compute, values, ranges)
    # Holds when some value within the inputs' rounding meets some value the claim allows.
    gap = max(allowed[0] - hi, lo - allowed[1], 0.0)
    keys = list(check.inputs.values()) + ([check.claim] if check.claim else [])
    if check.allowed is not None and check.allowed[0] in ("range", "ratio"):
        keys += [check.allowed[1], check.allowed[2]]
    difference = None if stated is None else recomputed - stated
    return Result(check, values, stated, allowed, recomputed, (lo, hi),
                  "consistent" if gap == 0 else "inconsistent", float(gap), difference,
                  list(dict.fromkeys(keys)))


def _size(number: float, check: Check) -> str:
    unit = check.unit
    if unit in ("%", "points"):
        return f"{nep.fmt(number, check.decimals + 1)} points"
    return f"{nep.fmt(number, max(check.decimals, 2))} {unit}".strip()


def _judge(main: Result, alternatives: list[Result]) -> tuple[str, str]:
    """The claim's tier and its verdict in a sentence, from its main reading and the others."""
    check = main.check
    if check.cannot_check:
        return "cannot be checked", f"Cannot be checked: {check.cannot_check}."
    if check.ambiguous and any(alt.holds != main.holds for alt in alternatives):
        holding = [r for r in [main, *alternatives] if r.holds]
        failing = [r for r in [main, *alternatives] if not r.holds]
        def readings(results):
            return ", and for ".join(READING_NAMES.get(r.id, r.check.reading.rstrip(".")) for r in results)
        return ("depends on the reading",
                f"Depends on the reading ({check.ambiguous}). Holds for {readings(holding)}; "
                f"fails for {readings(failing)}. {check.favoured}")
    if main.holds:
        return "consistent", "Consistent: the text's own figures give the stated value within rounding."
    if check.loose is not None:
        lo, hi = main.recomputed_range
        if lo <= check.loose[1] and hi >= check.loose[0]:
            strict = (f"{nep.fmt(main.stated_range[0])} to {with_unit(main.stated_range[1], check)}"
                      if check.claim else allowed_range(check, dict(main.values))[1])
            return ("loose wording",
                    f"Loose wording: the figures give {with_unit(main.recomputed, check)}, where the "
                    f"words strictly claim {strict}; {check.loose[2]}.")
    half = _claim_half_unit(check)
    if half is not None and main.gap <= half * DOUBLE_ROUNDING:
        return "consistent", _double_rounding_words(main, half)
    if check.misprint:
        return ("inconsistent",
                f"Inconsistent, probably a misprint: the figures give {with_unit(main.recomputed, check)}, "
                f"{_size(main.gap, check)} beyond what the stated figure's rounding allows; "
                f"{check.misprint}.")
    slip = half is not None and main.gap <= 2 * half
    kind = "a rounding slip" if slip else "a plain error"
    return ("inconsistent",
            f"Inconsistent, {kind}: the figures give {with_unit(main.recomputed, check)}, "
            f"{_size(main.gap, check)} beyond what the stated figure's rounding allows.")


# A figure rounded first to one more decimal and then to its own may stray from the
# exact value by a tenth of a half-unit more than one rounding allows (11.245 → 11.25 → 11.3):
# the gap beyond single rounding, as a share of the half-unit, that is still rounding.
DOUBLE_ROUNDING = 0.1


def _half_up(number: float, decimals: int) -> Decimal:
    return Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _double_rounding_words(main: Result, half: float) -> str:
    """The verdict of a figure that only two roundings reproduce, with the two steps."""
    decimals = max(0, round(-math.log10(2 * half)))
    # The recomputed value nearest the stated figure within its inputs' rounding.
    near = min(main.recomputed_range, key=lambda edge: abs(edge - main.stated))
    near = main.recomputed if main.recomputed_range[0] <= main.stated <= main.recomputed_range[1] else near
    once = _half_up(near, decimals + 1)
    twice = _half_up(float(once), decimals)
    return (f"Consistent, within double rounding: the figures give "
            f"{with_unit(main.recomputed, main.check)}; at the edge of their rounding, "
            f"{nep.fmt(near, decimals + 3)} rounds to {once} and then to {twice}, the stated figure. "
            f"A figure rounded twice can differ this much, so this is rounding, not an error.")


@lru_cache(maxsize=1)
def _results() -> tuple[Result, ...]:
    found = [evaluate(check) for check in checks()]
    by_claim: dict[str, list[Result]] = {}
    for item in found:
        by_claim.setdefault(item.check.claim_id, []).append(item)
    for item in found:
        if item.check.kind == "main":
            others = [r for r in by_claim[item.id] if r is not item]
            item.tier, item.tier_words = _judge(item, others)
    return tuple(found)


def results() -> list[Result]:
    return list(_results())


def result(check_id: str) -> Result:
    for item in _results():
        if item.id == check_id:
            return item
    raise KeyError(check_id)


def claim_of(check_id: str) -> Result:
    """The main reading of the claim ``check_id`` belongs to (itself, for a main reading)."""
    return result(result(check_id).check.claim_id)


def plain(item: Result) -> str:
    """A claim's verdict in one plain sentence (its main reading's tier, or its own words)."""
    main = claim_of(item.id)
    return main.check.plain or PLAIN[main.tier]


def says(item: Result) -> str:
    return fill(item.check.says, item.values)


def stated_words(item: Result) -> str:
    if item.stated is not None:
        return nep.fmt(item.stated)
    kind = item.check.allowed[0]
    if kind == "range":
        return f"{nep.fmt(item.values['lo'])}–{nep.fmt(item.values['hi'])}"
    if kind == "ratio":
        return f"{nep.fmt(item.values['b'])} ÷ {nep.fmt(item.values['a'])}"
    return item.check.allowed[3]


def with_unit(number: float, check: Check) -> str:
    """A recomputed value as prose writes it: a percentage, a multiple (times), a level with its unit."""
    text = nep.fmt(number, check.decimals)
    if check.unit == "%":
        return text + "%"
    if check.unit in ("", "points"):
        return text + (" points" if check.unit == "points" else "")
    return f"{text} {check.unit}"


def reading_words(item: Result) -> str:
    """This reading's result in a few words: holds, or fails by how much."""
    if item.holds:
        return "holds"
    unit = item.check.unit
    unit = "" if unit in ("%", "points") else f" {unit}"
    size = nep.fmt(abs(item.difference) if item.difference is not None else item.gap, item.check.decimals)
    point = " points" if item.check.unit in ("%", "points") else ""
    return (f"fails by {size}{point}{unit} "
            f"({nep.fmt(item.gap, max(item.check.decimals, 2) + 1)} beyond rounding)")


def explanation(item: Result) -> str:
    if item.check.why is not None:
        return item.check.why(item.values)
    lo, hi = item.recomputed_range
    alo, ahi = item.stated_range

    def short(number):
        return nep.fmt(round(number, 4))

    allowed = (f"{short(alo)} to {short(ahi)}" if math.isfinite(ahi)
               else f"more than {short(alo)}" if math.isfinite(alo) else f"less than {short(ahi)}")
    if alo == ahi:
        allowed = f"exactly {short(alo)}"
    return (f"Within the rounding of its inputs: {short(lo)} to {short(hi)}; the text's figure "
            f"allows {allowed}.")


def table() -> pd.DataFrame:
    """All checks, one row per reading, for the audit chapter and for download."""
    rows = []
    for item in _results():
        _, tolerance = allowed_range(item.check, dict(item.values))
        main = claim_of(item.id)
        rows.append({
            "id": item.id, "claim": main.id, "theme": item.check.theme, "kind": item.check.kind,
            "says": says(item), "reading": item.check.reading,
            "formula": fill(item.check.formula, item.values),
            "stated": stated_words(item), "tolerance": tolerance,
            "recomputed": item.recomputed, "recomputed_low": item.recomputed_range[0],
            "recomputed_high": item.recomputed_range[1],
            "allowed_low": item.stated_range[0], "allowed_high": item.stated_range[1],
            "unit": item.check.unit, "verdict": item.verdict, "gap": item.gap,
            "reading_words": reading_words(item), "tier": main.tier, "tier_words": main.tier_words,
            "plain": plain(main),
            "explanation": explanation(item), "keys": list(item.keys),
        })
    return pd.DataFrame(rows)


def claims_table() -> pd.DataFrame:
    """One row per claim (its main reading), with its tier: what the headline counts."""
    frame = table()
    return frame[frame.kind == "main"].reset_index(drop=True)


def tier_counts(frame: pd.DataFrame | None = None) -> dict[str, int]:
    """How many claims fall in each tier, every tier listed."""
    frame = claims_table() if frame is None else frame
    counts = frame.tier.value_counts()
    return {tier: int(counts.get(tier, 0)) for tier in TIERS}


def glue_claims(*claim_ids: str) -> dict[str, Result]:
    """Glue each claim's verdict, tier, reading and recomputed value, as the audit gives them.

    The names are the claim's own: ``prose.<claim id>_verdict`` (with its arithmetic),
    ``_plain`` (the verdict in one plain sentence), ``_tier``, ``_reading`` and ``_recomputed``
    (the recomputed value with its unit). Every page that discusses an audited claim shows
    these under the same names, so the book judges each claim once.
    """
    found = {}
    for claim_id in claim_ids:
        main = claim_of(claim_id)
        if main.id != claim_id:
            raise ValueError(f"{claim_id!r} is an alternative reading; glue its claim, {main.id!r}")
        nep.glue(f"{claim_id}_verdict", main.tier_words)
        nep.glue(f"{claim_id}_plain", plain(main))
        nep.glue(f"{claim_id}_tier", main.tier)
        nep.glue(f"{claim_id}_reading", main.check.reading.rstrip("."))
        nep.glue(f"{claim_id}_recomputed", with_unit(main.recomputed, main.check))
        found[claim_id] = main
    return found


def claim_keys(check: Check) -> list[str]:
    """The figure(s) the text states as the claim itself (both ends of a stated range or ratio)."""
    if check.claim:
        return [check.claim]
    if check.allowed and check.allowed[0] in ("range", "ratio"):
        return list(check.allowed[1:3])
    return []


def flagged(keys: list[str], claims_only: bool = False) -> list[Result]:
    """The claims (main readings) that do not simply hold, involving ``keys``.

    ``claims_only`` asks about the stated figures of the claims alone, so a verdict stands
    once at the claim rather than at each figure it was recomputed from.
    """
    wanted = set(keys)
    themes = {key.split("/", 1)[0] for key in wanted}
    found = []
    for item in _results():
        # The source page (claims_only) notes every claim that does not simply hold; a chart,
        # not an ambiguous one, whose verdict its chapter's prose gives.
        quiet = ("consistent",) if claims_only else ("consistent", "depends on the reading")
        if item.check.kind != "main" or item.tier in quiet:
            continue
        stated_here = wanted & set(claim_keys(item.check))
        # A chart of the claim's own theme that draws one of its inputs carries the note too;
        # a chart of another theme (output levels under a labour claim) does not.
        used_here = not claims_only and item.check.theme in themes and wanted & set(item.keys)
        if stated_here or used_here:
            found.append(item)
    return found
