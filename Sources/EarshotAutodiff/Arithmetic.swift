#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Elementwise arithmetic with broadcasting, and the elementwise functions `exp`, `log`,
/// `pow`. Each backward rule sits beside its forward computation and uses only
/// differentiable operations.
extension Tensor {
  /// Elementwise sum, broadcasting. Throws ``TensorError/shapeMismatch`` naming both shapes.
  public static func + (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor {
    let (shape, values) = try zipScalars(lhs, rhs, "+") { $0 + $1 }
    return result("+", shape: shape, scalars: values, parents: [lhs, rhs]) {
      g, _, needs throws(TensorError) in
      [needs[0] ? try g.sum(toShape: lhs.shape) : nil,
       needs[1] ? try g.sum(toShape: rhs.shape) : nil]
    }
  }

  /// Elementwise difference, broadcasting.
  public static func - (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor {
    let (shape, values) = try zipScalars(lhs, rhs, "-") { $0 - $1 }
    return result("-", shape: shape, scalars: values, parents: [lhs, rhs]) {
      g, _, needs throws(TensorError) in
      [needs[0] ? try g.sum(toShape: lhs.shape) : nil,
       needs[1] ? try (-g).sum(toShape: rhs.shape) : nil]
    }
  }

  /// Elementwise product, broadcasting.
  public static func * (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor {
    let (shape, values) = try zipScalars(lhs, rhs, "*") { $0 * $1 }
    return result("*", shape: shape, scalars: values, parents: [lhs, rhs]) {
      g, _, needs throws(TensorError) in
      [needs[0] ? try (g * rhs).sum(toShape: lhs.shape) : nil,
       needs[1] ? try (g * lhs).sum(toShape: rhs.shape) : nil]
    }
  }

  /// Elementwise quotient, broadcasting.
  public static func / (lhs: Tensor, rhs: Tensor) throws(TensorError) -> Tensor {
    let (shape, values) = try zipScalars(lhs, rhs, "/") { $0 / $1 }
    return result("/", shape: shape, scalars: values, parents: [lhs, rhs]) {
      g, y, needs throws(TensorError) in
      // d(a/b)/db = -(a/b)/b, written with the output to save a product.
      [needs[0] ? try (g / rhs).sum(toShape: lhs.shape) : nil,
       needs[1] ? try (-(g * y) / rhs).sum(toShape: rhs.shape) : nil]
    }
  }

  /// Elementwise negation.
  public static prefix func - (x: Tensor) -> Tensor {
    x * -1
  }

  /// Every element multiplied by a constant.
  public static func * (lhs: Tensor, rhs: Float) -> Tensor {
    lhs.map("scale", { $0 * rhs }) { g, _, _ in [g * rhs] }
  }

  /// Every element multiplied by a constant.
  public static func * (lhs: Float, rhs: Tensor) -> Tensor { rhs * lhs }

  /// Every element divided by a constant.
  public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs * (1 / rhs) }

  /// A constant added to every element.
  public static func + (lhs: Tensor, rhs: Float) -> Tensor {
    lhs.map("shift", { $0 + rhs }) { g, _, _ in [g] }
  }

  /// A constant added to every element.
  public static func + (lhs: Float, rhs: Tensor) -> Tensor { rhs + lhs }

  /// A constant subtracted from every element.
  public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs + -rhs }

  /// Every element subtracted from a constant.
  public static func - (lhs: Float, rhs: Tensor) -> Tensor { -rhs + lhs }

  /// `eˣ`, elementwise.
  public func exp() -> Tensor {
    map("exp", { expf($0) }) { g, y, _ throws(TensorError) in [try g * y] }
  }

  /// The natural logarithm, elementwise.
  public func log() -> Tensor {
    map("log", { logf($0) }) { [self] g, _, _ throws(TensorError) in [try g / self] }
  }

  /// `xᵖ` elementwise, for a constant exponent.
  public func pow(_ exponent: Float) -> Tensor {
    if exponent == 1 { return self }
    return map("pow", { powf($0, exponent) }) { [self] g, _, _ throws(TensorError) in
      [try g * (self.pow(exponent - 1) * exponent)]
    }
  }

  /// `x²`, elementwise.
  public func squared() -> Tensor {
    map("squared", { $0 * $0 }) { [self] g, _, _ throws(TensorError) in [try g * (self * 2)] }
  }

  /// `√x`, elementwise.
  public func squareRoot() -> Tensor {
    map("squareRoot", { $0.squareRoot() }) { g, y, _ throws(TensorError) in
      [try g / (y * 2)]
    }
  }
}


extension Tensor {
  /// Applies `transform` to each element and records `backward`.
  @inline(__always)
  func map(
    _ operation: String, _ transform: (Float) -> Float, backward: @escaping BackwardRule
  ) -> Tensor {
    let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
      scalars.withUnsafeBufferPointer { x in
        Parallel.forEachPiece(of: x.count, minimumPiece: Parallel.elementwisePiece) { piece in
          for i in piece { out[i] = transform(x[i]) }
        }
      }
      initialized = count
    }
    return Tensor.result(operation, shape: shape, scalars: values, parents: [self],
                         backward: backward)
  }

  /// Combines two tensors elementwise after broadcasting them to a common shape.
  @inline(__always)
  static func zipScalars(
    _ a: Tensor, _ b: Tensor, _ operation: String, _ combine: (Float, Float) -> Float
  ) throws(TensorError) -> ([Int], [Float]) {
    let shape = try broadcastShape(a.shape, b.shape, operation: operation)
    let count = shape.reduce(1, *)
    let lhs = a.shape == shape || a.count == 1 ? a.scalars
      : try a.detached().broadcast(to: shape).scalars
    let rhs = b.shape == shape || b.count == 1 ? b.scalars
      : try b.detached().broadcast(to: shape).scalars
    let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
      lhs.withUnsafeBufferPointer { x in
        rhs.withUnsafeBufferPointer { y in
          Parallel.forEachPiece(of: count, minimumPiece: Parallel.elementwisePiece) { piece in
            if x.count == count && y.count == count {
              for i in piece { out[i] = combine(x[i], y[i]) }
            } else if x.count == count {
              let c = y[0]
              for i in piece { out[i] = combine(x[i], c) }
            } else if y.count == count {
              let c = x[0]
              for i in piece { out[i] = combine(c, y[i]) }
            } else {
              let c = combine(x[0], y[0])
              for i in piece { out[i] = c }
            }
          }
        }
      }
      initialized = count
    }
    return (shape, values)
  }
}
