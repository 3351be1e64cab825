#!/usr/bin/env python3
"""shipkpi oracle: an independent reference implementation of SPEC.md §1–§7 and §11 plus DESIGN.md.

Written from the contract only (never from the Swift sources), in plain Python 3.11 with the standard
library, for readability rather than speed. The test suite runs it beside `shipkpi` and compares the
CSV outputs. Every interpretation made where the contract is silent is listed in README.md (same
directory); the code refers to those points as "[I-n]".

    python3 Tests/oracle/oracle.py report INPUT... --out DIR --as-of ISO8601 [options]
    python3 Tests/oracle/oracle.py normalize INPUT... --out FILE.csv --as-of ISO8601 [options]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_DOWN, Decimal, InvalidOperation, localcontext
from fractions import Fraction
from zoneinfo import ZoneInfo

# --------------------------------------------------------------------------------------------------
# Constants of the contract
# --------------------------------------------------------------------------------------------------

CARRIERS = ("247express", "houndexpress")  # fixed output order (DESIGN "Row order")
ALL = "ALL"

# SPEC §2: canonical status -> (rank, outcome class)
CANONICAL = {
    "CREATED": (1, "open"),
    "PICKED_UP": (2, "open"),
    "IN_TRANSIT": (3, "open"),
    "OUT_FOR_DELIVERY": (4, "open"),
    "ATTEMPT_FAILED": (5, "open"),
    "RETURNING": (6, "open"),
    "DELIVERED": (7, "success"),
    "RETURNED": (7, "failure"),
    "LOST": (7, "failure"),
    "CONFISCATED": (7, "failure"),
    "CANCELLED": (7, "cancelled"),
    "UNKNOWN": (0, "open"),
}
REASON_CATEGORIES = {"RECIPIENT_UNAVAILABLE", "REFUSED", "ADDRESS_PROBLEM", "RESCHEDULED",
                     "OPERATIONAL_DELAY", "DAMAGED", "PROHIBITED", "OTHER"}
PARTIES = {"carrier", "shipper", "recipient", "authority", "unknown"}

# SPEC §2 table + §11 "Shipped HoundExpress reasons"; DESIGN "Status map" format.
DEFAULT_STATUS_MAP = """\
kind,carrier,code,canonical,name,label,category,party
status,247express,16,ATTEMPT_FAILED,CHOXULY,,,
status,247express,18,CANCELLED,HUY,,,
status,247express,19,LOST,THATLAC,,,
status,247express,21,CREATED,DATIEPNHAN,,,
status,247express,23,PICKED_UP,DALAYHANG,,,
status,247express,24,IN_TRANSIT,DANGVANCHUYEN,,,
status,247express,25,OUT_FOR_DELIVERY,DANGDIPHAT,,,
status,247express,27,RETURNING,CHOCHUYENHOAN,,,
status,247express,28,RETURNED,DACHUYENHOAN,,,
status,247express,30,DELIVERED,PHATTHANHCONG,,,
status,247express,32,CONFISCATED,TICHTHU,,,
status,houndexpress,2,DELIVERED,DLV,,,
status,houndexpress,8,ATTEMPT_FAILED,,refused by addressee,REFUSED,recipient
status,houndexpress,38,IN_TRANSIT,,delayed departure,OPERATIONAL_DELAY,carrier
status,houndexpress,46,ATTEMPT_FAILED,NBROA,no one to receive,RECIPIENT_UNAVAILABLE,recipient
"""

DEFAULT_ZONES = {"247express": "Asia/Ho_Chi_Minh", "houndexpress": "America/Mexico_City"}
CURRENCY = {"247express": "VND", "houndexpress": "MXN"}
HOUND_WEBHOOK_TZ = timezone(timedelta(hours=-6))  # SPEC §3: fixed UTC−06:00 as documented
MAX_DEPTH = 64
DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024
MS_PER_DAY = 86_400_000
MS_PER_HOUR = 3_600_000
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
INPUT_SUFFIXES = (".json", ".ndjson", ".jsonl")


class UsageError(Exception):
    """Bad command line or configuration: exit 64."""


class Reject(Exception):
    """A record that cannot be used: written to rejects.ndjson (SPEC §8)."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


# --------------------------------------------------------------------------------------------------
# Strict JSON (RFC 8259): no NaN/Infinity, no raw control characters in strings, lone surrogates
# rejected, depth limit, duplicate keys remembered per object, numbers kept as their token text.
# --------------------------------------------------------------------------------------------------

class JSONFail(Exception):
    def __init__(self, reason: str, detail: str, at_eof: bool = False):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.at_eof = at_eof


class Num:
    """A JSON number, kept as its token text (DESIGN: "a JSON number's text is its token")."""
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"Num({self.text})"


class Obj(dict):
    """A JSON object: the last value of each key, plus the set of keys that occurred twice or more."""

    def __init__(self):
        super().__init__()
        self.dups: set[str] = set()


_WS = " \t\n\r"
_NUM_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_STR_RUN = re.compile(r'[^"\\\x00-\x1f]*')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class JSONParser:
    def __init__(self, text: str):
        self.s = text
        self.i = 0
        self.n = len(text)

    def fail(self, what: str):
        raise JSONFail("invalid_json", f"{what} at character {self.i + 1}", at_eof=self.i >= self.n)

    def ws(self):
        s, n = self.s, self.n
        while self.i < n and s[self.i] in _WS:
            self.i += 1

    def document(self):
        self.ws()
        v = self.value(0)
        self.ws()
        if self.i != self.n:
            self.fail("unexpected text after the JSON value")
        return v

    def value(self, depth: int):
        if self.i >= self.n:
            self.fail("unexpected end of input")
        c = self.s[self.i]
        if c == "{":
            return self.obj(depth + 1)
        if c == "[":
            return self.arr(depth + 1)
        if c == '"':
            return self.string()
        for lit, val in (("true", True), ("false", False), ("null", None)):
            if self.s.startswith(lit, self.i):
                self.i += len(lit)
                return val
            if self.n - self.i < len(lit) and lit.startswith(self.s[self.i:]):
                self.i = self.n  # cut inside a literal
                self.fail("unexpected end of input")
        m = _NUM_RE.match(self.s, self.i)
        if m:
            self.i = m.end()
            if self.i >= self.n and m.group() == "-":
                self.fail("unexpected end of input")
            return Num(m.group())
        if c == "-" and self.i + 1 >= self.n:
            self.i = self.n
            self.fail("unexpected end of input")
        self.fail(f"unexpected character {c!r}")

    def open_container(self, depth: int, close: str) -> bool:
        """Consumes an opening bracket at nesting `depth`; True when the container is empty (its
        closing bracket consumed too)."""
        if depth > MAX_DEPTH:
            raise JSONFail("too_deep", f"nesting deeper than {MAX_DEPTH} levels")
        self.i += 1
        self.ws()
        if self.i < self.n and self.s[self.i] == close:
            self.i += 1
            return True
        return False

    def more_items(self, close: str) -> bool:
        """After an item: consumes ',' (True: another item follows) or `close` (False: the
        container ends)."""
        self.ws()
        if self.i >= self.n:
            self.fail("unexpected end of input")
        c = self.s[self.i]
        if c == "," or c == close:
            self.i += 1
            return c == ","
        self.fail(f"expected ',' or '{close}'")

    def obj(self, depth: int):
        o = Obj()
        if self.open_container(depth, "}"):
            return o
        while True:
            self.ws()
            if self.i >= self.n:
                self.fail("unexpected end of input")
            if self.s[self.i] != '"':
                self.fail("expected a string key")
            k = self.string()
            self.ws()
            if self.i >= self.n:
                self.fail("unexpected end of input")
            if self.s[self.i] != ":":
                self.fail("expected ':'")
            self.i += 1
            self.ws()
            v = self.value(depth)
            if k in o:
                o.dups.add(k)
            o[k] = v
            if not self.more_items("}"):
                return o

    def arr(self, depth: int):
        a = []
        if self.open_container(depth, "]"):
            return a
        while True:
            self.ws()
            a.append(self.value(depth))
            if not self.more_items("]"):
                return a

    def string(self) -> str:
        s, n = self.s, self.n
        self.i += 1
        parts = []
        while True:
            m = _STR_RUN.match(s, self.i)
            parts.append(m.group())
            self.i = m.end()
            if self.i >= n:
                self.fail("unterminated string")
            c = s[self.i]
            if c == '"':
                self.i += 1
                return "".join(parts)
            if c == "\\":
                if self.i + 1 >= n:
                    self.i = n
                    self.fail("unexpected end of input")
                e = s[self.i + 1]
                if e in _ESCAPES:
                    parts.append(_ESCAPES[e])
                    self.i += 2
                    continue
                if e != "u":
                    self.fail("invalid escape")
                cp = self.hex4(self.i + 2)
                self.i += 6
                if 0xD800 <= cp <= 0xDBFF:
                    if s.startswith("\\u", self.i):
                        lo = self.hex4(self.i + 2)
                        if 0xDC00 <= lo <= 0xDFFF:
                            self.i += 6
                            parts.append(chr(0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)))
                            continue
                    self.fail("unpaired surrogate escape")  # [I-5]
                if 0xDC00 <= cp <= 0xDFFF:
                    self.fail("unpaired surrogate escape")
                parts.append(chr(cp))
                continue
            self.fail(f"raw control character U+{ord(c):04X} inside a string")

    def hex4(self, at: int) -> int:
        h = self.s[at:at + 4]
        if len(h) < 4:
            self.i = self.n
            self.fail("unexpected end of input")
        if not re.fullmatch(r"[0-9A-Fa-f]{4}", h):
            self.fail("invalid \\u escape")
        return int(h, 16)


