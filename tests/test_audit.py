"""The audit of the text's own arithmetic, and the rebuilt lost table.

Every expected verdict is written here, claim by claim, and every recomputed value
and table cell is recomputed here again from the recorded figures (``nep.figure``),
independently of the formulas in ``book/nep/audit.py``. A changed figure in ``data/``, a
changed formula or a changed tolerance makes a test fail.
"""

from __future__ import annotations

import io
import itertools
import math
import tokenize
from pathlib import Path

import pandas as pd
import re

import pytest

import nep
from nep import audit, audit_html, claims, pages, rebuild

THEMES = {name: nep.load(name) for name in nep.theme_names()}


def fig(theme: str, series: str, period: str) -> float:
    return nep.figure(THEMES[theme], series, period)


# Short names for the figures used most.
def T(year):  # comparable-range gross output, million rubles
    return fig("output", "gross_output_comparable_range", year)


def G(year):  # annual growth of all industry, %
    return fig("output", "industrial_output_growth", year)


def S(year):  # share of means of production, %
    return fig("heavy_light", "means_of_production_share", year)


def M(year):
    return fig("heavy_light", "heavy_industry_output", year)


def C(year):
    return fig("heavy_light", "light_and_food_industry_output", year)


E1926 = lambda: fig("output", "gross_output_excess_over_prewar", "1926")  # noqa: E731
X1913 = lambda: fig("heavy_light", "garbled_output_against_1913", "1913")  # noqa: E731
W = lambda year: fig("labour", "factory_workers", year)  # noqa: E731


def pct(new, old):
    return (new / old - 1) * 100


def level_1926():
    return T("1913") * (1 + E1926() / 100)


def leased():
    return (fig("private", "enterprises_intended_for_leasing", "end of 1923")
            * fig("private", "leased_share_of_intended", "end of 1923") / 100)


# ---------------------------------------------------------------------------
# The audit: each claim's expected verdict and its value, recomputed here
# ---------------------------------------------------------------------------

