"""The lesson kit: the teachers' page, the worksheet and the answer key draw on this.

What belongs to the lessons (objectives, levels, steps, questions) is in
``lesson_kit.yml``; what belongs to the chapters (their titles, exercises, charts and
length) is read from the chapters themselves. Every number of a question or an answer
comes from the data, and every total of minutes is added up here.
"""

from __future__ import annotations

import ast
import re
import types
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

import nep

from . import audit, pages

HERE = Path(__file__).resolve().parent
WORDS_PER_MINUTE = 150   # reading with the charts, slower than plain prose


@lru_cache(maxsize=1)
def kit() -> dict:
    return yaml.safe_load((HERE / "lesson_kit.yml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# The chapters, read as notebooks
# ---------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _cells(name: str) -> tuple:
    import jupytext

    return tuple(jupytext.read(pages.chapter_file(name)).cells)


def chapter_markdown(name: str) -> str:
    return "\n\n".join(cell.source for cell in _cells(name) if cell.cell_type == "markdown")


def chapter_title(name: str) -> str:
    return re.search(r"^# (.+)$", chapter_markdown(name), flags=re.M).group(1)


# An exercise as the chapters write it (sphinx-exercise's directives), or as the classroom
# zip's plain notebooks do (its label kept as an empty anchor, its number in bold).
_EXERCISE = re.compile(r"```\{exercise-start\}[^\n]*\n:label: (\S+)\n(?::[^\n]*\n)*```\n+(.+?)\n```\{exercise-end\}"
                       r"|<a id=\"([^\"]+)\"></a>\*\*Exercise \d+\.\*\* (.+?)(?=\n\n|\Z)", re.S)
_PROSE_ROLE = re.compile(r"\{eval\}`prose\.([A-Za-z][A-Za-z0-9_]*)`")


def chapter_exercises(name: str) -> list[tuple[str, str]]:
    """The exercises of a chapter, in their order on the page: their labels and their whole
    task as one paragraph, with the prose's numbers put in."""
    found = []
    for match in _EXERCISE.finditer(chapter_markdown(name)):
        label, text = match.group(1) or match.group(3), match.group(2) or match.group(4)
        task = " ".join(text.split())
        if _PROSE_ROLE.search(task):
            numbers = chapter_prose(name)
            task = _PROSE_ROLE.sub(lambda match: str(getattr(numbers, match.group(1))), task)
        found.append((label, task))
    return found


def exercise_number(label: str) -> tuple[str, int]:
    """The chapter of an exercise and its number there, as students see it ("Exercise 2")."""
    for name in theme_and_checking_chapters():
        labels = [found for found, _ in chapter_exercises(name)]
        if label in labels:
            return name, labels.index(label) + 1
    raise KeyError(f"no exercise {label!r} in the chapters")


def exercise_name(label: str) -> str:
    name, number = exercise_number(label)
    return f"Exercise {number} of {chapter_title(name)}"


def reading_minutes(name: str) -> int:
    prose = re.sub(r"```.*?```", "", chapter_markdown(name), flags=re.S)
    return max(1, round(len(prose.split()) / WORDS_PER_MINUTE))


def exercises() -> pd.DataFrame:
    """Every exercise of the book, with its chapter, its number there, its task and level."""
    levels = kit()["exercise_levels"]
    rows = [{"chapter": name, "label": label, "number": number, "exercise": task, "level": levels.get(label)}
            for name in theme_and_checking_chapters()
            for number, (label, task) in enumerate(chapter_exercises(name), start=1)]
    return pd.DataFrame(rows, columns=["chapter", "label", "number", "exercise", "level"])


def theme_and_checking_chapters() -> list[str]:
    """The chapters with exercises, in the order of the table of contents."""
    return [name for name in toc_chapters() if name in kit()["objectives"] and chapter_exercises(name)]


def toc_chapters() -> list[str]:
    """The chapters in reading order: the order of their numbered files (and of _toc.yml)."""
    return list(pages.chapter_files())


# ---------------------------------------------------------------------------
# Numbers in questions and answers
# ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(figure|audit|points|why|plain):([^{}]+)\}")


def _value(kind: str, spec: str) -> str:
    parts = spec.split(":")
    if kind == "figure":
        theme, series, period = parts
        return nep.fmt(nep.figure(nep.load(theme), series, period))
    if kind == "points":
        # The change of a percentage between two periods, in percentage points.
        theme, series, start, end = parts
        frame = nep.load(theme)
        change = nep.figure(frame, series, end) - nep.figure(frame, series, start)
        return nep.fmt(change, 1).replace("-", "−")
    if kind == "why":
        return audit.explanation(audit.result(parts[0]))
    if kind == "plain":
        return audit.plain(audit.result(parts[0]))
    check, field, *decimals = parts
    result = audit.result(check)
    if field == "verdict":
        return result.verdict
    value = getattr(result, field)
    return nep.fmt(value, int(decimals[0]) if decimals else None)


def fill(text: str) -> str:
    """A question or answer with its numbers put in from the data."""
    return _PLACEHOLDER.sub(lambda match: _value(match.group(1), match.group(2)), " ".join(text.split()))


def figure_keys(text: str) -> list[str]:
    """The figures of the text a question's placeholders read, by key: a figure itself, or
    the claim and the inputs of a check of the audit."""
    checks = {check.id: check for check in audit.checks()}
    keys = []
    for kind, spec in _PLACEHOLDER.findall(text):
        parts = spec.split(":")
        if kind == "figure":
            keys.append(nep.figure_key(*parts))
        elif kind == "points":
            keys += [nep.figure_key(parts[0], parts[1], period) for period in parts[2:]]
        else:
            check = checks[parts[0]]
            keys += [key for key in [check.claim, *check.inputs.values()] if key]
    return list(dict.fromkeys(keys))


# ---------------------------------------------------------------------------
# The two lessons
# ---------------------------------------------------------------------------


def _questions() -> dict[str, dict]:
    return {question["id"]: question for question in kit()["worksheet"]}


def _discussion() -> dict[str, dict]:
    return {item["id"]: item for item in kit()["discussion"]}


def lesson_steps(number: int) -> pd.DataFrame:
    """The steps of lesson ``number`` (1 or 2), each with its minutes and its whole task."""
    lesson, per_exercise = kit()["lessons"][number - 1], kit()["minutes_per_exercise"]
    rows = []
    for step in lesson["steps"]:
        if "exercise" in step:
            # A lesson's exercises need no code, and their tasks open by saying so.
            label = step["exercise"]
            rows.append({"kind": "exercise", "minutes": per_exercise,
                         "what": f"{exercise_name(label)}: {exercise_task(label)}"})
        elif "questions" in step:
            asked = [_questions()[qid] for qid in step["questions"]]
            tasks = " ".join(f"({worksheet_number(q['id'])}) {fill(q['question'])}" for q in asked)
            rows.append({"kind": "worksheet", "what": "Worksheet, question"
                         + ("s " if len(asked) > 1 else " ")
                         + " and ".join(str(worksheet_number(q["id"])) for q in asked) + ": " + tasks,
                         "minutes": sum(question["minutes"] for question in asked)})
        elif "discuss" in step:
            item = _discussion()[step["discuss"]]
            rows.append({"kind": "discussion", "minutes": step["minutes"],
                         "what": f"Discuss (worksheet question {worksheet_number(item['id'])}), "
                                 f"{item['theme'].lower()}: {fill(item['question'])}"})
        else:
            rows.append({"kind": "task", "what": step["do"], "minutes": step["minutes"]})
    steps = pd.DataFrame(rows)
    steps["start"] = steps["minutes"].cumsum().shift(fill_value=0)
    return steps


def exercise_task(label: str) -> str:
    name, number = exercise_number(label)
    return chapter_exercises(name)[number - 1][1]


def lesson_minutes(number: int) -> int:
    return int(lesson_steps(number)["minutes"].sum())


def worksheet_questions() -> list[dict]:
    """Every question of the worksheet, numbered in lesson order: the lessons' questions
    first, then the discussion."""
    numbered = [dict(question, kind="question") for question in kit()["worksheet"]]
    numbered += [dict(item, kind="discussion", answer=item["model_answer"]) for item in kit()["discussion"]]
    for number, question in enumerate(numbered, start=1):
        question["number"] = number
    return numbered


def worksheet_number(question_id: str) -> int:
    return next(q["number"] for q in worksheet_questions() if q["id"] == question_id)


# ---------------------------------------------------------------------------
# The teachers' page, as Markdown (the book reads cell output as MyST)
# ---------------------------------------------------------------------------


def plan_markdown(number: int) -> str:
    lesson, steps = kit()["lessons"][number - 1], lesson_steps(number)
    lines = [f"```{{rubric}} {lesson['title']} ({lesson_minutes(number)} minutes)", "```", ""]
    for step in steps.itertuples(index=False):
        lines.append(f"1. **{step.minutes} min** (minute {step.start} to {step.start + step.minutes}). {step.what}")
    lines += ["", "*Extension, for students who finish early or as homework (with code):*", ""]
    lines += [f"- {exercise_name(label)} ({kit()['exercise_levels'][label]}): {exercise_task(label)}"
              for label in lesson.get("extension", [])]
    return "\n".join(lines) + "\n"


def objectives_markdown() -> str:
    lines = []
    for name in toc_chapters():
        if name in kit()["objectives"]:
            lines.append(f"[{chapter_title(name)}]({pages.page(name)}.md)")
            lines += [f": {objective}" for objective in kit()["objectives"][name]]
            lines.append("")
    return "\n".join(lines)


@lru_cache(maxsize=8)
def _run_chapter(name: str) -> tuple[tuple, types.SimpleNamespace]:
    """Run a chapter's code here: the charts its cells end with, and its prose's numbers."""
    import contextlib
    import io

    from .prose_numbers import PROSE_NAME, _user_namespace, prose

    namespace: dict = {"__name__": "__chapter__"}
    figures = []
    # What the chapter prints belongs to the chapter's page, not to this one.
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in _cells(name):
            if cell.cell_type != "code":
                continue
            tree = ast.parse(cell.source)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, f"<{name}>", "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), f"<{name}>", "eval"), namespace)
                if isinstance(value, nep.Figure):
                    figures.append(value)
    numbers = types.SimpleNamespace(**vars(_user_namespace().get(PROSE_NAME, prose)))
    return tuple(figures), numbers


def chapter_figures(name: str) -> list:
    """The charts of a chapter, drawn by running its code here."""
    return list(_run_chapter(name)[0])


def chapter_prose(name: str) -> types.SimpleNamespace:
    """The numbers a chapter's prose quotes (``prose.NAME``), by running its code here."""
    return _run_chapter(name)[1]