def parse_json_bytes(raw: bytes):
    """Bytes of one record -> value. Raises JSONFail (invalid_utf8 / invalid_json / too_deep)."""
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise JSONFail("invalid_utf8", f"invalid UTF-8 at byte {e.start + 1}")
    return JSONParser(text).document()


# --------------------------------------------------------------------------------------------------
# Loose field access (SPEC §1: numbers as strings, null = missing = blank, strings trimmed)
# --------------------------------------------------------------------------------------------------

def check_dups(o: Obj, keys: frozenset, where: str):
    bad = sorted(o.dups & keys)
    if bad:
        raise Reject("duplicate_key", f'key "{bad[0]}" occurs more than once{where}')


def text(v) -> str | None:
    """A code/text value: a trimmed non-empty string or a number's token; anything else is missing."""
    if isinstance(v, str):
        t = v.strip()
        return t or None
    if isinstance(v, Num):
        return v.text
    return None


_DEC_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def decimal_of(v) -> Decimal | None | str:
    """Exact decimal of a JSON number or numeric string. None = missing; "invalid" = present, not a number."""
    t = text(v)  # a wrong JSON type counts as missing (DESIGN)
    if t is None:
        return None
    if not _DEC_RE.fullmatch(t):
        return "invalid"
    try:
        return Decimal(t)
    except InvalidOperation:
        return "invalid"


# ISO 4217 exponents (minor-unit decimals); every other code has 2.
ISO_EXPONENT = {c: 0 for c in ("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                               "VND", "VUV", "XAF", "XOF", "XPF")}
ISO_EXPONENT.update({c: 3 for c in ("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND")})
ISO_EXPONENT.update({"CLF": 4, "UYW": 4})

_PLAIN_AMOUNT_RE = re.compile(r"[0-9]+(?:\.([0-9]+))?([eE][+-]?[0-9]+)?")
_GROUPED_AMOUNT_RE = re.compile(r"[0-9]+(?:[., '][0-9]+)+")


def remittance_amount(raw: str, currency: str) -> Decimal | str:
    """A remittance statement's Amount/Fee cell, with no separators declared (the oracle has no
    --remittance-columns): the value, or the reject reason "ambiguous_amount" / "invalid_amount".

    Read with "." as decimal point, no grouping, optional exponent. Ambiguous: no exponent and
    exactly three digits after the "." in a currency with fewer than three decimals (149.000 VND:
    149 or 149,000?), or digits separated by . , space or ' in any other way (1.500.000, 1,5).
    A number must be exact (below 10^24, at most 12 decimals), fit the currency's decimals
    (1.5 VND is invalid, 500000.00 VND is 500000) and not be negative (-0 is 0)."""
    t = raw.strip()
    sign = ""
    if t[:1] in ("+", "-") and t:
        sign, t = t[0], t[1:]
    exponent = ISO_EXPONENT.get(currency, 2)
    m = _PLAIN_AMOUNT_RE.fullmatch(t)
    if m:
        if m.group(2) is None and m.group(1) is not None and len(m.group(1)) == 3 and exponent < 3:
            outcome: Decimal | str = "ambiguous_amount"
        else:
            with localcontext() as ctx:
                ctx.prec = 100
                d = Decimal(t)
                if d.is_zero():
                    outcome = Decimal(0)
                elif d >= Decimal(10) ** 24 or d != d.quantize(Decimal(1).scaleb(-12), rounding=ROUND_DOWN):
                    outcome = "invalid_amount"  # not exact
                elif d != d.quantize(Decimal(1).scaleb(-exponent), rounding=ROUND_DOWN):
                    outcome = "invalid_amount"  # more decimals than the currency has
                else:
                    outcome = d
    elif _GROUPED_AMOUNT_RE.fullmatch(t):
        outcome = "ambiguous_amount"
    else:
        return "invalid_amount"
    if sign != "-":
        return outcome
    if isinstance(outcome, Decimal) and outcome == 0:
        return outcome
    mantissa = re.split(r"[eE]", t)[0]
    if outcome == "ambiguous_amount" and not re.search(r"[1-9]", mantissa):
        return outcome
    return "invalid_amount"  # negative


_REMIT_ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?")
_REMIT_DMY_RE = re.compile(r"(\d{2})/(\d{2})/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?")


def is_remittance_date(raw: str) -> bool:
    """RemittedAt: yyyy-MM-dd; yyyy-MM-dd T or space HH:mm[:ss[.fraction]] [Z|±HH[:]mm|±HH];
    dd/MM/yyyy [HH:mm[:ss]]. Real calendar values only; offsets up to ±14:00."""
    m = _REMIT_ISO_RE.fullmatch(raw)
    if m:
        y, mo, d, h, mi, sec, off = m.groups()
        if off and off not in ("Z", "z"):
            digits = off[1:].replace(":", "")
            hh, mm = int(digits[:2]), int(digits[2:] or 0)
            if mm > 59 or hh * 60 + mm > 14 * 60:
                return False
    else:
        m = _REMIT_DMY_RE.fullmatch(raw)
        if not m:
            return False
        d, mo, y, h, mi, sec = m.groups()
    try:
        datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0))
    except ValueError:
        return False
    return True


def int_of(v) -> int | None:
    d = decimal_of(v)
    if not isinstance(d, Decimal):
        return None
    if d != d.to_integral_value():
        return None
    return int(d)


def blob_present(v) -> bool:
    """POD / POD_B64 / format: set has_pod/has_attachment; never copied. Empty string/array = absent."""
    if v is None:
        return False
    if isinstance(v, str):
        t = v.strip()
        return t not in ("", "[]")
    if isinstance(v, list):
        return len(v) > 0
    return True


# --------------------------------------------------------------------------------------------------
# Dates (SPEC §3, §11; DESIGN "Zones")
# --------------------------------------------------------------------------------------------------

def to_ms(dt: datetime) -> int:
    return (dt - EPOCH) // timedelta(milliseconds=1)


def ms_frac(frac: str | None) -> int:
    """Fraction digits -> milliseconds, truncated (SPEC §11)."""
    if not frac:
        return 0
    return int((frac + "00")[:3])


def make_instant(y, mo, d, h, mi, s, frac, tz) -> int | None:
    try:
        dt = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), ms_frac(frac) * 1000, tzinfo=tz)
        return to_ms(dt)
    except (ValueError, OverflowError):
        return None


def offset_tz(off: str) -> timezone | None:
    if off in ("Z", "z"):
        return timezone.utc
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", off)
    if not m:
        return None
    hh, mm = int(m.group(2)), int(m.group(3))
    if hh > 23 or mm > 59:
        return None
    delta = timedelta(hours=hh, minutes=mm)
    return timezone(-delta if m.group(1) == "-" else delta)


_ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:?\d{2})?")


def parse_iso(raw: str, naive_tz, require_offset=False) -> int | None:
    m = _ISO_RE.fullmatch(raw)
    if not m:
        return None
    y, mo, d, h, mi, s, frac, off = m.groups()
    if off is None:
        if require_offset:
            return None
        tz = naive_tz
    else:
        tz = offset_tz(off)
        if tz is None:
            return None
    return make_instant(y, mo, d, h, mi, s, frac, tz)


