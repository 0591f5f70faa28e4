"""How fast `capacity-eval batch` is, and how much memory it takes.

    python bench/bench_batch.py [--n 10000] [--seed 1] [--data DIR]
        [--instrument questionnaires/dps-core.yaml] [--jobs 1,2] [--pdf-n 100] [--repeat 3]
        [--idle 0.9]

1. Generates N synthetic responses with bench/generate.py (kept in DIR for re-runs).
2. Baseline: reads every file and parses it with PyYAML's C loader
   (`yaml.load(text, Loader=yaml.CSafeLoader)`) on one core.
3. Runs `capacity-eval batch` on the same files without PDFs, once per `--jobs`
   value and once with the default (the number of cores), into a fresh folder each time.
4. With `--pdf-n M > 0`: runs `batch --pdf` on the first M files with `--jobs 1`
   and `--jobs 2`.

On a shared machine, `--idle 0.9` waits before each run until the CPUs are 90% idle.
For every run it prints the wall time (best of `--repeat`), files per second, the
ratio to the baseline, the CPU time of all processes, and the peak memory: of the
largest single process (its RSS), and of the batch process and its workers together
(the sum of their proportional set sizes, so that pages shared after fork() count
once; sampled from /proc every 50 ms).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass
class Run:
    label: str
    seconds: float
    cpu: float  # user + system seconds of the process and its workers
    files: int
    peak_tree_mb: float
    peak_process_mb: float
    code: int

    def line(self, baseline: float | None) -> str:
        ratio = f"{self.seconds / baseline:5.2f}x baseline" if baseline else ""
        rate = self.files / self.seconds
        return (
            f"{self.label:<34} {self.seconds:8.2f} s {rate:9.{0 if rate >= 100 else 2}f} files/s "
            f"{ratio:>16}  cpu {self.cpu:7.2f} s  peak {self.peak_tree_mb:5.0f} MB all "
            f"processes, {self.peak_process_mb:4.0f} MB largest  (exit {self.code})"
        )


def response_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))


def baseline(files: list[Path], repeat: int) -> tuple[float, float]:
    """Best wall and CPU time to read and parse every file with the C loader, on one core."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        for path in files:
            text = path.read_bytes().decode("utf-8", errors="replace")
            try:  # noqa: SIM105 - suppress() would slow the measured loop
                yaml.load(text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                pass
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu


def _tree_rss_kb(root: int) -> int:
    """Memory of a process and all its descendants (Linux /proc): the sum of their
    proportional set sizes (pages shared after fork() counted once), else of their RSS."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            total += _pss_kb(pid)
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    pending += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def _pss_kb(pid: int) -> int:
    for name, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name) as handle:
                return next(int(line.split()[1]) for line in handle if line.startswith(field))
        except (OSError, StopIteration):
            continue
    return 0


def _sample(pid: int, done: threading.Event, peak: list[int]) -> None:
    """Keep in `peak[0]` the largest memory of the process tree seen until `done`."""
    while not done.is_set():
        peak[0] = max(peak[0], _tree_rss_kb(pid))
        time.sleep(0.05)


def _cpu_times() -> tuple[int, int]:
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    return sum(values), values[3] + values[4]  # total, idle + iowait


def wait_until_idle(share: float, limit: float = 900.0) -> None:
    """On a shared machine, wait (at most `limit` seconds) until the CPUs were at least
    `share` idle over the last second, so that other work does not distort a run."""
    if share <= 0 or not os.path.exists("/proc/stat"):
        return
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        total, idle = _cpu_times()
        time.sleep(1)
        total2, idle2 = _cpu_times()
        if (idle2 - idle) / max(total2 - total, 1) >= share:
            return


def measure(label: str, args: list[str], files: int, repeat: int, idle: float = 0.0) -> Run:
    """Best wall time of `repeat` runs of a command, with its peak memory."""
    best: Run | None = None
    for _ in range(repeat):
        wait_until_idle(idle)
        out = Path(tempfile.mkdtemp(prefix="bench-batch-"))
        command = [*args, "-o", str(out / "out")]
        peak = [0]
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        done = threading.Event()
        sampler = threading.Thread(target=_sample, args=(process.pid, done, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        shutil.rmtree(out, ignore_errors=True)
        run = Run(
            label,
            seconds,
            usage.ru_utime + usage.ru_stime,
            files,
            peak[0] / 1024,
            usage.ru_maxrss / 1024,
            process.returncode,
        )
        if best is None or run.seconds < best.seconds:
            best = run
    assert best is not None
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="folder of generated responses (default: a folder in the temp dir)",
    )
    parser.add_argument("--instrument", type=Path, default=ROOT / "questionnaires/dps-core.yaml")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to try")
    parser.add_argument("--pdf-n", type=int, default=0, help="files for the --pdf runs (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--idle",
        type=float,
        default=0.0,
        help="before each run, wait until the CPUs are this idle (0 to 1)",
    )
    args = parser.parse_args(argv)
    data = args.data or Path(tempfile.gettempdir()) / f"capacity-eval-bench-{args.n}-{args.seed}"
    if not (data / "generated-index.csv").is_file():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--n",
                str(args.n),
                "--seed",
                str(args.seed),
                "--out",
                str(data),
                "--instrument",
                str(args.instrument),
            ],
            check=True,
        )
    files = response_files(data)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(files)} files in {data}; {cores} cores; instrument {args.instrument}")
    wait_until_idle(args.idle)
    base, base_cpu = baseline(files, args.repeat)
    label = "baseline: read + CSafeLoader, 1 core"
    print(
        f"{label:<34} {base:8.2f} s {len(files) / base:9.0f} files/s {'':>16}  "
        f"cpu {base_cpu:7.2f} s"
    )
    tool = [sys.executable, "-m", "capacity_eval", "batch"]
    common = [*tool, str(data), "-i", str(args.instrument)]
    for jobs in [j for j in args.jobs.split(",") if j]:
        print(
            measure(
                f"batch --jobs {jobs}",
                [*common, "--jobs", jobs],
                len(files),
                args.repeat,
                args.idle,
            ).line(base)
        )
    print(measure("batch (default jobs)", common, len(files), args.repeat, args.idle).line(base))
    if args.pdf_n > 0:
        subset = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
        for path in files[: args.pdf_n]:
            target = subset / path.relative_to(data)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        pdf = [*tool, str(subset), "-i", str(args.instrument), "--pdf"]
        one = measure(
            "batch --pdf --jobs 1", [*pdf, "--jobs", "1"], args.pdf_n, args.repeat, args.idle
        )
        two = measure(
            "batch --pdf --jobs 2", [*pdf, "--jobs", "2"], args.pdf_n, args.repeat, args.idle
        )
        print(one.line(None))
        print(two.line(None))
        print(f"--pdf speed-up with 2 jobs: {one.seconds / two.seconds:.2f}x")
        shutil.rmtree(subset, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
