// parser.cpp — the sj_parser: one document at a time, DOM fast path first, the On-Demand walk
// when DOM declines; root handling; buffer release after big documents; the C API.

#include "dom_walk.h"
#include "extraction.h"
#include "ondemand_walk.h"
#include "schema.h"
#include "span_validator.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <new>

using namespace simdjson;

struct sj_parser {
    /// A document above this size makes the parser's buffers large (several times its length).
    static constexpr size_t kBigDocument = 1 << 20;
    /// Buffers grown for a big document up to this size are kept for the next big document;
    /// a larger one's are released at once.
    static constexpr size_t kRetainDocument = 16 << 20;
    /// Kept buffers are released after this many documents without a big one (a quiet period).
    static constexpr uint32_t kQuietDocuments = SJ_QUIET_DOCUMENTS;
    /// All parsers of the process together keep buffers for at most this many document bytes
    /// (one worker's 8 MiB, whatever the number of workers): peak memory stays what one
    /// big document at a time costs.
    static constexpr size_t kKeepBudget = SJ_KEEP_BUDGET;
    static inline std::atomic<size_t> kept_in_process{0};
    /// Output vectors keeping more capacity than this (bytes) are released before the next parse.
    static constexpr size_t kKeepCapacity = 1 << 20;

    const sj::Schema schema;  // a copy: the caller's schema may change or go away
    const uint32_t max_depth;
    sj::Extraction out;
    ondemand::parser od_parser{SIMDJSON_MAXSIZE_BYTES};
    sj::OnDemandWalk od;
    sj::DomWalk dom;
    /// Off only to check that both paths decide alike.
    bool use_dom = true;
    /// Whether big documents grew the parser; its capacity before; documents since the last.
    bool grown = false;
    size_t small_capacity = 0;
    uint32_t since_big = 0;
    /// The capacity this parser counts in `kept_in_process`.
    size_t reserved = 0;

    sj_parser(const sj::Schema &s, uint32_t depth)
        : schema(s), max_depth(depth), od(schema, out, depth), dom(schema, out, depth) {}
    ~sj_parser() { kept_in_process -= reserved; }

    int parse(const uint8_t *buf, size_t len) {
        release_large_outputs();
        if (len > kBigDocument && !grown) {
            // The capacity to come back to after a run of big documents.
            grown = true;
            small_capacity = std::min(od_parser.capacity(), kBigDocument);
        }
        if (len > kBigDocument && len <= kRetainDocument && od_parser.capacity() < len) {
            // Grown in powers of two, so that documents of similar sizes reuse the buffers.
            (void)od_parser.allocate(power_of_two_at_least(len), od_parser.max_depth());  // on failure iterate() retries
        }
        int rc = parse_document(buf, len);
        if (len > kBigDocument) {
            // simdjson's buffers grew to this document's size; results live in `out`, not in
            // them. Big documents come in runs (proof-of-delivery images): growing fresh buffers
            // for each one cost a page fault per 4 KiB (about a fifth of a run's system time), so
            // they are kept for the next one, up to kRetainDocument.
            since_big = 0;
            if (len > kRetainDocument || !keep(od_parser.capacity())) shrink();
        } else if (grown && ++since_big >= kQuietDocuments) {
            shrink();
        }
        return rc;
    }

    static size_t power_of_two_at_least(size_t n) {
        size_t p = 1;
        while (p < n) p <<= 1;
        return p;
    }

    /// Whether the process's budget lets this parser keep `capacity` (counted if so).
    bool keep(size_t capacity) {
        if (capacity <= reserved) return true;
        size_t extra = capacity - reserved;
        if (kept_in_process.fetch_add(extra) + extra > kKeepBudget) {
            kept_in_process -= extra;
            return false;
        }
        reserved = capacity;
        return true;
    }

    /// The parser gets back the capacity it had before big documents, so that it does not grow
    /// again through every size (as a throw-away parser for the big document would leave it).
    void shrink() {
        size_t depth = od_parser.max_depth();
        od_parser = ondemand::parser(SIMDJSON_MAXSIZE_BYTES);
        if (small_capacity > 0) (void)od_parser.allocate(small_capacity, depth);  // on failure iterate() retries
        grown = false;
        small_capacity = 0;
        since_big = 0;
        kept_in_process -= reserved;
        reserved = 0;
    }

