"""The printable pack: the worksheet and the answer key, from ``lesson_kit.yml``.

The worksheet stands alone on paper: the passages of the source its questions use, the
figures they need, a glossary of the words they use, charts that read in black and
white, and answer boxes sized to each question. It prints in three versions from one
page: standard, support (each question with help) and extension (harder questions
added); ``_ext/nep_pdf.py`` prints each. The answer key adds the answers, the marks,
model answers for the discussion and a levelled mark scheme.
"""

from __future__ import annotations

import re
from html import escape

import altair as alt
import pandas as pd

import nep

from . import grammar, stated
from .lesson_kit import fill, figure_keys, kit, worksheet_number, worksheet_questions

# The versions the worksheet prints in: what each adds to the standard sheet.
VERSIONS = {"standard": "the questions", "support": "help with each question",
            "extension": "harder questions added"}


def _questions_of(lesson: int | None) -> list[dict]:
    """The questions of one lesson (1 or 2), or the discussion (``None``)."""
    return [q for q in worksheet_questions()
            if (q["kind"] == "question" and q["lesson"] == lesson) or (lesson is None and q["kind"] == "discussion")]


def _all_text(question: dict) -> str:
    return " ".join(question.get(field, "") for field in ("question", "answer", "support"))


# ---------------------------------------------------------------------------
# The source extract and the figures
# ---------------------------------------------------------------------------


