extension Tensor {
  /// The first element that is NaN or infinite, with its flat (row-major) index; `nil` when
  /// all are finite.
  public var firstNonFinite: (index: Int, value: Float)? {
    scalars.withUnsafeBufferPointer { x in
      for i in 0..<x.count where !x[i].isFinite { return (i, x[i]) }
      return nil
    }
  }
}

/// A NaN or infinity found in a named tensor during training.
public struct NonFiniteError: Error, CustomStringConvertible, Equatable {
  /// The tensor's name, such as `vision.conv1.weight` or `gradient of vision.conv1.weight`.
  public let tensor: String
  /// The optimisation step at which it was found.
  public let step: Int
  /// The flat index of the first bad element.
  public let index: Int
  /// The bad value (NaN or ±infinity).
  public let value: Float

  public var description: String {
    "step \(step): \(tensor) has \(value) at flat index \(index); lower the learning rate, "
      + "clip gradients, or resume from the last good checkpoint"
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.tensor == b.tensor && a.step == b.step && a.index == b.index
      && a.value.bitPattern == b.value.bitPattern
  }
}

/// Checks named tensors in order and throws for the first one holding a NaN or infinity.
public func checkFinite(_ tensors: [(name: String, tensor: Tensor)], step: Int)
  throws(NonFiniteError)
{
  for (name, tensor) in tensors {
    if let (index, value) = tensor.firstNonFinite {
      throw NonFiniteError(tensor: name, step: step, index: index, value: value)
    }
  }
}