EXPECTED = {
    "fuel_railway_coal_more_than_halved": ("consistent", lambda: fig("fuel", "railway_fuel_coal_share", "1913")
                                           / fig("fuel", "railway_fuel_coal_share", "1921/22")),
    "fuel_industry_shares_whole_1913": ("consistent", lambda: fig("fuel", "industry_fuel_coal_share", "1913")
                                        + fig("fuel", "industry_fuel_other_share", "1913")),
    "fuel_industry_coal_fell_more": ("consistent", lambda: (
        fig("fuel", "industry_fuel_coal_share", "1913") - fig("fuel", "industry_fuel_coal_share", "1923/24"))
        - (fig("fuel", "railway_fuel_coal_share", "1913") - fig("fuel", "railway_fuel_coal_share", "1923/24"))),
    "fuel_coal_and_oil_doubled": ("inconsistent", lambda: fig("fuel", "coal_mined", "1925/26")
                                  / fig("fuel", "coal_mined", "1921/22")),
    "raw_extractive_share_1921_22": ("consistent", lambda: fig("raw_materials", "extractive_industry_gross_output", "1921/22")
                                     / (fig("raw_materials", "extractive_industry_gross_output", "1921/22")
                                        + fig("raw_materials", "manufacturing_industry_gross_output", "1921/22")) * 100),
    "raw_extractive_share_1922_23": ("inconsistent", lambda: fig("raw_materials", "extractive_industry_gross_output", "1922/23")
                                     / (fig("raw_materials", "extractive_industry_gross_output", "1922/23")
                                        + fig("raw_materials", "manufacturing_industry_gross_output", "1922/23")) * 100),
    "raw_gold_allocation_parts": ("consistent", lambda: fig("raw_materials", "gold_allocation_fuel_share", "end of 1921 to May 1922")
                                  + fig("raw_materials", "gold_allocation_metal_share", "end of 1921 to May 1922")),
    "raw_mineral_lags_agricultural": ("inconsistent", lambda: min(
        fig("food", name, "1925/26") for name in ("raw_cotton_harvest", "flax_fiber_harvest", "hemp_fiber_harvest",
                                                   "oilseeds_harvest", "yellow_tobacco_harvest", "shag_harvest"))
        - max(fig("raw_materials", "oil_extraction_vs_1913", "1925"), fig("raw_materials", "iron_ore_extraction_vs_1913", "1925"))),
    "heavy_pig_iron_share_of_1913": ("consistent", lambda: fig("heavy_light", "pig_iron_output", "1925")
                                     / fig("heavy_light", "pig_iron_output", "1913") * 100),
    "heavy_pig_iron_doubled": ("consistent", lambda: fig("heavy_light", "pig_iron_output", "1925")
                               / (fig("heavy_light", "pig_iron_output_thousand_tonnes", "1924") * 1000)),
    "heavy_means_share_1921": ("consistent", lambda: M("1921") / (M("1921") + C("1921")) * 100),
    "heavy_means_share_1925": ("consistent", lambda: M("1925") / (M("1925") + C("1925")) * 100),
    "heavy_parts_sum_1921": ("consistent", lambda: M("1921") + C("1921")),
    "heavy_parts_sum_1925": ("consistent", lambda: M("1925") + C("1925")),
    "heavy_growth_1921_1925": ("consistent", lambda: pct(M("1925"), M("1921"))),
    "light_growth_1921_1925": ("consistent", lambda: pct(C("1925"), C("1921"))),
    "heavy_lagged_light": ("consistent", lambda: pct(C("1925"), C("1921")) - pct(M("1925"), M("1921"))),
    "heavy_means_share_direction": ("consistent", lambda: min(S("1923") - S("1921"), S("1923") - S("1924"),
                                                              S("1924") - S("1925"), S("1921") - S("1925"))),
    "heavy_backwardness_against_1913": ("inconsistent", lambda: M("1925") / (T("1913") - X1913()) * 100
                                        - C("1925") / X1913() * 100),
    "heavy_backwardness_against_1913_a1_prime": ("consistent", lambda: M("1925") / X1913() * 100
                                                 - C("1925") / (T("1913") - X1913()) * 100),
    "heavy_oil_methods_parts": ("consistent", lambda: sum(fig("heavy_light", f"oil_extraction_share_{m}", "1925/26")
                                                          for m in ("bailing", "pumps", "compressors"))),
    "output_almost_fourfold": ("consistent", lambda: T("1925") / T("1921")),
    "output_five_and_a_half": ("consistent", lambda: level_1926() / T("1921")),
    "output_five_and_a_half_diagram": ("inconsistent", lambda: fig("output", "gross_output_full_range", "1925")
                                       / fig("output", "gross_output_full_range", "1920")),
    "output_five_and_a_half_1921_1925": ("inconsistent", lambda: T("1925") / T("1921")),
    "output_average_growth": ("consistent", lambda: ((level_1926() / T("1921")) ** 0.2 - 1) * 100),
    "output_average_growth_1921_1925": ("inconsistent", lambda: ((T("1925") / T("1921")) ** 0.25 - 1) * 100),
    "output_average_growth_arithmetic": ("consistent", lambda: sum(G(y) for y in ("1922", "1923", "1924", "1925")) / 4),
    "output_growth_chain_1921_1925": ("consistent", lambda: T("1921") * math.prod(
        1 + G(y) / 100 for y in ("1922", "1923", "1924", "1925"))),
    "output_growth_ranking": ("consistent", lambda: min(min(G("1923"), G("1925")) - pct(level_1926(), T("1925")),
                                                        pct(level_1926(), T("1925")) - max(G("1922"), G("1924")))),
    "output_full_range_above_comparable": ("consistent", lambda: min(
        fig("output", "gross_output_full_range", "1921") * 1000 - T("1921"),
        fig("output", "gross_output_full_range", "1925") * 1000 - T("1925"))),
    "output_electricity_above_prewar": ("consistent", lambda: fig("output", "electricity_generation", "1925")
                                        / fig("output", "electricity_generation", "1913")),
    "output_france_six_years": ("consistent", lambda: 6.0),
    # The USSR counted as France is: 1921 (first year of the NEP) to 1926 (first year above 1913).
    "output_no_country_as_fast": ("inconsistent", lambda: (1926 - 1921 + 1) - (1924 - 1919 + 1)),
    "output_no_country_as_fast_rise": ("consistent", lambda: (level_1926() / T("1921"))
                                       / (100 / fig("output", "france_industrial_production_ratio", "1920"))),
    "labour_workers_growth": ("inconsistent", lambda: pct(W("1925"), W("1921"))),
    "labour_output_five_times_lower": ("consistent", lambda: T("1913") / T("1921")),
    "labour_workers_two_times_fewer": ("consistent", lambda: W("1925") / (fig("labour", "factory_workers_vs_1913", "1925") / 100)
                                       / W("1921")),
    "labour_output_per_worker_words": ("consistent", lambda: fig("labour", "large_scale_output_fall_multiple", "1921")
                                       / fig("labour", "workers_fall_multiple", "1921")),
    "labour_output_per_worker_levels": ("consistent", lambda: (T("1913") / T("1921")) / (
        W("1925") / (fig("labour", "factory_workers_vs_1913", "1925") / 100) / W("1921"))),
    "labour_man_day_more_than_doubled": ("consistent", lambda: fig("labour", "output_per_man_day", "1925")
                                         / fig("labour", "output_per_man_day", "1921")),
    "labour_output_per_worker_more_than_doubled": ("consistent", lambda: (T("1925") / W("1925")) / (T("1921") / W("1921"))),
    "labour_working_days_growth": ("consistent", lambda: pct(fig("labour", "working_days", "1925"),
                                                             fig("labour", "working_days", "1921"))),
    "labour_man_day_levels": ("inconsistent", lambda: T("1925") * (
        fig("raw_materials", "extractive_industry_gross_output", "1921/22")
        + fig("raw_materials", "manufacturing_industry_gross_output", "1921/22")) / T("1921")
        / (W("1925") * fig("labour", "working_days", "1925")) * 1000),
    "labour_man_day_growth_levels": ("inconsistent", lambda: (T("1925") / (W("1925") * fig("labour", "working_days", "1925")))
                                     / (T("1921") / (W("1921") * fig("labour", "working_days", "1921")))),
    "labour_man_day_growth_misprint": ("inconsistent", lambda: (T("1925") / (W("1925") * fig("labour", "working_days", "1925")))
                                       / (T("1921") / (W("1925") / (1 + fig("labour", "factory_workers_growth", "1921-1925") / 100)
                                                       * fig("labour", "working_days", "1921")))),
    "labour_man_day_level_1926_27_prices": ("inconsistent", lambda: T("1921") * 1e6 / (
        W("1921") * 1e3 * fig("labour", "working_days", "1921"))),
    "labour_man_day_level_prewar_rubles": ("consistent", lambda: (
        fig("raw_materials", "extractive_industry_gross_output", "1921/22")
        + fig("raw_materials", "manufacturing_industry_gross_output", "1921/22")) * 1e6
        / (W("1921") * 1e3 * fig("labour", "working_days", "1921"))),
    "capital_investment_total": ("consistent", lambda: sum(fig("capital", "capital_investment", p)
                                                           for p in ("1923/24", "1924/25", "1925/26")) / 1000),
    "capital_fixed_assets_turn": ("consistent", lambda: min(
        fig("capital", "fixed_assets", "1920") - fig("capital", "fixed_assets", "1921"),
        fig("capital", "fixed_assets", "1922") - fig("capital", "fixed_assets", "1921"))),
    "capital_fixed_assets_restored": ("consistent", lambda: fig("capital", "fixed_assets", "1925")
                                      - fig("capital", "fixed_assets", "1920")),
    # Only 1924/25 to 1925/26 share a coverage (1923/24 leaves out housing).
    "capital_new_construction_grew": ("inconsistent", lambda: (
        fig("capital", "capital_investment_major_repairs_share", "1924/25")
        - fig("capital", "capital_investment_major_repairs_share", "1925/26"))),
    "private_output_growth": ("consistent", lambda: pct(fig("private", "private_capitalist_gross_output", "1925/26"),
                                                        fig("private", "private_capitalist_gross_output", "1923/24"))),
    "private_share_declining": ("consistent", lambda: min(
        fig("private", "private_capitalist_share_of_factory_output", "1923/24")
        - fig("private", "private_capitalist_share_of_factory_output", "1924/25"),
        fig("private", "private_capitalist_share_of_factory_output", "1924/25")
        - fig("private", "private_capitalist_share_of_factory_output", "1925/26"))),
    "private_concession_share": ("consistent", lambda: fig("private", "concession_gross_output", "1925/26") / (
        fig("private", "private_capitalist_gross_output", "1925/26")
        / (fig("private", "private_capitalist_share_of_factory_output", "1925/26") / 100)) * 100),
    "private_concession_share_1925": ("inconsistent", lambda: fig("private", "concession_gross_output", "1925/26")
                                      / T("1925") * 100),
    "private_concession_share_1926": ("inconsistent", lambda: fig("private", "concession_gross_output", "1925/26")
                                      / level_1926() * 100),
    "private_leased_workers": ("inconsistent", lambda: leased() * fig("private", "tenants_private_individuals_share", "1923")
                               / 100 * fig("private", "workers_per_leased_enterprise", "1923") / 1000),
    "private_leased_workers_with_owners": ("consistent", lambda: leased() * (
        fig("private", "tenants_private_individuals_share", "1923") + fig("private", "tenants_former_owners_share", "1923"))
        / 100 * fig("private", "workers_per_leased_enterprise", "1923") / 1000),
    "private_tenant_shares": ("consistent", lambda: fig("private", "tenants_private_individuals_share", "1923")
                              + fig("private", "leased_to_cooperatives_share", "1923")),
    "private_tenant_shares_disjoint": ("inconsistent", lambda: fig("private", "tenants_private_individuals_share", "1923")
                                       + fig("private", "tenants_former_owners_share", "1923")
                                       + fig("private", "leased_to_cooperatives_share", "1923")),
}

