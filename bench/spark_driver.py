#!/usr/bin/env python3
"""`make bench-spark`'s driver for shipkpi on Spark: creates the Spark session itself, then runs
`shipkpi_spark.main(args, spark=session)` --runs times in that session, timing only main() (the
job without the JVM and session start), and writes the timings and Spark's own stage metrics as
JSON.

    spark-submit --master 'local[2]' bench/spark_driver.py --runs 3 --timings-out T.json \
        --out-dir DIR -- INPUT... <shipkpi report options> --partitions N --shipkpi BIN

Run i writes its reports into DIR/run-<i> and keeps its work directory in DIR/work-<i>
(`--work`, `--keep-work`): the benchmark compares the reports with `shipkpi report`'s and times
the merge stage on the kept work directory. Stage metrics come from the session's monitoring REST
API (the UI on a free port): per Spark stage its tasks, submission and completion times, executor
run and CPU time, shuffle bytes written and read.
"""

import argparse
import json
import os
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "spark"))


def spark_time(text):
    """The REST API's '2026-12-06T13:22:02.123GMT' as epoch seconds."""
    import calendar
    if not text:
        return None
    base, _, rest = text.partition(".")
    millis = int(rest[:3]) if rest[:3].isdigit() else 0
    return calendar.timegm(time.strptime(base, "%Y-%m-%dT%H:%M:%S")) + millis / 1000


def stage_metrics(sc):
    """Every stage of the application with its timings and shuffle volumes (empty if the UI is off)."""
    url = sc.uiWebUrl
    if not url:
        return []
    try:
        with urllib.request.urlopen(f"{url}/api/v1/applications/{sc.applicationId}/stages", timeout=30) as response:
            stages = json.load(response)
    except OSError as error:
        print(f"spark_driver: no stage metrics ({error})", file=sys.stderr)
        return []
    out = []
    for s in sorted(stages, key=lambda s: (s["stageId"], s.get("attemptId", 0))):
        out.append({
            "stage": s["stageId"], "status": s["status"], "name": s.get("name", ""), "tasks": s["numTasks"],
            "submitted": spark_time(s.get("submissionTime")), "completed": spark_time(s.get("completionTime")),
            "executor_run_s": s.get("executorRunTime", 0) / 1000,
            "executor_cpu_s": s.get("executorCpuTime", 0) / 1e9,
            "input_bytes": s.get("inputBytes", 0),
            "shuffle_write_bytes": s.get("shuffleWriteBytes", 0),
            "shuffle_read_bytes": s.get("shuffleReadBytes", 0),
            "result_bytes": s.get("resultSize", 0),
        })
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timings-out", required=True)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- then shipkpi_spark's arguments")
    options = parser.parse_args()
    args = options.args[1:] if options.args[:1] == ["--"] else options.args

    started = time.perf_counter()
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.appName("shipkpi-bench")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.ui.port", "0")  # a free port: the REST API gives the stage metrics
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    import shipkpi_spark

    session_s = time.perf_counter() - started
    report = {"session_s": session_s, "master": spark.sparkContext.master,
              "default_parallelism": spark.sparkContext.defaultParallelism, "jobs": []}
    try:
        for run in range(options.runs):
            out = os.path.join(options.out_dir, f"run-{run}")
            work = os.path.join(options.out_dir, f"work-{run}")
            job_started = time.time()
            clock = time.perf_counter()
            code = shipkpi_spark.main(args + ["--out", out, "--work", work, "--keep-work", "-q"], spark=spark)
            seconds = time.perf_counter() - clock
            report["jobs"].append({"run": run, "seconds": seconds, "exit": code, "out": out, "work": work,
                                   "started": job_started, "ended": job_started + seconds})
            print(f"spark_driver: run {run + 1}/{options.runs}: {seconds:.2f} s, exit {code}", file=sys.stderr)
            if code != 0:
                break
        report["stages"] = stage_metrics(spark.sparkContext)
    finally:
        spark.stop()
    with open(options.timings_out, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=1)
    return 0 if report["jobs"] and all(j["exit"] == 0 for j in report["jobs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
