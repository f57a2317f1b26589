"""The classroom zip runs as shipped: its README and requirements, its notebooks in plain
Markdown with their numbers, the exercises numbered and their solutions apart in
teacher/, and every notebook run in a fresh environment installed from the zip's own
requirements with the network closed, where a brand-new notebook draws a chart too.
Binder's route (postBuild) draws a new notebook's chart offline as well."""

from __future__ import annotations

import ast
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import jupytext
import nbformat
import pytest

from conftest import BOOK, ROOT, chapter_files
from nep.citations import bibliography
from test_jupyterlab import STUDENT_CHART
from test_notebooks import NO_NETWORK, classroom_download, offline_env  # noqa: F401 (fixtures)

sys.path.insert(0, str(ROOT / "_ext"))
import nep_classroom  # noqa: E402
from nep_markdown import RAW_MARKUP, Context, plain_markdown  # noqa: E402

VEGALITE = "application/vnd.vegalite.v5+json"
EXERCISE_START = "```{exercise-start}"
EVAL_NAME = re.compile(r"\{eval\}`prose\.(\w+)`")


def with_exercises() -> list[Path]:
    return [path for path in chapter_files() if EXERCISE_START in path.read_text(encoding="utf-8")]


def stand_in_values(text: str) -> dict[str, str]:
    """A value for every prose number of ``text``, each one recognisable."""
    return {name: f"<<{name}>>" for name in EVAL_NAME.findall(text)}


# ---------------------------------------------------------------------------
# MyST to plain Markdown, and the exercises apart from their solutions (no build needed)
# ---------------------------------------------------------------------------


def test_roles_become_what_a_reader_expects():
    works = bibliography()
    context = Context(values={"coal": "11.3"}, works=works, titles={"03_setting": "The setting"})
    text = plain_markdown(
        "Coal {eval}`prose.coal` million poods {cite:p}`markevich2011{abstract}`, and "
        "{cite:p}`nutter1962{ch. 7, 'The Pre-Plan Period'},harrison2000`; see {doc}`03_setting`, "
        "{doc}`this chapter <05_fuel>` and [the fuel chapter](05_fuel.md#k-coal) or "
        "{download}`the data <../data/fuel.csv>`.", context)
    assert "Coal 11.3 million poods" in text
    assert f"({works['markevich2011']['year']}" not in text, "a parenthetical citation, not a textual one"
    assert f"(Markevich and Harrison, {works['markevich2011']['year']}, abstract)" in text
    assert f"(Nutter, {works['nutter1962']['year']}, ch. 7, 'The Pre-Plan Period'; " \
           f"Harrison, {works['harrison2000']['year']})" in text
    assert "[The setting](03_setting.ipynb)" in text and "[this chapter](05_fuel.ipynb)" in text
    assert "(05_fuel.ipynb#k-coal)" in text and "[the data](data/fuel.csv)" in text
    assert not RAW_MARKUP.search(text)
    teacher = plain_markdown("{doc}`03_setting`", Context(titles={"03_setting": "S"}, to_chapters="../"))
    assert teacher == "[S](../03_setting.ipynb)"


def test_directives_targets_and_definitions_become_plain_markdown():
    text = plain_markdown(textwrap.dedent("""\
        (a-target)=
        ## Heading

        ````{note} Read this
        :class: tip
        Outer text.
        ```{warning}
        Inner text.
        ```
        ````

        :::{dropdown} More
        Hidden words.
        :::

        Poods
        : The Russian unit of weight.
          Still the definition.

        ```{bibliography}
        ```
        """), Context(works=bibliography()))
    assert not RAW_MARKUP.search(text), RAW_MARKUP.search(text).group()
    assert "a-target" not in text and ":class:" not in text
    assert "**Read this**\n\n> Outer text.\n> **Warning**\n>\n> > Inner text." in text
    assert "**More**\n\n> Hidden words." in text
    assert "- **Poods**: The Russian unit of weight.\n  Still the definition." in text
    assert "Harrison, Mark (2000). *Soviet Industrial Production" in text, "the bibliography is listed"