# Each claim's tier, judged from the readings above. Every main reading not listed is
# "consistent". Reasons: coal 2.28x and the new-construction share's 3-point rise are loose
# wording; the oil gap of 2.8 points misses the stated 10-point threshold for "far"; the
# five years, the 41%, the tenant shares, France's six years and heavy industry's
# "backwardness" against 1913 each hold under one reading and fail under another; the
# leasing counts and the man-day rubles rest on bases the text does not make comparable,
# and fixed assets have no pre-war level; output per man-day from the levels (1.84x) mixes
# comparable-range output in 1926/27 prices with man-day rubles of unstated basis, so it
# cannot be checked either; the workers' +64% is inconsistent, probably a misprint; the
# extractive 11.3% is within double rounding, so consistent.
TIER = {
    "fuel_coal_and_oil_doubled": "loose wording",
    "raw_mineral_lags_agricultural": "loose wording",
    "capital_new_construction_grew": "loose wording",
    "output_five_and_a_half": "depends on the reading",
    "output_average_growth": "depends on the reading",
    "private_tenant_shares": "depends on the reading",
    "output_no_country_as_fast": "depends on the reading",
    "heavy_backwardness_against_1913": "depends on the reading",
    "private_leased_workers": "cannot be checked",
    "labour_man_day_levels": "cannot be checked",
    "labour_man_day_growth_levels": "cannot be checked",
    "capital_fixed_assets_restored": "cannot be checked",
    "labour_workers_growth": "inconsistent",
}

