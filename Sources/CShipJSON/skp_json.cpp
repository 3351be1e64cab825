// skp_json.cpp — shipkpi's record decoder over simdjson (DOM for documents up to 1 MiB, see
// "DOM fast path" below; the On-Demand walk for the rest and whenever DOM cannot decide alone).
//
// Why a full walk: On-Demand only validates what it visits, so a skipped value such as `tru` or
// `[1 2]` would pass. We visit every value of every document: strings are unescaped (escapes
// validated), numbers are checked against the JSON grammar on their raw token (so `1e400` and
// 30-digit integers are valid JSON and reach the exact-decimal code unrounded), literals are
// checked, and nesting is bounded by `max_depth` (recursion never exceeds it).
//
// Shape recognition follows SPEC §1 and §11; see `finish_object` for the precedence.

#include "skp_json.h"

// Debian's libsimdjson is built with threads, which adds a member to the parser classes; its
// pkg-config flag for that (-DSIMDJSON_THREADS_ENABLED=1) is one SwiftPM refuses to pass on, so it
// is defined here to keep the class layouts identical to the library's.
#ifndef SIMDJSON_THREADS_ENABLED
#define SIMDJSON_THREADS_ENABLED 1
#endif
#include <simdjson.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <new>
#include <string_view>
#include <vector>

using namespace simdjson;

namespace {

// ---------------------------------------------------------------------------------------------
// Keys. One id space for every context; each context accepts a subset (see `lookup`).
// Ids below SKP_NSLOTS are the public slots; the rest are containers and internal fields.
enum KeyId : int {
    K_VALUE = SKP_NSLOTS,  // webhook guide number
    K_STATUSOBJ,
    K_WH_DATE,
    K_WH_DATETIME,
    K_WH_DATETIME_ISO,
    K_POD,
    K_POD_B64,
    K_FORMAT,
    K_ORDERINFO,
    K_DATA,
    K_GUIDE,
    K_PAYLOAD,
    K_EXTRAS,
    K_ORDERS,
    K_HISTORIES,
    K_CURRENT_STATUS,
    K_SERVICE_ID,
    K_GUIDE_NUMBER,
    K_CS_STATUS,
    K_CS_CODE,
    K_CS_DATE,
    K_CS_TIME,
    K_SO_ID,
    K_SO_CODE,
    K_COUNT
};
static_assert(K_COUNT <= 64, "key ids must fit a 64-bit seen-mask");

enum Ctx { C_ROOT, C_ORDER, C_PACKAGE, C_EXTRA, C_DATA, C_ORDERS_ITEM, C_HISTORY, C_GUIDE, C_CURSTATUS, C_STATUSOBJ };

struct KeyDef {
    const char *name;
    size_t len;
    int id;
};
#define KD(name, id) {name, sizeof(name) - 1, id}

// 247Express event keys (webhook body, GetStatusLogs history item).
static const KeyDef kEvent247[] = {
    KD("OrderCode", SKP_S_ORDER_CODE),     KD("Status", SKP_S_STATUS),
    KD("StatusName", SKP_S_STATUS_NAME),   KD("Time", SKP_S_TIME),
    KD("TransactionId", SKP_S_TRANSACTION_ID), KD("DelayCode", SKP_S_DELAY_CODE),
    KD("DelayNotes", SKP_S_DELAY_NOTES),   KD("RequestFeedbackCount", SKP_S_FEEDBACK),
    KD("Mailman", SKP_S_MAILMAN),          KD("ApiKey", SKP_S_API_KEY),
    KD("DeliveryDate", SKP_S_DELIVERY_DATE),
};
// 247Express order keys (flat or inside OrderInfo).
static const KeyDef kOrder247[] = {
    KD("OrderCode", SKP_S_ORDER_CODE),           KD("ServiceTypeID", SKP_S_SERVICE_TYPE),
    KD("ReceiverAddress", SKP_S_RCV_ADDRESS),    KD("ReceiverProvinceName", SKP_S_RCV_PROVINCE),
    KD("ReceiverDistrictName", SKP_S_RCV_DISTRICT), KD("ReceiverPhone", SKP_S_RCV_PHONE),
    KD("ClientHubID", SKP_S_CLIENT_HUB),         KD("CusWareHouseID", SKP_S_CUS_WAREHOUSE),
    KD("CusWarehouseID", SKP_S_CUS_WAREHOUSE_ALT), KD("MailerType", SKP_S_MAILER_TYPE),
    KD("RealWeight", SKP_S_REAL_WEIGHT),         KD("InformFee", SKP_S_INFORM_FEE),
    KD("CODAmount", SKP_S_COD_AMOUNT),           KD("COPAmt", SKP_S_COP_AMT),
    KD("Quantity", SKP_S_QUANTITY),              KD("Packages", SKP_S_PACKAGES),
    KD("ExtraServices", K_EXTRAS),               KD("ExtraService", K_EXTRAS),
};
// Top level (or envelope payload): the union of the flat shapes plus the containers.
static const KeyDef kRootExtra[] = {
    KD("value", K_VALUE),              KD("statusObj", K_STATUSOBJ),
    KD("date", K_WH_DATE),             KD("dateTime", K_WH_DATETIME),
    KD("dateTimeISO", K_WH_DATETIME_ISO), KD("POD", K_POD),
    KD("POD_B64", K_POD_B64),          KD("OrderInfo", K_ORDERINFO),
    KD("Data", K_DATA),                KD("guide", K_GUIDE),
    KD("payload", K_PAYLOAD),          KD("receivedAt", SKP_S_RECEIVED_AT),
};
static const KeyDef kPackage[] = {
    KD("Length", SKP_S_LENGTH), KD("Width", SKP_S_WIDTH),
    KD("Height", SKP_S_HEIGHT), KD("RealWeight", SKP_S_REAL_WEIGHT),
};
static const KeyDef kExtra[] = {KD("ServiceID", K_SERVICE_ID)};
static const KeyDef kData[] = {KD("Orders", K_ORDERS)};
static const KeyDef kOrdersItem[] = {KD("Histories", K_HISTORIES)};
static const KeyDef kGuide[] = {
    KD("guideNumber", K_GUIDE_NUMBER), KD("currentStatus", K_CURRENT_STATUS),
    KD("POD", K_POD), KD("POD_B64", K_POD_B64), KD("format", K_FORMAT),
};
static const KeyDef kCurStatus[] = {
    KD("status", K_CS_STATUS), KD("code", K_CS_CODE), KD("date", K_CS_DATE), KD("time", K_CS_TIME),
};
static const KeyDef kStatusObj[] = {KD("id", K_SO_ID), KD("code", K_SO_CODE)};
#undef KD

template <size_t N>
static inline int find_key(const KeyDef (&table)[N], std::string_view key) {
    for (size_t i = 0; i < N; i++) {
        if (table[i].len == key.size() && std::memcmp(table[i].name, key.data(), key.size()) == 0) {
            return table[i].id;
        }
    }
    return -1;
}

/// Keys of each context, bucketed by length: a lookup compares at most a few same-length keys.
struct KeyTable {
    static constexpr size_t kMaxLen = 24;
    std::vector<KeyDef> byLen[kMaxLen + 1];

    template <size_t N>
    void add(const KeyDef (&table)[N]) {
        for (size_t i = 0; i < N; i++) {
            std::vector<KeyDef> &bucket = byLen[table[i].len];
            bool known = false;
            for (const KeyDef &k : bucket) known = known || std::memcmp(k.name, table[i].name, k.len) == 0;
            if (!known) bucket.push_back(table[i]);  // first definition wins, as in the ordered search
        }
    }

