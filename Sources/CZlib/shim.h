#ifndef SHIPKPI_CZLIB_SHIM_H
#define SHIPKPI_CZLIB_SHIM_H
#include <zlib.h>
/// `inflateInit2` is a function-like macro; Swift cannot import it.
static inline int shipkpi_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
#endif