def test_a_prose_number_without_a_value_stops_the_zip():
    with pytest.raises(KeyError, match="prose.missing"):
        plain_markdown("{eval}`prose.missing`", Context())


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.stem)
def test_every_chapter_reads_as_plain_markdown_for_students_and_teachers(path):
    text = path.read_text(encoding="utf-8")
    values, works = stand_in_values(text), bibliography()
    titles = nep_classroom.chapter_titles(chapter_files())
    student, teacher = nep_classroom.student_and_teacher(
        jupytext.read(path), path.stem, Context(values=values, works=works, titles=titles),
        Context(values=values, works=works, titles=titles, to_chapters="../"))
    exercises = text.count(EXERCISE_START)
    student_text = "\n".join(cell.source for cell in student.cells if cell.cell_type == "markdown")
    for cell in [*student.cells, *(teacher.cells if teacher else [])]:
        if cell.cell_type == "markdown":
            assert not RAW_MARKUP.search(cell.source), f"{path.name}: {RAW_MARKUP.search(cell.source).group()!r}"
    # Every prose number shows its value.
    assert all(value in student_text or value in "".join(c.source for c in teacher.cells)
               for value in values.values()) if teacher else all(v in student_text for v in values.values())
    # The exercises are numbered 1, 2, 3 … within the chapter; their solutions are elsewhere.
    assert re.findall(r"\*\*Exercise (\d+)\.\*\*", student_text) == [str(n) for n in range(1, exercises + 1)]
    labels = re.findall(r"^:label: (\S+)", text, flags=re.M)
    assert re.findall(r"<a id=\"([^\"]+)\"></a>\*\*Exercise \d+\.\*\*", student_text) == labels
    assert "solution" not in student_text.lower() or "solution-start" not in text
    if not exercises:
        assert teacher is None
        return
    headings = [cell.source for cell in teacher.cells if cell.source.startswith("## Exercise")]
    assert headings == [f"## Exercise {n}: solution" for n in range(1, exercises + 1)]
    solution_code = [cell.source for cell in teacher.cells[2:] if cell.cell_type == "code"]
    student_code = {cell.source for cell in student.cells if cell.cell_type == "code"}
    assert not set(solution_code) & student_code, "a solution's code is left in the students' notebook"
    assert len(solution_code) + len(student_code) == len(
        [cell for cell in jupytext.read(path).cells if cell.cell_type == "code"])


def test_a_solution_that_shares_a_cell_with_prose_is_cut_out_of_it():
    notebook = jupytext.reads(textwrap.dedent("""\
        ---
        jupyter:
          kernelspec: {name: python3, display_name: Python 3, language: python}
        ---
        Before.

        ```{exercise-start}
        :label: first
        ```
        Count the rows.
        ```{exercise-end}
        ```

        ```{solution-start} first
        :class: dropdown
        ```
        Use len.

        ```{code-cell} ipython3
        print(len([1, 2]))
        ```

        It is two.
        ```{solution-end}
        ```

        Between.

        ```{exercise-start}
        :label: second
        ```
        Say why.
        ```{exercise-end}
        ```
        ```{solution-start} second
        ```
        Because.
        ```{solution-end}
        ```
        After.
        """), fmt="md:myst")
    student, teacher = nep_classroom.student_and_teacher(notebook, "99_probe", Context(), Context())
    said = "\n".join(cell.source for cell in student.cells)
    for words in ("Before.", "<a id=\"first\"></a>**Exercise 1.** Count the rows.", "Between.",
                  "<a id=\"second\"></a>**Exercise 2.** Say why.", "After."):
        assert words in said
    for words in ("Use len", "print(len", "It is two", "Because"):
        assert words not in said
    kept = [cell.source for cell in teacher.cells]
    assert kept.index("## Exercise 1: solution") < kept.index("Use len.") < kept.index("print(len([1, 2]))") \
        < kept.index("It is two.") < kept.index("## Exercise 2: solution") < kept.index("Because.")
    assert "%run 99_probe.ipynb" in kept[1] and "%cd .." in kept[1]


# ---------------------------------------------------------------------------
# The requirements and the offline-charts wheel
# ---------------------------------------------------------------------------

