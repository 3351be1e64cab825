#!/usr/bin/env python3
"""The summary KPIs with Polars (lazy `scan_ndjson` with an explicit schema); write them as CSV.

One process per run, so `make bench` measures its wall time and peak memory with /usr/bin/time -v
exactly as it does for `shipkpi report` and DuckDB.

    polars_kpis.py INPUT... --status-map FILE --as-of 2026-04-01T00:00:00Z --out summary.csv
    polars_kpis.py INPUT... ... --compare reports/summary.csv     # MATCH / DIFFER, cell by cell

Polars stops at the first malformed line even with `ignore_errors=True` (an open Polars bug), so
this does what a Polars user does: every NDJSON file is read in blocks that end at line breaks
(BLOCK_BYTES), each block is parsed by `pl.scan_ndjson(block, schema=..., ignore_errors=True)`
(a JSON array line or a line of another shape is then a row of nulls, dropped with the shapes);
a block that fails is cut into SPLIT_WAYS pieces at line breaks and each piece is parsed again,
down to single lines: a single line that still fails is dropped and counted (`dropped lines` on
stderr). A `.json` file (one object or an array) is parsed whole by `pl.read_json`; a broken one is
left out with a warning (Polars cannot skip one element of it). The parsed blocks are normalized
in batches of NORMALIZE_BYTES of input into one narrow row per event (shape, identity, position,
instant), so the wide parsed frames are never all in memory; one lazy query over the events then
removes duplicates and computes the orders and the summary.

The rules are those of bench/duckdb_kpis.sql and shipkpi, written as Polars expressions:
  * Shapes: `{receivedAt, payload}` envelopes unwrapped; `OrderInfo` (orders: not events),
    `Data.Orders[].Histories[]` (GetStatusLogs: every item an event of its own `OrderCode`),
    `guide`, `statusObj`, then a flat `Status`. Strings trimmed, blank = missing; events without an
    order code or status dropped. Input position = (block piece in file order, row in it, item).
  * Dates: the SQL's regular expressions (one `str.extract_groups` pass per date text, ASCII
    digits); the calendar checked and converted in integer arithmetic (no rollover of 30/02 or
    25:61, years 0001-9999); fractions truncated to ms; offsets Z, ±HH, ±HHmm, ±HH:mm up to ±14:00;
    naive 247Express times in Asia/Ho_Chi_Minh and HoundExpress changeOrderStatus wall clocks in
    America/Mexico_City (`dt.replace_time_zone`: the earlier offset for an ambiguous time; a time
    in a DST gap read with the offset in force before it, i.e. moved forward by the gap), webhook
    dates at the fixed UTC-06:00, epoch milliseconds; fallback: the envelope's receivedAt (naive =
    UTC), else the as-of.
  * Status map: the shipped map plus the `kind=status` rows of --status-map files.
  * Duplicates: identity = (carrier, order, TransactionId) when there is one, else (carrier, order,
    raw code, raw date, raw time); the first occurrence in input order is kept.
  * Per order: events sorted by (instant, canonical rank, input position); the final status is the
    last one's; lead time = last DELIVERED - first PICKED_UP; nearest-rank percentiles (the
    ceil(q*n)-th smallest, index in integers); ratios and hours rounded half away from zero in
    integer arithmetic.
"""

import io
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import duckdb_run  # noqa: E402 (input discovery, as-of, summary columns, the comparison)
import pyspark_kpis  # noqa: E402 (status map, canonical ranks, rounding: plain Python, no Spark import)

