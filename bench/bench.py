#!/usr/bin/env python3
"""`make bench`: shipkpi against DuckDB and Polars on ~1 GB (and 4x that) of generated exports.

For each data set (generated once with `shipkpi generate`, cached under bench-data/):
  * `wc -l` over the NDJSON files — the floor (reading the bytes once, nothing else);
  * `shipkpi report` (every report, default threads), BENCH_RUNS runs, median wall time, peak RSS
    from /usr/bin/time -v; once more with --threads 1 (the parallel speed-up);
  * DuckDB computing the summary KPIs (the columns of summary.csv) with bench/duckdb_kpis.sql
    (bench/duckdb_run.py, a fresh process per run), BENCH_DUCKDB_RUNS runs, median wall time, peak RSS;
  * Polars computing the same with bench/polars_kpis.py (lazy scan_ndjson with an explicit schema,
    blocks re-read without their malformed lines; a fresh process per run), BENCH_POLARS_RUNS runs;
  * each summary compared cell by cell with shipkpi's summary.csv (MATCH / DIFFER).
The runs of the three are interleaved, so that they see the same machine conditions. On the 1 GB
set, the outputs of --threads 1 and the default are compared byte for byte (run.json and
run-timings.json aside: they record the arguments and the timings). Results go to stdout,
bench-data/results.json and bench-data/results.md.

Then the nightly runs with a state directory (`--state`): the first set cut into ~20 files of at
most 50 MB (bench-data/<set>-split), a plain run, a first run with an empty state directory, reruns
with nothing changed, reruns after adding one ~10 MB export (generated once into
bench-data/add10), each against the same state; the state's size as a fraction of the input's; the
reports of a rerun compared byte for byte with a plain run's.

Environment: SHIPKPI (binary, default .build/release/shipkpi), BENCH_RUNS (shipkpi runs, default
5), BENCH_DUCKDB_RUNS (default 3), BENCH_POLARS_RUNS (default 3), BENCH_QUICK=1 (a ~100 MB set and
its 4x instead of ~1 GB), BENCH_SKIP_4X=1 (only the first set), BENCH_SKIP_STATE=1 (no nightly
runs).
"""

