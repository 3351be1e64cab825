#!/usr/bin/env python3
"""Run bench/duckdb_kpis.sql with DuckDB over shipkpi's inputs; write the summary as CSV.

One process per run, so `make bench` can measure its wall time and peak memory with
/usr/bin/time -v exactly as it does for `shipkpi report`.

    duckdb_run.py INPUT... --status-map FILE --as-of 2026-04-01T00:00:00Z --out summary.csv
    duckdb_run.py INPUT... ... --compare reports/summary.csv     # MATCH / DIFFER, cell by cell

INPUT is a file or a directory; directories are read recursively like shipkpi does (*.json,
*.ndjson, *.jsonl, each optionally .gz), every file in code-point order of its full path. Runs of
consecutive NDJSON files are read by one read_json call (newline_delimited, ignore_errors); a
.json file (one object or an array) is read on its own with format='auto' — DuckDB cannot skip a
broken element there, so a .json file DuckDB cannot read at all is left out with a warning.
"""

import argparse
import csv
import datetime as dt
import os
import sys
import time

SQL_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "duckdb_kpis.sql")
NDJSON_SUFFIXES = (".ndjson", ".jsonl", ".ndjson.gz", ".jsonl.gz")
JSON_SUFFIXES = (".json", ".json.gz")
COLUMNS = ["carrier", "events", "orders", "delivered", "returned", "lost", "confiscated",
           "cancelled", "open", "resolved", "success_rate", "attempted", "first_attempt_delivered",
           "first_attempt_rate", "failed_attempts", "lead_time_p50_h", "lead_time_p90_h",
           "lead_time_mean_h", "open_0_2d", "open_3_7d", "open_8_14d", "open_15d_plus"]


def discover(inputs):
    """Input files in shipkpi's order: arguments in order, directory contents by full path."""
    files = []
    for item in inputs:
        if os.path.isdir(item):
            found = []
            for root, _dirs, names in os.walk(item):
                for name in names:
                    if name.endswith(NDJSON_SUFFIXES + JSON_SUFFIXES):
                        found.append(os.path.join(root, name))
            files.extend(sorted(found))
        elif os.path.exists(item):
            files.append(item)
        else:
            sys.exit(f"duckdb_run: no such input: {item}")
    return files


def sql_str(text):
    return "'" + text.replace("'", "''") + "'"


def as_of_millis(text):
    """--as-of as shipkpi reads it: ISO-8601 (no offset = UTC) or yyyy-MM-dd (midnight UTC)."""
    text = text.strip()
    if len(text) == 10:
        text += "T00:00:00"
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return int(value.timestamp() * 1000)


def status_rows(paths):
    """kind=status rows of the status-map files, as SQL VALUES rows (later rows win)."""
    rows = {}
    for path in paths:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                if (row.get("kind") or "").strip() != "status":
                    continue
                rows[(row["carrier"].strip(), row["code"].strip())] = row["canonical"].strip()
    return "\n    ".join(", (%s, %s, %s)" % (sql_str(carrier), sql_str(code), sql_str(canonical))
                          for (carrier, code), canonical in rows.items())


def readable_json_file(con, path):
    """Whether DuckDB can read a .json file at all (it cannot skip a broken element)."""
    try:
        con.execute(f"SELECT count(*) FROM kpi_src([{sql_str(path)}], 'auto')").fetchall()
        return True
    except Exception as error:  # duckdb.Error and friends
        print(f"duckdb_run: warning: DuckDB cannot read {path}, left out: {str(error).splitlines()[0]}",
              file=sys.stderr)
        return False


def build_sources(con, files):
    groups = []  # (format, [paths])
    for path in files:
        is_json = path.endswith(JSON_SUFFIXES)
        if is_json:
            if readable_json_file(con, path):
                groups.append(("auto", [path]))
        elif groups and groups[-1][0] == "newline_delimited":
            groups[-1][1].append(path)
        else:
            groups.append(("newline_delimited", [path]))
    if not groups:
        sys.exit("duckdb_run: no input files")
    selects = []
    for number, (fmt, paths) in enumerate(groups):
        listing = ", ".join(sql_str(p) for p in paths)
        selects.append(f"    SELECT {number} AS src_no, * FROM kpi_src([{listing}], '{fmt}')")
    return "\n    UNION ALL\n".join(selects)