# The claims the chapters' notes must flag: every tier but consistent and depends-on-the-reading.
FLAGGED = {check_id for check_id, tier in TIER.items() if tier not in ("consistent", "depends on the reading")}


@pytest.mark.parametrize("check_id", sorted(c.id for c in claims.checks() if c.kind == "main"))
def test_tier(check_id):
    assert audit.result(check_id).tier == TIER.get(check_id, "consistent")


def test_alternatives_belong_to_a_main_reading_and_have_no_tier():
    mains = {c.id for c in claims.checks() if c.kind == "main"}
    for check in claims.checks():
        if check.kind == "alternative":
            assert check.of in mains, check.id
            assert audit.result(check.id).tier == ""


def test_headline_counts_every_tier():
    counts = audit.tier_counts()
    assert list(counts) == audit.TIERS
    assert sum(counts.values()) == len([c for c in claims.checks() if c.kind == "main"])
    assert all(counts[tier] > 0 for tier in audit.TIERS)


def test_the_workers_growth_is_called_a_probable_misprint_not_a_plain_error():
    words = audit.result("labour_workers_growth").tier_words
    assert words.startswith("Inconsistent, probably a misprint")
    assert "plain error" not in words
    # The misprint the verdict names: the 1921 level the stated growth implies is one digit
    # away from the printed one.
    implied = W("1925") / (1 + fig("labour", "factory_workers_growth", "1921-1925") / 100)
    printed, implied = str(round(W("1921"))), str(round(implied))
    assert len(printed) == len(implied) and sum(a != b for a, b in zip(printed, implied)) == 1


def test_a_gap_that_double_rounding_explains_is_rounding():
    result = audit.result("raw_extractive_share_1922_23")
    assert not result.holds  # one rounding does not reach the stated figure ...
    half = 0.05
    assert result.gap <= half / 10  # ... two do: 11.245 -> 11.25 -> 11.3
    assert result.tier == "consistent" and "double rounding" in result.tier_words
    near = result.recomputed_range[1]
    assert round(round(near + 1e-12, 2) + 1e-12, 1) == fig("raw_materials", "extractive_industry_share_of_output", "1922/23")


def test_no_verdict_is_inconsistent_across_coverage_or_price_basis():
    """The man-day rise from the levels mixes output in 1926/27 prices with man-day rubles
    of unstated basis: it cannot convict the text, as the man-day rubles themselves cannot."""
    assert audit.result("labour_man_day_growth_levels").tier == "cannot be checked"
    assert audit.result("labour_man_day_levels").tier == "cannot be checked"
    # The one inconsistent claim compares counts of the same workers.
    inconsistent = [r.id for r in audit.results() if r.tier == "inconsistent"]
    assert inconsistent == ["labour_workers_growth"]


