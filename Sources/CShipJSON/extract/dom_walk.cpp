// dom_walk.cpp — the DOM fast path.
//
// simdjson's DOM stage 2 validates a document completely (grammar, escapes, surrogates,
// literals) about four times faster than the On-Demand walk visits it. It differs in three
// ways: it rejects numbers beyond 64-bit integers and doubles (`1e400`), it keeps no number
// text, and its depth limit does not count an innermost empty `[]`. Its limit is therefore
// one lower than the walk's (63 nested containers pass, deeper documents are left to the
// walk, which counts every container and has the 64-container rule). So documents up
// to kLimit bytes go through DOM, and the On-Demand walk parses the document again — and
// has the final word — whenever DOM reports any error, a captured scalar holds a non-integer
// number (amounts need their exact text), a captured integer 0 might have been written `-0`,
// or a root scalar fails the strict grammar.
//
// The walk here mirrors OnDemandWalk field kind for field kind (same frames in the same order,
// same values, same attachment measures): tests compare the two on every document they have.

#include "dom_walk.h"
#include "span_validator.h"

#include <charconv>
#include <cstring>

using namespace simdjson;

namespace sj {

namespace {

uint8_t dtype(const dom::element &v) {
    switch (v.type()) {
    case dom::element_type::OBJECT: return SJ_T_OBJECT;
    case dom::element_type::ARRAY: return SJ_T_ARRAY;
    case dom::element_type::STRING: return SJ_T_STRING;
    case dom::element_type::INT64: case dom::element_type::UINT64: case dom::element_type::DOUBLE: return SJ_T_NUMBER;
    case dom::element_type::BOOL: return SJ_T_BOOL;
    case dom::element_type::NULL_VALUE: return SJ_T_NULL;
    }
    return SJ_T_ABSENT;
}

/// The array by value: iterating `v.get_array().value_unsafe()` directly would iterate a
/// member of a temporary result that is already destroyed.
dom::array array_of(const dom::element &v) { return v.get_array().value_unsafe(); }

/// Whether the document holds a number token `-0` (only asked when a captured field is 0).
bool negative_zero(const uint8_t *buf, size_t len) {
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

} // namespace

bool DomWalk::document(const uint8_t *buf, size_t len) {
    if (len > kLimit) return false;
    if (!ready_) {
        if (parser_.allocate(kLimit, max_depth_)) return false;
        ready_ = true;
    }
    dom::element root;
    if (parser_.parse(buf, len, false).get(root)) return false;
    saw_zero_ = false;
    switch (root.type()) {
    case dom::element_type::OBJECT: {
        uint32_t frame = out_.object_frame(0, schema_.nodes[0].fields.size(), SJ_NONE);
        if (!walk_object(root.get_object().value_unsafe(), 0, frame)) return false;
        if (saw_zero_ && negative_zero(buf, len)) return false;
        out_.root_type = SJ_T_OBJECT;
        return true;
    }
    case dom::element_type::ARRAY:
        out_.root_type = SJ_T_ARRAY;
        return true;
    default:
        // A root scalar is valid only when the strict grammar says so (the On-Demand path
        // reports why it is not).
        if (!root_scalar_is_valid(buf, len, max_depth_)) return false;
        out_.root_type = dtype(root);
        return true;
    }
}

bool DomWalk::walk_object(const dom::object &obj, uint32_t node, uint32_t frame) {
    const Node &n = schema_.nodes[node];
    uint64_t seen[SJ_MAX_SLOTS / 64] = {0, 0};
    for (dom::key_value_pair field : obj) {
        int slot = n.keys.find(field.key);
        if (slot < 0) continue;  // validated by DOM already: nothing to skip
        uint64_t bit = 1ull << (unsigned(slot) & 63);
        uint64_t &word = seen[unsigned(slot) >> 6];
        if (word & bit) {
            out_.frames[frame].flags |= SJ_FRAME_DUPLICATE_KEY;
            continue;
        }
        word |= bit;
        const Field &f = n.fields[size_t(slot)];
        uint32_t vi = out_.frames[frame].values + uint32_t(slot);
        // Scalars (most fields) straight to `store`; walk_field is for attachments and containers.
        if (f.kind == SJ_FIELD_SCALAR ? !store(field.value, vi) : !walk_field(field.value, f, frame, vi)) return false;
    }
    return true;
}

/// `OnDemandWalk::walk_field` over a DOM value (validated already, so there is nothing to skip).
bool DomWalk::walk_field(const dom::element &val, const Field &field, uint32_t frame, uint32_t vi) {
    uint8_t t = dtype(val);
    switch (field.kind) {
    case SJ_FIELD_ATTACHMENT: {
        size_t n = 0;
        if (t == SJ_T_STRING) {
            std::string_view v = val.get_string().value_unsafe();
            size_t i = 0;
            while (i < v.size() && is_ws((uint8_t)v[i])) i++;
            n = v.size() - i;
        } else if (t == SJ_T_ARRAY) {
            n = val.get_array().value_unsafe().size();
        } else if (t == SJ_T_OBJECT) {
            n = val.get_object().value_unsafe().size();
        }
        out_.values[vi] = sj_value{0, Extraction::attachment_measure(t, n), t};
        return true;
    }
    case SJ_FIELD_OBJECT: {
        out_.values[vi] = sj_value{SJ_NONE, 0, t};
        if (t != SJ_T_OBJECT) return true;
        uint32_t child = out_.object_frame(field.child, schema_.nodes[field.child].fields.size(), frame);
        out_.values[vi].off = child;
        return walk_object(val.get_object().value_unsafe(), field.child, child);
    }
    case SJ_FIELD_OBJECTS: {
        out_.values[vi] = sj_value{SJ_NONE, 0, t};
        if (t != SJ_T_ARRAY) return true;
        size_t slots = schema_.nodes[field.child].fields.size();
        uint32_t last = SJ_NONE;
        for (dom::element item : array_of(val)) {
            if (dtype(item) == SJ_T_OBJECT) {
                uint32_t cf = out_.object_frame(field.child, slots, frame);
                out_.link_element(vi, &last, cf);
                if (!walk_object(item.get_object().value_unsafe(), field.child, cf)) return false;
            } else {
                out_.link_element(vi, &last, out_.element_frame(frame));
            }
        }
        return true;
    }
    default:
        return store(val, vi);
    }
}

/// Stores a scalar like `OnDemandWalk::store`; false (use the exact walk) for a non-integer number.
bool DomWalk::store(const dom::element &v, uint32_t vi) {
    char digits[24];
    switch (v.type()) {
    case dom::element_type::STRING: {
        std::string_view s = v.get_string().value_unsafe();
        out_.values[vi] = out_.put(reinterpret_cast<const uint8_t *>(s.data()), s.size(), SJ_T_STRING, true);
        return true;
    }
    case dom::element_type::INT64: {
        int64_t i = v.get_int64().value_unsafe();
        if (i == 0) saw_zero_ = true;
        auto r = std::to_chars(digits, digits + sizeof(digits), i);
        out_.values[vi] = out_.put(reinterpret_cast<const uint8_t *>(digits), size_t(r.ptr - digits), SJ_T_NUMBER, false);
        return true;
    }
    case dom::element_type::UINT64: {
        auto r = std::to_chars(digits, digits + sizeof(digits), v.get_uint64().value_unsafe());
        out_.values[vi] = out_.put(reinterpret_cast<const uint8_t *>(digits), size_t(r.ptr - digits), SJ_T_NUMBER, false);
        return true;
    }
    case dom::element_type::DOUBLE:
        return false;
    case dom::element_type::BOOL:
        out_.values[vi] = out_.put_bool(v.get_bool().value_unsafe());
        return true;
    case dom::element_type::NULL_VALUE:
        out_.values[vi] = sj_value{0, 0, SJ_T_NULL};
        return true;
    case dom::element_type::OBJECT: case dom::element_type::ARRAY:
        out_.values[vi] = sj_value{0, 0, dtype(v)};
        return true;
    }
    return false;
}

} // namespace sj
