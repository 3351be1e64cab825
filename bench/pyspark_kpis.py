#!/usr/bin/env python3
"""The summary KPIs with PySpark DataFrames: what a data engineer would write on Spark instead of
running shipkpi there. `make bench-spark` times it against shipkpi on Spark and checks its result
cell by cell against shipkpi's summary.csv.

    spark-submit bench/pyspark_kpis.py INPUT... --status-map FILE --as-of 2026-04-01 --out summary.csv
        [--runs N] [--timings-out FILE.json] [--compare reports/summary.csv]

The same rules as bench/duckdb_kpis.sql (and shipkpi), written with the DataFrame API:

  * Reading: `spark.read.text` + `from_json` with an explicit schema (the union of the record
    shapes, as strings and structs; every other field, such as multi-megabyte proof-of-delivery
    arrays, is skipped by the parser). Not `spark.read.json`: it turns a line holding a JSON array
    into one row per element (shipkpi rejects such a line), and it gives no way to keep the input
    order. A line Jackson cannot parse lands in `_corrupt_record` and is dropped, as is a line that
    is a JSON array. Input position = (file number in shipkpi's order, the byte offset where the
    line's file block starts, `monotonically_increasing_id()` — which grows line by line within a
    block —, the status-log item's index). A `.json` file (one object or an array) is read with
    `multiLine`; Spark cannot skip one broken element of it (the whole file is then left out).
  * Shapes: `{receivedAt, payload}` envelopes unwrapped; `OrderInfo` (orders: not events),
    `Data.Orders[].Histories[]` (GetStatusLogs: every item an event of its own `OrderCode`),
    `guide`, `statusObj`, then a flat `Status`. Strings trimmed, blank = missing; events without an
    order code or status dropped.
  * Dates: the same regular expressions as the SQL; the calendar checked in integer arithmetic
    (no rollover of 30/02 or 25:61); fractions truncated to ms; offsets Z, ±HH, ±HHmm, ±HH:mm up
    to ±14:00; naive 247Express times in Asia/Ho_Chi_Minh, HoundExpress changeOrderStatus in
    America/Mexico_City through `to_utc_timestamp` (java.time: a wall time in a DST gap moves
    forward by the gap, an ambiguous one takes the earlier offset, as shipkpi does); webhook dates
    at the fixed UTC−06:00; epoch milliseconds; instants outside years 0001–9999 unparseable;
    fallback to the envelope's receivedAt (naive = UTC), else the as-of.
  * Status map: the shipped map plus the `kind=status` rows of --status-map files.
  * Duplicates: identity = (carrier, order, TransactionId) when there is one, else (carrier,
    order, raw code, raw date, raw time): the first occurrence in input order is kept (`min_by`).
  * Per order: the final status is the last event by (instant, canonical rank, input position)
    (`max_by` over a struct); lead time = last DELIVERED − first PICKED_UP; percentiles by nearest
    rank (the ⌈q·n⌉-th smallest, index computed in integers over the sorted list); ratios and hours
    rounded half away from zero in integer arithmetic.
"""

import csv
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import duckdb_run  # noqa: E402 (input discovery, as-of, summary columns, the comparison)

