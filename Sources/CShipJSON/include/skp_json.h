/*
 * skp_json.h — the C ABI of shipkpi's JSON record decoder.
 *
 * The decoder is C++ over simdjson's On-Demand API (see skp_json.cpp); this header is plain C so
 * that Swift imports it without C++ interop. One `skp_parser` belongs to one thread.
 *
 * A call to `skp_parse` walks one JSON document completely (every value is validated: strings,
 * escapes, numbers, literals, nesting), recognises the record shape of SPEC §1 and fills a list of
 * records. Each record has fixed field slots; a slot points into the parser's arena (unescaped,
 * trimmed string bytes, or a number's raw token text) and stays valid until the next `skp_parse`.
 * Large attachment fields (POD, POD_B64, format) are validated but never copied: they only set flags.
 */
#ifndef SHIPKPI_SKP_JSON_H
#define SHIPKPI_SKP_JSON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes that must be readable (any value) after the end of every buffer given to `skp_parse`. */
#define SKP_PADDING 64

/** JSON type of a slot. A slot whose key was not present is SKP_T_ABSENT. */
enum {
    SKP_T_ABSENT = 0,
    SKP_T_NULL = 1,
    SKP_T_STRING = 2,
    SKP_T_NUMBER = 3,
    SKP_T_BOOL = 4,
    SKP_T_OBJECT = 5,
    SKP_T_ARRAY = 6,
};

/** Record kinds. */
enum {
    SKP_K_EVENT_247 = 1,       /* 247Express status event (webhook body or GetStatusLogs history item) */
    SKP_K_ORDER_247 = 2,       /* 247Express order record (flat or {"OrderInfo": {...}}) */
    SKP_K_PACKAGE_247 = 3,     /* one element of the preceding order record's Packages */
    SKP_K_HOUND_STATUS = 4,    /* HoundExpress changeOrderStatus {"guide": {...}} */
    SKP_K_HOUND_WEBHOOK = 5,   /* HoundExpress webhook notification {value, statusObj, ...} */
    SKP_K_REJECT = 6,          /* a record inside the document that cannot be used (reason in `reason`) */
};

/** Reject reasons (document level: the return value of skp_parse; record level: `reason`). */
enum {
    SKP_OK = 0,
    SKP_R_INVALID_JSON = 1,
    SKP_R_INVALID_UTF8 = 2,
    SKP_R_TOO_DEEP = 3,
    SKP_R_UNKNOWN_SHAPE = 4,
    SKP_R_MISSING_ORDER_CODE = 5,
    SKP_R_MISSING_STATUS = 6,
    SKP_R_DUPLICATE_KEY = 7,
    SKP_R_INVALID_FIELD = 8,
    SKP_R_INTERNAL = 9,
};

/** Field slots. Which slots a kind uses is documented beside each one. */
enum {
    /* 247 event + order */
    SKP_S_ORDER_CODE = 0,     /* 247 OrderCode; Hound guide.guideNumber / webhook value */
    SKP_S_STATUS,             /* 247 Status; Hound currentStatus.status / statusObj.id */
    SKP_S_STATUS_NAME,        /* 247 StatusName; Hound currentStatus.code / statusObj.code */
    SKP_S_TIME,               /* 247 Time */
    SKP_S_TRANSACTION_ID,     /* 247 TransactionId */
    SKP_S_DELAY_CODE,         /* 247 DelayCode */
    SKP_S_DELAY_NOTES,        /* 247 DelayNotes */
    SKP_S_FEEDBACK,           /* 247 RequestFeedbackCount */
    SKP_S_MAILMAN,            /* 247 Mailman */
    SKP_S_API_KEY,            /* 247 ApiKey (a credential: compare only, never output) */
    SKP_S_DELIVERY_DATE,      /* 247 DeliveryDate (informational) */
    /* 247 order */
    SKP_S_SERVICE_TYPE,       /* ServiceTypeID */
    SKP_S_RCV_ADDRESS,        /* ReceiverAddress (personal data) */
    SKP_S_RCV_PROVINCE,       /* ReceiverProvinceName */
    SKP_S_RCV_DISTRICT,       /* ReceiverDistrictName */
    SKP_S_RCV_PHONE,          /* ReceiverPhone (personal data) */
    SKP_S_CLIENT_HUB,         /* ClientHubID */
    SKP_S_CUS_WAREHOUSE,      /* CusWareHouseID */
    SKP_S_CUS_WAREHOUSE_ALT,  /* CusWarehouseID (the carrier's other casing) */
    SKP_S_MAILER_TYPE,        /* MailerType */
    SKP_S_REAL_WEIGHT,        /* RealWeight (order) / package RealWeight */
    SKP_S_INFORM_FEE,         /* InformFee */
    SKP_S_COD_AMOUNT,         /* CODAmount */
    SKP_S_COP_AMT,            /* COPAmt */
    SKP_S_QUANTITY,           /* Quantity */
    SKP_S_PACKAGES,           /* Packages (type only; the packages follow as PACKAGE records) */
    SKP_S_LENGTH,             /* package Length */
    SKP_S_WIDTH,              /* package Width */
    SKP_S_HEIGHT,             /* package Height */
    /* Hound dates */
    SKP_S_HD_DATE,            /* currentStatus.date (epoch ms or dd/MM/yyyy HH:mm:ss or dd-MM-yyyy) / webhook date */
    SKP_S_HD_TIME,            /* currentStatus.time (HH:mm:ss) */
    SKP_S_HD_DATETIME_ISO,    /* webhook dateTimeISO */
    SKP_S_HD_DATETIME,        /* webhook dateTime */
    /* envelope */
    SKP_S_RECEIVED_AT,        /* envelope receivedAt */
    SKP_NSLOTS
};

