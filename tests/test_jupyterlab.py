"""JupyterLab, as a student meets the book: started from an environment made only from
requirements.txt, driven in Chromium with every request beyond the server blocked.

- A chapter opened as Binder opens it (the MyST .md, with the viewer postBuild sets),
  then run: its prose shows numbers, not roles, and its charts are drawn.
- A downloaded notebook (.ipynb from the classroom zip), opened and not run: the same.
- No chapter keeps a raw role that Jupyter would show as text.
- A brand-new notebook, without `import nep`, draws a chart with the web blocked.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
import zipfile

import pytest

from conftest import ROOT, chapter_files
from test_binder import TOKEN, free_port, start_server
from test_notebooks import NO_NETWORK
from nep import pages

CHAPTER = pages.page("heavy_light")  # its file and page stem: 10_heavy_light
RAW_ROLE = re.compile(r"\{glue(:\w+)?\}`|\{eval\}`")
# The cells of a notebook are all in the page (JupyterLab otherwise draws only those in
# view), and nothing a test does is saved back.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}


def executed(built_book, name: str):
    import nbformat  # it joins the lines a notebook file stores each output as

    return nbformat.read(built_book.jupyter_execute / "book" / f"{name}.ipynb", as_version=4)


def prose_values(built_book, name: str) -> list[str]:
    """Every number the chapter's prose quotes, as the book build computed it (a page may
    compute more than its prose quotes: the audit glues a verdict's tier and reading too)."""
    glue = json.loads((built_book.jupyter_execute / "book" / f"{name}.glue.json").read_text())
    quoted = set(re.findall(r"\{eval\}`prose\.(\w+)`", (ROOT / "book" / f"{name}.md").read_text()))
    assert quoted, f"{name} quotes no prose value"
    values = []
    for glued, output in glue.items():
        if glued not in quoted:
            continue
        text = output["data"]["text/plain"]
        quoted_text = len(text) >= 2 and text[0] in "'\"" and text[0] == text[-1]
        values.append(ast.literal_eval(text) if quoted_text else text)
    return values


def chart_count(built_book, name: str) -> int:
    notebook = executed(built_book, name)
    return sum('class="nep-chart"' in output.get("data", {}).get("text/html", "")
               for cell in notebook["cells"] if cell["cell_type"] == "code" for output in cell["outputs"])