PROJECT_REQUIREMENTS = (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_the_zips_requirements_are_the_projects_pins_less_the_build():
    zipped = nep_classroom.requirements_text(PROJECT_REQUIREMENTS)
    project_pins = [line for line in PROJECT_REQUIREMENTS.splitlines() if line.strip() and not line.startswith("#")]
    zipped_pins = [line for line in zipped.splitlines() if line.strip() and not line.startswith("#")]
    dropped = set(project_pins) - set(zipped_pins)
    assert {nep_classroom.required_names(line).pop() for line in dropped} == nep_classroom.BUILD_ONLY
    assert set(zipped_pins) - set(project_pins) == {f"./setup/{nep_classroom.WHEEL_FILE}"}
    for needed in ("jupyterlab", "jupytext", "ipykernel", "jupyter-server", "myst-nb", "altair", "pandas"):
        assert needed in nep_classroom.required_names(zipped)
    assert "CVE-2026-44727" in zipped and "jupyter-book" not in zipped


def _top_level_imports(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            modules.add(node.module.split(".")[0])
    return modules


def _closure(names: set[str]) -> set[str]:
    """Distributions ``names`` install, with everything they require (as installed here)."""
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        todo += [re.split(r"[ ;<>=!~\[(]", line, maxsplit=1)[0] for line in requires if "extra ==" not in line]
    return seen


def test_every_import_of_the_notebooks_and_of_nep_is_installed_by_the_zips_requirements():
    sources = [path.read_text(encoding="utf-8") for path in (BOOK / "nep").glob("*.py")]
    for path in chapter_files():
        sources += ["\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
                    for cell in jupytext.read(path).cells if cell.cell_type == "code"]
    imported = set().union(*map(_top_level_imports, sources)) - set(sys.stdlib_module_names) - {"nep", "__main__"}
    assert {"pandas", "altair", "myst_nb"} <= imported, "the scan finds the chapters' imports"
    installed = _closure(nep_classroom.required_names(nep_classroom.requirements_text(PROJECT_REQUIREMENTS)))
    providers = importlib.metadata.packages_distributions()
    unmet = {module: providers.get(module) for module in imported
             if not {dist.lower().replace("_", "-") for dist in providers.get(module, [])} & installed}
    assert unmet == {}


def test_the_offline_charts_wheel_installs_the_kernel_setting_under_the_prefix(tmp_path):
    wheel = tmp_path / nep_classroom.WHEEL_FILE
    wheel.write_bytes(nep_classroom.offline_charts_wheel())
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        config = [name for name in names if name.endswith("/data/etc/ipython/ipython_kernel_config.py")]
        assert len(config) == 1
        assert archive.read(config[0]) == nep_classroom.KERNEL_CONFIG.read_bytes()
        record = archive.read(next(name for name in names if name.endswith("/RECORD"))).decode()
    assert all(name in record for name in names)
    target = tmp_path / "prefix"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                             "--prefix", str(target), str(wheel)], capture_output=True, text=True,
                            env=dict(os.environ, PIP_CONFIG_FILE=os.devnull))
    assert result.returncode == 0, result.stderr
    assert (target / "etc" / "ipython" / "ipython_kernel_config.py").is_file()


# ---------------------------------------------------------------------------
# The zip the build writes
# ---------------------------------------------------------------------------


