"""Tests of shipkpi on Spark (local mode), run by `make test` through `make test-spark`.

Every report file a Spark run writes must be byte-identical to what `shipkpi report` writes for
the same arguments (run.json and run-timings.json aside: they name the engine and the timings).

Environment: SHIPKPI_BIN (the release binary), SHIPKPI_DIST_BIN (the shipped binary, `make dist`).
"""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import shipkpi_spark  # noqa: E402

BIN = os.environ.get("SHIPKPI_BIN", os.path.join(ROOT, ".build/release/shipkpi"))
DIST_BIN = os.environ.get("SHIPKPI_DIST_BIN", os.path.join(ROOT, "dist/shipkpi/shipkpi"))
NOT_COMPARED = {"run.json", "run-timings.json", ".shipkpi.lock"}
SAMPLES = [
    "samples", "--status-map", "samples/status-map.csv",
    "--remittance", "samples/remittance/247express-remittance.csv",
    "--remittance", "samples/remittance/247express-remittance-2026-03-27.csv",
    "--as-of", "2026-04-01T00:00:00Z",
]


def files(directory):
    out = {}
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name not in NOT_COMPARED and os.path.isfile(path):
            with open(path, "rb") as f:
                out[name] = f.read()
    return out


class SparkTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from pyspark.sql import SparkSession

        os.chdir(ROOT)
        cls.tmp = tempfile.mkdtemp(prefix="shipkpi-spark-test-")
        # local[2,2]: two cores, and a task may fail once (Spark's retry, for the retry test).
        cls.spark = (SparkSession.builder.master("local[2,2]").appName("shipkpi-tests")
                     .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                     .config("spark.sql.shuffle.partitions", "2").getOrCreate())
        cls.spark.sparkContext.setLogLevel("ERROR")
        # A generated shop: 20,000 orders of both carriers with a remittance statement (~75 MB).
        cls.generated = os.path.join(cls.tmp, "generated")
        subprocess.run([BIN, "generate", "--orders", "20000", "--out", cls.generated, "-q"], check=True)
        cls.generated_args = [
            cls.generated, "--status-map", os.path.join(cls.generated, "status-map.csv"),
            "--remittance", os.path.join(cls.generated, "247express-remittance.csv"), "--as-of", "2026-04-01",
        ]
        cls.references = {}

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def reference(self, args):
        """What `shipkpi report` writes for `args` (computed once per argument list)."""
        key = tuple(args)
        if key not in self.references:
            out = tempfile.mkdtemp(dir=self.tmp)
            subprocess.run([BIN, "report"] + args + ["--out", out, "-q"], check=True, stderr=subprocess.DEVNULL)
            self.references[key] = files(out)
        return self.references[key]

    def spark_run(self, args, extra=(), binary=BIN):
        out = tempfile.mkdtemp(dir=self.tmp)
        code = shipkpi_spark.main(args + list(extra) + ["--out", out, "-q", "--shipkpi", binary], spark=self.spark)
        return code, out

    def assertIdentical(self, reference, out, label):
        got = files(out)
        self.assertEqual(sorted(got), sorted(reference), label)
        for name, data in reference.items():
            self.assertTrue(got[name] == data, "%s: %s differs from shipkpi report's" % (label, name))

    def test_samples_are_identical_with_1_2_and_7_partitions(self):
        reference = self.reference(SAMPLES)
        for partitions in (1, 2, 7):
            # 4 KiB splits: every sample NDJSON file is cut into byte ranges.
            code, out = self.spark_run(SAMPLES, ["--partitions", str(partitions), "--split-bytes", "4096"])
            self.assertEqual(code, 0)
            self.assertIdentical(reference, out, "samples, %d partitions" % partitions)
            import json
            with open(os.path.join(out, "run.json")) as f:
                run = json.load(f)
            self.assertEqual(run["engine"], {"name": "spark", "partitions": partitions})

    def test_a_generated_shop_is_identical_with_1_2_and_7_partitions(self):
        reference = self.reference(self.generated_args)
        for partitions in (1, 2, 7):
            code, out = self.spark_run(self.generated_args, ["--partitions", str(partitions), "--split-bytes", str(8 << 20)])
            self.assertEqual(code, 0)
            self.assertIdentical(reference, out, "generated, %d partitions" % partitions)

    def test_a_map_task_that_fails_once_is_retried_and_changes_nothing(self):
        reference = self.reference(SAMPLES)
        marker = os.path.join(self.tmp, "failed-once")
        os.environ["SHIPKPI_SPARK_FAIL_ONCE"] = marker
        try:
            code, out = self.spark_run(SAMPLES, ["--partitions", "2", "--split-bytes", "8192"])
        finally:
            del os.environ["SHIPKPI_SPARK_FAIL_ONCE"]
        self.assertTrue(os.path.exists(marker), "no task failed")
        self.assertEqual(code, 0)
        self.assertIdentical(reference, out, "after a retried task")

    def test_a_failing_native_stage_fails_the_job_with_its_stderr(self):
        # A binary whose map stage always fails (the driver's stages work).
        wrapper = os.path.join(self.tmp, "failing-map")
        with open(wrapper, "w") as f:
            f.write('#!/bin/sh\nif [ "$1" = map ]; then echo "disk on fire" >&2; exit 74; fi\nexec "%s" "$@"\n' % BIN)
        os.chmod(wrapper, os.stat(wrapper).st_mode | stat.S_IEXEC)
        out = tempfile.mkdtemp(dir=self.tmp)
        stderr = os.path.join(self.tmp, "stderr")
        saved = os.dup(2)
        with open(stderr, "w") as f:
            os.dup2(f.fileno(), 2)
            try:
                code = shipkpi_spark.main(SAMPLES + ["--out", out, "-q", "--shipkpi", wrapper], spark=self.spark)
            finally:
                os.dup2(saved, 2)
                os.close(saved)
        self.assertNotEqual(code, 0)
        with open(stderr) as f:
            message = f.read()
        self.assertIn("shipkpi map exited 74: disk on fire", message)
        self.assertEqual(files(out), {}, "a failed job wrote reports")

    def test_inputs_read_through_hadoop_give_the_same_kpis(self):
        # file:// URIs are listed by the driver and read by Spark (binaryFiles), one split per file.
        args = ["file://" + os.path.join(ROOT, "samples")] + SAMPLES[1:]
        code, out = self.spark_run(args, ["--partitions", "2"])
        self.assertEqual(code, 0)
        reference = self.reference(SAMPLES)
        got = files(out)
        # The paths in rejects.ndjson and report.xml/.html are the URIs; the tables are the same.
        for name in reference:
            if name.endswith(".csv"):
                self.assertTrue(got[name] == reference[name], "%s differs" % name)

    def test_the_shipped_binary_runs_without_the_swift_toolchain(self):
        toolchain = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("swift") or "/opt/swift/usr/bin/swift")))
        dynamic = subprocess.run(["readelf", "-d", DIST_BIN], capture_output=True, text=True, check=True).stdout
        self.assertNotIn(toolchain, dynamic, "the shipped binary points into the toolchain")
        env = {"PATH": "/usr/bin:/bin"}  # no LD_LIBRARY_PATH, no toolchain on PATH
        loaded = subprocess.run(["ldd", DIST_BIN], capture_output=True, text=True, env=env, check=True).stdout
        self.assertNotIn(toolchain, loaded)
        self.assertNotIn("not found", loaded)
        version = subprocess.run([DIST_BIN, "--version"], capture_output=True, text=True, env=env, check=True)
        self.assertTrue(version.stdout.strip())
        # And Spark's tasks run it.
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update({k: v for k, v in saved.items() if k != "LD_LIBRARY_PATH" and toolchain not in v})
        try:
            code, out = self.spark_run(SAMPLES, ["--partitions", "2"], binary=DIST_BIN)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        self.assertEqual(code, 0)
        self.assertIdentical(self.reference(SAMPLES), out, "the shipped binary")


if __name__ == "__main__":
    unittest.main()
