/// log₂ x for positive, finite, normal x, to within 3·10⁻⁵ (9·10⁻⁵ dB in 10 log₁₀).
///
/// The exponent comes from the float's bits; log₂ of the mantissa m ∈ [1, 2) from a degree-5
/// polynomial in m − 1, fitted by least squares and exact at m = 1. Plain arithmetic, so
/// the result is the same on every machine, and it is several times faster than `log10`.
/// For ±0 and subnormal x it returns a finite number in [−127, −126], never −∞ or NaN.
@inline(__always)
func fastLog2(_ x: Float) -> Float {
  let bits = x.bitPattern
  let exponent = Float(Int32(bitPattern: (bits >> 23) & 0xFF) &- 127)
  let t = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000) - 1
  let p = 1.441_825_8 + t * (-0.708_682_1 + t * (0.415_421_95 + t * (-0.194_422_67
    + t * 0.045_885_527)))
  return exponent + t * p
}

/// `fastLog2` of four values at once, the same arithmetic lane by lane, bit for bit.
@inline(__always)
func fastLog2(_ x: SIMD4<Float>) -> SIMD4<Float> {
  let bits = unsafeBitCast(x, to: SIMD4<UInt32>.self)
  let exponent = SIMD4<Float>(
    unsafeBitCast((bits &>> 23) & 0xFF, to: SIMD4<Int32>.self) &- 127)
  let mantissa = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F80_0000, to: SIMD4<Float>.self)
  let t = mantissa - 1
  let p = 1.441_825_8 + t * (-0.708_682_1 + t * (0.415_421_95 + t * (-0.194_422_67
    + t * 0.045_885_527)))
  return exponent + t * p
}