def zipped_notebooks(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.ipynb")) + sorted((folder / nep_classroom.TEACHER).glob("*.ipynb"))


def markdown_shown(notebook) -> list[str]:
    """What a Jupyter without jupyterlab-myst renders as Markdown: the cells, and Markdown outputs."""
    shown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    shown += [output["data"]["text/markdown"] for cell in notebook.cells for output in cell.get("outputs", [])
              if "text/markdown" in output.get("data", {})]
    return shown


def test_the_zip_holds_a_readme_its_requirements_and_the_teachers_solutions(classroom_download):
    readme = (classroom_download / "README.md").read_text(encoding="utf-8")
    for words in ("Start here", "Python 3.11", "python -m venv .venv", "pip install -r requirements.txt",
                  "JupyterLab", "Jupyter Notebook", "VS Code", "`nep/`", "`data/`", "`seeds/`", "`teacher/`",
                  "pip download -r requirements.txt -d wheelhouse", "--no-index", "new notebook"):
        assert words in readme, words
    requirements = (classroom_download / "requirements.txt").read_text(encoding="utf-8")
    assert requirements == nep_classroom.requirements_text(PROJECT_REQUIREMENTS)
    wheel = re.search(r"^\./(setup/\S+\.whl)$", requirements, flags=re.M).group(1)
    assert (classroom_download / wheel).is_file()
    teacher = sorted(path.name for path in (classroom_download / "teacher").glob("*.ipynb"))
    assert teacher == [f"{path.stem}-solutions.ipynb" for path in with_exercises()]


def test_the_zipped_teachers_page_links_the_printed_pack_the_zip_carries(classroom_download, built_book):
    """Each PDF the teachers' page links is in the zip, beside the notebook, as the site printed it."""
    notebook = nbformat.read(classroom_download / "20_teaching.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    links = re.findall(r'href="([^"]+\.pdf)"', text)
    assert len(links) == 5, links
    for link in links:
        carried = classroom_download / link
        assert carried.is_file(), f"{link} is not in the zip"
        assert carried.read_bytes() == (built_book.html / "_static" / Path(link).name).read_bytes()


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.stem)
def test_a_zipped_notebook_shows_no_myst_markup_and_its_numbers(path, classroom_download, built_book):
    notebooks = [classroom_download / f"{path.stem}.ipynb"]
    notebooks += [notebook for notebook in [classroom_download / "teacher" / f"{path.stem}-solutions.ipynb"]
                  if notebook.is_file()]
    shown = []
    for notebook_path in notebooks:
        notebook = nbformat.read(notebook_path, as_version=4)
        shown += markdown_shown(notebook)
        assert "jupytext" not in notebook.metadata
    for text in shown:
        assert not RAW_MARKUP.search(text), f"{path.stem}: {RAW_MARKUP.search(text).group()!r}"
    glue = built_book.jupyter_execute / "book" / f"{path.stem}.glue.json"
    quoted = set(EVAL_NAME.findall(path.read_text(encoding="utf-8")))
    recorded = json.loads(glue.read_text()) if glue.is_file() else {}
    joined = "\n".join(shown)
    for name in quoted:
        text = recorded[name]["data"]["text/plain"]
        value = ast.literal_eval(text) if text[:1] in "'\"" else text
        assert value in joined, f"{path.stem}: prose.{name} = {value!r} is not shown"


# ---------------------------------------------------------------------------
# Installed from the zip's requirements, offline, every notebook runs
# ---------------------------------------------------------------------------

# Run in the zip's environment: execute a notebook with its folder as the working
# directory, as Jupyter does, and save it with its outputs.
RUN_NOTEBOOK = textwrap.dedent('''
    import sys
    import nbformat
    from nbclient import NotebookClient
    source, cwd, saved = sys.argv[1:4]
    notebook = nbformat.read(source, as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": cwd}}).execute()
    nbformat.write(notebook, saved)
''')


def unshare_works() -> bool:
    """A network namespace with only loopback (as root, with util-linux's unshare)."""
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        return False
    probe = subprocess.run(["unshare", "-n", "sh", "-c", "ip link set lo up"], capture_output=True)
    return probe.returncode == 0


class Offline:
    """Runs commands with no route beyond this machine: in a network namespace with loopback
    up, or where that cannot be made, with a sitecustomize that refuses every other address."""

    def __init__(self, scratch: Path):
        self.namespace = unshare_works()
        self.env = {"HOME": str(scratch), "PATH": "/usr/bin:/bin", "PIP_CONFIG_FILE": os.devnull,
                    "PIP_NO_INPUT": "1", "LANG": "C.UTF-8"}
        if not self.namespace:
            (scratch / "sitecustomize.py").write_text(NO_NETWORK)
            self.env["PYTHONPATH"] = str(scratch)

    def run(self, command: list[str], cwd: Path, path_first: Path | None = None, timeout: float = 900):
        env = dict(self.env, PATH=f"{path_first}:{self.env['PATH']}" if path_first else self.env["PATH"])
        if self.namespace:
            command = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *command]
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def zip_environment(classroom_download, tmp_path_factory):
    """The zip unpacked, its wheelhouse downloaded once (a teacher's one-time step, with the
    registry), then a fresh environment installed from the zip's requirements.txt with the
    network closed: ``(folder, python, offline)``."""
    folder = tmp_path_factory.mktemp("zip") / "classroom"
    shutil.copytree(classroom_download, folder)
    download = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "-r", "requirements.txt",
                               "-d", "wheelhouse"], cwd=folder, capture_output=True, text=True, timeout=1800)
    assert download.returncode == 0, download.stderr[-3000:]
    offline = Offline(tmp_path_factory.mktemp("offline-home"))
    made = offline.run([sys.executable, "-m", "venv", ".venv"], cwd=folder)
    assert made.returncode == 0, made.stderr
    python = folder / ".venv" / "bin" / "python"
    installed = offline.run([str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links",
                             "wheelhouse", "-r", "requirements.txt"], cwd=folder)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-3000:]
    return folder, python, offline