    /// Gives back output buffers a previous document made large (kept until now: they held
    /// that document's results). Three comparisons per document otherwise.
    void release_large_outputs() {
        if (out.arena.capacity() > kKeepCapacity) out.arena.release();
        if (out.frames.capacity() * sizeof(sj_frame) > kKeepCapacity) out.frames.release();
        if (out.values.capacity() * sizeof(sj_value) > kKeepCapacity) out.values.release();
    }

    int parse_document(const uint8_t *buf, size_t len) {
        out.reset(buf);
        if (use_dom && dom.document(buf, len)) return SJ_OK;
        out.reset(buf);

        ondemand::document doc;
        error_code e = od_parser.iterate(reinterpret_cast<const char *>(buf), len, len + SJ_PADDING).get(doc);
        if (e) { out.fail_code(e); return out.err.reason; }
        ondemand::json_type t;
        if ((e = doc.type().get(t))) { out.fail_code(e); return out.err.reason; }
        if (t == ondemand::json_type::object) {
            ondemand::object obj;
            if ((e = doc.get_object().get(obj))) { out.fail_code(e); return out.err.reason; }
            uint32_t root = out.object_frame(0, schema.nodes[0].fields.size(), SJ_NONE);
            if (!od.walk_object(obj, 0, 1, root)) return out.err.reason;
            if (!at_document_end(doc)) return out.err.reason;
            out.root_type = SJ_T_OBJECT;
            return SJ_OK;
        }
        if (t == ondemand::json_type::array) {
            // Not walked with a node (the schema describes objects): validated element by element.
            ondemand::array arr;
            if ((e = doc.get_array().get(arr))) { out.fail_code(e); return out.err.reason; }
            for (auto item : arr) {
                ondemand::value child;
                if ((e = item.get(child))) { out.fail_code(e); return out.err.reason; }
                if (!od.skip(child, 2, nullptr)) return out.err.reason;
            }
            if (!at_document_end(doc)) return out.err.reason;
            out.root_type = SJ_T_ARRAY;
            return SJ_OK;
        }
        return root_scalar(doc, t, buf, len);
    }

    /// A scalar document: valid JSON whose root is not a container. Only JSON whitespace may
    /// follow it: simdjson checks that after true/false/null but not after a root string or
    /// number, so `3]`, `"a" "b"` and `3<FF>` came back as valid scalars instead of invalid JSON
    /// (found by `make fuzz`'s grammar oracle; regression:
    /// Tests/ShipKPIIOTests/FuzzRegressions/scalar-trailing-content.ndjson).
    int root_scalar(ondemand::document &doc, ondemand::json_type t, const uint8_t *buf, size_t len) {
        const uint8_t *doc_end = buf + len;
        error_code e = SUCCESS;
        uint8_t type = SJ_T_ABSENT;
        switch (t) {
        case ondemand::json_type::string: {
            type = SJ_T_STRING;
            std::string_view s, raw;
            e = doc.get_string().get(s);
            if (!e) e = doc.raw_json_token().get(raw);
            if (!e) {
                // The validated string's closing quote, then nothing but whitespace.
                const uint8_t *q = reinterpret_cast<const uint8_t *>(raw.data()) + 1;
                while (q < doc_end && *q != '"') q += (*q == '\\') ? 2 : 1;
                if (q >= doc_end || !only_ws_after(q + 1, doc_end)) {
                    out.fail(SJ_R_INVALID_JSON, "malformed JSON");
                    return out.err.reason;
                }
            }
            break;
        }
        case ondemand::json_type::number: {
            type = SJ_T_NUMBER;
            std::string_view raw;
            e = doc.raw_json_token().get(raw);
            const uint8_t *token_end = reinterpret_cast<const uint8_t *>(raw.data()) + raw.size();
            // JSON whitespace only: `3<FF>` is not a number followed by whitespace.
            while (!raw.empty() && sj::is_json_ws((uint8_t)raw.back())) raw.remove_suffix(1);
            if (!e && !sj::valid_number(raw)) { out.fail(SJ_R_INVALID_JSON, sj::kBadNumber); return out.err.reason; }
            if (!e && !only_ws_after(token_end, doc_end)) return out.err.reason;
            break;
        }
        case ondemand::json_type::boolean: {
            type = SJ_T_BOOL;
            bool b;
            e = doc.get_bool().get(b);
            break;
        }
        case ondemand::json_type::null: {
            type = SJ_T_NULL;
            bool isnull = false;
            e = doc.is_null().get(isnull);
            if (!e && !isnull) e = N_ATOM_ERROR;
            break;
        }
        default: break;
        }
        if (e) { out.fail_code(e); return out.err.reason; }
        if (!sj::root_scalar_is_valid(buf, len, max_depth)) {
            out.fail(SJ_R_INVALID_JSON, "an invalid literal or unexpected content after the value");
            return out.err.reason;
        }
        out.root_type = type;
        return SJ_OK;
    }

