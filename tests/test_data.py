"""The data package describes every file, and every file keeps to its description."""

from __future__ import annotations

import json

import pytest
from frictionless import Package

import pandas as pd

import nep
from conftest import ROOT

PACKAGE_PATH = ROOT / "data" / "datapackage.json"
FIGURES = nep.load_all()


def test_data_package_validates_with_frictionless():
    report = Package(str(PACKAGE_PATH)).validate()
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    assert report.valid, "\n".join(errors)


def test_every_csv_in_data_is_described_and_every_description_has_a_file():
    described = {entry["path"] for entry in json.loads(PACKAGE_PATH.read_text())["resources"]}
    on_disk = {path.name for path in (ROOT / "data").glob("*.csv")}
    assert described == on_disk


def test_loader_returns_typed_columns_and_sortable_starts():
    fuel = nep.load("fuel")
    assert str(fuel["value"].dtype) == "float64"
    assert str(fuel["series"].dtype) == "string"
    coal = fuel[fuel["series"] == "coal_mined"].sort_values("start")
    # 1921/22 is a fiscal year: it begins in October 1921.
    assert coal["start"].iloc[0].strftime("%Y-%m") == "1921-10"
    assert list(coal["start_year"]) == [1921, 1922, 1923, 1924, 1925]


@pytest.mark.parametrize(("period", "start"), [
    ("1913", "1913-01-01"), ("1921/22", "1921-10-01"), ("1923/24-1925/26", "1923-10-01"),
    ("1921-1925", "1921-01-01"), ("1925-26", "1925-01-01"), ("end of 1923", "1923-12-01"),
    ("end of 1921 to May 1922", "1921-12-01"),
])
def test_period_start(period, start):
    assert nep.period_start(period).strftime("%Y-%m-%d") == start


def test_undated_figures_have_no_start():
    assert nep.period_start("undated") is pd.NaT


def test_each_series_has_one_unit_and_one_kind():
    per_series = FIGURES.groupby(["theme", "series"])[["unit", "kind"]].nunique()
    mixed = per_series[(per_series["unit"] > 1) | (per_series["kind"] > 1)]
    assert mixed.empty, mixed


def test_shares_are_percentages_between_0_and_100():
    shares = FIGURES[FIGURES["kind"] == "share"]
    assert set(shares["unit"]) == {"percent"}
    assert shares["value"].between(0, 100).all()


def test_series_ids_are_unique_to_one_theme():
    themes_per_series = FIGURES.groupby("series")["theme"].nunique()
    assert (themes_per_series == 1).all(), themes_per_series[themes_per_series > 1]


def test_garbled_and_undated_figures_say_why_in_a_note():
    flagged = FIGURES[FIGURES["series"].str.startswith("garbled_") | (FIGURES["period"] == "undated")]
    assert len(flagged) > 0
    assert flagged["note"].notna().all()


def test_readme_states_the_number_of_figures_the_data_holds():
    """The README's count of the text's figures is the data's, not an estimate."""
    import re

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    stated = re.findall(r"(\w+) (\d[\d,]*) figures", readme)
    assert stated, "the README no longer says how many figures the text quotes"
    for before, number in stated:
        assert before.lower() not in ("about", "some", "around", "over", "nearly"), before
        assert int(number.replace(",", "")) == len(FIGURES), f"README: {number}; data: {len(FIGURES)}"
