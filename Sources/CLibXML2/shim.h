#ifndef SHIPKPI_CLIBXML2_SHIM_H
#define SHIPKPI_CLIBXML2_SHIM_H
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
