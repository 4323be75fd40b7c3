// SplitMix64 lives in EarshotRandom; users of this module get it too.
@_exported import EarshotRandom

/// A multi-dimensional array of `Float` that can take part in reverse-mode differentiation.
///
/// Storage is contiguous and row-major: the last axis varies fastest. The batch is the
/// leading axis; images are laid out `[batch, channels, height, width]`.
///
/// A tensor is a reference type so that a graph can refer to it by identity. Its shape and
/// scalars do not change after creation, except when an optimizer updates a parameter in
/// place (see ``assign(_:)``).
///
/// Operations on tensors that require gradients record how they were made (a graph node);
/// ``gradients(of:with:createGraph:)`` walks those records backwards.
public final class Tensor: @unchecked Sendable {
  /// The size of each axis; `[]` for a scalar.
  public let shape: [Int]
  /// The values, row-major; `scalars.count == shape.reduce(1, *)`.
  public internal(set) var scalars: [Float]
  /// Whether gradients with respect to this tensor are wanted (set on parameters and on
  /// inputs whose gradient is needed, such as the inputs of Integrated Gradients).
  public var requiresGradient: Bool
  /// How this tensor was computed from others; `nil` for leaves and for results computed
  /// while recording is off.
  let node: Node?

  /// Creates a tensor with the given shape and row-major scalars.
  ///
  /// - Throws: ``TensorError/scalarCount(shape:count:)`` when the count does not match.
  public convenience init(
    shape: [Int], data scalars: [Float], requiresGradient: Bool = false
  ) throws(TensorError) {
    guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == scalars.count else {
      throw .scalarCount(shape: shape, count: scalars.count)
    }
    self.init(unchecked: shape, scalars, requiresGradient: requiresGradient)
  }

  /// Creates a scalar (rank-0) tensor.
  public convenience init(_ value: Float, requiresGradient: Bool = false) {
    self.init(unchecked: [], [value], requiresGradient: requiresGradient)
  }

  init(unchecked shape: [Int], _ scalars: [Float], requiresGradient: Bool = false,
       node: Node? = nil) {
    self.shape = shape
    self.scalars = scalars
    self.requiresGradient = requiresGradient || node != nil
    self.node = node
  }

  /// A tensor of zeros.
  public static func zeros(_ shape: [Int]) -> Tensor {
    Tensor(unchecked: shape, [Float](repeating: 0, count: shape.reduce(1, *)))
  }

  /// A tensor filled with one value.
  public static func filled(_ shape: [Int], with value: Float) -> Tensor {
    Tensor(unchecked: shape, [Float](repeating: value, count: shape.reduce(1, *)))
  }

  /// The number of axes.
  public var rank: Int { shape.count }

  /// The number of scalars.
  public var count: Int { scalars.count }

  /// The single value of a tensor with one element (any shape whose product is 1).
  public var scalar: Float {
    precondition(scalars.count == 1, "scalar of a tensor with shape \(shape)")
    return scalars[0]
  }

  /// The value at a multi-index, one index per axis.
  public subscript(_ index: Int...) -> Float {
    precondition(index.count == shape.count, "index \(index) for shape \(shape)")
    var offset = 0
    for (axis, i) in index.enumerated() {
      precondition(i >= 0 && i < shape[axis], "index \(index) for shape \(shape)")
      offset = offset * shape[axis] + i
    }
    return scalars[offset]
  }

  /// The same values, cut off from the graph: gradients do not flow through the result.
  public func detached() -> Tensor {
    Tensor(unchecked: shape, scalars)
  }

  /// Overwrites the values of this tensor, keeping its identity (for optimizers and loading).
  ///
  /// - Throws: ``TensorError/shapeMismatch(operation:lhs:rhs:)`` when shapes differ.
  public func assign(_ source: Tensor) throws(TensorError) {
    guard source.shape == shape else {
      throw .shapeMismatch(operation: "assign", lhs: shape, rhs: source.shape)
    }
    scalars = source.scalars
  }
}

extension Tensor: CustomStringConvertible {
  public var description: String {
    let shown = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
    return "Tensor(shape: \(shape), [\(shown)\(scalars.count > 8 ? ", …" : "")])"
  }
}