def parse_247_time(raw: str | None, zone: ZoneInfo) -> int | None:
    """247Express Time: ISO-8601 (≤7 fraction digits, more truncated) with offset; without offset or
    as yyyy-MM-dd HH:mm:ss it is carrier-local."""
    if raw is None:
        return None
    return parse_iso(raw, zone)


def parse_hound_webhook_field(name: str, raw: str) -> int | None:
    if name == "dateTimeISO":
        return parse_iso(raw, None, require_offset=True)
    if name == "dateTime":
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})", raw)
        return make_instant(*m.groups(), None, HOUND_WEBHOOK_TZ) if m else None
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2})", raw)  # date: dd/MM/yyyy HH:mm
    if not m:
        return None
    d, mo, y, h, mi = m.groups()
    return make_instant(y, mo, d, h, mi, 0, None, HOUND_WEBHOOK_TZ)


def parse_hound_status_date(raw: str | None, time_raw: str | None, zone: ZoneInfo) -> int | None:
    """HoundExpress currentStatus.date: epoch ms (number or digit string, UTC); dd/MM/yyyy HH:mm:ss
    (24-hour, carrier-local); or dd-MM-yyyy with time HH:mm:ss (date alone = local midnight)."""
    if raw is None:
        return None
    if re.fullmatch(r"[0-9]+", raw):
        ms = int(raw)
        try:
            dt = EPOCH + timedelta(milliseconds=ms)
            if not 1 <= dt.year <= 9999:
                return None
        except OverflowError:
            return None
        return ms
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2}):(\d{2})", raw)
    if m:
        d, mo, y, h, mi, s = m.groups()
        return make_instant(y, mo, d, h, mi, s, None, zone)
    m = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", raw)
    if m:
        d, mo, y = m.groups()
        if time_raw is None:
            return make_instant(y, mo, d, 0, 0, 0, None, zone)
        t = re.fullmatch(r"(\d{2}):(\d{2}):(\d{2})", time_raw)
        if not t:
            return None
        return make_instant(y, mo, d, *t.groups(), None, zone)
    return None


def parse_received_at(raw: str | None) -> int | None:
    """Envelope receivedAt and --as-of: ISO-8601; without an offset, UTC (SPEC §11)."""
    if raw is None:
        return None
    v = parse_iso(raw, timezone.utc)
    if v is None:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)  # [I-15] a bare date = midnight UTC
        if m:
            v = make_instant(*m.groups(), 0, 0, 0, None, timezone.utc)
    return v


def fmt_utc(ms: int | None) -> str:
    if ms is None:
        return ""
    dt = EPOCH + timedelta(milliseconds=ms)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def local_dt(ms: int, zone: ZoneInfo) -> datetime:
    return (EPOCH + timedelta(milliseconds=ms)).astimezone(zone)


def fmt_local(ms: int, zone: ZoneInfo) -> str:
    dt = local_dt(ms, zone)
    off = dt.utcoffset()
    total = int(off.total_seconds())
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return (dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}"
            + f"{sign}{total // 3600:02d}:{(total % 3600) // 60:02d}")


# --------------------------------------------------------------------------------------------------
# Status map (DESIGN "Status map")
# --------------------------------------------------------------------------------------------------

@dataclass
class MapRow:
    kind: str
    carrier: str
    code: str
    canonical: str
    name: str
    label: str
    category: str
    party: str


def read_status_map(text_: str, origin: str, into: dict):
    if text_.startswith("\ufeff"):
        text_ = text_[1:]
    rows = list(csv.reader(io.StringIO(text_, newline="")))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return
    header = [h.strip() for h in rows[0]]
    need = ["kind", "carrier", "code", "canonical", "name", "label", "category", "party"]
    missing = [h for h in need if h not in header]
    if missing:
        raise UsageError(f"{origin}: status map lacks columns {missing}")
    idx = {h: header.index(h) for h in need}
    for n, r in enumerate(rows[1:], start=2):
        def col(h):
            i = idx[h]
            return r[i].strip() if i < len(r) else ""
        row = MapRow(*(col(h) for h in need))
        if row.kind not in ("status", "reason"):
            raise UsageError(f"{origin} row {n}: kind must be status or reason")
        if row.carrier not in CARRIERS:
            raise UsageError(f"{origin} row {n}: unknown carrier {row.carrier!r}")
        if not row.code:
            raise UsageError(f"{origin} row {n}: empty code")
        if row.kind == "status" and row.canonical not in CANONICAL:
            raise UsageError(f"{origin} row {n}: unknown canonical status {row.canonical!r}")
        if row.category and row.category not in REASON_CATEGORIES:
            raise UsageError(f"{origin} row {n}: unknown category {row.category!r}")
        if row.party and row.party not in PARTIES:
            raise UsageError(f"{origin} row {n}: unknown party {row.party!r}")
        into[(row.kind, row.carrier, row.code)] = row  # same (kind, carrier, code) replaces


# --------------------------------------------------------------------------------------------------
# Records produced by reading
# --------------------------------------------------------------------------------------------------

@dataclass
class Event:
    carrier: str
    order_code: str
    raw_code: str
    sent_name: str | None
    tid: str | None
    event_id: str
    instant: int
    date_source: str
    delay_code: str | None
    delay_notes: str | None
    mailman: str | None
    feedback: int | None
    has_pod: bool
    file: str
    line: int
    pos: int
    api_key: str | None = None
    api_checked: bool = False
    # filled by normalisation
    canonical: str = "UNKNOWN"
    rank: int = 0
    status_name: str = ""
    local_date: str = ""
    reason_code: str | None = None
    reason_row: MapRow | None = None
    reason_is_delay: bool = False


@dataclass
class OrderRecord:
    order_code: str
    o: Obj
    cod: Decimal | None
    file: str
    line: int
    pos: int


@dataclass
class RejectRec:
    file: str
    line: int
    byte_offset: int
    reason: str
    detail: str


# Keys read at each object level (duplicates among them -> duplicate_key, DESIGN) [I-7]
EVENT247_KEYS = frozenset({"OrderCode", "Status", "StatusName", "Time", "TransactionId", "DelayCode",
                           "DelayNotes", "Mailman", "RequestFeedbackCount", "ApiKey"})
ORDER_KEYS = frozenset({"OrderCode", "ServiceTypeID", "ReceiverAddress", "ReceiverProvinceName",
                        "ReceiverDistrictName", "ReceiverPhone", "ClientHubID", "CusWareHouseID",
                        "CusWarehouseID", "MailerType", "RealWeight", "InformFee", "ExtraServices",
                        "ExtraService", "Packages", "Quantity", "CODAmount", "COPAmt"})
PACKAGE_KEYS = frozenset({"Length", "Width", "Height", "RealWeight"})
EXTRA_KEYS = frozenset({"ServiceID"})
WEBHOOK_KEYS = frozenset({"value", "statusObj", "dateTimeISO", "dateTime", "date", "POD", "POD_B64",
                          "format"})
TOP_KEYS = (frozenset({"payload", "receivedAt", "OrderInfo", "Data", "guide"})
            | EVENT247_KEYS | ORDER_KEYS | WEBHOOK_KEYS)
GUIDE_KEYS = frozenset({"guideNumber", "currentStatus", "POD", "POD_B64", "format"})
CURRENT_KEYS = frozenset({"status", "code", "date", "time"})
STATUSOBJ_KEYS = frozenset({"id", "code"})


