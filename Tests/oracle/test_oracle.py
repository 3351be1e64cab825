"""Self-tests of the oracle: its arithmetic, its strict JSON and dates, and its verdict on samples/.

    python3 -m unittest discover -s Tests/oracle -v
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest
from decimal import Decimal
from zoneinfo import ZoneInfo

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import oracle  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MX = ZoneInfo("America/Mexico_City")


class Arithmetic(unittest.TestCase):
    def test_ratio_half_away_from_zero_and_empty_denominator(self):
        self.assertEqual(oracle.ratio(5, 6), "0.8333")
        self.assertEqual(oracle.ratio(2, 3), "0.6667")
        self.assertEqual(oracle.ratio(1, 8), "0.1250")
        self.assertEqual(oracle.ratio(1, 16), "0.0625")
        self.assertEqual(oracle.ratio(1, 20000), "0.0001")   # exactly half -> away from zero
        self.assertEqual(oracle.ratio(3, 3), "1.0000")
        self.assertEqual(oracle.ratio(0, 0), "")

    def test_hours(self):
        self.assertEqual(oracle.hours(5_400_000), "1.50")
        self.assertEqual(oracle.hours(18_000), "0.01")       # 0.005 h -> 0.01
        self.assertEqual(oracle.hours(17_999), "0.00")
        self.assertEqual(oracle.hours(-18_000), "-0.01")
        self.assertEqual(oracle.hours(3 * 3_600_000, 2), "1.50")

    def test_nearest_rank_is_exact(self):
        vals = list(range(1, 11))
        self.assertEqual(oracle.nearest_rank(vals, 9, 10), 9)   # ⌈0.9·10⌉ = 9, not 10
        self.assertEqual(oracle.nearest_rank(vals, 1, 2), 5)
        self.assertEqual(oracle.nearest_rank([7], 9, 10), 7)
        self.assertEqual(oracle.nearest_rank(list(range(1, 21)), 9, 10), 18)

    def test_money(self):
        for raw, vnd, mxn in (("500000", "500000", "500000.00"), ("500000.00", "500000", "500000.00"),
                              ("5e5", "500000", "500000.00"), ("1.5e5", "150000", "150000.00"),
                              ("0.5", "0.5", "0.50"), ("-50000", "-50000", "-50000.00"), ("-0", "0", "0.00")):
            self.assertEqual(oracle.money(Decimal(raw), "VND"), vnd)
            self.assertEqual(oracle.money(Decimal(raw), "MXN"), mxn)

    def test_loose_decimals(self):
        self.assertEqual(oracle.decimal_of(oracle.Num("5e5")), Decimal("5e5"))
        self.assertEqual(oracle.decimal_of(" 500000 "), Decimal(500000))
        self.assertEqual(oracle.decimal_of("1.500.000"), "invalid")
        self.assertEqual(oracle.decimal_of("1,500,000"), "invalid")
        self.assertIsNone(oracle.decimal_of(""))
        self.assertIsNone(oracle.decimal_of(None))
        self.assertIsNone(oracle.decimal_of(True))


    def test_remittance_amounts(self):
        for raw, currency, want in (("500000", "VND", Decimal(500000)), ("500000.00", "VND", Decimal(500000)),
                                    ("1.5e5", "VND", Decimal(150000)), ("149.000", "VND", "ambiguous_amount"),
                                    ("1.500", "MXN", "ambiguous_amount"), ("1.500", "KWD", Decimal("1.5")),
                                    ("1,5", "MXN", "ambiguous_amount"), ("1.500.000", "VND", "ambiguous_amount"),
                                    ("1.5", "VND", "invalid_amount"), ("-990000", "VND", "invalid_amount"),
                                    ("9007199254740993", "VND", Decimal(9007199254740993)),
                                    ("999999999999999999999999", "VND", Decimal(10) ** 24 - 1),
                                    ("1000000000000000000000000", "VND", "invalid_amount")):
            self.assertEqual(oracle.remittance_amount(raw, currency), want, raw)

    def test_remittance_dates(self):
        for raw in ("2026-03-27", "2026-03-27 10:00:00", "2026-03-27T10:00:00+07:00", "27/03/2026", "27/03/2026 10:00"):
            self.assertTrue(oracle.is_remittance_date(raw), raw)
        for raw in ("yesterday", "2026-02-30", "30/02/2026", "27/03/2026 24:00", "27-03-2026"):
            self.assertFalse(oracle.is_remittance_date(raw), raw)


class StrictJSON(unittest.TestCase):
    def reason(self, raw: bytes):
        try:
            oracle.parse_json_bytes(raw)
        except oracle.JSONFail as e:
            return e.reason
        return None

    def test_rejects(self):
        self.assertEqual(self.reason(b'{"a": NaN}'), "invalid_json")
        self.assertEqual(self.reason(b'{"a": Infinity}'), "invalid_json")
        self.assertEqual(self.reason(b'{"a": "x\ty"}'), "invalid_json")
        self.assertEqual(self.reason(b'{"a": 1 "b": 2}'), "invalid_json")
        self.assertEqual(self.reason(b'{"a": 01}'), "invalid_json")
        self.assertEqual(self.reason(b'"\\ud800"'), "invalid_json")
        self.assertEqual(self.reason(b'{"a": "\xe0b"}'), "invalid_utf8")
        self.assertEqual(self.reason(b"[" * 65 + b"]" * 65), "too_deep")
        self.assertIsNone(self.reason(b"[" * 64 + b"]" * 64))

    def test_duplicates_and_numbers_kept(self):
        v = oracle.parse_json_bytes(b'{"Status": "25", "x": 1.50, "Status": 30}')
        self.assertEqual(v.dups, {"Status"})
        self.assertEqual(v["x"].text, "1.50")


class Dates(unittest.TestCase):
    def test_247(self):
        ms = oracle.parse_247_time("2019-08-07T11:24:12.4946223+07:00", VN)
        self.assertEqual(oracle.fmt_utc(ms), "2019-08-07T04:24:12.494Z")
        self.assertEqual(oracle.fmt_utc(oracle.parse_247_time("2026-03-04T10:42:34.9999999+07:00", VN)),
                         "2026-03-04T03:42:34.999Z")
        self.assertEqual(oracle.fmt_utc(oracle.parse_247_time("2026-03-17 08:30:00", VN)),
                         "2026-03-17T01:30:00.000Z")
        self.assertIsNone(oracle.parse_247_time("2026-02-30T14:00:00+07:00", VN))
        self.assertIsNone(oracle.parse_247_time("2026-03-01T24:00:00+07:00", VN))

    def test_hound(self):
        self.assertEqual(oracle.parse_hound_status_date("1540834812603", None, MX), 1540834812603)
        self.assertEqual(oracle.fmt_utc(oracle.parse_hound_status_date("06/04/2019 15:04:50", None, MX)),
                         "2019-04-06T21:04:50.000Z")
        self.assertEqual(oracle.fmt_utc(oracle.parse_hound_status_date("05-03-2026", None, MX)),
                         "2026-03-05T06:00:00.000Z")
        self.assertIsNone(oracle.parse_hound_status_date("05-03-2026", "25:00:00", MX))
        self.assertIsNone(oracle.parse_hound_status_date("30/02/2026 10:00:00", None, MX))
        self.assertEqual(oracle.fmt_utc(oracle.parse_hound_webhook_field("date", "10/03/2026 12:25")),
                         "2026-03-10T18:25:00.000Z")
        self.assertIsNone(oracle.parse_hound_webhook_field("dateTimeISO", "2026-03-10T12:25:00"))

    def test_received_at_naive_is_utc(self):
        self.assertEqual(oracle.fmt_utc(oracle.parse_received_at("2026-03-24T19:00:37")),
                         "2026-03-24T19:00:37.000Z")


class Samples(unittest.TestCase):
    """The oracle's verdict on samples/ matches what samples/README.md says they show."""

    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.mkdtemp(prefix="oracle-samples-")
        rem = sorted(os.path.join("samples/remittance", f) for f in os.listdir(os.path.join(ROOT, "samples/remittance")))
        subprocess.run([sys.executable, os.path.join(HERE, "oracle.py"), "report", "samples",
                        "--remittance", *rem, "--status-map", "samples/status-map.csv",
                        "--as-of", "2026-04-01T00:00:00Z", "--out", cls.out], cwd=ROOT, check=True)

    def rows(self, name):
        with open(os.path.join(self.out, name), encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def test_rejects(self):
        with open(os.path.join(self.out, "rejects.ndjson"), encoding="utf-8") as f:
            got = [(r["file"], r["line"], r["reason"]) for r in map(json.loads, f)]
        e, h, r = "samples/247express/", "samples/houndexpress/", "samples/remittance/"
        self.assertEqual(got, [
            (e + "getstatuslogs-2026-03-21_23.json", 1, "missing_status"),
            (e + "orders-2026-03-a.ndjson", 21, "missing_order_code"),
            (e + "seed-000-webhook-example.json", 1, "invalid_json"),
            (e + "webhook-2026-03-31-crashed.ndjson", 3, "truncated"),
            (e + "webhook-dirty-2026-03.ndjson", 2, "invalid_json"),
            (e + "webhook-dirty-2026-03.ndjson", 4, "unknown_shape"),
            (e + "webhook-dirty-2026-03.ndjson", 6, "invalid_utf8"),
            (e + "webhook-dirty-2026-03.ndjson", 7, "missing_order_code"),
            (e + "webhook-dirty-2026-03.ndjson", 9, "unknown_shape"),
            (e + "webhook-dirty-2026-03.ndjson", 10, "duplicate_key"),
            (e + "webhook-dirty-2026-03.ndjson", 11, "too_deep"),
            (e + "webhook-dirty-2026-03.ndjson", 14, "unknown_shape"),
            (e + "webhook-dirty-2026-03.ndjson", 16, "invalid_json"),
            (e + "webhook-dirty-2026-03.ndjson", 18, "invalid_json"),
            (h + "changeorderstatus-dirty-2026-03.ndjson", 2, "unknown_shape"),
            (h + "changeorderstatus-dirty-2026-03.ndjson", 4, "missing_order_code"),
            (h + "changeorderstatus-dirty-2026-03.ndjson", 6, "missing_status"),
            (h + "changeorderstatus-dirty-2026-03.ndjson", 8, "missing_status"),
            (h + "changeorderstatus-dirty-2026-03.ndjson", 9, "invalid_json"),
            (h + "webhook-batch-2026-03-24.json", 10, "invalid_json"),
            (r + "247express-remittance.csv", 10, "ambiguous_amount"),
            (r + "247express-remittance.csv", 14, "invalid_amount"),
            (r + "247express-remittance.csv", 15, "missing_order_code"),
        ])

    def test_summary(self):
        with open(os.path.join(self.out, "summary.csv"), encoding="utf-8", newline="") as f:
            lines = f.read().split("\r\n")
        self.assertEqual(lines[1:4], [
            "247express,172,32,19,2,1,1,1,8,23,0.8261,21,16,0.7619,15,44.50,91.75,58.73,1,2,4,1",
            "houndexpress,159,33,22,1,1,1,1,7,25,0.8800,23,17,0.7391,9,43.34,67.99,53.06,1,2,1,3",
            "ALL,331,65,41,3,2,2,2,15,48,0.8542,44,33,0.7500,24,43.43,89.99,55.75,2,4,5,4",
        ])

    def test_counts(self):
        with open(os.path.join(self.out, "counts.json"), encoding="utf-8") as f:
            c = json.load(f)
        self.assertEqual(c["duplicates"], 56)
        self.assertEqual(c["date_fallbacks"], 5)
        self.assertEqual(c["unknown_codes"], {"247express": {"29": 1}, "houndexpress": {"77": 1}})

    def test_every_cod_status(self):
        statuses = [r["status"] for r in self.rows("cod_reconciliation.csv")]
        for s in ("MATCHED", "SHORT", "OVER", "NOT_REMITTED", "NOT_DUE", "UNEXPECTED", "DUPLICATE"):
            self.assertIn(s, statuses)
        by = {(r["order_code"], r["status"]): r for r in self.rows("cod_reconciliation.csv")}
        self.assertEqual(by[("CNN26030105", "SHORT")]["difference"], "-50000")
        self.assertEqual(by[("CNN26030107", "OVER")]["cod_amount"], "0")
        self.assertEqual(by[("CNN26030108", "NOT_REMITTED")]["days_since_delivery"], "15")
        self.assertEqual(by[("CNN26039999", "UNEXPECTED")]["cod_amount"], "")
        self.assertEqual(by[("CNN26030130", "NOT_DUE")]["final_status"], "")
        self.assertEqual(statuses.count("DUPLICATE"), 2)

    def test_every_order_check_rule(self):
        got = {(r["order_code"], r["code"], r["field"]) for r in self.rows("order_checks.csv")}
        for want in (("CNN26030118", "10", "ServiceTypeID"), ("CNN26030111", "17", "ReceiverAddress"),
                     ("CNN26030121", "3", "ReceiverProvinceName"), ("CNN26030116", "2", "ReceiverDistrictName"),
                     ("CNN26030120", "", "ReceiverPhone"), ("CNN26030117", "", "ClientHubID"),
                     ("CNN26030131", "18", "MailerType"), ("CNN26030123", "18", "MailerType"),
                     ("CNN26030124", "", "MailerType"), ("CNN26030112", "", "InformFee"),
                     ("CNN26030106", "", "InformFee"), ("CNN26030105", "19", "Packages"),
                     ("CNN26030107", "19", "Packages"), ("CNN26030103", "20", "Packages[1]"),
                     ("CNN26030103", "20", "Packages[2]"), ("CNN26030132", "", "CODAmount")):
            self.assertIn(want, got)
        self.assertEqual(len(got), 17)
        self.assertNotIn("CNN26030115", {r["order_code"] for r in self.rows("order_checks.csv")})

    def test_neutralised_text_cells(self):
        with open(os.path.join(self.out, "orders.csv"), encoding="utf-8", newline="") as f:
            self.assertIn('"\'=HYPERLINK(""http://x"")"', f.read())
        labels = {r["code"]: r["label"] for r in self.rows("reasons.csv")}
        self.assertEqual(labels["S08"], "'=HYPERLINK(\"http://x\")")
        self.assertEqual(labels["S07"], "Khách nhờ giữ hàng tại bưu cục")

    def test_deterministic(self):
        again = tempfile.mkdtemp(prefix="oracle-samples-")
        rem = sorted(os.path.join("samples/remittance", f) for f in os.listdir(os.path.join(ROOT, "samples/remittance")))
        subprocess.run([sys.executable, os.path.join(HERE, "oracle.py"), "report", "samples",
                        "--remittance", *rem, "--status-map", "samples/status-map.csv",
                        "--as-of", "2026-04-01T00:00:00Z", "--out", again], cwd=ROOT, check=True)
        for name in sorted(os.listdir(self.out)):
            with open(os.path.join(self.out, name), "rb") as a, open(os.path.join(again, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)


if __name__ == "__main__":
    unittest.main()
