"""The book's chapters by name.

A chapter's file is numbered, so that a student who opens ``book/`` sees the chapters in
reading order: the chapter ``fuel`` is ``book/05_fuel.md`` in the repository (MyST) and
``05_fuel.ipynb`` in the classroom download, and its page is ``05_fuel.html``. Code names
a chapter without its number (``page("fuel")``), so a renumbering changes only the files.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# The folder of the chapters: the package's parent (book/, or the unzipped classroom folder).
CHAPTERS = Path(__file__).resolve().parent.parent
NUMBERED = re.compile(r"(?P<number>\d{2})_(?P<name>[a-z][a-z0-9_]*)")


@lru_cache(maxsize=4)
def _chapter_files(folder: Path) -> dict[str, Path]:
    files = {}
    for path in sorted(folder.iterdir()):
        match = NUMBERED.fullmatch(path.stem)
        if match and path.suffix in (".md", ".ipynb"):
            files.setdefault(match["name"], path)  # .md before .ipynb, as sorted
    return files


def chapter_files(folder: Path | None = None) -> dict[str, Path]:
    """Every chapter by name, in reading order: ``{"intro": book/00_intro.md, …}``."""
    return dict(_chapter_files(folder or CHAPTERS))


def name_of(stem: str) -> str:
    """A chapter's name from its file or page stem: ``05_fuel`` is ``fuel``."""
    match = NUMBERED.fullmatch(stem)
    if not match:
        raise ValueError(f"not a numbered chapter: {stem!r} (expected NN_name)")
    return match["name"]


def chapter_file(name: str) -> Path:
    """The file of the chapter ``name``; a clear error when there is none."""
    files = chapter_files()
    if name not in files:
        raise KeyError(f"no chapter named {name!r} in {CHAPTERS}: the chapters are {', '.join(files)}")
    return files[name]


def page(name: str) -> str:
    """The page (and file) stem of the chapter ``name``: ``page("fuel") == "05_fuel"``."""
    return chapter_file(name).stem


def href(name: str, anchor: str = "") -> str:
    """A link from one chapter's page to another's (all pages sit in one folder)."""
    return f"{page(name)}.html" + (f"#{anchor}" if anchor else "")
