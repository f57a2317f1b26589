"""Numbers as the source writes them: ``11,324``, ``2 1 / 2``, ``164 .7%``, ``3, 62%``,
or in words ("doubled", "fourfold"), read so that provenance can be checked."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUMBER = re.compile(
    r"""
    (?P<fraction>(?<![\d/.,])\d{1,2}\ \d\ ?/\ ?\d(?![\d/]))      # 2 1 / 2, 5 1/2
  | (?P<fiscal>(?<!\d)\d{4}/\d{2}(?!\d))                         # 1921/22
  | (?P<yearspan>(?<!\d)\d{4}-\d{2}(?![\d.]))                    # 1925-26
  | (?P<spaced>(?<![\d.])\d+\ \.\d+)                             # 164 .7
  | (?P<comma>(?<![\d.,])\d{1,3},\ \d{2}(?=%))                   # 3, 62%
  | (?P<grouped>(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d]))  # 61,035,300 1,298.7
  | (?P<plain>(?<![\d.,])\d+(?:\.\d+)?(?![\d]))                  # 11324 27.2
    """,
    re.VERBOSE,
)

_UNIT_AFTER = re.compile(r"\s*(million|thousand|billion|tons|kWh|rubles|people|workers|poods)")


@dataclass(frozen=True)
class NumberToken:
    """A number found in the source: what it says, where, and whether it is a year."""

    text: str
    value: float
    start: int
    end: int
    is_year: bool


def numbers_in(text: str) -> list[NumberToken]:
    """Every number in ``text``, read in the source's own formats."""
    tokens = []
    for match in _NUMBER.finditer(text):
        kind, raw = match.lastgroup, match.group()
        is_year = kind in ("fiscal", "yearspan")
        if kind == "fraction":
            whole, frac = raw.split(" ", 1)
            numerator, denominator = (int(part) for part in frac.replace(" ", "").split("/"))
            value = int(whole) + numerator / denominator
        elif kind in ("fiscal", "yearspan"):
            value = float(raw[:4])
        elif kind == "spaced":
            value = float(raw.replace(" ", ""))
        elif kind == "comma":
            value = float(raw.replace(", ", "."))
        else:
            value = float(raw.replace(",", ""))
            # A bare 19xx is a calendar year unless a unit follows it (1945 million kWh).
            if (kind == "plain" and re.fullmatch(r"19[0-3]\d", raw)
                    and not _UNIT_AFTER.match(text, match.end())):
                is_year = True
        tokens.append(NumberToken(raw, value, match.start(), match.end(), is_year))
    return tokens


# Figures the text states in words. Each is read only where the word stands.
WORD_NUMBERS = {
    "a million": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "doubled": 2, "halved": 2, "fourfold": 4, "sixfold": 6,
}


def value_span(text: str, value: float) -> tuple[int, int] | None:
    """Where ``text`` states ``value``: the number as written, or its word; else ``None``."""
    for token in numbers_in(text):
        if not token.is_year and math.isclose(value, token.value, rel_tol=1e-9, abs_tol=1e-9):
            return token.start, token.end
    lowered = text.lower()
    for word, word_value in WORD_NUMBERS.items():
        match = re.search(rf"\b{re.escape(word)}\b", lowered)
        if match and math.isclose(value, word_value, rel_tol=1e-9, abs_tol=1e-9):
            return match.start(), match.end()
    return None


def states_value(text: str, value: float) -> bool:
    return value_span(text, value) is not None


# Kilograms in a pood, the Russian weight the text and older sources use: a unit conversion,
# not a figure of any source, kept in one place for every chapter and data/outside.csv.
POOD_KG = 16.38


def slug(text: str) -> str:
    """Lower-case words joined by ``-``: the stem of the book's ids and prose names."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
