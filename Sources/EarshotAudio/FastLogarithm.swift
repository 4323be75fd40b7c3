/// log₂ x for positive, finite, normal x, to within 3·10⁻⁵ (9·10⁻⁵ dB in 10 log₁₀).
///
/// The exponent comes from the float's bits; log₂ of the mantissa m ∈ [1, 2) from a degree-5
/// polynomial in m − 1, fitted by least squares and exact at m = 1. Plain arithmetic, so
/// the result is the same on every machine, and it is several times faster than `log10`.
@inline(__always)
func fastLog2(_ x: Float) -> Float {
  let bits = x.bitPattern
  let exponent = Float(Int32(bitPattern: (bits >> 23) & 0xFF) &- 127)
  let t = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000) - 1
  let p = 1.441_825_8 + t * (-0.708_682_1 + t * (0.415_421_95 + t * (-0.194_422_67
    + t * 0.045_885_527)))
  return exponent + t * p
}
