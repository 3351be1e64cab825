// dom_walk.h — the DOM fast path (see dom_walk.cpp).
#ifndef SHIPKPI_SJ_DOM_WALK_H
#define SHIPKPI_SJ_DOM_WALK_H

#include "extraction.h"
#include "schema.h"

namespace sj {

/// Decides small documents through simdjson's DOM parser, or declines (then the On-Demand walk
/// parses the document again and has the final word).
class DomWalk {
public:
    /// Documents above this size always go to the On-Demand walk.
    static constexpr size_t kLimit = 1 << 20;

    DomWalk(const Schema &schema, Extraction &out, uint32_t max_depth)
        : schema_(schema), out_(out), max_depth_(max_depth) {}

    /// The whole document: true when decided (captured into `out`, which holds a valid document;
    /// DOM never reports errors), false to let the On-Demand walk decide. `out` is then partial.
    bool document(const uint8_t *buf, size_t len);

private:
    bool walk_object(const simdjson::dom::object &obj, uint32_t node, uint32_t frame);
    bool walk_field(const simdjson::dom::element &val, const Field &field, uint32_t frame, uint32_t vi);
    bool store(const simdjson::dom::element &v, uint32_t vi);

    const Schema &schema_;
    Extraction &out_;
    uint32_t max_depth_;
    simdjson::dom::parser parser_;
    bool ready_ = false;
    bool saw_zero_ = false;  // a captured integer was 0 (it might have been written `-0`)
};

} // namespace sj

#endif
