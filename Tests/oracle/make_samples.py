#!/usr/bin/env python3
"""Writes samples/ (the committed sample exports) deterministically.

    python3 Tests/oracle/make_samples.py [SAMPLES_DIR]      (default: samples/ of this repository)

The samples are hand-designed scenarios (see samples/README.md); this script only renders them into
the carriers' JSON shapes and file formats so that line numbers and duplicates stay exact. It prints
the line number of every deliberately malformed line so samples/README.md can be checked against it.
Standard library only; needs the `gzip` command (run as `gzip -n`, so the .gz file is reproducible).
"""

import json
import os
import random
import re
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "samples")
SEEDS = os.environ.get("SHIPKPI_SEEDS", os.path.join(HERE, "..", "..", "..", "shared", "seeds"))
REPO_SAMPLES = os.path.join(HERE, "..", "..", "samples")

VN = timezone(timedelta(hours=7))
MX = timezone(timedelta(hours=-6))  # America/Mexico_City has no DST since 2022
R = random.Random(20260401)

SHOP_KEY = "0D4E5F6A-2026-4C3B-8A9D-5A3B1C2D7E8F"   # the shop's key (samples/api-keys.txt)
DOC_KEY = "EBD2E298-20AC-483F-80EC-B51CF8D79A2A"    # the documentation's key: untrusted

XSS = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x")'
CDATA = "]]>"
AMP = "&amp;"

malformed = []  # (file, line, reason) for the README check


def raw(token):
    """A JSON number written exactly as given (500000.00, 5e5)."""
    return "__RAW__" + token + "__"


def dumps(o, **kw):
    s = json.dumps(o, ensure_ascii=False, **kw)
    return re.sub(r'"__RAW__(.*?)__"', r"\1", s)


def tid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


# ==================================================================================================
# 247Express
# ==================================================================================================

NAMES247 = {"21": "DATIEPNHAN", "23": "DALAYHANG", "24": "DANGVANCHUYEN", "25": "DANGDIPHAT",
            "16": "CHOXULY", "27": "CHOCHUYENHOAN", "28": "DACHUYENHOAN", "30": "PHATTHANHCONG",
            "19": "THATLAC", "32": "TICHTHU", "18": "HUY", "29": "DANGKIEMTRA"}

M1, M2, M3 = "Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Minh Đức"
M4, M5, M6 = "Phạm Quốc Bảo", "Võ Thị Ánh Nguyệt", "Đặng Hữu Phước"

RECEIVERS = ["Nguyễn Thành Đạt", "Lê Thị Hồng Nhung", "Trương Văn Tài", "Hoàng Thị Mai Anh",
             "Phan Đình Khôi", "Bùi Thị Ngọc Hân", "Đỗ Quang Vinh", "Huỳnh Thị Kim Ngân"]


def t247(day, hh, mm, ss=None, frac=None):
    ss = R.randint(0, 59) if ss is None else ss
    frac = f"{R.randint(0, 9999999):07d}" if frac is None else frac
    return f"2026-03-{day:02d}T{hh:02d}:{mm:02d}:{ss:02d}.{frac}+07:00"


class Order247:
    def __init__(self, n, steps, receiver=None):
        self.code = n if not isinstance(n, int) else f"CNN2603{n:04d}"
        self.ext = f"SHOP-{n}" if isinstance(n, int) else "SHOP-HOSTILE"
        self.receiver = receiver or RECEIVERS[len(orders247) % len(RECEIVERS)]
        self.events = []
        prev = None
        fb = 0
        for st in steps:
            status, day, hh, mm = st[:4]
            opt = st[4] if len(st) > 4 else {}
            fb = opt.get("fb", fb)
            time_ = opt.get("time") or t247(day, hh, mm, opt.get("ss"), opt.get("frac"))
            delay = opt.get("delay")
            e = {
                "ApiKey": opt.get("key", SHOP_KEY),
                "OrderCode": self.code,
                "ExternalCode": self.ext,
                "ReferenceCode": self.ext,
                "Status": status,
                "StatusName": NAMES247[status],
                "Description": (f"Change order status: {NAMES247[prev]} ==> {NAMES247[status]}"
                                if prev else "Create order"),
                "RequestFeedbackCount": fb,
                "DelayCode": delay[0] if delay else None,
                "DelayNotes": delay[1] if delay else None,
                "DeliveryNotes": opt.get("dnotes"),
                "Mailman": opt.get("mailman"),
                "DeliveryDate": (time_[:10] + " " + time_[11:19]) if status == "30" else None,
                "ReceiverName": self.receiver,
                "TransactionId": tid(),
                "Time": time_,
            }
            if status == "30" and e["DeliveryNotes"] is None:
                e["DeliveryNotes"] = "Giao thành công, khách đã ký nhận"
            for k, v in opt.get("set", {}).items():
                e[k] = v
            for k in opt.get("drop", ()):
                e.pop(k, None)
            e["_day"] = day
            e["_chan"] = opt.get("chan")
            prev = status
            self.events.append(e)


def S(code, notes):
    return {"delay": (code, notes)}


def o(**kw):
    return kw


def merge(*ds):
    out = {}
    for d in ds:
        out.update(d)
    return out


orders247 = {}


def add247(n, steps, receiver=None):
    ordr = Order247(n, steps, receiver)
    orders247[n] = ordr
    return ordr


# --- delivered at the first attempt; CODAmount written four ways (500000, "500000", 500000.00, 5e5)
add247(101, [("21", 2, 8, 10), ("23", 2, 15, 30), ("24", 3, 6, 20),
             ("25", 4, 8, 5, o(mailman=M1)), ("30", 4, 10, 42, o(mailman=M1, frac="9999999"))])
add247(102, [("21", 3, 9, 0), ("23", 3, 16, 10), ("24", 4, 2, 15),
             ("25", 5, 7, 50, o(mailman=M2)), ("30", 5, 11, 20, o(mailman=M2))])
add247(103, [("21", 5, 10, 0), ("23", 5, 17, 0), ("24", 6, 22, 0),
             ("25", 8, 8, 30, o(mailman=M3)), ("30", 8, 9, 55, o(mailman=M3))])
add247(104, [("21", 8, 14, 0), ("23", 9, 9, 10), ("24", 10, 3, 0),
             ("25", 11, 7, 40, o(mailman=M4)), ("30", 11, 10, 5, o(mailman=M4))])
# --- failed attempt then re-delivery; also exported through GetStatusLogs (duplicates by TransactionId)
add247(105, [("21", 9, 8, 0), ("23", 9, 14, 0), ("24", 10, 1, 0), ("25", 11, 8, 0, o(mailman=M1)),
             ("16", 11, 11, 30, merge(o(mailman=M1, fb=1), S("S01", "Khách hẹn giao lại vào ngày mai"))),
             ("25", 13, 8, 10, o(mailman=M1)), ("30", 13, 9, 45, o(mailman=M1))])
# --- two failed attempts (S02 mapped, S07 unmapped), feedback 0 -> 1 -> 2
add247(106, [("21", 10, 9, 0), ("23", 10, 15, 0), ("24", 11, 4, 0), ("25", 12, 8, 0, o(mailman=M5)),
             ("16", 12, 10, 20, merge(o(mailman=M5, fb=1), S("S02", "Không liên lạc được với người nhận"))),
             ("25", 13, 8, 30, o(mailman=M5)),
             ("16", 13, 11, 0, merge(o(mailman=M5, fb=2), S("S07", "Người nhận đi vắng, hàng để lại bưu cục"))),
             ("25", 14, 8, 0, o(mailman=M5)), ("30", 14, 10, 30, o(mailman=M5))])
