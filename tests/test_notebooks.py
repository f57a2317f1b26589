"""Each chapter runs top to bottom in a fresh kernel of an environment made only from
requirements.txt, with the network closed: from book/ (as Jupyter and Binder start it)
and from the classroom download (notebooks, modules and data/ unzipped side by side)."""

from __future__ import annotations

import subprocess
import textwrap
import zipfile

import pytest

from conftest import BOOK, chapter_files

# Loaded by Python at start-up in the kernel: any connection beyond this machine fails.
NO_NETWORK = textwrap.dedent('''
    import socket
    _connect = socket.socket.connect
    def _local_only(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")):
            raise OSError(f"network closed by the tests: {address!r}")
        return _connect(self, address)
    socket.socket.connect = _local_only
''')

# Run inside the classroom environment: execute one notebook with its folder as the
# working directory, exactly as Jupyter does when a student opens it there.
RUN_NOTEBOOK = textwrap.dedent('''
    import sys
    from pathlib import Path
    import jupytext
    from nbclient import NotebookClient
    path, cwd = Path(sys.argv[1]), sys.argv[2]
    notebook = jupytext.read(path)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": cwd}}).execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    print(f"{path.name}: {len(code)} code cells ran")
    sys.exit(0 if code else 3)
''')


@pytest.fixture(scope="session")
def offline_env(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("offline")
    (folder / "sitecustomize.py").write_text(NO_NETWORK)
    return {"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin", "HOME": str(folder)}


@pytest.fixture(scope="session")
def classroom_download(built_book, tmp_path_factory):
    """The classroom zip the book offers, unzipped as a student would."""
    assert built_book.returncode == 0, built_book.log[-3000:]
    target = tmp_path_factory.mktemp("download")
    with zipfile.ZipFile(built_book.html / "_static" / "nep-industry-recovery-notebooks.zip") as bundle:
        bundle.extractall(target)
    return target / "nep-industry-recovery"


def run_notebook(python, notebook, cwd, env) -> subprocess.CompletedProcess:
    env = dict(env, PATH=f"{python.parent}:{env['PATH']}")
    return subprocess.run([str(python), "-c", RUN_NOTEBOOK, str(notebook), str(cwd)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.stem)
def test_chapter_runs_from_book_in_a_fresh_environment(path, classroom_python, offline_env):
    result = run_notebook(classroom_python, path, BOOK, offline_env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.stem)
def test_chapter_runs_from_the_classroom_download(path, classroom_python, classroom_download, offline_env):
    notebook = classroom_download / f"{path.stem}.ipynb"
    assert notebook.is_file(), f"{notebook.name} is missing from the classroom download"
    result = run_notebook(classroom_python, notebook, classroom_download, offline_env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]


def test_the_network_really_is_closed_in_the_kernel(classroom_python, offline_env, tmp_path):
    probe = tmp_path / "probe.md"
    probe.write_text("```python\nimport socket\nsocket.create_connection(('192.0.2.1', 80), timeout=1)\n```\n")
    result = run_notebook(classroom_python, probe, tmp_path, offline_env)
    assert result.returncode != 0
    assert "network closed by the tests" in result.stdout + result.stderr


def test_the_classroom_download_carries_the_helpers_package(classroom_download):
    """The zip holds the package as the chapters import it, and its folder reads like book/."""
    package = BOOK / "nep"
    wanted = {path.relative_to(package).as_posix() for path in package.rglob("*")
              if path.is_file() and path.suffix in (".py", ".yml")}
    unzipped = classroom_download / "nep"
    carried = {path.relative_to(unzipped).as_posix() for path in unzipped.rglob("*") if path.is_file()}
    assert wanted <= carried
    chapters = sorted(path.name for path in classroom_download.glob("*.ipynb"))
    assert chapters == sorted(f"{path.stem}.ipynb" for path in chapter_files())
    assert chapters[0].startswith("00_"), "the chapters sort in reading order"
