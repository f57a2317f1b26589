"""The printable pack stands alone: the worksheet carries the source's passages, the
figures and the words its questions use, charts that read in black and white and answer
boxes sized to each question, in a standard, a support and an extension version; the
answer key carries every answer, model answers and a levelled mark scheme."""

from __future__ import annotations

import json
import re

import pytest

import nep
from nep import lesson_kit, stated, worksheet
from conftest import page_path
from test_browser import site  # noqa: F401  (the built site, served on loopback)
from test_pdf import linked, pdf_text, words

KIT = lesson_kit.kit()
SOURCE = nep.source_text()


def pack_text() -> str:
    """Everything a student reads on the worksheet: questions, help, figures and extract."""
    parts = [worksheet.extract_markdown(), worksheet.figures_markdown(1), worksheet.figures_markdown(2),
             worksheet.questions_markdown(1), worksheet.questions_markdown(2), worksheet.questions_markdown(None),
             worksheet.extension_markdown()]
    parts += [chart.title + " " + chart.caption for chart in worksheet.lesson_charts(2)]
    return " ".join(parts).lower()


def test_the_extract_quotes_the_source_verbatim_and_every_figure_the_questions_need():
    passages = worksheet.extract_passages()
    assert passages
    for sentence, fragments in passages:
        assert SOURCE.count(sentence) >= 1, sentence
        assert all(fragment in sentence for fragment in fragments)
    quoted = " ".join(sentence for sentence, _ in passages)
    for lesson in (1, 2):
        for quote in worksheet.figures_needed(lesson)["The text's words"]:
            assert quote.strip("“”") in quoted, quote
    for passage in KIT["extract_passages"]:
        assert passage in quoted


def test_a_passage_the_source_does_not_hold_stops_the_pack(monkeypatch):
    broken = dict(KIT, extract_passages=["the agents of the concession built our power plants"])
    monkeypatch.setattr(worksheet, "kit", lambda: broken)
    with pytest.raises(ValueError, match="does not hold"):
        worksheet.extract_passages()


def test_a_sentence_ends_at_a_full_stop_before_a_capital_not_after_an_abbreviated_ruble():
    text = "First one. It rose from 876 million rubles. (in prices) in 1921 to 3356 [a note. Here.] rub. x. Next."
    start = text.index("876")
    sentence = text[slice(*worksheet._sentence(text, start, start + 3))]
    assert sentence == "It rose from 876 million rubles. (in prices) in 1921 to 3356 [a note. Here.] rub. x. "


def test_the_figures_box_lists_each_figure_with_its_words_and_the_questions_that_use_it():
    numbers = {q["id"]: q["number"] for q in lesson_kit.worksheet_questions()}
    for lesson in (1, 2):
        table = worksheet.figures_needed(lesson)
        asked = {numbers[q["id"]] for q in KIT["worksheet"] if q["lesson"] == lesson}
        assert {int(n) for cell in table["Questions"] for n in cell.split(", ")} <= asked
        for quote in table["The text's words"]:
            assert quote.strip("“”") in SOURCE
    # Question 1 asks for the growth from the two levels of workers: both are in the box.
    box = worksheet.figures_needed(1)
    for period in ("1921", "1925"):
        level = nep.figure(nep.load("labour"), "factory_workers", period)
        assert any(nep.fmt(level) in figure for figure in box["Figure"])


def test_every_glossary_word_is_used_by_the_pack_and_the_questions_words_are_defined():
    text = pack_text()
    for term in KIT["glossary"]:
        assert term.lower() in text, f"the glossary defines {term!r}, which the pack does not use"
    for term in ("means of production", "gross output", "per cent of 1913", "percentage point", "derived"):
        assert term in KIT["glossary"], f"the questions use {term!r}; the glossary does not define it"


def test_answer_boxes_are_sized_to_the_question():
    """A discussion question gets more lines than any question with one short answer."""
    questions = lesson_kit.worksheet_questions()
    short = [q["lines"] for q in questions if q["kind"] == "question"]
    long = [q["lines"] for q in questions if q["kind"] == "discussion"]
    assert min(short) >= 3 and min(long) > max(short)
    markdown = worksheet.questions_markdown(None)
    assert [int(n) for n in re.findall(r"--lines: (\d+)", markdown)] == long


def test_every_question_has_help_for_the_support_version_and_marks_for_the_key():
    for question in lesson_kit.worksheet_questions():
        assert question.get("support"), question["id"]
        assert "{" not in lesson_kit.fill(question["support"])
        assert question["kind"] == "discussion" or question["marks"] >= 1
    assert KIT["extension"] and all(q["marks"] >= 1 and q["answer"] for q in KIT["extension"])