    int find(std::string_view key) const {
        if (key.size() > kMaxLen) return -1;
        for (const KeyDef &k : byLen[key.size()]) {
            if (k.name[0] == key[0] && std::memcmp(k.name, key.data(), key.size()) == 0) return k.id;
        }
        return -1;
    }
};

static const KeyTable *make_tables() {
    static KeyTable tables[C_STATUSOBJ + 1];
    tables[C_ROOT].add(kEvent247);
    tables[C_ROOT].add(kOrder247);
    tables[C_ROOT].add(kRootExtra);
    tables[C_ORDER].add(kOrder247);
    tables[C_HISTORY].add(kEvent247);
    tables[C_PACKAGE].add(kPackage);
    tables[C_EXTRA].add(kExtra);
    tables[C_DATA].add(kData);
    tables[C_ORDERS_ITEM].add(kOrdersItem);
    tables[C_GUIDE].add(kGuide);
    tables[C_CURSTATUS].add(kCurStatus);
    tables[C_STATUSOBJ].add(kStatusObj);
    return tables;
}

static int lookup(Ctx ctx, std::string_view key) {
    static const KeyTable *tables = make_tables();
    if (key.empty()) return -1;
    return tables[ctx].find(key);
}

static inline bool is_ws(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
/// Whitespace in the JSON grammar (RFC 8259): no form feed or vertical tab.
static inline bool is_json_ws(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
static bool valid_number(std::string_view s) {
    size_t i = 0, n = s.size();
    if (i < n && s[i] == '-') i++;
    if (i >= n) return false;
    if (s[i] == '0') {
        i++;
    } else if (s[i] >= '1' && s[i] <= '9') {
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    } else {
        return false;
    }
    if (i < n && s[i] == '.') {
        i++;
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == d) return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == d) return false;
    }
    return i == n;
}

static inline int hexval(uint8_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Strict validation of a JSON text span that On-Demand skipped natively (`raw_json()`), so that
/// skipping stays as strict as visiting: grammar of objects, arrays, strings (escapes, surrogate
/// pairs), numbers and literals, and nesting depth. UTF-8 and unescaped control characters were
/// already checked for the whole document by simdjson's stage 1. Runs at byte speed: this is what
/// keeps multi-megabyte proof-of-delivery arrays cheap.
struct SpanValidator {
    const uint8_t *p;
    const uint8_t *end;
    uint32_t max_depth;
    int error = SKP_OK;

    void ws() { while (p < end && is_ws(*p) && *p != '\f' && *p != '\v') p++; }

    bool fail(int reason) { if (error == SKP_OK) error = reason; return false; }

    bool string() {  // at the opening quote
        p++;
        while (p < end) {
            uint8_t c = *p;
            if (c == '"') { p++; return true; }
            if (c != '\\') { p++; continue; }
            if (p + 1 >= end) return fail(SKP_R_INVALID_JSON);
            uint8_t e = p[1];
            if (e == 'u') {
                uint32_t cp = 0;
                if (!hex4(p + 2, &cp)) return fail(SKP_R_INVALID_JSON);
                p += 6;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(SKP_R_INVALID_JSON);  // lone low surrogate
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t lo = 0;
                    if (p + 1 >= end || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                        return fail(SKP_R_INVALID_JSON);
                    }
                    p += 6;
                }
                continue;
            }
            if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') { p += 2; continue; }
            return fail(SKP_R_INVALID_JSON);
        }
        return fail(SKP_R_INVALID_JSON);
    }

    bool hex4(const uint8_t *q, uint32_t *out) {
        if (q + 4 > end) return false;
        uint32_t v = 0;
        for (int i = 0; i < 4; i++) {
            int h = hexval(q[i]);
            if (h < 0) return false;
            v = v << 4 | uint32_t(h);
        }
        *out = v;
        return true;
    }

    static bool digit(uint8_t c) { return c >= '0' && c <= '9'; }

    /// One number, in a single pass: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    bool number() {
        if (p < end && *p == '-') p++;
        if (p >= end) return fail(SKP_R_INVALID_JSON);
        if (*p == '0') {
            p++;
        } else if (*p >= '1' && *p <= '9') {
            p++;
            while (p < end && digit(*p)) p++;
        } else {
            return fail(SKP_R_INVALID_JSON);
        }
        if (p < end && *p == '.') {
            p++;
            if (p >= end || !digit(*p)) return fail(SKP_R_INVALID_JSON);
            while (p < end && digit(*p)) p++;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            p++;
            if (p < end && (*p == '+' || *p == '-')) p++;
            if (p >= end || !digit(*p)) return fail(SKP_R_INVALID_JSON);
            while (p < end && digit(*p)) p++;
        }
        // A number must end at a delimiter (so `12a` or `1.2.3` is not read as a number plus junk).
        if (p < end && !(*p == ',' || *p == ']' || *p == '}' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
            return fail(SKP_R_INVALID_JSON);
        }
        return true;
    }

    bool literal(const char *word, size_t n) {
        if (size_t(end - p) < n || std::memcmp(p, word, n) != 0) return fail(SKP_R_INVALID_JSON);
        p += n;
        return true;
    }

    /// Fast path for an array of integers (`[137, 80, 78, …]`: attachments as byte arrays), at
    /// a few instructions per byte. Returns false, without moving, at anything else (a fraction,
    /// an exponent, a string, a nested container, a syntax error) so the general path decides.
    bool int_array() {
        // The span ends with this array's `]` when the array fills it (raw_json()); that byte
        // stops every inner loop, so they need no bounds checks. Otherwise use the general path.
        if (end - p < 2 || end[-1] != ']') return false;
        const uint8_t *q = p + 1;
        const uint8_t *last = end - 1;  // the closing bracket
        auto space = [&] { while (*q <= ' ' && (*q == ' ' || *q == '\n' || *q == '\r' || *q == '\t')) q++; };
        space();
        if (*q == ']') {  // empty: only when it fills the span; never move p and return false
            if (q != last) return false;
            p = q + 1;
            return true;
        }
        while (true) {
            if (*q == '-') q++;
            uint8_t d = uint8_t(*q - '0');
            if (d > 9) return false;
            q++;
            if (d != 0) {
                while (uint8_t(*q - '0') < 10) q++;
            }
            if (*q == ',') {
                q++;
                while (*q == ' ') q++;          // the usual ", " separator, inline
                if (*q <= ' ') space();         // other whitespace (rare)
                continue;
            }
            if (*q <= ' ') {
                space();
                if (*q == ',') { q++; space(); continue; }
            }
            if (*q == ']' && q == last) { p = q + 1; return true; }
            return false;
        }
    }

    /// One value at nesting `depth` (the depth a container here would have).
    bool value(uint32_t depth) {
        ws();
        if (p >= end) return fail(SKP_R_INVALID_JSON);
        switch (*p) {
        case '{': {
            if (depth > max_depth) return fail(SKP_R_TOO_DEEP);
            p++;
            ws();
            if (p < end && *p == '}') { p++; return true; }
            while (true) {
                ws();
                if (p >= end || *p != '"') return fail(SKP_R_INVALID_JSON);
                if (!string()) return false;
                ws();
                if (p >= end || *p != ':') return fail(SKP_R_INVALID_JSON);
                p++;
                if (!value(depth + 1)) return false;
                ws();
                if (p < end && *p == ',') { p++; continue; }
                if (p < end && *p == '}') { p++; return true; }
                return fail(SKP_R_INVALID_JSON);
            }
        }
        case '[': {
            if (depth > max_depth) return fail(SKP_R_TOO_DEEP);
            if (int_array()) return true;
            p++;
            ws();
            if (p < end && *p == ']') { p++; return true; }
            while (true) {
                // Arrays of numbers (attachments as byte arrays: [137,80,78,…]) stay in this loop.
                if (p < end && (digit(*p) || *p == '-')) {
                    if (!number()) return false;
                } else if (!value(depth + 1)) {
                    return false;
                }
                if (p < end && *p == ',') { p++; ws(); continue; }
                ws();
                if (p < end && *p == ',') { p++; ws(); continue; }
                if (p < end && *p == ']') { p++; return true; }
                return fail(SKP_R_INVALID_JSON);
            }
        }
        case '"': return string();
        case 't': return literal("true", 4);
        case 'f': return literal("false", 5);
        case 'n': return literal("null", 4);
        default:
            if (*p == '-' || (*p >= '0' && *p <= '9')) return number();
            return fail(SKP_R_INVALID_JSON);
        }
    }

    /// Validates exactly one value filling the span (trailing whitespace allowed).
    bool whole(uint32_t depth) {
        if (!value(depth)) return false;
        ws();
        return p == end || fail(SKP_R_INVALID_JSON);
    }
};

/// The values of one JSON object's recognised keys.
struct Scratch {
    skp_value v[K_COUNT];
    uint64_t seen = 0;
    const char *dup = nullptr;  // first duplicated recognised key, if any
    uint8_t flags = 0;
    // Containers found below this object.
    size_t packages_begin = 0, packages_count = 0;  // into Decoder::packages
    bool has_history = false;                       // Data.Orders[].Histories[] were walked
    Scratch *orderinfo = nullptr, *guide = nullptr, *statusobj = nullptr, *payload = nullptr;
    Scratch *cur = nullptr;                         // guide.currentStatus
    Scratch() { std::memset(v, 0, sizeof(v)); }
};

struct WalkError {
    int reason = SKP_OK;
    const char *detail = "";
    long long offset = -1;
};

} // namespace

