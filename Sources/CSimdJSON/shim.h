/* Link-only module: the C++ shim (CShipJSON) includes <simdjson.h> itself. */
#ifndef SHIPKPI_CSIMDJSON_SHIM_H
#define SHIPKPI_CSIMDJSON_SHIM_H
#endif