def test_the_mark_scheme_s_levels_cover_every_mark_and_each_names_three_skills():
    scheme = KIT["mark_scheme"]
    covered = [mark for level in scheme["levels"] for mark in range(level["marks"][0], level["marks"][1] + 1)]
    assert covered == list(range(1, scheme["marks"] + 1)), "levels overlap or leave a gap"
    assert [level["level"] for level in scheme["levels"]] == list(range(1, len(scheme["levels"]) + 1))
    for level in scheme["levels"]:
        assert all(level[skill].strip() for skill in ("knowledge", "analysis", "judgement"))
    assert worksheet.total_marks() == sum(q.get("marks", scheme["marks"]) for q in lesson_kit.worksheet_questions())


def test_the_worksheet_charts_do_not_rest_on_colour():
    charts = worksheet.lesson_charts(2)
    assert len(charts) == len([q for q in KIT["worksheet"] if q["lesson"] == 2])
    for chart in charts:
        spec = json.dumps(chart.spec)
        assert '"color": {' not in spec and '"fill": {' not in spec, f"{chart.title}: colour encodes data"
        marks = [layer["mark"]["type"] for layer in chart.spec["layer"]]
        assert marks == ["bar", "text"], f"{chart.title}: each bar needs its value written on it"
        assert chart.spec["layer"][0]["mark"]["stroke"] == worksheet.INK


# ---------------------------------------------------------------------------
# In the built book and its PDFs
# ---------------------------------------------------------------------------


def versions(built_book) -> dict[str, str]:
    return {version: words(pdf_text(linked(built_book, f"{version} worksheet")))
            for version in worksheet.VERSIONS}


def test_the_three_worksheets_differ_only_by_help_and_harder_questions(built_book):
    printed = versions(built_book)
    help_texts = [words(lesson_kit.fill(q["support"])) for q in lesson_kit.worksheet_questions()]
    harder = [words(lesson_kit.fill(q["question"])) for q in KIT["extension"]]
    for version, text in printed.items():
        for question in lesson_kit.worksheet_questions():
            assert words(lesson_kit.fill(question["question"])) in text, (version, question["id"])
        assert all((help_text in text) == (version == "support") for help_text in help_texts), version
        assert all((question in text) == (version == "extension") for question in harder), version


def test_the_worksheet_s_first_page_is_the_source_extract(built_book):
    from pypdf import PdfReader

    first = words(PdfReader(linked(built_book, "standard worksheet")).pages[0].extract_text())
    for sentence, _ in worksheet.extract_passages():
        assert words(sentence)[:60] in first, sentence[:60]


def test_the_answer_key_prints_model_answers_and_the_mark_scheme(built_book):
    text = words(pdf_text(linked(built_book, "answer key")))
    for level in KIT["mark_scheme"]["levels"]:
        assert words(level["judgement"]) in text
    for item in KIT["discussion"]:
        assert words(lesson_kit.fill(item["model_answer"])) in text, item["id"]
    for question in KIT["extension"]:
        assert words(lesson_kit.fill(question["answer"]))[:80] in text, question["id"]


def contrast_on_white(colour: str) -> float:
    """WCAG's contrast ratio of a CSS ``rgb(…)`` colour against white paper."""
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (float(part) for part in re.findall(r"[\d.]+", colour)[:3])
    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


def test_contrast_on_white_is_wcag_s():
    assert round(contrast_on_white("rgb(0, 0, 0)")) == 21
    assert round(contrast_on_white("rgb(118, 118, 118)"), 1) == 4.5


@pytest.mark.browser
def test_the_printed_worksheet_is_near_black_on_white(built_book, site, browser):
    """Printed, the questions, the extract and the charts' captions are near black and of
    normal weight (grey or light text fades on a photocopier), and each answer box is as
    tall as its lines."""
    page = browser.new_page()
    page.goto(f"{site}{page_path('worksheet')}")
    page.emulate_media(media="print")
    styles = page.evaluate("""() => [...document.querySelectorAll(
        '.nep-question p, .nep-extract p, .nep-figures td, figure.nep-chart figcaption, figure.nep-chart figcaption *')]
        .map(e => [getComputedStyle(e).color, parseInt(getComputedStyle(e).fontWeight)])""")
    assert len(styles) > 20
    faint = [(colour, weight) for colour, weight in styles if contrast_on_white(colour) < 12 or weight < 400]
    assert faint == []
    # The extension version prints every box, the harder questions' too.
    page.evaluate("() => { document.documentElement.dataset.nepVersion = 'extension'; }")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.nep-answer-space')].map(
        e => [parseInt(e.style.getPropertyValue('--lines')), e.querySelectorAll('.nep-answer-line').length,
              e.getBoundingClientRect().height])""")
    rem = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert boxes and all(ruled == lines and height >= lines * 2 * rem for lines, ruled, height in boxes)
    page.close()
