"""Sphinx extension of the book: exercises numbered within their chapter.

Sphinx numbers sphinx-exercise's exercises, like figures, across the whole book unless
its table of contents is numbered, so the fourth chapter with exercises opened on
"Exercise 10". A student, a lesson plan and the classroom notebooks all say "Exercise 1"
of a chapter, so each chapter's exercises are renumbered from 1, in their order on the
page, once Sphinx has assigned its own numbers. The solutions' titles and every
reference to an exercise read the same numbers.
"""

from __future__ import annotations

FIGTYPE = "exercise"


def number_within_chapters(toc_fignumbers: dict) -> list[str]:
    """Renumber each document's exercises 1, 2, 3 … in their book-wide order; returns
    the documents whose numbers changed."""
    changed = []
    for docname, numbers in toc_fignumbers.items():
        exercises = numbers.get(FIGTYPE)
        if not exercises:
            continue
        in_order = sorted(exercises, key=exercises.get)
        renumbered = {exercise_id: (position,) for position, exercise_id in enumerate(in_order, start=1)}
        if renumbered != exercises:
            numbers[FIGTYPE] = renumbered
            changed.append(docname)
    return changed


def _renumber(app, env) -> list[str]:
    return number_within_chapters(env.toc_fignumbers)


def setup(app):
    # After Sphinx's own table-of-contents collector (priority 500) has numbered them.
    app.connect("env-get-updated", _renumber, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
