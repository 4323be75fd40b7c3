import XCTest
@testable import EarshotAutodiff

/// A tiny classifier: conv → relu → avg-pool → linear → tanh → linear.
final class TinyNet: Module {
  let conv: Conv2D, hidden: Linear, head: Linear
  init(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    conv = Conv2D(inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1, using: &rng)
    hidden = Linear(inputSize: 4 * 2 * 2, outputSize: 8, using: &rng)
    head = Linear(inputSize: 8, outputSize: 2, using: &rng)
  }
  var namedParameters: [(name: String, tensor: Tensor)] {
    conv.namedParameters(prefix: "conv") + hidden.namedParameters(prefix: "hidden")
      + head.namedParameters(prefix: "head")
  }
  func callAsFunction(_ x: Tensor) throws -> Tensor {
    let features = try conv(x).relu().averagePooled(size: 2).flattenedBatch()
    return try head(hidden(features).tanh())
  }
}

/// 4×4 images: class 1 has a bright left half, class 0 a bright right half, plus noise.
func toyImages(count: Int, seed: UInt64) -> (Tensor, [Int]) {
  var rng = SplitMix64(seed: seed)
  var values: [Float] = [], labels: [Int] = []
  for i in 0..<count {
    let label = i % 2
    labels.append(label)
    for _ in 0..<4 {
      for x in 0..<4 {
        let bright = (x < 2) == (label == 1)
        values.append((bright ? 1 : 0) + 0.3 * rng.nextGaussian())
      }
    }
  }
  return (try! Tensor(shape: [count, 1, 4, 4], data: values), labels)
}

final class TrainingTests: XCTestCase {
  func testTinyNetworkLearnsToyProblem() throws {
    let net = TinyNet(seed: 5)
    let (images, labels) = toyImages(count: 32, seed: 6)
    let adam = Adam(schedule: LearningRateSchedule(peak: 0.03, final: 0.003, warmupSteps: 5,
                                                   totalSteps: 60, decay: .cosine))
    let initial = try net(images).crossEntropy(labels: labels).scalar
    var loss = initial
    for step in 0..<60 {
      let l = try net(images).crossEntropy(labels: labels)
      loss = l.scalar
      let (g, _) = clipGradientNorm(try gradients(of: l, with: net.parameters), maxNorm: 5)
      try checkFinite(zip(net.namedParameters, g).map { ("gradient of \($0.name)", $1) },
                      step: step)
      try adam.step(net.parameters, gradients: g)
    }
    XCTAssertLessThan(loss, 0.1 * initial, "loss went from \(initial) to \(loss)")

    let (test, testLabels) = toyImages(count: 20, seed: 99)
    let predictions = try net(test).scalars
    let correct = (0..<20).filter { i in
      (predictions[2 * i + 1] > predictions[2 * i] ? 1 : 0) == testLabels[i]
    }.count
    XCTAssertGreaterThanOrEqual(correct, 19)
  }

  func testTrainingThroughAnInputGradientPenalty() throws {
    // Double backpropagation in training: penalise the squared input-gradient of the
    // logits; the penalty must fall while the weights move.
    let net = TinyNet(seed: 8)
    let (images, _) = toyImages(count: 8, seed: 9)
    let adam = Adam(learningRate: 0.01)
    func penalty() throws -> Tensor {
      let x = try Tensor(shape: images.shape, data: images.scalars, requiresGradient: true)
      let g = try gradients(of: net(x).softplus().sum(), with: [x], createGraph: true)[0]
      return g.squared().sum()
    }
    let initial = try penalty().scalar
    for _ in 0..<15 {
      let p = try penalty()
      try adam.step(net.parameters, gradients: gradients(of: p, with: net.parameters))
    }
    XCTAssertLessThan(try penalty().scalar, 0.5 * initial)
  }
}