struct skp_parser {
    ondemand::parser parser;
    uint32_t max_depth;
    std::vector<uint8_t> arena;
    std::vector<skp_record> records;
    std::vector<skp_record> packages;   // scratch for packages of the order being walked
    std::vector<skp_record> histories;  // scratch for status-log items of the document
    // Scratches of nested known objects (OrderInfo, guide, currentStatus, statusObj, payload).
    // Callers hold `Scratch *` into the pool while it grows, so it is a deque (emplace_back never
    // moves existing elements). It was a vector reserved to `max_depth + 8`, which a chain of
    // payloads each holding OrderInfo/guide/statusObj outgrows (up to 5 per level): the vector
    // reallocated and the walk wrote through dangling pointers (heap-use-after-free under ASan;
    // regression: Tests/ShipKPIIOTests/FuzzRegressions/payload-chain-scratch-uaf.json).
    // Elements are reused across documents (`scratch_used`), so no allocation after warm-up.
    std::deque<Scratch> scratch_pool;
    size_t scratch_used = 0;
    WalkError err;
    const uint8_t *doc_begin = nullptr;

    /// Off only to check that both paths decide alike (SHIPKPI_JSON_EXACT=1 in the tests).
    bool use_dom = true;

    explicit skp_parser(uint32_t depth) : parser(SIMDJSON_MAXSIZE_BYTES), max_depth(depth) {
        const char *exact = std::getenv("SHIPKPI_JSON_EXACT");
        use_dom = !(exact && exact[0] == '1');
    }

    // ----- helpers ---------------------------------------------------------------------------
    bool fail(int reason, const char *detail, const char *at = nullptr) {
        if (err.reason == SKP_OK) {
            err.reason = reason;
            err.detail = detail;
            err.offset = at ? (long long)(reinterpret_cast<const uint8_t *>(at) - doc_begin) : -1;
        }
        return false;
    }
    bool fail_code(error_code e, const char *at = nullptr) {
        switch (e) {
        case UTF8_ERROR: return fail(SKP_R_INVALID_UTF8, "the text is not valid UTF-8", at);
        case UNESCAPED_CHARS: return fail(SKP_R_INVALID_JSON, "a string contains an unescaped control character", at);
        case STRING_ERROR: return fail(SKP_R_INVALID_JSON, "a string has an invalid escape sequence", at);
        case DEPTH_ERROR: return fail(SKP_R_TOO_DEEP, "the document is nested too deeply", at);
        case INCOMPLETE_ARRAY_OR_OBJECT: return fail(SKP_R_INVALID_JSON, "the document ends inside an object or array", at);
        case T_ATOM_ERROR: case F_ATOM_ERROR: case N_ATOM_ERROR:
            return fail(SKP_R_INVALID_JSON, "an invalid literal (expected true, false or null)", at);
        case NUMBER_ERROR: return fail(SKP_R_INVALID_JSON, "an invalid number", at);
        case TRAILING_CONTENT: return fail(SKP_R_INVALID_JSON, "unexpected content after the document", at);
        case EMPTY: return fail(SKP_R_INVALID_JSON, "the document is empty", at);
        default: return fail(SKP_R_INVALID_JSON, "malformed JSON (missing comma, colon, quote or bracket)", at);
        }
    }

    skp_value put(const uint8_t *p, size_t n, uint8_t type, bool trim) {
        if (trim) {
            while (n > 0 && is_ws(p[0])) { p++; n--; }
            while (n > 0 && is_ws(p[n - 1])) n--;
        }
        skp_value out;
        out.off = (uint32_t)arena.size();
        out.len = (uint32_t)n;
        out.type = type;
        arena.insert(arena.end(), p, p + n);
        return out;
    }

    // ----- the walk --------------------------------------------------------------------------
    /// Validates any value without keeping it. `size_out` receives, for deciding whether an
    /// attachment is present: 1 for a non-empty array or object, the trimmed length for a string.
    ///
    /// Containers are skipped natively by On-Demand (`raw_json()`, structural indexes only) and
    /// their text is validated by `SpanValidator`; strings without a backslash are not unescaped.
    bool skip(ondemand::value val, uint32_t depth, size_t *size_out) {
        ondemand::json_type t;
        const char *loc = nullptr;
        (void)val.current_location().get(loc);
        error_code e = val.type().get(t);
        if (e) return fail_code(e, loc);
        switch (t) {
        case ondemand::json_type::object:
        case ondemand::json_type::array: {
            if (depth > max_depth) return fail(SKP_R_TOO_DEEP, "the document is nested too deeply", loc);
            std::string_view raw;
            if (t == ondemand::json_type::object) {
                ondemand::object obj;
                if ((e = val.get_object().get(obj))) return fail_code(e, loc);
                if ((e = obj.raw_json().get(raw))) return fail_code(e, loc);
            } else {
                ondemand::array arr;
                if ((e = val.get_array().get(arr))) return fail_code(e, loc);
                if ((e = arr.raw_json().get(raw))) return fail_code(e, loc);
            }
            SpanValidator v{reinterpret_cast<const uint8_t *>(raw.data()), reinterpret_cast<const uint8_t *>(raw.data()) + raw.size(), max_depth};
            if (!v.whole(depth)) {
                return fail(v.error, v.error == SKP_R_TOO_DEEP ? "the document is nested too deeply"
                                                               : "malformed JSON (missing comma, colon, quote or bracket)",
                            reinterpret_cast<const char *>(v.p));
            }
            if (size_out) {
                // Non-empty when something other than whitespace sits between the brackets.
                size_t i = 1;
                while (i + 1 < raw.size() && is_ws((uint8_t)raw[i])) i++;
                *size_out = (i + 1 < raw.size() && raw[i] != ']' && raw[i] != '}') ? 1 : 0;
            }
            return true;
        }
        case ondemand::json_type::string: {
            std::string_view token = val.raw_json_token();
            if (std::memchr(token.data(), '\\', token.size()) == nullptr) {
                // No escape: stage 1 already validated UTF-8 and control characters.
                ondemand::raw_json_string raw;
                if ((e = val.get_raw_json_string().get(raw))) return fail_code(e, loc);
                if (size_out) {
                    size_t close = token.rfind('"');
                    size_t n = close == std::string_view::npos || close == 0 ? 0 : close - 1;
                    const char *q = token.data() + 1;
                    while (n > 0 && is_ws((uint8_t)q[0])) { q++; n--; }
                    *size_out = n;
                }
                return true;
            }
            std::string_view s;
            if ((e = val.get_string().get(s))) return fail_code(e, loc);
            if (size_out) {
                size_t n = s.size();
                const char *q = s.data();
                while (n > 0 && is_ws((uint8_t)q[0])) { q++; n--; }
                *size_out = n;
            }
            return true;
        }
        case ondemand::json_type::number: {
            std::string_view raw = val.raw_json_token();
            while (!raw.empty() && is_ws((uint8_t)raw.back())) raw.remove_suffix(1);
            if (!valid_number(raw)) return fail(SKP_R_INVALID_JSON, "an invalid number", loc);
            if (size_out) *size_out = 1;
            return true;
        }
        case ondemand::json_type::boolean: {
            bool b;
            if ((e = val.get_bool().get(b))) return fail_code(e, loc);
            if (size_out) *size_out = 1;
            return true;
        }
        case ondemand::json_type::null: {
            bool isnull = false;
            if ((e = val.is_null().get(isnull))) return fail_code(e, loc);
            if (!isnull) return fail(SKP_R_INVALID_JSON, "an invalid literal (expected true, false or null)", loc);
            if (size_out) *size_out = 0;
            return true;
        }
        }
        return fail(SKP_R_INVALID_JSON, "an unexpected value");
    }

