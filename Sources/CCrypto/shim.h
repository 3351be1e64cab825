#ifndef SHIPKPI_CCRYPTO_SHIM_H
#define SHIPKPI_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
