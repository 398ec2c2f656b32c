// The kernels' one body, included by NetworkKernels.c once per variant with these defined:
// VARIANT(name) (the variant's suffix), VARIANT_NAME (its name), VW (floats per vector), MR (rows per
// tile), NR (vectors per tile row), NT (vectors per tile of a single row: the rows below the last whole tile,
// and products of one row, whose chains of FMAs need to be many to hide their latency), NEWTON_DIVISION
// (Adam divides by Newton's method rather than by the division instruction). Vectors are clang's vector extension, so each variant compiles the same
// arithmetic for its processor; `acc += s * b` fuses into one FMA where the variant has FMA, in vector and
// scalar code alike, so an element's value does not depend on whether it fell in a tile or in a tail.

typedef float VARIANT(Vector) __attribute__((vector_size(VW * 4), aligned(4)));
typedef int VARIANT(Mask) __attribute__((vector_size(VW * 4), aligned(4)));
#define Vector VARIANT(Vector)
#define Mask VARIANT(Mask)
#define LOAD(pointer) ({ Vector loaded_; __builtin_memcpy(&loaded_, (pointer), sizeof loaded_); loaded_; })
#define STORE(pointer, value) do { Vector stored_ = (value); __builtin_memcpy((pointer), &stored_, sizeof stored_); } while (0)
/// Keeps the lanes of `value` where `keep` is all ones, zeroes the others.
#define KEEP(value, keep) ((Vector)((Mask)(value) & (keep)))
/// F(L, B) for each lane L of a vector, for shuffles' lane lists.
#if VW == 16
#define LANES_(F, B) F(0, B), F(1, B), F(2, B), F(3, B), F(4, B), F(5, B), F(6, B), F(7, B), \
    F(8, B), F(9, B), F(10, B), F(11, B), F(12, B), F(13, B), F(14, B), F(15, B)
#elif VW == 8
#define LANES_(F, B) F(0, B), F(1, B), F(2, B), F(3, B), F(4, B), F(5, B), F(6, B), F(7, B)
#elif VW == 4
#define LANES_(F, B) F(0, B), F(1, B), F(2, B), F(3, B)
#endif

// MARK: - Matrix product

/// One tile of `rows` × `vectors`·VW outputs (both constant after inlining, so the accumulators stay in
/// registers); pointers are already at the tile's first row and column.
static inline __attribute__((always_inline)) void VARIANT(tile)(
    const int rows, const int vectors, size_t k, const float *a, ptrdiff_t a_row, ptrdiff_t a_column,
    const float *b, ptrdiff_t b_row, const float *bias, int relu, const float *mask, ptrdiff_t mask_row,
    float *c, ptrdiff_t c_row)
{
    Vector acc[MR][NT > NR ? NT : NR];
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++) acc[r][v] = bias ? LOAD(bias + v * VW) : (Vector){0};
    for (size_t p = 0; p < k; p++) {
        Vector row[NT > NR ? NT : NR];
        for (int v = 0; v < vectors; v++) row[v] = LOAD(b + p * b_row + v * VW);
        for (int r = 0; r < rows; r++) {
            const float s = a[r * a_row + (ptrdiff_t)p * a_column];
            for (int v = 0; v < vectors; v++) acc[r][v] += s * row[v];
        }
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++) {
            Vector out = acc[r][v];
            if (relu) out = KEEP(out, out > 0);
            if (mask) out = KEEP(out, LOAD(mask + r * mask_row + v * VW) > 0);
            STORE(c + r * c_row + v * VW, out);
        }
}

/// The last columns of a row block, fewer than a vector, one at a time.
static inline __attribute__((always_inline)) void VARIANT(narrow_tile)(
    const int rows, size_t columns, size_t k, const float *a, ptrdiff_t a_row, ptrdiff_t a_column,
    const float *b, ptrdiff_t b_row, const float *bias, int relu, const float *mask, ptrdiff_t mask_row,
    float *c, ptrdiff_t c_row)
{
    for (int r = 0; r < rows; r++)
        for (size_t j = 0; j < columns; j++) {
            float acc = bias ? bias[j] : 0;
            for (size_t p = 0; p < k; p++) acc += a[r * a_row + (ptrdiff_t)p * a_column] * b[(ptrdiff_t)p * b_row + j];
            if (relu && !(acc > 0)) acc = 0;
            if (mask && !(mask[r * mask_row + j] > 0)) acc = 0;
            c[r * c_row + j] = acc;
        }
}