    /// Stores a scalar value into `slot` (containers: type only, content validated and dropped).
    bool store(ondemand::value val, uint32_t depth, skp_value *slot) {
        ondemand::json_type t;
        const char *loc = nullptr;
        (void)val.current_location().get(loc);
        error_code e = val.type().get(t);
        if (e) return fail_code(e, loc);
        switch (t) {
        case ondemand::json_type::string: {
            std::string_view s;
            if ((e = val.get_string().get(s))) return fail_code(e, loc);
            *slot = put(reinterpret_cast<const uint8_t *>(s.data()), s.size(), SKP_T_STRING, true);
            return true;
        }
        case ondemand::json_type::number: {
            std::string_view raw = val.raw_json_token();
            while (!raw.empty() && is_ws((uint8_t)raw.back())) raw.remove_suffix(1);
            if (!valid_number(raw)) return fail(SKP_R_INVALID_JSON, "an invalid number", loc);
            *slot = put(reinterpret_cast<const uint8_t *>(raw.data()), raw.size(), SKP_T_NUMBER, false);
            return true;
        }
        case ondemand::json_type::boolean: {
            bool b;
            if ((e = val.get_bool().get(b))) return fail_code(e, loc);
            *slot = b ? put(reinterpret_cast<const uint8_t *>("true"), 4, SKP_T_BOOL, false)
                      : put(reinterpret_cast<const uint8_t *>("false"), 5, SKP_T_BOOL, false);
            return true;
        }
        case ondemand::json_type::null: {
            bool isnull = false;
            if ((e = val.is_null().get(isnull))) return fail_code(e, loc);
            if (!isnull) return fail(SKP_R_INVALID_JSON, "an invalid literal (expected true, false or null)", loc);
            slot->type = SKP_T_NULL;
            slot->off = slot->len = 0;
            return true;
        }
        case ondemand::json_type::object:
        case ondemand::json_type::array: {
            slot->type = (t == ondemand::json_type::object) ? SKP_T_OBJECT : SKP_T_ARRAY;
            slot->off = slot->len = 0;
            return skip(val, depth, nullptr);
        }
        }
        return fail(SKP_R_INVALID_JSON, "an unexpected value");
    }

    Scratch *new_scratch() {
        if (scratch_used == scratch_pool.size()) {
            scratch_pool.emplace_back();
        } else {
            scratch_pool[scratch_used] = Scratch();
        }
        return &scratch_pool[scratch_used++];
    }

    /// Walks an object in context `ctx`, filling `sc`.
    bool walk_object(ondemand::object obj, Ctx ctx, uint32_t depth, Scratch *sc) {
        if (depth > max_depth) return fail(SKP_R_TOO_DEEP, "the document is nested too deeply");
        error_code e;
        for (auto field : obj) {
            // simdjson's vectorised unescaping beats scanning short keys for escapes ourselves.
            std::string_view key;
            if ((e = field.unescaped_key().get(key))) return fail_code(e);
            ondemand::value val;
            if ((e = field.value().get(val))) return fail_code(e);
            int id = lookup(ctx, key);
            if (id < 0) {
                if (!skip(val, depth + 1, nullptr)) return false;
                continue;
            }
            uint64_t bit = 1ull << id;
            if (sc->seen & bit) {
                if (!sc->dup) sc->dup = "a field appears twice in one object";
                if (!skip(val, depth + 1, nullptr)) return false;
                continue;
            }
            sc->seen |= bit;
            if (!walk_key(val, ctx, id, depth + 1, sc)) return false;
        }
        return true;
    }

    /// Type of a value without consuming it; ABSENT on error (the walk reports the error).
    static uint8_t peek_type(ondemand::value &val) {
        ondemand::json_type t;
        if (val.type().get(t)) return SKP_T_ABSENT;
        switch (t) {
        case ondemand::json_type::object: return SKP_T_OBJECT;
        case ondemand::json_type::array: return SKP_T_ARRAY;
        case ondemand::json_type::string: return SKP_T_STRING;
        case ondemand::json_type::number: return SKP_T_NUMBER;
        case ondemand::json_type::boolean: return SKP_T_BOOL;
        case ondemand::json_type::null: return SKP_T_NULL;
        }
        return SKP_T_ABSENT;
    }

    /// The record of one status-log history item (`hs` nil when the item is not an object).
    skp_record history_record(const Scratch *hs) {
        skp_record rec;
        std::memset(&rec, 0, sizeof(rec));
        rec.sub_index = (uint32_t)histories.size() + 1;
        rec.flags = SKP_F_STATUS_LOG;
        if (!hs) {
            rec.kind = SKP_K_REJECT; rec.reason = SKP_R_UNKNOWN_SHAPE;
            rec.detail = "a status-log history item is not an object";
            return rec;
        }
        for (int s = 0; s < SKP_NSLOTS; s++) rec.slot[s] = hs->v[s];
        if (hs->dup) {
            rec.kind = SKP_K_REJECT; rec.reason = SKP_R_DUPLICATE_KEY; rec.detail = hs->dup;
        } else if (missing(hs->v[SKP_S_ORDER_CODE])) {
            rec.kind = SKP_K_REJECT; rec.reason = SKP_R_MISSING_ORDER_CODE;
            rec.detail = "history item: OrderCode is missing";
        } else if (missing(hs->v[SKP_S_STATUS])) {
            rec.kind = SKP_K_REJECT; rec.reason = SKP_R_MISSING_STATUS;
            rec.detail = "history item: Status is missing";
        } else {
            rec.kind = SKP_K_EVENT_247;
        }
        return rec;
    }

    /// The record of one package (`ps` nil when the package is not an object).
    static skp_record package_record(const Scratch *ps) {
        skp_record pkg;
        std::memset(&pkg, 0, sizeof(pkg));
        pkg.kind = SKP_K_PACKAGE_247;
        if (!ps) {
            pkg.reason = SKP_R_INVALID_FIELD;  // a package that is not an object
            return pkg;
        }
        for (int s : {SKP_S_LENGTH, SKP_S_WIDTH, SKP_S_HEIGHT, SKP_S_REAL_WEIGHT}) pkg.slot[s] = ps->v[s];
        if (ps->dup) pkg.reason = SKP_R_DUPLICATE_KEY;
        return pkg;
    }

    bool is_dvbh(const Scratch &xs) const {
        const skp_value &sid = xs.v[K_SERVICE_ID];
        return sid.type == SKP_T_STRING && sid.len == 4 && std::memcmp(arena.data() + sid.off, "DVBH", 4) == 0;
    }