add247(107, [("21", 12, 9, 30), ("23", 12, 16, 0), ("24", 13, 5, 0),
             ("25", 14, 7, 30, o(mailman=M4)), ("30", 14, 9, 0, o(mailman=M4))])
# --- webhook receiver log (envelopes) only
add247(108, [("21", 14, 8, 0), ("23", 14, 15, 0), ("24", 15, 2, 0),
             ("25", 16, 8, 0, o(mailman=M2)), ("30", 16, 10, 15, o(mailman=M2))])
add247(109, [("21", 15, 9, 0), ("23", 15, 14, 0), ("24", 16, 3, 0),
             ("25", 17, 7, 45, o(mailman=M6)), ("30", 17, 9, 20, o(mailman=M6))])
# --- returned (16 S04 refused, 16 S08 unmapped with a hostile note, 27 -> 28)
add247(110, [("21", 3, 10, 0), ("23", 3, 16, 0), ("24", 4, 5, 0), ("25", 5, 8, 0, o(mailman=M3)),
             ("16", 5, 11, 0, merge(o(mailman=M3, fb=1), S("S04", "Khách từ chối nhận hàng"))),
             ("25", 7, 8, 20, o(mailman=M3)),
             ("16", 7, 10, 0, merge(o(mailman=M3, fb=2), S("S08", FORMULA))),
             ("27", 8, 9, 0, o(fb=3)), ("28", 11, 15, 0)])
add247(111, [("21", 16, 8, 0), ("23", 16, 14, 0), ("24", 17, 3, 0), ("25", 18, 8, 0, o(mailman=M6)),
             ("16", 18, 10, 30, merge(o(mailman=M6, fb=1), S("S03", "Sai địa chỉ, không tìm thấy người nhận"))),
             ("25", 19, 8, 0, o(mailman=M6)),
             ("16", 19, 9, 40, merge(o(mailman=M6, fb=2), S("S03", "Địa chỉ không tồn tại"))),
             ("27", 20, 10, 0), ("28", 24, 16, 0)])
# --- lost, confiscated, cancelled (the cancelled one has a hostile OrderCode)
add247(112, [("21", 6, 9, 0), ("23", 6, 15, 0), ("24", 7, 4, 0), ("19", 20, 17, 0)])
add247(113, [("21", 10, 8, 0), ("23", 10, 13, 0), ("24", 11, 2, 0),
             ("32", 12, 15, 0, o(dnotes="Hàng cấm: pin lithium không khai báo"))])
add247(FORMULA, [("21", 18, 9, 0), ("18", 18, 11, 0)], receiver=XSS)
# --- open orders
add247(115, [("21", 29, 9, 0), ("23", 29, 16, 0), ("24", 30, 3, 0, o(chan="crash")),
             ("25", 31, 7, 30, o(mailman=M1, chan="crash"))])
add247(116, [("21", 26, 9, 0), ("23", 26, 15, 0), ("24", 27, 4, 0, o(key=DOC_KEY))])
add247(117, [("21", 18, 9, 0), ("23", 18, 15, 0), ("24", 19, 3, 0)])
add247(118, [("21", 5, 10, 0), ("23", 6, 9, 0)])
add247(119, [("21", 27, 8, 0, o(drop=("ApiKey",))), ("23", 27, 15, 0), ("24", 28, 3, 0),
             ("25", 30, 8, 0, o(mailman=M2)),
             ("16", 30, 10, 0, merge(o(mailman=M2, fb=1), S("S06", "Chậm tuyến do mưa lớn")))])
add247(120, [("21", 20, 8, 0), ("23", 20, 14, 0), ("24", 21, 3, 0), ("25", 22, 8, 0, o(mailman=M5)),
             ("16", 22, 10, 0, merge(o(mailman=M5, fb=1), S("S02", "Gọi không nghe máy"))),
             ("25", 23, 8, 0, o(mailman=M5)),
             ("16", 23, 9, 30, merge(o(mailman=M5, fb=2), S("S02", "Thuê bao không liên lạc được"))),
             ("25", 24, 8, 10, o(mailman=M5)),
             ("16", 24, 11, 0, merge(o(mailman=M5, fb=3), S("S05", "Hàng bị móp méo khi vận chuyển"))),
             ("27", 25, 10, 0, o(fb=4))])
add247(121, [("21", 23, 8, 0), ("23", 23, 14, 0), ("24", 24, 2, 0), ("29", 25, 9, 0)])
# --- same instant: OUT_FOR_DELIVERY and DELIVERED share one Time (written DELIVERED first)
add247(122, [("21", 17, 9, 0), ("23", 17, 15, 0), ("24", 18, 3, 0),
             ("25", 19, 14, 5, o(mailman=XSS, ss=0, frac="0000000")),
             ("30", 19, 14, 5, o(mailman=XSS, ss=0, frac="0000000", dnotes=CDATA))])
# --- legacy CRLF export: naive times, no TransactionId, Status as numbers
add247(123, [("21", 17, 0, 0, o(time="2026-03-17 08:30:00")),
             ("23", 17, 0, 0, o(time="2026-03-17T15:45:10.5")),
             ("24", 18, 0, 0, o(time="2026-03-18 03:12:00")),
             ("25", 19, 0, 0, o(time="2026-03-19T08:00:00", mailman=M3)),
             ("30", 19, 0, 0, o(time="2026-03-19 11:11:11", mailman=M3))])
# --- four failed attempts, feedback requests reach 5; lines shuffled in the export
add247(124, [("21", 1, 9, 0), ("23", 1, 16, 0), ("24", 2, 4, 0), ("25", 3, 8, 0, o(mailman=M2)),
             ("16", 3, 10, 0, merge(o(mailman=M2, fb=1), S("S01", "Khách hẹn giao buổi chiều"))),
             ("25", 4, 8, 0, o(mailman=M2)),
             ("16", 4, 10, 30, merge(o(mailman=M2, fb=2), S("S02", "Không liên lạc được người nhận"))),
             ("25", 5, 8, 0, o(mailman=M2)),
             ("16", 5, 11, 0, merge(o(mailman=M2, fb=3), S("S07", "Khách nhờ giữ hàng tại bưu cục"))),
             ("25", 6, 8, 0, o(mailman=M2)),
             ("16", 6, 10, 0, merge(o(mailman=M2, fb=4), S("S01", "Khách hẹn giao lại thứ Hai"))),
             ("25", 9, 8, 0, o(mailman=M2)),
             ("30", 9, 9, 30, o(mailman=M2, fb=5, set={"RequestFeedbackCount": "5"}))])
# --- GetStatusLogs only (125; 126 partly listed under 125's entry)
add247(125, [("21", 21, 8, 0, o(time="2026-03-21T01:00:00.123Z")), ("23", 21, 15, 0),
             ("24", 22, 2, 0), ("25", 23, 8, 0, o(mailman=M4)), ("30", 23, 10, 10, o(mailman=M4))])
add247(126, [("21", 22, 9, 0), ("23", 22, 16, 0), ("24", 23, 3, 0)])
# --- envelopes: an unparseable Time (-> receivedAt) and a null Time (-> receivedAt)
add247(127, [("21", 2, 9, 0), ("23", 2, 0, 0, o(time="2026-02-30T14:00:00+07:00")),
             ("24", 3, 3, 0), ("25", 4, 8, 0, o(mailman=M6)), ("30", 4, 11, 0, o(mailman=M6))])
add247(128, [("21", 24, 10, 0), ("23", 24, 16, 0, o(set={"Time": None})), ("24", 25, 2, 0),
             ("25", 26, 8, 0, o(mailman=M1)), ("30", 26, 9, 30, o(mailman=M1))])
