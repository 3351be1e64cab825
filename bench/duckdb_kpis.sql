-- The summary KPIs of SPEC §5 (exactly the columns of shipkpi's summary.csv), computed by DuckDB
-- with SQL over the same export files. This is what `make bench` times against `shipkpi report`.
--
-- Written the way an analyst would, but doing the *same* work as shipkpi, so the timing is fair and
-- the result can be compared cell by cell with summary.csv:
--   * every record shape of SPEC §1 recognised (247Express flat events, GetStatusLogs items
--     unnested from Data.Orders[].Histories[], {receivedAt, payload} envelopes, HoundExpress
--     changeOrderStatus {guide:{...}} and webhook {value, statusObj:{id}}); order records are read
--     but are not events;
--   * every date form of SPEC §3 parsed to UTC epoch milliseconds (ISO-8601 with up to 9 fraction
--     digits truncated to ms and an optional offset, naive = carrier-local through ICU time zones;
--     HoundExpress epoch ms, dd/MM/yyyy HH:mm[:ss], dd-MM-yyyy [+ HH:mm:ss]; webhook dates at the
--     documented fixed UTC-06:00); impossible dates are unparseable; fallback to the envelope's
--     receivedAt (naive = UTC), else the as-of instant;
--   * the status map as a VALUES table (the shipped map of SPEC §2 plus the data set's map file);
--   * duplicates removed by identity (TransactionId, else (carrier, order, raw code, raw date[, raw
--     time])), the first occurrence in input order kept;
--   * per order the final status = last event by (instant, canonical rank, input position);
--   * ratios and hours with exact integer rounding, half away from zero.
--
-- Placeholders, filled in by bench/duckdb_run.py:
--   @SOURCES@      one "SELECT <source no>, * FROM kpi_src([...files...], '<format>')" per run of
--                  input files (UNION ALL), in input order (files in full-path code-point order)
--   @STATUS_ROWS@  the extra status rows of --status-map files: ", ('carrier', 'code', 'CANONICAL')"...
--   @AS_OF_MS@     the as-of instant, UTC epoch milliseconds

-- Strings are trimmed like shipkpi does (JSON whitespace plus \f and \v); blank = missing.
-- (The test on the first and last character skips the slow character-set trim for clean values.)
CREATE OR REPLACE TEMP MACRO clean(x) AS nullif(
    CASE WHEN ascii(x) > 32 AND ascii(x[-1]) > 32 THEN x
         ELSE trim(x, chr(32) || chr(9) || chr(10) || chr(13) || chr(12) || chr(11)) END, '');

-- One input file (or list of files) as records; the columns are the union of the record shapes,
-- everything else in a line (attachments, personal data) is skipped by the reader.
CREATE OR REPLACE TEMP MACRO kpi_src(paths, fmt) AS TABLE
    SELECT ordinality AS rec_no, *
    FROM read_json(paths, format = fmt, ignore_errors = true, maximum_object_size = 134217728,
        columns = {
            receivedAt: 'VARCHAR',
            payload: 'STRUCT(
                OrderInfo STRUCT(OrderCode VARCHAR),
                Data STRUCT(Orders STRUCT(Histories STRUCT(OrderCode VARCHAR, Status VARCHAR,
                                                           "Time" VARCHAR, TransactionId VARCHAR)[])[]),
                guide STRUCT(guideNumber VARCHAR,
                             currentStatus STRUCT(status VARCHAR, "date" VARCHAR, "time" VARCHAR)),
                statusObj STRUCT(id VARCHAR), "value" VARCHAR,
                dateTimeISO VARCHAR, "dateTime" VARCHAR, "date" VARCHAR,
                OrderCode VARCHAR, Status VARCHAR, "Time" VARCHAR, TransactionId VARCHAR)',
            OrderInfo: 'STRUCT(OrderCode VARCHAR)',
            Data: 'STRUCT(Orders STRUCT(Histories STRUCT(OrderCode VARCHAR, Status VARCHAR,
                                                        "Time" VARCHAR, TransactionId VARCHAR)[])[])',
            guide: 'STRUCT(guideNumber VARCHAR,
                           currentStatus STRUCT(status VARCHAR, "date" VARCHAR, "time" VARCHAR))',
            statusObj: 'STRUCT(id VARCHAR)', "value": 'VARCHAR',
            dateTimeISO: 'VARCHAR', "dateTime": 'VARCHAR', "date": 'VARCHAR',
            OrderCode: 'VARCHAR', Status: 'VARCHAR', "Time": 'VARCHAR', TransactionId: 'VARCHAR'
        })
    WITH ORDINALITY;

