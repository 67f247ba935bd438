"""`make bench`: run every benchmark, each in its own process, and write bench/results.md and
bench/results.json. The table says which model each figure used, the command that produced it,
and the machine's load while it ran (a busy machine gives slower figures)."""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bench.common import DEFAULT_PRETRAINED, ROOT, Figure, markdown_table

BENCHMARKS = ["trace_latency", "step_viewer", "translate_throughput", "memory", "concurrency", "cold_start",
              "live_training"]
RESULTS_MD = ROOT / "bench" / "results.md"
RESULTS_JSON = ROOT / "bench" / "results.json"
TIMEOUT = 3600


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def run_benchmark(name: str, pretrained: Path) -> list[Figure]:
    """One benchmark in a fresh process; a failure becomes a 'not measured' row saying why."""
    command = [sys.executable, "-m", f"bench.{name}", "--json"]
    shown = f"python -m bench.{name}"
    if pretrained.resolve() != DEFAULT_PRETRAINED.resolve():
        command += ["--pretrained", str(pretrained)]
        shown += f" --pretrained {pretrained}"
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return [Figure(name, None, command=shown, note=f"stopped after {TIMEOUT} s")]
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return [Figure(name, None, command=shown, note=f"failed (exit {result.returncode}): {last}")]
    rows = json.loads(result.stdout.strip().splitlines()[-1])
    return [Figure(**{k: v for k, v in row.items() if k != "status"}) for row in rows]


def cpu_model() -> str:
    """The CPU's name and its last-level cache, from /proc/cpuinfo and sysfs: figures differ several-fold
    between machines of the same core count (a 15-word trace: 55 ms on one, 21 ms on one whose 32 MiB
    cache holds the model's weights)."""
    try:
        first_cpu = Path("/proc/cpuinfo").read_text().split("\n\n")[0]
        fields = {key.strip(): value.strip() for key, _, value in
                  (line.partition(":") for line in first_cpu.splitlines()) if value}
        name = fields["model name"]
    except (OSError, KeyError):
        return platform.processor() or "unknown"
    # a virtual machine's name can be as vague as "AMD EPYC": family and model tell the generation
    detail = ", ".join(f"{label} {fields[key]}" for key, label in
                       (("cpu family", "family"), ("model", "model"), ("cpu MHz", "MHz")) if key in fields)
    name = f"{name} ({detail})" if detail else name
    caches = sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*/size"))
    last = caches[-1].read_text().strip() if caches else ""
    return f"{name}, last-level cache {last}" if last else name


def environment(note: str, started: str, load_before: str, load_after: str, seconds: float) -> dict:
    return {
        "date": started,
        "machine": f"{os.cpu_count()} CPU cores, {platform.machine()}, {platform.system()} {platform.release()}",
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "torch": package_version("torch"),
        "streamlit": package_version("streamlit"),
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "unset"),
        "load average (1, 5, 15 min) before": load_before,
        "load average (1, 5, 15 min) after": load_after,
        "duration": f"{seconds / 60:.1f} min",
        "note": note,
    }


def write_results(figures: list[Figure], env: dict) -> str:
    header = "\n".join(f"- {key}: {value}" for key, value in env.items() if value)
    text = (f"# Benchmark results\n\nWritten by `python -m bench.run_all` (`make bench`).\n\n{header}\n\n"
            f"{markdown_table(figures)}\n")
    RESULTS_MD.write_text(text, encoding="utf-8")
    RESULTS_JSON.write_text(json.dumps({"environment": env, "figures": [f.to_dict() for f in figures]},
                                       indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run_all", description=__doc__)
    parser.add_argument("--pretrained", default=str(DEFAULT_PRETRAINED), help="folder of model folders")
    parser.add_argument("--only", action="append", choices=BENCHMARKS, help="run only these (repeatable)")
    parser.add_argument("--note", default="", help='written under the table, e.g. "measured under training load"')
    args = parser.parse_args()
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_before, clock = load_average(), time.perf_counter()
    figures: list[Figure] = []
    for name in args.only or BENCHMARKS:
        print(f"running bench.{name} ...", file=sys.stderr, flush=True)
        figures += run_benchmark(name, Path(args.pretrained))
    env = environment(args.note, started, load_before, load_average(), time.perf_counter() - clock)
    print(write_results(figures, env))
    print(f"written: {RESULTS_MD.relative_to(ROOT)}, {RESULTS_JSON.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
