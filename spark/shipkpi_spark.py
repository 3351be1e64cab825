#!/usr/bin/env python3
"""shipkpi on Apache Spark: the same report set as `shipkpi report`, byte for byte, computed by a
cluster.

    spark-submit spark/shipkpi_spark.py INPUT... [report options] [--partitions N]
        [--split-bytes N] [--work DIR] [--keep-work] [--shipkpi PATH]

Every report option (`--remittance`, `--as-of`, `--status-map`, `--zone`, `--tz`, `--from`,
`--to`, `--carrier`, `--currency`, `--api-keys`, `--config`, `--format`, `--out`, `-q`, the
gates, ...) means what it means to `shipkpi report`; they are handed unchanged to every stage.

Spark does the distribution; shipkpi does every rule. The stages (see the README, "Running on
Spark") exchange a few large binary blobs per task, never one Python object per record:

  driver    shipkpi plan          inputs -> splits (whole files, byte ranges of NDJSON files)
  stage A   shipkpi map           one task per split: meta (counts, rejects, key sample) + records
  driver    shipkpi bounds        order-key range bounds from the samples
  stage B   shipkpi partition     records cut by order-key range; Spark shuffles them (partitionBy)
  stage C   shipkpi fold          one task per range: the range's partial, lead times, rendered rows
  driver    shipkpi merge         the report set, written atomically into --out

Map, partition and fold are pure functions of their input: a failed task that Spark retries
writes the same bytes, so retries duplicate nothing. A native stage that fails fails its Spark
task with the stage's stderr in the error; the job then exits non-zero.

The binary reaches the executors with `spark-submit --archives shipkpi-dist.tar.gz#shipkpi`
(`make dist`), or `--files path/to/shipkpi`; in local mode the driver's binary is used
(`--shipkpi`, else $SHIPKPI_BIN, else .build/release/shipkpi). Inputs are local paths (or paths
of a file system mounted on every executor), read by the map tasks in byte ranges, and any URI the
cluster's Hadoop connectors read (hdfs://, s3a://, file://): those are listed by the driver,
read by Spark (`binaryFiles`, one split per file) and handed to the map tasks.
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

SPARK_FLAGS_WITH_VALUE = {"--partitions", "--split-bytes", "--work", "--shipkpi", "--master"}
SPARK_FLAGS = {"--keep-work"}
# Options of shipkpi report that take a value (to tell inputs from option values).
VALUE_OPTIONS = {
    "--as-of", "--from", "--to", "--carrier", "--tz", "--zone", "--currency", "--status-map", "--config", "--api-keys",
    "--max-line-bytes", "--threads", "--log-format", "--remittance", "--remittance-columns", "--out", "--min-events",
    "--max-reject-rate", "--max-unknown-rate", "--max-staleness",
}
LIST_OPTIONS = {"--format"}  # one or more values, up to the next option
INPUT_EXTENSIONS = (".json", ".ndjson", ".jsonl", ".json.gz", ".ndjson.gz", ".jsonl.gz")


class StageFailed(RuntimeError):
    """A native stage exited non-zero; the message carries its stderr, `code` its exit code."""

    def __init__(self, message, code=1):
        super().__init__(message)
        self.code = code


def run_stage(binary, args, stdin=None, cwd=None, env=None):
    """Runs one shipkpi stage; returns its stdout. Raises StageFailed with its stderr."""
    proc = subprocess.run([binary] + args, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env)
    if proc.returncode != 0:
        raise StageFailed(
            "shipkpi %s exited %d: %s" % (args[0], proc.returncode, proc.stderr.decode("utf-8", "replace").strip()),
            proc.returncode)
    return proc.stdout


def parse_arguments(argv):
    """Splits the command line into this application's options, the report arguments (handed to
    every stage) and the inputs among them."""
    own = {"partitions": None, "split_bytes": None, "work": None, "keep_work": False, "shipkpi": None, "master": None}
    report, inputs = [], []
    i = 0
    while i < len(argv):
        a = argv[i]
        name, eq, inline = a.partition("=")
        if name in SPARK_FLAGS_WITH_VALUE:
            value = inline if eq else argv[i + 1]
            own[name[2:].replace("-", "_")] = value
            i += 1 if eq else 2
            continue
        if a in SPARK_FLAGS:
            own[a[2:].replace("-", "_")] = True
            i += 1
            continue
        report.append(a)
        if name in VALUE_OPTIONS and not eq:
            report.append(argv[i + 1])
            i += 2
            continue
        if name in LIST_OPTIONS and not eq:
            i += 1
            while i < len(argv) and not argv[i].startswith("-"):
                report.append(argv[i])
                i += 1
            continue
        if not a.startswith("-") or a == "-":
            inputs.append(a)
        i += 1
    return own, report, inputs


def option(report, name, default=None):
    """The last value of a report option (None when absent)."""
    value = default
    for i, a in enumerate(report):
        if a == name and i + 1 < len(report):
            value = report[i + 1]
        elif a.startswith(name + "="):
            value = a.split("=", 1)[1]
    return value


def without(report, name):
    """The report arguments without option `name` (and its value)."""
    out, skip = [], False
    for a in report:
        if skip:
            skip = False
            continue
        if a == name:
            skip = True
            continue
        if a.startswith(name + "="):
            continue
        out.append(a)
    return out


def is_remote(path):
    return "://" in path


def list_remote(spark, uri):
    """The input files under a Hadoop URI, as [[path, bytes], ...] in path order (the rules of
    directory discovery: export extensions only, recursively)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(uri)
    fs = path.getFileSystem(conf)
    status = fs.getFileStatus(path)
    out = []
    if status.isDirectory():
        files = fs.listFiles(path, True)
        while files.hasNext():
            f = files.next()
            name = f.getPath().toString()
            if name.lower().endswith(INPUT_EXTENSIONS):
                out.append([name, str(f.getLen())])
    else:
        out.append([status.getPath().toString(), str(status.getLen())])
    out.sort(key=lambda e: e[0].encode("utf-8"))
    return out


