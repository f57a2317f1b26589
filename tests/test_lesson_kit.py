"""The lesson kit: every chapter and exercise is covered, every number comes from the
data, and every lesson's minutes add up (plan and table agree, exercises counted)."""

from __future__ import annotations

import re

import pytest

from nep import lesson_kit
from conftest import chapter_files, chapter_name, page_path

KIT = lesson_kit.kit()
# Pages about the book rather than chapters a student learns from.
NOT_TAUGHT = {"teaching", "worksheet", "answer_key"}


def test_every_chapter_has_learning_objectives():
    chapters = [chapter_name(path) for path in chapter_files() if chapter_name(path) not in NOT_TAUGHT]
    assert [name for name in chapters if not KIT["objectives"].get(name)] == []
    assert set(KIT["objectives"]) <= set(chapters), "objectives for a chapter the book does not have"


def test_every_exercise_has_a_level_and_every_level_an_exercise():
    found = {label for path in chapter_files() for label, _ in lesson_kit.chapter_exercises(chapter_name(path))}
    listed = set(KIT["exercise_levels"])
    assert found - listed == set(), "exercises with no level in book/nep/lesson_kit.yml"
    assert listed - found == set(), "levels for exercises the chapters do not have"
    assert set(KIT["exercise_levels"].values()) <= set(KIT["levels"])


def test_the_exercise_table_lists_every_exercise_with_its_first_sentence():
    table = lesson_kit.exercises()
    assert sorted(table["label"]) == sorted(KIT["exercise_levels"])
    assert table["level"].notna().all()
    assert table["exercise"].str.len().gt(20).all()


def test_the_no_code_route_needs_no_code():
    assert KIT["no_code_route"]
    assert set(KIT["no_code_route"]) <= {chapter_name(path) for path in chapter_files()}
    for lesson in KIT["lessons"]:
        for step in lesson["steps"]:
            for question_id in step.get("questions", []):
                assert "code" not in lesson_kit.fill(
                    next(q for q in KIT["worksheet"] if q["id"] == question_id)["question"]).lower()


@pytest.mark.parametrize("number", [1, 2])
def test_a_lesson_adds_up_to_its_steps_and_fits_the_lesson(number):
    steps = lesson_kit.lesson_steps(number)
    lesson = KIT["lessons"][number - 1]
    assert len(steps) == len(lesson["steps"])
    expected = 0
    for step in lesson["steps"]:
        if "exercise" in step:
            expected += KIT["minutes_per_exercise"]
        elif "questions" in step:
            expected += sum(q["minutes"] for q in KIT["worksheet"] if q["id"] in step["questions"])
        else:
            expected += step["minutes"]
    assert lesson_kit.lesson_minutes(number) == expected == steps["minutes"].sum()
    assert expected <= KIT["lesson_minutes"]
    assert list(steps["start"]) == list(steps["minutes"].cumsum() - steps["minutes"])
    # Exercise time is counted, and the plan's exercises are exercises of the book.
    exercises = steps[steps["kind"] == "exercise"]
    assert len(exercises) >= 1 and (exercises["minutes"] == KIT["minutes_per_exercise"]).all()


def test_every_worksheet_question_is_asked_in_a_lesson_and_only_once():
    asked = [question_id for lesson in KIT["lessons"] for step in lesson["steps"]
             for question_id in step.get("questions", [])]
    assert sorted(asked) == sorted(q["id"] for q in KIT["worksheet"])
    discussed = [step["discuss"] for lesson in KIT["lessons"] for step in lesson["steps"] if "discuss" in step]
    assert set(discussed) <= {item["id"] for item in KIT["discussion"]}


def test_discussion_covers_voice_base_years_and_what_is_left_out():
    themes = " ".join(item["theme"].lower() for item in KIT["discussion"])
    for theme in ("voice", "base years", "leaves out"):
        assert theme in themes


def test_every_number_of_a_question_or_answer_comes_from_the_data():
    for question in lesson_kit.worksheet_questions():
        for text in (question["question"], question["answer"]):
            filled = lesson_kit.fill(text)
            assert "{" not in filled and "}" not in filled, filled
    # A placeholder is really read: a figure of the data, and an audit of the text.
    assert lesson_kit.fill("{figure:heavy_light:means_of_production_share:1921}") == "43.7"
    with pytest.raises(KeyError):
        lesson_kit.fill("{figure:heavy_light:no_such_series:1921}")


def test_the_built_teachers_page_shows_the_plan_and_the_table_with_the_same_minutes(built_book):
    assert built_book.returncode == 0, built_book.log[-3000:]
    html = (built_book.html / page_path("teaching")).read_text(encoding="utf-8")
    for number in (1, 2):
        total = lesson_kit.lesson_minutes(number)
        title = KIT["lessons"][number - 1]["title"]
        assert f"{title} ({total} minutes)" in html.replace("&quot;", '"')
        plan_minutes = [int(m) for m in re.findall(r"<strong>(\d+) min</strong>", html)]
        assert sum(plan_minutes) == lesson_kit.lesson_minutes(1) + lesson_kit.lesson_minutes(2)
    for page in ("worksheet", "answer_key"):
        assert f'href="{page_path(page).removeprefix("book/")}"' in html