    /// A scratch for the known object under key `id`, linked from its parent; its context.
    Ctx attach_child(Scratch *sc, int id, Scratch **child) {
        *child = new_scratch();
        switch (id) {
        case K_CURRENT_STATUS: sc->cur = *child; return C_CURSTATUS;
        case K_ORDERINFO: sc->orderinfo = *child; return C_ORDER;
        case K_GUIDE: sc->guide = *child; return C_GUIDE;
        case K_STATUSOBJ: sc->statusobj = *child; return C_STATUSOBJ;
        default: sc->payload = *child; return C_ROOT;  // walked like a top level; envelopes do not nest
        }
    }

    static void attachment_flag(Scratch *sc, int id, uint8_t t, size_t n) {
        if ((t == SKP_T_STRING || t == SKP_T_ARRAY || t == SKP_T_OBJECT) && n > 0) {
            sc->flags |= (id == K_FORMAT) ? SKP_F_HAS_ATTACHMENT : SKP_F_HAS_POD;
        }
    }

    bool walk_key(ondemand::value val, Ctx ctx, int id, uint32_t depth, Scratch *sc) {
        error_code e;
        uint8_t t = peek_type(val);
        switch (id) {
        case K_POD: case K_POD_B64: case K_FORMAT: {
            size_t n = 0;
            if (!skip(val, depth, &n)) return false;
            attachment_flag(sc, id, t, n);
            sc->v[id].type = t;
            return true;
        }
        case SKP_S_PACKAGES:
            if (ctx != C_ROOT && ctx != C_ORDER) break;
            sc->v[id].type = t;
            if (t != SKP_T_ARRAY) return skip(val, depth, nullptr);
            {
                ondemand::array arr;
                if ((e = val.get_array().get(arr))) return fail_code(e);
                sc->packages_begin = packages.size();
                for (auto item : arr) {
                    ondemand::value child;
                    if ((e = item.get(child))) return fail_code(e);
                    if (peek_type(child) == SKP_T_OBJECT) {
                        ondemand::object pobj;
                        if ((e = child.get_object().get(pobj))) return fail_code(e);
                        Scratch ps;
                        if (!walk_object(pobj, C_PACKAGE, depth + 1, &ps)) return false;
                        packages.push_back(package_record(&ps));
                    } else {
                        if (!skip(child, depth + 1, nullptr)) return false;
                        packages.push_back(package_record(nullptr));
                    }
                }
                sc->packages_count = packages.size() - sc->packages_begin;
            }
            return true;
        case K_EXTRAS:
            sc->v[id].type = t;
            if (t != SKP_T_ARRAY) {
                if (t != SKP_T_NULL) sc->flags |= SKP_F_EXTRA_NOT_ARRAY;
                return skip(val, depth, nullptr);
            }
            {
                ondemand::array arr;
                if ((e = val.get_array().get(arr))) return fail_code(e);
                for (auto item : arr) {
                    ondemand::value child;
                    if ((e = item.get(child))) return fail_code(e);
                    if (peek_type(child) == SKP_T_OBJECT) {
                        ondemand::object xobj;
                        if ((e = child.get_object().get(xobj))) return fail_code(e);
                        Scratch xs;
                        if (!walk_object(xobj, C_EXTRA, depth + 1, &xs)) return false;
                        if (is_dvbh(xs)) sc->flags |= SKP_F_HAS_DVBH;
                    } else if (!skip(child, depth + 1, nullptr)) {
                        return false;
                    }
                }
            }
            return true;
        case K_ORDERINFO: case K_GUIDE: case K_STATUSOBJ: case K_PAYLOAD: case K_CURRENT_STATUS: {
            sc->v[id].type = t;
            if (t != SKP_T_OBJECT) return skip(val, depth, nullptr);
            ondemand::object obj;
            if ((e = val.get_object().get(obj))) return fail_code(e);
            Scratch *child = nullptr;
            Ctx cctx = attach_child(sc, id, &child);
            return walk_object(obj, cctx, depth, child);
        }
        case K_DATA: {
            sc->v[id].type = t;
            if (t != SKP_T_OBJECT) return skip(val, depth, nullptr);
            ondemand::object obj;
            if ((e = val.get_object().get(obj))) return fail_code(e);
            Scratch ds;
            if (!walk_object(obj, C_DATA, depth, &ds)) return false;
            if (ds.v[K_ORDERS].type == SKP_T_ARRAY) sc->has_history = true;
            sc->v[K_ORDERS] = ds.v[K_ORDERS];
            return true;
        }
        case K_ORDERS: {
            sc->v[id].type = t;
            if (t != SKP_T_ARRAY) return skip(val, depth, nullptr);
            ondemand::array arr;
            if ((e = val.get_array().get(arr))) return fail_code(e);
            for (auto item : arr) {
                ondemand::value child;
                if ((e = item.get(child))) return fail_code(e);
                if (peek_type(child) != SKP_T_OBJECT) {
                    if (!skip(child, depth + 1, nullptr)) return false;
                    continue;  // an order entry that is not an object carries no events
                }
                ondemand::object oobj;
                if ((e = child.get_object().get(oobj))) return fail_code(e);
                Scratch os;
                if (!walk_object(oobj, C_ORDERS_ITEM, depth + 1, &os)) return false;
            }
            return true;
        }
        case K_HISTORIES: {
            sc->v[id].type = t;
            if (t != SKP_T_ARRAY) return skip(val, depth, nullptr);
            ondemand::array arr;
            if ((e = val.get_array().get(arr))) return fail_code(e);
            for (auto item : arr) {
                ondemand::value child;
                if ((e = item.get(child))) return fail_code(e);
                if (peek_type(child) != SKP_T_OBJECT) {
                    if (!skip(child, depth + 1, nullptr)) return false;
                    histories.push_back(history_record(nullptr));
                } else {
                    ondemand::object hobj;
                    if ((e = child.get_object().get(hobj))) return fail_code(e);
                    Scratch hs;
                    if (!walk_object(hobj, C_HISTORY, depth + 1, &hs)) return false;
                    histories.push_back(history_record(&hs));
                }
            }
            return true;
        }
        default:
            break;
        }
        // Plain scalar slot (or a container where a scalar was expected: type kept, content dropped).
        if (id >= K_COUNT) return skip(val, depth, nullptr);
        return store(val, depth, &sc->v[id]);
    }

    static bool missing(const skp_value &v) {
        return v.type == SKP_T_ABSENT || v.type == SKP_T_NULL || (v.type == SKP_T_STRING && v.len == 0);
    }
    static bool present(const skp_value &v) { return !missing(v); }

    void emit_reject(uint8_t reason, const char *detail, uint8_t flags) {
        skp_record rec;
        std::memset(&rec, 0, sizeof(rec));
        rec.kind = SKP_K_REJECT;
        rec.reason = reason;
        rec.detail = detail;
        rec.flags = flags;
        records.push_back(rec);
    }

    void emit_order(Scratch *sc, uint8_t flags, const skp_value &received_at) {
        skp_record rec;
        std::memset(&rec, 0, sizeof(rec));
        if (missing(sc->v[SKP_S_ORDER_CODE])) {
            emit_reject(SKP_R_MISSING_ORDER_CODE, "order record: OrderCode is missing", flags);
            return;
        }
        if (sc->dup) { emit_reject(SKP_R_DUPLICATE_KEY, sc->dup, flags); return; }
        rec.kind = SKP_K_ORDER_247;
        rec.flags = flags | sc->flags;
        for (int s = 0; s < SKP_NSLOTS; s++) rec.slot[s] = sc->v[s];
        rec.slot[SKP_S_RECEIVED_AT] = received_at;
        rec.package_count = (uint32_t)sc->packages_count;
        records.push_back(rec);
        for (size_t i = 0; i < sc->packages_count; i++) records.push_back(packages[sc->packages_begin + i]);
    }

