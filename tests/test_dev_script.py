"""README command 1 (``python3 scripts/dev.py demo``): it shows progress while it builds
the demo ward, prints no warnings, and stopping the wrapper with SIGTERM stops the server
too — the port is free again (issue 15 item 12)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.executable).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_demo_shows_progress_and_sigterm_to_the_wrapper_frees_the_port(tmp_path):
    if not (VENV / ".installed-test").exists() and not (VENV / ".installed-base").exists():
        pytest.skip("the test runs in the environment scripts/dev.py made")
    port = _free_port()
    env = {**os.environ, "THANTHIEN_VENV": str(VENV)}
    env.pop("THANTHIEN_CONFIG", None)
    out = tmp_path / "out.txt"
    with out.open("w") as sink:
        wrapper = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "dev.py"), "demo", "--port", str(port),
                                    "--households", "5", "--data-dir", str(tmp_path / "ward")],
                                   cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 300
            while not _open(port):
                assert wrapper.poll() is None, out.read_text()
                assert time.monotonic() < deadline, "the demo server did not start"
                time.sleep(0.5)
            wrapper.send_signal(signal.SIGTERM)
            assert wrapper.wait(timeout=60) == 0
        finally:
            if wrapper.poll() is None:
                wrapper.kill()
    deadline = time.monotonic() + 10
    while _open(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _open(port), "the server outlived its wrapper"
    text = out.read_text()
    assert "… hộ gia đình: 5/5" in text and "… dữ liệu mẫu của phân hệ motcua" in text
    assert "tiepcongdan" in text  # a login for the reception officer too
    assert "warning" not in text.lower(), text


def test_the_test_command_runs_on_every_core_unless_told_otherwise():
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev", Path(__file__).resolve().parents[1] / "scripts" / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    assert dev.parallel(["-q", "-ra"]) == ["-n", "auto", "--maxprocesses", "4", "--dist", "loadfile"]
    assert dev.parallel(["-q", "-p", "no:cacheprovider"])  # other plugins off: still parallel
    for own in (["-n", "0"], ["-n0"], ["--numprocesses=2"], ["-p", "no:xdist"], ["--dist=load"], ["--pdb"]):
        assert dev.parallel(own) == [], own