BLOCK_BYTES = 2 << 20        # parse granularity (a failing block is re-read in SPLIT_WAYS pieces)
SPLIT_WAYS = 16
NORMALIZE_BYTES = 64 << 20   # the event rows are extracted from batches of this much input
# The final query (duplicates, per order, summary) on Polars' in-memory engine: the default engine
# took the same time on the 1 GB set with about 1.5x the peak memory (measured).
ENGINE = "in-memory"
MIN_MS, MAX_MS = pyspark_kpis.MIN_MS, pyspark_kpis.MAX_MS
WEBHOOK_OFFSET_MS = pyspark_kpis.WEBHOOK_OFFSET_MS
DAY_MS = 86_400_000
D = "[0-9]"  # the regex crate's \d is any Unicode digit; dates take ASCII digits only
ISO_RE = (rf"^({D}{{4}})-({D}{{2}})-({D}{{2}})[Tt ]({D}{{2}}):({D}{{2}})(?::({D}{{2}})(?:\.({D}{{1,9}}))?)?"
          rf"([Zz]|[+-]{D}{{2}}(?::?{D}{{2}})?)?$")
SLASH_RE = rf"^({D}{{2}})/({D}{{2}})/({D}{{4}}) ({D}{{2}}):({D}{{2}})(?::({D}{{2}}))?$"
DASH_RE = rf"^({D}{{2}})-({D}{{2}})-({D}{{4}}) ({D}{{2}}):({D}{{2}}):({D}{{2}})$"
EPOCH_RE = rf"^-?{D}{{1,15}}$"
TRIM_CHARS = " \t\n\r\x0c\x0b"


def schema():
    import polars as pl
    s = pl.String
    history = pl.List(pl.Struct({"OrderCode": s, "Status": s, "Time": s, "TransactionId": s}))
    shape = {
        "OrderInfo": pl.Struct({"OrderCode": s}),
        "Data": pl.Struct({"Orders": pl.List(pl.Struct({"Histories": history}))}),
        "guide": pl.Struct({"guideNumber": s, "currentStatus": pl.Struct({"status": s, "date": s, "time": s})}),
        "statusObj": pl.Struct({"id": s}), "value": s,
        "dateTimeISO": s, "dateTime": s, "date": s,
        "OrderCode": s, "Status": s, "Time": s, "TransactionId": s,
    }
    return {"receivedAt": s, "payload": pl.Struct(shape), **shape}