@pytest.fixture(scope="session")
def lab(classroom_python, tmp_path_factory):
    """One JupyterLab for the session, on loopback, with token auth, serving a scratch
    copy of the project (book/, data/, seeds/ as in the repository)."""
    work = tmp_path_factory.mktemp("lab")
    root, home = work / "root", work / "home"
    for folder in ("book", "data", "seeds"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    settings = work / "settings"
    for name, values in SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))
    offline = work / "offline"
    offline.mkdir()
    (offline / "sitecustomize.py").write_text(NO_NETWORK)
    bin_dir = classroom_python.parent
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
               JUPYTERLAB_SETTINGS_DIR=str(settings), PYTHONPATH=str(offline),
               PATH=f"{bin_dir}:/usr/bin:/bin")
    env.pop("NEP_BOOK_BUILD", None)
    # As Binder does: a double click on a chapter opens it as a notebook.
    subprocess.run(["bash", str(ROOT / "postBuild")], check=True, env=env, cwd=root)
    port = free_port()
    command = [str(bin_dir / "jupyter-lab"), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
               "--LabApp.news_url=", "--LabApp.expose_app_in_browser=True"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = work / "lab.log"
    server, base = start_server(command, port, log_path, timeout=120, env=env, cwd=root)
    yield base, root
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def open_in_lab(browser, base: str, path: str, workspace: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside = []

    def only_the_server(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_server)
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{path}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60000)
    return page, outside


KERNEL_READY = """() => {
  const kernel = window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""
NOTEBOOK_TEXT = "() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook').innerText"
DRAWN_CHARTS = ("() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
                ".jp-RenderedVegaLite')].filter(chart => chart.querySelector('canvas, svg')).length")


# A Markdown renderer may set straight quotes as typographic ones (jupyterlab-myst does, in
# the zip's plain Markdown, where the value is written into the text).
STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


# A reader opens a fold (the audit's arithmetic is a dropdown, a <details> in jupyterlab-myst)
# to read it; the prose is rendered again as its numbers arrive, so folds are opened each time.
OPEN_FOLDS = ("() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook "
              "details:not([open])').forEach(fold => { fold.open = true; })")


def wait_for_prose(page, values: list[str], timeout: float = 90) -> str:
    """The notebook's text, its folds opened, once every prose value shows (or the last text
    seen), its quotes straight."""
    deadline = time.monotonic() + timeout
    while True:
        page.evaluate(OPEN_FOLDS)
        text = page.evaluate(NOTEBOOK_TEXT).translate(STRAIGHT_QUOTES)
        if all(value in text for value in values) or time.monotonic() > deadline:
            return text
        time.sleep(1)


def check_reads_like_the_book(page, outside, built_book, name: str):
    values = prose_values(built_book, name)
    text = wait_for_prose(page, values)
    missing = [value for value in values if value not in text]
    assert not missing, f"prose numbers not shown: {missing[:10]}"
    assert not RAW_ROLE.search(text), RAW_ROLE.search(text).group()
    assert "NameError" not in text and "AttributeError" not in text
    charts = chart_count(built_book, name)
    page.wait_for_function(f"() => ({DRAWN_CHARTS})() >= {charts}", timeout=60000)
    assert page.evaluate(DRAWN_CHARTS) == charts
    assert not outside, f"requests beyond the server: {outside[:5]}"


@pytest.mark.browser
def test_a_chapter_opened_as_on_binder_reads_like_the_book_once_run(lab, browser, built_book):
    base, root = lab
    page, outside = open_in_lab(browser, base, f"book/{CHAPTER}.md", "binder")
    # Opened as a notebook (the Jupytext viewer), with a kernel.
    page.wait_for_function("() => document.querySelector('.jp-NotebookPanel') !== null")
    page.wait_for_function(KERNEL_READY, timeout=120000)
    # Started, not awaited: the numbers and charts appearing are what the test waits for.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    check_reads_like_the_book(page, outside, built_book, CHAPTER)
    # The plumbing is folded: its code is not on the page, only its fold.
    assert page.locator(".jp-InputPlaceholder").count() >= 1
    assert "glue(" not in page.evaluate(NOTEBOOK_TEXT)
    # The first screen: the imports, then the chapter's data at a glance (its code folded).
    assert "import nep" in page.locator(".jp-CodeCell").first.inner_text()
    assert page.locator(".jp-CodeCell").nth(1).locator(".jp-OutputArea table").count() >= 1
    page.close()


@pytest.mark.browser
def test_a_downloaded_notebook_shows_numbers_and_charts_before_running(lab, browser, built_book):
    base, root = lab
    with zipfile.ZipFile(built_book.html / "_static" / "nep-industry-recovery-notebooks.zip") as bundle:
        bundle.extractall(root / "download")
    path = f"download/nep-industry-recovery/{CHAPTER}.ipynb"
    page, outside = open_in_lab(browser, base, path, "download")
    # Nothing is run here: the numbers and the charts come with the file.
    check_reads_like_the_book(page, outside, built_book, CHAPTER)
    page.close()


# A chart as a student writes it in an exercise, in a new cell below the chapter.
STUDENT_CHART = """import altair as alt
import pandas as pd

points = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
alt.Chart(points).mark_point().encode(x="x", y="y")"""
# The output of the notebook's last cell: a Vega view that has drawn its marks.
LAST_CELL_CHART = """() => {
  const cells = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell');
  const output = cells[cells.length - 1].querySelector('.jp-OutputArea');
  return !!output && !!output.querySelector('.jp-RenderedVegaLite svg, .jp-RenderedVegaLite canvas');
}"""


def test_importing_nep_makes_altair_write_the_chart_for_the_notebook_to_draw(classroom_python):
    """Outside the book build, a plain Altair chart's output is the Vega-Lite spec for the
    notebook to draw, with no HTML that fetches Vega from the web."""
    code = f"import nep\n{STUDENT_CHART.replace('alt.Chart', 'chart = alt.Chart')}\n" + (
        "import json\nbundle = chart._repr_mimebundle_()\n"
        "bundle = bundle[0] if isinstance(bundle, tuple) else bundle\n"
        "print(json.dumps(sorted(bundle)))\n"
        # A spec names its schema by URL, which nothing fetches; a script or a CDN would load.
        "print(any(word in json.dumps(bundle).lower() for word in ('<script', 'cdn')))")
    env = {key: value for key, value in os.environ.items() if key != "NEP_BOOK_BUILD"}
    result = subprocess.run([str(classroom_python), "-c", code], cwd=ROOT / "book", env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    kinds, mentions_web = result.stdout.splitlines()[-2:]
    assert json.loads(kinds) == ["application/vnd.vegalite.v5+json", "text/plain"]
    assert mentions_web == "False"


@pytest.mark.browser
def test_a_students_own_altair_chart_draws_with_the_web_blocked(lab, browser):
    """A new cell below a chapter, holding the student's own alt.Chart, draws in JupyterLab
    with every request beyond the local server blocked (as on a locked-down school network)."""
    base, root = lab
    page, outside = open_in_lab(browser, base, f"book/{pages.page('reading')}.md", "student")
    page.wait_for_function(KERNEL_READY, timeout=120000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(KERNEL_READY, timeout=120000)
    page.evaluate("""async (code) => {
      const app = window.jupyterapp;
      const notebook = app.shell.currentWidget.content;
      notebook.activeCellIndex = notebook.widgets.length - 1;
      await app.commands.execute('notebook:insert-cell-below');
      await app.commands.execute('notebook:change-cell-to-code');
      notebook.activeCell.model.sharedModel.setSource(code);
      await app.commands.execute('notebook:run-cell');
    }""", STUDENT_CHART)
    page.wait_for_function(LAST_CELL_CHART, timeout=60000)
    assert not outside, f"requests beyond the server: {outside[:5]}"
    page.close()


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.stem)
def test_no_raw_role_is_left_for_jupyter_to_show(path):
    """JupyterLab shows {glue:text} as the role itself: the prose uses {eval}`prose.NAME`."""
    text = path.read_text(encoding="utf-8")
    raw = re.findall(r"\{glue(?::\w+)?\}`[^`]*`", text)
    assert not raw, f"{len(raw)} raw roles left, e.g. {raw[0]}: quote it as {{eval}}`prose.NAME`"


@pytest.mark.browser
def test_a_brand_new_notebook_draws_a_chart_with_the_web_blocked(lab, browser):
    """File → New → Notebook, then a student's own alt.Chart with no ``import nep``: it
    draws with every request beyond the local server blocked, through the kernel setting
    postBuild installs into the environment (as on Binder)."""
    base, root = lab
    page, outside = open_in_lab(browser, base, f"book/{pages.page('reading')}.md", "new-notebook")
    page.evaluate("""async (code) => {
      const app = window.jupyterapp;
      const panel = await app.commands.execute('notebook:create-new', {cwd: '', kernelName: 'python3'});
      await panel.context.ready;
      await panel.sessionContext.ready;
      app.shell.activateById(panel.id);
      panel.content.activeCell.model.sharedModel.setSource(code);
      await app.commands.execute('notebook:run-cell');
    }""", STUDENT_CHART)
    page.wait_for_function(LAST_CELL_CHART, timeout=90000)
    text = page.evaluate(NOTEBOOK_TEXT)
    assert "import nep" not in text and "alt.Chart(points)" in text, "the new notebook is the one drawn"
    assert not outside, f"requests beyond the server: {outside[:5]}"
    page.close()