/// The columns from `j` of `rows` rows starting at row `i`, in tiles of `rows` × `vectors` vectors while they
/// fit, then one vector at a time, then single lanes.
static inline __attribute__((always_inline)) void VARIANT(row_block)(
    const int rows, const int vectors, size_t i, size_t n, size_t k, const float *a, ptrdiff_t a_row,
    ptrdiff_t a_column, const float *b, ptrdiff_t b_row, const float *bias, int relu, const float *mask,
    ptrdiff_t mask_row, float *c, ptrdiff_t c_row)
{
    a += (ptrdiff_t)i * a_row;
    c += (ptrdiff_t)i * c_row;
    if (mask) mask += (ptrdiff_t)i * mask_row;
    size_t j = 0;
    for (; j + vectors * VW <= n; j += vectors * VW)
        VARIANT(tile)(rows, vectors, k, a, a_row, a_column, b + j, b_row, bias ? bias + j : NULL, relu,
                      mask ? mask + j : NULL, mask_row, c + j, c_row);
    for (; j + VW <= n; j += VW)
        VARIANT(tile)(rows, 1, k, a, a_row, a_column, b + j, b_row, bias ? bias + j : NULL, relu,
                      mask ? mask + j : NULL, mask_row, c + j, c_row);
    if (j < n)
        VARIANT(narrow_tile)(rows, n - j, k, a, a_row, a_column, b + j, b_row, bias ? bias + j : NULL, relu,
                             mask ? mask + j : NULL, mask_row, c + j, c_row);
}

/// Whole tiles of MR rows, their column blocks outermost so that the block of B they read stays in the
/// first-level cache for every tile; then the rows left over, all in one tile so that B is read once for
/// them, as wide as it takes (NT vectors for a single row) for enough independent chains of FMAs to hide
/// their latency.
static void VARIANT(gemm)(size_t m, size_t n, size_t k, const float *a, ptrdiff_t a_row, ptrdiff_t a_column,
                          const float *b, ptrdiff_t b_row, const float *bias, int relu, const float *mask,
                          ptrdiff_t mask_row, float *c, ptrdiff_t c_row)
{
    const size_t whole = m / MR * MR;
    size_t j = 0;
    for (; j + NR * VW <= n; j += NR * VW)
        for (size_t i = 0; i < whole; i += MR)
            VARIANT(tile)(MR, NR, k, a + (ptrdiff_t)i * a_row, a_row, a_column, b + j, b_row, bias ? bias + j : NULL,
                          relu, mask ? mask + (ptrdiff_t)i * mask_row + j : NULL, mask_row,
                          c + (ptrdiff_t)i * c_row + j, c_row);
    if (j < n)
        for (size_t i = 0; i < whole; i += MR)
            VARIANT(row_block)(MR, NR, i, n - j, k, a, a_row, a_column, b + j, b_row, bias ? bias + j : NULL, relu,
                               mask ? mask + j : NULL, mask_row, c + j, c_row);
#define TAIL_(r) \
    case r: \
        VARIANT(row_block)(r, NT / r > NR ? NT / r : NR, whole, n, k, a, a_row, a_column, b, b_row, bias, relu, \
                           mask, mask_row, c, c_row); \
        break;
    switch (m - whole) {
    TAIL_(1)
    TAIL_(2)
    TAIL_(3)
#if MR > 4
    TAIL_(4)
    TAIL_(5)
    TAIL_(6)
    TAIL_(7)
#endif
    default:
        break;
    }
#undef TAIL_
}

// MARK: - Dot products

#define ROTATE_(L, B) (((L) + (B)) % VW)

/// The sum of a vector's lanes, by halves (log2 VW additions rather than VW in a chain).
static inline __attribute__((always_inline)) float VARIANT(sum)(Vector v)
{
#if VW >= 16
    v += __builtin_shufflevector(v, v, LANES_(ROTATE_, 8));
#endif
#if VW >= 8
    v += __builtin_shufflevector(v, v, LANES_(ROTATE_, 4));
#endif
    v += __builtin_shufflevector(v, v, LANES_(ROTATE_, 2));
    v += __builtin_shufflevector(v, v, LANES_(ROTATE_, 1));
    return v[0];
}