class Run:
    """Everything read and derived in one run."""

    def __init__(self, args):
        self.args = args
        self.as_of = parse_received_at(args.as_of.strip())
        if self.as_of is None:
            raise UsageError(f"--as-of: cannot parse {args.as_of!r}")
        self.read_zones = {c: ZoneInfo(DEFAULT_ZONES[c]) for c in CARRIERS}
        try:
            rz = ZoneInfo(args.tz) if args.tz else None
        except Exception:
            raise UsageError(f"--tz: unknown zone {args.tz!r}")
        self.report_zones = {c: rz or self.read_zones[c] for c in CARRIERS}
        self.smap: dict = {}
        read_status_map(DEFAULT_STATUS_MAP, "default status map", self.smap)
        for path in args.status_map or []:
            with open(path, encoding="utf-8") as f:
                read_status_map(f.read(), path, self.smap)
        self.api_keys = None
        if args.api_keys:
            with open(args.api_keys, encoding="utf-8") as f:
                keys = {k.strip() for k in f.read().splitlines() if k.strip()}
            if not keys:
                raise UsageError("--api-keys: empty list")
            self.api_keys = keys
        self.date_from = self._date_opt(args.date_from, "--from")
        self.date_to = self._date_opt(args.date_to, "--to")
        self.events: list[Event] = []        # every event read, in input order
        self.records: list[OrderRecord] = []
        self.rejects: list[RejectRec] = []
        self.remits: list = []
        self.pos = 0
        self.counts = {"lines": 0, "records": {}, "rejects": {}, "duplicates": 0,
                       "date_fallbacks": 0, "unknown_codes": {}}

    @staticmethod
    def _date_opt(v, flag):
        if v is None:
            return None
        try:
            return date.fromisoformat(v).isoformat()
        except ValueError:
            raise UsageError(f"{flag}: expected yyyy-MM-dd, got {v!r}")

    def next_pos(self) -> int:
        self.pos += 1
        return self.pos

    def reject(self, file, line, off, reason, detail):
        self.rejects.append(RejectRec(file, line, off, reason, detail))

    def count_record(self, kind):
        self.counts["records"][kind] = self.counts["records"].get(kind, 0) + 1

    # ---------------------------------------------------------------------------------- inputs --

    def discover(self, inputs: list[str]) -> list[tuple[str, str]]:
        """(display path, real path) in reading order (SPEC §1, §11)."""
        out = []
        for arg in inputs:
            if arg == "-":
                out.append(("-", "-"))
                continue
            if not os.path.exists(arg):
                raise FileNotFoundError(arg)
            if os.path.isdir(arg):
                found = []
                base = arg.rstrip("/") or "/"
                for root, dirs, files in os.walk(arg):
                    for name in files:
                        stem = name[:-3] if name.endswith(".gz") else name
                        if stem.endswith(INPUT_SUFFIXES):
                            full = os.path.join(root, name)
                            rel = os.path.relpath(full, arg)
                            found.append((base + "/" + rel.replace(os.sep, "/"), full))
                found.sort(key=lambda p: p[0])  # code-point order of the full path
                out.extend(found)
            else:
                out.append((arg, arg))
        return out

    def read_inputs(self, inputs: list[str]):
        for display, real in self.discover(inputs):
            if real == "-":
                data = sys.stdin.buffer.read()
                self.read_lines(display, data)
                continue
            with open(real, "rb") as f:
                data = f.read()
            gz_error = None
            name = display
            if display.endswith(".gz"):
                data, gz_error = gunzip(data)
                name = display[:-3]
                if gz_error is not None and not name.endswith(".json"):
                    # [I-29] keep the complete lines only: the cut line is part of the one
                    # corrupt_gzip reject, not a separate `truncated` one
                    data = data[:data.rfind(b"\n") + 1]
            if name.endswith(".json"):
                self.read_json_file(display, data)
            else:
                nlines = self.read_lines(display, data)
                if gz_error is not None:
                    self.reject(display, nlines + 1, len(data), "corrupt_gzip", gz_error)
                continue
            if gz_error is not None:
                self.reject(display, 1, len(data), "corrupt_gzip", gz_error)

    def read_lines(self, display: str, data: bytes) -> int:
        """NDJSON/JSONL: one record per line; CRLF; BOM at start; blank/whitespace lines skipped."""
        start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        lineno = 0
        off = start
        n = len(data)
        while off < n:
            nl = data.find(b"\n", off)
            has_nl = nl >= 0
            end = nl if has_nl else n
            raw = data[off:end]
            lineno += 1
            line_off = off
            off = end + 1 if has_nl else n
            if raw.endswith(b"\r"):
                raw = raw[:-1]
            if raw.strip(b" \t\r") == b"":
                continue
            self.counts["lines"] += 1
            if len(raw) > self.args.max_line_bytes:
                self.reject(display, lineno, line_off, "line_too_long",
                            f"line of {len(raw)} bytes exceeds --max-line-bytes")
                continue
            try:
                value = parse_json_bytes(raw)
            except JSONFail as e:
                reason = e.reason
                if reason == "invalid_json" and not has_nl:
                    reason = "truncated"  # DESIGN: a last line without newline that fails to parse
                self.reject(display, lineno, line_off, reason, e.detail)
                continue
            self.handle_value(value, display, lineno, line_off)
        return lineno

    def read_json_file(self, display: str, data: bytes):
        """A .json file: one object, or an array whose elements are records (line = 1-based index)."""
        start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        i = start
        n = len(data)
        while i < n and data[i] in b" \t\r\n":
            i += 1
        if i >= n:
            return  # [I-3] an empty .json file holds no record
        if data[i:i + 1] != b"[":
            self.counts["lines"] += 1
            try:
                value = parse_json_bytes(data[start:])
            except JSONFail as e:
                reason = "truncated" if (e.reason == "invalid_json" and e.at_eof) else e.reason
                self.reject(display, 1, start, reason, e.detail)
                return
            self.handle_value(value, display, 1, start)
            return
        for index, (s, e, closed_elem) in enumerate(split_array(data, i), start=1):
            self.counts["lines"] += 1
            raw = data[s:e]
            if raw.strip(b" \t\r\n") == b"":
                self.reject(display, index, s, "invalid_json", "empty array element")
                continue
            try:
                value = parse_json_bytes(raw)
            except JSONFail as ex:
                reason = ex.reason
                if reason == "invalid_json" and not closed_elem:
                    reason = "truncated"
                self.reject(display, index, s, reason, ex.detail)
                continue
            self.handle_value(value, display, index, s)

    # ----------------------------------------------------------------------------------- shapes --

    def handle_value(self, v, file, line, off):
        if not isinstance(v, Obj):
            self.reject(file, line, off, "unknown_shape", "the JSON value is not an object")
            return
        try:
            self.handle_object(v, file, line, off, received=None, top=True)
        except Reject as r:
            self.reject(file, line, off, r.reason, r.detail)

    def handle_object(self, o: Obj, file, line, off, received, top):
        check_dups(o, TOP_KEYS, "")
        if top and isinstance(o.get("payload"), Obj):
            self.count_record("envelope")
            received = parse_received_at(text(o.get("receivedAt")))
            inner = o["payload"]
            # [I-8] an envelope's payload is one of the other shapes (no nested envelope)
            self.handle_object(inner, file, line, off, received, top=False)
            return
        if isinstance(o.get("OrderInfo"), Obj):
            self.count_record("247_order")
            self.order_record(o["OrderInfo"], file, line, " in OrderInfo")
            return
        d = o.get("Data")
        if isinstance(d, Obj) and isinstance(d.get("Orders"), list):
            self.count_record("247_status_log")
            self.status_log(d, file, line, off, received)
            return
        if isinstance(o.get("guide"), Obj):
            self.count_record("hound_change_order_status")
            self.add_event(self.hound_cos(o["guide"], file, line, received))
            return
        if isinstance(o.get("statusObj"), Obj):
            self.count_record("hound_webhook")
            self.add_event(self.hound_webhook(o, file, line, received))
            return
        if text(o.get("Status")) is not None:
            self.count_record("247_event")
            self.add_event(self.event_247(o, file, line, received, webhook=True, where=""))
            return
        if text(o.get("ServiceTypeID")) is not None:
            self.count_record("247_order")
            self.order_record(o, file, line, "")
            return
        raise Reject("unknown_shape", "no known record shape (SPEC §1)")

    def status_log(self, d: Obj, file, line, off, received):
        check_dups(d, frozenset({"Orders"}), " in Data")
        for oi, order in enumerate(d["Orders"]):
            if not isinstance(order, Obj):
                self.reject(file, line, off, "unknown_shape", f"Data.Orders[{oi}] is not an object")
                continue
            try:
                check_dups(order, frozenset({"OrderCode", "Histories"}), f" in Data.Orders[{oi}]")
            except Reject as r:
                self.reject(file, line, off, r.reason, r.detail)
                continue
            hist = order.get("Histories")
            if not isinstance(hist, list):
                continue  # [I-10] an order entry without Histories holds no events
            for hi, item in enumerate(hist):
                where = f" in Data.Orders[{oi}].Histories[{hi}]"
                if not isinstance(item, Obj):
                    self.reject(file, line, off, "unknown_shape", "not an object" + where)
                    continue
                try:
                    ev = self.event_247(item, file, line, received, webhook=False, where=where)
                except Reject as r:
                    self.reject(file, line, off, r.reason, r.detail)
                    continue
                self.add_event(ev)

    def fallback(self, inst, received):
        if inst is not None:
            return inst, "event"
        if received is not None:
            return received, "received_at"
        return self.as_of, "as_of"

    def event_247(self, e: Obj, file, line, received, webhook: bool, where: str) -> Event:
        check_dups(e, EVENT247_KEYS, where)
        code = text(e.get("OrderCode"))
        if code is None:
            raise Reject("missing_order_code", "no OrderCode" + where)
        status = text(e.get("Status"))
        if status is None:
            raise Reject("missing_status", "no Status" + where)
        time_raw = text(e.get("Time"))
        inst, src = self.fallback(parse_247_time(time_raw, self.read_zones["247express"]), received)
        tid = text(e.get("TransactionId"))
        fb = int_of(e.get("RequestFeedbackCount"))
        if fb is not None and fb < 0:
            fb = None  # [I-12]
        ev = Event(carrier="247express", order_code=code, raw_code=status,
                   sent_name=text(e.get("StatusName")), tid=tid,
                   event_id=tid if tid is not None else f"{code}|{status}|{time_raw or ''}",
                   instant=inst, date_source=src, delay_code=text(e.get("DelayCode")),
                   delay_notes=text(e.get("DelayNotes")), mailman=text(e.get("Mailman")),
                   feedback=fb, has_pod=False, file=file, line=line, pos=0)
        ev.api_key = text(e.get("ApiKey"))
        ev.api_checked = webhook
        return ev

    def hound_cos(self, g: Obj, file, line, received) -> Event:
        check_dups(g, GUIDE_KEYS, " in guide")
        code = text(g.get("guideNumber"))
        if code is None:
            raise Reject("missing_order_code", "no guide.guideNumber")
        cs = g.get("currentStatus")
        if not isinstance(cs, Obj):
            raise Reject("missing_status", "no guide.currentStatus")
        check_dups(cs, CURRENT_KEYS, " in guide.currentStatus")
        status = text(cs.get("status"))
        if status is None:
            raise Reject("missing_status", "no guide.currentStatus.status")
        date_raw = text(cs.get("date"))
        time_raw = text(cs.get("time"))
        inst, src = self.fallback(
            parse_hound_status_date(date_raw, time_raw, self.read_zones["houndexpress"]), received)
        eid = f"{code}|{status}|{date_raw or ''}" + (f"|{time_raw}" if time_raw is not None else "")
        return Event(carrier="houndexpress", order_code=code, raw_code=status,
                     sent_name=text(cs.get("code")), tid=None, event_id=eid, instant=inst,
                     date_source=src, delay_code=None, delay_notes=None, mailman=None, feedback=None,
                     has_pod=blob_present(g.get("POD")) or blob_present(g.get("POD_B64")),
                     file=file, line=line, pos=0)

    def hound_webhook(self, o: Obj, file, line, received) -> Event:
        check_dups(o, WEBHOOK_KEYS, "")
        code = text(o.get("value"))
        if code is None:
            raise Reject("missing_order_code", "no value (guide number)")
        so = o["statusObj"]
        check_dups(so, STATUSOBJ_KEYS, " in statusObj")
        status = text(so.get("id"))
        if status is None:
            raise Reject("missing_status", "no statusObj.id")
        inst = None
        used = None
        first_present = None
        for name in ("dateTimeISO", "dateTime", "date"):
            raw = text(o.get(name))
            if raw is None:
                continue
            if first_present is None:
                first_present = raw
            v = parse_hound_webhook_field(name, raw)
            if v is not None:
                inst, used = v, raw
                break
        if used is None:
            used = first_present or ""
        inst, src = self.fallback(inst, received)
        return Event(carrier="houndexpress", order_code=code, raw_code=status,
                     sent_name=text(so.get("code")), tid=None, event_id=f"{code}|{status}|{used}",
                     instant=inst, date_source=src, delay_code=None, delay_notes=None, mailman=None,
                     feedback=None,
                     has_pod=blob_present(o.get("POD")) or blob_present(o.get("POD_B64")),
                     file=file, line=line, pos=0)

    def add_event(self, ev: Event):
        if self.api_keys is not None and ev.carrier == "247express" and ev.api_checked:
            if ev.api_key is None or ev.api_key not in self.api_keys:
                raise Reject("untrusted_api_key", "ApiKey missing or not listed")
        ev.pos = self.next_pos()
        self.events.append(ev)

    def order_record(self, o: Obj, file, line, where):
        check_dups(o, ORDER_KEYS, where)
        for lst in ("Packages", "ExtraServices", "ExtraService"):
            items = o.get(lst)
            if isinstance(items, list):
                keys = PACKAGE_KEYS if lst == "Packages" else EXTRA_KEYS
                for k, item in enumerate(items):
                    if isinstance(item, Obj):
                        check_dups(item, keys, f"{where} {lst}[{k}]")
        code = text(o.get("OrderCode"))
        if code is None:
            raise Reject("missing_order_code", "order record without OrderCode")
        cod = decimal_of(o.get("CODAmount"))
        if cod == "invalid":
            raise Reject("invalid_amount", "CODAmount is not an exact decimal")  # [I-23]
        self.records.append(OrderRecord(code, o, cod, file, line, self.next_pos()))

    # ------------------------------------------------------------------------------- remittance --

    def read_remittance(self, path: str):
        with open(path, "rb") as f:
            data = f.read()
        try:
            txt = data.decode("utf-8")
        except UnicodeDecodeError as e:
            self.reject(path, 1, 0, "invalid_utf8", f"invalid UTF-8 at byte {e.start + 1}")
            return
        if txt.startswith("\ufeff"):
            txt = txt[1:]
        reader = csv.reader(io.StringIO(txt, newline=""))
        header = None
        while True:
            start_line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                self.reject(path, start_line, 0, "invalid_csv", str(e))
                break
            if not row or all(c.strip() == "" for c in row):
                continue  # blank line
            if header is None:
                header = [h.strip() for h in row]
                if "OrderCode" not in header or "Amount" not in header:
                    self.reject(path, start_line, 0, "bad_header",
                                "remittance header lacks OrderCode or Amount")  # [I-26]
                    return
                continue
            self.counts["lines"] += 1

            def col(name):
                if name not in header:
                    return ""
                i = header.index(name)
                return row[i].strip() if i < len(row) else ""
            code = col("OrderCode")
            if not code:
                self.reject(path, start_line, 0, "missing_order_code", "remittance row without OrderCode")
                continue
            currency = CURRENCY["247express"]
            amount = remittance_amount(col("Amount"), currency)
            if not isinstance(amount, Decimal):
                self.reject(path, start_line, 0, amount, "Amount is not an exact, non-negative amount")
                continue
            fee_raw = col("Fee")
            fee = None
            if fee_raw:
                fee = remittance_amount(fee_raw, currency)
                if not isinstance(fee, Decimal):
                    self.reject(path, start_line, 0, fee, "Fee is not an exact, non-negative amount")
                    continue
            remitted_at = col("RemittedAt")
            if remitted_at and not is_remittance_date(remitted_at):
                self.reject(path, start_line, 0, "invalid_date", "RemittedAt is not a date")
                continue
            self.count_record("remittance")
            self.remits.append({"order_code": code, "amount": amount, "fee": fee,
                                "pos": len(self.remits)})


