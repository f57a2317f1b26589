"""The folder a student opens: chapters in reading order and one helpers' package, whose
modules import one another without a cycle and each stay small enough to read."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import yaml

from conftest import BOOK, ROOT, chapter_files
from nep import pages

PACKAGE = BOOK / "nep"
# The longest a helper module may grow; the declarative list of claims is data, not logic.
MOST_LINES = 600
DECLARATIVE = {"claims.py"}
# What a book needs beside its chapters: the helpers' package, the theme's assets, the bibliography.
BESIDE_THE_CHAPTERS = {"nep", "_static", "references.bib"}


def project_modules() -> dict[str, Path]:
    """Every module of the project by its import name: ``nep``, ``nep.audit``, the build's ``nep_build``."""
    modules = {"nep" if path.stem == "__init__" else f"nep.{path.stem}": path
               for path in PACKAGE.glob("*.py")}
    modules.update({path.stem: path for path in (ROOT / "_ext").glob("*.py")})
    return modules


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports, wherever in the file (a function's import counts)."""
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([package, *([node.module] if node.module else [])])
            # `from . import audit` imports a module; `from .data import load` a name of one.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        found |= {target for target in targets if target in known}
    return found - {name}


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` as a path that returns to its start, or ``[]``."""
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> list[str]:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return trail[trail.index(target):] + [target]
            if target not in state and (cycle := visit(target, trail + [target])):
                return cycle
        state[node] = "done"
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return []


def tracked_in_book() -> set[str]:
    """What ``ls book/`` shows in a fresh clone: the entries of book/ that git tracks
    (a build adds ignored files, such as the rebuilt table the lost-table chapter writes)."""
    listed = subprocess.run(["git", "ls-files", "book"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    assert listed, "book/ is tracked by git"
    return {Path(path).relative_to("book").parts[0] for path in listed}


def test_the_book_folder_shows_numbered_chapters_and_one_package():
    entries = tracked_in_book()
    numbered = [name for name in entries if pages.NUMBERED.fullmatch(Path(name).stem)]
    others = entries - set(numbered)
    assert others == BESIDE_THE_CHAPTERS
    assert all(name.endswith(".md") for name in numbered)
    numbers = [int(name[:2]) for name in sorted(numbered)]
    assert numbers == list(range(len(numbers))), "chapter numbers run 00, 01, 02, … with no gap"


def test_the_table_of_contents_follows_the_numbers():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    listed = [Path(toc["root"]).name] + [Path(chapter["file"]).name for part in toc["parts"]
                                         for chapter in part["chapters"]]
    assert listed == sorted(listed) == [path.stem for path in chapter_files()]
    assert [pages.page(name) for name in pages.chapter_files()] == listed


def test_a_chapter_name_finds_its_file_and_page():
    assert pages.name_of("05_fuel") == "fuel"
    assert pages.chapter_file("fuel").name.endswith("_fuel.md")
    assert pages.href("fuel", "k-x") == f"{pages.page('fuel')}.html#k-x"
    try:
        pages.chapter_file("no_such_chapter")
    except KeyError as error:
        assert "no_such_chapter" in str(error) and "fuel" in str(error)
    else:
        raise AssertionError("an unknown chapter must raise")


def test_the_project_modules_import_one_another_without_a_cycle():
    graph = import_graph()
    assert graph["nep.audit"], "the import graph finds the audit's imports"
    assert find_cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_data_prose_and_charts_know_nothing_of_the_audit():
    graph = import_graph()
    audit_modules = {"nep.audit", "nep.claims", "nep.stated", "nep.rebuild", "nep.audit_html",
                     "nep.audit_charts", "nep.outside", "nep.source_page", "nep.lesson_kit"}
    core = ["nep", "nep.data", "nep.numbers", "nep.prose_numbers", "nep.charts", "nep.tables",
            "nep.pages"]
    for module in core:
        assert not graph[module] & audit_modules, module


def test_no_helper_module_is_a_giant():
    lengths = {path.name: len(path.read_text(encoding="utf-8").splitlines())
               for path in [*PACKAGE.glob("*.py"), *(ROOT / "_ext").glob("*.py")]}
    assert {name: n for name, n in lengths.items() if n > MOST_LINES and name not in DECLARATIVE} == {}


def test_each_module_says_what_it_does():
    for name, path in project_modules().items():
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert docstring and len(docstring.split()) >= 5, f"{name} has no docstring saying what it does"
    listed = set(re.findall(r"^``nep\.(\w+)``", ast.get_docstring(ast.parse((PACKAGE / "__init__.py").read_text())), flags=re.M))
    assert listed == {path.stem for path in PACKAGE.glob("*.py")} - {"__init__"}, \
        "the package's docstring lists every module"