class Reader:
    """NDJSON in blocks, re-read without their bad lines. Parsed pieces (numbered in input order,
    with their row numbers) are handed to `normalize` in batches of about NORMALIZE_BYTES of input,
    which keeps only the event rows: the wide parsed frames (every shape's structs) are not kept."""

    def __init__(self, schema, normalize):
        self.schema = schema
        self.normalize = normalize
        self.pending, self.pending_bytes = [], 0
        self.frames = []  # normalized batches
        self.pieces = 0
        self.dropped = 0
        self.retried_blocks = 0

    def parse(self, data):
        import polars as pl
        try:
            frame = pl.scan_ndjson(data, schema=self.schema, ignore_errors=True, row_index_name="row").collect()
        except pl.exceptions.PolarsError:
            lines = data.split(b"\n")
            if lines and lines[-1] == b"":
                lines.pop()
            if len(lines) <= 1:
                self.dropped += 1 if data.strip() else 0
                return
            self.retried_blocks += 1
            step = -(-len(lines) // SPLIT_WAYS)
            for at in range(0, len(lines), step):
                self.parse(b"\n".join(lines[at:at + step]) + b"\n")
            return
        self.add(frame, len(data))

    def add(self, frame, size):
        import polars as pl
        if frame.height:
            self.pending.append(frame.with_columns(pl.lit(self.pieces, pl.Int64).alias("piece"),
                                                   pl.col("row").cast(pl.Int64)))
            self.pieces += 1
        self.pending_bytes += size
        if self.pending_bytes >= NORMALIZE_BYTES:
            self.flush()

    def flush(self):
        import polars as pl
        if self.pending:
            batch = pl.concat(self.pending, how="vertical", rechunk=True)
            self.frames.append(self.normalize(batch.lazy()).collect())
        self.pending, self.pending_bytes = [], 0

    def ndjson(self, path):
        opener = open
        if path.endswith(".gz"):
            import gzip
            opener = gzip.open
        with opener(path, "rb") as handle:
            rest = b""
            while True:
                chunk = handle.read(BLOCK_BYTES)
                if not chunk:
                    break
                data = rest + chunk
                cut = data.rfind(b"\n") + 1
                if cut == 0:
                    rest = data
                    continue
                rest = data[cut:]
                self.parse(data[:cut])
            if rest.strip():
                self.parse(rest + b"\n")

    def json_document(self, path):
        import polars as pl
        try:
            data = open(path, "rb").read()
            frame = pl.read_json(io.BytesIO(data), schema=self.schema).with_row_index("row")
        except Exception as error:  # polars errors, a top-level scalar, …
            print(f"polars_kpis: warning: Polars cannot read {path}, left out: {str(error).splitlines()[0]}",
                  file=sys.stderr)
            return
        self.add(frame, len(data))


def clean(e):
    """Trimmed as shipkpi trims (JSON whitespace, form feed, vertical tab); blank = missing."""
    import polars as pl
    e = e.str.strip_chars(TRIM_CHARS)
    return pl.when(e != "").then(e)


# ---- Dates ---------------------------------------------------------------------------------------

def _num(e):
    import polars as pl
    return e.cast(pl.Int64, strict=False)


def _epoch_ms(y, mo, d, h, mi, s):
    """Wall clock -> milliseconds "as if UTC" (days from civil, integer arithmetic)."""
    import polars as pl
    yy = y - (mo <= 2).cast(pl.Int64)
    era = yy // 400
    yoe = yy - era * 400
    doy = (153 * (mo + pl.when(mo > 2).then(-3).otherwise(9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return (era * 146097 + doe - 719468) * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1000


def _civil_ok(y, mo, d, h, mi, s):
    """A real calendar day and clock time (30/02, 25:61, second 60 and year 0000 are not)."""
    import polars as pl
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    dim = (pl.when(mo == 2).then(pl.when(leap).then(29).otherwise(28))
           .when(mo.is_in([4, 6, 9, 11])).then(30).otherwise(31))
    return ((y >= 1) & (mo >= 1) & (mo <= 12) & (d >= 1) & (d <= dim) & (h <= 23) & (mi <= 59)
            & (s.fill_null(0) <= 59)).fill_null(False)


def with_iso(frame, text, prefix):
    """Adds <prefix>_abs (absolute ms where the ISO-8601 text has an offset) and <prefix>_wall (wall ms
    "as if UTC" where it has none); NULL when it does not parse. One regular-expression pass; every
    step is its own with_columns, so that nothing is computed twice."""
    import polars as pl
    col = pl.col
    g = col(prefix + "_g")
    frame = frame.with_columns(text.str.extract_groups(ISO_RE).alias(prefix + "_g"))
    names = ["y", "mo", "d", "h", "mi", "s"]
    frame = frame.with_columns(
        *[_num(g.struct.field(str(i + 1))).alias(f"{prefix}_{n}") for i, n in enumerate(names)],
        _num(g.struct.field("7").str.pad_end(3, "0").str.slice(0, 3)).fill_null(0).alias(prefix + "_frac"),
        g.struct.field("8").alias(prefix + "_z")).drop(prefix + "_g")
    y, mo, d, h, mi, s = [col(f"{prefix}_{n}") for n in names]
    z = col(prefix + "_z")
    minutes = _num(z.str.slice(3).str.replace(":", "", literal=True)).fill_null(0)
    sign = pl.when(z.str.slice(0, 1) == "-").then(-1).otherwise(1)
    frame = frame.with_columns(
        _civil_ok(y, mo, d, h, mi, s).alias(prefix + "_ok"),
        (_epoch_ms(y, mo, d, h, mi, s.fill_null(0)) + col(prefix + "_frac")).alias(prefix + "_w"),
        minutes.alias(prefix + "_min"),
        (sign * (_num(z.str.slice(1, 2)) * 3600 + minutes * 60)).alias(prefix + "_off"))
    ok, wall, off = col(prefix + "_ok"), col(prefix + "_w"), col(prefix + "_off")
    frame = frame.with_columns(
        pl.when(~ok | z.is_null()).then(None)
        .when(z.is_in(["Z", "z"])).then(wall)
        .when((col(prefix + "_min") <= 59) & (off.abs() <= 14 * 3600)).then(wall - off * 1000).alias(prefix + "_abs"),
        pl.when(ok & z.is_null()).then(wall).alias(prefix + "_wall"))
    return frame.drop([f"{prefix}_{n}" for n in names + ["frac", "z", "ok", "w", "min", "off"]])


def with_dmy(frame, text, regex, name):
    """Adds `name`: dd/MM/yyyy HH:mm[:ss] or dd-MM-yyyy HH:mm:ss as wall ms "as if UTC" (NULL when it
    is not a real date and time)."""
    import polars as pl
    col = pl.col
    frame = frame.with_columns(text.str.extract_groups(regex).alias(name + "_g"))
    names = ["d", "mo", "y", "h", "mi", "s"]
    frame = frame.with_columns(*[_num(col(name + "_g").struct.field(str(i + 1))).alias(f"{name}_{n}")
                                 for i, n in enumerate(names)]).drop(name + "_g")
    d, mo, y, h, mi, s = [col(f"{name}_{n}") for n in names]
    frame = frame.with_columns(pl.when(_civil_ok(y, mo, d, h, mi, s))
                               .then(_epoch_ms(y, mo, d, h, mi, s.fill_null(0))).alias(name))
    return frame.drop([f"{name}_{n}" for n in names])


def zone_to_utc(wall, zone):
    """A wall clock ("as if UTC" ms) read in an IANA zone: the earlier offset when ambiguous; in a DST
    gap the offset in force before the gap (the time moves forward by the gap)."""
    import polars as pl
    direct = (pl.from_epoch(wall, "ms").dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null")
              .dt.epoch("ms"))
    before = wall - DAY_MS  # an instant before the transition: its offset is the one before the gap
    offset = (pl.from_epoch(before, "ms").dt.replace_time_zone("UTC").dt.convert_time_zone(zone)
              .dt.replace_time_zone(None).dt.epoch("ms")) - before
    return pl.when(direct.is_not_null()).then(direct).otherwise(wall - offset)


def normalize(records, as_of_ms):
    """Parsed records (the schema's columns, piece, row) -> one row per event: carrier, order_code,
    code, tx, raw_date, raw_time (the identity's parts), pos (input position), instant (UTC ms).

    Every record shape is its own projection (no per-row branching over the shapes): envelopes
    unwrapped, then 247Express events, GetStatusLogs items, changeOrderStatus, webhooks."""
    import polars as pl
    col, lit = pl.col, pl.lit
    shape = [name for name in schema()["payload"].to_schema()]
    top = records.filter(col("payload").is_null()).select(
        "piece", "row", lit(None, pl.Int64).alias("recv_ms"), *shape)
    env = with_iso(records.filter(col("payload").is_not_null()), clean(col("receivedAt")), "recv")
    env = env.select("piece", "row", pl.coalesce("recv_abs", "recv_wall").alias("recv_ms"),  # naive = UTC
                     *[col("payload").struct.field(name) for name in shape])
    rec = pl.concat([top, env], how="vertical")
    # Shape precedence: OrderInfo (an order, not an event), Data, guide, statusObj, a flat Status.
    no_shape = col("OrderInfo").is_null()
    logs = rec.filter(no_shape & col("Data").is_not_null())
    no_shape = no_shape & col("Data").is_null()
    hound = rec.filter(no_shape & col("guide").is_not_null())
    no_shape = no_shape & col("guide").is_null()
    webhook = rec.filter(no_shape & col("statusObj").is_not_null())
    no_shape = no_shape & col("statusObj").is_null()
    flat = rec.filter(no_shape & clean(col("Status")).is_not_null())

    def event(frame, carrier, order_code, code, tx, date1, date2, date3, sub):
        return frame.select(
            "piece", "row", "recv_ms", lit(carrier).alias("carrier"), clean(order_code).alias("order_code"),
            clean(code).alias("code"), clean(tx).alias("tx"), clean(date1).alias("date1"),
            clean(date2).alias("date2"), clean(date3).alias("date3"), sub.alias("sub"),
        ).filter(col("order_code").is_not_null() & col("code").is_not_null())

    none, zero = lit(None, pl.String), lit(0, pl.Int64)
    # GetStatusLogs documents: every history item is an event keyed by its own OrderCode.
    items = (logs.select("piece", "row", "recv_ms",
                         col("Data").struct.field("Orders")
                         .list.eval(pl.element().struct.field("Histories").explode().drop_nulls()).alias("h"))
             .with_columns(pl.int_ranges(col("h").list.len(), dtype=pl.Int64).alias("sub"))
             .explode(["h", "sub"]).filter(col("h").is_not_null()))
    h = col("h")
    current = col("guide").struct.field("currentStatus")
    parts = {
        "247": pl.concat([
            event(flat, "247express", col("OrderCode"), col("Status"), col("TransactionId"), col("Time"), none, none, zero),
            event(items, "247express", h.struct.field("OrderCode"), h.struct.field("Status"),
                  h.struct.field("TransactionId"), h.struct.field("Time"), none, none, col("sub")),
        ], how="vertical"),
        "hound": event(hound, "houndexpress", col("guide").struct.field("guideNumber"), current.struct.field("status"),
                       none, current.struct.field("date"), current.struct.field("time"), none, zero),
        "webhook": event(webhook, "houndexpress", col("value"), col("statusObj").struct.field("id"), none,
                         col("dateTimeISO"), col("dateTime"), col("date"), zero),
    }
    # Dates, per shape:
    #   247Express Time: ISO-8601, naive = Asia/Ho_Chi_Minh;
    #   changeOrderStatus date: epoch ms, dd/MM/yyyy HH:mm[:ss], or dd-MM-yyyy [+ time], America/Mexico_City;
    #   webhook: the first of dateTimeISO, dateTime, date that parses; naive ones at UTC-06:00.
    e247 = with_iso(parts["247"], col("date1"), "d1")
    e247 = e247.with_columns(
        pl.coalesce(col("d1_abs"), zone_to_utc(col("d1_wall"), "Asia/Ho_Chi_Minh")).alias("event_ms"),
        col("date1").alias("raw_date"), none.alias("raw_time")).drop("d1_abs", "d1_wall")
    ehound = with_dmy(parts["hound"], col("date1"), SLASH_RE, "slash")
    ehound = with_dmy(ehound, col("date1") + " " + col("date2").fill_null("00:00:00"), DASH_RE, "dash")
    epoch = pl.when(col("date1").str.contains(EPOCH_RE)).then(_num(col("date1")))
    ehound = ehound.with_columns(
        pl.coalesce(epoch, zone_to_utc(pl.coalesce("slash", "dash"), "America/Mexico_City")).alias("event_ms"),
        col("date1").alias("raw_date"), col("date2").alias("raw_time")).drop("slash", "dash")
    hook = with_iso(with_iso(parts["webhook"], col("date1"), "d1"), col("date2"), "d2")
    hook = with_dmy(hook, col("date3"), SLASH_RE, "slash")
    hook = hook.with_columns(
        pl.coalesce(col("d1_abs"), col("d1_wall") + WEBHOOK_OFFSET_MS).alias("m1"),
        pl.coalesce(col("d2_abs"), col("d2_wall") + WEBHOOK_OFFSET_MS).alias("m2"),
        (col("slash") + WEBHOOK_OFFSET_MS).alias("m3"))
    ewebhook = hook.with_columns(
        pl.coalesce("m1", "m2", "m3").alias("event_ms"),
        pl.when(col("m1").is_not_null()).then(col("date1")).when(col("m2").is_not_null()).then(col("date2"))
        .when(col("m3").is_not_null()).then(col("date3")).otherwise(pl.coalesce("date1", "date2", "date3"))
        .alias("raw_date"),
        none.alias("raw_time"))
    common = ["carrier", "order_code", "code", "tx", "raw_date", "raw_time", "piece", "row", "sub", "event_ms", "recv_ms"]

    def in_range(ms):
        return pl.when(ms.is_between(MIN_MS, MAX_MS)).then(ms)

    # An unparseable date: the envelope's receivedAt, else the as-of.
    return pl.concat([f.select(common) for f in (e247, ehound, ewebhook)], how="vertical").select(
        "carrier", "order_code", "code", "tx", "raw_date", "raw_time",
        (col("piece") * (1 << 40) + col("row") * (1 << 16) + col("sub")).alias("pos"),
        pl.coalesce(in_range(col("event_ms")), in_range(col("recv_ms")), lit(as_of_ms, pl.Int64)).alias("instant"))


def kpis(files, mapping, as_of_ms, stats=None):
    """The summary as a list of rows (lists of strings), in summary.csv's order."""
    import polars as pl

    reader = Reader(schema(), lambda records: normalize(records, as_of_ms))
    for path in files:
        if path.endswith(duckdb_run.JSON_SUFFIXES):
            reader.json_document(path)
        else:
            reader.ndjson(path)
    reader.flush()
    if stats is not None:
        stats.update(dropped_lines=reader.dropped, retried_blocks=reader.retried_blocks, pieces=reader.pieces)
    if not reader.frames:
        return []
    events_all = pl.concat(reader.frames, how="vertical", rechunk=True).lazy()
    col, lit = pl.col, pl.lit

    # ---- Duplicates: identity scoped to the order; the first occurrence in input order ---------
    has_tx = col("tx").is_not_null()
    events = (events_all
              .with_columns(pl.when(~has_tx).then(col("code")).alias("k_code"),
                            pl.when(~has_tx).then(col("raw_date").fill_null("")).alias("k_date"),
                            pl.when(~has_tx).then(col("raw_time")).alias("k_time"))
              .group_by("carrier", "order_code", "tx", "k_code", "k_date", "k_time")
              .agg(col("code", "instant", "pos").get(col("pos").arg_min())))

    # ---- Status map, per order -----------------------------------------------------------------
    rows = [(carrier, code, canonical, *pyspark_kpis.CANONICAL[canonical])
            for (carrier, code), canonical in mapping.items() if canonical in pyspark_kpis.CANONICAL]
    status = pl.LazyFrame({"carrier": [r[0] for r in rows], "code": [r[1] for r in rows],
                           "canonical": [r[2] for r in rows], "rnk": [r[3] for r in rows],
                           "outcome": [r[4] for r in rows]}, schema_overrides={"rnk": pl.Int64})
    classified = (events.join(status, on=["carrier", "code"], how="left")
                  .with_columns(col("canonical").fill_null("UNKNOWN"), col("rnk").fill_null(0),
                                col("outcome").fill_null("open"))
                  .sort("carrier", "order_code", "instant", "rnk", "pos")
                  .with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("seq")))
    c = col("canonical")
    orders = classified.group_by("carrier", "order_code").agg(
        pl.len().alias("n_events"),
        c.last().alias("final_status"), col("outcome").last().alias("final_outcome"),
        col("seq").filter(c == "DELIVERED").max().alias("last_delivered"),
        col("seq").filter(c == "ATTEMPT_FAILED").min().alias("first_failed"),
        col("instant").filter(c == "DELIVERED").max().alias("delivered_at"),
        col("instant").filter(c == "PICKED_UP").min().alias("picked_up_at"),
        c.is_in(["OUT_FOR_DELIVERY", "ATTEMPT_FAILED", "DELIVERED"]).any().alias("tried"),
        (c == "ATTEMPT_FAILED").sum().alias("n_failed"),
        col("instant").min().alias("first_at"))
    fs = col("final_status")
    per_order = orders.select(
        "carrier", "n_events", "final_status", "final_outcome", "tried", "n_failed",
        fs.is_in(["DELIVERED", "RETURNED", "LOST", "CONFISCATED"]).alias("resolved"),
        ((fs == "DELIVERED") & (col("first_failed").is_null() | (col("first_failed") > col("last_delivered"))))
        .alias("first_ok"),
        pl.when((fs == "DELIVERED") & col("picked_up_at").is_not_null())
          .then(col("delivered_at") - col("picked_up_at")).alias("lead_ms"),
        pl.when(col("final_outcome") == "open")
          .then(((lit(as_of_ms, pl.Int64) - col("first_at")) // DAY_MS).clip(lower_bound=0)).alias("open_age"),
    ).collect(engine=ENGINE)

    # ---- Summary per carrier and ALL -----------------------------------------------------------
    age = col("open_age")
    measures = [
        col("n_events").sum().alias("events"), pl.len().alias("orders"),
        (fs == "DELIVERED").sum().alias("delivered"), (fs == "RETURNED").sum().alias("returned"),
        (fs == "LOST").sum().alias("lost"), (fs == "CONFISCATED").sum().alias("confiscated"),
        (fs == "CANCELLED").sum().alias("cancelled"), (col("final_outcome") == "open").sum().alias("open"),
        col("resolved").sum().alias("resolved"), (col("resolved") & col("tried")).sum().alias("attempted"),
        col("first_ok").sum().alias("first_attempt_delivered"), col("n_failed").sum().alias("failed_attempts"),
        col("lead_ms").drop_nulls().sort().alias("leads"), col("lead_ms").sum().alias("lead_sum"),
        age.is_between(0, 2).sum().alias("open_0_2d"), age.is_between(3, 7).sum().alias("open_3_7d"),
        age.is_between(8, 14).sum().alias("open_8_14d"), (age >= 15).sum().alias("open_15d_plus"),
    ]
    by_carrier = per_order.group_by("carrier").agg(measures).sort("carrier")
    total = per_order.with_columns(lit("ALL").alias("carrier")).group_by("carrier").agg(measures)
    out = []
    for row in by_carrier.iter_rows(named=True):
        out.append(pyspark_kpis.summary_row(row["carrier"], row))
    out.append(pyspark_kpis.summary_row("ALL", next(total.iter_rows(named=True))))
    return out


def main():
    parser = duckdb_run.summary_parser(__doc__)
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args()
    import polars as pl

    started = time.monotonic()
    files = duckdb_run.discover(args.inputs)
    stats = {}
    table = kpis(files, pyspark_kpis.status_map(args.status_map), duckdb_run.as_of_millis(args.as_of), stats)
    if args.out:
        duckdb_run.write_summary(args.out, table)
    # The dropped lines go to stderr in every case: `make bench` reports them.
    print(f"polars_kpis: dropped lines: {stats.get('dropped_lines', 0)} (blocks re-read: "
          f"{stats.get('retried_blocks', 0)})", file=sys.stderr)
    if not args.quiet:
        print(f"polars_kpis: {len(files)} input(s), Polars {pl.__version__}, {time.monotonic() - started:.2f} s",
              file=sys.stderr)
    return duckdb_run.finish(table, args, "Polars")


if __name__ == "__main__":
    sys.exit(main())