COLUMNS = duckdb_run.COLUMNS
SHIPPED_MAP = {
    ("247express", "21"): "CREATED", ("247express", "23"): "PICKED_UP",
    ("247express", "24"): "IN_TRANSIT", ("247express", "25"): "OUT_FOR_DELIVERY",
    ("247express", "16"): "ATTEMPT_FAILED", ("247express", "27"): "RETURNING",
    ("247express", "30"): "DELIVERED", ("247express", "28"): "RETURNED",
    ("247express", "19"): "LOST", ("247express", "32"): "CONFISCATED",
    ("247express", "18"): "CANCELLED",
    ("houndexpress", "38"): "IN_TRANSIT", ("houndexpress", "8"): "ATTEMPT_FAILED",
    ("houndexpress", "46"): "ATTEMPT_FAILED", ("houndexpress", "2"): "DELIVERED",
}
CANONICAL = {  # rank, outcome class
    "CREATED": (1, "open"), "PICKED_UP": (2, "open"), "IN_TRANSIT": (3, "open"),
    "OUT_FOR_DELIVERY": (4, "open"), "ATTEMPT_FAILED": (5, "open"), "RETURNING": (6, "open"),
    "DELIVERED": (7, "success"), "RETURNED": (7, "failure"), "LOST": (7, "failure"),
    "CONFISCATED": (7, "failure"), "CANCELLED": (7, "cancelled"), "UNKNOWN": (0, "open"),
}
MIN_MS, MAX_MS = -62135596800000, 253402300799999  # years 0001-9999
WEBHOOK_OFFSET_MS = 6 * 3600 * 1000  # HoundExpress webhook naive dates: UTC-06:00
ISO_RE = r"^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?([Zz]|[+-]\d\d(?::?\d\d)?)?$"
SLASH_RE = r"^(\d\d)/(\d\d)/(\d{4}) (\d\d):(\d\d)(?::(\d\d))?$"
DASH_RE = r"^(\d\d)-(\d\d)-(\d{4}) (\d\d):(\d\d):(\d\d)$"
TRIM_CHARS = " \t\n\r\f\x0b"
HISTORY_TYPE = "array<struct<OrderCode:string,Status:string,Time:string,TransactionId:string>>"


def status_map(paths):
    """The shipped map, then the kind=status rows of the files (later rows win)."""
    mapping = dict(SHIPPED_MAP)
    for path in paths:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                if (row.get("kind") or "").strip() == "status":
                    mapping[(row["carrier"].strip(), row["code"].strip())] = row["canonical"].strip()
    return mapping


def record_schema(T):
    s = T.StringType()
    history = T.ArrayType(T.StructType([T.StructField("OrderCode", s), T.StructField("Status", s),
                                        T.StructField("Time", s), T.StructField("TransactionId", s)]))
    data = T.StructType([T.StructField("Orders", T.ArrayType(T.StructType([T.StructField("Histories", history)])))])
    guide = T.StructType([T.StructField("guideNumber", s), T.StructField("currentStatus", T.StructType(
        [T.StructField("status", s), T.StructField("date", s), T.StructField("time", s)]))])
    shape = [T.StructField("OrderInfo", T.StructType([T.StructField("OrderCode", s)])),
             T.StructField("Data", data), T.StructField("guide", guide),
             T.StructField("statusObj", T.StructType([T.StructField("id", s)])), T.StructField("value", s),
             T.StructField("dateTimeISO", s), T.StructField("dateTime", s), T.StructField("date", s),
             T.StructField("OrderCode", s), T.StructField("Status", s), T.StructField("Time", s),
             T.StructField("TransactionId", s)]
    return T.StructType([T.StructField("receivedAt", s), T.StructField("payload", T.StructType(shape))] + shape
                        + [T.StructField("_corrupt_record", s)])