-- Date pieces: regexp_extract(...) structs of strings ('' where absent); wall clock → epoch ms.
CREATE OR REPLACE TEMP MACRO iso_parts(t) AS regexp_extract(t,
    '^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?([Zz]|[+-]\d\d(?::?\d\d)?)?$',
    ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z']);
CREATE OR REPLACE TEMP MACRO slash_parts(t) AS regexp_extract(t,
    '^(\d\d)/(\d\d)/(\d{4}) (\d\d):(\d\d)(?::(\d\d))?$', ['d', 'mo', 'y', 'h', 'mi', 's']);
CREATE OR REPLACE TEMP MACRO dash_parts(dt, tm) AS regexp_extract(dt || ' ' || coalesce(tm, '00:00:00'),
    '^(\d\d)-(\d\d)-(\d{4}) (\d\d):(\d\d):(\d\d)$', ['d', 'mo', 'y', 'h', 'mi', 's']);
-- A real calendar day and clock time (no rollover: 30/02, 25:61 and year 0000 are unparseable).
CREATE OR REPLACE TEMP MACRO civil_ok(p) AS
    coalesce(try_cast(p.y AS INT) >= 1
             AND try_strptime(p.y || '-' || p.mo || '-' || p.d, '%Y-%m-%d') IS NOT NULL
             AND try_cast(p.h AS INT) <= 23 AND try_cast(p.mi AS INT) <= 59
             AND coalesce(try_cast(nullif(p.s, '') AS INT), 0) <= 59, false);
CREATE OR REPLACE TEMP MACRO wall_ts(p) AS
    make_timestamp(try_cast(p.y AS BIGINT), try_cast(p.mo AS BIGINT), try_cast(p.d AS BIGINT),
                   try_cast(p.h AS BIGINT), try_cast(p.mi AS BIGINT),
                   coalesce(try_cast(nullif(p.s, '') AS DOUBLE), 0));
CREATE OR REPLACE TEMP MACRO frac_ms(f) AS coalesce(try_cast(rpad(nullif(f, ''), 3, '0') AS BIGINT), 0);
-- A wall clock as milliseconds "as if UTC" (NULL when it is not a real date and time).
CREATE OR REPLACE TEMP MACRO plain_wall_ms(p) AS CASE WHEN civil_ok(p) THEN epoch_ms(wall_ts(p)) END;
-- ISO-8601: with an offset it is absolute (iso_abs_ms); without, a wall clock (iso_wall_ms) that
-- the caller reads in the carrier's zone. Fractions are truncated to milliseconds.
CREATE OR REPLACE TEMP MACRO offset_s(z) AS
    (CASE WHEN z[1] = '-' THEN -1 ELSE 1 END)
    * (try_cast(z[2:3] AS INT) * 3600 + coalesce(try_cast(nullif(replace(z[4:], ':', ''), '') AS INT), 0) * 60);
CREATE OR REPLACE TEMP MACRO iso_wall_ms(p) AS
    CASE WHEN civil_ok(p) AND p.z = '' THEN epoch_ms(wall_ts(p)) + frac_ms(p.f) END;
CREATE OR REPLACE TEMP MACRO iso_abs_ms(p) AS
    CASE WHEN NOT civil_ok(p) OR p.z = '' THEN NULL
         WHEN p.z IN ('Z', 'z') THEN epoch_ms(wall_ts(p)) + frac_ms(p.f)
         WHEN coalesce(try_cast(nullif(replace(p.z[4:], ':', ''), '') AS INT), 0) <= 59
              AND abs(offset_s(p.z)) <= 14 * 3600
         THEN epoch_ms(wall_ts(p)) + frac_ms(p.f) - offset_s(p.z) * 1000
    END;
-- A wall clock read in an IANA zone through ICU, with shipkpi's rule for the ambiguous hour after
-- a DST fall-back (the earlier instant; ICU gives the later): when the offset in force two hours
-- before ICU's answer also reproduces the wall clock, that earlier instant is taken. (Gaps: ICU
-- already moves the time forward, reading it with the offset before the transition, as shipkpi does.)
CREATE OR REPLACE TEMP MACRO utc_offset_ms(u, zone) AS
    epoch_ms(timezone(zone, epoch_ms(u)::TIMESTAMPTZ)) - u;
