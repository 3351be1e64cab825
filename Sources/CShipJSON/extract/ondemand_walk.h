// ondemand_walk.h — the exact walk over simdjson's On-Demand API (see ondemand_walk.cpp).
#ifndef SHIPKPI_SJ_ONDEMAND_WALK_H
#define SHIPKPI_SJ_ONDEMAND_WALK_H

#include "extraction.h"
#include "schema.h"

namespace sj {

/// Visits every value of a document through On-Demand, validating it completely, and captures
/// the schema's fields into `out`. It has the final word on every document: the DOM fast path
/// hands it whatever it cannot decide alone.
class OnDemandWalk {
public:
    OnDemandWalk(const Schema &schema, Extraction &out, uint32_t max_depth)
        : schema_(schema), out_(out), max_depth_(max_depth) {}

    /// Walks an object at nesting `depth` (the root is 1) with `node`, into `frame`.
    bool walk_object(simdjson::ondemand::object obj, uint32_t node, uint32_t depth, uint32_t frame);

    /// Validates any value at `depth` without keeping it. `size_out` (may be null) receives, for
    /// deciding whether an attachment is present: 1 for a non-empty array or object, 0 for an empty
    /// one, the length after trimming leading whitespace for a string, 1 for numbers and booleans,
    /// 0 for null.
    bool skip(simdjson::ondemand::value val, uint32_t depth, size_t *size_out);

private:
    bool walk_field(simdjson::ondemand::value val, const Field &field, uint32_t depth, uint32_t frame, uint32_t vi);
    bool type_of(simdjson::ondemand::value &val, simdjson::ondemand::json_type *t, const char **loc);
    bool typed_container(simdjson::ondemand::value &val, uint8_t want, uint32_t depth, uint32_t vi, bool *skipped_ok);
    bool store(simdjson::ondemand::value val, uint32_t depth, uint32_t vi);

    const Schema &schema_;
    Extraction &out_;
    uint32_t max_depth_;
};

} // namespace sj

#endif