def kpis(spark, files, mapping, as_of_ms, probe=None):
    """The summary as a list of rows (lists of strings), in summary.csv's order. (`probe`, for
    profiling: called with each intermediate DataFrame by name.)"""
    probe = probe or (lambda name, df: None)
    from pyspark.sql import functions as F, types as T

    schema = record_schema(T)
    lit = F.lit

    def clean(c):
        c = F.trim(c, lit(TRIM_CHARS))
        return F.when(c != "", c)

    # ---- Records, in input order --------------------------------------------------------------
    frames = []
    for file_no, path in enumerate(files):
        if path.endswith(duckdb_run.JSON_SUFFIXES):
            df = (spark.read.schema(schema).option("multiLine", "true").json(path)
                  .select(F.struct(*[F.col(f.name) for f in schema.fields]).alias("r"),
                          lit(0).cast("long").alias("block")))
        else:
            text = spark.read.text(path).select("value", F.col("_metadata.file_block_start").alias("block"))
            value = F.when(F.col("value").startswith("\ufeff"), F.expr("substring(value, 2)")).otherwise(F.col("value"))
            df = text.select(F.from_json(value, schema).alias("r"), "block")
        frames.append(df.select(lit(file_no).alias("file_no"), "block",
                                F.monotonically_increasing_id().alias("row"), "r"))
    records = frames[0]
    for df in frames[1:]:
        records = records.unionByName(df)
    records = records.where(F.col("r").isNotNull() & F.col("r._corrupt_record").isNull())

    # An envelope's payload is read like a top-level record; its receivedAt is the date fallback.
    env = F.col("r.payload").isNotNull()

    def field(name):
        return F.when(env, F.col("r.payload." + name)).otherwise(F.col("r." + name))

    rec = records.select(
        "file_no", "block", "row",
        F.when(env, F.col("r.receivedAt")).alias("received_at"),
        field("OrderInfo").alias("order_info"), field("Data").alias("data"), field("guide").alias("guide"),
        field("statusObj").alias("status_obj"), field("value").alias("guide_value"),
        field("dateTimeISO").alias("wh_iso"), field("dateTime").alias("wh_datetime"), field("date").alias("wh_date"),
        field("OrderCode").alias("order_code"), field("Status").alias("status"), field("Time").alias("time_247"),
        field("TransactionId").alias("tx"))
    kind = (F.when(F.col("order_info").isNotNull(), "order")
            .when(F.col("data").isNotNull(), "status_log")
            .when(F.col("guide").isNotNull(), "hound_status")
            .when(F.col("status_obj").isNotNull(), "hound_webhook")
            .when(clean(F.col("status")).isNotNull(), "event_247"))
    rec = rec.withColumn("kind", kind).where(F.col("kind") != "order")
    probe("rec", rec)

    null = lit(None).cast("string")
    item_cols = ["file_no", "block", "row", "received_at", "kind", "order_code", "code", "tx", "date1", "date2", "date3", "sub"]
    # GetStatusLogs documents: every history item is an event keyed by its own OrderCode.
    logs = (rec.where(F.col("kind") == "status_log")
            .select("file_no", "block", "row", "received_at", "kind",
                    F.posexplode(F.flatten(F.transform(F.col("data.Orders"), lambda o: F.coalesce(
                        o["Histories"], F.array().cast(HISTORY_TYPE))))).alias("sub", "h"))
            .select("file_no", "block", "row", "received_at", "kind", F.col("h.OrderCode").alias("order_code"),
                    F.col("h.Status").alias("code"), F.col("h.TransactionId").alias("tx"), F.col("h.Time").alias("date1"),
                    null.alias("date2"), null.alias("date3"), "sub"))
    single = rec.where(F.col("kind") != "status_log").select(
        "file_no", "block", "row", "received_at", "kind",
        F.when(F.col("kind") == "event_247", F.col("order_code"))
         .when(F.col("kind") == "hound_status", F.col("guide.guideNumber"))
         .otherwise(F.col("guide_value")).alias("order_code"),
        F.when(F.col("kind") == "event_247", F.col("status"))
         .when(F.col("kind") == "hound_status", F.col("guide.currentStatus.status"))
         .otherwise(F.col("status_obj.id")).alias("code"),
        F.when(F.col("kind") == "event_247", F.col("tx")).alias("tx"),
        F.when(F.col("kind") == "event_247", F.col("time_247"))
         .when(F.col("kind") == "hound_status", F.col("guide.currentStatus.date"))
         .otherwise(F.col("wh_iso")).alias("date1"),
        F.when(F.col("kind") == "hound_status", F.col("guide.currentStatus.time"))
         .when(F.col("kind") == "hound_webhook", F.col("wh_datetime")).alias("date2"),
        F.when(F.col("kind") == "hound_webhook", F.col("wh_date")).alias("date3"),
        lit(0).alias("sub"))
    items = logs.unionByName(single).select(
        *[clean(F.col(c)).alias(c) if c in ("order_code", "code", "tx", "date1", "date2", "date3") else F.col(c)
          for c in item_cols])
    items = (items.where(F.col("order_code").isNotNull() & F.col("code").isNotNull())
             .withColumn("carrier", F.when(F.col("kind").isin("event_247", "status_log"), "247express")
                         .otherwise("houndexpress")))
    probe("items", items)

    # ---- Dates ---------------------------------------------------------------------------------
    # Each date text is matched once: regexp_replace rewrites a matching text into its groups
    # (behind a marker character), split() makes them an array ('' for an absent group), and a
    # text that does not match gives NULL. Then the fields become numbers, and the numbers
    # instants (try_make_timestamp: NULL for an impossible calendar day or clock time; with a
    # zone, java.time reads a wall time in a DST gap forward by the gap and takes the earlier
    # offset in an overlap, as shipkpi does). One select per step, so that nothing is computed twice.
    def groups(text, regex, n):
        replaced = F.regexp_replace(text, regex, "\u0001" + ",".join("$%d" % i for i in range(1, n + 1)))
        return F.when(replaced.startswith("\u0001"), F.split(F.substring(replaced, 2, 1 << 20), ",", -1))

    def number(parts, i):
        return F.element_at(F.col(parts), i).try_cast("int")  # '' (an absent group) is NULL

    def fields(parts, order, iso=False):
        """The date's numbers as columns <parts>_y, _mo, _d, _h, _mi, _s (and for ISO-8601 _ms and
        _off, the offset in seconds: NULL without one, or when it is out of range)."""
        out = [number(parts, i + 1).alias("%s_%s" % (parts, key)) for i, key in enumerate(order)]
        if iso:
            out.append(F.coalesce(F.rpad(F.element_at(F.col(parts), 7), 3, "0").try_cast("int"), lit(0))
                       .alias(parts + "_ms"))
            z = F.element_at(F.col(parts), 8)
            minutes = F.coalesce(F.regexp_replace(F.substring(z, 4, 10), ":", "").try_cast("int"), lit(0))
            seconds = (F.when(F.substring(z, 1, 1) == "-", -1).otherwise(1)
                       * (F.substring(z, 2, 2).try_cast("int") * 3600 + minutes * 60))
            out.append(F.when(z.isin("Z", "z"), 0)
                       .when((minutes <= 59) & (F.abs(seconds) <= 14 * 3600), seconds).alias(parts + "_off"))
            out.append((z != "").alias(parts + "_has_z"))
        return out

    def instant(parts, zone):
        """Milliseconds of the date read as a wall clock in `zone` (NULL when not a real date and time)."""
        c = {key: F.col("%s_%s" % (parts, key)) for key in ("y", "mo", "d", "h", "mi", "s")}
        stamp = F.try_make_timestamp(c["y"], c["mo"], c["d"], c["h"], c["mi"], F.coalesce(c["s"], lit(0)), lit(zone))
        return F.when((c["y"] >= 1) & (F.coalesce(c["s"], lit(0)) <= 59), F.unix_millis(stamp))

    def iso(parts, zone=None):
        """ISO-8601: (absolute ms when the text has an offset, ms of the naive text in `zone`, or
        as if UTC when zone is None)."""
        utc = instant(parts, "UTC") + F.col(parts + "_ms")
        has_z = F.col(parts + "_has_z")
        absolute = F.when(has_z, utc - F.col(parts + "_off") * 1000)
        naive = F.when(~has_z, utc if zone is None else instant(parts, zone) + F.col(parts + "_ms"))
        return absolute, naive

    def in_range(ms):
        return F.when(ms.between(MIN_MS, MAX_MS), ms)

    k = F.col("kind")
    ymd = ["y", "mo", "d", "h", "mi", "s"]
    dmy = ["d", "mo", "y", "h", "mi", "s"]
    # Step 1: the groups of every date form that applies to the kind.
    pieces = items.select(
        "*",
        groups(F.when(k != "hound_status", F.col("date1")), ISO_RE, 8).alias("iso1"),
        groups(F.when(k == "hound_webhook", F.col("date2")), ISO_RE, 8).alias("iso2"),
        groups(F.when(k == "hound_webhook", F.col("date3")).when(k == "hound_status", F.col("date1")),
               SLASH_RE, 6).alias("slash"),
        groups(F.when(k == "hound_status", F.concat(F.col("date1"), lit(" "),
                                                    F.coalesce(F.col("date2"), lit("00:00:00")))),
               DASH_RE, 6).alias("dash"),
        groups(clean(F.col("received_at")), ISO_RE, 8).alias("recv"),
        F.when((k == "hound_status") & F.col("date1").rlike(r"^-?\d{1,15}$"),
               F.col("date1").try_cast("long")).alias("m_epoch"))
    probe("pieces", pieces)
    # Step 2: numbers.
    numbers = pieces.select(
        "kind", "carrier", "order_code", "code", "tx", "date1", "date2", "date3", "file_no", "block", "row", "sub",
        "m_epoch", *fields("iso1", ymd, iso=True), *fields("iso2", ymd, iso=True), *fields("slash", dmy),
        *fields("dash", dmy), *fields("recv", ymd, iso=True))
    # Step 3: instants. 247Express naive times are in Asia/Ho_Chi_Minh; HoundExpress
    # changeOrderStatus wall clocks in America/Mexico_City; webhook naive dates at UTC-06:00; a naive
    # receivedAt is UTC.
    a1, w1 = iso("iso1", "Asia/Ho_Chi_Minh")
    a1_utc, w1_utc = iso("iso1")
    a2, w2 = iso("iso2")
    ra, rw = iso("recv")
    walls = numbers.select(
        "kind", "carrier", "order_code", "code", "tx", "date1", "date2", "date3", "file_no", "block", "row", "sub",
        "m_epoch", a1.alias("a1"),
        F.when(F.col("carrier") == "247express", w1).alias("z_247"),
        F.when(k == "hound_webhook", w1_utc + WEBHOOK_OFFSET_MS).alias("w1"),
        a2.alias("a2"), (w2 + WEBHOOK_OFFSET_MS).alias("w2"),
        (instant("slash", "UTC") + WEBHOOK_OFFSET_MS).alias("m3"),
        F.when(k == "hound_status", F.coalesce(instant("slash", "America/Mexico_City"),
                                               instant("dash", "America/Mexico_City"))).alias("z_hound"),
        F.coalesce(ra, rw).alias("m_recv"))
    probe("walls", walls)
    # Step 4: the date of each kind (webhook: the first of dateTimeISO, dateTime, date that parses),
    # the fallbacks (receivedAt, else the as-of).
    parsed = walls.select(
        "*", F.coalesce("a1", "w1").alias("m1"), F.coalesce("a2", "w2").alias("m2"))
    event_ms = (F.when(k == "hound_webhook", F.coalesce("m1", "m2", "m3"))
                .when(k == "hound_status", F.coalesce("m_epoch", "z_hound"))
                .otherwise(F.coalesce("a1", "z_247")))
    raw_date = (F.when(k == "hound_webhook",
                       F.when(F.col("m1").isNotNull(), F.col("date1")).when(F.col("m2").isNotNull(), F.col("date2"))
                       .when(F.col("m3").isNotNull(), F.col("date3"))
                       .otherwise(F.coalesce("date1", "date2", "date3")))
                .otherwise(F.col("date1")))
    events_all = parsed.select(
        "carrier", "order_code", "code", "tx",
        raw_date.alias("raw_date"), F.when(k == "hound_status", F.col("date2")).alias("raw_time"),
        F.struct("file_no", "block", "row", "sub").alias("pos"),
        F.coalesce(in_range(event_ms), in_range(F.col("m_recv")), lit(as_of_ms)).alias("instant"))
    probe("events_all", events_all)

    # ---- Duplicates: identity scoped to the order; the first occurrence in input order ---------
    has_tx = F.col("tx").isNotNull()
    events = (events_all
              .groupBy("carrier", "order_code", "tx",
                       F.when(~has_tx, F.col("code")).alias("k_code"),
                       F.when(~has_tx, F.coalesce(F.col("raw_date"), lit(""))).alias("k_date"),
                       F.when(~has_tx, F.col("raw_time")).alias("k_time"))
              .agg(F.min_by(F.struct("code", "instant", "pos"), F.col("pos")).alias("kept"))
              .select("carrier", "order_code", "kept.code", "kept.instant", "kept.pos"))
    probe("events", events)

    # ---- Status map, per order -----------------------------------------------------------------
    map_rows = [(carrier, code, canonical, *CANONICAL[canonical])
                for (carrier, code), canonical in mapping.items() if canonical in CANONICAL]
    status_df = spark.createDataFrame(map_rows, "carrier string, code string, canonical string, rnk int, outcome string")
    classified = (events.join(F.broadcast(status_df), ["carrier", "code"], "left")
                  .select("carrier", "order_code", "instant",
                          F.coalesce("canonical", lit("UNKNOWN")).alias("canonical"),
                          F.coalesce("outcome", lit("open")).alias("outcome"),
                          F.struct("instant", F.coalesce("rnk", lit(0)).alias("rnk"), "pos").alias("ord_key")))
    c = F.col("canonical")
    orders = (classified.groupBy("carrier", "order_code").agg(
        F.count(lit(1)).alias("n_events"),
        F.max_by("canonical", "ord_key").alias("final_status"),
        F.max_by("outcome", "ord_key").alias("final_outcome"),
        F.max(F.when(c == "DELIVERED", F.col("ord_key"))).alias("last_delivered_key"),
        F.min(F.when(c == "ATTEMPT_FAILED", F.col("ord_key"))).alias("first_failed_key"),
        F.max(F.when(c == "DELIVERED", F.col("instant"))).alias("delivered_at"),
        F.min(F.when(c == "PICKED_UP", F.col("instant"))).alias("picked_up_at"),
        F.max(c.isin("OUT_FOR_DELIVERY", "ATTEMPT_FAILED", "DELIVERED")).alias("tried"),
        F.sum(F.when(c == "ATTEMPT_FAILED", 1).otherwise(0)).alias("n_failed"),
        F.min("instant").alias("first_at")))
    probe("orders", orders)
    fs = F.col("final_status")
    per_order = orders.select(
        "carrier", "n_events", "final_status", "final_outcome", "tried", "n_failed",
        fs.isin("DELIVERED", "RETURNED", "LOST", "CONFISCATED").alias("resolved"),
        ((fs == "DELIVERED") & (F.col("first_failed_key").isNull()
                                | (F.col("first_failed_key") > F.col("last_delivered_key")))).alias("first_ok"),
        F.when((fs == "DELIVERED") & F.col("picked_up_at").isNotNull(),
               F.col("delivered_at") - F.col("picked_up_at")).alias("lead_ms"),
        F.when(F.col("final_outcome") == "open",
               F.greatest(F.floor((lit(as_of_ms) - F.col("first_at")) / 86400000), lit(0))).alias("open_age"))

    # ---- Summary per carrier and ALL -----------------------------------------------------------
    def count_if(cond):
        return F.sum(F.when(cond, 1).otherwise(0))

    age = F.col("open_age")
    measures = [
        F.sum("n_events").alias("events"), F.count(lit(1)).alias("orders"),
        count_if(fs == "DELIVERED").alias("delivered"), count_if(fs == "RETURNED").alias("returned"),
        count_if(fs == "LOST").alias("lost"), count_if(fs == "CONFISCATED").alias("confiscated"),
        count_if(fs == "CANCELLED").alias("cancelled"), count_if(F.col("final_outcome") == "open").alias("open"),
        count_if(F.col("resolved")).alias("resolved"),
        count_if(F.col("resolved") & F.col("tried")).alias("attempted"),
        count_if(F.col("first_ok")).alias("first_attempt_delivered"),
        F.sum("n_failed").alias("failed_attempts"),
        F.sort_array(F.collect_list("lead_ms")).alias("leads"),
        F.sum("lead_ms").alias("lead_sum"),
        count_if(age.between(0, 2)).alias("open_0_2d"), count_if(age.between(3, 7)).alias("open_3_7d"),
        count_if(age.between(8, 14)).alias("open_8_14d"), count_if(age >= 15).alias("open_15d_plus"),
    ]
    # GROUPING SETS ((carrier), ()): rollup gives the carriers and the total row in one pass.
    summary = (per_order.rollup("carrier").agg(*measures, F.grouping("carrier").alias("is_all"))
               .orderBy("is_all", "carrier").collect())
    rows = [summary_row("ALL" if r["is_all"] else r["carrier"], r) for r in summary]
    return rows


