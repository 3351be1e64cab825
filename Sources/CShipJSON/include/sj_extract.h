/*
 * sj_extract.h — the C ABI of shipkpi's schema-driven JSON extractor.
 *
 * The extractor is C++ over simdjson (see ../extract/); this header is plain C so that Swift
 * imports it without C++ interop. It knows no carrier and no record shape: the caller declares a
 * schema (object nodes and their fields), and every call to `sj_parse`
 *
 *   1. validates the whole document (strings, escapes, surrogates, numbers against the JSON
 *      grammar, literals, nesting up to `max_depth`), exactly as strictly as the old record decoder
 *      (skp_json.h) did, with the same error details and offsets;
 *   2. captures the schema's fields into frames: one frame per object walked with a node, holding
 *      one `sj_value` per field of that node (its "slots").
 *
 * Deciding what a document means (which record shape, which reject) is the caller's job.
 *
 * Ownership: one `sj_parser` belongs to one thread. Everything `sj_frames`, `sj_values`,
 * `sj_arena` and `sj_error_detail` return stays valid until the next `sj_parse` or
 * `sj_parser_destroy` on that parser. A schema may be destroyed as soon as the parsers made
 * from it exist: `sj_parser_create` copies it.
 */
#ifndef SHIPKPI_SJ_EXTRACT_H
#define SHIPKPI_SJ_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes that must be readable (any value) after the end of every buffer given to `sj_parse`. */
#define SJ_PADDING 64
/* A parser keeps the buffers a big document (over 1 MiB, up to 16 MiB) grew until this many
 * documents have followed without another big one. */
#define SJ_QUIET_DOCUMENTS 65536
/* …and the parsers of a process keep such buffers for at most this many document bytes together. */
#define SJ_KEEP_BUDGET (8u << 20)

/** "No frame" / "no node" in `sj_frame` and `sj_value.off`. */
#define SJ_NONE 0xFFFFFFFFu

/** Most fields (slots) one node may have: the walk's seen-mask is two 64-bit words. */
#define SJ_MAX_SLOTS 128

/** Results of `sj_parse`; the values match the old SKP_OK / SKP_R_* codes. */
enum {
    SJ_OK = 0,
    SJ_R_INVALID_JSON = 1,
    SJ_R_INVALID_UTF8 = 2,
    SJ_R_TOO_DEEP = 3,
    SJ_R_INTERNAL = 9, /* NULL parser */
};

/** JSON type of a value. A field whose key was not in the object is SJ_T_ABSENT. */
enum {
    SJ_T_ABSENT = 0,
    SJ_T_NULL = 1,
    SJ_T_STRING = 2,
    SJ_T_NUMBER = 3,
    SJ_T_BOOL = 4,
    SJ_T_OBJECT = 5,
    SJ_T_ARRAY = 6,
};

/** What a field captures. */
enum {
    /** Strings (unescaped, trimmed of ASCII whitespace incl. \f \v), numbers (the raw JSON
     *  token, checked against the grammar), booleans ("true"/"false") and null are stored; for
     *  an object or array only the type is kept (its content is validated and dropped). */
    SJ_FIELD_SCALAR = 0,
    /** A possibly huge value (a proof-of-delivery image): validated, its type kept, nothing
     *  copied. `len` is a measure of non-emptiness: for a string its length after trimming
     *  leading whitespace, for an array or object 1 when it has an element and 0 when empty,
     *  0 for every other type. `off` is 0. */
    SJ_FIELD_ATTACHMENT = 1,
    /** When the value is an object, it is walked with the field's child node into a new frame;
     *  `off` is that frame's index (SJ_NONE otherwise). Any other value: type only. */
    SJ_FIELD_OBJECT = 2,
    /** When the value is an array, each element gets a frame, in order: an object element is
     *  walked with the child node, any other element gets a frame flagged SJ_FRAME_NOT_OBJECT
     *  (node and values SJ_NONE; the element is still validated). `off` is the first element's
     *  frame (SJ_NONE when empty), `len` the element count; element frames are chained by
     *  `next`. Any other value: type only. */
    SJ_FIELD_OBJECTS = 3,
};

/** Frame flags. */
enum {
    SJ_FRAME_DUPLICATE_KEY = 1, /* a key of this node (or an alias of it) appeared again; the first value was kept */
    SJ_FRAME_NOT_OBJECT = 2,    /* an element of an SJ_FIELD_OBJECTS array that is not an object */
};

/** One captured value: `len` bytes at `arena + off` for a string, number or boolean of a
 *  SJ_FIELD_SCALAR; see the field kinds above for the others. */
typedef struct {
    uint32_t off;
    uint32_t len;
    uint8_t type;
} sj_value;

/** One object walked with a node (or a non-object element of an SJ_FIELD_OBJECTS array).
 *  Frame 0 is the root object. Frames are numbered in document order (pre-order): an object's
 *  frame comes before the frames of the objects inside it. */
typedef struct {
    uint32_t node;   /* the schema node it was walked with; SJ_NONE for SJ_FRAME_NOT_OBJECT */
    uint32_t values; /* index in sj_values() of this frame's slot 0 (the node's fields follow in
                        slot order); SJ_NONE for SJ_FRAME_NOT_OBJECT */
    uint32_t next;   /* the next element of the same array, or SJ_NONE */
    uint32_t parent; /* the frame holding the field this frame came from; SJ_NONE for the root */
    uint8_t flags;   /* SJ_FRAME_* */
} sj_frame;