# --- hostile province in the order record
add247(129, [("21", 26, 9, 0), ("23", 26, 14, 0), ("24", 27, 3, 0),
             ("25", 28, 8, 0, o(mailman=M4)), ("30", 28, 10, 30, o(mailman=M4))])
add247(134, [("21", 20, 9, 0), ("23", 20, 14, 0), ("24", 21, 2, 0),
             ("25", 22, 7, 50, o(mailman=M6)), ("30", 22, 9, 40, o(mailman=M6))])
add247(135, [("21", 22, 10, 0), ("23", 22, 16, 0), ("24", 23, 4, 0),
             ("25", 25, 8, 0, o(mailman=M3)), ("30", 25, 10, 0, o(mailman=M3))])
add247(136, [("21", 25, 8, 0), ("23", 25, 15, 0), ("24", 26, 1, 0),
             ("25", 27, 8, 0, o(mailman=M2)), ("30", 27, 12, 0, o(mailman=M2))])


def clean(e):
    return {k: v for k, v in e.items() if not k.startswith("_")}


def line247(e):
    return dumps(clean(e))


def write(path, data: bytes):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)


def write_lines(path, lines, eol="\n", bom=False, final_newline=True):
    body = eol.join(lines) + (eol if final_newline else "")
    data = body.encode("utf-8") if isinstance(body, str) else body
    write(path, (b"\xef\xbb\xbf" if bom else b"") + data)


def note_bad(path, lines, reason_by_marker):
    for i, ln in enumerate(lines, 1):
        key = ln if isinstance(ln, str) else ln.decode("utf-8", "replace")
        for marker, reason in reason_by_marker:
            if marker in key:
                malformed.append((path, i, reason))


# ---- which channel each 247 order's events travel through -------------------------------------
WEBHOOK = [101, 102, 103, 104, 105, 106, 107, 109, 110, 111, 112, 113, FORMULA, 115, 116, 117, 118,
           120, 122, 124, 129, 134, 135, 136]
ENVELOPE = [108, 127, 128]
STATUSLOG = [105, 125, 126]
DIRTY = [119, 121]

webhook_events = []
for n in WEBHOOK:
    for e in orders247[n].events:
        if e["_chan"] is None:
            webhook_events.append(e)
webhook_events.sort(key=lambda e: (e["Time"], str(e["OrderCode"])))


def window(lo, hi):
    return [e for e in webhook_events if lo <= e["_day"] <= hi]


w1 = window(1, 15)
w2 = window(10, 31)

# 124's lines are shuffled among the positions they occupy (out-of-order export)
pos = [i for i, e in enumerate(w1) if e["OrderCode"] == "CNN26030124"]
shuffled = [w1[i] for i in pos]
R.shuffle(shuffled)
for i, e in zip(pos, shuffled):
    w1[i] = e
# 122: DELIVERED written before OUT_FOR_DELIVERY (same Time)
i25 = next(i for i, e in enumerate(w2) if e["OrderCode"] == "CNN26030122" and e["Status"] == "25")
i30 = next(i for i, e in enumerate(w2) if e["OrderCode"] == "CNN26030122" and e["Status"] == "30")
w2[i25], w2[i30] = w2[i30], w2[i25]
lines_w1 = [line247(e) for e in w1]
lines_w2 = [line247(e) for e in w2]
# webhook retry: 134's OUT_FOR_DELIVERY delivered twice with the same TransactionId
i134 = next(i for i, e in enumerate(w2) if e["OrderCode"] == "CNN26030134" and e["Status"] == "25")
lines_w2.insert(i134 + 1, lines_w2[i134])
# 123's OUT_FOR_DELIVERY also came through the webhook (with a TransactionId) — never matches the
# legacy line without one (SPEC §11)
e123 = dict(orders247[123].events[3])
i = next(i for i, e in enumerate(w2) if e["Time"] > "2026-03-19T08")
lines_w2.insert(i, line247(e123))
write_lines("247express/webhook-2026-03-01_15.ndjson", lines_w1)
write_lines("247express/webhook-2026-03-10_31.ndjson", lines_w2)

# ---- crashed export: last line cut mid-object, no newline ----------------------------------------
crash = [line247(e) for e in orders247[115].events if e["_chan"] == "crash"]
cut = line247(dict(orders247[115].events[-1], Status="30", StatusName="PHATTHANHCONG",
                   Time=t247(31, 10, 5)))
crash.append(cut[:cut.index('"StatusName"') + 20])
write_lines("247express/webhook-2026-03-31-crashed.ndjson", crash, final_newline=False)
malformed.append(("247express/webhook-2026-03-31-crashed.ndjson", len(crash), "truncated"))

# ---- receiver log: envelopes ---------------------------------------------------------------------
env_lines = []
for n in ENVELOPE:
    for e in orders247[n].events:
        t = e["Time"]
        if t and not t.startswith("2026-02-30"):
            rec = datetime.fromisoformat(t[:19]).replace(tzinfo=VN) + timedelta(seconds=R.randint(2, 9))
        elif t:  # unparseable Time: the receiver's clock says when it arrived
            rec = datetime(2026, 3, 2, 14, 0, 5, 250000, tzinfo=VN)
        else:    # null Time
            rec = datetime(2026, 3, 24, 16, 0, 7, tzinfo=VN)
        env = {"receivedAt": rec.astimezone(timezone.utc).isoformat(timespec="milliseconds")
               .replace("+00:00", "Z"), "payload": clean(e)}
        env_lines.append((rec, dumps(env)))
env_lines.sort(key=lambda x: x[0])
env_lines = [ln for _, ln in env_lines]
# one receivedAt without an offset (UTC by SPEC §11): 128's IN_TRANSIT
for k, ln in enumerate(env_lines):
    if '"CNN26030128"' in ln and '"Status": "24"' in ln:
        d = json.loads(ln)
        d["receivedAt"] = d["receivedAt"][:19]
        env_lines[k] = dumps(d)
write_lines("247express/receiver-log-2026-03.ndjson", env_lines)

# ---- GetStatusLogs export ------------------------------------------------------------------------
LOG_EXTRA = {"IsCallError": False, "ErrorMessage": None, "IsPartnerResponseError": False,
             "PartnerResponseErrorMsg": None}


def log_item(e, sparse=False):
    d = clean(e)
    d.pop("ApiKey", None)
    if sparse:  # older items: nulls left out entirely (null = missing)
        d = {k: v for k, v in d.items() if v is not None}
    else:
        d.update(LOG_EXTRA)
    return d


ev125 = orders247[125].events
ev126 = orders247[126].events
ev105 = orders247[105].events
no_status = log_item(ev126[2])
no_status = {k: v for k, v in no_status.items() if k not in ("Status", "StatusName")}
no_status["TransactionId"] = tid()
no_status["Description"] = "Cập nhật ghi chú: khách gọi hỏi tình trạng đơn"
no_status["Time"] = t247(23, 9, 15)
statuslog = {"Data": {"Orders": [
    {"OrderCode": "CNN26030105", "Histories": [log_item(e) for e in ev105]},
    {"OrderCode": "CNN26030125", "Histories": [log_item(ev125[0]), log_item(ev125[1]),
                                              log_item(ev126[0]),   # 126's item under 125's entry
                                              log_item(ev125[2]), log_item(ev125[3], sparse=True),
                                              log_item(ev125[4], sparse=True)]},
    {"OrderCode": "CNN26030126", "Histories": [log_item(ev126[1]), no_status, log_item(ev126[2])]},
]}, "IsError": False, "ErrorMessage": ""}
write("247express/getstatuslogs-2026-03-21_23.json",
      (dumps(statuslog, indent=2) + "\n").encode("utf-8"))