    /// Decides what one top-level (or payload) object is; SPEC §1 and §11.
    void finish_object(Scratch *sc, uint8_t flags, const skp_value &received_at) {
        const skp_value *v = sc->v;
        // Envelope.
        if (v[K_PAYLOAD].type != SKP_T_ABSENT && !(flags & SKP_F_ENVELOPE)) {
            if (v[K_PAYLOAD].type != SKP_T_OBJECT || !sc->payload) {
                emit_reject(SKP_R_UNKNOWN_SHAPE, "envelope: payload is not an object", flags);
                return;
            }
            finish_object(sc->payload, flags | SKP_F_ENVELOPE, v[SKP_S_RECEIVED_AT]);
            return;
        }
        if (sc->dup) { emit_reject(SKP_R_DUPLICATE_KEY, sc->dup, flags); return; }
        // 247Express order record wrapped in OrderInfo.
        if (v[K_ORDERINFO].type != SKP_T_ABSENT) {
            if (v[K_ORDERINFO].type != SKP_T_OBJECT || !sc->orderinfo) {
                emit_reject(SKP_R_UNKNOWN_SHAPE, "OrderInfo is not an object", flags);
                return;
            }
            emit_order(sc->orderinfo, flags, received_at);
            return;
        }
        // 247Express GetStatusLogs export.
        if (v[K_DATA].type != SKP_T_ABSENT) {
            if (!sc->has_history) {
                emit_reject(SKP_R_UNKNOWN_SHAPE, "Data has no Orders array", flags);
                return;
            }
            for (auto &h : histories) {
                h.flags |= flags;
                h.slot[SKP_S_RECEIVED_AT] = received_at;
                records.push_back(h);
            }
            return;
        }
        // HoundExpress changeOrderStatus.
        if (v[K_GUIDE].type != SKP_T_ABSENT) {
            if (v[K_GUIDE].type != SKP_T_OBJECT || !sc->guide) {
                emit_reject(SKP_R_UNKNOWN_SHAPE, "guide is not an object", flags);
                return;
            }
            Scratch *g = sc->guide;
            if (g->dup) { emit_reject(SKP_R_DUPLICATE_KEY, g->dup, flags); return; }
            if (g->cur && g->cur->dup) { emit_reject(SKP_R_DUPLICATE_KEY, g->cur->dup, flags); return; }
            if (missing(g->v[K_GUIDE_NUMBER])) {
                emit_reject(SKP_R_MISSING_ORDER_CODE, "guide.guideNumber is missing", flags);
                return;
            }
            if (!g->cur || missing(g->cur->v[K_CS_STATUS])) {
                emit_reject(SKP_R_MISSING_STATUS, "guide.currentStatus.status is missing", flags);
                return;
            }
            skp_record rec;
            std::memset(&rec, 0, sizeof(rec));
            rec.kind = SKP_K_HOUND_STATUS;
            rec.flags = flags | g->flags;
            rec.slot[SKP_S_ORDER_CODE] = g->v[K_GUIDE_NUMBER];
            rec.slot[SKP_S_STATUS] = g->cur->v[K_CS_STATUS];
            rec.slot[SKP_S_STATUS_NAME] = g->cur->v[K_CS_CODE];
            rec.slot[SKP_S_HD_DATE] = g->cur->v[K_CS_DATE];
            rec.slot[SKP_S_HD_TIME] = g->cur->v[K_CS_TIME];
            rec.slot[SKP_S_RECEIVED_AT] = received_at;
            records.push_back(rec);
            return;
        }
        // HoundExpress webhook notification.
        if (v[K_STATUSOBJ].type != SKP_T_ABSENT) {
            Scratch *so = (v[K_STATUSOBJ].type == SKP_T_OBJECT) ? sc->statusobj : nullptr;
            if (so && so->dup) { emit_reject(SKP_R_DUPLICATE_KEY, so->dup, flags); return; }
            if (missing(v[K_VALUE])) {
                emit_reject(SKP_R_MISSING_ORDER_CODE, "webhook: value (the guide number) is missing", flags);
                return;
            }
            if (!so || missing(so->v[K_SO_ID])) {
                emit_reject(SKP_R_MISSING_STATUS, "webhook: statusObj.id is missing", flags);
                return;
            }
            skp_record rec;
            std::memset(&rec, 0, sizeof(rec));
            rec.kind = SKP_K_HOUND_WEBHOOK;
            rec.flags = flags | sc->flags;
            rec.slot[SKP_S_ORDER_CODE] = v[K_VALUE];
            rec.slot[SKP_S_STATUS] = so->v[K_SO_ID];
            rec.slot[SKP_S_STATUS_NAME] = so->v[K_SO_CODE];
            rec.slot[SKP_S_HD_DATETIME_ISO] = v[K_WH_DATETIME_ISO];
            rec.slot[SKP_S_HD_DATETIME] = v[K_WH_DATETIME];
            rec.slot[SKP_S_HD_DATE] = v[K_WH_DATE];
            rec.slot[SKP_S_RECEIVED_AT] = received_at;
            records.push_back(rec);
            return;
        }
        // 247Express status event (flat).
        if (present(v[SKP_S_STATUS])) {
            if (missing(v[SKP_S_ORDER_CODE])) {
                emit_reject(SKP_R_MISSING_ORDER_CODE, "status event: OrderCode is missing", flags);
                return;
            }
            skp_record rec;
            std::memset(&rec, 0, sizeof(rec));
            rec.kind = SKP_K_EVENT_247;
            rec.flags = flags | sc->flags;
            for (int s = 0; s < SKP_NSLOTS; s++) rec.slot[s] = v[s];
            rec.slot[SKP_S_RECEIVED_AT] = received_at;
            records.push_back(rec);
            return;
        }
        // 247Express order record (flat).
        if (present(v[SKP_S_ORDER_CODE]) && present(v[SKP_S_SERVICE_TYPE])) {
            emit_order(sc, flags, received_at);
            return;
        }
        if (present(v[SKP_S_ORDER_CODE])) {
            emit_reject(SKP_R_UNKNOWN_SHAPE, "OrderCode without Status or ServiceTypeID", flags);
            return;
        }
        if (v[K_VALUE].type != SKP_T_ABSENT) {
            emit_reject(SKP_R_UNKNOWN_SHAPE, "value without statusObj", flags);
            return;
        }
        emit_reject(SKP_R_UNKNOWN_SHAPE, "not a known record shape", flags);
    }

    // ----- DOM fast path ---------------------------------------------------------------------
    // simdjson's DOM stage 2 validates a document completely (grammar, escapes, surrogates,
    // literals) about four times faster than the On-Demand walk visits it. It differs in three
    // ways: it rejects numbers beyond 64-bit integers and doubles (`1e400`), it keeps no number
    // text, and its depth limit does not count an innermost empty `[]`. Its limit is therefore
    // one lower than the walk's (63 nested containers pass, deeper documents are left to the
    // walk, which counts every container and has the 64-container rule). So documents up
    // to kDOMLimit bytes go through DOM, and the On-Demand walk parses the document again — and
    // has the final word — whenever DOM reports any error, a stored field holds a non-integer
    // number (amounts need their exact text), or a stored integer 0 might have been written `-0`.
    static constexpr size_t kDOMLimit = 1 << 20;
    dom::parser dom_parser;
    bool dom_ready = false;
    bool dom_saw_zero = false;

    static uint8_t dtype(const dom::element &v) {
        switch (v.type()) {
        case dom::element_type::OBJECT: return SKP_T_OBJECT;
        case dom::element_type::ARRAY: return SKP_T_ARRAY;
        case dom::element_type::STRING: return SKP_T_STRING;
        case dom::element_type::INT64: case dom::element_type::UINT64: case dom::element_type::DOUBLE: return SKP_T_NUMBER;
        case dom::element_type::BOOL: return SKP_T_BOOL;
        case dom::element_type::NULL_VALUE: return SKP_T_NULL;
        }
        return SKP_T_ABSENT;
    }