/* ----- schema ------------------------------------------------------------------------------ */

/** Misuse codes returned (negative) by the schema builders. */
enum {
    SJ_E_UNKNOWN_NODE = -1,   /* no such node (the field's node, or a child node) */
    SJ_E_UNKNOWN_SLOT = -2,   /* no such field in that node */
    SJ_E_TOO_MANY_SLOTS = -3, /* the node already has SJ_MAX_SLOTS fields */
    SJ_E_NAME_TAKEN = -4,     /* the node already has a field with that name */
    SJ_E_BAD_KIND = -5,       /* not an SJ_FIELD_* kind */
    SJ_E_BAD_ARGUMENT = -6,   /* NULL schema, or NULL name with a non-zero length */
};

typedef struct sj_schema sj_schema;

/** An empty schema holding the root node (id 0). NULL when out of memory. */
sj_schema *sj_schema_create(void);
void sj_schema_destroy(sj_schema *schema);

/** Adds an object node; returns its id (> 0) or a negative SJ_E_* code. */
int sj_schema_add_node(sj_schema *schema);

/**
 * Adds a field to `node`; returns its slot (0, 1, … in the order fields are added) or a
 * negative SJ_E_* code. `child_node` is the node that walks the field's object(s) for
 * SJ_FIELD_OBJECT and SJ_FIELD_OBJECTS and may be any existing node, including `node` itself
 * or an ancestor (recursion is bounded by the document's depth); it is ignored for the others.
 * A field has no name until `sj_schema_add_name` gives it one.
 */
int sj_schema_add_field(sj_schema *schema, int node, uint8_t kind, int child_node);

/**
 * Gives field `slot` of `node` the key `name` (`len` bytes, compared byte for byte with the
 * unescaped key; any bytes, including none). A field may have several names (aliases): they share
 * the slot, and a second one in the same object counts as a duplicate key. Returns 0 or a
 * negative SJ_E_* code (SJ_E_NAME_TAKEN when any field of `node` already has that name).
 */
int sj_schema_add_name(sj_schema *schema, int node, int slot, const char *name, size_t len);

/* ----- parser ------------------------------------------------------------------------------ */

typedef struct sj_parser sj_parser;

/**
 * A parser for documents nested at most `max_depth` containers deep (values below 2 count as
 * 2), capturing `schema`'s fields. The schema is copied: it may be changed or destroyed
 * afterwards without affecting the parser. NULL when `schema` is NULL or memory runs out.
 *
 * Memory: buffers grow to fit the largest document seen, except that after a document of more
 * than 1 MiB the parser releases the buffers that document made large (simdjson's, and any output
 * vector above 1 MiB of capacity) — the simdjson ones at the end of that `sj_parse`, the output
 * ones at the start of the next. A worker's memory therefore does not stay sized for the largest
 * proof-of-delivery line it has met.
 */
sj_parser *sj_parser_create(const sj_schema *schema, uint32_t max_depth);
void sj_parser_destroy(sj_parser *parser);

/**
 * Turns the DOM fast path off (0) or on (1, the default): with it off every document goes
 * through the On-Demand walk. Both decide and capture every document alike; this exists so tests
 * and the fuzzer can check that.
 */
void sj_parser_set_dom(sj_parser *parser, int enabled);

/**
 * Parses one document of `len` bytes at `buf`; `buf` must have SJ_PADDING readable bytes after
 * `len` (a NULL `buf` is allowed when `len` is 0). Returns SJ_OK (the root type and, for an
 * object root, the frames are available) or SJ_R_INVALID_JSON, SJ_R_INVALID_UTF8 or
 * SJ_R_TOO_DEEP (`sj_error_detail` and `sj_error_offset` then say why and where).
 */
int sj_parse(sj_parser *parser, const uint8_t *buf, size_t len);

/** After SJ_OK: the root value's SJ_T_* type (SJ_T_OBJECT, SJ_T_ARRAY, or a scalar's type). */
uint8_t sj_root_type(const sj_parser *parser);
/** After SJ_OK with an object root: the number of frames (at least 1); 0 otherwise. */
size_t sj_frame_count(const sj_parser *parser);
const sj_frame *sj_frames(const sj_parser *parser);
const sj_value *sj_values(const sj_parser *parser);
/** The bytes values point into; never NULL. */
const uint8_t *sj_arena(const sj_parser *parser);
/** The number of bytes in use in the arena (captured values only; attachments are never copied). */
size_t sj_arena_size(const sj_parser *parser);
/** Bytes of document capacity simdjson's On-Demand buffers are sized for, plus the bytes the
 *  output buffers (frames, values, arena) have reserved: what the release policy above bounds.
 *  (The DOM fast path's buffers are fixed: sized once for 1 MiB documents.) For tests. */
size_t sj_parser_retained(const sj_parser *parser);
/** A static, value-free description of the last document-level error ("" if none). */
const char *sj_error_detail(const sj_parser *parser);
/** Byte offset within the document where the last document-level error was detected, or -1. */
long long sj_error_offset(const sj_parser *parser);

#ifdef __cplusplus
}
#endif

#endif
