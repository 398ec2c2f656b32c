// The kernels' one body, included by NetworkKernels.c once per variant with these defined:
// VARIANT(name) (the variant's suffix), VARIANT_NAME (its name), VW (floats per vector), MR (rows per
// tile), NR (vectors per tile row), NT (vectors per tile of a single row: the rows below the last whole tile,
// and products of one row, whose chains of FMAs need to be many to hide their latency).
// Vectors are clang's vector extension.
//
// The arithmetic is part of the result, the same in every variant, so one seed gives the same bytes on any
// processor (the contract; `KernelsTests` holds the variants this processor runs to it):
// - Nothing is fused implicitly (`fp contract(off)`); every multiply-add written FMA(a, b, c) (FMAF for a
//   scalar) is one fused multiply-add, a·b + c rounded once: an FMA instruction where the variant has one,
//   else (FMA_IN_DOUBLE: portable x86-64) the same rounding computed in double (slower, not different).
// - A product's element is bias + Σ a·b as a chain of FMAs over k in order, whatever tile or tail it falls in.
// - A dot product keeps 16 partial sums (element p in sum p mod 16, each a chain of FMAs), combines them by
//   halves (s[j] + s[j+8], then +4, +2, +1), adds the last k mod 16 products by FMA in order, then the bias.
// - A softmax: the max by selects in order, exp by Cephes' expf in products and sums (no FMA), the sums
//   and means in order.
// - Cosines: in double, x·2/π rounded by 1.5·2^52, π/2 in two parts, Taylor series by Horner's rule (products
//   then sums), rounded to float.
// - Adam: m = FMA(w1, g - m, m); v = FMA(w2, g·g, v·decay2); denominator = FMA(√v, c, eps) (√ correctly
//   rounded); 1/denominator by three Newton steps r·FMA(-x, r, 2) from a bit-level estimate; then
//   p = FMA(-step, m·r, p).
#pragma clang fp contract(off)

typedef float VARIANT(Vector) __attribute__((vector_size(VW * 4), aligned(4)));
typedef int VARIANT(Mask) __attribute__((vector_size(VW * 4), aligned(4)));
#define Vector VARIANT(Vector)
#define Mask VARIANT(Mask)
#define LOAD(pointer) ({ Vector loaded_; __builtin_memcpy(&loaded_, (pointer), sizeof loaded_); loaded_; })
#define STORE(pointer, value) do { Vector stored_ = (value); __builtin_memcpy((pointer), &stored_, sizeof stored_); } while (0)
/// Keeps the lanes of `value` where `keep` is all ones, zeroes the others.
#define KEEP(value, keep) ((Vector)((Mask)(value) & (keep)))
/// A vector of `s` in every lane (a broadcast: `(Vector){0} + s` would be an addition, which -0 survives not).
#define ZERO_(L, B) 0
#define SPLAT(s) ({ Vector one_ = {(float)(s)}; __builtin_shufflevector(one_, one_, LANES_(ZERO_, 0)); })
#if FMA_IN_DOUBLE
// The processor has no FMA instruction (x86-64's baseline): a·b + c in double, rounded to odd, then to
// float, which is the fused result exactly (a float product is exact in a double, and rounding to odd with
// 53 bits leaves a single correct rounding to 24: Boldo and Melquiond, 2008). Vectors of two doubles, as
// SSE2 has; libm's fmaf rounds the same, a call per lane.
typedef double VARIANT(Double2) __attribute__((vector_size(16), aligned(8)));
typedef long long VARIANT(Long2) __attribute__((vector_size(16), aligned(8)));
static inline __attribute__((always_inline)) VARIANT(Double2) VARIANT(fma_odd)(
    VARIANT(Double2) a, VARIANT(Double2) b, VARIANT(Double2) c)
{
    VARIANT(Double2) p = a * b, s = p + c, t = s - p;
    VARIANT(Double2) e = (p - (s - t)) + (c - t); // the sum's rounding error (TwoSum), exact
    VARIANT(Long2) bits = (VARIANT(Long2))s;
    VARIANT(Long2) finite = (bits & 0x7FF0000000000000LL) != 0x7FF0000000000000LL;
    VARIANT(Long2) move = finite & (e != 0) & ((bits & 1) == 0);
    // One unit in the last place toward e: up in magnitude when e has s's sign, else down.
    VARIANT(Long2) away = ((VARIANT(Long2))e ^ bits) >= 0;
    return (VARIANT(Double2))(bits + (move & ((away & 2) - 1)));
}
static inline __attribute__((always_inline)) Vector VARIANT(fma)(Vector a, Vector b, Vector c)
{
    typedef float Half __attribute__((vector_size(8), aligned(4)));
#define HALF_(v, i, j) __builtin_convertvector(__builtin_shufflevector((v), (v), i, j), VARIANT(Double2))
    VARIANT(Double2) low = VARIANT(fma_odd)(HALF_(a, 0, 1), HALF_(b, 0, 1), HALF_(c, 0, 1));
    VARIANT(Double2) high = VARIANT(fma_odd)(HALF_(a, 2, 3), HALF_(b, 2, 3), HALF_(c, 2, 3));
#undef HALF_
    Half l = __builtin_convertvector(low, Half), h = __builtin_convertvector(high, Half);
    return __builtin_shufflevector(l, h, 0, 1, 2, 3);
}
static inline __attribute__((always_inline)) float VARIANT(fmaf)(float a, float b, float c)
{
    VARIANT(Double2) r = VARIANT(fma_odd)((VARIANT(Double2)){a, a}, (VARIANT(Double2)){b, b}, (VARIANT(Double2)){c, c});
    return (float)r[0];
}
#define FMA(a, b, c) VARIANT(fma)((a), (b), (c))
#define FMAF(a, b, c) VARIANT(fmaf)((a), (b), (c))
#else
#define FMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define FMAF(a, b, c) __builtin_fmaf((a), (b), (c))
#endif
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
            const Vector s = SPLAT(a[r * a_row + (ptrdiff_t)p * a_column]);
            for (int v = 0; v < vectors; v++) acc[r][v] = FMA(s, row[v], acc[r][v]);
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

