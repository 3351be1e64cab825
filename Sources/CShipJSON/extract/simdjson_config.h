// simdjson_config.h — how every extractor file includes simdjson.
//
// Debian's libsimdjson is built with threads, which adds a member to the parser classes; its
// pkg-config flag for that (-DSIMDJSON_THREADS_ENABLED=1) is one SwiftPM refuses to pass on, so it
// is defined here to keep the class layouts identical to the library's.
#ifndef SHIPKPI_SJ_SIMDJSON_CONFIG_H
#define SHIPKPI_SJ_SIMDJSON_CONFIG_H

#ifndef SIMDJSON_THREADS_ENABLED
#define SIMDJSON_THREADS_ENABLED 1
#endif
#include <simdjson.h>

#endif