# A sentence ends at a full stop before a capital, outside square brackets, and not after
# the translation's abbreviation of rubles ("876 million rubles. (in prices of 1926/27)").
_SENTENCE_END = re.compile(r"(?<!\brubles)(?<!\brub)\.\s+(?=[A-Z])")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` around ``text[start:end]``, within its paragraph."""
    left, right = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    right = len(text) if right == -1 else right
    stops = [match.end() for match in _SENTENCE_END.finditer(text, left, right)
             if text.count("[", left, match.start()) == text.count("]", left, match.start())]
    before = [stop for stop in stops if stop <= start]
    after = [stop for stop in stops if stop > end]
    return (before[-1] if before else left), (after[0] if after else right)


def extract_passages() -> list[tuple[str, list[str]]]:
    """The sentences of the source the pack quotes, in the source's order: each with the
    fragments it holds that the questions use (a figure's words, or a passage of the kit)."""
    source = nep.source_text()
    fragments = [stated.record(key)["quote"] for question in worksheet_questions()
                 for key in figure_keys(_all_text(question))]
    fragments += kit()["extract_passages"]
    sentences: dict[tuple[int, int], list[str]] = {}
    for fragment in dict.fromkeys(fragments):
        at = source.find(fragment)
        if at == -1:
            raise ValueError(f"lesson_kit.yml quotes a passage the source does not hold: {fragment!r}")
        sentences.setdefault(_sentence(source, at, at + len(fragment)), []).append(fragment)
    return [(source[start:end].strip(), marked) for (start, end), marked in sorted(sentences.items())]


def extract_markdown() -> str:
    """The source extract: every sentence the questions use, their figures in bold."""
    lines = ['<div class="nep-extract">', "",
             "From *Creating the material basis of socialism – Industry Recovery*, as translated; "
             "the words the questions use are in bold.", ""]
    for sentence, marked in extract_passages():
        for fragment in sorted(marked, key=len, reverse=True):
            sentence = sentence.replace(fragment, f"**{fragment}**", 1)
        lines += [f"> {escape(sentence, quote=False)}", ">"]
    lines = lines[:-1] + ["", "</div>", "", ""]
    return "\n".join(lines)


def figures_needed(lesson: int) -> pd.DataFrame:
    """The figures of the text one lesson's questions need, with the questions that use them."""
    used: dict[str, list[int]] = {}
    for question in _questions_of(lesson):
        for key in figure_keys(_all_text(question)):
            used.setdefault(key, []).append(question["number"])
    rows = []
    for key, numbers in used.items():
        record = stated.record(key)
        rows.append({"What it is": _what_it_is(record), "Period": record["period"],
                     "Figure": nep.prose_text(record["value"], record["unit"]) + _unit_words(record["unit"]),
                     "The text's words": f"“{record['quote']}”",
                     "Questions": ", ".join(str(n) for n in dict.fromkeys(numbers))})
    return pd.DataFrame(rows)


def _what_it_is(record: pd.Series) -> str:
    """A figure in a few words: its note's first sentence without asides, or its series."""
    words = re.sub(r"\s*\([^)]*\)", "", re.split(r"; |\. ", record["note"])[0]).rstrip(".") \
        if isinstance(record["note"], str) else ""
    return words if len(words.split()) >= 3 else record["series"].replace("_", " ").capitalize()


def _unit_words(unit: str) -> str:
    return "" if unit.startswith("percent") else f" {unit}"


def figures_markdown(lesson: int) -> str:
    """The figures box of one lesson: what each figure is, its period and value, and the
    questions that use it (its words are in bold in the extract)."""
    table = figures_needed(lesson).drop(columns="The text's words")
    header = "| " + " | ".join(table.columns) + " |\n|" + "---|" * len(table.columns) + "\n"
    body = "".join("| " + " | ".join(str(value).replace("|", "/") for value in row) + " |\n"
                   for row in table.itertuples(index=False))
    # A blank line after the box: Markdown that follows it is read as Markdown again.
    return f'<div class="nep-figures">\n\n**The figures for lesson {lesson}**\n\n{header}{body}\n</div>\n\n'


def glossary_markdown() -> str:
    lines = ['<div class="nep-glossary">', "", "**Words to know**", ""]
    for term, meaning in kit()["glossary"].items():
        lines += [f"{term}", f": {fill(meaning)}", ""]
    return "\n".join(lines + ["</div>", "", ""])


# ---------------------------------------------------------------------------
# Questions, answers and the mark scheme
# ---------------------------------------------------------------------------


def _question_markdown(question: dict, answers: bool, label: str) -> list[str]:
    lines = [f'<div class="nep-question" id="question-{label.lower()}">', "",
             f"**{label}.** " + (f"*{question['theme']}.* " if question["kind"] == "discussion" else "")
             + fill(question["question"]) + (f" *({question['marks']} marks)*" if "marks" in question else ""), ""]
    if answers:
        prefix = "Model answer" if question["kind"] == "discussion" else "Answer"
        lines += [f"*{prefix}:* {fill(question['answer'])}", ""]
        if question.get("points"):
            lines += [f"*Points to listen for:* {fill(question['points'])}", ""]
    else:
        if question.get("support"):
            lines += ['<div class="nep-support">', "", f"*Help:* {fill(question['support'])}", "", "</div>", ""]
        # Ruled lines drawn as elements: a background's repeating gradient prints unevenly.
        lines += [f'<div class="nep-answer-space" style="--lines: {question["lines"]}">'
                  + '<div class="nep-answer-line"></div>' * question["lines"] + "</div>", ""]
    return lines + ["</div>", ""]


def questions_markdown(lesson: int | None, answers: bool = False) -> str:
    """One lesson's questions (``None``: the discussion), with room to write or with answers."""
    heading = (kit()["lessons"][lesson - 1]["title"] if lesson
               else f"For discussion: reading an official source ({kit()['mark_scheme']['marks']} marks each, "
                    "marked with the levels of the mark scheme)")
    lines = [f"```{{rubric}} {heading}", "```", ""]
    for question in _questions_of(lesson):
        lines += _question_markdown(question, answers, str(question["number"]))
    return "\n".join(lines) + "\n"


def extension_markdown(answers: bool = False) -> str:
    """The harder questions: on the worksheet, printed in its extension version only."""
    lines = [] if answers else ['<div class="nep-extension">', "", "```{rubric} Extension: harder questions",
                                "```", ""]
    for number, question in enumerate(kit()["extension"], start=1):
        lines += _question_markdown(dict(question, kind="question"), answers, f"E{number}")
    return "\n".join(lines + ([] if answers else ["</div>", ""])) + "\n"


def total_marks() -> int:
    scheme = kit()["mark_scheme"]["marks"]
    return sum(q.get("marks", scheme) for q in worksheet_questions())


