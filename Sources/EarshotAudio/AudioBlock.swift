/// The sound of one step at the agent's two ears.
public struct AudioBlock: Equatable, Sendable {
  /// Left-ear samples, `AudioSettings.blockLength` of them (4000 by default), in [−1, 1]
  /// for ordinary scenes (not clipped: loud sources close by may exceed it).
  public var left: [Float]
  /// Right-ear samples, as many as `left`.
  public var right: [Float]
  /// Samples per second, in hertz.
  public var sampleRate: Int

  /// A block of `left` and `right`, which must have the same length.
  public init(left: [Float], right: [Float], sampleRate: Int) {
    precondition(left.count == right.count, "both ears need the same number of samples")
    self.left = left
    self.right = right
    self.sampleRate = sampleRate
  }

  /// Samples per ear.
  public var count: Int { left.count }

  /// The block as one array of shape 2 × count: the left ear, then the right.
  public var channels: [Float] { left + right }

  /// Root-mean-square level of each ear, in amplitude.
  public var rms: (left: Double, right: Double) {
    func rms(_ x: [Float]) -> Double {
      x.isEmpty ? 0 : (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count))
        .squareRoot()
    }
    return (rms(left), rms(right))
  }
}