def binary_for_tasks(spark, driver_binary):
    """What the tasks run: the shipped binary when one was shipped (--archives or --files), else
    the driver's (local mode, or a path every executor has)."""
    conf = spark.sparkContext.getConf()
    archives = conf.get("spark.archives", "") or conf.get("spark.yarn.dist.archives", "")
    files = conf.get("spark.files", "") or conf.get("spark.yarn.dist.files", "")
    if "#shipkpi" in archives:
        return ("archive", "shipkpi/shipkpi")
    if any(os.path.basename(f) == "shipkpi" for f in files.split(",") if f):
        return ("file", "shipkpi")
    return ("path", driver_binary)


def resolve_binary(kind_path):
    kind, path = kind_path
    if kind == "path":
        return path
    from pyspark import SparkFiles
    if kind == "file":
        return SparkFiles.get(path)
    return os.path.join(os.getcwd(), path)


def main(argv=None, spark=None):
    argv = sys.argv[1:] if argv is None else argv
    own, report, inputs = parse_arguments(argv)
    if not inputs:
        sys.stderr.write("shipkpi-spark: error: give at least one input\n")
        return 64
    from pyspark.sql import SparkSession

    started = time.time()
    own_session = spark is None
    if own_session:
        builder = SparkSession.builder.appName("shipkpi")
        if own["master"]:
            builder = builder.master(own["master"])
        spark = builder.getOrCreate()
    sc = spark.sparkContext
    if own_session:
        sc.setLogLevel("ERROR")
    if __name__ != "__main__":
        # Imported (a test, or another application): the tasks' functions live in this module,
        # which the Python workers must be able to import.
        sc.addPyFile(os.path.abspath(__file__))
    try:
        return run(spark, sc, own, report, inputs, started)
    except StageFailed as error:
        # A stage on the driver (plan, bounds): its own exit code (64 usage, 66 missing input…).
        sys.stderr.write("shipkpi-spark: error: %s\n" % error)
        return error.code
    except Exception as error:  # a task failed more often than Spark retries (its stderr is in the message)
        message = str(error)
        stage = message[message.find("shipkpi "):].split("\n")[0] if "StageFailed" in message else message.split("\n")[0]
        sys.stderr.write("shipkpi-spark: error: the Spark job failed: %s\n" % stage)
        return 1
    finally:
        if own_session:
            spark.stop()