def gunzip(raw: bytes) -> tuple[bytes, str | None]:
    """Decompress (multi-member) gzip; on corruption keep what decompressed cleanly."""
    out = []
    data = raw
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pos = 0
        try:
            while pos < len(data) and not d.eof:
                chunk = data[pos:pos + 512]
                pos += len(chunk)
                out.append(d.decompress(chunk))
            out.append(d.flush())
        except zlib.error as e:
            return b"".join(out), f"corrupt gzip data: {e}"
        if not d.eof:
            return b"".join(out), "gzip data ends early"
        data = d.unused_data
        if data.strip(b"\x00") == b"":
            break
    return b"".join(out), None


def split_array(data: bytes, i: int):
    """Yield (start, end, complete) byte extents of the elements of the top-level array at data[i].

    Only brackets and strings are tracked, so an element with a syntax error still has an extent
    and is rejected alone (DESIGN: "when its extent can be found")."""
    n = len(data)
    i += 1  # past '['
    depth = 0
    in_str = False
    esc = False
    start = i
    seen_any = False
    while i < n:
        c = data[i]
        if in_str:
            if esc:
                esc = False
            elif c == 0x5C:
                esc = True
            elif c == 0x22:
                in_str = False
        elif c == 0x22:
            in_str = True
        elif c in (0x7B, 0x5B):
            depth += 1
        elif c in (0x7D, 0x5D):
            if depth == 0 and c == 0x5D:
                if seen_any or data[start:i].strip(b" \t\r\n"):
                    yield start, i, True
                return
            depth -= 1
        elif c == 0x2C and depth == 0:
            yield start, i, True
            seen_any = True
            start = i + 1
        i += 1
    if data[start:n].strip(b" \t\r\n"):
        yield start, n, False  # cut before the closing bracket