def test_every_claim_has_one_plain_sentence():
    for item in audit.results():
        if item.check.kind != "main":
            continue
        sentence = audit.plain(item)
        assert sentence.endswith(".") and sentence.count(". ") == 0, item.id
        # No arithmetic in the plain line: a year may be named, no figure.
        assert not re.search(r"\d", re.sub(r"\b1[89]\d\d\b", "", sentence)), item.id


def test_vague_words_carry_a_stated_threshold():
    for check_id in ("raw_mineral_lags_agricultural", "capital_new_construction_grew", "heavy_lagged_light"):
        words = claims_by_id()[check_id].allowed[3]
        assert "'" in words, check_id  # the vague word quoted beside its threshold


def claims_by_id():
    return {c.id: c for c in claims.checks()}


def test_man_day_misprint_reading_closes_most_of_the_gap():
    printed = audit.result("labour_man_day_growth_levels")
    misprint = audit.result("labour_man_day_growth_misprint")
    assert misprint.recomputed > printed.recomputed
    assert misprint.gap < printed.gap / 2


def test_ussr_counted_like_france_takes_as_many_years():
    # 1925 below pre-war, 1926 above it: 1926 is the first year restored.
    assert T("1925") < T("1913") < level_1926()
    assert claims.USSR_YEARS_TO_RESTORE == fig("output", "france_years_to_restore_prewar_production", "1919-1924")


def test_every_check_has_an_expected_verdict():
    ids = [check.id for check in claims.checks()]
    assert len(ids) == len(set(ids)), "check ids must be unique"
    assert set(ids) == set(EXPECTED)


@pytest.mark.parametrize("check_id", sorted(EXPECTED))
def test_verdict(check_id):
    expected_verdict, recompute = EXPECTED[check_id]
    result = audit.result(check_id)
    assert result.verdict == expected_verdict
    # The audit's formula gives the value recomputed here, from the recorded figures.
    assert result.recomputed == pytest.approx(recompute(), rel=1e-9, abs=1e-9)
    lo, hi = result.recomputed_range
    assert lo <= result.recomputed <= hi
    allowed_lo, allowed_hi = result.stated_range
    if expected_verdict == "consistent":
        # Within the rounding bound: the two ranges meet.
        assert lo <= allowed_hi and hi >= allowed_lo
        assert result.gap == 0
    else:
        # Outside it: even at the edges of rounding they do not meet.
        assert hi < allowed_lo or lo > allowed_hi
        assert result.gap > 0


# Independent bounds for the claims stated as figures: (stated, half-unit of rounding).
ROUNDED_CLAIMS = {
    "raw_extractive_share_1921_22": ("raw_materials", "extractive_industry_share_of_output", "1921/22", 0.5),
    "raw_extractive_share_1922_23": ("raw_materials", "extractive_industry_share_of_output", "1922/23", 0.05),
    "heavy_pig_iron_share_of_1913": ("heavy_light", "pig_iron_output_ratio", "1925", 0.5),
    "heavy_means_share_1921": ("heavy_light", "means_of_production_share", "1921", 0.05),
    "heavy_means_share_1925": ("heavy_light", "means_of_production_share", "1925", 0.05),
    "heavy_growth_1921_1925": ("heavy_light", "heavy_industry_output_growth", "1921-1925", 0.5),
    "light_growth_1921_1925": ("heavy_light", "light_and_food_industry_output_growth", "1921-1925", 0.5),
    "labour_workers_growth": ("labour", "factory_workers_growth", "1921-1925", 0.5),
    "labour_working_days_growth": ("labour", "working_days_growth", "1921-1925", 0.05),
    "private_output_growth": ("private", "private_capitalist_output_growth", "1923/24-1925/26", 0.05),
    "output_average_growth": ("output", "finished_products_average_annual_growth", "1921-1926", 0.5),
    "output_average_growth_1921_1925": ("output", "finished_products_average_annual_growth", "1921-1926", 0.5),
    "output_five_and_a_half": ("output", "industrial_production_multiple", "1921-1926", 0.25),
    "output_five_and_a_half_diagram": ("output", "industrial_production_multiple", "1921-1926", 0.25),
    "private_concession_share": ("private", "concession_share_of_large_scale_output", "1925/26", 0.05),
    "capital_investment_total": ("capital", "capital_investment_total", "1923/24-1925/26", 0.05),
}


@pytest.mark.parametrize("check_id", sorted(ROUNDED_CLAIMS))
def test_stated_rounding_bound(check_id):
    """The audit reads each claim's rounding from how the text writes it."""
    theme, series, period, half = ROUNDED_CLAIMS[check_id]
    stated = fig(theme, series, period)
    assert audit.result(check_id).stated_range == pytest.approx((stated - half, stated + half))