static void VARIANT(dot)(size_t m, size_t outputs, size_t k, const float *a, ptrdiff_t a_row, const float *w,
                         ptrdiff_t w_row, const float *bias, float *out, ptrdiff_t out_row)
{
    for (size_t i = 0; i < m; i++)
        for (size_t o = 0; o < outputs; o++) {
            const float *x = a + (ptrdiff_t)i * a_row, *y = w + (ptrdiff_t)o * w_row;
            Vector acc = {0};
            size_t p = 0;
            for (; p + VW <= k; p += VW) acc += LOAD(x + p) * LOAD(y + p);
            float sum = VARIANT(sum)(acc);
            for (; p < k; p++) sum += x[p] * y[p];
            out[(ptrdiff_t)i * out_row + o] = bias[o] + sum;
        }
}

// MARK: - Transpose

/// Lane L of the butterfly that swaps bit B of the row index with bit B of the lane index: the first
/// output keeps x's lanes with bit B clear and takes y's lanes below them; the second the other halves.
#define LOW_(L, B) (((L) & (B)) ? VW + ((L) ^ (B)) : (L))
#define HIGH_(L, B) (((L) & (B)) ? VW + (L) : ((L) ^ (B)))
#define UNROLLED_ _Pragma("clang loop unroll(full)")
#define STAGE_(B) \
    UNROLLED_ for (int i = 0; i < VW; i++) \
        if (!(i & (B))) { \
            Vector x = rows[i], y = rows[i | (B)]; \
            rows[i] = __builtin_shufflevector(x, y, LANES_(LOW_, B)); \
            rows[i | (B)] = __builtin_shufflevector(x, y, LANES_(HIGH_, B)); \
        }

/// A VW × VW block transposed in registers.
static inline __attribute__((always_inline)) void VARIANT(transpose_block)(
    const float *in, ptrdiff_t in_row, const float *mask, ptrdiff_t mask_row, float *out, ptrdiff_t out_row)
{
    Vector rows[VW];
    UNROLLED_ for (int i = 0; i < VW; i++) rows[i] = LOAD(in + i * in_row);
#if VW >= 16
    STAGE_(8)
#endif
#if VW >= 8
    STAGE_(4)
#endif
    STAGE_(2)
    STAGE_(1)
    UNROLLED_ for (int i = 0; i < VW; i++) {
        Vector row = rows[i];
        if (mask) row = KEEP(row, LOAD(mask + i * mask_row) > 0);
        STORE(out + i * out_row, row);
    }
}

static inline __attribute__((always_inline)) void VARIANT(transpose_one)(
    size_t i, size_t j, const float *in, ptrdiff_t in_row, const float *mask, ptrdiff_t mask_row, float *out,
    ptrdiff_t out_row)
{
    const float value = in[(ptrdiff_t)i * in_row + j];
    out[(ptrdiff_t)j * out_row + i] = mask && !(mask[(ptrdiff_t)j * mask_row + i] > 0) ? 0 : value;
}

static void VARIANT(transpose)(size_t m, size_t n, const float *in, ptrdiff_t in_row, const float *mask,
                               ptrdiff_t mask_row, float *out, ptrdiff_t out_row)
{
    size_t full_m = m / VW * VW, full_n = n / VW * VW;
    for (size_t i = 0; i < full_m; i += VW)
        for (size_t j = 0; j < full_n; j += VW)
            VARIANT(transpose_block)(in + (ptrdiff_t)i * in_row + j, in_row,
                                     mask ? mask + (ptrdiff_t)j * mask_row + i : NULL, mask_row,
                                     out + (ptrdiff_t)j * out_row + i, out_row);
    // The edges, in loops simple enough to vectorise: the columns right of the last whole block (all of a
    // narrow matrix), then the rows below it (all of a short one).
    for (size_t j = full_n; j < n; j++)
        for (size_t i = 0; i < full_m; i++) VARIANT(transpose_one)(i, j, in, in_row, mask, mask_row, out, out_row);
    for (size_t i = full_m; i < m; i++)
        for (size_t j = 0; j < n; j++) VARIANT(transpose_one)(i, j, in, in_row, mask, mask_row, out, out_row);
}

