// span_validator.h — strict validation of JSON text that On-Demand skipped natively.
#ifndef SHIPKPI_SJ_SPAN_VALIDATOR_H
#define SHIPKPI_SJ_SPAN_VALIDATOR_H

#include "sj_extract.h"
#include "number_grammar.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sj {

/// Strict validation of a JSON text span that On-Demand skipped natively (`raw_json()`), so that
/// skipping stays as strict as visiting: grammar of objects, arrays, strings (escapes, surrogate
/// pairs), numbers and literals, and nesting depth. UTF-8 and unescaped control characters were
/// already checked for the whole document by simdjson's stage 1. Runs at byte speed: this is what
/// keeps multi-megabyte proof-of-delivery arrays cheap.
struct SpanValidator {
    const uint8_t *p;
    const uint8_t *end;
    uint32_t max_depth;
    int error = SJ_OK;

    void ws() { while (p < end && is_ws(*p) && *p != '\f' && *p != '\v') p++; }

    bool fail(int reason) { if (error == SJ_OK) error = reason; return false; }

    bool string() {  // at the opening quote
        p++;
        while (p < end) {
            uint8_t c = *p;
            if (c == '"') { p++; return true; }
            if (c != '\\') { p++; continue; }
            if (p + 1 >= end) return fail(SJ_R_INVALID_JSON);
            uint8_t e = p[1];
            if (e == 'u') {
                uint32_t cp = 0;
                if (!hex4(p + 2, &cp)) return fail(SJ_R_INVALID_JSON);
                p += 6;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(SJ_R_INVALID_JSON);  // lone low surrogate
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t lo = 0;
                    if (p + 1 >= end || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                        return fail(SJ_R_INVALID_JSON);
                    }
                    p += 6;
                }
                continue;
            }
            if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') { p += 2; continue; }
            return fail(SJ_R_INVALID_JSON);
        }
        return fail(SJ_R_INVALID_JSON);
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
        if (p >= end) return fail(SJ_R_INVALID_JSON);
        if (*p == '0') {
            p++;
        } else if (*p >= '1' && *p <= '9') {
            p++;
            while (p < end && digit(*p)) p++;
        } else {
            return fail(SJ_R_INVALID_JSON);
        }
        if (p < end && *p == '.') {
            p++;
            if (p >= end || !digit(*p)) return fail(SJ_R_INVALID_JSON);
            while (p < end && digit(*p)) p++;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            p++;
            if (p < end && (*p == '+' || *p == '-')) p++;
            if (p >= end || !digit(*p)) return fail(SJ_R_INVALID_JSON);
            while (p < end && digit(*p)) p++;
        }
        // A number must end at a delimiter (so `12a` or `1.2.3` is not read as a number plus junk).
        if (p < end && !(*p == ',' || *p == ']' || *p == '}' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
            return fail(SJ_R_INVALID_JSON);
        }
        return true;
    }

    bool literal(const char *word, size_t n) {
        if (size_t(end - p) < n || std::memcmp(p, word, n) != 0) return fail(SJ_R_INVALID_JSON);
        p += n;
        return true;
    }

    /// Bit i set where `q[i]` (0 ≤ i < 64) is a digit, a comma, a space, a `0`.
    struct ByteClasses {
        uint64_t digit, comma, space, zero;
    };

#if defined(__SSE2__)
    /// SSE2 is part of x86-64 itself: no CPU check is needed.
    static ByteClasses classify64(const uint8_t *q) {
        ByteClasses c{0, 0, 0, 0};
        const __m128i below0 = _mm_set1_epi8('0' - 1), above9 = _mm_set1_epi8('9' + 1);
        const __m128i comma = _mm_set1_epi8(','), space = _mm_set1_epi8(' '), zero = _mm_set1_epi8('0');
        for (int k = 0; k < 4; k++) {
            __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(q + 16 * k));
            // Signed compares: bytes from 0x80 up are negative, so never digits.
            __m128i d = _mm_and_si128(_mm_cmpgt_epi8(x, below0), _mm_cmplt_epi8(x, above9));
            c.digit |= uint64_t(uint16_t(_mm_movemask_epi8(d))) << (16 * k);
            c.comma |= uint64_t(uint16_t(_mm_movemask_epi8(_mm_cmpeq_epi8(x, comma)))) << (16 * k);
            c.space |= uint64_t(uint16_t(_mm_movemask_epi8(_mm_cmpeq_epi8(x, space)))) << (16 * k);
            c.zero |= uint64_t(uint16_t(_mm_movemask_epi8(_mm_cmpeq_epi8(x, zero)))) << (16 * k);
        }
        return c;
    }