# --------------------------------------------------------------------------------------------------
# Normalisation, filters, duplicates
# --------------------------------------------------------------------------------------------------

def normalise(run: Run):
    for ev in run.events:
        row = run.smap.get(("status", ev.carrier, ev.raw_code))
        ev.canonical = row.canonical if row else "UNKNOWN"
        ev.rank = CANONICAL[ev.canonical][0]
        ev.status_name = ev.sent_name or (row.name if row else "") or ""
        ev.local_date = local_dt(ev.instant, run.report_zones[ev.carrier]).date().isoformat()
        if ev.carrier == "247express" and ev.delay_code is not None:
            ev.reason_code = ev.delay_code
            ev.reason_row = run.smap.get(("reason", ev.carrier, ev.delay_code))
            ev.reason_is_delay = True
        elif row is not None and row.category:
            ev.reason_code = ev.raw_code  # the status itself is the reason [I-18]
            ev.reason_row = row


def accepted_events(run: Run) -> list[Event]:
    """Filters first, then duplicates (SPEC §4, §11)."""
    out = []
    seen = set()
    for ev in run.events:
        if run.args.carrier and ev.carrier != run.args.carrier:
            continue
        if run.date_from and ev.local_date < run.date_from:
            continue
        if run.date_to and ev.local_date > run.date_to:
            continue
        key = (ev.carrier, "tid" if ev.tid is not None else "id", ev.event_id)
        if key in seen:
            run.counts["duplicates"] += 1
            continue
        seen.add(key)
        out.append(ev)
    for ev in out:
        if ev.date_source != "event":
            run.counts["date_fallbacks"] += 1
        if ev.canonical == "UNKNOWN":
            u = run.counts["unknown_codes"].setdefault(ev.carrier, {})
            u[ev.raw_code] = u.get(ev.raw_code, 0) + 1
    return out


# --------------------------------------------------------------------------------------------------
# Number formatting (DESIGN "Formatting conventions")
# --------------------------------------------------------------------------------------------------

def div_half_away(num: int, den: int) -> int:
    """round(num/den) half away from zero, exactly in integers (den > 0)."""
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return q if num >= 0 else -q


def fixed(scaled: int, places: int) -> str:
    sign = "-" if scaled < 0 else ""
    a = abs(scaled)
    return f"{sign}{a // 10 ** places}.{a % 10 ** places:0{places}d}"


def ratio(num: int, den: int) -> str:
    if den == 0:
        return ""
    return fixed(div_half_away(num * 10_000, den), 4)


def hours(ms_num: int, den: int = 1) -> str:
    """ms_num / den milliseconds as hours, 2 decimals, half away from zero."""
    return fixed(div_half_away(ms_num * 100, den * MS_PER_HOUR), 2)


def money(d: Decimal | None, currency: str) -> str:
    """Exact decimal, plain digits, trailing zeros trimmed down to the currency's minor digits."""
    if d is None:
        return ""
    if d == 0:
        d = Decimal(0)
    minor = ISO_EXPONENT.get(currency, 2)
    s = format(d, "f")
    whole, _, frac = s.partition(".")
    frac = frac.rstrip("0")
    frac = frac + "0" * max(0, minor - len(frac))
    return whole + ("." + frac if frac else "")