def test_the_size_of_the_workers_inconsistency():
    result = audit.result("labour_workers_growth")
    stated = fig("labour", "factory_workers_growth", "1921-1925")
    assert result.difference == pytest.approx(pct(W("1925"), W("1921")) - stated)
    assert result.difference > 13


def test_word_intervals():
    assert audit.word_interval(2, None) == (1.75, 2.25)
    assert audit.word_interval(2, "about") == (1.75, 2.25)
    assert audit.word_interval(4, "almost") == (3.5, 4)
    assert audit.word_interval(2, "more than") == (2, 2.5)


@pytest.mark.parametrize("key, half", [
    ("fuel/railway_fuel_coal_share/1921/22", 0.05),
    ("heavy_light/pig_iron_output/1913", 500),
    ("labour/output_per_worker_fall_multiple/1921", 0.25),
    ("private/private_capitalist_share_of_factory_output/1925/26", 0.005),
    ("food/yellow_tobacco_harvest/1925/26", 0.05),
    ("output/gross_output_comparable_range/1913", 0.5),
    ("raw_materials/manufacturing_industry_gross_output/1921/22", 0.05),
    ("heavy_light/pig_iron_output_multiple/1924-1925", None),
])
def test_precision_read_from_the_text(key, half):
    assert audit.precision(key) == half


def test_notes_flag_only_main_inconsistent_claims():
    for check_id in EXPECTED:
        result = audit.result(check_id)
        note = audit_html.notes_html(result.keys)
        link = f'href="{pages.href("checking", "claim-" + check_id)}"'
        assert (link in note) == (check_id in FLAGGED), check_id



def test_notes_are_empty_for_consistent_figures():
    assert audit_html.notes_html(["fuel/railway_fuel_coal_share/1913"]) == ""
    assert audit_html.notes_html(["output/gross_output_full_range/1920"]) == ""  # only an alternative reading fails
    assert audit_html.notes_html([]) == ""


def test_workers_note_names_both_levels_and_the_recomputed_rate():
    note = audit_html.notes_html(["labour/factory_workers/1925"])
    assert nep.fmt(W("1921")) in note and nep.fmt(W("1925")) in note
    assert nep.fmt(pct(W("1925"), W("1921")), 1) + "%" in note
    assert 'role="note"' in note


def test_audit_table_lists_every_check_with_an_anchor():
    frame = audit.table()
    html = audit_html.audit_html(frame, "caption")._repr_html_()
    for check_id in EXPECTED:
        assert f'id="claim-{check_id}"' in html


def test_uncheckable_claims_exist_in_the_data():
    for key, reason in claims.UNCHECKABLE:
        assert audit.record(key) is not None and reason


# ---------------------------------------------------------------------------
# The lost table
# ---------------------------------------------------------------------------

YEARS = ["1913", "1921", "1922", "1923", "1924", "1925", "1926"]


def forward(year):
    return T("1921") * math.prod(1 + G(y) / 100 for y in ("1922", "1923", "1924", "1925") if int(y) <= int(year))


def back(year):
    return T("1925") / math.prod(1 + G(y) / 100 for y in ("1922", "1923", "1924", "1925") if int(y) > int(year))


MEANS_1913 = lambda: T("1913") - X1913()  # noqa: E731  (assumption A1)
CONSUMER_1913 = X1913

STATED = {
    ("output_all", "1913"): lambda: T("1913"),
    ("output_all", "1921"): lambda: T("1921"),
    ("output_all", "1925"): lambda: T("1925"),
    ("output_means", "1921"): lambda: M("1921"),
    ("output_means", "1925"): lambda: M("1925"),
    ("output_consumer", "1921"): lambda: C("1921"),
    ("output_consumer", "1925"): lambda: C("1925"),
    **{("growth_all", y): (lambda y=y: G(y)) for y in ("1922", "1923", "1924", "1925")},
    **{("share_means", y): (lambda y=y: S(y)) for y in ("1921", "1923", "1924", "1925")},
    ("index_all", "1913"): lambda: 100.0,
    ("index_means", "1913"): lambda: 100.0,
    ("index_consumer", "1913"): lambda: 100.0,
}

