"""Each chapter runs top to bottom in a fresh kernel, from book/ (as Jupyter and Binder
start it), with the network closed."""

from __future__ import annotations

import textwrap

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from conftest import BOOK, chapter_files

# Loaded by the kernel's Python at start-up: any connection beyond this machine fails.
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


@pytest.fixture()
def offline_kernel_env(tmp_path, monkeypatch):
    (tmp_path / "sitecustomize.py").write_text(NO_NETWORK)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    # Run as a student would: the module is found beside the notebook, not through our path.
    monkeypatch.delenv("NEP_ROOT", raising=False)


def execute(notebook: nbformat.NotebookNode, cwd) -> nbformat.NotebookNode:
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return notebook


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.stem)
def test_chapter_runs_in_a_fresh_kernel_from_book(path, offline_kernel_env):
    notebook = execute(jupytext.read(path), BOOK)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells, f"{path.name} has no code cells: is its jupytext header missing?"
    errors = [output for cell in code_cells for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert errors == []


def test_the_network_really_is_closed_in_the_kernel(offline_kernel_env):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=1)")])
    with pytest.raises(CellExecutionError, match="network closed by the tests"):
        execute(notebook, BOOK)
