extension Tensor {
  /// Independent normal samples with the given mean and standard deviation.
  public static func randomNormal(
    _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
    using generator: inout SplitMix64
  ) -> Tensor {
    let n = shape.reduce(1, *)
    var values = [Float](repeating: 0, count: n)
    for i in 0..<n { values[i] = mean + standardDeviation * generator.nextGaussian() }
    return Tensor(unchecked: shape, values)
  }

  /// Independent uniform samples in `[lower, upper)`.
  public static func randomUniform(
    _ shape: [Int], lower: Float = 0, upper: Float = 1, using generator: inout SplitMix64
  ) -> Tensor {
    let n = shape.reduce(1, *)
    var values = [Float](repeating: 0, count: n)
    for i in 0..<n { values[i] = lower + (upper - lower) * generator.nextUniform() }
    return Tensor(unchecked: shape, values)
  }
}