DERIVED = {
    **{("output_all", y): (lambda y=y: forward(y)) for y in ("1922", "1923", "1924")},
    ("output_all", "1926"): level_1926,
    ("output_means", "1923"): lambda: S("1923") / 100 * forward("1923"),
    ("output_means", "1924"): lambda: S("1924") / 100 * forward("1924"),
    ("output_consumer", "1923"): lambda: (100 - S("1923")) / 100 * forward("1923"),
    ("output_consumer", "1924"): lambda: (100 - S("1924")) / 100 * forward("1924"),
    ("growth_all", "1926"): lambda: pct(level_1926(), T("1925")),
    ("growth_means", "1924"): lambda: pct(S("1924") * forward("1924"), S("1923") * forward("1923")),
    ("growth_means", "1925"): lambda: pct(M("1925"), S("1924") / 100 * forward("1924")),
    ("growth_consumer", "1924"): lambda: pct((100 - S("1924")) * forward("1924"), (100 - S("1923")) * forward("1923")),
    ("growth_consumer", "1925"): lambda: pct(C("1925"), (100 - S("1924")) / 100 * forward("1924")),
    ("index_all", "1921"): lambda: T("1921") / T("1913") * 100,
    **{("index_all", y): (lambda y=y: forward(y) / T("1913") * 100) for y in ("1922", "1923", "1924")},
    ("index_all", "1925"): lambda: T("1925") / T("1913") * 100,
    ("index_all", "1926"): lambda: level_1926() / T("1913") * 100,
    **{("share_consumer", y): (lambda y=y: 100 - S(y)) for y in ("1921", "1923", "1924", "1925")},
}

ASSUMED = {  # under assumption A1: 6074 is consumer goods in 1913
    ("output_means", "1913"): MEANS_1913,
    ("output_consumer", "1913"): CONSUMER_1913,
    ("index_means", "1921"): lambda: M("1921") / MEANS_1913() * 100,
    ("index_means", "1923"): lambda: S("1923") / 100 * forward("1923") / MEANS_1913() * 100,
    ("index_means", "1924"): lambda: S("1924") / 100 * forward("1924") / MEANS_1913() * 100,
    ("index_means", "1925"): lambda: M("1925") / MEANS_1913() * 100,
    ("index_consumer", "1921"): lambda: C("1921") / CONSUMER_1913() * 100,
    ("index_consumer", "1923"): lambda: (100 - S("1923")) / 100 * forward("1923") / CONSUMER_1913() * 100,
    ("index_consumer", "1924"): lambda: (100 - S("1924")) / 100 * forward("1924") / CONSUMER_1913() * 100,
    ("index_consumer", "1925"): lambda: C("1925") / CONSUMER_1913() * 100,
    ("share_means", "1913"): lambda: MEANS_1913() / T("1913") * 100,
    ("share_consumer", "1913"): lambda: CONSUMER_1913() / T("1913") * 100,
}

NOT_RECOVERABLE = (
    {(row, y) for row in ("output_means", "output_consumer", "index_means", "index_consumer",
                          "share_means", "share_consumer") for y in ("1922", "1926")}
    | {(row, y) for row in ("growth_means", "growth_consumer") for y in ("1913", "1921", "1922", "1923", "1926")}
    | {("growth_all", "1913"), ("growth_all", "1921")}
)


@pytest.fixture(scope="module")
def table():
    return rebuild.lost_table()


def cell(frame, row, year):
    found = frame[(frame.row == row) & (frame.year == year)]
    assert len(found) == 1, (row, year)
    return found.iloc[0]


def test_every_cell_is_accounted_for(table):
    expected = set(STATED) | set(DERIVED) | set(ASSUMED) | NOT_RECOVERABLE
    assert len(expected) == len(STATED) + len(DERIVED) + len(ASSUMED) + len(NOT_RECOVERABLE)
    assert set(zip(table.row, table.year)) == expected
    assert len(table) == 11 * len(YEARS)
    assert set(table.status) == {"stated", "derived", "assumed", "not recoverable"}


@pytest.mark.parametrize("row, year", sorted(STATED))
def test_stated_cell_equals_the_recorded_figure(table, row, year):
    found = cell(table, row, year)
    assert found.status == "stated"
    assert found.value == STATED[(row, year)]()


@pytest.mark.parametrize("row, year", sorted(DERIVED))
def test_derived_cell_equals_its_formula(table, row, year):
    found = cell(table, row, year)
    assert found.status == "derived"
    assert found.value == pytest.approx(DERIVED[(row, year)](), rel=1e-12)
    assert found.formula and found.calculation and found.inputs


@pytest.mark.parametrize("row, year", sorted(ASSUMED))
def test_assumed_cell_equals_its_formula_and_names_the_assumption(table, row, year):
    found = cell(table, row, year)
    assert found.status == "assumed"
    assert found.value == pytest.approx(ASSUMED[(row, year)](), rel=1e-12)
    assert nep.fmt(X1913()) in found.assumption and "consumer goods" in found.assumption