def mark_scheme_markdown() -> str:
    """The levels the discussion questions are marked with: knowledge, source analysis, judgement."""
    scheme = kit()["mark_scheme"]
    lines = ["| Level | Marks | Knowledge | Source analysis | Judgement |", "|---|---|---|---|---|"]
    for level in scheme["levels"]:
        low, high = level["marks"]
        lines.append(f"| {level['level']} | {low}–{high} | {level['knowledge']} | "
                     f"{' '.join(level['analysis'].split())} | {level['judgement']} |")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Charts that read in black and white
# ---------------------------------------------------------------------------

INK, PAPER = grammar.PRINT_INK[0], grammar.PRINT_PAPER[0]


def _print_bars(rows: pd.DataFrame, row_labels: list[str], title: str, subtitle: str, description: str,
                x_title: str, value_format: str = ",.1f") -> alt.Chart:
    """Horizontal bars, each named on its axis and with its value written in black inside
    its end: nothing rests on colour, so a photocopy reads as the page does, and the
    label stands on the bar's own grey in dark mode too. The title names what is shown,
    not what it shows: finding that is the students' task."""
    data = nep.chart_data(rows).assign(row=row_labels)
    bars = alt.Chart(data).encode(
        y=alt.Y("row:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
        # Few ticks, and none that would overlap: the values are written on the bars.
        x=alt.X("value:Q", title=x_title, axis=alt.Axis(tickCount=3, labelOverlap=True)),
        tooltip=[alt.Tooltip("row:N", title="Figure"), alt.Tooltip("value:Q", title=x_title, format=value_format)],
    )
    drawn = bars.mark_bar(color=PAPER, stroke=INK, strokeWidth=1) + bars.mark_text(
        align="right", dx=-4, color=INK, fontSize=12).encode(text=alt.Text("value:Q", format=value_format))
    return drawn.properties(title=alt.Title(title, subtitle=subtitle), description=description, width=300)


def lesson_charts(lesson: int) -> list:
    """The charts a lesson's questions use, for the printed pack (lesson 2 has them)."""
    heavy_light = nep.load("heavy_light")
    if lesson != 2:
        return []
    share = nep.rows(heavy_light, "means_of_production_share")
    groups = nep.rows(heavy_light, "heavy_industry_output", ["1921", "1925"])
    groups = pd.concat([groups, nep.rows(heavy_light, "light_and_food_industry_output", ["1921", "1925"])])
    pig_iron = nep.rows(heavy_light, "pig_iron_output", ["1913", "1925"])
    names = {"heavy_industry_output": "Heavy industry", "light_and_food_industry_output": "Light and food industry",
             "pig_iron_output": "Pig iron"}
    return [
        nep.show(_print_bars(share, [f"{period}" for period in share["period"]],
                             "Means of production, % of large-scale output",
                             "Share of large-scale industry's output, per cent; the text's figures",
                             "One bar a year the text gives (1921, 1923, 1924, 1925), each labelled with its share.",
                             "Share (%)"),
                 share, f"For question {worksheet_number('w-share')}: the share of means of production, as stated."),
        nep.show(_print_bars(groups, [f"{names[s]}, {p}" for s, p in zip(groups["series"], groups["period"])],
                             "Output of the two groups, 1921 and 1925",
                             "Gross output, million rubles at 1926/27 prices; the text's figures",
                             "Four bars: heavy industry and light and food industry, in 1921 and 1925, "
                             "each labelled with its output in million rubles at 1926/27 prices.",
                             "Output (million rubles, 1926/27 prices)", ",.0f"),
                 groups, f"For question {worksheet_number('w-growth')}: the output of each group, as stated."),
        nep.show(_print_bars(pig_iron, [f"Pig iron, {period}" for period in pig_iron["period"]],
                             "Pig iron, 1913 and 1925",
                             f"Pig iron smelted, {pig_iron['unit'].iloc[0]}; the text's figures",
                             "Two bars, 1913 and 1925, each labelled with the output the text states.",
                             f"Output ({pig_iron['unit'].iloc[0]})", ",.0f"),
                 pig_iron, f"For question {worksheet_number('w-pig-iron')}: pig iron before the war and in 1925, as stated."),
    ]
