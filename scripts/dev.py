#!/usr/bin/env python3
"""Set-up commands of the README, for a fresh machine with nothing but Python.

    python3 scripts/dev.py demo   # create .venv, install thanthien, serve the demo ward
    python3 scripts/dev.py test   # create .venv, install thanthien[test], run the tests
    python3 scripts/dev.py lint   # only the code-quality checks (import-linter, ruff, mypy)

``test`` also makes sure what the tests need is there: PostgreSQL on 127.0.0.1:5432
(started if installed but stopped) and Debian's Chromium for the browser tests
(installed with apt-get when running as root). With CI=true (``.ci/run``) both are
mandatory: their tests fail instead of skipping.
Extra arguments after ``test`` go to pytest; after ``demo`` to ``thanthien demo``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get("THANTHIEN_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def say(msg: str) -> None:
    print(f"[thanthien] {msg}", flush=True)


def run(cmd: list[str], **kw) -> int:
    return subprocess.call(cmd, **kw)


def ensure_venv(extra: str) -> None:
    if not PY.exists():
        say(f"tạo môi trường ảo {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
        pip_quietly(["--upgrade", "pip", "setuptools>=77", "wheel"])
    pyproject = ROOT / "pyproject.toml"
    stamp = VENV / f".installed-{extra or 'base'}"
    # an installation with the test extra holds everything the base needs
    for ready in (stamp, *([VENV / ".installed-test"] if not extra else [])):
        if ready.exists() and ready.stat().st_mtime >= pyproject.stat().st_mtime:
            return
    say(f"cài đặt thanthien{('[' + extra + ']') if extra else ''} vào {VENV}")
    target = f"{ROOT}[{extra}]" if extra else str(ROOT)
    code = pip_quietly(["-e", target])
    if code != 0:
        sys.exit(code)
    stamp.touch()


def pip_quietly(args: list[str]) -> int:
    """``pip install`` whose output (build back-end notices, the machine's pip configuration)
    is shown only when it fails: a working set-up prints our progress lines alone."""
    proc = subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
    return proc.returncode


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def pg_ready() -> bool:
    try:
        import socket

        with socket.create_connection(("127.0.0.1", 5432), timeout=2):
            return True
    except OSError:
        return False


def ensure_postgres() -> None:
    if pg_ready():
        return
    clusters = sorted(Path("/etc/postgresql").glob("*")) if Path("/etc/postgresql").exists() else []
    if clusters and shutil.which("pg_ctlcluster"):
        say("khởi động PostgreSQL")
        for version in clusters:
            run(["pg_ctlcluster", "--skip-systemctl-redirect", version.name, "main", "start"])
    elif is_root() and shutil.which("apt-get") and CI:
        say("cài đặt PostgreSQL (apt-get)")
        apt_install(["postgresql"])
        for version in sorted(Path("/etc/postgresql").glob("*")):
            _trust_local(version)
            run(["pg_ctlcluster", "--skip-systemctl-redirect", version.name, "main", "start"])
    for _ in range(30):
        if pg_ready():
            break
        import time

        time.sleep(1)
    if pg_ready():
        _ensure_test_database()
    else:
        say("PostgreSQL không chạy: các kiểm thử PostgreSQL sẽ " + ("thất bại" if CI else "bị bỏ qua"))


def _trust_local(version: Path) -> None:
    hba = version / "main" / "pg_hba.conf"
    if hba.exists():
        lines = hba.read_text().splitlines()
        lines.insert(0, "host all all 127.0.0.1/32 trust")
        hba.write_text("\n".join(lines) + "\n")


def _ensure_test_database() -> None:
    if not shutil.which("psql"):
        return
    check = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
                            "SELECT 1 FROM pg_database WHERE datname = 'test'"],
                           capture_output=True, text=True)
    if check.returncode == 0 and check.stdout.strip() != "1":
        run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", "CREATE DATABASE test"])


_apt_updated = False


def apt_install(packages: list[str]) -> bool:
    global _apt_updated
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if not _apt_updated:
        run(["apt-get", "update", "-qq"], env=env)
        _apt_updated = True
    return run(["apt-get", "install", "-y", "-qq", *packages], env=env) == 0


def ensure_chromium() -> None:
    if shutil.which("chromium"):
        return
    if is_root() and shutil.which("apt-get"):
        say("cài đặt Chromium của Debian cho kiểm thử trình duyệt (apt-get)")
        apt_install(["chromium", "fonts-dejavu-core"])
    if not shutil.which("chromium"):
        say("không có Chromium: các kiểm thử trình duyệt sẽ " + ("thất bại" if CI else "bị bỏ qua"))


def cmd_test(args: list[str]) -> int:
    ensure_venv("test")
    ensure_postgres()
    ensure_chromium()
    env = dict(os.environ)
    if CI:
        env["THANTHIEN_REQUIRE_POSTGRES"] = "1"
        env["THANTHIEN_REQUIRE_BROWSER"] = "1"
    env.pop("THANTHIEN_CONFIG", None)
    env.pop("THANTHIEN_DISABLED_PLUGINS", None)
    return run([str(PY), "-m", "pytest", *parallel(args), *(args or ["-q"])], cwd=ROOT, env=env)


def parallel(args: list[str]) -> list[str]:
    """pytest-xdist's options: one worker per core (at most four), each test file on one
    worker (its tests share the demo the worker copies). Not when the arguments choose
    otherwise (``-n 0``, ``-p no:xdist``) or debug (``--pdb``, ``--trace``)."""
    chosen = any(a.startswith(("--numprocesses", "-n", "--dist", "--pdb", "--trace")) or a.endswith("no:xdist")
                 for a in args)
    return [] if chosen else ["-n", "auto", "--maxprocesses", "4", "--dist", "loadfile"]


def cmd_lint(args: list[str]) -> int:
    """The tooling tests alone (they also run with ``test``)."""
    ensure_venv("test")
    return run([str(PY), "-m", "pytest", "-q", "tests/test_tooling.py", *args], cwd=ROOT)


def cmd_demo(args: list[str]) -> int:
    """Serve the demo ward; stopping this process (SIGTERM, SIGINT, SIGHUP) stops the server
    too, so the port is free again."""
    ensure_venv("")
    return run_forwarding([str(BIN / "thanthien"), "demo", *args], cwd=ROOT)


def run_forwarding(cmd: list[str], **kw) -> int:
    """Run ``cmd`` as a child that receives the signals sent to this wrapper."""
    import signal

    child = subprocess.Popen(cmd, **kw)

    def forward(signum, _frame):
        if child.poll() is None:
            child.send_signal(signal.SIGTERM if signum != signal.SIGINT else signal.SIGINT)

    names = ("SIGTERM", "SIGINT", "SIGHUP")
    previous = {name: signal.signal(getattr(signal, name), forward) for name in names if hasattr(signal, name)}
    try:
        while True:
            try:
                code = child.wait(timeout=30)
                break
            except subprocess.TimeoutExpired:
                continue
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
    return 0 if code in (-2, -15, 130, 143) else code


def main() -> int:
    commands = {"test": cmd_test, "demo": cmd_demo, "lint": cmd_lint}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
