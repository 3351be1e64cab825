// extraction.h — what one parse produces (frames, values, arena, root type) or why it failed;
// written by both walkers, read through the sj_* accessors.
#ifndef SHIPKPI_SJ_EXTRACTION_H
#define SHIPKPI_SJ_EXTRACTION_H

#include "sj_extract.h"
#include "number_grammar.h"
#include "pod_vector.h"
#include "simdjson_config.h"

#include <cstdint>

namespace sj {

/// Error details: static, value-free text that reaches users' reject files (keep them stable).
constexpr const char *kTooDeep = "the document is nested too deeply";
constexpr const char *kMalformed = "malformed JSON (missing comma, colon, quote or bracket)";
constexpr const char *kBadLiteral = "an invalid literal (expected true, false or null)";
constexpr const char *kBadNumber = "an invalid number";
constexpr const char *kTrailing = "unexpected content after the document";

/// The first document-level error of a parse.
struct WalkError {
    int reason = SJ_OK;
    const char *detail = "";
    long long offset = -1;
};

/// The output of one `sj_parse`.
///
/// Frames and values only ever refer to each other by index: the vectors grow while the walk
/// holds positions in them (a child frame is appended while its parent's slot is being filled),
/// and a pointer into a growing vector dangles. (The old decoder held `Scratch *` into a growing
/// vector and wrote through dangling pointers; see `scratch_pool` in skp_json.cpp.)
struct Extraction {
    PodVector<sj_frame> frames;
    PodVector<sj_value> values;
    PodVector<uint8_t> arena;
    uint8_t root_type = SJ_T_ABSENT;
    WalkError err;
    const uint8_t *doc_begin = nullptr;

    void reset(const uint8_t *buf) {
        frames.clear();
        values.clear();
        arena.clear();
        root_type = SJ_T_ABSENT;
        err = WalkError();
        doc_begin = buf;
    }

    /// Records the first error (later ones are consequences); `at` points into the document.
    bool fail(int reason, const char *detail, const char *at = nullptr) {
        if (err.reason == SJ_OK) {
            err.reason = reason;
            err.detail = detail;
            err.offset = at ? (long long)(reinterpret_cast<const uint8_t *>(at) - doc_begin) : -1;
        }
        return false;
    }

    bool fail_code(simdjson::error_code e, const char *at = nullptr) {
        using namespace simdjson;
        switch (e) {
        case UTF8_ERROR: return fail(SJ_R_INVALID_UTF8, "the text is not valid UTF-8", at);
        case UNESCAPED_CHARS: return fail(SJ_R_INVALID_JSON, "a string contains an unescaped control character", at);
        case STRING_ERROR: return fail(SJ_R_INVALID_JSON, "a string has an invalid escape sequence", at);
        case DEPTH_ERROR: return fail(SJ_R_TOO_DEEP, kTooDeep, at);
        case INCOMPLETE_ARRAY_OR_OBJECT: return fail(SJ_R_INVALID_JSON, "the document ends inside an object or array", at);
        case T_ATOM_ERROR: case F_ATOM_ERROR: case N_ATOM_ERROR: return fail(SJ_R_INVALID_JSON, kBadLiteral, at);
        case NUMBER_ERROR: return fail(SJ_R_INVALID_JSON, kBadNumber, at);
        case TRAILING_CONTENT: return fail(SJ_R_INVALID_JSON, kTrailing, at);
        case EMPTY: return fail(SJ_R_INVALID_JSON, "the document is empty", at);
        default: return fail(SJ_R_INVALID_JSON, kMalformed, at);
        }
    }

    /// Copies `n` bytes into the arena (trimmed of `is_ws` at both ends when `trim`).
    sj_value put(const uint8_t *p, size_t n, uint8_t type, bool trim) {
        if (trim) {
            while (n > 0 && is_ws(p[0])) { p++; n--; }
            while (n > 0 && is_ws(p[n - 1])) n--;
        }
        sj_value out;
        out.off = uint32_t(arena.size());
        out.len = uint32_t(n);
        out.type = type;
        arena.append(p, n);
        return out;
    }

    sj_value put_bool(bool b) {
        return b ? put(reinterpret_cast<const uint8_t *>("true"), 4, SJ_T_BOOL, false)
                 : put(reinterpret_cast<const uint8_t *>("false"), 5, SJ_T_BOOL, false);
    }

    /// A frame for an object walked with `node` (which has `slots` fields), its values absent.
    uint32_t object_frame(uint32_t node, size_t slots, uint32_t parent) {
        uint32_t index = uint32_t(frames.size());
        frames.push_back(sj_frame{node, uint32_t(values.size()), SJ_NONE, parent, 0});
        values.append_zeroed(slots);  // SJ_T_ABSENT
        return index;
    }

    /// A frame for an array element that is not an object.
    uint32_t element_frame(uint32_t parent) {
        uint32_t index = uint32_t(frames.size());
        frames.push_back(sj_frame{SJ_NONE, SJ_NONE, SJ_NONE, parent, SJ_FRAME_NOT_OBJECT});
        return index;
    }

    /// Appends element `frame` to the array held by value `vi` (after `*last`).
    void link_element(uint32_t vi, uint32_t *last, uint32_t frame) {
        if (*last == SJ_NONE) {
            values[vi].off = frame;
        } else {
            frames[*last].next = frame;
        }
        values[vi].len++;
        *last = frame;
    }

    /// The attachment measure of a value of type `t` whose raw measure is `n` (see
    /// SJ_FIELD_ATTACHMENT): only strings, arrays and objects can carry an attachment.
    static uint32_t attachment_measure(uint8_t t, size_t n) {
        if (t == SJ_T_STRING) return n > UINT32_MAX ? UINT32_MAX : uint32_t(n);
        if (t == SJ_T_ARRAY || t == SJ_T_OBJECT) return n > 0 ? 1 : 0;
        return 0;
    }
};

} // namespace sj

#endif
