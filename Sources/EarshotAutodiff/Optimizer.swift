#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Updates parameters in place from their gradients.
public protocol Optimizer: AnyObject {
  /// Applies one update: `parameters[i]` moves according to `gradients[i]`.
  ///
  /// - Throws: ``TensorError/shapeMismatch(operation:lhs:rhs:)`` when a gradient's shape
  ///   differs from its parameter's; no parameter is changed then.
  func step(_ parameters: [Tensor], gradients: [Tensor]) throws(TensorError)
}

func checkPairs(_ parameters: [Tensor], _ gradients: [Tensor], _ name: String)
  throws(TensorError)
{
  guard parameters.count == gradients.count else {
    throw .invalidArgument(operation: name, shape: [parameters.count],
                           reason: "\(gradients.count) gradients for \(parameters.count) "
                             + "parameters")
  }
  for (p, g) in zip(parameters, gradients) where p.shape != g.shape {
    throw .shapeMismatch(operation: name, lhs: p.shape, rhs: g.shape)
  }
}

/// Stochastic gradient descent with optional momentum: `v ← μv + g`, `θ ← θ − η·v`.
public final class SGD: Optimizer {
  /// The learning rate η by step.
  public var schedule: LearningRateSchedule
  /// The momentum μ; 0 for plain gradient descent.
  public let momentum: Float
  /// Steps taken so far.
  public private(set) var stepCount = 0
  private var velocity: [ObjectIdentifier: [Float]] = [:]

  /// Creates the optimiser.
  public init(schedule: LearningRateSchedule, momentum: Float = 0) {
    self.schedule = schedule
    self.momentum = momentum
  }

  /// Creates the optimiser with a constant learning rate.
  public convenience init(learningRate: Float, momentum: Float = 0) {
    self.init(schedule: .constant(learningRate), momentum: momentum)
  }

  public func step(_ parameters: [Tensor], gradients: [Tensor]) throws(TensorError) {
    try checkPairs(parameters, gradients, "SGD.step")
    let rate = schedule.rate(atStep: stepCount)
    for (p, g) in zip(parameters, gradients) {
      var v = velocity[ObjectIdentifier(p)] ?? [Float](repeating: 0, count: p.count)
      for i in 0..<p.count {
        v[i] = momentum * v[i] + g.scalars[i]
        p.scalars[i] -= rate * v[i]
      }
      if momentum != 0 { velocity[ObjectIdentifier(p)] = v }
    }
    stepCount += 1
  }
}

/// Adam, and AdamW when `weightDecay` is non-zero (decoupled decay, applied to the
/// parameter directly rather than through the gradient):
///
/// ```
/// m ← β₁m + (1 − β₁)g        v ← β₂v + (1 − β₂)g²
/// θ ← θ − η·(m̂ / (√v̂ + ε) + λθ),  m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)
/// ```
public final class Adam: Optimizer {
  /// The learning rate η by step.
  public var schedule: LearningRateSchedule
  /// The decay rates of the first and second moment estimates.
  public let beta1, beta2: Float
  /// Added to √v̂ to avoid division by zero.
  public let epsilon: Float
  /// The decoupled weight decay λ (0: plain Adam).
  public let weightDecay: Float
  /// Steps taken so far.
  public private(set) var stepCount = 0
  private var moments: [ObjectIdentifier: (m: [Float], v: [Float])] = [:]

  /// Creates the optimiser.
  public init(
    schedule: LearningRateSchedule, beta1: Float = 0.9, beta2: Float = 0.999,
    epsilon: Float = 1e-8, weightDecay: Float = 0
  ) {
    (self.schedule, self.beta1, self.beta2) = (schedule, beta1, beta2)
    (self.epsilon, self.weightDecay) = (epsilon, weightDecay)
  }

  /// Creates the optimiser with a constant learning rate.
  public convenience init(learningRate: Float, weightDecay: Float = 0) {
    self.init(schedule: .constant(learningRate), weightDecay: weightDecay)
  }

  /// The moment estimates of `parameters` (zeros where none yet), for checkpoints.
  ///
  /// - Returns: per parameter, `m` and `v` with the parameter's shape.
  public func moments(of parameters: [Tensor]) -> [(m: Tensor, v: Tensor)] {
    parameters.map { p in
      let (m, v) = moments[ObjectIdentifier(p)]
        ?? ([Float](repeating: 0, count: p.count), [Float](repeating: 0, count: p.count))
      return (Tensor(unchecked: p.shape, m), Tensor(unchecked: p.shape, v))
    }
  }

  /// Restores the state `moments(of:)` saved, so that training resumes exactly.
  ///
  /// - Throws: `TensorError` when a moment's shape differs from its parameter's.
  public func restore(
    stepCount: Int, moments saved: [(m: Tensor, v: Tensor)], of parameters: [Tensor]
  ) throws(TensorError) {
    guard saved.count == parameters.count else {
      throw .invalidArgument(
        operation: "Adam.restore", shape: [saved.count],
        reason: "needs one pair of moments per parameter (\(parameters.count))")
    }
    for (p, pair) in zip(parameters, saved) {
      guard pair.m.shape == p.shape, pair.v.shape == p.shape else {
        throw .shapeMismatch(operation: "Adam.restore", lhs: p.shape, rhs: pair.m.shape)
      }
      moments[ObjectIdentifier(p)] = (pair.m.scalars, pair.v.scalars)
    }
    self.stepCount = stepCount
  }

  public func step(_ parameters: [Tensor], gradients: [Tensor]) throws(TensorError) {
    try checkPairs(parameters, gradients, "Adam.step")
    stepCount += 1
    let rate = schedule.rate(atStep: stepCount - 1)
    let correction1 = 1 - powf(beta1, Float(stepCount))
    let correction2 = 1 - powf(beta2, Float(stepCount))
    for (p, g) in zip(parameters, gradients) {
      let id = ObjectIdentifier(p)
      var (m, v) = moments[id]
        ?? ([Float](repeating: 0, count: p.count), [Float](repeating: 0, count: p.count))
      moments[id] = nil  // so that the arrays below are uniquely referenced
      let (beta1, beta2, epsilon, weightDecay) = (beta1, beta2, epsilon, weightDecay)
      p.scalars.withUnsafeMutableBufferPointer { theta in
        g.scalars.withUnsafeBufferPointer { grad in
          m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
              Parallel.forEachPiece(of: theta.count, minimumPiece: Parallel.elementwisePiece) {
                for i in $0 {
                  m[i] = beta1 * m[i] + (1 - beta1) * grad[i]
                  v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i]
                  let update = (m[i] / correction1)
                    / ((v[i] / correction2).squareRoot() + epsilon)
                  theta[i] -= rate * (update + weightDecay * theta[i])
                }
              }
            }
          }
        }
      }
      moments[id] = (m, v)
    }
  }
}