/** Record flags. */
enum {
    SKP_F_HAS_POD = 1,          /* POD or POD_B64 present and not empty */
    SKP_F_HAS_ATTACHMENT = 2,   /* format present and not empty */
    SKP_F_ENVELOPE = 4,         /* came inside {"receivedAt", "payload"} */
    SKP_F_STATUS_LOG = 8,       /* a GetStatusLogs history item */
    SKP_F_HAS_DVBH = 16,        /* ExtraServices/ExtraService lists ServiceID "DVBH" */
    SKP_F_EXTRA_NOT_ARRAY = 32, /* ExtraServices present but not an array (order records) */
};

/** One slot: `len` bytes at `arena + off`. Strings are unescaped and trimmed of ASCII whitespace;
 *  numbers are their raw JSON token; booleans are "true"/"false". */
typedef struct {
    uint32_t off;
    uint32_t len;
    uint8_t type;
} skp_value;

typedef struct {
    uint8_t kind;
    uint8_t flags;
    uint8_t reason;          /* SKP_K_REJECT only */
    uint8_t reserved;
    uint32_t sub_index;      /* 0 for the document itself; history items count from 1 */
    uint32_t package_count;  /* ORDER_247: number of PACKAGE records that follow it */
    uint32_t reserved2;
    const char *detail;      /* REJECT: a static, value-free description ("OrderCode is missing") */
    skp_value slot[SKP_NSLOTS];
} skp_record;

/** Slot `i` of a record (C arrays import into Swift as tuples; this keeps indexing cheap). */
static inline const skp_value *skp_slot(const skp_record *record, int i) { return &record->slot[i]; }

typedef struct skp_parser skp_parser;

/** A parser for documents nested at most `max_depth` containers deep. NULL when out of memory. */
skp_parser *skp_parser_create(uint32_t max_depth);
void skp_parser_destroy(skp_parser *parser);

/**
 * Turns the DOM fast path off (0) or on (1, the default unless SHIPKPI_JSON_EXACT=1 is set): with
 * it off every document goes through the On-Demand walk. Both decide every document alike; this
 * exists so tests and the fuzzer can check that.
 */
void skp_parser_set_dom(skp_parser *parser, int enabled);

/**
 * Parses one document of `len` bytes at `buf`; `buf` must have SKP_PADDING readable bytes after
 * `len`. Returns SKP_OK (records available) or a document-level reason (SKP_R_INVALID_JSON,
 * SKP_R_INVALID_UTF8, SKP_R_TOO_DEEP); `skp_error_detail` then describes it.
 */
int skp_parse(skp_parser *parser, const uint8_t *buf, size_t len);

size_t skp_record_count(const skp_parser *parser);
const skp_record *skp_records(const skp_parser *parser);
const uint8_t *skp_arena(const skp_parser *parser);
/** A static, value-free description of the last document-level error ("" if none). */
const char *skp_error_detail(const skp_parser *parser);
/** Byte offset within the document where the last document-level error was detected, or -1. */
long long skp_error_offset(const skp_parser *parser);

/** Process-wide malloc settings for bounded memory: blocks of 1 MiB and more are returned to the
 *  system when freed (glibc otherwise raises that threshold after the first free), and threads
 *  share at most four arenas. Call once, before starting threads. */
void skp_tune_malloc(void);
/** Returns freed heap memory to the system (between phases of a run). */
void skp_trim_memory(void);

#ifdef __cplusplus
}
#endif

#endif
