#ifndef SHIPKPI_CXXHASH_SHIM_H
#define SHIPKPI_CXXHASH_SHIM_H
#include <xxhash.h>
#endif
