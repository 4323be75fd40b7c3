/// An error from a tensor operation: the operands do not fit together.
///
/// Every case names the operation and the shapes involved, so that the message alone says
/// which call to fix.
public enum TensorError: Error, CustomStringConvertible, Equatable {
  /// Two operands have shapes that the operation cannot combine.
  case shapeMismatch(operation: String, lhs: [Int], rhs: [Int])
  /// The number of scalars does not equal the product of the shape.
  case scalarCount(shape: [Int], count: Int)
  /// An argument (an axis, a range, a size) is out of range for the given shape.
  case invalidArgument(operation: String, shape: [Int], reason: String)

  public var description: String {
    switch self {
    case .shapeMismatch(let operation, let lhs, let rhs):
      return "\(operation): shapes \(lhs) and \(rhs) do not fit together"
    case .scalarCount(let shape, let count):
      let expected = shape.reduce(1, *)
      return "a tensor of shape \(shape) needs \(expected) scalars, got \(count)"
    case .invalidArgument(let operation, let shape, let reason):
      return "\(operation) on shape \(shape): \(reason)"
    }
  }
}