malformed.append(("247express/getstatuslogs-2026-03-21_23.json", 1,
                  "missing_status (Data.Orders[2].Histories[1])"))

# ---- legacy CRLF export (order 123): no TransactionId, numbers as numbers ------------------------
legacy = []
for e in orders247[123].events:
    d = {k: v for k, v in clean(e).items() if v is not None and k != "TransactionId"}
    d["Status"] = int(d["Status"])
    legacy.append(dumps(d, separators=(",", ":")))
dup = json.loads(legacy[2])
dup["Status"] = str(dup["Status"])  # same event again, Status as a string: one identity
legacy.insert(3, dumps(dup, separators=(",", ":")))
write_lines("247express/legacy-export-crlf.ndjson", legacy, eol="\r\n")

# ---- dirty webhook file: good lines and one malformed line per reason ---------------------------
ev119 = orders247[119].events
ev121 = orders247[121].events
bad_comma = line247(ev121[1]).replace('"ReferenceCode": "SHOP-121", ', '"ReferenceCode": "SHOP-121" ')
bad_tab = line247(dict(ev119[4], TransactionId=tid())).replace("Chậm tuyến do mưa lớn", "Chậm tuyến\tdo mưa lớn")
bad_utf8 = line247(dict(ev121[2], TransactionId=tid(), DelayNotes="Khách hàng ở Hà Nội")).encode("utf-8")
bad_utf8 = bad_utf8.replace("Khách hàng ở Hà Nội".encode("utf-8"), "Khách hàng ở Hà Nội".encode("cp1258", errors="replace"))
no_code = dict(clean(ev121[2]), TransactionId=tid(), Status="25")
no_code.pop("OrderCode")
null_status = dict(clean(orders247[117].events[2]), TransactionId=tid(), Status=None, StatusName=None,
                   Time=t247(20, 9, 0))
dupkey = dumps(dict(clean(orders247[117].events[2]), TransactionId=tid(), Time=t247(21, 8, 0),
                    Status="25", StatusName="DANGDIPHAT"))
dupkey = dupkey[:-1] + ', "Status": "30"}'
deep = dict(clean(orders247[118].events[1]), TransactionId=tid(), Status="24", Time=t247(7, 2, 0))
deep_s = dumps(deep)[:-1] + ', "Extra": ' + "[" * 199 + "]" * 199 + "}"  # object + 199 arrays = 200 levels
nan = line247(dict(ev119[3], TransactionId=tid())).replace('"RequestFeedbackCount": 0', '"RequestFeedbackCount": NaN')
arr = "[" + line247(dict(orders247[118].events[1], TransactionId=tid(), Status="24", Time=t247(8, 1, 0))) + "]"
dirty = [
    line247(ev121[0]),
    bad_comma,
    line247(ev121[1]),
    dumps({"foo": 1}),
    line247(ev121[2]),
    bad_utf8,
    dumps(no_code),
    line247(ev121[3]),
    dumps(null_status),
    dupkey,
    deep_s,
    line247(ev119[0]),
    line247(ev119[1]),
    arr,
    line247(ev119[2]),
    nan,
    line247(ev119[3]),
    bad_tab,
    line247(ev119[4]),
]
write("247express/webhook-dirty-2026-03.ndjson",
      b"\n".join(x.encode("utf-8") if isinstance(x, str) else x for x in dirty) + b"\n")
for i, x in enumerate(dirty, 1):
    reason = {id(bad_comma): "invalid_json", id(bad_tab): "invalid_json", id(bad_utf8): "invalid_utf8",
              id(dupkey): "duplicate_key", id(deep_s): "too_deep", id(nan): "invalid_json",
              id(arr): "unknown_shape"}.get(id(x))
    if x == dumps({"foo": 1}):
        reason = "unknown_shape"
    elif x == dumps(no_code):
        reason = "missing_order_code"
    elif x == dumps(null_status):
        reason = "unknown_shape"
    if reason:
        malformed.append(("247express/webhook-dirty-2026-03.ndjson", i, reason))

# ---- order records --------------------------------------------------------------------------------
PROV = {"HCM": ("Hồ Chí Minh", "Quận 7", "Phường Tân Phú", "12 Tân Trào, phường Tân Phú, Quận 7, Hồ Chí Minh"),
        "HN": ("Hà Nội", "Quận Cầu Giấy", "Phường Dịch Vọng", "88 Trần Thái Tông, Cầu Giấy, Hà Nội"),
        "DN": ("Đà Nẵng", "Quận Hải Châu", "Phường Thạch Thang", "45 Lê Duẩn, Hải Châu, Đà Nẵng"),
        "CT": ("Cần Thơ", "Quận Ninh Kiều", "Phường An Cư", "102 Mậu Thân, Ninh Kiều, Cần Thơ"),
        "HP": ("Hải Phòng", "Quận Lê Chân", "Phường An Biên", "17 Tô Hiệu, Lê Chân, Hải Phòng"),
        "BD": ("Bình Dương", "Thành phố Thủ Dầu Một", "Phường Phú Cường", "5 Yersin, Thủ Dầu Một, Bình Dương"),
        "DNai": ("Đồng Nai", "Thành phố Biên Hòa", "Phường Tân Phong", "230 Đồng Khởi, Biên Hòa, Đồng Nai"),
        "KH": ("Khánh Hòa", "Thành phố Nha Trang", "Phường Lộc Thọ", "9 Trần Phú, Nha Trang, Khánh Hòa"),
        "TTH": ("Thừa Thiên Huế", "Thành phố Huế", "Phường Vĩnh Ninh", "21 Lê Lợi, Huế, Thừa Thiên Huế")}


DROP = object()


def record(n, prov, service="DE", cod=0, mailer="HH", inform=None, weight=0.8, qty=1, packages=None,
           hub=True, flat=False, phone="0903123456", extras=None, **over):
    code = n if not isinstance(n, int) else f"CNN2603{n:04d}"
    p = PROV[prov]
    rec = {
        "OrderCode": code,
        "ClientHubID": 11583 if hub else None,
        "CusWareHouseID": "30984" if hub else None,
        "ContactName": "Trần Văn Bình",
        "ContactPhone": "0332318317",
        "ReceiverPhone": phone,
        "ReceiverName": orders247[n].receiver if n in orders247 else "Nguyễn Thị Lan",
        "ReceiverAddress": p[3],
        "ReceiverProvinceName": p[0],
        "ReceiverDistrictName": p[1],
        "ReceiverWardName": p[2],
        "RealWeight": weight,
        "Length": 0, "Width": 0, "Height": 0,
        "Quantity": qty,
        "Packages": packages if packages is not None else [],
        "Note": "Gọi trước khi giao",
        "ServiceTypeID": service,
        "MailerType": mailer,
        "CODAmount": cod,
        "ExternalCode": f"SHOP-{n}" if isinstance(n, int) else "SHOP-HOSTILE",
        "SpecialInstructionId": 1,
        "InformFee": inform if inform is not None else (500000 if mailer == "HH" else None),
        "ExtraServices": extras if extras is not None else [{"ServiceID": "BP", "Type": 2}],
    }
    rec.update(over)
    rec = {k: v for k, v in rec.items() if v is not DROP}
    return dumps(rec) if flat else dumps({"OrderInfo": rec})



def pkg(i, code, l=30, w=20, h=10, kg=1.2, **over):
    p = {"PackageID": f"{code}/{i}", "Length": l, "Width": w, "Height": h, "RealWeight": kg}
    p.update(over)
    return {k: v for k, v in p.items() if v is not DROP}


