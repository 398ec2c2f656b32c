#ifndef CFFMPEG_SHIM_H
#define CFFMPEG_SHIM_H

#include <errno.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libavutil/avutil.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixfmt.h>

/// Swift cannot import function-like or computed macros; these wrap the ones the encoder needs.
static inline int cffmpeg_averror_eof(void) { return AVERROR_EOF; }
static inline int cffmpeg_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int cffmpeg_codec_flag_global_header(void) { return AV_CODEC_FLAG_GLOBAL_HEADER; }
static inline int cffmpeg_fmt_globalheader(void) { return AVFMT_GLOBALHEADER; }
static inline int cffmpeg_avio_flag_write(void) { return AVIO_FLAG_WRITE; }
static inline int cffmpeg_pix_fmt_bgra(void) { return AV_PIX_FMT_BGRA; }
static inline int cffmpeg_pix_fmt_yuv420p(void) { return AV_PIX_FMT_YUV420P; }
static inline int cffmpeg_pix_fmt_pal8(void) { return AV_PIX_FMT_PAL8; }
static inline int cffmpeg_error_max_string_size(void) { return AV_ERROR_MAX_STRING_SIZE; }

#endif
