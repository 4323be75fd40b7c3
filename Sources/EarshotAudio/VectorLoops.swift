// Small helpers for the audio's vectorised loops.

/// `Float(i)` for a sample's index in a block, the position along a gain or delay ramp.
///
/// Converted through `Int32` so that loops over samples vectorise: SSE2, the baseline
/// x86-64 instruction set, converts 32-bit integers to floats four at a time but has no
/// such instruction for 64-bit ones. The same value as `Float(i)`, bit for bit, for any
/// i below 2³¹, far beyond any block.
@inline(__always)
func rampPosition(_ i: Int) -> Float { Float(Int32(truncatingIfNeeded: i)) }

/// The ramp positions of samples i … i + 3, that is i + 1 … i + 4, as one vector. Loops carry
/// it and add 4 each step: whole numbers far below 2²⁴, so the sums are exact, and no index
/// is converted inside the loop.
@inline(__always)
func rampPositions(from i: Int) -> SIMD4<Float> {
  SIMD4(rampPosition(i + 1), rampPosition(i + 2), rampPosition(i + 3), rampPosition(i + 4))
}

/// w0 x[i] + w1 x[i−1] + w2 x[i−2] + w3 x[i−3] for the four samples i from `x` on: the
/// part along time of a one-pole recursion unrolled four samples back (`VoiceGroup`,
/// `HeadShadow`). `x` must have three readable samples before it.
@inline(__always)
func lookBack(
  _ x: UnsafePointer<Float>, _ w0: Float, _ w1: Float, _ w2: Float, _ w3: Float
) -> SIMD4<Float> {
  w0 * loadVector(x) + w1 * loadVector(x - 1) + w2 * loadVector(x - 2) + w3 * loadVector(x - 3)
}

/// The four floats from `p` on, as one vector; `p` need not be aligned.
@inline(__always)
func loadVector(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
}

/// Writes `v` to the four floats from `p` on; `p` need not be aligned.
@inline(__always)
func storeVector(_ v: SIMD4<Float>, at p: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
}

/// The lanes of `v` in reverse order.
@inline(__always)
func reversed(_ v: SIMD4<Float>) -> SIMD4<Float> { SIMD4(v[3], v[2], v[1], v[0]) }

/// Writes four vectors as the columns of a 4 × 4 tile: lane i of each goes to row i, the
/// rows `stride` floats apart from `p` on.
@inline(__always)
func storeTransposed(
  _ v0: SIMD4<Float>, _ v1: SIMD4<Float>, _ v2: SIMD4<Float>, _ v3: SIMD4<Float>,
  at p: UnsafeMutablePointer<Float>, stride: Int
) {
  storeVector(SIMD4(v0[0], v1[0], v2[0], v3[0]), at: p)
  storeVector(SIMD4(v0[1], v1[1], v2[1], v3[1]), at: p + stride)
  storeVector(SIMD4(v0[2], v1[2], v2[2], v3[2]), at: p + 2 * stride)
  storeVector(SIMD4(v0[3], v1[3], v2[3], v3[3]), at: p + 3 * stride)
}