def run_zipped(zip_environment, notebook: Path, cwd: Path):
    folder, python, offline = zip_environment
    saved = notebook.with_name(notebook.stem + ".ran.ipynb")
    result = offline.run([str(python), "-c", RUN_NOTEBOOK, str(notebook), str(cwd), str(saved)], cwd=cwd,
                         path_first=python.parent)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return nbformat.read(saved, as_version=4)


def test_the_zip_environment_really_is_offline(zip_environment):
    folder, python, offline = zip_environment
    probe = offline.run([str(python), "-c", "import socket; socket.create_connection(('192.0.2.1', 80), timeout=3)"],
                        cwd=folder)
    assert probe.returncode != 0
    assert re.search(r"unreachable|network closed by the tests", probe.stderr), probe.stderr[-500:]


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.stem)
def test_a_students_notebook_runs_from_the_zip_offline(path, zip_environment):
    folder = zip_environment[0]
    notebook = run_zipped(zip_environment, folder / f"{path.stem}.ipynb", folder)
    assert any(cell.cell_type == "code" and cell.outputs for cell in notebook.cells)


@pytest.mark.parametrize("path", with_exercises(), ids=lambda p: p.stem)
def test_a_teachers_solutions_run_from_the_teacher_folder_offline(path, zip_environment):
    teacher = zip_environment[0] / "teacher"
    notebook = run_zipped(zip_environment, teacher / f"{path.stem}-solutions.ipynb", teacher)
    errors = [output for cell in notebook.cells for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert not errors
    solutions = [cell for cell in notebook.cells[2:] if cell.cell_type == "code"]
    assert solutions and all(cell.execution_count for cell in solutions)


def new_chart_notebook(folder: Path) -> Path:
    """A brand-new notebook with one cell: a student's own Altair chart, no ``import nep``."""
    path = folder / "my-own-chart.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STUDENT_CHART)],
                                            metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                     "display_name": "Python 3"}}), path)
    return path


def chart_output(notebook) -> dict:
    [output] = [output for output in notebook.cells[-1].outputs if output.get("output_type") == "execute_result"]
    return output["data"]


def assert_drawn_by_jupyter(data: dict):
    assert VEGALITE in data, sorted(data)
    html = data.get("text/html", "")
    assert not re.search(r"<script|cdn", html, flags=re.I), html[:300]


def test_a_new_notebook_in_the_zip_draws_a_chart_offline(zip_environment):
    folder = zip_environment[0]
    notebook = run_zipped(zip_environment, new_chart_notebook(folder), folder)
    assert_drawn_by_jupyter(chart_output(notebook))


# ---------------------------------------------------------------------------
# Binder's route: postBuild puts the same kernel setting in the environment
# ---------------------------------------------------------------------------


def run_in_classroom(classroom_python, notebook: Path, env: dict):
    saved = notebook.with_name("ran.ipynb")
    env = dict(env, PATH=f"{classroom_python.parent}:{env['PATH']}")
    result = subprocess.run([str(classroom_python), "-c", RUN_NOTEBOOK, str(notebook), str(notebook.parent),
                             str(saved)], cwd=notebook.parent, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return nbformat.read(saved, as_version=4)


def test_on_binder_a_new_notebook_draws_a_chart_offline(classroom_python, offline_env, tmp_path):
    home = tmp_path / "home"
    env = dict(os.environ, HOME=str(home), PATH=f"{classroom_python.parent}:{os.environ['PATH']}")
    env.pop("NEP_BOOK_BUILD", None)
    subprocess.run(["bash", str(ROOT / "postBuild")], check=True, env=env, cwd=ROOT)
    prefix = Path(subprocess.run([str(classroom_python), "-c", "import sys; print(sys.prefix)"],
                                 capture_output=True, text=True, check=True).stdout.strip())
    installed = prefix / "etc" / "ipython" / "ipython_kernel_config.py"
    assert installed.read_bytes() == nep_classroom.KERNEL_CONFIG.read_bytes()
    work = tmp_path / "work"
    work.mkdir()
    assert_drawn_by_jupyter(chart_output(run_in_classroom(classroom_python, new_chart_notebook(work), offline_env)))
    # The book's build keeps Altair's own renderer: it draws its charts with its own bundle.
    built = chart_output(run_in_classroom(classroom_python, new_chart_notebook(work),
                                          dict(offline_env, NEP_BOOK_BUILD="1")))
    assert VEGALITE not in built and "text/html" in built