def nearest_rank(sorted_vals: list[int], num: int, den: int) -> int:
    n = len(sorted_vals)
    k = -(-(num * n) // den)  # ⌈q·n⌉ exactly
    k = max(k, 1)
    return sorted_vals[k - 1]


# --------------------------------------------------------------------------------------------------
# Per-order facts and KPIs (SPEC §5)
# --------------------------------------------------------------------------------------------------

@dataclass
class OrderFacts:
    carrier: str
    code: str
    events: list = field(default_factory=list)
    final: Event | None = None
    first_ms: int = 0
    picked_ms: int | None = None
    delivered_ms: int | None = None
    failed: int = 0
    touched_attempt: bool = False
    first_attempt: bool = False
    feedback: int = 0
    courier: str | None = None
    age_days: int = 0

    @property
    def outcome(self):
        return CANONICAL[self.final.canonical][1]


def build_orders(evs: list[Event], as_of: int) -> dict:
    orders: dict[tuple, OrderFacts] = {}
    for ev in evs:
        key = (ev.carrier, ev.order_code)
        orders.setdefault(key, OrderFacts(ev.carrier, ev.order_code)).events.append(ev)
    for of in orders.values():
        of.events.sort(key=lambda e: (e.instant, e.rank, e.pos))
        of.final = of.events[-1]
        of.first_ms = of.events[0].instant
        last_del_idx = None
        for i, e in enumerate(of.events):
            if e.canonical == "PICKED_UP" and of.picked_ms is None:
                of.picked_ms = e.instant
            if e.canonical == "DELIVERED":
                of.delivered_ms = e.instant
                last_del_idx = i
            if e.canonical == "ATTEMPT_FAILED":
                of.failed += 1
            if e.canonical in ("OUT_FOR_DELIVERY", "ATTEMPT_FAILED", "DELIVERED"):
                of.touched_attempt = True
            if e.feedback is not None:
                of.feedback = max(of.feedback, e.feedback)
            if e.mailman is not None:
                of.courier = e.mailman
        if of.final.canonical == "DELIVERED" and last_del_idx is not None:
            of.first_attempt = not any(e.canonical == "ATTEMPT_FAILED"
                                       for e in of.events[:last_del_idx])
        of.age_days = (as_of - of.first_ms) // MS_PER_DAY
    return orders


SUMMARY_COLS = ["events", "orders", "delivered", "returned", "lost", "confiscated", "cancelled",
                "open", "resolved", "success_rate", "attempted", "first_attempt_delivered",
                "first_attempt_rate", "failed_attempts", "lead_time_p50_h", "lead_time_p90_h",
                "lead_time_mean_h", "open_0_2d", "open_3_7d", "open_8_14d", "open_15d_plus"]


def kpis(orders: list[OrderFacts]) -> list:
    fin = [o.final.canonical for o in orders]
    delivered = fin.count("DELIVERED")
    returned = fin.count("RETURNED")
    lost = fin.count("LOST")
    confiscated = fin.count("CONFISCATED")
    cancelled = fin.count("CANCELLED")
    open_orders = [o for o in orders if o.outcome == "open"]
    resolved = delivered + returned + lost + confiscated
    attempted = sum(1 for o in orders
                    if o.final.canonical in ("DELIVERED", "RETURNED", "LOST", "CONFISCATED")
                    and o.touched_attempt)
    fad = sum(1 for o in orders if o.first_attempt)
    failed = sum(o.failed for o in orders)
    leads = sorted(o.delivered_ms - o.picked_ms for o in orders
                   if o.final.canonical == "DELIVERED" and o.picked_ms is not None)
    if leads:
        p50 = hours(nearest_rank(leads, 1, 2))
        p90 = hours(nearest_rank(leads, 9, 10))
        mean = hours(sum(leads), len(leads))
    else:
        p50 = p90 = mean = ""
    buckets = [0, 0, 0, 0]
    for o in open_orders:
        a = o.age_days
        buckets[0 if a <= 2 else 1 if a <= 7 else 2 if a <= 14 else 3] += 1
    return [sum(len(o.events) for o in orders), len(orders), delivered, returned, lost, confiscated,
            cancelled, len(open_orders), resolved, ratio(delivered, resolved), attempted, fad,
            ratio(fad, attempted), failed, p50, p90, mean] + buckets


# --------------------------------------------------------------------------------------------------
# CSV output (DESIGN: RFC 4180, CRLF, quoting, spreadsheet neutralisation of text cells)
# --------------------------------------------------------------------------------------------------

def csv_cell(v, is_text: bool) -> str:
    if v is None:
        s = ""
    elif isinstance(v, bool):
        s = "true" if v else "false"
    else:
        s = str(v)
    if is_text and s and s[0] in "=+-@\t\r":
        s = "'" + s
    if any(c in s for c in ',"\r\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path: str, header: list[str], rows: list[list], text_cols: set[str]):
    flags = [h in text_cols for h in header]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\r\n")
        for r in rows:
            f.write(",".join(csv_cell(v, t) for v, t in zip(r, flags)) + "\r\n")


# --------------------------------------------------------------------------------------------------
# Order record checks (SPEC §6 "Order record checks", §11 "Order checks")
# --------------------------------------------------------------------------------------------------

def missing(o: Obj, key: str) -> bool:
    return text(o.get(key)) is None


def order_findings(rec: OrderRecord) -> list[tuple[str, str, str]]:
    o = rec.o
    f = []
    if missing(o, "ServiceTypeID"):
        f.append(("10", "ServiceTypeID", "ServiceTypeID is required"))
    if missing(o, "ReceiverAddress"):
        f.append(("17", "ReceiverAddress", "ReceiverAddress is required"))
    if missing(o, "ReceiverProvinceName"):
        f.append(("3", "ReceiverProvinceName", "ReceiverProvinceName is required"))
    if missing(o, "ReceiverDistrictName"):
        f.append(("2", "ReceiverDistrictName", "ReceiverDistrictName is required"))
    if missing(o, "ReceiverPhone"):
        f.append(("", "ReceiverPhone", "ReceiverPhone is required"))
    if missing(o, "ClientHubID") and missing(o, "CusWareHouseID") and missing(o, "CusWarehouseID"):
        f.append(("", "ClientHubID", "ClientHubID or CusWareHouseID is required"))
    mailer = text(o.get("MailerType"))
    if mailer not in ("HH", "TL"):
        f.append(("18", "MailerType", "MailerType must be HH or TL"))
    packages = o.get("Packages") if isinstance(o.get("Packages"), list) else []
    weight = decimal_of(o.get("RealWeight"))
    if not isinstance(weight, Decimal):
        pw = [decimal_of(p.get("RealWeight")) for p in packages if isinstance(p, Obj)]
        pw = [w for w in pw if isinstance(w, Decimal)]
        weight = sum(pw, Decimal(0)) if pw else None
    if mailer == "TL" and weight is not None and weight >= Decimal("2.5"):
        f.append(("", "MailerType", "weight of 2.5 kg or more needs MailerType HH"))
    inform_missing = missing(o, "InformFee")
    if mailer == "HH" and inform_missing:
        f.append(("", "InformFee", "MailerType HH needs InformFee"))
    extras = []
    for lst in ("ExtraServices", "ExtraService"):
        if isinstance(o.get(lst), list):
            extras += [text(x.get("ServiceID")) for x in o[lst] if isinstance(x, Obj)]
    if "DVBH" in extras and inform_missing:
        f.append(("", "InformFee", "insurance service DVBH needs InformFee"))
    qty = int_of(o.get("Quantity"))
    if qty is not None:
        if qty == 1:
            if packages:
                f.append(("19", "Packages", "Quantity 1 means no Packages"))
        elif len(packages) != qty:
            f.append(("19", "Packages", f"{len(packages)} Packages for Quantity {qty}"))
    for k, p in enumerate(packages):
        if not isinstance(p, Obj):
            continue
        given = [not missing(p, d) for d in ("Length", "Width", "Height")]
        if any(given) and not all(given):
            f.append(("20", f"Packages[{k}]", "a package giving one of Length/Width/Height gives all three"))
    for key in ("CODAmount", "COPAmt", "InformFee", "RealWeight"):
        d = decimal_of(o.get(key))
        if isinstance(d, Decimal) and d < 0:
            f.append(("", key, f"{key} is negative"))
    for k, p in enumerate(packages):
        if isinstance(p, Obj):
            d = decimal_of(p.get("RealWeight"))
            if isinstance(d, Decimal) and d < 0:
                f.append(("", f"Packages[{k}].RealWeight", "package RealWeight is negative"))
    return f


# --------------------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------------------

EVENTS_HEADER = ["carrier", "order_code", "event_id", "canonical_status", "status_code", "status_name",
                 "event_at_utc", "event_at_local", "local_date", "date_source", "reason_code",
                 "reason_label", "reason_category", "reason_party", "feedback_count", "courier",
                 "has_pod", "source_file", "source_line"]
EVENTS_TEXT = {"carrier", "order_code", "event_id", "canonical_status", "status_code", "status_name",
               "date_source", "reason_code", "reason_label", "reason_category", "reason_party",
               "courier", "source_file"}


def event_rows(run: Run, evs: list[Event]) -> list[list]:
    rows = []
    for e in evs:
        label = cat = party = None
        if e.reason_code is not None:
            r = e.reason_row
            label = (r.label if r and r.label else None)
            if label is None and e.reason_is_delay:
                label = e.delay_notes  # [I-19] unmapped 247 code: the event's own DelayNotes
            cat = r.category if r and r.category else "OTHER"
            party = r.party if r and r.party else "unknown"
        rows.append([e.carrier, e.order_code, e.event_id, e.canonical, e.raw_code, e.status_name,
                     fmt_utc(e.instant), fmt_local(e.instant, run.report_zones[e.carrier]),
                     e.local_date, e.date_source, e.reason_code, label, cat, party, e.feedback,
                     e.mailman, e.has_pod, e.file, e.line])
    return rows


def carrier_sorted(keys):
    return sorted(keys, key=lambda k: (CARRIERS.index(k[0]), k[1].encode("utf-8")))


def report(run: Run, evs: list[Event], out: str):
    os.makedirs(out, exist_ok=True)
    orders = build_orders(evs, run.as_of)
    present = [c for c in CARRIERS if any(o.carrier == c for o in orders.values())]
    carrier_filter = run.args.carrier

    # records: last one wins per order key (247Express only) [I-24]
    winning: dict[str, OrderRecord] = {}
    if carrier_filter in (None, "247express"):
        for r in run.records:
            winning[r.order_code] = r

    # summary.csv
    rows = []
    for c in present:
        rows.append([c] + kpis([o for o in orders.values() if o.carrier == c]))
    rows.append([ALL] + kpis(list(orders.values())))
    write_csv(os.path.join(out, "summary.csv"), ["carrier"] + SUMMARY_COLS, rows, {"carrier"})

    # daily.csv
    daily_header = ["carrier", "date", "events", "orders_touched", "picked_up", "out_for_delivery",
                    "failed_attempts", "delivered", "returned", "lost", "confiscated", "cancelled",
                    "success_rate"]
    days: dict[tuple, dict] = {}
    for e in evs:
        d = days.setdefault((e.carrier, e.local_date), {"events": 0, "orders": set(), "PICKED_UP": 0,
                                                          "OUT_FOR_DELIVERY": 0, "ATTEMPT_FAILED": 0,
                                                          "final": {}})
        d["events"] += 1
        d["orders"].add(e.order_code)
        if e.canonical in ("PICKED_UP", "OUT_FOR_DELIVERY", "ATTEMPT_FAILED"):
            d[e.canonical] += 1
    for o in orders.values():
        d = days[(o.carrier, o.final.local_date)]
        d["final"][o.final.canonical] = d["final"].get(o.final.canonical, 0) + 1
    rows = []
    for (c, day) in sorted(days, key=lambda k: (CARRIERS.index(k[0]), k[1])):
        d = days[(c, day)]
        fin = d["final"]
        dl, rt, ls, cf, cn = (fin.get(s, 0) for s in
                              ("DELIVERED", "RETURNED", "LOST", "CONFISCATED", "CANCELLED"))
        rows.append([c, day, d["events"], len(d["orders"]), d["PICKED_UP"], d["OUT_FOR_DELIVERY"],
                     d["ATTEMPT_FAILED"], dl, rt, ls, cf, cn, ratio(dl, dl + rt + ls + cf)])
    write_csv(os.path.join(out, "daily.csv"), daily_header, rows, {"carrier"})

    # reasons.csv
    reasons: dict[tuple, dict] = {}
    for e in evs:  # input order: the first accepted event gives an unmapped code its label
        if e.reason_code is None:
            continue
        r = reasons.setdefault((e.carrier, e.reason_code), {"events": 0, "orders": set(),
                                                            "row": e.reason_row,
                                                            "first_notes": e.delay_notes,
                                                            "delay": e.reason_is_delay})
        r["events"] += 1
        r["orders"].add(e.order_code)
    totals = {}
    for (c, _), r in reasons.items():
        totals[c] = totals.get(c, 0) + r["events"]
    rows = []
    for (c, code) in sorted(reasons, key=lambda k: (CARRIERS.index(k[0]), -reasons[k]["events"],
                                                    k[1].encode("utf-8"))):
        r = reasons[(c, code)]
        row = r["row"]
        label = row.label if row and row.label else (r["first_notes"] if r["delay"] else None)
        rows.append([c, code, label, row.category if row and row.category else "OTHER",
                     row.party if row and row.party else "unknown", r["events"], len(r["orders"]),
                     ratio(r["events"], totals[c])])
    write_csv(os.path.join(out, "reasons.csv"),
              ["carrier", "code", "label", "category", "party", "events", "orders", "share"], rows,
              {"carrier", "code", "label", "category", "party"})

    # feedback.csv (247Express only; one row) [I-20]
    f_orders = [o for o in orders.values() if o.carrier == "247express"]
    per = [o.feedback for o in f_orders]
    total = sum(per)
    write_csv(os.path.join(out, "feedback.csv"),
              ["carrier", "orders", "orders_with_requests", "total_requests", "mean_requests",
               "orders_0", "orders_1", "orders_2", "orders_3", "orders_4", "orders_5_plus"],
              [["247express", len(per), sum(1 for p in per if p > 0), total, ratio(total, len(per)),
                per.count(0), per.count(1), per.count(2), per.count(3), per.count(4),
                sum(1 for p in per if p >= 5)]], {"carrier"})

    # orders.csv
    rows = []
    for key in carrier_sorted(orders):
        o = orders[key]
        rec = winning.get(o.code) if o.carrier == "247express" else None
        cod = rec.cod if rec else None
        cur = CURRENCY[o.carrier] if cod is not None else None
        needs = o.outcome == "open" and (
            o.final.canonical in ("ATTEMPT_FAILED", "RETURNING", "UNKNOWN") or o.age_days >= 8)
        rows.append([o.carrier, o.code, o.final.canonical, o.final.raw_code, fmt_utc(o.first_ms),
                     fmt_utc(o.final.instant), fmt_utc(o.picked_ms), fmt_utc(o.delivered_ms),
                     o.failed, o.feedback if o.carrier == "247express" else None,
                     money(cod, cur) if cod is not None else None, cur, needs])
    write_csv(os.path.join(out, "orders.csv"),
              ["carrier", "order_code", "final_status", "final_status_code", "first_event_at",
               "final_event_at", "picked_up_at", "delivered_at", "failed_attempts",
               "feedback_requests", "cod_amount", "currency", "needs_action"], rows,
              {"carrier", "order_code", "final_status", "final_status_code", "currency"})

    # cod_reconciliation.csv
    cur = CURRENCY["247express"]
    remits: dict[str, list] = {}
    if carrier_filter in (None, "247express"):
        for r in run.remits:
            remits.setdefault(r["order_code"], []).append(r)
    codes = {c for c, r in winning.items() if r.cod is not None and r.cod > 0} | set(remits)
    rows = []
    for code in sorted(codes, key=lambda c: c.encode("utf-8")):
        rec = winning.get(code)
        cod = rec.cod if rec else None
        o = orders.get(("247express", code))
        final = o.final.canonical if o else None
        delivered = final == "DELIVERED"
        d_at = fmt_utc(o.delivered_ms) if o else ""
        rs = remits.get(code, [])
        base = ["247express", code, cur, money(cod, cur) if cod is not None else None, final, d_at]
        if len(rs) >= 2:
            for r in rs:
                rows.append(base + [money(r["amount"], cur), money(r["fee"], cur), None,
                                    "DUPLICATE", None])
        elif len(rs) == 1:
            r = rs[0]
            if delivered:
                exp = cod if cod is not None else Decimal(0)
                diff = r["amount"] - exp
                st = "MATCHED" if diff == 0 else "SHORT" if diff < 0 else "OVER"
                rows.append(base + [money(r["amount"], cur), money(r["fee"], cur), money(diff, cur),
                                    st, None])
            else:
                rows.append(base + [money(r["amount"], cur), money(r["fee"], cur), None,
                                    "UNEXPECTED", None])
        else:
            if delivered:
                days_ = (run.as_of - o.delivered_ms) // MS_PER_DAY
                rows.append(base + [None, None, None, "NOT_REMITTED", days_])
            else:
                rows.append(base + [None, None, None, "NOT_DUE", None])
    write_csv(os.path.join(out, "cod_reconciliation.csv"),
              ["carrier", "order_code", "currency", "cod_amount", "final_status", "delivered_at",
               "remitted_amount", "fee", "difference", "status", "days_since_delivery"], rows,
              {"carrier", "order_code", "currency", "final_status", "status"})

    # order_checks.csv
    rows = []
    for code in sorted(winning, key=lambda c: c.encode("utf-8")):
        for (ecode, fld, msg) in order_findings(winning[code]):
            rows.append(["247express", code, ecode, fld, msg])
    write_csv(os.path.join(out, "order_checks.csv"),
              ["carrier", "order_code", "code", "field", "message"], rows,
              {"carrier", "order_code", "code", "field", "message"})

    # breakdowns [I-21]
    def breakdown(name, attr):
        groups: dict[tuple, list] = {}
        for o in orders.values():
            g = attr(o)
            if g is not None:
                groups.setdefault((o.carrier, g), []).append(o)
        rows = [[c, g] + kpis(groups[(c, g)]) for (c, g) in carrier_sorted(groups)]
        write_csv(os.path.join(out, name), ["carrier", "group"] + SUMMARY_COLS, rows,
                  {"carrier", "group"})

    def rec_attr(key):
        def get(o):
            if o.carrier != "247express" or o.code not in winning:
                return None
            return text(winning[o.code].o.get(key))
        return get

    breakdown("breakdown_province.csv", rec_attr("ReceiverProvinceName"))
    breakdown("breakdown_service.csv", rec_attr("ServiceTypeID"))
    breakdown("breakdown_courier.csv", lambda o: o.courier)

    # rejects.ndjson (input order; remittance rejects after the event inputs) [I-28]
    with open(os.path.join(out, "rejects.ndjson"), "w", encoding="utf-8", newline="\n") as f:
        for r in run.rejects:
            f.write(json.dumps({"file": r.file, "line": r.line, "byte_offset": r.byte_offset,
                                "reason": r.reason, "detail": r.detail}, ensure_ascii=False) + "\n")

    # counts.json: oracle-only aid for comparing with run.json (not a SPEC output)
    c = run.counts
    c["rejects"] = {}
    for r in run.rejects:
        c["rejects"][r.reason] = c["rejects"].get(r.reason, 0) + 1
    c["events_read"] = len(run.events)
    c["events_accepted"] = len(evs)
    with open(os.path.join(out, "counts.json"), "w", encoding="utf-8") as f:
        json.dump(c, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------

def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="oracle.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("report", "normalize"):
        s = sub.add_parser(name)
        s.add_argument("inputs", nargs="+")
        s.add_argument("--out", required=True, help="report: directory; normalize: events.csv path")
        s.add_argument("--as-of", required=True)
        s.add_argument("--status-map", action="append")
        s.add_argument("--remittance", action="extend", nargs="+", default=[],
                       help="remittance CSV file(s); takes every following path up to the next option")
        s.add_argument("--tz")
        s.add_argument("--from", dest="date_from")
        s.add_argument("--to", dest="date_to")
        s.add_argument("--carrier", choices=CARRIERS)
        s.add_argument("--api-keys")
        s.add_argument("--max-line-bytes", type=int, default=DEFAULT_MAX_LINE_BYTES)
    args = p.parse_args(argv)
    try:
        run = Run(args)
        run.read_inputs(args.inputs)
        for path in args.remittance:
            if not os.path.exists(path):
                raise FileNotFoundError(path)
            run.read_remittance(path)
    except UsageError as e:
        print(f"oracle: {e}", file=sys.stderr)
        return 64
    except FileNotFoundError as e:
        print(f"oracle: no such input: {e}", file=sys.stderr)
        return 66
    normalise(run)
    evs = accepted_events(run)
    if args.cmd == "normalize":
        d = os.path.dirname(os.path.abspath(args.out))
        os.makedirs(d, exist_ok=True)
        write_csv(args.out, EVENTS_HEADER, event_rows(run, evs), EVENTS_TEXT)
    else:
        report(run, evs, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
