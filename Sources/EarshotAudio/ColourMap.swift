/// A perceptually ordered colour map from black through blue, magenta and orange to pale
/// yellow, for spectrogram images.
enum ColourMap {
  /// Stops, evenly spaced over [0, 1], as RGB.
  private static let stops: [SIMD3<Float>] = [
    SIMD3(0, 0, 0), SIMD3(20, 20, 110), SIMD3(140, 30, 140), SIMD3(230, 90, 40),
    SIMD3(255, 200, 60), SIMD3(255, 255, 220),
  ]

  /// The colour of `value` in [0, 1] (clamped), as three bytes.
  static func colour(_ value: Float) -> (UInt8, UInt8, UInt8) {
    let v = max(0, min(1, value.isNaN ? 0 : value)) * Float(stops.count - 1)
    let k = min(Int(v), stops.count - 2)
    let f = v - Float(k)
    let c = stops[k] + (stops[k + 1] - stops[k]) * f
    return (UInt8(c.x.rounded()), UInt8(c.y.rounded()), UInt8(c.z.rounded()))
  }
}