import datetime as dt
import filecmp
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench-data")
SHIPKPI = os.environ.get("SHIPKPI", os.path.join(ROOT, ".build/release/shipkpi"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
DUCKDB_RUNS = int(os.environ.get("BENCH_DUCKDB_RUNS", "3"))
POLARS_RUNS = int(os.environ.get("BENCH_POLARS_RUNS", "3"))
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SKIP_4X = os.environ.get("BENCH_SKIP_4X", "") not in ("", "0")
SKIP_STATE = os.environ.get("BENCH_SKIP_STATE", "") not in ("", "0")
STATE_RUNS = 3
SPLIT_BYTES = 50_000_000
AS_OF = "2026-04-01"
AS_OF_ISO = "2026-04-01T00:00:00Z"
TIME = "/usr/bin/time"
DUCKDB_RUN = os.path.join(ROOT, "bench", "duckdb_run.py")
POLARS_RUN = os.path.join(ROOT, "bench", "polars_kpis.py")
ORDERS = 25_000 if QUICK else 250_000
SEED = 1

# name, label, generator options (besides --out and -q)
DATASETS = [
    ("q1" if QUICK else "g1", "~100 MB" if QUICK else "~1 GB",
     {"--orders": str(ORDERS), "--seed": str(SEED)}),
    ("q4" if QUICK else "g4", "4x, same orders",
     {"--orders": str(ORDERS), "--seed": str(SEED), "--repeat": "4"}),
]
if SKIP_4X:
    DATASETS = DATASETS[:1]

_temp_dirs = []


class BenchError(Exception):
    pass


def say(text=""):
    print(text, flush=True)


def fail(message):
    raise BenchError(message)


# ------------------------------------------------------------------------------------------------
# Processes and measurements

def run_checked(argv, what, **kwargs):
    """Runs a command; on failure raises with its exit status and the tail of its stderr."""
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    if result.returncode != 0:
        tail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-15:]
        fail(f"{what} failed (exit {result.returncode}): {shlex.join(argv)}\n  " + "\n  ".join(tail))
    return result


def timed(argv, what):
    """Wall time (s) and peak resident set size (bytes) of one run, via /usr/bin/time -v."""
    with tempfile.NamedTemporaryFile("r", prefix="bench-time-", suffix=".txt", delete=False) as handle:
        time_file = handle.name
    try:
        started = time.perf_counter()
        result = run_checked([TIME, "-v", "-o", time_file] + argv, what)
        elapsed = time.perf_counter() - started
        peak_kb = None
        with open(time_file, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if "Maximum resident set size" in line:
                    peak_kb = int(line.rsplit(":", 1)[1])
        if peak_kb is None:
            fail(f"{what}: no 'Maximum resident set size' in the output of {TIME} -v")
        return elapsed, peak_kb * 1024, result
    finally:
        os.unlink(time_file)


def make_temp_dir(tag):
    path = tempfile.mkdtemp(prefix=f".bench-{tag}-", dir=DATA)
    _temp_dirs.append(path)
    return path


def remove_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    if path in _temp_dirs:
        _temp_dirs.remove(path)


def cleanup():
    for path in list(_temp_dirs):
        remove_dir(path)


# ------------------------------------------------------------------------------------------------
# Data sets

def generator_arguments(readme):
    """The options recorded on the `arguments:` line of a generated README.txt (without --out, -q)."""
    with open(readme, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("arguments:"):
                words = shlex.split(line.split(":", 1)[1])
                break
        else:
            return None
    options, index = {}, 0
    words = words[2:] if words[:2] == ["shipkpi", "generate"] else words
    while index < len(words):
        word = words[index]
        if word in ("-q", "--quiet"):
            index += 1
        elif word.startswith("--") and "=" in word:
            key, value = word.split("=", 1)
            options[key] = value
            index += 1
        elif word.startswith("-") and index + 1 < len(words):
            options[word] = words[index + 1]
            index += 2
        else:
            index += 1
    options.pop("--out", None)
    defaults = {"--seed": "1", "--repeat": "1"}
    for key, value in defaults.items():
        options.setdefault(key, value)
    return options


def ndjson_files(directory):
    return sorted(os.path.join(directory, name) for name in os.listdir(directory)
                  if name.endswith(".ndjson"))


def ensure_dataset(name, options):
    directory = os.path.join(DATA, name)
    readme = os.path.join(directory, "README.txt")
    wanted = dict(options)
    wanted.setdefault("--seed", "1")
    wanted.setdefault("--repeat", "1")
    if os.path.exists(readme) and generator_arguments(readme) == wanted and ndjson_files(directory) \
            and os.path.exists(os.path.join(directory, "status-map.csv")):
        say(f"bench: using cached {os.path.relpath(directory, ROOT)} ({' '.join(f'{k} {v}' for k, v in options.items())})")
        return directory
    if os.path.exists(directory):
        say(f"bench: {os.path.relpath(directory, ROOT)} was generated with other arguments (or is incomplete): regenerating")
        shutil.rmtree(directory)
    argv = [SHIPKPI, "generate", "--out", directory, "-q"]
    for key, value in options.items():
        argv += [key, value]
    say(f"bench: generating {os.path.relpath(directory, ROOT)}: {shlex.join(argv[1:])} (once; cached afterwards)")
    started = time.perf_counter()
    try:
        run_checked(argv, "shipkpi generate")
    except BenchError:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    say(f"bench: generated in {time.perf_counter() - started:.1f} s")
    return directory


# ------------------------------------------------------------------------------------------------
# The three contenders

def measure_wc(files):
    subprocess.run(["wc", "-l"] + files, stdout=subprocess.DEVNULL, check=False)  # warm the page cache
    times = []
    for _ in range(3):
        started = time.perf_counter()
        run_checked(["wc", "-l"] + files, "wc -l")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def shipkpi_argv(directory, out, threads=None):
    argv = [SHIPKPI, "report", directory,
            "--status-map", os.path.join(directory, "status-map.csv"),
            "--remittance", os.path.join(directory, "247express-remittance.csv"),
            "--as-of", AS_OF, "--out", out, "--no-progress"]
    if threads:
        argv += ["--threads", str(threads)]
    return argv


def duckdb_argv(directory, out_csv):
    return [sys.executable, DUCKDB_RUN, directory,
            "--status-map", os.path.join(directory, "status-map.csv"),
            "--as-of", AS_OF_ISO, "--out", out_csv, "-q"]


NOT_COMPARED = ("run.json", "run-timings.json")  # the arguments, the timings


def polars_argv(directory, out_csv):
    return [sys.executable, POLARS_RUN, directory,
            "--status-map", os.path.join(directory, "status-map.csv"),
            "--as-of", AS_OF_ISO, "--out", out_csv, "-q"]


def compare_outputs(a, b):
    """Every file of two report directories, byte for byte, except run.json and run-timings.json."""
    names = sorted(n for n in set(os.listdir(a)) | set(os.listdir(b))
                   if n not in NOT_COMPARED and not n.startswith("."))
    differing = []
    for name in names:
        pa, pb = os.path.join(a, name), os.path.join(b, name)
        if not (os.path.isfile(pa) and os.path.isfile(pb)) or not filecmp.cmp(pa, pb, shallow=False):
            differing.append(name)
    return differing, names


def compare_summaries(other_csv, ship_csv, engine="DuckDB"):
    sys.path.insert(0, os.path.dirname(DUCKDB_RUN))
    import duckdb_run  # noqa: E402 (the runner's own reader and comparison)
    _header, rows = duckdb_run.read_summary(other_csv)
    return duckdb_run.compare(rows, ship_csv, engine)


def summary_match(other_csv, ship_csv, engine):
    """Another engine's summary compared cell by cell with shipkpi's, said; {match, differences}."""
    match, lines = compare_summaries(other_csv, ship_csv, engine)
    owner = engine + ("'" if engine.endswith("s") else "'s")  # DuckDB's, Polars'
    say("  " + (f"MATCH: {owner} summary KPIs equal shipkpi's summary.csv (every cell)" if match else
                f"DIFFER: {owner} summary KPIs differ from shipkpi's summary.csv:"))
    for line in lines:
        say("    " + line)
    return {"match": match, "differences": lines}


class TimedRuns:
    """One contender's runs on a data set, each a fresh process writing into a fresh temporary
    directory, timed with its peak memory and said; the first run's output (the directory, or the
    file `output` in it) is kept for the comparisons, the others' directories are removed."""

    def __init__(self, label, runs, temp_name, what, argv, output=None, note=None):
        self.label, self.runs, self.temp_name, self.what = label, runs, temp_name, what
        self.argv = argv  # the output path -> the command line
        self.output = output
        self.note = note  # the completed process -> what the line says after the peak
        self.times, self.peaks, self.kept, self.last = [], [], None, None

    def run(self, index):
        out = make_temp_dir(self.temp_name)
        path = os.path.join(out, self.output) if self.output else out
        elapsed, peak, self.last = timed(self.argv(path), self.what)
        self.times.append(elapsed)
        self.peaks.append(peak)
        say(f"  {f'{self.label} run {index + 1}/{self.runs}:':<22}{elapsed:8.2f} s   peak {peak / 2**20:6.0f} MiB"
            + (self.note(self.last) if self.note else ""))
        if self.kept is None:
            self.kept = path
        else:
            remove_dir(out)

    def summary(self):
        return {"runs": self.runs, "times_s": self.times, "median_s": statistics.median(self.times),
                "peak_rss_bytes": max(self.peaks), "peak_rss_runs": self.peaks}


def dropped_lines(stderr):
    """The lines polars_kpis.py dropped (it reports them on stderr)."""
    for line in stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("polars_kpis: dropped lines:"):
            return int(line.split(":")[2].split()[0])
    return None


def bench_dataset(name, label, directory, byte_check):
    files = ndjson_files(directory)
    input_bytes = sum(os.path.getsize(f) for f in files)
    say(f"\nbench: {name} ({label}): {len(files)} NDJSON files, {input_bytes / 1e6:,.1f} MB")
    result = {"name": name, "label": label, "directory": os.path.relpath(directory, ROOT),
              "ndjson_files": [os.path.basename(f) for f in files], "input_bytes": input_bytes}

    wc_time = measure_wc(files)
    result["wc"] = {"median_s": wc_time, "runs": 3}
    say(f"  {'wc -l, median of 3:':<22}{wc_time:8.2f} s   ({input_bytes / 1e6 / wc_time:,.0f} MB/s)")

    # shipkpi (default threads) and DuckDB (a fresh process per run), interleaved so that both see
    # the same machine conditions; the first run's outputs of each are kept for the comparisons.
    ship_runs = TimedRuns("shipkpi", RUNS, f"{name}-shipkpi", "shipkpi report",
                          lambda out: shipkpi_argv(directory, out))
    duck_runs = TimedRuns("DuckDB", DUCKDB_RUNS, f"{name}-duckdb", "DuckDB (bench/duckdb_run.py)",
                          lambda out: duckdb_argv(directory, out), output="summary.csv")
    polars_runs = TimedRuns("Polars", POLARS_RUNS, f"{name}-polars", "Polars (bench/polars_kpis.py)",
                            lambda out: polars_argv(directory, out), output="summary.csv",
                            note=lambda run: f"   ({dropped_lines(run.stderr)} malformed lines dropped)")
    for index in range(max(RUNS, DUCKDB_RUNS, POLARS_RUNS)):
        for runs in (ship_runs, duck_runs, polars_runs):
            if index < runs.runs:
                runs.run(index)
    kept, duck_csv, polars_csv = ship_runs.kept, duck_runs.kept, polars_runs.kept
    ship = result["shipkpi"] = ship_runs.summary()
    duck = result["duckdb"] = duck_runs.summary()
    polars = result["polars"] = dict(polars_runs.summary(), dropped_lines=dropped_lines(polars_runs.last.stderr))

    # shipkpi --threads 1, once.
    out1 = make_temp_dir(f"{name}-shipkpi-t1")
    elapsed, peak, _ = timed(shipkpi_argv(directory, out1, threads=1), "shipkpi report --threads 1")
    result["shipkpi_threads_1"] = {"time_s": elapsed, "peak_rss_bytes": peak}
    say(f"  {'shipkpi --threads 1:':<22}{elapsed:8.2f} s   peak {peak / 2**20:6.0f} MiB")
    if byte_check:
        differing, compared = compare_outputs(kept, out1)
        result["threads_identical"] = {"identical": not differing, "compared": compared,
                                       "differing": differing}
        say("  --threads 1 vs default: " + ("IDENTICAL" if not differing else "DIFFERENT") +
            f" ({len(compared)} files compared byte for byte, run.json and run-timings.json aside)" +
            (f"; differing: {', '.join(differing)}" if differing else ""))
    remove_dir(out1)

    result["summary_match"] = summary_match(duck_csv, os.path.join(kept, "summary.csv"), "DuckDB")
    result["polars_summary_match"] = summary_match(polars_csv, os.path.join(kept, "summary.csv"), "Polars")
    remove_dir(os.path.dirname(duck_csv))
    remove_dir(os.path.dirname(polars_csv))
    remove_dir(kept)

    mb = input_bytes / 1e6
    result["throughput_mb_s"] = {"wc": mb / wc_time, "shipkpi": mb / ship["median_s"],
                                 "shipkpi_threads_1": mb / result["shipkpi_threads_1"]["time_s"],
                                 "duckdb": mb / duck["median_s"], "polars": mb / polars["median_s"]}
    result["ratios"] = {
        "shipkpi_vs_duckdb_throughput": duck["median_s"] / ship["median_s"],
        "shipkpi_time_over_wc": ship["median_s"] / wc_time,
        "shipkpi_vs_duckdb_peak_rss": ship["peak_rss_bytes"] / duck["peak_rss_bytes"],
        "parallel_speedup": result["shipkpi_threads_1"]["time_s"] / ship["median_s"],
        "shipkpi_vs_polars_throughput": polars["median_s"] / ship["median_s"],
        "shipkpi_vs_polars_peak_rss": ship["peak_rss_bytes"] / polars["peak_rss_bytes"],
    }
    return result


# ------------------------------------------------------------------------------------------------
# Nightly runs with a state directory

def split_dataset(source):
    """The set cut into files of at most SPLIT_BYTES at line ends (a folder of daily exports)."""
    target = source + "-split"
    marker = os.path.join(target, ".complete")
    if os.path.exists(marker):
        return target
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    for path in ndjson_files(source):
        stem = os.path.basename(path)[:-len(".ndjson")]
        part, size, out = 0, 0, None
        with open(path, "rb") as handle:
            for line in handle:
                if out is None or (size > 0 and size + len(line) > SPLIT_BYTES):
                    if out:
                        out.close()
                    part, size = part + 1, 0
                    out = open(os.path.join(target, f"{stem}-{part:02d}.ndjson"), "wb")
                out.write(line)
                size += len(line)
        if out:
            out.close()
    open(marker, "w", encoding="utf-8").close()
    return target


def added_export():
    """One new ~10 MB export (another shop's orders): every NDJSON file of a small generated set in one."""
    directory = ensure_dataset("add10", {"--orders": "3300", "--seed": "2", "--pod-every": "0"})
    path = os.path.join(DATA, "add10-export.ndjson")
    if not os.path.exists(path):
        with open(path + ".tmp", "wb") as out:
            for name in ndjson_files(directory):
                with open(name, "rb") as handle:
                    shutil.copyfileobj(handle, out)
        os.replace(path + ".tmp", path)
    return path


def bench_state(source):
    """Plain runs against runs with --state over the split set: unchanged reruns, reruns after one
    file was added (each from the same state), the state's size, and byte-identical reports."""
    split = split_dataset(source)
    added = added_export()
    files = ndjson_files(split)
    input_bytes = sum(os.path.getsize(f) for f in files)
    say(f"\nbench: nightly runs with --state: {os.path.relpath(split, ROOT)}, {len(files)} files, "
        f"{input_bytes / 1e6:,.1f} MB; added file {os.path.getsize(added) / 1e6:.1f} MB")

    def argv(out, extra_inputs=(), state=None):
        command = [SHIPKPI, "report", split, *extra_inputs,
                   "--status-map", os.path.join(source, "status-map.csv"),
                   "--remittance", os.path.join(source, "247express-remittance.csv"),
                   "--as-of", AS_OF, "--out", out, "--no-progress"]
        return command + (["--state", state] if state else [])

    def run(label, command_of_out):
        out = make_temp_dir("state-out")
        elapsed, peak, _ = timed(command_of_out(out), f"shipkpi report ({label})")
        say(f"  {label + ':':<34}{elapsed:8.2f} s   peak {peak / 2**20:6.0f} MiB")
        return elapsed, peak, out

    state = make_temp_dir("state")
    snapshot = make_temp_dir("state-snapshot")
    plain, unchanged, with_added, outs = [], [], [], {}
    for index in range(STATE_RUNS):
        elapsed, peak, out = run(f"plain run {index + 1}/{STATE_RUNS}", lambda o: argv(o))
        plain.append((elapsed, peak))
        if index == 0:
            outs["plain"] = out
        else:
            remove_dir(out)
    first = run("first run, empty state", lambda o: argv(o, state=state))
    remove_dir(first[2])
    state_bytes = sum(os.path.getsize(os.path.join(state, n)) for n in os.listdir(state))
    for index in range(STATE_RUNS):
        elapsed, peak, out = run(f"rerun, nothing changed {index + 1}/{STATE_RUNS}", lambda o: argv(o, state=state))
        unchanged.append((elapsed, peak))
        if index == 0:
            outs["unchanged"] = out
        else:
            remove_dir(out)
    shutil.rmtree(snapshot)
    shutil.copytree(state, snapshot)
    for index in range(STATE_RUNS):
        shutil.rmtree(state)
        shutil.copytree(snapshot, state)  # each rerun finds the file new
        elapsed, peak, out = run(f"rerun, one file added {index + 1}/{STATE_RUNS}",
                                 lambda o: argv(o, [added], state=state))
        with_added.append((elapsed, peak))
        if index == 0:
            outs["added"] = out
        else:
            remove_dir(out)
    _, _, outs["plain_added"] = run("plain run with the added file", lambda o: argv(o, [added]))

    identical = {}
    for name, reference in (("unchanged", "plain"), ("added", "plain_added")):
        differing, compared = compare_outputs(outs[name], outs[reference])
        identical[name] = {"identical": not differing, "compared": len(compared), "differing": differing}
        say(f"  reports of the {name} rerun vs a plain run: "
            + ("IDENTICAL" if not differing else "DIFFERENT: " + ", ".join(differing))
            + f" ({len(compared)} files, run.json and run-timings.json aside)")
    for out in outs.values():
        remove_dir(out)
    remove_dir(state)
    remove_dir(snapshot)

    median = lambda runs: statistics.median(t for t, _ in runs)  # noqa: E731
    result = {
        "directory": os.path.relpath(split, ROOT), "files": len(files), "input_bytes": input_bytes,
        "added_bytes": os.path.getsize(added), "runs": STATE_RUNS,
        "plain": {"median_s": median(plain), "peak_rss_bytes": max(p for _, p in plain)},
        "first_with_state": {"time_s": first[0], "peak_rss_bytes": first[1]},
        "unchanged": {"median_s": median(unchanged), "peak_rss_bytes": max(p for _, p in unchanged)},
        "one_file_added": {"median_s": median(with_added), "peak_rss_bytes": max(p for _, p in with_added)},
        "state_bytes": state_bytes, "state_fraction": state_bytes / input_bytes, "identical": identical,
    }
    result["unchanged_fraction"] = result["unchanged"]["median_s"] / result["plain"]["median_s"]
    result["added_fraction"] = result["one_file_added"]["median_s"] / result["plain"]["median_s"]
    say(f"  unchanged rerun: {result['unchanged_fraction']:.0%} of a plain run; one file added: "
        f"{result['added_fraction']:.0%}; state {state_bytes / 1e6:,.0f} MB ({result['state_fraction']:.0%} of the input)")
    return result


def check_samples():
    """DuckDB's SQL and Polars against shipkpi on samples/ (where the malformed lines and odd shapes are)."""
    out = make_temp_dir("samples")
    try:
        argv = [SHIPKPI, "report", "samples", "--status-map", "samples/status-map.csv",
                "--as-of", AS_OF_ISO, "--out", os.path.join(out, "shipkpi"), "-q"]
        for name in ("247express-remittance.csv", "247express-remittance-2026-03-27.csv"):
            argv += ["--remittance", os.path.join("samples", "remittance", name)]
        run_checked(argv, "shipkpi report samples", cwd=ROOT)
        duck_csv = os.path.join(out, "duckdb.csv")
        result = run_checked([sys.executable, DUCKDB_RUN, "samples", "--status-map", "samples/status-map.csv",
                              "--as-of", AS_OF_ISO, "--out", duck_csv, "-q"], "DuckDB on samples", cwd=ROOT)
        warnings = [line for line in result.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        match, lines = compare_summaries(duck_csv, os.path.join(out, "shipkpi", "summary.csv"))
        polars_csv = os.path.join(out, "polars.csv")
        result = run_checked([sys.executable, POLARS_RUN, "samples", "--status-map", "samples/status-map.csv",
                              "--as-of", AS_OF_ISO, "--out", polars_csv, "-q"], "Polars on samples", cwd=ROOT)
        polars_warnings = [line for line in result.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        polars_match, polars_lines = compare_summaries(polars_csv, os.path.join(out, "shipkpi", "summary.csv"),
                                                       "Polars")
        return {"match": match, "differences": lines, "duckdb_warnings": warnings,
                "polars_match": polars_match, "polars_differences": polars_lines, "polars_warnings": polars_warnings}
    finally:
        remove_dir(out)


# ------------------------------------------------------------------------------------------------
# Machine, report

def machine_info():
    info = {"cpu": platform.processor() or "unknown", "cores": os.cpu_count(),
            "kernel": platform.release(), "ram_bytes": None}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    info["ram_bytes"] = int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        info["load_average_at_start"] = list(os.getloadavg())
    except OSError:
        pass
    return info


def git_commit():
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return commit, bool(dirty)
    except (OSError, subprocess.CalledProcessError):
        return "unknown", False


def fmt_mib(value):
    return f"{value / 2**20:,.0f} MiB"


def table_rows(results):
    rows = []
    for r in results:
        t, ratios = r["throughput_mb_s"], r["ratios"]
        rows.append([
            f"{r['name']} ({r['label']})", f"{r['input_bytes'] / 1e6:,.0f}",
            f"{r['wc']['median_s']:.2f} s / {t['wc']:,.0f}",
            f"{r['shipkpi']['median_s']:.2f} s / {t['shipkpi']:,.0f}",
            f"{r['shipkpi_threads_1']['time_s']:.2f} s / {t['shipkpi_threads_1']:,.0f}",
            f"{r['duckdb']['median_s']:.2f} s / {t['duckdb']:,.0f}",
            f"{r['polars']['median_s']:.2f} s / {t['polars']:,.0f}",
            f"{ratios['shipkpi_vs_duckdb_throughput']:.2f}x",
            f"{ratios['shipkpi_vs_polars_throughput']:.2f}x",
            f"{ratios['shipkpi_time_over_wc']:.1f}x",
            fmt_mib(r["shipkpi"]["peak_rss_bytes"]), fmt_mib(r["duckdb"]["peak_rss_bytes"]),
            fmt_mib(r["polars"]["peak_rss_bytes"]),
            f"{ratios['shipkpi_vs_duckdb_peak_rss']:.2f}",
            f"{ratios['shipkpi_vs_polars_peak_rss']:.2f}",
            "MATCH" if r["summary_match"]["match"] else "DIFFER",
            "MATCH" if r["polars_summary_match"]["match"] else "DIFFER",
        ])
    return rows


HEADERS = ["data set", "NDJSON MB", "wc -l (floor): time / MB/s", "shipkpi: time / MB/s",
           "shipkpi --threads 1", "DuckDB: time / MB/s", "Polars: time / MB/s", "shipkpi ÷ DuckDB throughput",
           "shipkpi ÷ Polars throughput", "shipkpi time ÷ wc -l", "shipkpi peak RSS", "DuckDB peak RSS",
           "Polars peak RSS", "RSS shipkpi ÷ DuckDB", "RSS shipkpi ÷ Polars", "summary vs DuckDB",
           "summary vs Polars"]


def text_table(rows):
    say("")
    for index, header in enumerate(HEADERS):
        cells = "  ".join(f"{row[index]:>22}" for row in rows)
        say(f"  {header:<30}{cells}")


def targets(results, state=None):
    """The targets of the performance and nightly-run issues, each with PASS / FAIL."""
    checks = []
    first = results[0]
    speed = first["ratios"]["shipkpi_vs_duckdb_throughput"]
    checks.append(("throughput >= 5x DuckDB's (aim 10x)", speed >= 5, f"{speed:.2f}x"))
    memory = first["ratios"]["shipkpi_vs_duckdb_peak_rss"]
    checks.append(("peak memory <= 1/4 of DuckDB's", memory <= 0.25, f"{memory:.2f} of DuckDB's"))
    if len(results) > 1:
        growth = results[1]["shipkpi"]["peak_rss_bytes"] / first["shipkpi"]["peak_rss_bytes"]
        checks.append(("4x input, same orders: peak memory within 10% of the 1x peak",
                       abs(growth - 1) <= 0.10, f"{growth:.2f}x the 1x peak"))
    if state:
        checks.append(("nightly rerun, nothing changed: <= 10% of a plain run's time",
                       state["unchanged_fraction"] <= 0.10, f"{state['unchanged_fraction']:.0%}"))
        checks.append(("nightly rerun, one 10 MB file added: <= 15% of a plain run's time",
                       state["added_fraction"] <= 0.15, f"{state['added_fraction']:.0%}"))
        same = all(v["identical"] for v in state["identical"].values())
        checks.append(("reports of reruns with --state byte-identical to plain runs", same, "yes" if same else "NO"))
    return checks


def growth_lines(results):
    if len(results) < 2:
        return []
    a, b = results
    lines = []
    for tool in ("shipkpi", "duckdb", "polars"):
        lines.append((tool, b[tool]["median_s"] / a[tool]["median_s"],
                      b[tool]["peak_rss_bytes"] / a[tool]["peak_rss_bytes"]))
    return lines


def markdown(report):
    results = report["datasets"]
    m = report["machine"]
    lines = [f"Measured by `make bench` on {report['date']}: shipkpi {report['shipkpi_commit']}"
             f"{' (with uncommitted changes)' if report['shipkpi_dirty'] else ''}, DuckDB {report['duckdb_version']}, "
             f"Polars {report['polars_version']}; "
             f"{m['cpu']}, {m['cores']} cores, {m['ram_bytes'] / 2**30:.0f} GiB RAM, Linux {m['kernel']}"
             f" (1-minute load average {m.get('load_average_at_start', [0])[0]:.2f} at start, "
             f"{m.get('load_average_at_end', [0])[0]:.2f} at the end: other work on the machine makes times noisy).",
             "",
             "Times are wall-clock medians (runs: shipkpi {}, DuckDB {}, Polars {}, wc -l 3; the three interleaved), "
             "throughput = NDJSON input bytes ÷ time (MB = 10⁶ bytes), memory = peak resident set size "
             "(`/usr/bin/time -v`). shipkpi writes every report; DuckDB and Polars compute only the summary "
             "KPIs, the columns of `summary.csv` (`bench/duckdb_kpis.sql`, `bench/polars_kpis.py`).".format(
                 RUNS, DUCKDB_RUNS, POLARS_RUNS),
             "",
             "| " + " | ".join(HEADERS) + " |",
             "|" + "---|" * len(HEADERS)]
    for row in table_rows(results):
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    for name, ok, value in report["targets"]:
        lines.append(f"- {'✅' if ok else '❌'} {name}: {value}")
    for tool, time_ratio, memory_ratio in growth_lines(results):
        lines.append(f"- 4× input, same orders — {tool}: time ×{time_ratio:.2f}, peak memory ×{memory_ratio:.2f}")
    first = results[0]
    lines.append(f"- parallel speed-up (default threads vs `--threads 1`, {first['name']}): "
                 f"{first['ratios']['parallel_speedup']:.2f}×")
    if "threads_identical" in first:
        ident = first["threads_identical"]
        lines.append(f"- `--threads 1` and default outputs byte-identical ({len(ident['compared'])} files, "
                     f"run.json and run-timings.json aside): "
                     f"{'yes' if ident['identical'] else 'NO: ' + ', '.join(ident['differing'])}")
    for r in results:
        lines.append(f"- Polars, {r['name']}: {r['polars']['dropped_lines']} malformed lines dropped by re-reading "
                     "the blocks that failed; its summary vs `summary.csv`: "
                     f"{'MATCH' if r['polars_summary_match']['match'] else 'DIFFER'}")
    state = report.get("nightly_state")
    if state:
        lines += [
            "",
            f"Nightly runs with `--state` ({state['files']} files, {state['input_bytes'] / 1e6:,.0f} MB; "
            f"medians of {state['runs']}):",
            "",
            "| run | time | ÷ plain run | peak RSS |",
            "|---|---|---|---|",
            f"| plain (no state) | {state['plain']['median_s']:.2f} s | 1.00 | {fmt_mib(state['plain']['peak_rss_bytes'])} |",
            f"| first run, empty state | {state['first_with_state']['time_s']:.2f} s | "
            f"{state['first_with_state']['time_s'] / state['plain']['median_s']:.2f} | "
            f"{fmt_mib(state['first_with_state']['peak_rss_bytes'])} |",
            f"| rerun, nothing changed | {state['unchanged']['median_s']:.2f} s | {state['unchanged_fraction']:.2f} | "
            f"{fmt_mib(state['unchanged']['peak_rss_bytes'])} |",
            f"| rerun, one {state['added_bytes'] / 1e6:.0f} MB file added | {state['one_file_added']['median_s']:.2f} s | "
            f"{state['added_fraction']:.2f} | {fmt_mib(state['one_file_added']['peak_rss_bytes'])} |",
            "",
            f"- state directory: {state['state_bytes'] / 1e6:,.0f} MB, {state['state_fraction']:.0%} of the input",
        ]
    samples = report.get("samples")
    if samples:
        lines.append(f"- DuckDB's summary vs shipkpi's on `samples/`: "
                     f"{'MATCH' if samples['match'] else 'DIFFER (' + str(len(samples['differences'])) + ' cells; see bench/README.md)'}")
        lines.append(f"- Polars' summary vs shipkpi's on `samples/`: "
                     f"{'MATCH' if samples['polars_match'] else 'DIFFER (' + str(len(samples['polars_differences'])) + ' cells; see bench/README.md)'}")
    return "\n".join(lines) + "\n"


def main():
    if not os.access(SHIPKPI, os.X_OK):
        fail(f"no shipkpi binary at {SHIPKPI} (run `make release`, or set SHIPKPI)")
    if not os.access(TIME, os.X_OK):
        fail(f"{TIME} is missing (Debian package `time`)")
    try:
        import duckdb
        import polars
    except ImportError as error:
        fail(f"the {error.name} Python package is missing (run through `make bench`, which installs it into .venv)")
    os.makedirs(DATA, exist_ok=True)
    for stale in os.listdir(DATA):  # temporaries of an interrupted earlier run
        if stale.startswith(".bench-"):
            shutil.rmtree(os.path.join(DATA, stale), ignore_errors=True)

    commit, dirty = git_commit()
    version = run_checked([SHIPKPI, "--version"], "shipkpi --version").stdout.decode().strip()
    report = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "shipkpi_commit": commit, "shipkpi_dirty": dirty, "shipkpi_version": version,
              "shipkpi_binary": os.path.relpath(SHIPKPI, ROOT), "duckdb_version": duckdb.__version__,
              "polars_version": polars.__version__,
              "python": platform.python_version(), "machine": machine_info(),
              "settings": {"runs": RUNS, "duckdb_runs": DUCKDB_RUNS, "polars_runs": POLARS_RUNS, "quick": QUICK,
                           "as_of": AS_OF},
              "datasets": []}
    m = report["machine"]
    say(f"bench: shipkpi {version} ({commit}{', uncommitted changes' if dirty else ''}), "
        f"DuckDB {duckdb.__version__}, Polars {polars.__version__}, {m['cpu']}, {m['cores']} cores, "
        f"{(m['ram_bytes'] or 0) / 2**30:.0f} GiB RAM, Linux {m['kernel']}, "
        f"load average {m.get('load_average_at_start', [0])[0]:.2f}")

    directories = [(name, label, ensure_dataset(name, options)) for name, label, options in DATASETS]
    for index, (name, label, directory) in enumerate(directories):
        report["datasets"].append(bench_dataset(name, label, directory, byte_check=(index == 0)))

    if not SKIP_STATE:
        report["nightly_state"] = bench_state(directories[0][2])

    say("\nbench: DuckDB's SQL and Polars on samples/ (malformed lines and odd shapes)")
    report["samples"] = check_samples()
    say("  DuckDB: " + ("MATCH" if report["samples"]["match"] else "DIFFER (explained in bench/README.md)"))
    for line in report["samples"]["differences"]:
        say("    " + line)
    for line in report["samples"]["duckdb_warnings"]:
        say("    " + (line if len(line) <= 160 else line[:157] + "..."))
    say("  Polars: " + ("MATCH" if report["samples"]["polars_match"] else "DIFFER (explained in bench/README.md)"))
    for line in report["samples"]["polars_differences"]:
        say("    " + line)
    for line in report["samples"]["polars_warnings"]:
        say("    " + (line if len(line) <= 160 else line[:157] + "..."))

    report["targets"] = targets(report["datasets"], report.get("nightly_state"))
    try:
        report["machine"]["load_average_at_end"] = list(os.getloadavg())
    except OSError:
        pass
    say("\n" + "=" * 100)
    say(f"RESULTS  (medians; throughput = NDJSON bytes / time, MB = 10^6 bytes; "
        f"load average {m.get('load_average_at_start', [0])[0]:.2f} at start, "
        f"{m.get('load_average_at_end', [0])[0]:.2f} at the end, {m['cores']} cores)")
    text_table(table_rows(report["datasets"]))
    say("")
    for tool, time_ratio, memory_ratio in growth_lines(report["datasets"]):
        say(f"  4x input, same orders: {tool:8} time x{time_ratio:.2f}, peak memory x{memory_ratio:.2f}")
    first = report["datasets"][0]
    say(f"  parallel speed-up (default vs --threads 1, {first['name']}): {first['ratios']['parallel_speedup']:.2f}x")
    if "threads_identical" in first:
        say(f"  --threads 1 vs default outputs: "
            f"{'IDENTICAL' if first['threads_identical']['identical'] else 'DIFFERENT'}")
    for name, ok, value in report["targets"]:
        say(f"  {'PASS' if ok else 'FAIL'}  {name}: {value}")
    say("=" * 100)

    with open(os.path.join(DATA, "results.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=2)
        handle.write("\n")
    with open(os.path.join(DATA, "results.md"), "w", encoding="utf-8") as handle:
        handle.write(markdown(report))
    say("bench: wrote bench-data/results.json and bench-data/results.md")
    mismatches = [r["name"] for r in report["datasets"] if not r["summary_match"]["match"]]
    if mismatches:
        say(f"bench: DuckDB's summary DIFFERS from shipkpi's on {', '.join(mismatches)}")
    polars_mismatches = [r["name"] for r in report["datasets"] if not r["polars_summary_match"]["match"]]
    if polars_mismatches:
        say(f"bench: Polars' summary DIFFERS from shipkpi's on {', '.join(polars_mismatches)}")
    if mismatches or polars_mismatches:
        return 3
    return 0


def run_main(main, program):
    """Runs a benchmark's main() and exits with its status: a BenchError is one error line and
    status 1, an interrupt status 130; the temporary directories are removed in every case."""
    try:
        code = main()
    except BenchError as error:
        print(f"{program}: error: {error}", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        print(f"{program}: interrupted", file=sys.stderr)
        code = 130
    finally:
        cleanup()
    sys.exit(code)


if __name__ == "__main__":
    run_main(main, "bench")
