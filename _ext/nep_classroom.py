"""The classroom zip: one folder that a teacher unzips, installs and opens, with no web.

- ``README.md`` (start here), written from ``_ext/classroom/README.md``.
- ``requirements.txt``: the project's pins, less what only the book's build uses, plus a
  tiny wheel (``setup/``) that installs the kernel setting drawing every Altair chart
  offline, in a new notebook too (``_ext/classroom/ipython_kernel_config.py``).
- The chapters as plain Jupyter notebooks, numbered in reading order: their prose in
  CommonMark with the numbers of the build's run (``nep_markdown``), the exercises as
  "**Exercise N.**", numbered within the chapter, and no solutions.
- ``teacher/``: per chapter with exercises, its solutions, each under "Exercise N:
  solution", in a notebook that runs the chapter first and so runs from there.
- ``nep/``, ``data/`` and ``seeds/``, as the chapters import and read them.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zipfile
from pathlib import Path

from nep_markdown import Context, plain_markdown

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "classroom"
KERNEL_CONFIG = HERE / "ipython_kernel_config.py"
# What only the book's build uses: its site, theme, exercises and bibliography. The
# notebooks import myst-nb (nep.glue), so it, Sphinx and docutils stay.
BUILD_ONLY = {"jupyter-book", "sphinx-book-theme", "pydata-sphinx-theme", "sphinx-exercise",
              "sphinxcontrib-bibtex", "vl-convert-python", "jupyterlab-myst"}
OFFLINE_CHARTS = "nep_offline_charts"
OFFLINE_CHARTS_VERSION = "1.0"
WHEEL_FILE = f"{OFFLINE_CHARTS}-{OFFLINE_CHARTS_VERSION}-py3-none-any.whl"
TEACHER = "teacher"

EXERCISE_START = re.compile(r"^```\{exercise-start\}[^\n]*\n((?::[\w-]+:[^\n]*\n)*)```[ \t]*\n?", re.M)
EXERCISE_END = re.compile(r"^```\{exercise-end\}[^\n]*\n```[ \t]*\n?", re.M)
SOLUTION_MARK = re.compile(r"^```\{solution-(start|end)\}[ \t]*(\S*)[^\n]*\n(?::[\w-]+:[^\n]*\n)*```[ \t]*$\n?",
                           re.M)


def requirements_text(project: str) -> str:
    """The project's requirements.txt without the build-only packages (and the comments
    that speak of them), with the offline-charts wheel."""
    kept, comments = [], []
    for line in project.splitlines():
        if line.startswith("#"):
            comments.append(line)
            continue
        name = re.split(r"[=<>!~\[; ]", line.strip(), maxsplit=1)[0].lower().replace("_", "-")
        if line.strip() and name not in BUILD_ONLY:
            kept += comments + [line]
        comments = [] if line.strip() else comments
    return "\n".join([
        "# What the notebooks need to run, and JupyterLab to open them: the book's own pins,",
        "# less the packages only its website's build uses. Install from this folder:",
        "#   pip install -r requirements.txt",
        *kept,
        "# Draws every Altair chart, in a new notebook too, with the Vega that Jupyter ships",
        "# rather than one from the web (a kernel setting; see README.md).",
        f"./setup/{WHEEL_FILE}", ""])


def required_names(requirements: str) -> set[str]:
    return {re.split(r"[=<>!~\[; ]", line.strip(), maxsplit=1)[0].lower().replace("_", "-")
            for line in requirements.splitlines()
            if line.strip() and not line.startswith(("#", "./", "-"))}


def offline_charts_wheel() -> bytes:
    """A wheel whose one file is the kernel setting, installed to ``{sys.prefix}/etc/ipython/``,
    where IPython reads it for every kernel of the environment. Written here, no build backend."""
    dist_info = f"{OFFLINE_CHARTS}-{OFFLINE_CHARTS_VERSION}.dist-info"
    files = {
        f"{OFFLINE_CHARTS}-{OFFLINE_CHARTS_VERSION}.data/data/etc/ipython/ipython_kernel_config.py":
            KERNEL_CONFIG.read_bytes(),
        f"{dist_info}/METADATA": (
            f"Metadata-Version: 2.1\nName: {OFFLINE_CHARTS}\nVersion: {OFFLINE_CHARTS_VERSION}\n"
            "Summary: Kernel setting: Altair charts drawn by Jupyter's own Vega, with no web\n").encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: nep_classroom\nRoot-Is-Purelib: true\n"
                              b"Tag: py3-none-any\n",
    }
    record = []
    for name, content in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(content)}")
    files[f"{dist_info}/RECORD"] = ("\n".join(record + [f"{dist_info}/RECORD,,"]) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for name, content in files.items():
            wheel.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), content)
    return buffer.getvalue()


def exercise_numbers(notebook) -> dict[str, int]:
    """Each exercise's label by its number within the chapter: 1, 2, 3 in order of appearance."""
    labels = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for options in EXERCISE_START.findall(cell.source):
                label = re.search(r":label:\s*(\S+)", options)
                labels.append(label.group(1) if label else f"unlabelled-{len(labels) + 1}")
    return {label: number for number, label in enumerate(labels, 1)}