def run(spark, sc, own, report, inputs, started):
    driver_binary = os.path.abspath(own["shipkpi"] or os.environ.get("SHIPKPI_BIN") or ".build/release/shipkpi")
    task_binary = binary_for_tasks(spark, driver_binary)
    cwd = os.getcwd()
    partitions = int(own["partitions"] or sc.defaultParallelism)
    work = os.path.abspath(own["work"] or tempfile.mkdtemp(prefix="shipkpi-spark-"))
    os.makedirs(work, exist_ok=True)
    fail_once = os.environ.get("SHIPKPI_SPARK_FAIL_ONCE")  # tests: a marker path; the first map attempt fails
    env = dict(os.environ)
    try:
        # Plan (driver): remote inputs listed through Hadoop, local ones discovered by shipkpi.
        listing = {a: list_remote(spark, a) for a in inputs if is_remote(a)}
        plan_args = ["plan"] + report
        if listing:
            with open(os.path.join(work, "listing.json"), "w") as f:
                json.dump(listing, f)
            plan_args += ["--remote-listing", os.path.join(work, "listing.json")]
        plan_path = os.path.join(work, "plan.json")
        split_bytes = own["split_bytes"]
        if split_bytes is None:
            # About three splits per core, between 8 and 128 MiB.
            probe = json.loads(run_stage(driver_binary, plan_args + ["--split-bytes", str(1 << 62)], cwd=cwd, env=env))
            total = sum(i["bytes"] for i in probe["inputs"])
            split_bytes = max(8 << 20, min(128 << 20, total // max(1, 3 * sc.defaultParallelism)))
        run_stage(driver_binary, plan_args + ["--split-bytes", str(split_bytes), "--plan-out", plan_path], cwd=cwd, env=env)
        with open(plan_path, "rb") as f:
            plan_bytes = f.read()
        plan = json.loads(plan_bytes)
        as_of = plan["asOf"]
        stage_args = without(report, "--as-of") + ["--as-of", as_of]
        remote = {i["index"]: i["path"] for i in plan["inputs"] if i.get("remote")}
        plan_b = sc.broadcast(plan_bytes)

        def with_plan(body):
            """Runs body(binary, plan_path, tmp) in a scratch directory with the plan written in it."""
            tmp = tempfile.mkdtemp(prefix="shipkpi-task-")
            try:
                path = os.path.join(tmp, "plan.json")
                with open(path, "wb") as f:
                    f.write(plan_b.value)
                return body(resolve_binary(task_binary), path, tmp)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)

        # Stage A: map every split. Local splits are read by the map tasks themselves; remote
        # inputs are read by Spark (binaryFiles, through the cluster's Hadoop connectors) and
        # handed to the map task as a local copy.
        def map_split(split, content=None):
            if fail_once and not os.path.exists(fail_once):
                open(fail_once, "w").close()
                raise StageFailed("shipkpi map failed on purpose (SHIPKPI_SPARK_FAIL_ONCE), to be retried")

            def body(binary, plan_path, tmp):
                meta, records = os.path.join(tmp, "meta"), os.path.join(tmp, "records")
                args = ["map"] + stage_args + ["--plan", plan_path, "--split", str(split["id"]),
                                               "--meta-out", meta, "--records-out", records]
                if content is not None:
                    copy = os.path.join(tmp, "input")
                    with open(copy, "wb") as f:
                        f.write(content)
                    args += ["--local-copy", copy]
                run_stage(binary, args, cwd=cwd if os.path.isdir(cwd) else None, env=env)
                with open(meta, "rb") as m, open(records, "rb") as r:
                    return split["id"], m.read(), r.read()

            return with_plan(body)

        splits = plan["splits"]
        local_splits = [s for s in splits if s["input"] not in remote]
        mapped = sc.parallelize(local_splits, max(1, len(local_splits))).map(map_split)
        if remote:
            split_of = {remote[s["input"]]: s for s in splits if s["input"] in remote}
            fetched = sc.binaryFiles(",".join(sorted(split_of)), minPartitions=len(split_of))
            mapped = mapped.union(fetched.map(lambda kv: map_split(split_of[kv[0]], kv[1])))
        mapped = mapped.persist()
        for split_id, meta, _ in mapped.map(lambda t: (t[0], t[1], None)).collect():
            with open(os.path.join(work, "map-%05d.meta" % split_id), "wb") as f:
                f.write(meta)
        metas = [os.path.join(work, "map-%05d.meta" % s["id"]) for s in splits]
        bounds = run_stage(driver_binary, ["bounds", "--partitions", str(partitions)] + metas, cwd=cwd, env=env)
        bounds_b = sc.broadcast(bounds)

        # Stage B: cut each split's records by order-key range; Spark shuffles them to the folds.
        def cut(t):
            split_id, _, records = t
            tmp = tempfile.mkdtemp(prefix="shipkpi-task-")
            try:
                path = os.path.join(tmp, "bounds")
                with open(path, "wb") as f:
                    f.write(bounds_b.value)
                out = run_stage(resolve_binary(task_binary), ["partition", "--bounds", path, "--in", "-", "--out", "-"], stdin=records)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            at, parts = 0, []
            while at < len(out):
                p, length = struct.unpack_from("<IQ", out, at)
                at += 12
                parts.append((p, (split_id, out[at:at + length])))
                at += length
            return parts

        shuffled = mapped.flatMap(cut).partitionBy(partitions, lambda p: p)

        # Stage C: fold each range, its records in split order. In local mode the executors share
        # the driver's file system: each fold writes its result into the work directory itself
        # (atomically: a retried task writes the same bytes), instead of sending about a fifth of
        # the input's size through the JVM to the driver.
        local_mode = sc.master.startswith("local")

        def fold(index, items):
            blobs = sorted(items, key=lambda kv: kv[1][0])
            target = os.path.join(work, "fold-%05d.result" % index)

            def body(binary, plan_path, tmp):
                data = b"".join(blob for _, (_, blob) in blobs)
                args = ["fold"] + stage_args + ["--plan", plan_path, "--in", "-", "--fold-out", target if local_mode else "-"]
                return run_stage(binary, args, stdin=data, cwd=cwd if os.path.isdir(cwd) else None, env=env)

            result = with_plan(body)
            yield index, None if local_mode else result

        # One job: every range folds at the same time (a job per range, as toLocalIterator
        # runs them, would leave all cores but one idle). On a cluster the driver holds the fold
        # results until they are written.
        folded = shuffled.mapPartitionsWithIndex(fold).collect()
        mapped.unpersist()
        for index, result in folded:
            if result is not None:
                with open(os.path.join(work, "fold-%05d.result" % index), "wb") as f:
                    f.write(result)
        del folded

        # Merge (driver): the report set, atomically, with the gates and run.json.
        merge = subprocess.run(
            [driver_binary, "merge"] + stage_args + ["--plan", plan_path, "--work", work, "--engine", "spark",
                                                     "--partitions", str(partitions)],
            cwd=cwd, env=env)
        return merge.returncode
    finally:
        if not own["keep_work"] and not own["work"]:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