recs_a = [
    record(101, "HCM", cod=500000),
    record(102, "HN", cod="500000", flat=True),
    record(103, "DN", service="ED", cod=raw("500000.00"), qty=3, weight=DROP,
           packages=[pkg(1, "CNN26030103"), pkg(2, "CNN26030103", w=None, h=None),
                     pkg(3, "CNN26030103", w=DROP)]),
    record(104, "CT", cod=raw("5e5"), flat=True),
    record(105, "HCM", cod=1250000, qty=3, weight=4.6,
           packages=[pkg(1, "CNN26030105", kg=2.3), pkg(2, "CNN26030105", kg=2.3)]),
    record(106, "HP", service="ED", cod=780000, mailer="TL", weight=0.8,
           extras=[{"ServiceID": "DVBH", "Type": 2}, {"ServiceID": "BP", "Type": 2}]),
    record(107, "BD", cod=0, flat=True, packages=[pkg(1, "CNN26030107")]),
    record(108, "HN", cod=650000, flat=True, CusWareHouseID=DROP, CusWarehouseID="30984", ClientHubID=DROP),
    record(109, "HCM", service="ED", cod=420000, flat=True),
    record(110, "DNai", cod=990000),
    record(111, "KH", cod=300000, flat=True, ReceiverAddress=""),
    record(112, "HN", service="ED", cod=1500000, InformFee=DROP),
    record(113, "HCM", cod=0, flat=True, Note="Pin sạc dự phòng"),
    record(FORMULA, "HCM", cod=200000, flat=True, ReceiverName=XSS),
    record(115, "HCM", cod=300000, flat=True, phone=None),
    record(116, "DN", service="ED", cod=0, flat=True, ReceiverDistrictName=None,
           ReceiverWardName="Phường Hải Châu"),
    record(117, "HN", cod=275000, flat=True, hub=False, ClientHubID=DROP, CusWareHouseID=DROP),
    record(118, "CT", cod=0, ServiceTypeID=DROP),
    record(119, "HCM", cod=450000, flat=True),
    record(120, "HP", service="ED", cod=560000, phone=DROP, ReceiverPhone=DROP),
    record(121, "BD", cod=0, flat=True, ReceiverProvinceName=DROP),
    record(122, "HCM", service=AMP, cod=150000, flat=True),
    record(123, "TTH", cod=0, mailer=None, flat=True, MailerType=DROP, InformFee=None),
    record(124, "HN", cod=980000, mailer="TL", weight=3.2),
    record(129, "HCM", cod=0, flat=True, ReceiverProvinceName=CDATA,
           ReceiverAddress="Tầng 3 ]]> <b>Tòa nhà A</b> &amp; B"),
    record(130, "HCM", cod=880000),
    record(131, "DN", cod=0, mailer="XX", hub=False, flat=True, ClientHubID=DROP, CusWareHouseID=DROP),
    record(132, "HN", cod=-150000, flat=True),
    record(134, "HCM", cod=0, flat=True),
    record(135, "DN", service="ED", cod=230000),
    record(136, "HN", cod=0, mailer="TL", weight=0.3, flat=True),
]
missing_code = json.loads(record(133, "HCM", cod=120000))
missing_code["OrderInfo"].pop("OrderCode")
recs_a.insert(20, dumps(missing_code))
write_lines("247express/orders-2026-03-a.ndjson", recs_a)
malformed.append(("247express/orders-2026-03-a.ndjson", recs_a.index(dumps(missing_code)) + 1,
                  "missing_order_code"))

recs_b = [
    record(115, "HCM", cod=350000, Note="Khách cập nhật số điện thoại, COD mới"),
    record(109, "HCM", service="ED", cod=420000, flat=True),
]
write_lines("247express/orders-2026-03-b-resend.jsonl", recs_b)

# ---- seeds, verbatim -----------------------------------------------------------------------------
def seed(name, committed):
    """The seed document's text; without shared/seeds (a clone of this repository alone), the
    verbatim copy already committed under samples/ is reused."""
    path = os.path.join(SEEDS, name)
    if os.path.exists(path):
        return open(path, encoding="utf-8").read(), None
    with open(os.path.join(REPO_SAMPLES, committed), "rb") as f:
        return None, f.read()


seed0, copy = seed("000_095e2e9bada631f8.txt", "247express/seed-000-webhook-example.json")
if copy is None:
    a = seed0.index("### Example")
    b = seed0.index("```json", a) + len("```json\n")
    c = seed0.index("```", b)
    copy = seed0[b:c].encode("utf-8")
write("247express/seed-000-webhook-example.json", copy)
malformed.append(("247express/seed-000-webhook-example.json", 1, "invalid_json"))
seed1, copy = seed("001_f2d7b79e09cef0de.txt", "247express/seed-001-orderinfo-example.json")
if copy is None:
    a = seed1.index("Mẫu ví dụ")
    b = seed1.index("{", a)
    c = seed1.index("Thông tin mã lỗi")
    copy = (seed1[b:c].rstrip() + "\n").encode("utf-8")
write("247express/seed-001-orderinfo-example.json", copy)

# ==================================================================================================
# HoundExpress
# ==================================================================================================

HNAME = {9001: ("DOCUM", "GUÍA DOCUMENTADA", "DOCUMENTED"), 9002: ("RECOL", "RECOLECTADO", "PICKED UP"),
         9003: ("TRANS", "EN TRÁNSITO", "IN TRANSIT"), 9004: ("ENRUTA", "EN RUTA DE ENTREGA", "OUT FOR DELIVERY"),
         9005: ("DEVPRO", "DEVOLUCIÓN EN PROCESO", "RETURN IN PROCESS"),
         9006: ("DEVUEL", "DEVUELTO AL REMITENTE", "RETURNED TO SENDER"),
         9007: ("EXTRAV", "EXTRAVIADO", "LOST"), 9008: ("DECOM", "DECOMISADO", "CONFISCATED"),
         9009: ("CANCEL", "CANCELADO", "CANCELLED"), 9010: ("DIRINC", "DOMICILIO INCORRECTO", "WRONG ADDRESS"),
         2: ("DLV", "ENTREGADO POD EN SISTEMA", "DELIVERED POD IN SYSTEM"),
         8: ("RECHA", "RECHAZADO POR EL DESTINATARIO", "REFUSED BY ADDRESSEE"),
         38: ("SALRET", "SALIDA RETRASADA", "DELAYED DEPARTURE"),
         46: ("NBROA", "NADIE PARA RECIBIR", "NO ONE TO RECEIVE"),
         77: ("RETEN", "RETENIDO EN CENTRO DE DISTRIBUCIÓN", "HELD AT DISTRIBUTION CENTER")}
OBS = {9001: "Guía documentada por el remitente", 9002: "Recolectado en bodega del cliente",
       9003: "En tránsito hacia el centro de distribución", 9004: "Salió a ruta de entrega",
       2: "Entregado al destinatario", 46: "No se encontró a nadie en el domicilio; se dejó aviso",
       8: "Rechazado por el destinatario: pedido incompleto", 38: "Salida retrasada por falla mecánica",
       9005: "Devolución en proceso al remitente", 9006: "Devuelto al remitente",
       9007: "Extraviado en el centro de distribución de Querétaro",
       9008: "Decomisado por la autoridad aduanal: mercancía prohibida",
       9009: "Cancelado a solicitud del remitente", 9010: "Domicilio incorrecto, calle no existe",
       77: "Retenido en el CEDIS por revisión"}