CREATE OR REPLACE TEMP MACRO zone_to_utc(w, zone) AS
    coalesce(least(epoch_ms(timezone(zone, epoch_ms(w))),
                   CASE WHEN utc_offset_ms(w - utc_offset_ms(epoch_ms(timezone(zone, epoch_ms(w))) - 7200000, zone), zone)
                             = utc_offset_ms(epoch_ms(timezone(zone, epoch_ms(w))) - 7200000, zone)
                        THEN w - utc_offset_ms(epoch_ms(timezone(zone, epoch_ms(w))) - 7200000, zone) END),
             epoch_ms(timezone(zone, epoch_ms(w))));
-- Instants outside years 0001-9999 are unparseable too (as in shipkpi).
CREATE OR REPLACE TEMP MACRO in_range(ms) AS
    CASE WHEN ms BETWEEN -62135596800000 AND 253402300799999 THEN ms END;
-- Input position as one integer: source (run of files) no., record no. in it, status-log item no.
CREATE OR REPLACE TEMP MACRO position_of(src_no, rec_no, sub) AS
    (src_no::BIGINT << 52) | (rec_no::BIGINT << 20) | sub::BIGINT;
-- The order of SPEC §4 as one integer: instant, then canonical rank, then input position.
CREATE OR REPLACE TEMP MACRO event_order(instant, rnk, pos) AS
    ((instant::HUGEINT + 140737488355328) << 66) | (rnk::HUGEINT << 63) | pos::HUGEINT;
