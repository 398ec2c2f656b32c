#ifndef NETWORK_KERNELS_H
#define NETWORK_KERNELS_H

#include <stddef.h>

/// The dense kernels of the Q-network's training step, compiled from one C body (KernelBody.h) several
/// ways: for any processor of the architecture ("portable"), and on x86-64 also for AVX2 with FMA and for
/// AVX-512. `network_kernels_best()` picks the fastest one this processor runs, at run time, so one binary
/// runs everywhere. Every kernel computes each output element in the same order whatever its position,
/// so a row's result does not depend on the other rows of the batch.
///
/// Matrices are row-major floats; a stride counts floats.
typedef struct network_kernels {
    /// "avx512", "avx2" or "portable".
    const char *name;

    /// C[i][j] = epilogue(start[j] + Σ_p A(i,p) · B[p][j]) for i < m, j < n, p < k, where
    /// A(i,p) = a[i·a_row + p·a_column] (so A or its transpose), start is `bias` (n values) or zeros
    /// when NULL; the epilogue zeroes negatives when `relu` is non-zero, then zeroes C[i][j] where
    /// mask[i·mask_row + j] <= 0 when `mask` is not NULL.
    void (*gemm)(size_t m, size_t n, size_t k,
                 const float *a, ptrdiff_t a_row, ptrdiff_t a_column,
                 const float *b, ptrdiff_t b_row,
                 const float *bias, int relu, const float *mask, ptrdiff_t mask_row,
                 float *c, ptrdiff_t c_row);

    /// out[i][o] = bias[o] + Σ_p a[i·a_row + p] · w[o·w_row + p] for i < m, o < outputs, p < k: a product
    /// with few outputs (the Q-values) as dot products along rows, where `gemm` would have no whole vector.
    void (*dot)(size_t m, size_t outputs, size_t k, const float *a, ptrdiff_t a_row,
                const float *w, ptrdiff_t w_row, const float *bias, float *out, ptrdiff_t out_row);

    /// out[j][i] = in[i][j] for an m × n `in`, zeroed where mask[j·mask_row + i] <= 0 when `mask` is not
    /// NULL (the ReLU's derivative, read from its output, applied while transposing a gradient back).
    void (*transpose)(size_t m, size_t n, const float *in, ptrdiff_t in_row,
                      const float *mask, ptrdiff_t mask_row, float *out, ptrdiff_t out_row);

    /// One step of Adam over `count` parameters, as PyTorch's single-tensor Adam: m += (1 − β1)(g − m),
    /// v = β2·v + (1 − β2)·g², moments below the smallest normal float set to zero, then
    /// p −= step_size · m / (√v · inverse_root_correction + epsilon).
    void (*adam)(size_t count, float *parameters, float *first_moment, float *second_moment,
                 const float *gradient, float step_size, float inverse_root_correction,
                 float weight1, float decay2, float weight2, float epsilon);

    /// The softmax of each of `groups` groups of k floats, group g at x + starts[g] (x + g·k when `starts` is
    /// NULL), into p at the same offset, as PyTorch's softmax over the last dimension computes it in the
    /// bits every variant gives: the largest by `x >= largest ? x : largest` from the first in order,
    /// e = exp(x − largest) (Cephes' expf: its reduction and polynomial, each step a product then a sum),
    /// their sum in order, each e times 1/sum. When not NULL: q[g] = Σ p·z in order (products then sums),
    /// largest[g] and sum[g] (for a log-softmax).
    void (*softmax)(size_t groups, size_t k, const float *x, const ptrdiff_t *starts, const float *z,
                    float *p, float *q, float *largest, float *sum);

    /// out[i] = addend[i] + a[i]·b[i] (the product rounded, then the sum), or a[i]·b[i] when `addend` is
    /// NULL, for i < count: a noisy layer's weights μ + σ·ε, and σ's gradient.
    void (*products)(size_t count, const float *a, const float *b, const float *addend, float *out);

    /// out[r·e + i] = cos(taus[r] · frequencies[i]) for r < count, i < e: the product in float, its cosine
    /// computed in double (the reduction and series KernelBody.h states, the same in every variant) and
    /// rounded to float; NaN where |product| reaches 2^20·π/2. An implicit quantile network's embedding.
    void (*cosines)(size_t count, const float *taus, size_t e, const float *frequencies, float *out);
} network_kernels;

/// Kernels compiled for any processor of this architecture.
const network_kernels *network_kernels_portable(void);

/// Kernels for AVX2 with FMA, or NULL when this processor (or the architecture) has none.
const network_kernels *network_kernels_avx2(void);

/// Kernels for AVX-512 (F, VL, BW, DQ), or NULL when this processor (or the architecture) has none.
const network_kernels *network_kernels_avx512(void);

/// The fastest kernels this processor runs.
const network_kernels *network_kernels_best(void);

/// A hint to the processor that the thread is waiting in a loop (x86's `pause`, arm64's `yield`).
static inline void network_kernels_spin_pause(void)
{
#if defined(__x86_64__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

#endif