// MARK: - Adam

// Division is among the slowest vector instructions (AVX-512's takes about 10 cycles per vector), so where
// NEWTON_DIVISION is set the step divides by Newton's method from a bit-level estimate of the reciprocal:
// three steps, to within a few units in the last place. That pays on AVX-512 and costs without FMA, so the
// portable and AVX2 variants divide; the square root computed the same way was slower everywhere, so it
// stays exact (measurements: README, *Speed*).

/// 1/x for a positive normal x, a vector or a scalar: TO_BITS_ and FROM_BITS_ reinterpret its bits.
#define RECIPROCAL_(x, TO_BITS_, FROM_BITS_) ({ \
    __typeof__(x) r_ = FROM_BITS_(0x7EF311C3 - TO_BITS_(x)); \
    r_ = r_ * (2.0f - (x) * r_); \
    r_ = r_ * (2.0f - (x) * r_); \
    r_ * (2.0f - (x) * r_); })

static inline __attribute__((always_inline)) float VARIANT(bits_to_float)(int bits)
{
    float value;
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}

static inline __attribute__((always_inline)) int VARIANT(float_to_bits)(float value)
{
    int bits;
    __builtin_memcpy(&bits, &value, sizeof bits);
    return bits;
}

static void VARIANT(adam)(size_t count, float *parameters, float *first_moment, float *second_moment,
                          const float *gradient, float step_size, float inverse_root_correction,
                          float weight1, float decay2, float weight2, float epsilon)
{
    const float tiny = 0x1p-126f; // FLT_MIN: moments below it are subnormal
    size_t i = 0;
    for (; i + VW <= count; i += VW) {
        Vector g = LOAD(gradient + i), p = LOAD(parameters + i);
        Vector m = LOAD(first_moment + i), v = LOAD(second_moment + i);
        m += weight1 * (g - m);
        v = v * decay2 + weight2 * (g * g);
        // Moments that decay into the subnormal range are kept at zero: many Intel processors take a
        // microcode assist for every operation on a subnormal, and a moment that small moves no parameter.
        m = KEEP(m, ~((m < tiny) & (m > -tiny)));
        v = KEEP(v, ~(v < tiny));
        Vector denominator = __builtin_elementwise_sqrt(v) * inverse_root_correction + epsilon;
#if NEWTON_DIVISION
        p -= step_size * (m * RECIPROCAL_(denominator, (Mask), (Vector)));
#else
        p -= step_size * (m / denominator);
#endif
        STORE(first_moment + i, m);
        STORE(second_moment + i, v);
        STORE(parameters + i, p);
    }
    for (; i < count; i++) {
        float g = gradient[i], p = parameters[i], m = first_moment[i], v = second_moment[i];
        m += weight1 * (g - m);
        v = v * decay2 + weight2 * (g * g);
        if (m < tiny && m > -tiny) m = 0;
        if (v < tiny) v = 0;
        float denominator = __builtin_sqrtf(v) * inverse_root_correction + epsilon;
#if NEWTON_DIVISION
        p -= step_size * (m * RECIPROCAL_(denominator, VARIANT(float_to_bits), VARIANT(bits_to_float)));
#else
        p -= step_size * (m / denominator);
#endif
        first_moment[i] = m;
        second_moment[i] = v;
        parameters[i] = p;
    }
}

static const network_kernels VARIANT(table) = {
    VARIANT_NAME, VARIANT(gemm), VARIANT(dot), VARIANT(transpose), VARIANT(adam),
};

#undef Vector
#undef Mask
#undef LOAD
#undef STORE
#undef KEEP
#undef LOW_
#undef HIGH_
#undef LANES_
#undef STAGE_
#undef RECIPROCAL_
#undef ROTATE_
#undef UNROLLED_
// The variant's settings, so that the next variant defines its own.
#undef VARIANT
#undef VARIANT_NAME
#undef VW
#undef MR
#undef NR
#undef NT
#undef NEWTON_DIVISION