@pytest.mark.parametrize("row, year", sorted(NOT_RECOVERABLE))
def test_cells_the_text_does_not_determine_stay_empty(table, row, year):
    found = cell(table, row, year)
    assert found.status == "not recoverable"
    assert math.isnan(found.value)
    assert found.note  # says why


def test_the_other_reading_of_6074_moves_only_the_assumed_cells(table):
    other = rebuild.lost_table(assume="means")
    assert cell(other, "output_means", "1913").value == X1913()
    assert cell(other, "output_consumer", "1913").value == T("1913") - X1913()
    assert cell(other, "index_consumer", "1925").value == pytest.approx(C("1925") / (T("1913") - X1913()) * 100)
    changed = other.value.ne(table.value) & ~(other.value.isna() & table.value.isna())
    assert set(table[changed].status) == {"assumed"}


def corners(function, names):
    """Least and greatest of ``function`` with each named figure anywhere within its rounding."""
    ranges = []
    for name in names:
        theme, series, period = name
        stated = fig(theme, series, period)
        half = 0.5 if stated == int(stated) else 0.05
        ranges.append((stated - half, stated + half))
    values = [function(*ends) for ends in itertools.product(*ranges)]
    return min(values), max(values)


ROUTE_FIGURES = [("output", "gross_output_comparable_range", "1921"), ("output", "gross_output_comparable_range", "1925")] + [
    ("output", "industrial_output_growth", y) for y in ("1922", "1923", "1924", "1925")]


@pytest.mark.parametrize("year", ["1921", "1922", "1923", "1924", "1925"])
def test_two_routes_agree_within_rounding_or_report_the_difference(year):
    routes = rebuild.two_routes().set_index("year")
    assert routes.loc[year, "forward"] == pytest.approx(forward(year))
    assert routes.loc[year, "back"] == pytest.approx(back(year))
    assert routes.loc[year, "difference"] == pytest.approx(forward(year) - back(year))

    def difference(t21, t25, g22, g23, g24, g25):
        rates = dict(zip(("1922", "1923", "1924", "1925"), (g22, g23, g24, g25)))
        ahead = t21 * math.prod(1 + rates[y] / 100 for y in rates if int(y) <= int(year))
        behind = t25 / math.prod(1 + rates[y] / 100 for y in rates if int(y) > int(year))
        return ahead - behind

    lo, hi = corners(difference, ROUTE_FIGURES)
    assert routes.loc[year, "agree"] == (lo <= 0 <= hi)
    # The text's figures are consistent: the difference lies within what rounding allows.
    assert lo <= 0 <= hi


def test_table_reports_the_second_route_where_there_is_one(table):
    for year in ("1922", "1923", "1924"):
        found = cell(table, "output_all", year)
        assert found.second_value == pytest.approx(back(year))
        assert found.difference == pytest.approx(back(year) - forward(year))
        assert bool(found.routes_agree)
    found = cell(table, "output_all", "1925")
    assert found.second_value == pytest.approx(forward("1925"))
    assert found.difference == pytest.approx(forward("1925") - T("1925"))
    found = cell(table, "share_means", "1921")
    assert found.second_value == pytest.approx(M("1921") / T("1921") * 100)


def test_csv_keeps_every_cell_and_its_status(tmp_path, table):
    path = rebuild.write_lost_table_csv(tmp_path / "lost_table.csv")
    frame = pd.read_csv(path, dtype={"year": str})
    assert len(frame) == len(table)
    assert {"row", "year", "value", "status", "formula", "inputs", "route"} <= set(frame.columns)
    assert list(frame.status) == list(table.status)
    merged = frame.merge(table, on=["row", "year"], suffixes=("_csv", ""))
    assert ((merged.value_csv - merged.value).abs().fillna(0) < 1e-3).all()


# ---------------------------------------------------------------------------
# No figure of the text is typed into the audit
# ---------------------------------------------------------------------------

# Numbers the audit's structure needs: halves and quarters of rounding, percent and
# thousands conversions, years, the five years of an average, exponents, styling.
STRUCTURAL = {0, 1, 2, 3, 4, 5, 10, 12, 100, 1000}


@pytest.mark.parametrize("module", ["stated", "claims", "audit", "rebuild", "audit_html"])
def test_audit_types_no_figure_of_the_text(module):
    data_values = set(pd.concat(THEMES.values()).value)
    source = (Path(audit.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
    typed = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.NUMBER:
            continue
        number = float(token.string.replace("_", ""))
        if number in STRUCTURAL or 1900 <= number <= 1930:
            continue
        if number in data_values:
            typed.append((token.start[0], token.string))
    assert not typed, f"figures of the text typed in {module}.py: {typed}"
