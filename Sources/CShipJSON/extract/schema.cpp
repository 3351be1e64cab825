// schema.cpp — building a schema (the sj_schema_* C functions) and its key tables.

#include "schema.h"

#include <new>

namespace sj {

bool KeyTable::add(std::string_view name, int slot) {
    if (find(name) >= 0) return false;
    Entry entry{uint32_t(names_.size()), uint32_t(name.size()), slot};
    names_.append(name.data(), name.size());
    // Insert after every entry of the same or a shorter length, then rebuild the bucket starts.
    size_t at = 0;
    while (at < entries_.size() && entries_[at].len <= entry.len) at++;
    entries_.insert(entries_.begin() + long(at), entry);
    size_t longest = entries_.back().len;
    begin_.assign(longest + 2, 0);
    size_t i = 0;
    for (size_t len = 0; len <= longest + 1; len++) {
        while (i < entries_.size() && entries_[i].len < len) i++;
        begin_[len] = uint32_t(i);
    }
    return true;
}

} // namespace sj

extern "C" {

sj_schema *sj_schema_create(void) { return new (std::nothrow) sj_schema(); }

void sj_schema_destroy(sj_schema *schema) { delete schema; }

int sj_schema_add_node(sj_schema *schema) {
    if (!schema) return SJ_E_BAD_ARGUMENT;
    schema->schema.nodes.emplace_back();
    return int(schema->schema.nodes.size() - 1);
}

int sj_schema_add_field(sj_schema *schema, int node, uint8_t kind, int child_node) {
    if (!schema) return SJ_E_BAD_ARGUMENT;
    std::vector<sj::Node> &nodes = schema->schema.nodes;
    if (node < 0 || size_t(node) >= nodes.size()) return SJ_E_UNKNOWN_NODE;
    if (kind > SJ_FIELD_OBJECTS) return SJ_E_BAD_KIND;
    bool walked = kind == SJ_FIELD_OBJECT || kind == SJ_FIELD_OBJECTS;
    if (walked && (child_node < 0 || size_t(child_node) >= nodes.size())) return SJ_E_UNKNOWN_NODE;
    std::vector<sj::Field> &fields = nodes[size_t(node)].fields;
    if (fields.size() >= SJ_MAX_SLOTS) return SJ_E_TOO_MANY_SLOTS;
    fields.push_back(sj::Field{kind, walked ? uint32_t(child_node) : SJ_NONE});
    return int(fields.size() - 1);
}

int sj_schema_add_name(sj_schema *schema, int node, int slot, const char *name, size_t len) {
    if (!schema || (!name && len > 0)) return SJ_E_BAD_ARGUMENT;
    std::vector<sj::Node> &nodes = schema->schema.nodes;
    if (node < 0 || size_t(node) >= nodes.size()) return SJ_E_UNKNOWN_NODE;
    sj::Node &n = nodes[size_t(node)];
    if (slot < 0 || size_t(slot) >= n.fields.size()) return SJ_E_UNKNOWN_SLOT;
    if (len >= UINT32_MAX) return SJ_E_BAD_ARGUMENT;
    return n.keys.add(std::string_view(name ? name : "", len), slot) ? 0 : SJ_E_NAME_TAKEN;
}

} // extern "C"
