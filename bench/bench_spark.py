#!/usr/bin/env python3
"""`make bench-spark`: shipkpi on Apache Spark (local mode) against `shipkpi report` and against
the PySpark job a data engineer would write for the summary KPIs, on the `make bench` data.

On the first data set (~1 GB; BENCH_QUICK=1: ~100 MB), in one run:
  1. `shipkpi report`, BENCH_RUNS runs (default 3), median wall time, peak RSS;
  2. `spark-submit --master local[2] spark/shipkpi_spark.py ...` (BENCH_RUNS runs, interleaved with
     the native runs): wall time including the JVM and session start;
     bench/spark_driver.py in local[2] and local[1]: one spark-submit each that creates the session
     and then calls shipkpi_spark.main() BENCH_RUNS times, timing main() alone (the job), with
     Spark's stage metrics (REST API); every report file of every Spark run compared byte for byte
     with `shipkpi report`'s (run.json and run-timings.json aside);
  3. bench/pyspark_kpis.py (spark.read.text + from_json + DataFrames) in local[2], BENCH_PYSPARK_RUNS
     runs (default BENCH_RUNS): wall time, job time, peak memory; its summary checked cell by cell
     against shipkpi's summary.csv (MATCH / DIFFER);
  4. the native stages one after another on the Spark run's plan (map every split, bounds,
     partition, fold every range, merge): CPU and wall time per stage, bytes per stage (the
     shuffle volume), to estimate clusters of 10 and 100 machines;
  5. the merge stage on the kept work directory of a Spark run (`shipkpi merge`, 3 runs): peak RSS.
On the 4x data set (same orders; skipped with BENCH_SKIP_4X=1): `shipkpi report` once, the Spark
driver once in local[2] (reports compared), the merge stage on its work directory (peak RSS: the
target is within 10 % of the 1 GB merge's), and the native stage profile (shuffle bytes).

Memory: /usr/bin/time -v gives the largest single process of the tree (for Spark: the JVM); the
benchmark also samples the whole process tree every 0.2 s (JVM, Python daemon and workers, shipkpi
stage processes) and reports the peak of the sum of their proportional set sizes (PSS: pages shared
between processes are split among them, not counted in each).

Every Spark run gets `--driver-memory` BENCH_SPARK_DRIVER_MEMORY (default 4g; local mode runs the
executors in the driver's JVM, and Spark's default 1g fails shipkpi on Spark on the 4x input).

Writes bench-data/spark-results.json and bench-data/spark-results.md.
Environment: SHIPKPI, BENCH_RUNS (default 3), BENCH_PYSPARK_RUNS, BENCH_QUICK, BENCH_SKIP_4X,
BENCH_SPARK_DRIVER_MEMORY.
"""

import datetime as dt
import filecmp
import json
import os
import platform
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench  # noqa: E402 (data sets, helpers)
import duckdb_run  # noqa: E402 (the summary comparison)

ROOT = bench.ROOT
DATA = bench.DATA
SHIPKPI = os.path.abspath(bench.SHIPKPI)
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PYSPARK_RUNS = int(os.environ.get("BENCH_PYSPARK_RUNS", "2"))
MERGE_RUNS = 3
# Local mode runs the executors inside the driver's JVM. Spark's default heap (1g) fails shipkpi on
# Spark on the 4x input (OutOfMemoryError serializing a fold result, exit 52): every Spark run here
# gets this heap, the PySpark-native job too.
DRIVER_MEMORY = os.environ.get("BENCH_SPARK_DRIVER_MEMORY", "4g")
AS_OF = bench.AS_OF
TIME = bench.TIME
SPARK_APP = os.path.join(ROOT, "spark", "shipkpi_spark.py")
SPARK_DRIVER = os.path.join(HERE, "spark_driver.py")
PYSPARK_KPIS = os.path.join(HERE, "pyspark_kpis.py")
SPARK_SUBMIT = os.path.join(os.path.dirname(sys.executable), "spark-submit")
NOT_COMPARED = {"run.json", "run-timings.json"}
CORES = os.cpu_count() or 1
say = bench.say
fail = bench.fail

# The cluster the estimate assumes (see estimate()).
NETWORK_MB_S = 1000.0      # per machine, each way: 10 Gbit/s Ethernet at 80 %
TASK_LAUNCH_S = 0.5        # per Spark stage wave: scheduling, Python worker, process start


# ------------------------------------------------------------------------------------------------
# Processes, time and memory

def spark_env():
    import pyspark
    env = dict(os.environ)
    env["PYSPARK_PYTHON"] = sys.executable
    env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    env["SPARK_HOME"] = os.path.dirname(os.path.abspath(pyspark.__file__))
    return env


