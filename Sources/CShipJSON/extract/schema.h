// schema.h — what the caller wants captured: object nodes, their fields, and each node's key
// lookup table. Built through the sj_schema_* C functions; every parser holds its own copy.
#ifndef SHIPKPI_SJ_SCHEMA_H
#define SHIPKPI_SJ_SCHEMA_H

#include "sj_extract.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace sj {

/// One field (slot) of a node.
struct Field {
    uint8_t kind;    // SJ_FIELD_*
    uint32_t child;  // the node walking its object(s): SJ_FIELD_OBJECT / SJ_FIELD_OBJECTS only
};

/// The keys of one node, bucketed by length: a lookup compares at most the few names of the
/// key's length (the first byte before the rest). Both walkers look every key of every object up
/// here, so this is on the hot path; the names live in one string so the table stays compact.
class KeyTable {
public:
    /// The slot named `key`, or -1.
    int find(std::string_view key) const {
        size_t n = key.size();
        if (n + 1 >= begin_.size()) return -1;  // longer than every name (or no names)
        for (uint32_t i = begin_[n], e = begin_[n + 1]; i < e; i++) {
            const Entry &k = entries_[i];
            const char *name = names_.data() + k.name;
            if (n == 0 || (name[0] == key[0] && std::memcmp(name, key.data(), n) == 0)) return k.slot;
        }
        return -1;
    }

    /// Adds `name` for `slot`; false when the table has that name already.
    bool add(std::string_view name, int slot);

private:
    struct Entry {
        uint32_t name;  // offset in names_
        uint32_t len;
        int slot;
    };
    std::string names_;
    std::vector<Entry> entries_;  // sorted by length; equal lengths in the order added
    std::vector<uint32_t> begin_; // entries of length n: [begin_[n], begin_[n + 1])
};

struct Node {
    std::vector<Field> fields;
    KeyTable keys;
};

/// Node 0 is the root. Immutable while a parser uses it (each parser has its own copy).
struct Schema {
    std::vector<Node> nodes = std::vector<Node>(1);
};

} // namespace sj

/// The C handle: a schema being built.
struct sj_schema {
    sj::Schema schema;
};

#endif
