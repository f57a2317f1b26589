"""The lesson kit: the teachers' page, the worksheet and the answer key draw on this.

What belongs to the lessons (objectives, levels, steps, questions) is in
``lesson_kit.yml``; what belongs to the chapters (their titles, exercises, charts and
length) is read from the chapters themselves. Every number of a question or an answer
comes from the data, and every total of minutes is added up here.
"""

from __future__ import annotations

import ast
import re
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


_EXERCISE = re.compile(r"```\{exercise-start\}[^\n]*\n:label: (\S+)\n(?::[^\n]*\n)*```\n+(.+?)(?:\n\n|\n```)", re.S)


def chapter_exercises(name: str) -> list[tuple[str, str]]:
    """The exercises of a chapter: their labels and first sentences."""
    found = []
    for label, text in _EXERCISE.findall(chapter_markdown(name)):
        sentence = re.split(r"(?<=[.?!])\s", " ".join(text.split()), maxsplit=1)[0]
        found.append((label, sentence))
    return found


def reading_minutes(name: str) -> int:
    prose = re.sub(r"```.*?```", "", chapter_markdown(name), flags=re.S)
    return max(1, round(len(prose.split()) / WORDS_PER_MINUTE))


def exercises() -> pd.DataFrame:
    """Every exercise of the book, with its chapter and level."""
    levels = kit()["exercise_levels"]
    rows = [{"chapter": name, "label": label, "exercise": sentence, "level": levels.get(label)}
            for name in theme_and_checking_chapters() for label, sentence in chapter_exercises(name)]
    return pd.DataFrame(rows, columns=["chapter", "label", "exercise", "level"])


def theme_and_checking_chapters() -> list[str]:
    """The chapters with exercises, in the order of the table of contents."""
    return [name for name in toc_chapters() if name in kit()["objectives"] and chapter_exercises(name)]


def toc_chapters() -> list[str]:
    """The chapters in reading order: the order of their numbered files (and of _toc.yml)."""
    return list(pages.chapter_files())


# ---------------------------------------------------------------------------
# Numbers in questions and answers
# ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(figure|audit):([^{}]+)\}")


def _value(kind: str, spec: str) -> str:
    parts = spec.split(":")
    if kind == "figure":
        theme, series, period = parts
        return nep.fmt(nep.figure(nep.load(theme), series, period))
    check, field, *decimals = parts
    result = audit.result(check)
    if field == "verdict":
        return result.verdict
    value = getattr(result, field)
    return nep.fmt(value, int(decimals[0]) if decimals else None)


def fill(text: str) -> str:
    """A question or answer with its numbers put in from the data."""
    return _PLACEHOLDER.sub(lambda match: _value(match.group(1), match.group(2)), " ".join(text.split()))


# ---------------------------------------------------------------------------
# The two lessons
# ---------------------------------------------------------------------------


def _questions() -> dict[str, dict]:
    return {question["id"]: question for question in kit()["worksheet"]}


def _discussion() -> dict[str, dict]:
    return {item["id"]: item for item in kit()["discussion"]}


def lesson_steps(number: int) -> pd.DataFrame:
    """The steps of lesson ``number`` (1 or 2), each with its minutes."""
    lesson, per_exercise = kit()["lessons"][number - 1], kit()["minutes_per_exercise"]
    titles = dict(exercises()[["label", "exercise"]].itertuples(index=False))
    chapters = dict(exercises()[["label", "chapter"]].itertuples(index=False))
    rows = []
    for step in lesson["steps"]:
        if "exercise" in step:
            label = step["exercise"]
            rows.append({"kind": "exercise", "what": f"Exercise {label} ({chapter_title(chapters[label])}): "
                         f"{titles[label]}", "minutes": per_exercise})
        elif "questions" in step:
            asked = [_questions()[qid] for qid in step["questions"]]
            numbers = [worksheet_number(qid) for qid in step["questions"]]
            rows.append({"kind": "worksheet", "what": "Worksheet, question" + ("s " if len(numbers) > 1 else " ")
                         + " and ".join(str(n) for n in numbers),
                         "minutes": sum(question["minutes"] for question in asked)})
        elif "discuss" in step:
            item = _discussion()[step["discuss"]]
            rows.append({"kind": "discussion", "what": f"Discuss: {item['theme'].lower()}. {fill(item['question'])}",
                         "minutes": step["minutes"]})
        else:
            rows.append({"kind": "task", "what": step["do"], "minutes": step["minutes"]})
    steps = pd.DataFrame(rows)
    steps["start"] = steps["minutes"].cumsum().shift(fill_value=0)
    return steps


def lesson_minutes(number: int) -> int:
    return int(lesson_steps(number)["minutes"].sum())


def worksheet_questions() -> list[dict]:
    """Every question of the worksheet, numbered in lesson order: the lessons' questions
    first, then the discussion."""
    numbered = [dict(question, kind="question") for question in kit()["worksheet"]]
    numbered += [dict(item, kind="discussion", answer=item["points"]) for item in kit()["discussion"]]
    for number, question in enumerate(numbered, start=1):
        question["number"] = number
    return numbered


def worksheet_number(question_id: str) -> int:
    return next(q["number"] for q in worksheet_questions() if q["id"] == question_id)


# ---------------------------------------------------------------------------
# The pages, as Markdown (the book reads cell output as MyST)
# ---------------------------------------------------------------------------


def plan_markdown(number: int) -> str:
    lesson, steps = kit()["lessons"][number - 1], lesson_steps(number)
    lines = [f"```{{rubric}} {lesson['title']} ({lesson_minutes(number)} minutes)", "```", ""]
    for step in steps.itertuples(index=False):
        lines.append(f"1. **{step.minutes} min** (minute {step.start} to {step.start + step.minutes}). {step.what}")
    return "\n".join(lines) + "\n"


def objectives_markdown() -> str:
    lines = []
    for name in toc_chapters():
        if name in kit()["objectives"]:
            lines.append(f"[{chapter_title(name)}]({pages.page(name)}.md)")
            lines += [f": {objective}" for objective in kit()["objectives"][name]]
            lines.append("")
    return "\n".join(lines)


def worksheet_markdown(answers: bool) -> str:
    """The worksheet (with room to write) or the answer key, question by question."""
    lines, lesson_of = [], {}
    for question in worksheet_questions():
        heading = (kit()["lessons"][question["lesson"] - 1]["title"]
                   if question["kind"] == "question" else "For discussion: reading an official source")
        if heading not in lesson_of:
            lesson_of[heading] = True
            lines += [f"```{{rubric}} {heading}", "```", ""]
        label = f"**{question['number']}.** " + (f"*{question['theme']}.* " if question["kind"] == "discussion" else "")
        lines += [f'<div class="nep-question" id="question-{question["number"]}">', "", label + fill(question["question"]), ""]
        if answers:
            prefix = "Points to listen for" if question["kind"] == "discussion" else "Answer"
            lines += [f"*{prefix}:* {fill(question['answer'])}", ""]
        else:
            lines += ['<div class="nep-answer-space"></div>', ""]
        lines += ["</div>", ""]
    return "\n".join(lines)


def chapter_figures(name: str) -> list:
    """The charts of a chapter, drawn by running its code here (for the worksheet)."""
    import contextlib
    import io

    namespace: dict = {"__name__": "__chapter__"}
    figures = []
    # What the chapter prints belongs to the chapter's page, not to the worksheet.
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
    return figures
