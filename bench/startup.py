#!/usr/bin/env python3
"""Start-up of the console script (issue 16): ``thanthien --help`` against ``python -c pass``.

Runs each command ``--runs`` times (default 11), interleaved, and prints the median wall
time, the median CPU time (user + system of the child, less sensitive to other processes
on a shared machine) and the ratio to ``python -c pass``. The goal is ≤ 150 ms on an idle
machine; on a loaded one only the ratio means something. Measured twice: with the
modules' bytecode cached (as after ``pip install``; in a temporary ``PYTHONPYCACHEPREFIX``)
and with every module compiled at each start (``PYTHONDONTWRITEBYTECODE=1``).

    .venv/bin/python bench/startup.py [--runs 11] [--pythonpath DIR] [--args "motcua --help"]

``--pythonpath DIR`` runs another checkout (a folder holding ``thanthien/{core,plugins,web}``)
to measure a "before" on the same machine, as ``bench/serve_http.py`` does.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) milliseconds of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--pythonpath", default="")
    ap.add_argument("--args", default="--help", help="arguments of thanthien (default --help)")
    args = ap.parse_args()
    base_env = {**os.environ}
    if args.pythonpath:
        base_env["PYTHONPATH"] = args.pythonpath
    with tempfile.TemporaryDirectory(prefix="thanthien-bench-pyc-") as pyc:
        # as installed (pip compiles the modules; here into a temporary cache, removed after)
        env = {k: v for k, v in base_env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        measure("có .pyc (như bản cài đặt)", {**env, "PYTHONPYCACHEPREFIX": pyc}, args)
    # every module compiled from source at each start (PYTHONDONTWRITEBYTECODE=1, a read-only tree)
    measure("không .pyc (PYTHONDONTWRITEBYTECODE=1)", {**base_env, "PYTHONDONTWRITEBYTECODE": "1"}, args)
    print(f"({args.runs} lần mỗi lệnh, xen kẽ; tải máy: {os.getloadavg()[0]:.1f})")
    return 0


def measure(label: str, env: dict[str, str], args: argparse.Namespace) -> None:
    # the console script's own code, run by the same interpreter (no wrapper script)
    script = [sys.executable, "-c", "import sys; from thanthien.web.cli import main; sys.exit(main())"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        f"thanthien {args.args}": [*script, *shlex.split(args.args)],
    }
    for argv in commands.values():  # warm the file cache and the .pyc files
        run_once(argv, env)
    samples: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
    for _ in range(args.runs):  # interleaved, so a burst of load hits both
        for name, argv in commands.items():
            samples[name].append(run_once(argv, env))
    base_wall = statistics.median(w for w, _ in samples["python -c pass"])
    base_cpu = statistics.median(c for _, c in samples["python -c pass"])
    print(f"\n{label}")
    print(f"{'lệnh':<28} {'wall ms (trung vị)':>19} {'CPU ms (trung vị)':>18} {'× python -c pass':>17}")
    for name, values in samples.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(f"{name:<28} {wall:>19.1f} {cpu:>18.1f} {wall / base_wall:>10.1f} / {cpu / base_cpu:.1f}")


if __name__ == "__main__":
    sys.exit(main())