    /// Stores a scalar like `store`; false (use the exact walk) for a non-integer number.
    bool dstore(const dom::element &v, skp_value *slot) {
        char digits[24];
        switch (v.type()) {
        case dom::element_type::STRING: {
            std::string_view s = v.get_string().value_unsafe();
            *slot = put(reinterpret_cast<const uint8_t *>(s.data()), s.size(), SKP_T_STRING, true);
            return true;
        }
        case dom::element_type::INT64: {
            int64_t i = v.get_int64().value_unsafe();
            if (i == 0) dom_saw_zero = true;
            auto r = std::to_chars(digits, digits + sizeof(digits), i);
            *slot = put(reinterpret_cast<const uint8_t *>(digits), size_t(r.ptr - digits), SKP_T_NUMBER, false);
            return true;
        }
        case dom::element_type::UINT64: {
            auto r = std::to_chars(digits, digits + sizeof(digits), v.get_uint64().value_unsafe());
            *slot = put(reinterpret_cast<const uint8_t *>(digits), size_t(r.ptr - digits), SKP_T_NUMBER, false);
            return true;
        }
        case dom::element_type::DOUBLE:
            return false;
        case dom::element_type::BOOL:
            *slot = v.get_bool().value_unsafe() ? put(reinterpret_cast<const uint8_t *>("true"), 4, SKP_T_BOOL, false)
                                                : put(reinterpret_cast<const uint8_t *>("false"), 5, SKP_T_BOOL, false);
            return true;
        case dom::element_type::NULL_VALUE:
            slot->type = SKP_T_NULL;
            slot->off = slot->len = 0;
            return true;
        case dom::element_type::OBJECT: case dom::element_type::ARRAY:
            slot->type = dtype(v);
            slot->off = slot->len = 0;
            return true;
        }
        return false;
    }

    /// The array by value: iterating `v.get_array().value_unsafe()` directly would iterate a
    /// member of a temporary result that is already destroyed.
    static dom::array array_of(const dom::element &v) { return v.get_array().value_unsafe(); }

    bool dwalk_object(const dom::object &obj, Ctx ctx, Scratch *sc) {
        for (dom::key_value_pair field : obj) {
            int id = lookup(ctx, field.key);
            if (id < 0) continue;
            uint64_t bit = 1ull << id;
            if (sc->seen & bit) {
                if (!sc->dup) sc->dup = "a field appears twice in one object";
                continue;
            }
            sc->seen |= bit;
            if (!dwalk_key(field.value, ctx, id, sc)) return false;
        }
        return true;
    }

    /// `walk_key` over a DOM value (validated already, so there is nothing to skip).
    bool dwalk_key(const dom::element &val, Ctx ctx, int id, Scratch *sc) {
        uint8_t t = dtype(val);
        switch (id) {
        case K_POD: case K_POD_B64: case K_FORMAT: {
            size_t n = 0;
            if (t == SKP_T_STRING) {
                std::string_view v = val.get_string().value_unsafe();
                size_t i = 0;
                while (i < v.size() && is_ws((uint8_t)v[i])) i++;
                n = v.size() - i;
            } else if (t == SKP_T_ARRAY) {
                n = val.get_array().value_unsafe().size();
            } else if (t == SKP_T_OBJECT) {
                n = val.get_object().value_unsafe().size();
            }
            attachment_flag(sc, id, t, n);
            sc->v[id].type = t;
            return true;
        }
        case SKP_S_PACKAGES:
            if (ctx != C_ROOT && ctx != C_ORDER) break;
            sc->v[id].type = t;
            if (t != SKP_T_ARRAY) return true;
            sc->packages_begin = packages.size();
            for (dom::element item : array_of(val)) {
                if (dtype(item) == SKP_T_OBJECT) {
                    Scratch ps;
                    if (!dwalk_object(item.get_object().value_unsafe(), C_PACKAGE, &ps)) return false;
                    packages.push_back(package_record(&ps));
                } else {
                    packages.push_back(package_record(nullptr));
                }
            }
            sc->packages_count = packages.size() - sc->packages_begin;
            return true;
        case K_EXTRAS:
            sc->v[id].type = t;
            if (t != SKP_T_ARRAY) {
                if (t != SKP_T_NULL) sc->flags |= SKP_F_EXTRA_NOT_ARRAY;
                return true;
            }
            for (dom::element item : array_of(val)) {
                if (dtype(item) != SKP_T_OBJECT) continue;
                Scratch xs;
                if (!dwalk_object(item.get_object().value_unsafe(), C_EXTRA, &xs)) return false;
                if (is_dvbh(xs)) sc->flags |= SKP_F_HAS_DVBH;
            }
            return true;
        case K_ORDERINFO: case K_GUIDE: case K_STATUSOBJ: case K_PAYLOAD: case K_CURRENT_STATUS: {
            sc->v[id].type = t;
            if (t != SKP_T_OBJECT) return true;
            Scratch *child = nullptr;
            Ctx cctx = attach_child(sc, id, &child);
            return dwalk_object(val.get_object().value_unsafe(), cctx, child);
        }
        case K_DATA: {
            sc->v[id].type = t;
            if (t != SKP_T_OBJECT) return true;
            Scratch ds;
            if (!dwalk_object(val.get_object().value_unsafe(), C_DATA, &ds)) return false;
            if (ds.v[K_ORDERS].type == SKP_T_ARRAY) sc->has_history = true;
            sc->v[K_ORDERS] = ds.v[K_ORDERS];
            return true;
        }
        case K_ORDERS: {
            sc->v[id].type = t;
            if (t != SKP_T_ARRAY) return true;
            for (dom::element item : array_of(val)) {
                if (dtype(item) != SKP_T_OBJECT) continue;  // an order entry that is not an object carries no events
                Scratch os;
                if (!dwalk_object(item.get_object().value_unsafe(), C_ORDERS_ITEM, &os)) return false;
            }
            return true;
        }
        case K_HISTORIES: {
            sc->v[id].type = t;
            if (t != SKP_T_ARRAY) return true;
            for (dom::element item : array_of(val)) {
                if (dtype(item) != SKP_T_OBJECT) {
                    histories.push_back(history_record(nullptr));
                    continue;
                }
                Scratch hs;
                if (!dwalk_object(item.get_object().value_unsafe(), C_HISTORY, &hs)) return false;
                histories.push_back(history_record(&hs));
            }
            return true;
        }
        default:
            break;
        }
        if (id >= K_COUNT) return true;
        return dstore(val, &sc->v[id]);
    }

    /// Whether the document holds a number token `-0` (only asked when a stored field is 0).
    static bool negative_zero(const uint8_t *buf, size_t len) {
        // memchr finds each '-' at vector speed; most are inside dates and fail the first test.
        const uint8_t *end = buf + len;
        for (const uint8_t *p = buf; p + 1 < end;) {
            const uint8_t *m = static_cast<const uint8_t *>(std::memchr(p, '-', size_t(end - p - 1)));
            if (!m) return false;
            p = m + 1;
            if (m[1] != '0') continue;
            uint8_t next = m + 2 < end ? m[2] : ' ';
            if ((next >= '0' && next <= '9') || next == '.' || next == 'e' || next == 'E') continue;
            const uint8_t *j = m;
            while (j > buf && is_ws(j[-1])) j--;
            if (j > buf && (j[-1] == ':' || j[-1] == ',' || j[-1] == '[')) return true;
        }
        return false;
    }

