// number_grammar.h — the byte-level JSON rules both walkers and the span validator share:
// whitespace classes, the number grammar checked on a raw token, and hex digits of \u escapes.
#ifndef SHIPKPI_SJ_NUMBER_GRAMMAR_H
#define SHIPKPI_SJ_NUMBER_GRAMMAR_H

#include <cstdint>
#include <string_view>

namespace sj {

/// Whitespace trimmed from captured strings: ASCII space, tab, LF, CR, and also form feed and
/// vertical tab (carriers pad values with them; they are not JSON whitespace between tokens).
inline bool is_ws(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Whitespace in the JSON grammar (RFC 8259): no form feed or vertical tab.
inline bool is_json_ws(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The JSON number grammar on a whole token: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
///
/// Checked on the raw token rather than trusting simdjson's number parser, so that numbers
/// simdjson cannot represent (`1e400`, 30-digit integers) are still valid JSON and reach the
/// caller's exact-decimal code unrounded, while `01`, `1.`, `-` or `1e` are not.
inline bool valid_number(std::string_view s) {
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

/// The value of one hex digit, or -1.
inline int hexval(uint8_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace sj

#endif