#else
    static ByteClasses classify64(const uint8_t *q) {
        ByteClasses c{0, 0, 0, 0};
        for (int i = 0; i < 64; i++) {
            uint64_t bit = uint64_t(1) << i;
            if (q[i] >= '0' && q[i] <= '9') c.digit |= bit;
            if (q[i] == ',') c.comma |= bit;
            if (q[i] == ' ') c.space |= bit;
            if (q[i] == '0') c.zero |= bit;
        }
        return c;
    }
#endif

    /// The 64 bytes at `q` (the first digit of an element of an integer array) in the usual
    /// layout of byte arrays — `137,80` or `137, 80`: only digits, commas and single spaces after
    /// commas. Returns how many bytes from `q` are then valid elements and separators, up to
    /// and including the block's last comma, or 0 for anything else (the byte-wise loop decides).
    static size_t int_block(const uint8_t *q) {
        ByteClasses c = classify64(q);
        const uint64_t D = c.digit, C = c.comma, S = c.space;
        if ((D | C | S) != ~uint64_t(0) || !(D & 1) || C == 0) return 0;
        // A comma only right after a digit, a space only right after a comma: so what follows a
        // comma is a digit or one space, and what follows a space is a digit.
        if (C & ~(D << 1)) return 0;
        if (S & ~(C << 1)) return 0;
        const uint64_t starts = D & ~(D << 1);        // first digit of each number (bit 0 is one)
        if (((starts & c.zero) << 1) & D) return 0;   // a leading zero: `07`
        return size_t(63 - __builtin_clzll(C)) + 1;   // just past the last comma
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
            // Long runs of plain elements go 64 bytes at a time; the block ends before `last`.
            if (last - q > 64 && uint8_t(*q - '0') < 10) {
                size_t n = int_block(q);
                if (n != 0) {
                    q += n;
                    while (*q == ' ') q++;
                    if (*q <= ' ') space();
                    continue;
                }
            }
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
        if (p >= end) return fail(SJ_R_INVALID_JSON);
        switch (*p) {
        case '{': {
            if (depth > max_depth) return fail(SJ_R_TOO_DEEP);
            p++;
            ws();
            if (p < end && *p == '}') { p++; return true; }
            while (true) {
                ws();
                if (p >= end || *p != '"') return fail(SJ_R_INVALID_JSON);
                if (!string()) return false;
                ws();
                if (p >= end || *p != ':') return fail(SJ_R_INVALID_JSON);
                p++;
                if (!value(depth + 1)) return false;
                ws();
                if (p < end && *p == ',') { p++; continue; }
                if (p < end && *p == '}') { p++; return true; }
                return fail(SJ_R_INVALID_JSON);
            }
        }
        case '[': {
            if (depth > max_depth) return fail(SJ_R_TOO_DEEP);
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
                return fail(SJ_R_INVALID_JSON);
            }
        }
        case '"': return string();
        case 't': return literal("true", 4);
        case 'f': return literal("false", 5);
        case 'n': return literal("null", 4);
        default:
            if (*p == '-' || (*p >= '0' && *p <= '9')) return number();
            return fail(SJ_R_INVALID_JSON);
        }
    }

    /// Validates exactly one value filling the span (trailing whitespace allowed).
    bool whole(uint32_t depth) {
        if (!value(depth)) return false;
        ws();
        return p == end || fail(SJ_R_INVALID_JSON);
    }
};

/// A root scalar document (`3`, `"a"`, `true`, `null`) checked by the strict span grammar:
/// one value, then only JSON whitespace. simdjson checks what follows a root atom against its
/// own structural characters only, so `nully`, `falsey` and `null<FF>` came back as valid
/// scalars (found by `make fuzz`; regression: FuzzRegressions/root-atom-trailing-letters.ndjson).
inline bool root_scalar_is_valid(const uint8_t *buf, size_t len, uint32_t max_depth) {
    SpanValidator v{buf, buf + len, max_depth};
    v.ws();
    return v.p < v.end && v.whole(1);
}

} // namespace sj

#endif