def split_statements(sql):
    """The macro definitions end with ';' on their own statement; the last statement is the query."""
    statements, current = [], []
    for line in sql.splitlines():
        current.append(line)
        if line.rstrip().endswith(";") and not line.lstrip().startswith("--"):
            statements.append("\n".join(current))
            current = []
    if "".join(current).strip():
        statements.append("\n".join(current))
    return statements


def run(args):
    import duckdb

    started = time.monotonic()
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {int(args.threads)}")
    if args.memory_limit:
        con.execute(f"SET memory_limit = {sql_str(args.memory_limit)}")
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET TimeZone = 'UTC'")
    statements = split_statements(open(SQL_FILE, encoding="utf-8").read())
    *macros, query = statements
    for statement in macros:
        con.execute(statement)
    files = discover(args.inputs)
    query = (query.replace("@SOURCES@", build_sources(con, files))
                  .replace("@STATUS_ROWS@", status_rows(args.status_map))
                  .replace("@AS_OF_MS@", str(as_of_millis(args.as_of))))
    if args.print_sql:
        print(query)
    result = con.execute(query)
    names = [d[0] for d in result.description]
    rows = result.fetchall()
    if names != COLUMNS:
        sys.exit(f"duckdb_run: unexpected columns {names}")
    table = [["" if v is None else str(v) for v in row] for row in rows]
    if args.out:
        write_summary(args.out, table)
    if not args.quiet:
        print(f"duckdb_run: {len(files)} input(s), DuckDB {duckdb.__version__}, "
              f"{time.monotonic() - started:.2f} s", file=sys.stderr)
    return table


def write_summary(path, table):
    """The summary as CSV with summary.csv's columns and line endings (CRLF)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(table)


def read_summary(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    return header, [row[:len(COLUMNS)] for row in body]


def compare(duck_rows, shipkpi_csv, engine="DuckDB"):
    """Returns (match, lines): every differing cell, named by carrier and column (`engine` names
    the other side: the Polars and PySpark runners use this comparison too)."""
    header, ship_rows = read_summary(shipkpi_csv)
    if header[:len(COLUMNS)] != COLUMNS:
        return False, [f"summary.csv header differs: {header}"]
    lines = []
    ship = {row[0]: row for row in ship_rows}
    duck = {row[0]: row for row in duck_rows}
    if [r[0] for r in ship_rows] != [r[0] for r in duck_rows]:
        lines.append(f"rows differ: shipkpi {[r[0] for r in ship_rows]}, "
                     f"{engine} {[r[0] for r in duck_rows]}")
    for carrier in ship:
        if carrier not in duck:
            continue
        for name, a, b in zip(COLUMNS, ship[carrier], duck[carrier]):
            if a != b:
                lines.append(f"{carrier}.{name}: shipkpi {a or '(empty)'} vs {engine} {b or '(empty)'}")
    return not lines, lines


def finish(table, args, engine="DuckDB"):
    """What every runner (DuckDB, Polars, PySpark) does last with its summary; returns the exit
    status. --compare: MATCH / DIFFER on stdout with every differing cell, 0 or 3; otherwise,
    without --out, the summary as CSV on stdout; 0."""
    if args.compare:
        match, lines = compare(table, args.compare, engine)
        owner = engine + ("'" if engine.endswith("s") else "'s")  # DuckDB's, Polars'
        print(f"MATCH: {owner} summary equals shipkpi's summary.csv" if match else
              f"DIFFER: {owner} summary differs from shipkpi's summary.csv")
        for line in lines:
            print("  " + line)
        return 0 if match else 3
    if not args.out:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(table)
    return 0


def summary_parser(doc):
    """The command line every runner (DuckDB, Polars, PySpark) starts with: the description (the
    first line of its docstring), inputs, --status-map, --as-of, --out and --compare."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--status-map", action="append", default=[])
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--out", help="write the summary as CSV (summary.csv's columns)")
    parser.add_argument("--compare", metavar="SUMMARY_CSV", help="compare with shipkpi's summary.csv")
    return parser


def main():
    parser = summary_parser(__doc__)
    parser.add_argument("--threads", type=int)
    parser.add_argument("--memory-limit")
    parser.add_argument("--print-sql", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args()
    return finish(run(args), args)


if __name__ == "__main__":
    sys.exit(main())
