"""Every figure comes from the source: quotes are verbatim, values are in their quotes,
and every number of the source is either recorded or excluded with a reason."""

from __future__ import annotations

import hashlib

import pytest

import nep
from conftest import ROOT

SOURCE_SHA256 = "74ca67f6fbc13078dd97feb62dfa86656c59776feeff36d4ff12bcb3884af40c"

FIGURES = nep.load_all()
EXCLUDED = nep.read_table("excluded_numbers")


def test_seed_is_byte_identical_to_the_original():
    digest = hashlib.sha256((ROOT / "seeds" / nep.SOURCE_NAME).read_bytes()).hexdigest()
    assert digest == SOURCE_SHA256


@pytest.mark.parametrize("row", list(FIGURES.itertuples(index=False)),
                         ids=[f"{r.theme}/{r.series}/{r.period}" for r in FIGURES.itertuples()])
def test_quote_occurs_once_in_source_and_states_the_value(row):
    source = nep.source_text()
    assert source.count(row.quote) == 1, f"quote not found exactly once: {row.quote!r}"
    assert nep.states_value(row.quote, row.value), f"{row.value} is not stated in {row.quote!r}"


@pytest.mark.parametrize(("text", "value"), [
    ("in 1921/22, 11324 thousand tons", 11324), ("8,090 million", 8090), ("2 1 / 2 times less", 2.5),
    ("yellow tobacco - 164 .7%", 164.7), ("in 1925/26 - 3, 62%", 3.62), ("61,035,300 red rubles", 61035300),
    ("at 1,298.7 million", 1298.7), ("increased 5 1/2 times .", 5.5), ("almost fourfold", 4),
    ("more than doubled", 2), ("about five times lower", 5), ("about a million unemployed", 1),
])
def test_numbers_are_read_in_the_text_own_formats(text, value):
    assert nep.states_value(text, value)


@pytest.mark.parametrize(("text", "value"), [
    ("in 1921/22, 11324 thousand tons", 1921), ("8,090 million", 90), ("2 1 / 2 times less", 2),
    ("in 1925/26 - 3, 62%", 62), ("164 .7%", 164),
])
def test_parts_of_a_number_are_not_read_as_a_figure(text, value):
    assert not nep.states_value(text, value)


def test_years_are_told_apart_from_amounts():
    tokens = {t.text: t.is_year for t in nep.numbers_in("in 1925 generated 2925 million kWh against 1945 million kWh in 1913")}
    assert tokens == {"1925": True, "2925": False, "1945": False, "1913": True}


def _quote_spans() -> list[tuple[int, int, float]]:
    source = nep.source_text()
    spans = []
    for row in FIGURES.itertuples(index=False):
        start = source.find(row.quote)
        spans.append((start, start + len(row.quote), row.value))
    return spans


def test_every_number_of_the_source_is_recorded_or_excluded():
    """A number added to the source, or a row dropped from data/, cannot go unnoticed."""
    source = nep.source_text()
    spans = _quote_spans()
    excluded = []
    for row in EXCLUDED.itertuples(index=False):
        start = source.find(row.context)
        excluded += [(start + t.start, start + t.end) for t in nep.numbers_in(row.context) if t.text == row.token]
    unaccounted = []
    for token in nep.numbers_in(source):
        if token.is_year:
            continue
        recorded = any(a <= token.start and token.end <= b and abs(v - token.value) < 1e-9 for a, b, v in spans)
        if not recorded and (token.start, token.end) not in excluded:
            unaccounted.append(f"{token.text!r} in …{source[max(0, token.start - 40):token.end + 20]}…")
    assert unaccounted == []


@pytest.mark.parametrize("row", list(EXCLUDED.itertuples(index=False)), ids=list(EXCLUDED["token"] + " " + EXCLUDED["reason"]))
def test_each_exclusion_points_at_one_number_in_the_source(row):
    source = nep.source_text()
    assert source.count(row.context) == 1
    assert [t.text for t in nep.numbers_in(row.context)].count(row.token) == 1


def test_no_exclusion_hides_a_recorded_figure():
    source = nep.source_text()
    spans = _quote_spans()
    for row in EXCLUDED.itertuples(index=False):
        start = source.find(row.context)
        token = next(t for t in nep.numbers_in(row.context) if t.text == row.token)
        position = (start + token.start, start + token.end)
        assert not any(a <= position[0] and position[1] <= b and abs(v - token.value) < 1e-9
                       for a, b, v in spans), f"{row.token!r} is both recorded and excluded"