def _number_exercises(text: str, counter: list[int]) -> str:
    """Each exercise as "**Exercise N.** text", after an empty anchor named by its label: a
    reader sees the number, and a link or the lesson kit can still find the exercise."""
    def start(match):
        counter[0] += 1
        label = re.search(r":label:\s*(\S+)", match.group(1))
        anchor = f'<a id="{label.group(1)}"></a>' if label else ""
        return f"{anchor}**Exercise {counter[0]}.** "
    return EXERCISE_END.sub("", EXERCISE_START.sub(start, text))


def split_solutions(notebook, numbers: dict[str, int]) -> tuple[list, list[tuple[int, list]]]:
    """The chapter's cells without its solutions, and each solution (number, cells) apart.

    A solution may hold code cells and start or end inside a Markdown cell that also holds
    the chapter's prose, so Markdown cells are cut at the solutions' markers.
    """
    import nbformat

    student, solutions, current = [], [], None
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            (current[1] if current else student).append(cell)
            continue
        pieces = SOLUTION_MARK.split(cell.source)
        for index in range(0, len(pieces), 3):
            text = pieces[index].strip("\n")
            if text.strip():
                piece = nbformat.v4.new_markdown_cell(text)
                piece.metadata = dict(cell.metadata)
                (current[1] if current else student).append(piece)
            if index + 1 < len(pieces):
                kind, label = pieces[index + 1], pieces[index + 2]
                if kind == "start":
                    current = (numbers[label], [])
                    solutions.append(current)
                else:
                    current = None
    return student, solutions


def student_and_teacher(notebook, stem: str, context: Context, teacher_context: Context):
    """The chapter for students (plain Markdown, exercises numbered, no solutions) and, if
    it has exercises, the teacher's notebook of its solutions (else None)."""
    import nbformat

    numbers = exercise_numbers(notebook)
    # Jupytext's own header would pair the .ipynb with a MyST file where Jupytext is installed.
    metadata = {key: value for key, value in notebook.metadata.items() if key != "jupytext"}
    student_cells, solutions = split_solutions(notebook, numbers)
    counter = [0]
    for cell in student_cells:
        if cell.cell_type == "markdown":
            cell.source = plain_markdown(_number_exercises(cell.source, counter), context)
        for output in cell.get("outputs", []):
            if "text/markdown" in output.get("data", {}):
                output["data"]["text/markdown"] = plain_markdown(output["data"]["text/markdown"], context)
        cell.metadata.pop("user_expressions", None)
    student = nbformat.v4.new_notebook(cells=student_cells, metadata=metadata)
    if not solutions:
        return student, None
    title = context.titles.get(stem, stem)
    cells = [
        nbformat.v4.new_markdown_cell(
            f"# {title}: solutions\n\nThe solutions of the exercises of "
            f"[{title}](../{stem}.ipynb), for the teacher. The first cell runs the chapter "
            "itself (its output is hidden), so each solution finds the data and the names it uses."),
        nbformat.v4.new_code_cell(
            "%%capture\n# The chapter first, from its own folder (nep/, data/ and seeds/ are there).\n"
            f"%cd ..\n%run {stem}.ipynb"),
    ]
    for number, solution in sorted(solutions, key=lambda item: item[0]):
        cells.append(nbformat.v4.new_markdown_cell(f"## Exercise {number}: solution"))
        for cell in solution:
            if cell.cell_type == "markdown":
                cell.source = plain_markdown(cell.source, teacher_context)
            cells.append(cell)
    teacher = nbformat.v4.new_notebook(cells=cells, metadata=metadata)
    return student, teacher


def chapter_titles(chapters: list[Path]) -> dict[str, str]:
    titles = {}
    for path in chapters:
        heading = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), flags=re.M)
        titles[path.stem] = heading.group(1).strip() if heading else path.stem
    return titles


def write_zip(target: Path, folder: str, chapters: list[tuple[Path, object, dict]],
              package_files: list[Path], book: Path, works: dict) -> None:
    """The zip: README, requirements, setup wheel, notebooks, teacher's notebooks, nep/, data/, seeds/.

    ``chapters`` holds each chapter's path, its notebook (with the build's outputs) and
    its prose values."""
    import nbformat

    titles = chapter_titles([path for path, _, _ in chapters])
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"{folder}/README.md", (HERE / "README.md").read_text(encoding="utf-8"))
        bundle.writestr(f"{folder}/requirements.txt",
                        requirements_text((ROOT / "requirements.txt").read_text(encoding="utf-8")))
        bundle.writestr(f"{folder}/setup/{WHEEL_FILE}", offline_charts_wheel())
        for path, notebook, values in chapters:
            context = Context(values=values, works=works, titles=titles)
            teacher_context = Context(values=values, works=works, titles=titles, to_chapters="../")
            student, teacher = student_and_teacher(notebook, path.stem, context, teacher_context)
            bundle.writestr(f"{folder}/{path.stem}.ipynb", nbformat.writes(student))
            if teacher is not None:
                bundle.writestr(f"{folder}/{TEACHER}/{path.stem}-solutions.ipynb", nbformat.writes(teacher))
        for path in package_files:
            bundle.write(path, f"{folder}/{path.relative_to(book).as_posix()}")
        for name in ("data", "seeds"):
            for path in sorted((ROOT / name).iterdir()):
                bundle.write(path, f"{folder}/{name}/{path.name}")
