#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Elementwise activation functions.
///
/// ReLU-like functions have a zero second derivative almost everywhere; their backward rule
/// is still a differentiable product with a constant mask, so gradients flow through it in
/// double backpropagation. The smooth ones (tanh, sigmoid, softplus, SiLU, GELU) have
/// non-zero second derivatives, which the attribution regulariser relies on.
extension Tensor {
  /// `max(x, 0)`.
  public func relu() -> Tensor {
    leakyRelu(slope: 0)
  }

  /// `x` where positive, `slope · x` elsewhere.
  public func leakyRelu(slope: Float = 0.01) -> Tensor {
    // The result and the mask of slopes, in one pass.
    var slopes: [Float] = []
    let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
      slopes = [Float](unsafeUninitializedCapacity: count) { mask, maskInitialized in
        scalars.withUnsafeBufferPointer { x in
          Parallel.forEachPiece(of: x.count, minimumPiece: Parallel.elementwisePiece) {
            for i in $0 {
              let v = x[i]
              (out[i], mask[i]) = v > 0 ? (v, 1) : (slope * v, slope)
            }
          }
        }
        maskInitialized = count
      }
      initialized = count
    }
    let mask = Tensor(unchecked: shape, slopes)
    return Tensor.result("leakyRelu", shape: shape, scalars: values, parents: [self]) {
      g, _, _ throws(TensorError) in [try g * mask]
    }
  }

  /// The hyperbolic tangent; its derivative is `1 − tanh²`.
  public func tanh() -> Tensor {
    map("tanh", { tanhf($0) }) { g, y, _ throws(TensorError) in [try g * (1 - y.squared())] }
  }

  /// The logistic function `1 / (1 + e⁻ˣ)`; its derivative is `σ(1 − σ)`.
  public func sigmoid() -> Tensor {
    map("sigmoid", { logistic($0) }) { g, y, _ throws(TensorError) in
      [try g * (y * (1 - y))]
    }
  }

  /// `log(1 + eˣ)`, computed without overflow; its derivative is `σ(x)`.
  public func softplus() -> Tensor {
    map("softplus", { Swift.max($0, 0) + log1pf(expf(-Swift.abs($0))) }) {
      [self] g, _, _ throws(TensorError) in [try g * self.sigmoid()]
    }
  }

  /// The sigmoid-weighted linear unit `x · σ(x)` (also called swish).
  public func silu() -> Tensor {
    // Composed, so that every order of derivative comes from the parts.
    (try? self * sigmoid()) ?? self
  }

  /// The Gaussian error linear unit in its tanh approximation,
  /// `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`, as JAX's `gelu(approximate=True)`.
  public func gelu() -> Tensor {
    let c = Float((2 / Double.pi).squareRoot())
    let inner = (try? (self + self.pow(3) * 0.044715) * c) ?? self
    return (try? self * (inner.tanh() + 1) * 0.5) ?? self
  }
}

@inline(__always) private func logistic(_ x: Float) -> Float {
  // Split by sign so that exp never overflows.
  if x >= 0 { return 1 / (1 + expf(-x)) }
  let e = expf(x)
  return e / (1 + e)
}