-- Ratios (4 decimals) and hours (2 decimals) from exact integers, half away from zero.
CREATE OR REPLACE TEMP MACRO ratio4(a, b) AS
    CASE WHEN b > 0 THEN
        (((2 * a::HUGEINT * 10000 + b) // (2 * b)) // 10000)::VARCHAR || '.'
        || lpad((((2 * a::HUGEINT * 10000 + b) // (2 * b)) % 10000)::VARCHAR, 4, '0') END;
CREATE OR REPLACE TEMP MACRO hours2(ms_sum, n) AS   -- (ms_sum / n) / 3 600 000, 2 decimals
    CASE WHEN n > 0 THEN
        (CASE WHEN ms_sum < 0 THEN '-' ELSE '' END)
        || ((((2 * abs(ms_sum::HUGEINT) + n * 36000) // (2 * n * 36000))) // 100)::VARCHAR || '.'
        || lpad((((2 * abs(ms_sum::HUGEINT) + n * 36000) // (2 * n * 36000)) % 100)::VARCHAR, 2, '0') END;

WITH
-- Status map of SPEC §2 as shipped, then the data set's own rows (they override the same codes).
shipped_map(carrier, code, canonical) AS (VALUES
    ('247express', '21', 'CREATED'), ('247express', '23', 'PICKED_UP'),
    ('247express', '24', 'IN_TRANSIT'), ('247express', '25', 'OUT_FOR_DELIVERY'),
    ('247express', '16', 'ATTEMPT_FAILED'), ('247express', '27', 'RETURNING'),
    ('247express', '30', 'DELIVERED'), ('247express', '28', 'RETURNED'),
    ('247express', '19', 'LOST'), ('247express', '32', 'CONFISCATED'),
    ('247express', '18', 'CANCELLED'),
    ('houndexpress', '38', 'IN_TRANSIT'), ('houndexpress', '8', 'ATTEMPT_FAILED'),
    ('houndexpress', '46', 'ATTEMPT_FAILED'), ('houndexpress', '2', 'DELIVERED')),
extra_map AS (
    SELECT * FROM (VALUES ('', '', '') @STATUS_ROWS@) v(carrier, code, canonical) WHERE carrier <> ''),
status_map AS (
    SELECT * FROM extra_map
    UNION ALL
    SELECT * FROM shipped_map s
    WHERE NOT EXISTS (SELECT 1 FROM extra_map e WHERE e.carrier = s.carrier AND e.code = s.code)),
canon(canonical, rnk, outcome) AS (VALUES
    ('CREATED', 1, 'open'), ('PICKED_UP', 2, 'open'), ('IN_TRANSIT', 3, 'open'),
    ('OUT_FOR_DELIVERY', 4, 'open'), ('ATTEMPT_FAILED', 5, 'open'), ('RETURNING', 6, 'open'),
    ('DELIVERED', 7, 'success'), ('RETURNED', 7, 'failure'), ('LOST', 7, 'failure'),
    ('CONFISCATED', 7, 'failure'), ('CANCELLED', 7, 'cancelled'), ('UNKNOWN', 0, 'open')),

-- Every record in input order: (src_no, rec_no) is its position.
src AS (
@SOURCES@
),
-- An envelope's payload is read like a top-level record; its receivedAt is the date fallback.
rec AS (
    SELECT src_no, rec_no,
        CASE WHEN payload IS NOT NULL THEN receivedAt END AS received_at,
        CASE WHEN payload IS NOT NULL THEN payload.OrderInfo ELSE OrderInfo END AS order_info,
        CASE WHEN payload IS NOT NULL THEN payload.Data ELSE Data END AS data,
        CASE WHEN payload IS NOT NULL THEN payload.guide ELSE guide END AS guide,
        CASE WHEN payload IS NOT NULL THEN payload.statusObj ELSE statusObj END AS status_obj,
        CASE WHEN payload IS NOT NULL THEN payload."value" ELSE "value" END AS guide_value,
        CASE WHEN payload IS NOT NULL THEN payload.dateTimeISO ELSE dateTimeISO END AS wh_iso,
        CASE WHEN payload IS NOT NULL THEN payload."dateTime" ELSE "dateTime" END AS wh_datetime,
        CASE WHEN payload IS NOT NULL THEN payload."date" ELSE "date" END AS wh_date,
        CASE WHEN payload IS NOT NULL THEN payload.OrderCode ELSE OrderCode END AS order_code,
        CASE WHEN payload IS NOT NULL THEN payload.Status ELSE Status END AS status,
        CASE WHEN payload IS NOT NULL THEN payload."Time" ELSE "Time" END AS time_247,
        CASE WHEN payload IS NOT NULL THEN payload.TransactionId ELSE TransactionId END AS tx
    FROM src),
-- Shape precedence as SPEC §1/§11: OrderInfo, Data (status log), guide, statusObj, flat Status.
-- Every event-bearing record becomes a list of events (a GetStatusLogs document: its history
-- items, keyed by their own OrderCode; any other record: itself), unnested in one pass.
shaped AS (
    SELECT src_no, rec_no, received_at, kind,
        CASE kind
            WHEN 'status_log' THEN list_transform(flatten(list_transform(data.Orders, lambda o: o.Histories)),
                lambda h: {'order_code': h.OrderCode, 'code': h.Status, 'tx': h.TransactionId,
                           'date1': h."Time", 'date2': NULL::VARCHAR, 'date3': NULL::VARCHAR})
            WHEN 'event_247' THEN [{'order_code': order_code, 'code': status, 'tx': tx,
                                    'date1': time_247, 'date2': NULL::VARCHAR, 'date3': NULL::VARCHAR}]
            WHEN 'hound_status' THEN [{'order_code': guide.guideNumber, 'code': guide.currentStatus.status,
                                       'tx': NULL::VARCHAR, 'date1': guide.currentStatus."date",
                                       'date2': guide.currentStatus."time", 'date3': NULL::VARCHAR}]
            WHEN 'hound_webhook' THEN [{'order_code': guide_value, 'code': status_obj.id, 'tx': NULL::VARCHAR,
                                        'date1': wh_iso, 'date2': wh_datetime, 'date3': wh_date}]
        END AS items
    FROM (SELECT *,
            CASE WHEN order_info IS NOT NULL THEN 'order'
                 WHEN data IS NOT NULL THEN 'status_log'
                 WHEN guide IS NOT NULL THEN 'hound_status'
                 WHEN status_obj IS NOT NULL THEN 'hound_webhook'
                 WHEN clean(status) IS NOT NULL THEN 'event_247'
            END AS kind
          FROM rec)
    WHERE kind IN ('status_log', 'event_247', 'hound_status', 'hound_webhook')),
items AS (
    SELECT src_no, rec_no, received_at, kind,
        CASE WHEN kind = 'event_247' OR kind = 'status_log' THEN '247express' ELSE 'houndexpress' END AS carrier,
        clean(item.order_code) AS order_code, clean(item.code) AS code, clean(item.tx) AS tx,
        clean(item.date1) AS date1, clean(item.date2) AS date2, clean(item.date3) AS date3, sub
    FROM (SELECT src_no, rec_no, received_at, kind, unnest(items) AS item,
                 generate_subscripts(items, 1) AS sub
          FROM shaped)),
-- Dates of SPEC §3, per kind:
--   247Express Time: ISO-8601, naive = Asia/Ho_Chi_Minh;
--   HoundExpress changeOrderStatus date: epoch ms (number or string), dd/MM/yyyy HH:mm[:ss], or
--     dd-MM-yyyy [+ time HH:mm:ss], in America/Mexico_City;
--   HoundExpress webhook: the first of dateTimeISO, dateTime, date that is present and parses,
--     the last two (and a naive dateTimeISO) at the documented fixed UTC-06:00.
pieces AS (   -- the regular-expression pieces of each date form that applies to the kind
    SELECT *,
        CASE WHEN kind <> 'hound_status' THEN iso_parts(date1) END AS p_iso1,
        CASE WHEN kind = 'hound_webhook' THEN iso_parts(date2) END AS p_iso2,
        CASE kind WHEN 'hound_webhook' THEN slash_parts(date3)
                  WHEN 'hound_status' THEN slash_parts(date1) END AS p_slash,
        CASE WHEN kind = 'hound_status' THEN dash_parts(date1, date2) END AS p_dash,
        iso_parts(clean(received_at)) AS p_recv
    FROM items
    WHERE order_code IS NOT NULL AND code IS NOT NULL),
walls AS (    -- absolute instants where the text has an offset, wall clocks where it has none
    SELECT *,
        iso_abs_ms(p_iso1) AS a_iso1, iso_wall_ms(p_iso1) AS w_iso1,
        iso_abs_ms(p_iso2) AS a_iso2, iso_wall_ms(p_iso2) AS w_iso2,
        plain_wall_ms(p_slash) AS w_slash, plain_wall_ms(p_dash) AS w_dash,
        coalesce(iso_abs_ms(p_recv), iso_wall_ms(p_recv)) AS m_recv,   -- naive receivedAt = UTC
        CASE WHEN kind = 'hound_status' AND regexp_full_match(date1, '-?\d{1,15}') THEN date1::BIGINT END AS m_epoch
    FROM pieces),
parsed AS (
    SELECT *,
        zone_to_utc(CASE WHEN carrier = '247express' THEN w_iso1 END, 'Asia/Ho_Chi_Minh') AS z_247,
        zone_to_utc(CASE WHEN kind = 'hound_status' THEN coalesce(w_slash, w_dash) END,
                    'America/Mexico_City') AS z_hound
    FROM walls),
events_all AS (
    SELECT src_no, rec_no, sub, carrier, order_code, code, tx, m_recv,
        CASE kind WHEN 'hound_webhook' THEN
                      CASE WHEN m1 IS NOT NULL THEN date1 WHEN m2 IS NOT NULL THEN date2
                           WHEN m3 IS NOT NULL THEN date3 ELSE coalesce(date1, date2, date3) END
                  ELSE date1 END AS raw_date,
        CASE WHEN kind = 'hound_status' THEN date2 END AS raw_time,
        CASE kind WHEN 'hound_webhook' THEN coalesce(m1, m2, m3)
                  WHEN 'hound_status' THEN coalesce(m_epoch, z_hound)
                  ELSE coalesce(a_iso1, z_247) END AS event_ms
    FROM (SELECT *,   -- webhook: naive dateTimeISO / dateTime / date at the fixed UTC-06:00
                 coalesce(a_iso1, w_iso1 + 21600000) AS m1, coalesce(a_iso2, w_iso2 + 21600000) AS m2,
                 w_slash + 21600000 AS m3
          FROM parsed)),
-- Identity, always scoped to one order: (order, TransactionId) when there is one, else (order, raw
-- code, raw date[, raw time]) — the same TransactionId on two orders is two events; the first
-- occurrence in input order is kept. Unparseable dates fall back to receivedAt, else the as-of.
events AS (
    SELECT carrier, kept.order_code, kept.code, kept.instant, kept.pos
    FROM (SELECT carrier,
                 arg_min({'order_code': order_code, 'code': code, 'instant': instant, 'pos': pos}, pos) AS kept
          FROM (SELECT carrier, order_code, code, tx, raw_date, raw_time,
                       position_of(src_no, rec_no, sub) AS pos,
                       coalesce(in_range(event_ms), in_range(m_recv), @AS_OF_MS@) AS instant
                FROM events_all)
          GROUP BY carrier, order_code, tx, CASE WHEN tx IS NULL THEN code END,
                   CASE WHEN tx IS NULL THEN coalesce(raw_date, '') END,
                   CASE WHEN tx IS NULL THEN raw_time END)),
classified AS (
    SELECT e.carrier, e.order_code, e.instant, c.canonical, c.outcome,
           event_order(e.instant, c.rnk, e.pos) AS ord_key
    FROM events e
    LEFT JOIN status_map m ON m.carrier = e.carrier AND m.code = e.code
    JOIN canon c ON c.canonical = coalesce(m.canonical, 'UNKNOWN')),
-- Per order: final status = status of the last event in the order of SPEC §4.
orders AS (
    SELECT carrier, order_code,
        count(*) AS n_events,
        arg_max(canonical, ord_key) AS final_status,
        arg_max(outcome, ord_key) AS final_outcome,
        max(ord_key) FILTER (WHERE canonical = 'DELIVERED') AS last_delivered_key,
        min(ord_key) FILTER (WHERE canonical = 'ATTEMPT_FAILED') AS first_failed_key,
        max(instant) FILTER (WHERE canonical = 'DELIVERED') AS delivered_at,
        min(instant) FILTER (WHERE canonical = 'PICKED_UP') AS picked_up_at,
        count(*) FILTER (WHERE canonical IN ('OUT_FOR_DELIVERY', 'ATTEMPT_FAILED', 'DELIVERED')) > 0 AS tried,
        count(*) FILTER (WHERE canonical = 'ATTEMPT_FAILED') AS n_failed,
        min(instant) AS first_at
    FROM classified GROUP BY carrier, order_code),
per_order AS (
    SELECT *,
        final_status IN ('DELIVERED', 'RETURNED', 'LOST', 'CONFISCATED') AS resolved,
        CASE WHEN final_status = 'DELIVERED' AND picked_up_at IS NOT NULL
             THEN delivered_at - picked_up_at END AS lead_ms,
        CASE WHEN final_outcome = 'open' THEN greatest((@AS_OF_MS@ - first_at) // 86400000, 0) END AS open_age
    FROM orders),
summary AS (
    SELECT coalesce(carrier, 'ALL') AS carrier, grouping(carrier) AS is_all,
        sum(n_events) AS events,
        count(*) AS orders,
        count(*) FILTER (WHERE final_status = 'DELIVERED') AS delivered,
        count(*) FILTER (WHERE final_status = 'RETURNED') AS returned,
        count(*) FILTER (WHERE final_status = 'LOST') AS lost,
        count(*) FILTER (WHERE final_status = 'CONFISCATED') AS confiscated,
        count(*) FILTER (WHERE final_status = 'CANCELLED') AS cancelled,
        count(*) FILTER (WHERE final_outcome = 'open') AS open,
        count(*) FILTER (WHERE resolved) AS resolved,
        count(*) FILTER (WHERE resolved AND tried) AS attempted,
        count(*) FILTER (WHERE final_status = 'DELIVERED'
                         AND (first_failed_key IS NULL OR first_failed_key > last_delivered_key))
            AS first_attempt_delivered,
        sum(n_failed) AS failed_attempts,
        quantile_disc(lead_ms, 0.5) AS lead_p50_ms,   -- nearest rank: the ceil(q*n)-th smallest
        quantile_disc(lead_ms, 0.9) AS lead_p90_ms,
        sum(lead_ms) AS lead_sum_ms, count(lead_ms) AS lead_n,
        count(*) FILTER (WHERE open_age BETWEEN 0 AND 2) AS open_0_2d,
        count(*) FILTER (WHERE open_age BETWEEN 3 AND 7) AS open_3_7d,
        count(*) FILTER (WHERE open_age BETWEEN 8 AND 14) AS open_8_14d,
        count(*) FILTER (WHERE open_age >= 15) AS open_15d_plus
    FROM per_order
    GROUP BY GROUPING SETS ((carrier), ()))
SELECT carrier, events, orders, delivered, returned, lost, confiscated, cancelled, open, resolved,
    ratio4(delivered, resolved) AS success_rate,
    attempted, first_attempt_delivered,
    ratio4(first_attempt_delivered, attempted) AS first_attempt_rate,
    failed_attempts,
    hours2(lead_p50_ms, 1) AS lead_time_p50_h,
    hours2(lead_p90_ms, 1) AS lead_time_p90_h,
    hours2(lead_sum_ms, lead_n) AS lead_time_mean_h,
    open_0_2d, open_3_7d, open_8_14d, open_15d_plus
FROM summary
ORDER BY is_all, carrier;