def tree_memory(root):
    """(sum of PSS, sum of RSS) in bytes over `root` and all its descendants."""
    parent = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            parent[int(name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, ppid in parent.items():
            if ppid == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    pss = rss = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return pss, rss


def parse_time_v(path):
    out = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            key, _, value = line.strip().rpartition(": ")
            if key == "Maximum resident set size (kbytes)":
                out["max_rss_bytes"] = int(value) * 1024
            elif key == "User time (seconds)":
                out["user_s"] = float(value)
            elif key == "System time (seconds)":
                out["sys_s"] = float(value)
    if "max_rss_bytes" not in out:
        fail(f"no 'Maximum resident set size' in the output of {TIME} -v")
    out["cpu_s"] = out.get("user_s", 0.0) + out.get("sys_s", 0.0)
    return out


def measure(argv, what, env=None, sample_tree=False, stdin=None, cwd=ROOT):
    """Runs argv under /usr/bin/time -v: wall time, CPU time, the largest process's peak RSS and,
    with sample_tree, the peak of the whole tree's summed PSS (sampled every 0.2 s)."""
    with tempfile.NamedTemporaryFile("r", prefix="bench-time-", suffix=".txt", delete=False) as handle:
        time_file = handle.name
    peak = {"pss": 0, "rss": 0}
    try:
        started = time.perf_counter()
        proc = subprocess.Popen([TIME, "-v", "-o", time_file] + argv, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.PIPE if stdin is not None else None,
                                env=env, cwd=cwd)
        done = threading.Event()

        def sample():
            while not done.wait(0.2):
                pss, rss = tree_memory(proc.pid)
                peak["pss"] = max(peak["pss"], pss)
                peak["rss"] = max(peak["rss"], rss)

        sampler = threading.Thread(target=sample, daemon=True) if sample_tree else None
        if sampler:
            sampler.start()
        stdout, stderr = proc.communicate(stdin)
        elapsed = time.perf_counter() - started
        done.set()
        if sampler:
            sampler.join()
        if proc.returncode != 0:
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-15:]
            fail(f"{what} failed (exit {proc.returncode}): {shlex.join(argv)}\n  " + "\n  ".join(tail))
        result = parse_time_v(time_file)
        result["wall_s"] = elapsed
        if sample_tree:
            result["tree_pss_bytes"] = peak["pss"]
            result["tree_rss_bytes"] = peak["rss"]
        result["stdout"], result["stderr"] = stdout, stderr
        return result
    finally:
        os.unlink(time_file)


def compare_reports(reference, other):
    """Every file of two report directories byte for byte, run.json and run-timings.json aside."""
    names = sorted(n for n in set(os.listdir(reference)) | set(os.listdir(other))
                   if n not in NOT_COMPARED and not n.startswith("."))
    differing = [n for n in names
                 if not (os.path.isfile(os.path.join(reference, n)) and os.path.isfile(os.path.join(other, n))
                         and filecmp.cmp(os.path.join(reference, n), os.path.join(other, n), shallow=False))]
    return differing, names


def mib(value):
    return f"{value / 2**20:,.0f} MiB"


# ------------------------------------------------------------------------------------------------
# The contenders

def report_args(directory):
    """The report's arguments (without --out), as `make bench` gives them."""
    return [directory, "--status-map", os.path.join(directory, "status-map.csv"),
            "--remittance", os.path.join(directory, "247express-remittance.csv"), "--as-of", AS_OF]


def run_native(directory, tag):
    out = bench.make_temp_dir(tag)
    m = measure([SHIPKPI, "report"] + report_args(directory) + ["--out", out, "--no-progress", "-q"],
                "shipkpi report")
    return out, m


def spark_submit(master, script, args):
    return [SPARK_SUBMIT, "--master", master, "--driver-memory", DRIVER_MEMORY,
            "--conf", "spark.ui.showConsoleProgress=false", script] + args


def run_spark_submit(directory, reference, tag, partitions):
    """spark/shipkpi_spark.py through spark-submit (the wall time includes the JVM)."""
    out = bench.make_temp_dir(tag)
    argv = spark_submit("local[2]", SPARK_APP, report_args(directory) + [
        "--partitions", str(partitions), "--shipkpi", SHIPKPI, "--out", out, "-q"])
    m = measure(argv, "spark-submit spark/shipkpi_spark.py", env=spark_env(), sample_tree=True)
    differing, compared = compare_reports(reference, out)
    bench.remove_dir(out)
    return m, differing, compared


def run_driver(directory, reference, master, runs, tag, partitions):
    """bench/spark_driver.py: one session, `runs` calls of shipkpi_spark.main(), each timed."""
    out_dir = bench.make_temp_dir(tag)
    timings = os.path.join(out_dir, "timings.json")
    argv = spark_submit(master, SPARK_DRIVER, ["--runs", str(runs), "--timings-out", timings, "--out-dir", out_dir,
                                               "--"] + report_args(directory) + [
        "--partitions", str(partitions), "--shipkpi", SHIPKPI])
    m = measure(argv, f"bench/spark_driver.py ({master})", env=spark_env(), sample_tree=True)
    with open(timings, encoding="utf-8") as handle:
        report = json.load(handle)
    checks = []
    for job in report["jobs"]:
        differing, compared = compare_reports(reference, job["out"])
        checks.append({"run": job["run"], "identical": not differing, "differing": differing, "compared": len(compared)})
        shutil.rmtree(job["out"], ignore_errors=True)
    report["identical"] = checks
    report["timeline"] = [timeline(report, job) for job in report["jobs"]]
    return m, report, out_dir


def timeline(report, job):
    """One job's phases from Spark's stage times: plan (driver, before the first stage), map,
    partition (the shuffle's map side), fold (the shuffle's reduce side, collected in one stage),
    the gaps between them on the driver (bounds, writing results), merge (after the last stage)."""
    stages = [s for s in report.get("stages", [])
              if s["status"] == "COMPLETE" and s["submitted"] and job["started"] - 0.05 <= s["submitted"] <= job["ended"]]
    stages.sort(key=lambda s: s["submitted"])
    phases, clock = [], job["started"]
    for s in stages:
        name = s["name"]
        seen = {p["phase"] for p in phases}
        kind = ("partition" if name.startswith("partitionBy")
                else ("fold" if "partition" in seen else "map") if name.startswith(("collect", "toLocalIterator"))
                else name.split(" ")[0])
        gap = s["submitted"] - clock
        if gap > 0:
            phases.append({"phase": "driver" if phases else "plan", "seconds": gap})
        phases.append({"phase": kind, "seconds": s["completed"] - s["submitted"], "tasks": s["tasks"],
                       "executor_run_s": s["executor_run_s"], "shuffle_write_bytes": s["shuffle_write_bytes"],
                       "shuffle_read_bytes": s["shuffle_read_bytes"], "result_bytes": s["result_bytes"]})
        clock = s["completed"]
    phases.append({"phase": "merge", "seconds": max(0.0, job["ended"] - clock)})
    return phases


def run_pyspark(directory, reference_summary, tag):
    """bench/pyspark_kpis.py in one spark-submit: the query twice (the first in a new session, then
    warm). The wall time of a run with one query = the process's wall time minus the second query."""
    out = bench.make_temp_dir(tag)
    csv_path, timings = os.path.join(out, "summary.csv"), os.path.join(out, "timings.json")
    argv = spark_submit("local[2]", PYSPARK_KPIS, [directory, "--status-map", os.path.join(directory, "status-map.csv"),
                                                   "--as-of", AS_OF, "--out", csv_path, "--timings-out", timings,
                                                   "--runs", "2"])
    m = measure(argv, "bench/pyspark_kpis.py", env=spark_env(), sample_tree=True)
    with open(timings, encoding="utf-8") as handle:
        m["job"] = json.load(handle)
    m["first_s"], m["warm_s"] = m["job"]["jobs"][0], m["job"]["jobs"][1]
    m["single_wall_s"] = m["wall_s"] - m["warm_s"]
    match, lines = bench.compare_summaries(csv_path, reference_summary, "PySpark")
    bench.remove_dir(out)
    return m, match, lines


def stage_args(directory, as_of):
    """The report's arguments with the plan's as-of instant (as shipkpi_spark.py hands them to the stages)."""
    return report_args(directory)[:-2] + ["--as-of", as_of]


def run_merge(directory, work, partitions, reference, runs):
    """`shipkpi merge` as shipkpi_spark.py calls it, on a kept work directory: wall time, peak RSS."""
    with open(os.path.join(work, "plan.json"), encoding="utf-8") as handle:
        as_of = json.load(handle)["asOf"]
    times, peaks, identical = [], [], None
    for _ in range(runs):
        out = bench.make_temp_dir("merge")
        m = measure([SHIPKPI, "merge"] + stage_args(directory, as_of) + [
            "--plan", os.path.join(work, "plan.json"), "--work", work, "--engine", "spark",
            "--partitions", str(partitions), "--out", out, "-q"], "shipkpi merge")
        times.append(m["wall_s"])
        peaks.append(m["max_rss_bytes"])
        if identical is None and reference:
            identical = not compare_reports(reference, out)[0]
        bench.remove_dir(out)
    fold_bytes = sum(os.path.getsize(os.path.join(work, n)) for n in os.listdir(work) if n.startswith("fold-"))
    return {"runs": runs, "times_s": times, "median_s": statistics.median(times), "peak_rss_bytes": max(peaks),
            "peak_rss_runs": peaks, "identical_to_report": identical, "fold_result_bytes": fold_bytes}


def stage_profile(directory, plan_path, partitions, reference, tag):
    """The native stages one after another on a plan (no Spark): CPU and wall time and bytes of
    map (every split), bounds, partition (every split), fold (every range), merge."""
    work = bench.make_temp_dir(tag)
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    shutil.copy(plan_path, os.path.join(work, "plan.json"))
    plan_path = os.path.join(work, "plan.json")
    args = stage_args(directory, plan["asOf"])
    total = {k: {"wall_s": 0.0, "cpu_s": 0.0, "max_rss_bytes": 0, "tasks": 0} for k in ("map", "partition", "fold")}

    def add(stage, m):
        t = total[stage]
        t["wall_s"] += m["wall_s"]
        t["cpu_s"] += m["cpu_s"]
        t["max_rss_bytes"] = max(t["max_rss_bytes"], m["max_rss_bytes"])
        t["tasks"] += 1

    records_bytes, metas = 0, []
    for split in plan["splits"]:
        meta, records = os.path.join(work, "map-%05d.meta" % split["id"]), os.path.join(work, "records-%05d" % split["id"])
        add("map", measure([SHIPKPI, "map"] + args + ["--plan", plan_path, "--split", str(split["id"]),
                                                      "--meta-out", meta, "--records-out", records], "shipkpi map"))
        records_bytes += os.path.getsize(records)
        metas.append(meta)
    bounds = os.path.join(work, "bounds")
    m = measure([SHIPKPI, "bounds", "--partitions", str(partitions), "--out", bounds] + metas, "shipkpi bounds")
    bounds_s = m["wall_s"]
    shuffle_bytes, per_range, pieces = 0, [0] * partitions, {}
    for split in plan["splits"]:
        records = os.path.join(work, "records-%05d" % split["id"])
        cut = os.path.join(work, "cut-%05d" % split["id"])
        add("partition", measure([SHIPKPI, "partition", "--bounds", bounds, "--in", records, "--out", cut],
                                 "shipkpi partition"))
        os.unlink(records)
        with open(cut, "rb") as handle:
            data = handle.read()
        os.unlink(cut)
        at = 0
        while at < len(data):
            index, length = struct.unpack_from("<IQ", data, at)
            at += 12
            path = os.path.join(work, "part-%05d-%05d" % (index, split["id"]))
            with open(path, "wb") as handle:
                handle.write(data[at:at + length])
            pieces.setdefault(index, []).append(path)
            shuffle_bytes += length
            per_range[index] += length
            at += length
    for index in range(partitions):
        result = os.path.join(work, "fold-%05d.result" % index)
        inputs = []
        for path in pieces.get(index, []):
            inputs += ["--in", path]
        add("fold", measure([SHIPKPI, "fold"] + args + ["--plan", plan_path] + inputs + ["--fold-out", result],
                            "shipkpi fold"))
        for path in pieces.get(index, []):
            os.unlink(path)
    fold_result_bytes = sum(os.path.getsize(os.path.join(work, "fold-%05d.result" % i)) for i in range(partitions))
    out = bench.make_temp_dir(f"{tag}-out")
    merge = measure([SHIPKPI, "merge"] + args + ["--plan", plan_path, "--work", work, "--engine", "spark",
                                                 "--partitions", str(partitions), "--out", out, "-q"], "shipkpi merge")
    identical = not compare_reports(reference, out)[0] if reference else None
    bench.remove_dir(out)
    bench.remove_dir(work)
    input_bytes = sum(i["bytes"] for i in plan["inputs"])
    return {"splits": len(plan["splits"]), "partitions": partitions, "input_bytes": input_bytes,
            "map": total["map"], "bounds_s": bounds_s, "partition": total["partition"], "fold": total["fold"],
            "merge": {"wall_s": merge["wall_s"], "cpu_s": merge["cpu_s"], "max_rss_bytes": merge["max_rss_bytes"]},
            "records_bytes": records_bytes, "shuffle_bytes": shuffle_bytes, "shuffle_bytes_per_range": per_range,
            "fold_result_bytes": fold_result_bytes, "identical_to_report": identical}


def orders_of(reference):
    """Orders and accepted events (the ALL row of summary.csv)."""
    _header, rows = duckdb_run.read_summary(os.path.join(reference, "summary.csv"))
    total = [r for r in rows if r[0] == "ALL"][0]
    return int(total[2]), int(total[1])


# ------------------------------------------------------------------------------------------------
# The estimate for clusters

def estimate(points, native_s):
    """Times for 10 and 100 machines from the measured per-stage costs (see the assumptions in the
    result). points: per data set (stage profile, orders, the measured warm local[2] job time); the
    first one gives the per-stage costs, all of them Spark's overhead (a fixed part and a part per
    MB when there are two data sets, else all of it per MB)."""
    profile, orders, _job = points[0]
    mb = profile["input_bytes"] / 1e6
    c = {
        "map_cpu_s_per_mb": profile["map"]["cpu_s"] / mb,
        "partition_cpu_s_per_mb": profile["partition"]["cpu_s"] / mb,
        "fold_cpu_s_per_mb": profile["fold"]["cpu_s"] / mb,
        "shuffle_bytes_per_mb": profile["shuffle_bytes"] / mb,
        "fold_result_bytes_per_order": profile["fold_result_bytes"] / orders,
        "merge_s_per_order": profile["merge"]["wall_s"] / orders,
        "merge_rss_bytes_per_order": profile["merge"]["max_rss_bytes"] / orders,
    }

    def overhead(p, n_orders, job):
        """What Spark adds on this machine beyond the native stages' own work: the job time minus the
        map, partition and fold CPU spread over the cores (the folds run as one stage) and the merge:
        copies of the blobs through the Python workers, the JVM and pickling, task start-up, and
        ranges of unequal cost."""
        ideal = (p["map"]["cpu_s"] + p["partition"]["cpu_s"] + p["fold"]["cpu_s"]) / CORES + p["merge"]["wall_s"]
        return max(0.0, job - ideal)

    measured = [(p["input_bytes"] / 1e6, overhead(p, n, job)) for p, n, job in points]
    if len(measured) >= 2 and measured[1][0] > measured[0][0]:
        (x0, y0), (x1, y1) = measured[:2]
        per_mb = max(0.0, (y1 - y0) / (x1 - x0))
        fixed = max(0.0, y0 - per_mb * x0)
    else:
        per_mb, fixed = measured[0][1] / measured[0][0], 0.0
    c["spark_overhead_fixed_s"] = fixed
    c["spark_overhead_s_per_mb_core"] = per_mb * CORES
    c["spark_overhead_measured"] = [{"input_mb": x, "seconds": y} for x, y in measured]
    rows = []
    for scale in (1, 100):
        label = (f"{mb:,.0f} MB, {orders / 1e3:,.0f} k orders" if scale == 1 else
                 f"×{scale}: {mb * scale / 1e3:,.0f} GB, {orders * scale / 1e6:,.0f} M orders")
        for machines in (10, 100):
            cores = machines * CORES
            data_mb, n_orders = mb * scale, orders * scale
            parallel = (c["map_cpu_s_per_mb"] + c["partition_cpu_s_per_mb"] + c["spark_overhead_s_per_mb_core"]) \
                * data_mb / cores
            shuffle = c["shuffle_bytes_per_mb"] * data_mb / 1e6 / machines / NETWORK_MB_S * (machines - 1) / machines
            folds = c["fold_cpu_s_per_mb"] * data_mb / cores  # one stage: every range at once
            collect = c["fold_result_bytes_per_order"] * n_orders / 1e6 / NETWORK_MB_S
            merge = c["merge_s_per_order"] * n_orders
            fixed_s = fixed + 4 * TASK_LAUNCH_S
            total = parallel + shuffle + folds + collect + merge + fixed_s
            rows.append({
                "workload": label, "machines": machines, "cores": cores, "input_mb": data_mb, "orders": n_orders,
                "map_partition_s": parallel, "shuffle_s": shuffle, "fold_s": folds,
                "collect_s": collect, "merge_s": merge, "fixed_s": fixed_s,
                "total_s": total, "mb_s": data_mb / total,
                "merge_peak_bytes": c["merge_rss_bytes_per_order"] * n_orders,
                "native_one_machine_s": native_s * scale,
            })
    assumptions = [
        f"machines like this one ({CORES} cores each) with the per-core costs measured here: the native "
        "stages run one after another on the Spark run's plan, CPU time per input MB;",
        "the input already on the machines (HDFS or local disks) and read at the map rate; splits and "
        "fold ranges balanced over all cores (`--partitions` = total cores);",
        f"the shuffle (the partitioned records) all-to-all at {NETWORK_MB_S:,.0f} MB/s per machine "
        "(10 Gbit/s at 80 %), every machine sending and receiving its share at once;",
        "Spark's own overhead as measured on this machine (the warm `local[2]` job minus the native "
        "map, partition and fold CPU over the cores and the merge: the blobs' copies through the "
        "Python workers, the JVM and pickling, task start-up, ranges of unequal cost), "
        + ("split into a fixed part and a part per MB per core by the two data sets; "
           if len(measured) >= 2 else "all of it counted per MB per core (one data set); ")
        + f"plus {TASK_LAUNCH_S} s of scheduling per stage wave on a cluster (4 waves);",
        "the fold results travel to the driver over one link and the merge runs on the driver "
        "alone: both grow with the number of orders (time and peak memory per order as measured "
        "here, peak memory taken as proportional: an upper bound);",
        "the folds run as one Spark stage (shipkpi_spark.py collects their results with `collect()`): "
        "every range at once, one per core;",
        "×100: 100 times the orders and events of the measured set (`shipkpi report` on one machine "
        "scaled linearly, for reference).",
    ]
    return {"coefficients": c, "rows": rows, "assumptions": assumptions}


# ------------------------------------------------------------------------------------------------
# Report

def java_version():
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
        return out[0] if out else "unknown"
    except OSError:
        return "unknown"


def median_job(report):
    """The median of the warm jobs (every job after a session's first; the first when it is alone)."""
    times = [j["seconds"] for j in report["jobs"][1:] or report["jobs"]]
    return statistics.median(times)


def driver_result(cores, m, report):
    """What the results keep of a spark_driver.py run (m: its measurement, report: its own report)."""
    return {"cores": cores, "wall_s": m["wall_s"], "peak_rss_bytes": m["max_rss_bytes"],
            "tree_pss_bytes": m["tree_pss_bytes"], "tree_rss_bytes": m["tree_rss_bytes"],
            "job_median_s": median_job(report), "report": report}


def merge_and_profile(result, name, directory, work_dir, partitions, reference):
    """The merge stage timed on a Spark job's work directory (said), then the native stages one after
    another on its plan; both stored in result. Returns the profile (the callers say it)."""
    result["merge"] = run_merge(directory, work_dir, partitions, reference, MERGE_RUNS)
    say(f"  {'merge stage (Spark work directory):':<40}{result['merge']['median_s']:8.2f} s   "
        f"peak {result['merge']['peak_rss_bytes'] / 2**20:,.0f} MiB")
    result["profile"] = stage_profile(directory, os.path.join(work_dir, "plan.json"), partitions, reference,
                                      f"{name}-stages")
    return result["profile"]


def warm_timeline(report):
    """The timeline of the job closest to the median (of the warm jobs when there are several)."""
    jobs = report["jobs"][1:] or report["jobs"]
    target = statistics.median([j["seconds"] for j in jobs])
    best = min(jobs, key=lambda j: abs(j["seconds"] - target))
    return report["timeline"][best["run"]]


def markdown(r):
    m = r["machine"]
    first = r["datasets"][0]
    mb = first["input_bytes"] / 1e6
    lines = [
        f"Measured by `make bench-spark` on {r['date']}: shipkpi {r['shipkpi_commit']}"
        f"{' (with uncommitted changes)' if r['shipkpi_dirty'] else ''}, pyspark {r['pyspark_version']}, "
        f"{r['java']}; {m['cpu']}, {m['cores']} cores, {m['ram_bytes'] / 2**30:.0f} GiB RAM, Linux {m['kernel']} "
        f"(1-minute load average {m['load_average_at_start'][0]:.2f} at start, "
        f"{m['load_average_at_end'][0]:.2f} at the end: a shared machine, compare ratios within one run).",
        "",
        f"Input: {first['name']} ({first['label']}), {mb:,.0f} MB of NDJSON, {first['orders']:,} orders, "
        f"{first['events']:,} accepted events. Throughput = NDJSON bytes ÷ time (MB = 10⁶ bytes). "
        f"Medians of {r['settings']['runs']} runs (PySpark: {r['settings']['pyspark_runs']} spark-submits of two "
        "queries each). *Wall* = the whole spark-submit process "
        "(JVM and session start included; PySpark's: the process minus its second query); *job* = "
        "`shipkpi_spark.main()` (or the PySpark query) in an already running session: the session's first "
        "(Python workers start, the JIT warms up) and the warm ones after it. "
        f"Every Spark run: `--driver-memory {r['settings']['driver_memory']}`, "
        f"`--partitions {r['settings']['partitions']}`. Memory: the largest process's peak RSS (`/usr/bin/time -v`; for Spark "
        "the JVM) and the peak of the whole process tree's summed PSS (JVM + Python workers + shipkpi "
        "stage processes, sampled every 0.2 s).",
        "",
        "| run | time | MB/s | throughput ÷ native | peak RSS (largest process) | peak PSS (process tree) | output |",
        "|---|---|---|---|---|---|---|",
    ]
    native = first["native"]
    lines.append(f"| `shipkpi report` (native, 2 threads) | {native['median_s']:.2f} s | {mb / native['median_s']:,.0f} | 1 | "
                 f"{mib(native['peak_rss_bytes'])} | — | reference |")

    def row(label, seconds, rss, pss, output, rate=True):
        speed = f"{mb / seconds:,.0f}" if rate else "—"
        ratio = f"{native['median_s'] / seconds:.2f}" if rate else "—"
        lines.append(f"| {label} | {seconds:.2f} s | {speed} | {ratio} | "
                     f"{mib(rss) if rss else '—'} | {mib(pss) if pss else '—'} | {output} |")

    ss = first["spark_submit"]
    row("shipkpi on Spark `local[2]`, spark-submit (wall)", ss["median_s"], ss["peak_rss_bytes"], ss["tree_pss_bytes"],
        "identical" if ss["identical"] else "DIFFERENT: " + ", ".join(ss["differing"]))
    for master in ("local[2]", "local[1]"):
        d = first["driver"][master]
        ident = all(c["identical"] for c in d["report"]["identical"])
        row(f"shipkpi on Spark `{master}`, warm job (median of {max(1, len(d['report']['jobs']) - 1)} after "
            "the session's first)",
            d["job_median_s"], None, None, "identical" if ident else "DIFFERENT")
        row(f"shipkpi on Spark `{master}`, first job of the session", d["report"]["jobs"][0]["seconds"], None, None, "")
        row(f"shipkpi on Spark `{master}`, whole spark-submit ({len(d['report']['jobs'])} jobs)",
            d["wall_s"], d["peak_rss_bytes"], d["tree_pss_bytes"], "", rate=False)
    p = first["pyspark"]
    row("PySpark-native summary KPIs `local[2]`, spark-submit (wall, one query)", p["median_s"], p["peak_rss_bytes"],
        p["tree_pss_bytes"], "MATCH (summary)" if p["match"] else "DIFFER")
    row("PySpark-native summary KPIs `local[2]`, first query of the session", p["first_job_median_s"], None, None, "")
    row("PySpark-native summary KPIs `local[2]`, warm query", p["job_median_s"], None, None, "")
    lines.append("")
    lines.append("Ratios (targets: Spark ÷ native throughput ≥ 1/3, aim 2/3; shipkpi on Spark ≥ 5× faster than the "
                 "PySpark-native job):")
    lines.append("")
    for name, ok, value in r["targets"]:
        lines.append(f"- {'✅' if ok else '❌'} {name}: **{value}**")
    for text in r["notes"]:
        lines.append(f"- {text}")
    lines.append("")

    lines.append("Where a warm `local[2]` job's time goes (Spark's stage times; phases on the driver between them):")
    lines.append("")
    lines.append("| phase | seconds | tasks | shuffle written | shuffle read | results to the driver |")
    lines.append("|---|---|---|---|---|---|")
    for ph in warm_timeline(first["driver"]["local[2]"]["report"]):
        lines.append(f"| {ph['phase']} | {ph['seconds']:.2f} | {ph.get('tasks', '')} | "
                     f"{mib(ph['shuffle_write_bytes']) if ph.get('shuffle_write_bytes') else ''} | "
                     f"{mib(ph['shuffle_read_bytes']) if ph.get('shuffle_read_bytes') else ''} | "
                     f"{mib(ph['result_bytes']) if ph.get('result_bytes') else ''} |")
    lines.append("")

    lines.append("The native stages one after another on the same plan (no Spark), and the merge stage:")
    lines.append("")
    lines.append("| data set | map: CPU s (MB/s per core) | partition: CPU s | fold: CPU s | merge: wall s | "
                 "records = shuffle | shuffle per order | shuffle per input MB | fold results | staged output |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for d in r["datasets"]:
        pr = d.get("profile")
        if not pr:
            continue
        dmb = pr["input_bytes"] / 1e6
        lines.append(
            f"| {d['name']} ({dmb:,.0f} MB, {pr['splits']} splits, {pr['partitions']} ranges) | "
            f"{pr['map']['cpu_s']:.2f} ({dmb / pr['map']['cpu_s']:,.0f}) | {pr['partition']['cpu_s']:.2f} | "
            f"{pr['fold']['cpu_s']:.2f} | {pr['merge']['wall_s']:.2f} | {pr['shuffle_bytes'] / 1e6:,.1f} MB | "
            f"{pr['shuffle_bytes'] / d['orders']:,.0f} B | {pr['shuffle_bytes'] / dmb / 1e3:,.1f} kB | "
            f"{pr['fold_result_bytes'] / 1e6:,.1f} MB | "
            f"{'identical' if pr['identical_to_report'] else 'DIFFERENT'} |")
    lines.append("")
    lines.append("Peak memory of the merge (`shipkpi merge` on a kept Spark work directory, "
                 f"{r['settings']['merge_runs']} runs, the largest):")
    lines.append("")
    lines.append("| data set | NDJSON MB | orders | merge peak RSS | merge time | fold results read | output |")
    lines.append("|---|---|---|---|---|---|---|")
    for d in r["datasets"]:
        mg = d["merge"]
        lines.append(f"| {d['name']} ({d['label']}) | {d['input_bytes'] / 1e6:,.0f} | {d['orders']:,} | "
                     f"{mib(mg['peak_rss_bytes'])} | {mg['median_s']:.2f} s | {mg['fold_result_bytes'] / 1e6:,.1f} MB | "
                     f"{'identical to report' if mg['identical_to_report'] else 'DIFFERENT'} |")
    if len(r["datasets"]) > 1:
        a, b = r["datasets"][0]["merge"], r["datasets"][1]["merge"]
        growth = b["peak_rss_bytes"] / a["peak_rss_bytes"]
        lines.append("")
        lines.append(f"- {'✅' if abs(growth - 1) <= 0.10 else '❌'} merge peak on the 4× input within 10 % of the "
                     f"1 GB one: **×{growth:.2f}**")
        for d in r["datasets"][1:]:
            if d.get("native"):
                s4 = d["driver"]["local[2]"]
                lines.append(f"- {d['name']}: `shipkpi report` {d['native']['median_s']:.2f} s, shipkpi on Spark "
                             f"`local[2]` warm job {s4['job_median_s']:.2f} s (throughput ÷ native "
                             f"{d['native']['median_s'] / s4['job_median_s']:.2f}), reports "
                             f"{'identical' if all(c['identical'] for c in s4['report']['identical']) else 'DIFFERENT'}")
    lines.append("")

    est = r["estimate"]
    c = est["coefficients"]
    lines.append(f"Estimate for clusters (from the measured costs on {first['name']}: map "
                 f"{1 / c['map_cpu_s_per_mb']:,.0f} MB/s per core, partition {1 / c['partition_cpu_s_per_mb']:,.0f} "
                 f"MB/s per core, fold {1 / c['fold_cpu_s_per_mb']:,.0f} input-MB/s per core, "
                 f"Spark's overhead {c['spark_overhead_fixed_s']:.2f} s per job + "
                 f"{c['spark_overhead_s_per_mb_core'] * 1000:,.1f} ms per MB per core, "
                 f"shuffle {c['shuffle_bytes_per_mb'] / 1e3:,.0f} kB per input MB, fold results "
                 f"{c['fold_result_bytes_per_order']:,.0f} B per order, merge {c['merge_s_per_order'] * 1e6:,.2f} µs "
                 f"and {c['merge_rss_bytes_per_order']:,.0f} B of peak RSS per order):")
    lines.append("")
    lines.append("| workload | machines (cores) | map + partition + overhead | shuffle | folds | results → driver | "
                 "merge | total | MB/s | driver merge peak | one machine, native |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for e in est["rows"]:
        lines.append(f"| {e['workload']} | {e['machines']} ({e['cores']}) | {e['map_partition_s']:.1f} s | "
                     f"{e['shuffle_s']:.1f} s | {e['fold_s']:.1f} s | "
                     f"{e['collect_s']:.1f} s | {e['merge_s']:.1f} s | {e['total_s']:.1f} s | "
                     f"{e['mb_s']:,.0f} | {mib(e['merge_peak_bytes'])} | {e['native_one_machine_s']:.0f} s |")
    lines.append("")
    lines.append("Assumptions:")
    for text in est["assumptions"]:
        lines.append(f"- {text}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------

def dataset_result(name, label, directory):
    """Says which data set is next; the first fields of its result (name, label, NDJSON input bytes)."""
    files = bench.ndjson_files(directory)
    input_bytes = sum(os.path.getsize(f) for f in files)
    say(f"\nbench-spark: {name} ({label}): {len(files)} NDJSON files, {input_bytes / 1e6:,.1f} MB")
    return {"name": name, "label": label, "input_bytes": input_bytes}


def bench_first(name, label, directory):
    result = dataset_result(name, label, directory)
    partitions = CORES

    # 1 and 2a: native and spark-submit, interleaved.
    native_times, native_peaks, reference = [], [], None
    submit = []
    for index in range(RUNS):
        out, m = run_native(directory, f"{name}-native")
        native_times.append(m["wall_s"])
        native_peaks.append(m["max_rss_bytes"])
        say(f"  {f'shipkpi report {index + 1}/{RUNS}:':<40}{m['wall_s']:8.2f} s   peak {m['max_rss_bytes'] / 2**20:6.0f} MiB")
        if reference is None:
            reference = out
        else:
            bench.remove_dir(out)
        m, differing, compared = run_spark_submit(directory, reference, f"{name}-spark", partitions)
        submit.append((m, differing, compared))
        say(f"  {f'spark-submit shipkpi_spark.py {index + 1}/{RUNS}:':<40}{m['wall_s']:8.2f} s   "
            f"peak {m['max_rss_bytes'] / 2**20:6.0f} MiB (tree PSS {m['tree_pss_bytes'] / 2**20:,.0f} MiB)   "
            + ("identical" if not differing else "DIFFERENT: " + ", ".join(differing)))
    result["orders"], result["events"] = orders_of(reference)
    result["native"] = {"runs": RUNS, "times_s": native_times, "median_s": statistics.median(native_times),
                        "peak_rss_bytes": max(native_peaks)}
    result["spark_submit"] = {
        "runs": RUNS, "times_s": [m["wall_s"] for m, _, _ in submit],
        "median_s": statistics.median(m["wall_s"] for m, _, _ in submit),
        "peak_rss_bytes": max(m["max_rss_bytes"] for m, _, _ in submit),
        "tree_pss_bytes": max(m["tree_pss_bytes"] for m, _, _ in submit),
        "tree_rss_bytes": max(m["tree_rss_bytes"] for m, _, _ in submit),
        "identical": all(not d for _, d, _ in submit), "differing": sorted({n for _, d, _ in submit for n in d}),
        "compared": submit[0][2]}

    # 2b: the driver: jobs timed inside one session, local[2] and local[1].
    result["driver"] = {}
    work_dir = None
    for master, cores in (("local[2]", 2), ("local[1]", 1)):
        m, report, out_dir = run_driver(directory, reference, master, RUNS + 1, f"{name}-driver", partitions)
        jobs = [j["seconds"] for j in report["jobs"]]
        say(f"  {f'spark_driver.py {master}:':<40}{m['wall_s']:8.2f} s wall, session {report['session_s']:.2f} s, "
            f"jobs {', '.join(f'{t:.2f}' for t in jobs)} s   peak {m['max_rss_bytes'] / 2**20:,.0f} MiB "
            f"(tree PSS {m['tree_pss_bytes'] / 2**20:,.0f} MiB)   "
            + ("identical" if all(c["identical"] for c in report["identical"]) else "DIFFERENT"))
        result["driver"][master] = driver_result(cores, m, report)
        if master == "local[2]":
            work_dir = os.path.join(out_dir, "work-%d" % (len(jobs) - 1))
            keep = out_dir
        else:
            bench.remove_dir(out_dir)

    # 3: PySpark-native.
    runs = []
    for index in range(PYSPARK_RUNS):
        m, match, lines = run_pyspark(directory, os.path.join(reference, "summary.csv"), f"{name}-pyspark")
        runs.append((m, match, lines))
        say(f"  {f'PySpark-native {index + 1}/{PYSPARK_RUNS}:':<40}{m['single_wall_s']:8.2f} s wall (one query), "
            f"first query {m['first_s']:.2f} s, warm {m['warm_s']:.2f} s   "
            f"peak {m['max_rss_bytes'] / 2**20:,.0f} MiB (tree PSS {m['tree_pss_bytes'] / 2**20:,.0f} MiB)   "
            + ("MATCH" if match else "DIFFER"))
        for line in lines:
            say("    " + line)
    result["pyspark"] = {
        "runs": PYSPARK_RUNS, "process_times_s": [m["wall_s"] for m, _, _ in runs],
        "times_s": [m["single_wall_s"] for m, _, _ in runs],
        "median_s": statistics.median(m["single_wall_s"] for m, _, _ in runs),
        "first_job_times_s": [m["first_s"] for m, _, _ in runs],
        "first_job_median_s": statistics.median(m["first_s"] for m, _, _ in runs),
        "job_times_s": [m["warm_s"] for m, _, _ in runs],
        "job_median_s": statistics.median(m["warm_s"] for m, _, _ in runs),
        "session_s": statistics.median(m["job"]["session_s"] for m, _, _ in runs),
        "peak_rss_bytes": max(m["max_rss_bytes"] for m, _, _ in runs),
        "tree_pss_bytes": max(m["tree_pss_bytes"] for m, _, _ in runs),
        "match": all(match for _, match, _ in runs), "differences": runs[0][2]}

    # 4 and 5: the merge on the kept work directory; the native stages on the same plan.
    pr = merge_and_profile(result, name, directory, work_dir, partitions, reference)
    say(f"  {'native stages one after another:':<40}map {pr['map']['cpu_s']:.2f} s CPU ({pr['map']['wall_s']:.2f} s), "
        f"partition {pr['partition']['cpu_s']:.2f}, fold {pr['fold']['cpu_s']:.2f}, merge {pr['merge']['wall_s']:.2f} s; "
        f"shuffle {pr['shuffle_bytes'] / 1e6:,.1f} MB ({pr['shuffle_bytes'] / result['orders']:,.0f} B/order); "
        + ("identical" if pr["identical_to_report"] else "DIFFERENT"))
    bench.remove_dir(keep)
    bench.remove_dir(reference)
    return result


def bench_second(name, label, directory):
    result = dataset_result(name, label, directory)
    partitions = CORES
    reference, m = run_native(directory, f"{name}-native")
    result["orders"], result["events"] = orders_of(reference)
    result["native"] = {"runs": 1, "times_s": [m["wall_s"]], "median_s": m["wall_s"], "peak_rss_bytes": m["max_rss_bytes"]}
    say(f"  {'shipkpi report:':<40}{m['wall_s']:8.2f} s   peak {m['max_rss_bytes'] / 2**20:6.0f} MiB")
    # Two jobs: the session's first, and a warm one (the estimate compares warm jobs).
    m, report, out_dir = run_driver(directory, reference, "local[2]", 2, f"{name}-driver", partitions)
    result["driver"] = {"local[2]": driver_result(2, m, report)}
    jobs = ", ".join("%.2f" % j["seconds"] for j in report["jobs"])
    say(f"  {'spark_driver.py local[2]:':<40}{m['wall_s']:8.2f} s wall, jobs {jobs} s   "
        f"peak {m['max_rss_bytes'] / 2**20:,.0f} MiB (tree PSS {m['tree_pss_bytes'] / 2**20:,.0f} MiB)   "
        + ("identical" if all(c["identical"] for c in report["identical"]) else "DIFFERENT"))
    work_dir = report["jobs"][-1]["work"]
    pr = merge_and_profile(result, name, directory, work_dir, partitions, reference)
    say(f"  {'native stages one after another:':<40}map {pr['map']['cpu_s']:.2f} s CPU, shuffle "
        f"{pr['shuffle_bytes'] / 1e6:,.1f} MB ({pr['shuffle_bytes'] / result['orders']:,.0f} B/order); "
        + ("identical" if pr["identical_to_report"] else "DIFFERENT"))
    bench.remove_dir(out_dir)
    bench.remove_dir(reference)
    return result


def targets_and_notes(report):
    first = report["datasets"][0]
    native = first["native"]["median_s"]
    d2, d1 = first["driver"]["local[2]"], first["driver"]["local[1]"]
    wall = first["spark_submit"]["median_s"]
    job = d2["job_median_s"]
    py_wall, py_job = first["pyspark"]["median_s"], first["pyspark"]["job_median_s"]
    py_first, first_job = first["pyspark"]["first_job_median_s"], d2["report"]["jobs"][0]["seconds"]
    targets = [
        ("Spark `local[2]` ÷ native throughput, warm job (floor 1/3, aim 2/3)", native / job >= 1 / 3,
         f"{native / job:.2f}"),
        ("Spark `local[2]` ÷ native throughput, first job of a session", native / first_job >= 1 / 3,
         f"{native / first_job:.2f}"),
        ("Spark `local[2]` ÷ native throughput, spark-submit wall time", native / wall >= 1 / 3, f"{native / wall:.2f}"),
        ("shipkpi on Spark vs PySpark-native, warm job vs warm query (floor 5×)", py_job / job >= 5,
         f"{py_job / job:.1f}×"),
        ("shipkpi on Spark vs PySpark-native, first job vs first query of a session", py_first / first_job >= 5,
         f"{py_first / first_job:.1f}×"),
        ("shipkpi on Spark vs PySpark-native, spark-submit wall time", py_wall / wall >= 5, f"{py_wall / wall:.1f}×"),
        ("PySpark-native summary equals shipkpi's summary.csv", first["pyspark"]["match"],
         "MATCH" if first["pyspark"]["match"] else "DIFFER"),
        ("Spark's report files byte-identical to `shipkpi report`'s (every run, run.json and run-timings.json aside)",
         first["spark_submit"]["identical"] and all(c["identical"] for m in first["driver"].values()
                                                     for c in m["report"]["identical"]),
         f"{len(first['spark_submit']['compared'])} files"),
    ]
    # Throughput with executors.
    notes = [
        f"executor cores: `local[1]` job {d1['job_median_s']:.2f} s → `local[2]` {job:.2f} s: "
        f"×{d1['job_median_s'] / job:.2f} throughput for ×2 cores (native `shipkpi report` uses both cores too)",
        f"JVM and session start: spark-submit wall {wall:.2f} s vs warm job {job:.2f} s; the first job of a "
        f"session {first_job:.2f} s (Python workers start, the JIT warms up)",
        f"PySpark-native: session start {first['pyspark']['session_s']:.2f} s, first query {py_first:.2f} s, "
        f"warm query {py_job:.2f} s ({first['input_bytes'] / 1e6 / py_job:,.0f} MB/s)",
    ]
    timeline = warm_timeline(d2["report"])
    written = sum(p.get("shuffle_write_bytes", 0) for p in timeline)
    if written and first.get("profile"):
        notes.append(f"Spark's shuffle wrote {mib(written)} (pickled blobs, compressed by Spark) for "
                     f"{mib(first['profile']['shuffle_bytes'])} "
                     "of partitioned records; the map results (all records) are persisted in the JVM between the "
                     "map and partition stages")
    return targets, notes


def main():
    for path, what in ((bench.SHIPKPI, "shipkpi binary (run `make release`, or set SHIPKPI)"), (TIME, "/usr/bin/time"),
                       (SPARK_SUBMIT, "spark-submit (pyspark in this Python's environment: run through `make bench-spark`)")):
        if not os.access(path, os.X_OK):
            fail(f"no {what} at {path}")
    import pyspark
    os.makedirs(DATA, exist_ok=True)
    for stale in os.listdir(DATA):
        if stale.startswith(".bench-"):
            shutil.rmtree(os.path.join(DATA, stale), ignore_errors=True)
    commit, dirty = bench.git_commit()
    report = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "shipkpi_commit": commit, "shipkpi_dirty": dirty,
              "shipkpi_version": bench.run_checked([SHIPKPI, "--version"], "shipkpi --version").stdout.decode().strip(),
              "pyspark_version": pyspark.__version__, "java": java_version(), "python": platform.python_version(),
              "machine": bench.machine_info(),
              "settings": {"runs": RUNS, "pyspark_runs": PYSPARK_RUNS, "merge_runs": MERGE_RUNS, "quick": bench.QUICK,
                           "as_of": AS_OF, "partitions": CORES, "driver_memory": DRIVER_MEMORY},
              "datasets": []}
    m = report["machine"]
    say(f"bench-spark: shipkpi {report['shipkpi_version']} ({commit}{', uncommitted changes' if dirty else ''}), "
        f"pyspark {pyspark.__version__}, {report['java']}, {m['cpu']}, {m['cores']} cores, "
        f"load average {m.get('load_average_at_start', [0])[0]:.2f}")
    directories = [(name, label, bench.ensure_dataset(name, options)) for name, label, options in bench.DATASETS]
    name, label, directory = directories[0]
    report["datasets"].append(bench_first(name, label, directory))
    for name, label, directory in directories[1:]:
        report["datasets"].append(bench_second(name, label, directory))
    first = report["datasets"][0]
    report["estimate"] = estimate([(d["profile"], d["orders"], d["driver"]["local[2]"]["job_median_s"])
                                   for d in report["datasets"]], first["native"]["median_s"])
    report["targets"], report["notes"] = targets_and_notes(report)
    try:
        report["machine"]["load_average_at_end"] = list(os.getloadavg())
    except OSError:
        report["machine"]["load_average_at_end"] = [0, 0, 0]
    text = markdown(report)
    with open(os.path.join(DATA, "spark-results.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=1)
        handle.write("\n")
    with open(os.path.join(DATA, "spark-results.md"), "w", encoding="utf-8") as handle:
        handle.write(text)
    say("\n" + "=" * 100)
    say(text)
    say("=" * 100)
    say("bench-spark: wrote bench-data/spark-results.json and bench-data/spark-results.md")
    ok = first["pyspark"]["match"] and all(ok for name, ok, _ in report["targets"] if "byte-identical" in name)
    return 0 if ok else 3


if __name__ == "__main__":
    bench.run_main(main, "bench-spark")
