"""The lesson kit: every chapter and exercise is covered, every number comes from the
data, and every lesson's minutes add up (plan and table agree, exercises counted)."""

from __future__ import annotations

import re

import pytest

import nep
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


def test_the_exercise_table_lists_every_exercise_with_its_whole_task_and_number():
    table = lesson_kit.exercises()
    assert sorted(table["label"]) == sorted(KIT["exercise_levels"])
    assert table["level"].notna().all()
    # The whole task, its numbers put in: no role of the prose is left for the page to show.
    assert table["exercise"].str.len().gt(60).all()
    assert not table["exercise"].str.contains(r"\{|\}", regex=True).any()
    # Numbered within each chapter, 1, 2, 3 in their order on its page.
    for chapter, numbers in table.groupby("chapter", sort=False)["number"]:
        assert list(numbers) == list(range(1, len(numbers) + 1)), chapter


def test_an_exercise_s_numbers_come_from_its_chapter_s_prose():
    [task] = [task for label, task in lesson_kit.chapter_exercises("food") if label == "food-fund-tonnes"]
    assert f"one pood is {nep.fmt(nep.POOD_KG)} kg" in task


@pytest.mark.parametrize("number", [1, 2])
def test_a_lesson_is_taught_without_code_and_its_coding_is_the_extension(number):
    lesson = KIT["lessons"][number - 1]
    taught = [step["exercise"] for step in lesson["steps"] if "exercise" in step]
    assert taught and all(KIT["exercise_levels"][label] == "no-code" for label in taught)
    assert all(lesson_kit.exercise_task(label).startswith("No code") for label in taught)
    assert lesson["extension"] and all(KIT["exercise_levels"][label] != "no-code" for label in lesson["extension"])
    steps = lesson_kit.lesson_steps(number)
    # Starting up has its minutes, before anything else.
    assert steps.iloc[0]["kind"] == "task" and "start-up" in steps.iloc[0]["what"].lower()
    # Each step prints the whole task, and names an exercise as students see it.
    for label, what in zip(taught, steps[steps["kind"] == "exercise"]["what"]):
        chapter, position = lesson_kit.exercise_number(label)
        assert what.startswith(f"Exercise {position} of {lesson_kit.chapter_title(chapter)}")
        assert what.endswith(lesson_kit.exercise_task(label))
    asked = [question for step in lesson["steps"] for question in step.get("questions", [])]
    worksheet_steps = " ".join(steps[steps["kind"] == "worksheet"]["what"])
    for question in KIT["worksheet"]:
        if question["id"] in asked:
            assert lesson_kit.fill(question["question"]) in worksheet_steps


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


def test_the_built_chapters_number_their_exercises_as_the_plans_name_them(built_book):
    """Each chapter's exercises read Exercise 1, 2, 3 … on its page (and their solutions
    say so too), the numbers the lesson plans and the exercise table use."""
    assert built_book.returncode == 0, built_book.log[-3000:]
    table = lesson_kit.exercises()
    for chapter, numbers in table.groupby("chapter", sort=False)["number"]:
        page = (built_book.html / page_path(chapter)).read_text(encoding="utf-8")
        shown = [int(n) for n in re.findall(r"admonition-title\"><span class=\"caption-number\">Exercise (\d+)", page)]
        solved = [int(n) for n in re.findall(r"Solution to(?:<a[^>]*>)?\s*Exercise (\d+)", page)]
        assert shown == list(numbers), chapter
        assert solved == list(numbers), chapter
