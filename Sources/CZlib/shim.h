#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro; Swift imports only the function behind it.
static inline int czlib_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

// deflateInit2 is a macro too: a zlib stream (for PNG) at `level` with `strategy`.
static inline int czlib_deflate_init(z_stream *stream, int level, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, MAX_WBITS, 8, strategy);
}
#endif
