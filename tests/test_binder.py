"""Binder: a Jupyter server from an environment made only from requirements.txt opens
every chapter (a MyST .md file) as a notebook through its contents API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import ROOT, chapter_files

TOKEN = "nep-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(command: list[str], port: int, log_path, timeout: float, **popen) -> tuple:
    """Start a Jupyter server on the loopback port and wait until its API answers."""
    server = subprocess.Popen(command, stdout=log_path.open("w"), stderr=subprocess.STDOUT, **popen)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"{base}/api?token={TOKEN}", timeout=2)
            return server, base
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("the Jupyter server did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.5)


@pytest.fixture(scope="module")
def jupyter_server(classroom_python, tmp_path_factory):
    port = free_port()
    home = tmp_path_factory.mktemp("jupyter-home")
    command = [str(classroom_python.parent / "jupyter"), "server", "--no-browser", f"--port={port}",
               "--ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={ROOT}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    server, base = start_server(command, port, home / "server.log", timeout=90,
                                env=dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter")))
    yield base
    server.terminate()
    server.wait(timeout=30)


@pytest.mark.parametrize("path", chapter_files(), ids=lambda p: p.stem)
def test_chapter_opens_as_a_notebook(jupyter_server, path):
    relative = path.relative_to(ROOT).as_posix()
    url = f"{jupyter_server}/api/contents/{relative}?type=notebook&content=1&token={TOKEN}"
    model = json.load(urllib.request.urlopen(url, timeout=30))
    assert model["type"] == "notebook"
    cells = model["content"]["cells"]
    assert any(cell["cell_type"] == "code" for cell in cells)
    assert model["content"]["metadata"]["kernelspec"]["name"] == "python3"


def test_binder_post_build_makes_markdown_open_as_a_notebook(classroom_python, tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), PATH=f"{classroom_python.parent}:{os.environ['PATH']}")
    subprocess.run(["bash", str(ROOT / "postBuild")], check=True, env=env, cwd=ROOT)
    overrides = json.loads((tmp_path / ".jupyter" / "labconfig" / "default_setting_overrides.json").read_text())
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["markdown"] == viewers["myst"] == "Jupytext Notebook"


def test_binder_needs_nothing_but_the_root_configuration():
    # repo2docker reads only binder/ when that folder exists, and would ignore these.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    pins = [line for line in (ROOT / "requirements.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    assert pins and all("==" in line for line in pins)
    assert any(line.startswith("jupytext==") for line in pins)


# The first jupyter-server release with the fix for the critical advisory
# CVE-2026-44727 (GHSA-fcw5-x6j4-ccmp).
FIXED_SERVER = (2, 20, 0)


def test_the_jupyter_server_is_past_its_critical_advisory(classroom_python):
    """requirements.txt pins the server, and what it installs is a fixed release."""
    pins = [line.split("==")[1].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
            if line.replace("_", "-").lower().startswith("jupyter-server==")]
    assert len(pins) == 1, "requirements.txt pins jupyter-server exactly once"
    installed = subprocess.run([str(classroom_python), "-c",
                                "import importlib.metadata as m; print(m.version('jupyter_server'))"],
                               capture_output=True, text=True, check=True).stdout.strip()
    for version in (pins[0], installed):
        assert tuple(int(part) for part in version.split(".")[:3]) >= FIXED_SERVER, version
    assert installed == pins[0]
