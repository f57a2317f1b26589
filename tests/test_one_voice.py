"""One voice: each claim of the text is judged once, by the audit, and every page that
discusses it shows the audit's verdict rather than its own.

Read from the chapters' sources (no build needed): which figures each page quotes in
its prose (under their data names, ``nep.glue_figures``), which claims' verdicts it glues
(``audit.glue_claims``), and the words of every paragraph.
"""

from __future__ import annotations

import re

import pytest

import nep
from conftest import chapter_files
from nep import audit, claims, stated

CHAPTERS = {path.stem: path.read_text(encoding="utf-8") for path in chapter_files()}

# Words that state a verdict. A paragraph that shows a claim's stated figure and uses one
# of them must show the audit's verdict on that claim too.
VERDICT_WORDS = re.compile(
    r"\b(consistent|inconsistent|holds?|does not hold|fails?|not equal|close but|misprint|"
    r"loose|wrong|error|cannot be checked|do not fit|does not fit)\b", re.I)

CLAIMS_GLUE = re.compile(r"audit\.glue_claims\(([^)]*)\)")
# Every figure of the data, by the name under which the prose quotes it.
DATA_NAMES = {nep.prose_name(row.series, row.period): (row.series, row.period)
              for row in nep.load_all().itertuples()}


def role(name: str) -> str:
    """How the prose quotes a glued value: evaluated in the book and in JupyterLab alike."""
    return f"{{eval}}`prose.{name}`"


def code_of(text: str) -> str:
    return "\n".join(re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S))


def prose_of(text: str) -> str:
    return re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)


def paragraphs(text: str) -> list[str]:
    """Paragraphs, and each item of a list on its own: an item speaks for itself."""
    blocks = re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)", prose_of(text))
    return [block for block in blocks if block.strip()]


def glued_claims(text: str) -> dict[str, str]:
    """Glue prefix -> the claim whose verdict the page glues under it (the prefix is its id)."""
    found = {}
    for arguments in CLAIMS_GLUE.findall(code_of(text)):
        for claim_id in re.findall(r'"(\w+)"', arguments):
            found[claim_id] = audit.claim_of(claim_id).id
    return found


def figure_glues(text: str) -> dict[str, tuple[str, str]]:
    """Prose name -> (series, period) of each stated figure the page can quote."""
    return DATA_NAMES if "nep.glue_figures(" in code_of(text) else {}


def claims_stating(series: str, period: str) -> set[str]:
    """The main claims whose stated figure is (series, period)."""
    found = set()
    for check in claims.checks():
        if check.kind != "main":
            continue
        for key in audit.claim_keys(check):
            _, key_series, key_period = stated.split(key)
            if (key_series, key_period) == (series, period):
                found.add(check.id)
    return found


NOT_SIMPLY_HOLDING = {r.id for r in audit.results() if r.check.kind == "main" and r.tier != "consistent"}


@pytest.mark.parametrize("page", sorted(CHAPTERS))
def test_pages_that_show_a_judged_claim_glue_its_verdict(page):
    """A page that puts in its prose the stated figure of a claim the audit does not simply
    pass also glues the audit's verdict on that claim."""
    text = CHAPTERS[page]
    shown = set(glued_claims(text).values())
    prose = prose_of(text)
    missing = []
    for name, (series, period) in figure_glues(text).items():
        if "{" in name or role(name) not in prose:
            continue
        for claim in claims_stating(series, period) & NOT_SIMPLY_HOLDING:
            if claim not in shown:
                missing.append((name, claim))
    assert not missing, f"{page} shows these claims without the audit's verdict: {missing}"


@pytest.mark.parametrize("page", sorted(CHAPTERS))
def test_no_page_judges_a_claim_in_its_own_words(page):
    """A paragraph that shows a judged claim's figure and speaks of a verdict shows the
    audit's verdict on that claim, not a paraphrase of its own."""
    text = CHAPTERS[page]
    # The audit's verdict in full (with its arithmetic) or in its one plain sentence.
    verdict_names = {claim: (role(f"{prefix}_verdict"), role(f"{prefix}_plain"))
                     for prefix, claim in glued_claims(text).items()}
    figures = figure_glues(text)
    problems = []
    for paragraph in paragraphs(text):
        if not VERDICT_WORDS.search(paragraph):
            continue
        for name, (series, period) in figures.items():
            if role(name) not in paragraph:
                continue
            for claim in claims_stating(series, period):
                if not any(shown in paragraph for shown in verdict_names.get(claim, ())):
                    problems.append((claim, paragraph.strip()[:120]))
    assert not problems, f"{page} judges claims in its own words: {problems}"


@pytest.mark.parametrize("page", sorted(CHAPTERS))
def test_every_glued_verdict_is_shown(page):
    text = CHAPTERS[page]
    prose = prose_of(text)
    for prefix in glued_claims(text):
        shown = [role(f"{prefix}_{part}") in prose for part in ("verdict", "plain", "reading", "recomputed")]
        assert any(shown), f"{page} glues the verdict {prefix} but never shows it"


def test_the_data_dates_each_claim_as_its_reading():
    """The period under which the data files a claim is the span its main reading checks."""
    wrong = []
    for check in claims.checks():
        if check.kind != "main" or not check.claim:
            continue
        period = stated.split(check.claim)[2]
        if check.span and check.span != period:
            wrong.append((check.id, period, check.span))
        if not re.fullmatch(r"\d{4}-\d{4}", period):
            continue
        years = re.search(r"(\d{4}) to (\d{4})", check.reading) or re.search(r"(\d{4}) to (\d{4})", check.says)
        if years and f"{years.group(1)}-{years.group(2)}" != period:
            wrong.append((check.id, period, years.group(0)))
    assert not wrong, f"the data dates these claims otherwise than the audit reads them: {wrong}"


def test_the_five_years_are_read_and_dated_alike():
    """The text's five years of the recovery: read and dated 1921 to 1926 everywhere."""
    for check_id in ("output_five_and_a_half", "output_average_growth"):
        check = audit.result(check_id).check
        assert stated.split(check.claim)[2] == check.span == "1921-1926"


@pytest.mark.parametrize("page", sorted(CHAPTERS))
def test_wherever_a1_is_used_its_implications_and_the_other_reading_stand_beside_it(page):
    """A page that relies on assumption A1 (the garbled 1913 figure as consumer goods) states
    what A1 implies for 1925 and what the other reading, A1′, implies, both from the data."""
    text = CHAPTERS[page]
    prose = prose_of(text)
    if "**A1**" not in prose:
        return
    assert "**A1′**" in prose, f"{page} uses A1 without the other reading"
    assert "rebuild.glue_a1_implications()" in code_of(text), f"{page} states A1 without its implications"
    for reading in ("a1", "a1p"):
        for group in ("means", "consumer"):
            assert role(f"{reading}_{group}") in prose, (page, reading, group)


@pytest.mark.parametrize("page", sorted(CHAPTERS))
def test_figures_reach_the_prose_under_their_data_names(page):
    """A stated figure is quoted as ``prose.<series>_<period>``, never glued under a name of
    the page's own, which the checks above could not trace to its claim."""
    own_names = re.findall(r"nep\.glue\([^)]*nep\.figure\(", code_of(CHAPTERS[page]))
    assert not own_names, f"{page} glues a stated figure under a name of its own: {own_names}"