    /// After a root scalar ending at `p`: only JSON whitespace may follow, up to `end`.
    bool only_ws_after(const uint8_t *p, const uint8_t *end) {
        while (p < end && sj::is_json_ws(*p)) p++;
        return p == end || out.fail(SJ_R_INVALID_JSON, sj::kTrailing, reinterpret_cast<const char *>(p));
    }

    /// After the root container: only whitespace may follow.
    bool at_document_end(ondemand::document &doc) {
        const char *loc = nullptr;
        error_code e = doc.current_location().get(loc);
        if (e == SUCCESS && loc != nullptr) return out.fail(SJ_R_INVALID_JSON, sj::kTrailing, loc);
        return true;
    }
};

namespace {
/// Stands in for a NULL buffer of length 0 (readable padding included).
const uint8_t kEmptyDocument[SJ_PADDING + 1] = {0};
/// What `sj_arena` returns while the arena has no storage.
const uint8_t kEmptyArena[1] = {0};

// The Swift owner (ShipKPIJSON) reads frames and values through raw pointers at these offsets.
static_assert(sizeof(sj_value) == 12 && offsetof(sj_value, off) == 0 && offsetof(sj_value, len) == 4 &&
                  offsetof(sj_value, type) == 8, "sj_value layout is read from Swift");
static_assert(sizeof(sj_frame) == 20 && offsetof(sj_frame, node) == 0 && offsetof(sj_frame, values) == 4 &&
                  offsetof(sj_frame, next) == 8 && offsetof(sj_frame, parent) == 12 && offsetof(sj_frame, flags) == 16,
              "sj_frame layout is read from Swift");
} // namespace

extern "C" {

sj_parser *sj_parser_create(const sj_schema *schema, uint32_t max_depth) {
    if (!schema) return nullptr;
    return new (std::nothrow) sj_parser(schema->schema, max_depth < 2 ? 2 : max_depth);
}

void sj_parser_destroy(sj_parser *parser) { delete parser; }

void sj_parser_set_dom(sj_parser *parser, int enabled) {
    if (parser) parser->use_dom = enabled != 0;
}

int sj_parse(sj_parser *parser, const uint8_t *buf, size_t len) {
    if (!parser) return SJ_R_INTERNAL;
    if (!buf) {
        if (len > 0) {
            parser->out.reset(nullptr);
            parser->out.fail(SJ_R_INTERNAL, "no document buffer");
            return SJ_R_INTERNAL;
        }
        buf = kEmptyDocument;
    }
    return parser->parse(buf, len);
}

uint8_t sj_root_type(const sj_parser *parser) { return parser ? parser->out.root_type : uint8_t(SJ_T_ABSENT); }

size_t sj_frame_count(const sj_parser *parser) {
    return parser && parser->out.err.reason == SJ_OK ? parser->out.frames.size() : 0;
}

const sj_frame *sj_frames(const sj_parser *parser) { return parser ? parser->out.frames.data() : nullptr; }
const sj_value *sj_values(const sj_parser *parser) { return parser ? parser->out.values.data() : nullptr; }

const uint8_t *sj_arena(const sj_parser *parser) {
    if (!parser || parser->out.arena.data() == nullptr) return kEmptyArena;
    return parser->out.arena.data();
}

size_t sj_arena_size(const sj_parser *parser) { return parser ? parser->out.arena.size() : 0; }

size_t sj_parser_retained(const sj_parser *parser) {
    if (!parser) return 0;
    const sj::Extraction &o = parser->out;
    return parser->od_parser.capacity() + o.arena.capacity() + o.frames.capacity() * sizeof(sj_frame) +
           o.values.capacity() * sizeof(sj_value);
}

const char *sj_error_detail(const sj_parser *parser) { return parser ? parser->out.err.detail : ""; }
long long sj_error_offset(const sj_parser *parser) { return parser ? parser->out.err.offset : -1; }

} // extern "C"