/// The last columns of a row block, fewer than a vector, in the lanes of one: each lane's chain of FMAs is
/// the one a whole tile runs (the lanes past the columns are computed and dropped). A row of B is loaded
/// whole while a vector from it ends within B (the lanes past the columns then hold what follows them),
/// through a copy after that; a row of the bias, the mask and C through a copy.
static inline __attribute__((always_inline)) void VARIANT(narrow_tile)(
    const int rows, size_t columns, size_t k, const float *a, ptrdiff_t a_row, ptrdiff_t a_column,
    const float *b, ptrdiff_t b_row, const float *bias, int relu, const float *mask, ptrdiff_t mask_row,
    float *c, ptrdiff_t c_row)
{
    const size_t bytes = columns * sizeof(float);
    Vector start = {0};
    if (bias) __builtin_memcpy(&start, bias, bytes);
    Vector acc[MR];
    for (int r = 0; r < rows; r++) acc[r] = start;
    // The end of what the product reads of B: its last row's last column.
    const ptrdiff_t end = (ptrdiff_t)(k - 1) * b_row + (ptrdiff_t)columns;
    for (size_t p = 0; p < k; p++) {
        Vector row = {0};
        if ((ptrdiff_t)p * b_row + VW <= end) row = LOAD(b + (ptrdiff_t)p * b_row);
        else __builtin_memcpy(&row, b + (ptrdiff_t)p * b_row, bytes);
        for (int r = 0; r < rows; r++) acc[r] = FMA(SPLAT(a[r * a_row + (ptrdiff_t)p * a_column]), row, acc[r]);
    }
    for (int r = 0; r < rows; r++) {
        Vector out = acc[r];
        if (relu) out = KEEP(out, out > 0);
        if (mask) {
            Vector keep = {0};
            __builtin_memcpy(&keep, mask + r * mask_row, bytes);
            out = KEEP(out, keep > 0);
        }
        __builtin_memcpy(c + r * c_row, &out, bytes);
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

static void VARIANT(dot)(size_t m, size_t outputs, size_t k, const float *a, ptrdiff_t a_row, const float *w,
                         ptrdiff_t w_row, const float *bias, float *out, ptrdiff_t out_row)
{
    enum { PARTS = 16, VECTORS = PARTS / VW };
    for (size_t i = 0; i < m; i++)
        for (size_t o = 0; o < outputs; o++) {
            const float *x = a + (ptrdiff_t)i * a_row, *y = w + (ptrdiff_t)o * w_row;
            Vector acc[VECTORS];
            for (int v = 0; v < VECTORS; v++) acc[v] = (Vector){0};
            size_t p = 0;
            for (; p + PARTS <= k; p += PARTS)
                for (int v = 0; v < VECTORS; v++) acc[v] = FMA(LOAD(x + p + v * VW), LOAD(y + p + v * VW), acc[v]);
            float s[PARTS];
            __builtin_memcpy(s, acc, sizeof s);
            for (int half = PARTS / 2; half >= 1; half /= 2)
                for (int j = 0; j < half; j++) s[j] = s[j] + s[j + half];
            float sum = s[0];
            for (; p < k; p++) sum = FMAF(x[p], y[p], sum);
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

// MARK: - Softmax

/// e^x of each lane as Cephes' expf: x = n·ln 2 + r (n = ⌊x·log2(e) + 1/2⌋, ln 2 in two parts), e^r by its
/// polynomial (each step a product then a sum, two roundings), times 2^n built from its bits; NaN for NaN,
/// infinity above 88.72283, 0 below −87.33654 (n is then from −126 to 128).
static inline __attribute__((always_inline)) Vector VARIANT(exponential)(Vector x)
{
    const Mask nan = x != x, high = x > SPLAT(0x1.62e42ep+6f), low = x < SPLAT(-0x1.5d589ep+6f);
    const Vector safe = KEEP(x, ~(nan | high | low));
    const Vector n = __builtin_elementwise_floor(safe * SPLAT(0x1.715476p+0f) + SPLAT(0.5f));
    const Vector r = (safe - n * SPLAT(0x1.63p-1f)) - n * SPLAT(-0x1.bd0106p-13f);
    const Vector r2 = r * r;
    Vector y = SPLAT(0x1.a0d2cep-13f);
    y = y * r + SPLAT(0x1.6e879cp-10f);
    y = y * r + SPLAT(0x1.111210p-7f);
    y = y * r + SPLAT(0x1.555382p-5f);
    y = y * r + SPLAT(0x1.555554p-3f);
    y = y * r + SPLAT(0.5f);
    y = (y * r2 + r) + SPLAT(1.0f);
    const Vector power = (Vector)((__builtin_convertvector(n, Mask) + 127) << 23);
    Vector out = KEEP(y * power, ~(nan | high | low));
    return (Vector)((Mask)out | (high & ((Mask){0} + 0x7F800000)) | (nan & ((Mask){0} + 0x7FC00000)));
}

/// The softmax of `n` groups of k (n constant after inlining, so each loop over them is unrolled and the
/// groups' sums run side by side): xs[i] and ps[i] are group i's logits and probabilities.
static inline __attribute__((always_inline)) void VARIANT(softmax_block)(
    const int n, size_t k, const float *const *xs, float *const *ps, const float *z, float *q, float *largest,
    float *sum)
{
    float top[8], total[8], scale[8], mean[8];
    for (int i = 0; i < n; i++) top[i] = xs[i][0];
    for (size_t j = 1; j < k; j++)
        for (int i = 0; i < n; i++) top[i] = xs[i][j] >= top[i] ? xs[i][j] : top[i];
    for (int i = 0; i < n; i++) {
        const Vector shift = SPLAT(top[i]);
        size_t j = 0;
        for (; j + VW <= k; j += VW) STORE(ps[i] + j, VARIANT(exponential)(LOAD(xs[i] + j) - shift));
        if (j < k) {
            float lanes[VW] = {0};
            __builtin_memcpy(lanes, xs[i] + j, (k - j) * sizeof(float));
            Vector tail = VARIANT(exponential)(LOAD(lanes) - shift);
            STORE(lanes, tail);
            __builtin_memcpy(ps[i] + j, lanes, (k - j) * sizeof(float));
        }
        total[i] = 0;
        mean[i] = 0;
    }
    for (size_t j = 0; j < k; j++)
        for (int i = 0; i < n; i++) total[i] += ps[i][j];
    for (int i = 0; i < n; i++) scale[i] = 1.0f / total[i];
    for (size_t j = 0; j < k; j++)
        for (int i = 0; i < n; i++) {
            const float scaled = ps[i][j] * scale[i];
            ps[i][j] = scaled;
            if (z) mean[i] += scaled * z[j];
        }
    for (int i = 0; i < n; i++) {
        if (q) q[i] = mean[i];
        if (largest) largest[i] = top[i];
        if (sum) sum[i] = total[i];
    }
}

static void VARIANT(softmax)(size_t groups, size_t k, const float *x, const ptrdiff_t *starts, const float *z,
                             float *p, float *q, float *largest, float *sum)
{
    for (size_t g = 0; g < groups; g += 8) {
        const float *xs[8];
        float *ps[8];
        const int n = groups - g < 8 ? (int)(groups - g) : 8;
        for (int i = 0; i < n; i++) {
            const ptrdiff_t start = starts ? starts[g + i] : (ptrdiff_t)((g + i) * k);
            xs[i] = x + start;
            ps[i] = p + start;
        }
        float *const qs = q ? q + g : NULL, *const tops = largest ? largest + g : NULL, *const sums = sum ? sum + g : NULL;
        if (n == 8) VARIANT(softmax_block)(8, k, xs, ps, z, qs, tops, sums);
        else VARIANT(softmax_block)(n, k, xs, ps, z, qs, tops, sums);
    }
}

// MARK: - Elementwise

static void VARIANT(products)(size_t count, const float *a, const float *b, const float *addend, float *out)
{
    size_t i = 0;
    for (; i + VW <= count; i += VW) {
        Vector product = LOAD(a + i) * LOAD(b + i);
        STORE(out + i, addend ? LOAD(addend + i) + product : product);
    }
    for (; i < count; i++) out[i] = addend ? addend[i] + a[i] * b[i] : a[i] * b[i];
}

// MARK: - Cosines

typedef double VARIANT(Doubles) __attribute__((vector_size(VW * 4), aligned(8)));
typedef long long VARIANT(Longs) __attribute__((vector_size(VW * 4), aligned(8)));
typedef float VARIANT(Halves) __attribute__((vector_size(VW * 2), aligned(4)));
#define DW_ (VW / 2)
#define DSPLAT_(s) ({ VARIANT(Doubles) one_ = {(double)(s)}; __builtin_shufflevector(one_, one_, DLANES_(ZERO_, 0)); })
#if VW == 16
#define DLANES_(F, B) F(0, B), F(1, B), F(2, B), F(3, B), F(4, B), F(5, B), F(6, B), F(7, B)
#elif VW == 8
#define DLANES_(F, B) F(0, B), F(1, B), F(2, B), F(3, B)
#else
#define DLANES_(F, B) F(0, B), F(1, B)
#endif

/// cos x of each lane (|x| below 2^20·π/2, NaN beyond or for NaN): k = x·2/π rounded to the nearest
/// (ties to even, by adding and subtracting 1.5·2^52), r = (x − k·C1) − k·C2 with π/2 = C1 + C2 (C1 of 33
/// bits, so k·C1 is exact), then by k mod 4 cos r, −sin r, −cos r or sin r, each by its Taylor series to
/// r^12 and r^13 (Horner's rule, each step a product then a sum).
static inline __attribute__((always_inline)) VARIANT(Doubles) VARIANT(cosine)(VARIANT(Doubles) x)
{
    typedef VARIANT(Doubles) Doubles;
    typedef VARIANT(Longs) Longs;
    const Doubles magic = DSPLAT_(0x1.8p52);
    const Doubles k = (x * DSPLAT_(0x1.45f306dc9c883p-1) + magic) - magic;
    const Doubles r = (x - k * DSPLAT_(1.57079632673412561417e+00)) - k * DSPLAT_(6.07710050650619224932e-11);
    const Doubles r2 = r * r;
    Doubles c = DSPLAT_(1.0 / 479001600.0);
    c = c * r2 - DSPLAT_(1.0 / 3628800.0);
    c = c * r2 + DSPLAT_(1.0 / 40320.0);
    c = c * r2 - DSPLAT_(1.0 / 720.0);
    c = c * r2 + DSPLAT_(1.0 / 24.0);
    c = c * r2 - DSPLAT_(0.5);
    c = c * r2 + DSPLAT_(1.0);
    Doubles s = DSPLAT_(1.0 / 6227020800.0);
    s = s * r2 - DSPLAT_(1.0 / 39916800.0);
    s = s * r2 + DSPLAT_(1.0 / 362880.0);
    s = s * r2 - DSPLAT_(1.0 / 5040.0);
    s = s * r2 + DSPLAT_(1.0 / 120.0);
    s = s * r2 - DSPLAT_(1.0 / 6.0);
    s = s * r2 + DSPLAT_(1.0);
    s = s * r;
    const Longs quadrant = __builtin_convertvector(k, Longs) & 3;
    const Longs odd = (quadrant & 1) != 0, negative = quadrant == 1 | quadrant == 2;
    Doubles out = (Doubles)(((Longs)s & odd) | ((Longs)c & ~odd));
    out = (Doubles)((Longs)out ^ (negative & (Longs)DSPLAT_(-0.0)));
    const Longs valid = __builtin_elementwise_abs(k) < DSPLAT_(0x1p20);
    return (Doubles)(((Longs)out & valid) | ((Longs)DSPLAT_(__builtin_nan("")) & ~valid));
}

static void VARIANT(cosines)(size_t count, const float *taus, size_t e, const float *frequencies, float *out)
{
    typedef VARIANT(Halves) Halves;
    for (size_t row = 0; row < count; row++) {
        const float tau = taus[row];
        float *const cosines = out + row * e;
        for (size_t i = 0; i < e; i += DW_) {
            const size_t lanes = e - i < DW_ ? e - i : DW_;
            float in[DW_] = {0}, result[DW_];
            for (size_t j = 0; j < lanes; j++) in[j] = tau * frequencies[i + j];
            Halves x;
            __builtin_memcpy(&x, in, sizeof x);
            const Halves y = __builtin_convertvector(VARIANT(cosine)(__builtin_convertvector(x, VARIANT(Doubles))), Halves);
            __builtin_memcpy(result, &y, sizeof y);
            __builtin_memcpy(cosines + i, result, lanes * sizeof(float));
        }
    }
}

#undef DW_
#undef DSPLAT_
#undef DLANES_

// MARK: - Adam

// Division is among the slowest vector instructions (AVX-512's takes about 10 cycles per vector), so the
// step divides by Newton's method from a bit-level estimate of the reciprocal: three steps, to within a
// few units in the last place, the same steps in every variant (measurements: README, *Speed*).

/// 1/x for a positive normal x, a vector or a scalar: TO_BITS_ and FROM_BITS_ reinterpret its bits, FMA_ is
/// the fused multiply-add of its kind, TWO_ its 2.
#define RECIPROCAL_(x, TO_BITS_, FROM_BITS_, FMA_, TWO_) ({ \
    __typeof__(x) r_ = FROM_BITS_(0x7EF311C3 - TO_BITS_(x)); \
    r_ = r_ * FMA_(-(x), r_, TWO_); \
    r_ = r_ * FMA_(-(x), r_, TWO_); \
    r_ * FMA_(-(x), r_, TWO_); })

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
        m = FMA(SPLAT(weight1), g - m, m);
        v = FMA(SPLAT(weight2), g * g, v * decay2);
        // Moments that decay into the subnormal range are kept at zero: many Intel processors take a
        // microcode assist for every operation on a subnormal, and a moment that small moves no parameter.
        m = KEEP(m, ~((m < tiny) & (m > -tiny)));
        v = KEEP(v, ~(v < tiny));
        Vector denominator = FMA(__builtin_elementwise_sqrt(v), SPLAT(inverse_root_correction), SPLAT(epsilon));
        Vector reciprocal = RECIPROCAL_(denominator, (Mask), (Vector), FMA, SPLAT(2.0f));
        p = FMA(SPLAT(-step_size), m * reciprocal, p);
        STORE(first_moment + i, m);
        STORE(second_moment + i, v);
        STORE(parameters + i, p);
    }
    for (; i < count; i++) {
        float g = gradient[i], p = parameters[i], m = first_moment[i], v = second_moment[i];
        m = FMAF(weight1, g - m, m);
        v = FMAF(weight2, g * g, v * decay2);
        if (m < tiny && m > -tiny) m = 0;
        if (v < tiny) v = 0;
        float denominator = FMAF(__builtin_sqrtf(v), inverse_root_correction, epsilon);
        float reciprocal =
            RECIPROCAL_(denominator, VARIANT(float_to_bits), VARIANT(bits_to_float), FMAF, 2.0f);
        p = FMAF(-step_size, m * reciprocal, p);
        first_moment[i] = m;
        second_moment[i] = v;
        parameters[i] = p;
    }
}

static const network_kernels VARIANT(table) = {
    VARIANT_NAME, VARIANT(gemm), VARIANT(dot), VARIANT(transpose), VARIANT(adam), VARIANT(softmax), VARIANT(products),
    VARIANT(cosines),
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
#undef SPLAT
#undef ZERO_
#undef FMA
#undef FMAF
#undef UNROLLED_
// The variant's settings, so that the next variant defines its own.
#undef VARIANT
#undef VARIANT_NAME
#undef VW
#undef MR
#undef NR
#undef NT
#undef FMA_IN_DOUBLE
