#ifndef SHIPKPI_CLIBXML2_SHIM_H
#define SHIPKPI_CLIBXML2_SHIM_H

/* Debian's libxml2 is built with ICU, so <libxml/encoding.h> includes the system <unicode/ucnv.h>
 * for two opaque types of a struct shipkpi never touches. Foundation ships its own ICU
 * (_FoundationICU), and a module that sees both reports "'UErrorCode' has different definitions
 * in different modules" — intermittently, depending on module-build order. Keep the system ICU
 * headers out: mark ucnv.h as already included and declare the two types it would provide
 * (an opaque struct and ICU's 16-bit code unit, as in ICU's C headers). */
#include <stdint.h>
#define UCNV_H 1
typedef struct UConverter UConverter;
typedef uint16_t UChar;
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/HTMLtree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlmemory.h>

/// `xmlFree` is a global function pointer that Swift 6 cannot touch; call it through this.
static inline void shipkpi_xmlFree(void *p) { xmlFree(p); }
#endif