def ratio4(a, b):
    if not b:
        return ""
    v = (2 * a * 10000 + b) // (2 * b)
    return "%d.%04d" % (v // 10000, v % 10000)


def hours2(ms_sum, n):
    if not n:
        return ""
    v = (2 * abs(ms_sum) + n * 36000) // (2 * n * 36000)
    return "%s%d.%02d" % ("-" if ms_sum < 0 else "", v // 100, v % 100)


def summary_row(carrier, r):
    """One summary.csv row from the aggregates; nearest-rank percentiles over the sorted leads."""
    leads = r["leads"] or []
    n = len(leads)
    p50 = leads[(n + 1) // 2 - 1] if n else None  # ceil(0.5 n)-th smallest
    p90 = leads[(9 * n + 9) // 10 - 1] if n else None  # ceil(0.9 n)-th smallest
    values = {
        "carrier": carrier, "success_rate": ratio4(r["delivered"], r["resolved"]),
        "first_attempt_rate": ratio4(r["first_attempt_delivered"], r["attempted"]),
        "lead_time_p50_h": hours2(p50, 1) if n else "", "lead_time_p90_h": hours2(p90, 1) if n else "",
        "lead_time_mean_h": hours2(r["lead_sum"], n) if n else "",
    }
    for name in COLUMNS:
        if name not in values:
            values[name] = str(r[name])
    return [values[name] for name in COLUMNS]


def session(master=None, shuffle_partitions=8):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("shipkpi-pyspark-kpis")
    if master:
        builder = builder.master(master)
    spark = (builder.config("spark.sql.session.timeZone", "UTC")
             # The default 200 shuffle partitions suit a cluster; on a few local cores their
             # per-task overhead dominated (measured). A few partitions per core instead.
             .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main():
    parser = duckdb_run.summary_parser(__doc__)
    parser.add_argument("--timings-out", help="write {session_s, jobs: [seconds...]} as JSON")
    parser.add_argument("--runs", type=int, default=1,
                        help="run the query this many times in the session (the first pays the JIT warm-up)")
    parser.add_argument("--master")
    args = parser.parse_args()
    started = time.perf_counter()
    spark = session(args.master)
    session_s = time.perf_counter() - started
    jobs, tables = [], []
    try:
        for _ in range(args.runs):
            job_started = time.perf_counter()
            files = duckdb_run.discover(args.inputs)
            tables.append(kpis(spark, files, status_map(args.status_map), duckdb_run.as_of_millis(args.as_of)))
            jobs.append(time.perf_counter() - job_started)
    finally:
        spark.stop()
    table = tables[0]
    if any(t != table for t in tables):
        print("pyspark_kpis: error: the runs gave different summaries", file=sys.stderr)
        return 1
    if args.out:
        duckdb_run.write_summary(args.out, table)
    if args.timings_out:
        with open(args.timings_out, "w", encoding="utf-8") as handle:
            json.dump({"session_s": session_s, "jobs": jobs, "files": len(files)}, handle)
    return duckdb_run.finish(table, args, "PySpark")


if __name__ == "__main__":
    sys.exit(main())
