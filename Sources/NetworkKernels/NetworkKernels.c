#include "NetworkKernels.h"

// The portable variant: the architecture's baseline (SSE2 on x86-64, NEON on arm64), 128-bit vectors.
#define VARIANT(name) name##_portable
#define VARIANT_NAME "portable"
#define VW 4
#define MR 4
#define NR 2
#define NT 4
#if defined(__FMA__) || defined(__aarch64__)
#define FMA_IN_DOUBLE 0
#else
#define FMA_IN_DOUBLE 1
#endif
#include "KernelBody.h"

const network_kernels *network_kernels_portable(void) { return &table_portable; }

#if defined(__x86_64__)

#pragma clang attribute push (__attribute__((target("avx2,fma"))), apply_to = function)
#define VARIANT(name) name##_avx2
#define VARIANT_NAME "avx2"
#define FMA_IN_DOUBLE 0
#define VW 8
#define MR 4
#define NR 2
#define NT 4
#include "KernelBody.h"
#pragma clang attribute pop

#pragma clang attribute push (__attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma"))), apply_to = function)
#define VARIANT(name) name##_avx512
#define VARIANT_NAME "avx512"
#define FMA_IN_DOUBLE 0
#define VW 16
#define MR 8
#define NR 2
#define NT 8
#include "KernelBody.h"
#pragma clang attribute pop

const network_kernels *network_kernels_avx2(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? &table_avx2 : NULL;
}

const network_kernels *network_kernels_avx512(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
        && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") ? &table_avx512 : NULL;
}

#else

const network_kernels *network_kernels_avx2(void) { return NULL; }
const network_kernels *network_kernels_avx512(void) { return NULL; }

#endif

const network_kernels *network_kernels_best(void)
{
    const network_kernels *best = network_kernels_avx512();
    if (!best) best = network_kernels_avx2();
    return best ? best : network_kernels_portable();
}