RECIPIENTS_MX = ["María Fernanda López Ruiz", "José Ángel Martínez Núñez", "Sofía Peña Ibáñez",
                 "Juan Pablo Hernández Güemes", "Ana Lucía Domínguez", "Luis Ñañez Córdova"]
POD_BYTES = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]


def hmx(day, hh, mm, ss=None):
    ss = R.randint(0, 59) if ss is None else ss
    return datetime(2026, 3, day, hh, mm, ss, tzinfo=MX)


def epoch_ms(dt):
    return int(dt.timestamp()) * 1000 + R.randint(0, 999)


class Hound:
    def __init__(self, n, steps):
        self.code = f"90010081000026{n:02d}"
        self.n = n
        self.steps = []
        for st in steps:
            status, day, hh, mm = st[:4]
            opt = st[4] if len(st) > 4 else {}
            self.steps.append((status, hmx(day, hh, mm, opt.get("ss")), opt))

    def cos(self, idx, datefmt="ms_str", **extra):
        """changeOrderStatus body for step idx."""
        status, dt, opt = self.steps[idx]
        cs = {}
        if status in (2, 46) or opt.get("gps"):
            cs["longitud"] = f"-99.{R.randint(100000, 999999)}"
            cs["latitud"] = f"19.{R.randint(100000, 999999)}"
        if datefmt == "ms_str":
            cs["date"] = str(epoch_ms(dt))
        elif datefmt == "ms_num":
            cs["date"] = epoch_ms(dt)
        elif datefmt == "dmy":
            cs["date"] = dt.strftime("%d/%m/%Y %H:%M:%S")
        elif datefmt == "dash":
            cs["date"] = dt.strftime("%d-%m-%Y")
            cs["time"] = dt.strftime("%H:%M:%S")
        elif datefmt == "dash_only":
            cs["date"] = dt.strftime("%d-%m-%Y")
        elif datefmt is not None:
            cs["date"] = datefmt  # literal (unparseable sample)
        cs["status"] = status
        if opt.get("with_code"):
            cs["code"] = HNAME[status][0]
        cs["observations"] = opt.get("obs", OBS[status])
        g = {"guide": {"currentStatus": cs, "guideNumber": self.code}}
        if status == 2:
            g["guide"]["realReceiverPerson"] = {"givenName": RECIPIENTS_MX[self.n % len(RECIPIENTS_MX)],
                                                "identification": f"INE{R.randint(10**9, 10**10 - 1)}",
                                                "idType": 1}
            pod = opt.get("pod", "array")
            if pod == "array":
                g["guide"]["POD"] = POD_BYTES
            elif pod == "string":
                g["guide"]["POD"] = "[" + ",".join(map(str, POD_BYTES)) + "]"
            g["guide"]["POD_fileName"] = f"firma_{self.code}.png"
        if status in (46, 8, 9010):
            g["guide"]["format"] = "[255,216,255,224,0,16,74,70]"
            g["guide"]["format_fileName"] = f"fachada_{self.code}.jpg"
        g["guide"].update(extra)
        return g

    def webhook(self, idx, fields=("dateTimeISO", "dateTime", "date"), **extra):
        status, dt, opt = self.steps[idx]
        w = {}
        for f in fields:
            if f == "dateTimeISO":
                w[f] = dt.isoformat()
            elif f == "dateTime":
                w[f] = dt.strftime("%Y-%m-%d %H:%M:%S")
            elif f == "date":
                w[f] = dt.strftime("%d/%m/%Y %H:%M")
        w["location"] = opt.get("loc", "Ciudad de México")
        w["observations"] = opt.get("obs", OBS[status])
        name = HNAME[status]
        w["statusObj"] = {"id": status, "code": name[0], "description": name[1],
                          "description_en": name[2], "long_description": OBS[status],
                          "long_description_en": None}
        w["value"] = self.code
        if status == 2:
            pod = opt.get("pod", "b64")
            if pod == "b64":
                w["POD"] = None
                w["POD_B64"] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAghn7twAAAABJRU5ErkJggg=="
            elif pod == "string":
                w["POD"] = "[" + ",".join(map(str, POD_BYTES)) + "]"
            w["POD_fileName"] = f"evidencia_{self.code}.png"
        w.update(extra)
        return w


def life(*days_times, final=2):
    """Standard Hound lifecycle steps 9001..9004 then `final`."""
    codes = [9001, 9002, 9003, 9004, final]
    return [(c, *dt) for c, dt in zip(codes, days_times)]


H = {}


def addH(n, steps):
    H[n] = Hound(n, steps)
    return H[n]


addH(1, life((2, 9, 0), (2, 17, 30), (3, 4, 10), (4, 8, 20), (4, 13, 5)))
addH(2, life((3, 10, 0), (3, 18, 0), (4, 3, 0), (5, 9, 0), (5, 12, 40)))
addH(3, life((4, 11, 0), (4, 19, 0), (5, 5, 30), (6, 8, 45), (6, 14, 20)))
addH(4, [(9001, 5, 0, 0, {"ss": 0}), (9002, 5, 16, 0), (9003, 6, 2, 0), (9004, 7, 9, 10), (2, 7, 11, 50)])
addH(5, life((6, 9, 0), (6, 15, 0), (7, 3, 0), (8, 8, 0), (8, 10, 30)))
addH(6, life((7, 9, 30), (7, 16, 0), (8, 2, 0), (9, 8, 15), (9, 11, 0)))
addH(7, life((8, 10, 0), (8, 17, 0), (9, 4, 0), (10, 8, 0, {"ss": 0}), (10, 12, 25, {"ss": 0})))
for k in (7,):  # date (dd/MM/yyyy HH:mm) has no seconds: keep every step on a whole minute
    H[k].steps = [(s, dt.replace(second=0), op) for s, dt, op in H[k].steps]
addH(8, life((9, 9, 0), (9, 15, 0), (10, 2, 0), (11, 8, 0), (11, 9, 45)))
addH(9, [(9001, 10, 9, 0), (9002, 10, 16, 0), (9003, 11, 3, 0), (9004, 12, 8, 0), (46, 12, 13, 30),
         (9004, 13, 8, 30), (2, 13, 12, 0)])
addH(10, [(9001, 11, 9, 0), (9002, 11, 17, 0), (9003, 12, 2, 0), (9004, 13, 8, 0), (46, 13, 12, 0),
          (9004, 14, 8, 0), (46, 14, 12, 30, {"obs": "Segundo intento: domicilio cerrado"}),
          (9004, 16, 8, 0), (2, 16, 11, 0, {"with_code": True})])
addH(11, [(9001, 12, 9, 0), (9002, 12, 15, 0), (9003, 13, 3, 0), (9004, 14, 9, 0), (8, 14, 10, 15),
          (9005, 15, 9, 0), (9006, 18, 16, 0)])
addH(12, [(9001, 13, 9, 0), (9002, 13, 18, 0), (38, 14, 6, 0), (9003, 14, 20, 0), (9004, 16, 8, 0),
          (2, 16, 13, 0)])
