// ondemand_walk.cpp — the exact walk over simdjson's On-Demand API.
//
// Why a full walk: On-Demand only validates what it visits, so a skipped value such as `tru` or
// `[1 2]` would pass. We visit every value of every document: strings are unescaped (escapes
// validated), numbers are checked against the JSON grammar on their raw token (so `1e400` and
// 30-digit integers are valid JSON and reach the caller's exact-decimal code unrounded), literals
// are checked, and nesting is bounded by `max_depth` (recursion never exceeds it). Values the
// schema does not capture are skipped natively and their text checked by `SpanValidator`.
//
// Depth: an object walked with a node checks its own depth (the root object is at depth 1); the
// value of a key is at the object's depth + 1; the elements of an SJ_FIELD_OBJECTS array are at
// the array's depth + 1; `skip` checks containers it meets against `max_depth`.

#include "ondemand_walk.h"
#include "span_validator.h"

#include <cstring>

using namespace simdjson;

namespace sj {

namespace {

/// Type of a value without consuming it; SJ_T_ABSENT on error (the walk reports the error when it
/// reads the value).
uint8_t peek_type(ondemand::value &val) {
    ondemand::json_type t;
    if (val.type().get(t)) return SJ_T_ABSENT;
    switch (t) {
    case ondemand::json_type::object: return SJ_T_OBJECT;
    case ondemand::json_type::array: return SJ_T_ARRAY;
    case ondemand::json_type::string: return SJ_T_STRING;
    case ondemand::json_type::number: return SJ_T_NUMBER;
    case ondemand::json_type::boolean: return SJ_T_BOOL;
    case ondemand::json_type::null: return SJ_T_NULL;
    }
    return SJ_T_ABSENT;
}

} // namespace

bool OnDemandWalk::walk_object(ondemand::object obj, uint32_t node, uint32_t depth, uint32_t frame) {
    if (depth > max_depth_) return out_.fail(SJ_R_TOO_DEEP, kTooDeep);
    const Node &n = schema_.nodes[node];
    uint64_t seen[SJ_MAX_SLOTS / 64] = {0, 0};
    error_code e;
    for (auto field : obj) {
        // simdjson's vectorised unescaping beats scanning short keys for escapes ourselves.
        std::string_view key;
        if ((e = field.unescaped_key().get(key))) return out_.fail_code(e);
        ondemand::value val;
        if ((e = field.value().get(val))) return out_.fail_code(e);
        int slot = n.keys.find(key);
        if (slot < 0) {
            if (!skip(val, depth + 1, nullptr)) return false;
            continue;
        }
        // First value wins; a later one (same name or an alias) is validated, skipped, flagged.
        uint64_t bit = 1ull << (unsigned(slot) & 63);
        uint64_t &word = seen[unsigned(slot) >> 6];
        if (word & bit) {
            out_.frames[frame].flags |= SJ_FRAME_DUPLICATE_KEY;
            if (!skip(val, depth + 1, nullptr)) return false;
            continue;
        }
        word |= bit;
        const Field &f = n.fields[size_t(slot)];
        uint32_t vi = out_.frames[frame].values + uint32_t(slot);
        // Scalars (most fields) straight to `store`; walk_field is for attachments and containers.
        if (f.kind == SJ_FIELD_SCALAR ? !store(val, depth + 1, vi) : !walk_field(val, f, depth + 1, frame, vi)) return false;
    }
    return true;
}

/// Records the type of a container field's value (value `vi`, no frame yet). True when it is
/// `want` (the caller walks it); false when it is not: the value has then been skipped, and
/// `*skipped_ok` is what skipping it returned.
bool OnDemandWalk::typed_container(ondemand::value &val, uint8_t want, uint32_t depth, uint32_t vi, bool *skipped_ok) {
    uint8_t t = peek_type(val);
    out_.values[vi] = sj_value{SJ_NONE, 0, t};
    if (t == want) return true;
    *skipped_ok = skip(val, depth, nullptr);
    return false;
}

/// One captured field: value `vi` of `frame`, at `depth`.
bool OnDemandWalk::walk_field(ondemand::value val, const Field &field, uint32_t depth, uint32_t frame, uint32_t vi) {
    error_code e;
    switch (field.kind) {
    case SJ_FIELD_ATTACHMENT: {
        uint8_t t = peek_type(val);
        size_t n = 0;
        if (!skip(val, depth, &n)) return false;
        out_.values[vi] = sj_value{0, Extraction::attachment_measure(t, n), t};
        return true;
    }
    case SJ_FIELD_OBJECT: {
        bool skipped_ok;
        if (!typed_container(val, SJ_T_OBJECT, depth, vi, &skipped_ok)) return skipped_ok;
        ondemand::object obj;
        if ((e = val.get_object().get(obj))) return out_.fail_code(e);
        uint32_t child = out_.object_frame(field.child, schema_.nodes[field.child].fields.size(), frame);
        out_.values[vi].off = child;
        return walk_object(obj, field.child, depth, child);
    }
    case SJ_FIELD_OBJECTS: {
        bool skipped_ok;
        if (!typed_container(val, SJ_T_ARRAY, depth, vi, &skipped_ok)) return skipped_ok;
        ondemand::array arr;
        if ((e = val.get_array().get(arr))) return out_.fail_code(e);
        size_t slots = schema_.nodes[field.child].fields.size();
        uint32_t last = SJ_NONE;
        for (auto item : arr) {
            ondemand::value child;
            if ((e = item.get(child))) return out_.fail_code(e);
            if (peek_type(child) == SJ_T_OBJECT) {
                ondemand::object cobj;
                if ((e = child.get_object().get(cobj))) return out_.fail_code(e);
                uint32_t cf = out_.object_frame(field.child, slots, frame);
                out_.link_element(vi, &last, cf);
                if (!walk_object(cobj, field.child, depth + 1, cf)) return false;
            } else {
                out_.link_element(vi, &last, out_.element_frame(frame));
                if (!skip(child, depth + 1, nullptr)) return false;
            }
        }
        return true;
    }
    default:
        return store(val, depth, vi);
    }
}

/// The type of `val` into `*t` and where it starts into `*loc` (for errors); false, with the
/// error recorded, when simdjson cannot tell the type. Forced inline: `store` and `skip` run for
/// every value of every document.
__attribute__((always_inline)) inline bool OnDemandWalk::type_of(ondemand::value &val, ondemand::json_type *t, const char **loc) {
    *loc = nullptr;
    (void)val.current_location().get(*loc);
    error_code e = val.type().get(*t);
    if (e) return out_.fail_code(e, *loc);
    return true;
}

bool OnDemandWalk::skip(ondemand::value val, uint32_t depth, size_t *size_out) {
    ondemand::json_type t;
    const char *loc;
    if (!type_of(val, &t, &loc)) return false;
    error_code e;
    switch (t) {
    case ondemand::json_type::object:
    case ondemand::json_type::array: {
        if (depth > max_depth_) return out_.fail(SJ_R_TOO_DEEP, kTooDeep, loc);
        // Skipped natively by On-Demand (`raw_json()`, structural indexes only), then validated.
        std::string_view raw;
        if (t == ondemand::json_type::object) {
            ondemand::object obj;
            if ((e = val.get_object().get(obj))) return out_.fail_code(e, loc);
            if ((e = obj.raw_json().get(raw))) return out_.fail_code(e, loc);
        } else {
            ondemand::array arr;
            if ((e = val.get_array().get(arr))) return out_.fail_code(e, loc);
            if ((e = arr.raw_json().get(raw))) return out_.fail_code(e, loc);
        }
        SpanValidator v{reinterpret_cast<const uint8_t *>(raw.data()), reinterpret_cast<const uint8_t *>(raw.data()) + raw.size(), max_depth_};
        if (!v.whole(depth)) {
            return out_.fail(v.error, v.error == SJ_R_TOO_DEEP ? kTooDeep : kMalformed, reinterpret_cast<const char *>(v.p));
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
            if ((e = val.get_raw_json_string().get(raw))) return out_.fail_code(e, loc);
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
        if ((e = val.get_string().get(s))) return out_.fail_code(e, loc);
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
        if (!valid_number(raw)) return out_.fail(SJ_R_INVALID_JSON, kBadNumber, loc);
        if (size_out) *size_out = 1;
        return true;
    }
    case ondemand::json_type::boolean: {
        bool b;
        if ((e = val.get_bool().get(b))) return out_.fail_code(e, loc);
        if (size_out) *size_out = 1;
        return true;
    }
    case ondemand::json_type::null: {
        bool isnull = false;
        if ((e = val.is_null().get(isnull))) return out_.fail_code(e, loc);
        if (!isnull) return out_.fail(SJ_R_INVALID_JSON, kBadLiteral, loc);
        if (size_out) *size_out = 0;
        return true;
    }
    }
    return out_.fail(SJ_R_INVALID_JSON, "an unexpected value");
}

/// Stores a scalar value into value `vi` (containers: type only, content validated and dropped).
bool OnDemandWalk::store(ondemand::value val, uint32_t depth, uint32_t vi) {
    ondemand::json_type t;
    const char *loc;
    if (!type_of(val, &t, &loc)) return false;
    error_code e;
    switch (t) {
    case ondemand::json_type::string: {
        std::string_view s;
        if ((e = val.get_string().get(s))) return out_.fail_code(e, loc);
        out_.values[vi] = out_.put(reinterpret_cast<const uint8_t *>(s.data()), s.size(), SJ_T_STRING, true);
        return true;
    }
    case ondemand::json_type::number: {
        std::string_view raw = val.raw_json_token();
        while (!raw.empty() && is_ws((uint8_t)raw.back())) raw.remove_suffix(1);
        if (!valid_number(raw)) return out_.fail(SJ_R_INVALID_JSON, kBadNumber, loc);
        out_.values[vi] = out_.put(reinterpret_cast<const uint8_t *>(raw.data()), raw.size(), SJ_T_NUMBER, false);
        return true;
    }
    case ondemand::json_type::boolean: {
        bool b;
        if ((e = val.get_bool().get(b))) return out_.fail_code(e, loc);
        out_.values[vi] = out_.put_bool(b);
        return true;
    }
    case ondemand::json_type::null: {
        bool isnull = false;
        if ((e = val.is_null().get(isnull))) return out_.fail_code(e, loc);
        if (!isnull) return out_.fail(SJ_R_INVALID_JSON, kBadLiteral, loc);
        out_.values[vi] = sj_value{0, 0, SJ_T_NULL};
        return true;
    }
    case ondemand::json_type::object:
    case ondemand::json_type::array:
        out_.values[vi] = sj_value{0, 0, uint8_t(t == ondemand::json_type::object ? SJ_T_OBJECT : SJ_T_ARRAY)};
        return skip(val, depth, nullptr);
    }
    return out_.fail(SJ_R_INVALID_JSON, "an unexpected value");
}

} // namespace sj