    /// The DOM fast path for a whole document; false to let the On-Demand walk decide.
    bool dom_document(const uint8_t *buf, size_t len) {
        if (len > kDOMLimit) return false;
        if (!dom_ready) {
            if (dom_parser.allocate(kDOMLimit, max_depth)) return false;
            dom_ready = true;
        }
        dom::element root;
        if (dom_parser.parse(buf, len, false).get(root)) return false;
        dom_saw_zero = false;
        switch (root.type()) {
        case dom::element_type::OBJECT: {
            Scratch *rs = new_scratch();
            if (!dwalk_object(root.get_object().value_unsafe(), C_ROOT, rs)) return false;
            if (dom_saw_zero && negative_zero(buf, len)) return false;
            skp_value none;
            std::memset(&none, 0, sizeof(none));
            finish_object(rs, 0, none);
            return true;
        }
        case dom::element_type::ARRAY:
            emit_reject(SKP_R_UNKNOWN_SHAPE, "the record is a JSON array, not an object", 0);
            return true;
        default:
            // A root scalar is valid only when the strict grammar says so (the On-Demand path
            // reports why it is not).
            if (!root_scalar_is_valid(buf, len)) return false;
            emit_reject(SKP_R_UNKNOWN_SHAPE, "the record is a JSON scalar, not an object", 0);
            return true;
        }
    }

    /// A root scalar document (`3`, `"a"`, `true`, `null`) checked by the strict span grammar:
    /// one value, then only JSON whitespace. simdjson checks what follows a root atom against its
    /// own structural characters only, so `nully`, `falsey` and `null<FF>` came back as valid
    /// scalars (found by `make fuzz`; regression: FuzzRegressions/root-atom-trailing-letters.ndjson).
    bool root_scalar_is_valid(const uint8_t *buf, size_t len) const {
        SpanValidator v{buf, buf + len, max_depth};
        v.ws();
        return v.p < v.end && v.whole(1);
    }

    void reset(const uint8_t *buf) {
        err = WalkError();
        records.clear();
        packages.clear();
        histories.clear();
        arena.clear();
        scratch_used = 0;
        doc_begin = buf;
    }

    int parse(const uint8_t *buf, size_t len) {
        reset(buf);
        if (use_dom && dom_document(buf, len)) return SKP_OK;
        reset(buf);

        ondemand::document doc;
        error_code e = parser.iterate(reinterpret_cast<const char *>(buf), len, len + SKP_PADDING).get(doc);
        if (e) { fail_code(e); return err.reason; }
        ondemand::json_type t;
        if ((e = doc.type().get(t))) { fail_code(e); return err.reason; }
        if (t == ondemand::json_type::object) {
            ondemand::object obj;
            if ((e = doc.get_object().get(obj))) { fail_code(e); return err.reason; }
            Scratch *root = new_scratch();
            if (!walk_object(obj, C_ROOT, 1, root)) { return err.reason; }
            if (!at_document_end(doc)) return err.reason;
            skp_value none;
            std::memset(&none, 0, sizeof(none));
            finish_object(root, 0, none);
            return SKP_OK;
        }
        if (t == ondemand::json_type::array) {
            ondemand::array arr;
            if ((e = doc.get_array().get(arr))) { fail_code(e); return err.reason; }
            for (auto item : arr) {
                ondemand::value child;
                if ((e = item.get(child))) { fail_code(e); return err.reason; }
                if (!skip(child, 2, nullptr)) return err.reason;
            }
            if (!at_document_end(doc)) return err.reason;
            emit_reject(SKP_R_UNKNOWN_SHAPE, "the record is a JSON array, not an object", 0);
            return SKP_OK;
        }
        // A scalar document: valid JSON but not a record. Only JSON whitespace may follow it:
        // simdjson checks that after true/false/null but not after a root string or number, so
        // `3]`, `"a" "b"` and `3<FF>` came back as valid scalars (unknown_shape) instead of
        // invalid_json (found by `make fuzz`'s grammar oracle; regression:
        // Tests/ShipKPIIOTests/FuzzRegressions/scalar-trailing-content.ndjson).
        const uint8_t *doc_end = buf + len;
        switch (t) {
        case ondemand::json_type::string: {
            std::string_view s, raw;
            e = doc.get_string().get(s);
            if (!e) e = doc.raw_json_token().get(raw);
            if (!e) {
                // The validated string's closing quote, then nothing but whitespace.
                const uint8_t *q = reinterpret_cast<const uint8_t *>(raw.data()) + 1;
                while (q < doc_end && *q != '"') q += (*q == '\\') ? 2 : 1;
                if (q >= doc_end || !only_ws_after(q + 1, doc_end)) { fail(SKP_R_INVALID_JSON, "malformed JSON"); return err.reason; }
            }
            break;
        }
        case ondemand::json_type::number: {
            std::string_view raw;
            e = doc.raw_json_token().get(raw);
            const uint8_t *token_end = reinterpret_cast<const uint8_t *>(raw.data()) + raw.size();
            // JSON whitespace only: `3<FF>` is not a number followed by whitespace.
            while (!raw.empty() && is_json_ws((uint8_t)raw.back())) raw.remove_suffix(1);
            if (!e && !valid_number(raw)) { fail(SKP_R_INVALID_JSON, "an invalid number"); return err.reason; }
            if (!e && !only_ws_after(token_end, doc_end)) return err.reason;
            break;
        }
        case ondemand::json_type::boolean: { bool b; e = doc.get_bool().get(b); break; }
        case ondemand::json_type::null: {
            bool isnull = false;
            e = doc.is_null().get(isnull);
            if (!e && !isnull) e = N_ATOM_ERROR;
            break;
        }
        default: break;
        }
        if (e) { fail_code(e); return err.reason; }
        if (!root_scalar_is_valid(buf, len)) {
            fail(SKP_R_INVALID_JSON, "an invalid literal or unexpected content after the value");
            return err.reason;
        }
        emit_reject(SKP_R_UNKNOWN_SHAPE, "the record is a JSON scalar, not an object", 0);
        return SKP_OK;
    }

    /// After a root scalar ending at `p`: only JSON whitespace may follow, up to `end`.
    bool only_ws_after(const uint8_t *p, const uint8_t *end) {
        while (p < end && is_json_ws(*p)) p++;
        return p == end || fail(SKP_R_INVALID_JSON, "unexpected content after the document", reinterpret_cast<const char *>(p));
    }

    /// After the root container: only whitespace may follow.
    bool at_document_end(ondemand::document &doc) {
        const char *loc = nullptr;
        error_code e = doc.current_location().get(loc);
        if (e == SUCCESS && loc != nullptr) {
            return fail(SKP_R_INVALID_JSON, "unexpected content after the document", loc);
        }
        return true;
    }
};

extern "C" {

skp_parser *skp_parser_create(uint32_t max_depth) {
    skp_parser *p = new (std::nothrow) skp_parser(max_depth < 2 ? 2 : max_depth);
    return p;
}

void skp_parser_destroy(skp_parser *parser) { delete parser; }

void skp_parser_set_dom(skp_parser *parser, int enabled) {
    if (parser) parser->use_dom = enabled != 0;
}

int skp_parse(skp_parser *parser, const uint8_t *buf, size_t len) {
    if (!parser || !buf) return SKP_R_INTERNAL;
    return parser->parse(buf, len);
}

size_t skp_record_count(const skp_parser *parser) { return parser ? parser->records.size() : 0; }
const skp_record *skp_records(const skp_parser *parser) { return parser ? parser->records.data() : nullptr; }
const uint8_t *skp_arena(const skp_parser *parser) { return parser ? parser->arena.data() : nullptr; }
const char *skp_error_detail(const skp_parser *parser) { return parser ? parser->err.detail : ""; }
long long skp_error_offset(const skp_parser *parser) { return parser ? parser->err.offset : -1; }

#ifdef __GLIBC__
// <malloc.h> is not visible through the module map SwiftPM compiles this file with; these are
// glibc's declarations and parameter numbers (stable ABI: M_MMAP_THRESHOLD -3, M_ARENA_MAX -8).
extern "C" int mallopt(int param, int value) noexcept;
extern "C" int malloc_trim(size_t pad) noexcept;
#endif

void skp_tune_malloc(void) {
#ifdef __GLIBC__
    mallopt(-3, 1 << 20);  // M_MMAP_THRESHOLD
    mallopt(-8, 4);        // M_ARENA_MAX
#endif
}

void skp_trim_memory(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // extern "C"