addH(13, [(9001, 14, 10, 0), (9009, 14, 15, 0)])
addH(14, [(9001, 6, 9, 0), (9002, 6, 16, 0), (9003, 7, 3, 0), (9007, 19, 12, 0)])
addH(15, [(9001, 10, 9, 0), (9002, 10, 17, 0), (9003, 11, 2, 0)])
addH(16, [(9001, 20, 9, 0), (9002, 20, 16, 0), (9003, 21, 3, 0), (9004, 22, 8, 0), (46, 22, 12, 0)])
addH(17, [(9001, 29, 10, 0), (9002, 29, 18, 0), (9003, 30, 4, 0), (9004, 31, 8, 0)])
addH(18, [(9001, 24, 9, 0), (9002, 24, 15, 0), (9003, 25, 2, 0), (77, 26, 10, 0)])
addH(19, life((15, 9, 0), (15, 17, 0), (16, 3, 0), (17, 8, 0), (17, 10, 45)))
addH(20, [(9001, 12, 9, 0), (9002, 12, 16, 0), (9003, 13, 10, 0)])
addH(21, [(9001, 27, 9, 0), (9002, 27, 17, 0), (9003, 28, 3, 0)])
addH(22, life((18, 10, 0), (18, 16, 0), (19, 3, 0), (20, 8, 0), (20, 10, 0)))
addH(23, [(9001, 19, 9, 0), (9002, 19, 17, 0), (9003, 20, 3, 0), (9004, 21, 11, 30, {"ss": 0}),
          (2, 21, 11, 30, {"ss": 0})])
addH(24, [(9001, 22, 9, 0), (9002, 22, 16, 0), (9003, 23, 3, 0), (9004, 24, 8, 0), (46, 24, 12, 0),
          (9004, 25, 8, 0), (2, 25, 10, 0)])
addH(25, life((23, 9, 0), (23, 17, 0), (24, 3, 0), (25, 8, 0), (25, 11, 0)))
addH(26, life((24, 10, 0), (24, 16, 0), (25, 3, 0), (26, 8, 0), (26, 10, 0, {"ss": 0})))
addH(27, life((25, 9, 0), (25, 17, 0), (26, 2, 0), (27, 8, 0), (27, 12, 0)))
addH(28, life((21, 9, 0), (21, 15, 0), (22, 3, 0), (24, 8, 0), (24, 10, 0)))
addH(29, [(9001, 22, 9, 0), (9002, 22, 16, 0), (9003, 23, 3, 0), (9004, 24, 8, 0), (9010, 24, 11, 0),
          (9004, 26, 8, 0), (2, 26, 10, 0)])
addH(30, [(9001, 16, 9, 0), (9002, 16, 15, 0), (9003, 17, 3, 0), (9008, 19, 12, 0)])
addH(31, life((26, 9, 0), (26, 16, 0), (27, 3, 0), (28, 8, 0), (28, 11, 0)))


def j(o_):
    return dumps(o_)


# ---- changeOrderStatus windows -------------------------------------------------------------------
COS = {1: "ms_str", 2: "ms_num", 3: "dmy", 4: "dash", 9: "ms_str", 10: "ms_str", 11: "dmy",
       13: "ms_str", 14: "ms_str", 15: "ms_str", 17: "ms_str", 19: "ms_str", 20: "ms_str",
       21: "ms_str", 23: "ms_num", 24: "ms_str", 30: "dash"}
cos_items = []  # (dt, day, line)
for n, fmt in COS.items():
    h = H[n]
    for i, (status, dt, opt) in enumerate(h.steps):
        f = fmt
        if n == 4 and i == 0:
            f = "dash_only"  # date alone = local midnight
        if n == 20 and i == 2:
            f = "30/02/2026 10:00:00"  # impossible date -> as-of
        body = h.cos(i, f)
        if n == 21 and i == 2:
            body["guide"]["currentStatus"].pop("date")  # missing date, no envelope -> as-of
        cos_items.append((dt, dt.day, n, i, j(body)))
cos_items.sort(key=lambda x: (x[0], x[2], x[3]))
cw1 = [x for x in cos_items if x[1] <= 20 and not (x[2] == 21)]
cw2 = [x for x in cos_items if x[1] >= 15 and not (x[2] == 20 and x[3] == 2)]
# H23: DELIVERED written before OUT_FOR_DELIVERY (same epoch)
k4 = next(k for k, x in enumerate(cw2) if x[2] == 23 and x[3] == 3)
k5 = next(k for k, x in enumerate(cw2) if x[2] == 23 and x[3] == 4)
same = json.loads(cw2[k4][4])
d2 = json.loads(cw2[k5][4])
d2["guide"]["currentStatus"]["date"] = same["guide"]["currentStatus"]["date"]
cw2[k4], cw2[k5] = (cw2[k5][:4] + (j(d2),)), cw2[k4]
# H24: lines of the order shuffled among their positions
pos = [k for k, x in enumerate(cw2) if x[2] == 24]
sh = [cw2[k] for k in pos]
R.shuffle(sh)
for k, x in zip(pos, sh):
    cw2[k] = x
write_lines("houndexpress/changeorderstatus-2026-03-01_20.ndjson", [x[4] for x in cw1])
write_lines("houndexpress/changeorderstatus-2026-03-15_31.jsonl", [x[4] for x in cw2])

# ---- BOM, blank and whitespace-only lines (H31) --------------------------------------------------
h31 = [j(H[31].cos(i, "dash")) for i in range(5)]
bomfile = ["", h31[0], "   ", h31[1], h31[2], "\t", "", h31[3], " \t ", h31[4], ""]
write_lines("houndexpress/changeorderstatus-bom-blanklines.ndjson", bomfile, bom=True)

# ---- dirty Hound file ----------------------------------------------------------------------------
h27 = H[27]
g27 = [h27.cos(i, "ms_num") for i in range(5)]
g27[0]["guide"]["guideNumber"] = 9001008100002627          # guide number as a JSON number
g27[4]["guide"]["currentStatus"]["status"] = "2"             # status as a string
g27[2]["guide"]["currentStatus"]["status"] = " 9003 "        # padded string
nogn = H[15].cos(2, "ms_str")
nogn["guide"].pop("guideNumber")
nost = H[15].cos(2, "ms_str")
nost["guide"]["currentStatus"].pop("status")
wh_noid = H[16].webhook(3)
wh_noid["statusObj"].pop("id")
nan_line = re.sub(r'"latitud": "[^"]*"', '"latitud": NaN', j(H[9].cos(4, "ms_str")))  # GPS fix lost
arr_line = "[" + j(H[15].cos(2, "ms_str")) + "]"
hdirty = [j(g27[0]), arr_line, j(g27[1]), j(nogn), j(g27[2]), j(nost), j(g27[3]), j(wh_noid),
          nan_line, j(g27[4])]
write_lines("houndexpress/changeorderstatus-dirty-2026-03.ndjson", hdirty)
for i, reason in ((2, "unknown_shape"), (4, "missing_order_code"), (6, "missing_status"),
                  (8, "missing_status"), (9, "invalid_json")):
    malformed.append(("houndexpress/changeorderstatus-dirty-2026-03.ndjson", i, reason))

# ---- webhook notifications -----------------------------------------------------------------------
wh = []
for n, fields in ((5, ("dateTimeISO", "dateTime", "date")), (6, ("dateTime", "date")), (7, ("date",)),
                  (12, ("dateTimeISO", "dateTime", "date")), (16, ("dateTimeISO", "dateTime", "date")),
                  (18, ("dateTimeISO", "dateTime", "date")), (25, ("dateTimeISO", "dateTime", "date")),
                  (26, ("dateTimeISO", "dateTime", "date"))):
    h = H[n]
    for i, (status, dt, opt) in enumerate(h.steps):
        if n == 25 and status == 2:
            body = h.webhook(i, fields)
            body["POD"] = "[" + ",".join(map(str, POD_BYTES)) + "]"
            body.pop("POD_B64")
        else:
            body = h.webhook(i, fields)
        if n == 26 and status == 2:
            body["dateTimeISO"] = "2026-03-26T25:61:00-06:00"  # impossible: dateTime is used
        wh.append((dt, j(body)))
wh.sort(key=lambda x: x[0])
write_lines("houndexpress/webhook-2026-03.ndjson", [x[1] for x in wh])

# ---- gzip archive: H08 + one re-sent H05 notification ---------------------------------------------
gz_lines = [j(H[8].webhook(i)) for i in range(5)]
h5_delivered = next(x[1] for x in wh if '"9001008100002605"' in x[1] and '"DLV"' in x[1])
gz_lines.insert(2, h5_delivered)
plain = ("\n".join(gz_lines) + "\n").encode("utf-8")
gz_path = os.path.join(OUT, "houndexpress/webhook-archive-2026-03-01_12.ndjson.gz")
with open(gz_path, "wb") as f:
    f.write(subprocess.run(["gzip", "-n", "-9", "-c"], input=plain, capture_output=True, check=True).stdout)

# ---- receiver log: envelopes around webhook notifications (H22) ----------------------------------
hlog = []
for i, (status, dt, opt) in enumerate(H[22].steps):
    body = H[22].webhook(i)
    rec = dt + timedelta(seconds=R.randint(2, 9))
    if i == 1:  # the notification came without any date: receivedAt is used
        for k in ("dateTimeISO", "dateTime", "date"):
            body.pop(k)
    hlog.append(j({"receivedAt": rec.astimezone(timezone.utc).isoformat(timespec="milliseconds")
                   .replace("+00:00", "Z"), "payload": body}))
write_lines("houndexpress/receiver-log-2026-03.ndjson", hlog)

# ---- .json array batch with one bad element ------------------------------------------------------
batch = [H[28].webhook(i) for i in range(5)] + [H[29].webhook(i) for i in range(7)]
elems = [json.dumps(x, ensure_ascii=False, indent=2) for x in batch]
bad = json.dumps(H[29].webhook(4, ("dateTimeISO",)), ensure_ascii=False, indent=2)
bad = bad.replace('"location": "Ciudad de México",', '"location": "Ciudad de México"', 1)
elems.insert(9, bad)
write("houndexpress/webhook-batch-2026-03-24.json",
      ("[\n" + ",\n".join(elems) + "\n]\n").encode("utf-8"))
malformed.append(("houndexpress/webhook-batch-2026-03-24.json", 10, "invalid_json (element 10)"))

# ---- seed 003 examples, verbatim, as one .json array ---------------------------------------------
seed3, copy = seed("003_21c48138b975cb83.txt", "houndexpress/seed-003-changeorderstatus-examples.json")
objs = []
at = 0
while seed3 is not None:
    k = seed3.find('{\n"guide"', at)
    if k < 0:
        break
    depth = 0
    for m in range(k, len(seed3)):
        if seed3[m] == "{":
            depth += 1
        elif seed3[m] == "}":
            depth -= 1
            if depth == 0:
                break
    objs.append(seed3[k:m + 1])
    at = m + 1
if copy is None:
    assert len(objs) == 4, len(objs)
    copy = ("[\n" + ",\n".join(objs) + "\n]\n").encode("utf-8")
write("houndexpress/seed-003-changeorderstatus-examples.json", copy)

# ==================================================================================================
# Remittance CSVs
# ==================================================================================================
rem1 = [
    "OrderCode,Amount,RemittedAt,Fee,Reference",
    'CNN26030101,500000,2026-03-06 10:00:00,15000,"CK-0306-001, đợt 1"',
    'CNN26030102,500000.00,2026-03-08 10:00:00,15000,"CK-0308-002, đợt 1"',
    "CNN26030103,500000,2026-03-10 10:00:00,,CK-0310-003",
    'CNN26030104,"500000",2026-03-13 10:00:00,15000,CK-0313-004',
    'CNN26030105,1200000,2026-03-16 10:00:00,36000,"Thiếu 50.000 đ, bù vào đợt sau"',
    "CNN26030106,800000,2026-03-17 10:00:00,24000,CK-0317-006",
    'CNN26030107,35000,2026-03-17 10:00:00,0,"Hoàn phí ship, đơn không thu hộ"',
    "CNN26030109,420000,2026-03-20 10:00:00,12600,CK-0320-009",
    'CNN26030112,1.500.000,2026-03-21 10:00:00,45000,"Đơn thất lạc, bồi thường"',
    'CNN26030115,350000,2026-03-31 10:00:00,10500,"=HYPERLINK(""http://x"")"',
    'CNN26030122,150000,2026-03-24 10:00:00,4500,"Ghi chú:\r\nchuyển khoản bổ sung ngày 24/03"',
    "CNN26030110,-990000,2026-03-24 10:00:00,0,Hoàn tiền cho khách",
    ",250000,2026-03-24 10:00:00,7500,CK-0324-THIEU-MA",
    'CNN26039999,100000,2026-03-25 10:00:00,3000,"Mã đơn không có trong hệ thống, kiểm tra lại"',
    "CNN26030135,230000,2026-03-28 10:00:00,,CK-0328-135",
]
write("remittance/247express-remittance.csv", b"\xef\xbb\xbf" + ("\r\n".join(rem1) + "\r\n").encode("utf-8"))
rem2 = [
    "OrderCode,Amount,RemittedAt,Fee,Reference",
    "CNN26030109,420000,2026-03-27 10:00:00,12600,CK-0327-009 (chuyển lại)",
    "CNN26030124,980000,2026-03-27 10:00:00,29400,CK-0327-124",
]
write("remittance/247express-remittance-2026-03-27.csv", ("\n".join(rem2) + "\n").encode("utf-8"))
malformed += [("remittance/247express-remittance.csv", 10, "invalid_amount (1.500.000)"),
              ("remittance/247express-remittance.csv", 14, "invalid_amount (negative)"),
              ("remittance/247express-remittance.csv", 15, "missing_order_code")]

# ==================================================================================================
# status map, api keys
# ==================================================================================================
smap = """kind,carrier,code,canonical,name,label,category,party
reason,247express,S01,,,Khách hẹn giao lại,RESCHEDULED,recipient
reason,247express,S02,,,Không liên lạc được người nhận,RECIPIENT_UNAVAILABLE,recipient
reason,247express,S03,,,Sai địa chỉ người nhận,ADDRESS_PROBLEM,shipper
reason,247express,S04,,,Người nhận từ chối nhận hàng,REFUSED,recipient
reason,247express,S05,,,Hàng hư hỏng trong vận chuyển,DAMAGED,carrier
reason,247express,S06,,,Chậm tuyến do thời tiết,OPERATIONAL_DELAY,carrier
status,houndexpress,38,IN_TRANSIT,SALRET,Salida retrasada,OPERATIONAL_DELAY,carrier
status,houndexpress,9001,CREATED,DOCUM,,,
status,houndexpress,9002,PICKED_UP,RECOL,,,
status,houndexpress,9003,IN_TRANSIT,TRANS,,,
status,houndexpress,9004,OUT_FOR_DELIVERY,ENRUTA,,,
status,houndexpress,9005,RETURNING,DEVPRO,,,
status,houndexpress,9006,RETURNED,DEVUEL,,,
status,houndexpress,9007,LOST,EXTRAV,,,
status,houndexpress,9008,CONFISCATED,DECOM,,,
status,houndexpress,9009,CANCELLED,CANCEL,,,
status,houndexpress,9010,ATTEMPT_FAILED,DIRINC,Domicilio incorrecto,ADDRESS_PROBLEM,shipper
"""
write("status-map.csv", smap.encode("utf-8"))
write("api-keys.txt", (SHOP_KEY + "\n").encode("utf-8"))

for f, ln, reason in sorted(malformed):
    print(f"{f}:{ln}: {reason}")
