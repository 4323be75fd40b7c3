import XCTest
@testable import EarshotAutodiff

final class OptimizerTests: XCTestCase {
  func testAdamFirstStepMovesByTheLearningRate() throws {
    let p = try Tensor(shape: [2], data: [1, -1], requiresGradient: true)
    let adam = Adam(learningRate: 0.1)
    try adam.step([p], gradients: [Tensor(shape: [2], data: [3, -0.5])])
    // m̂ = g and v̂ = g², so the first update is η·sign(g) (up to ε).
    XCTAssertEqual(p.scalars[0], 0.9, accuracy: 1e-6)
    XCTAssertEqual(p.scalars[1], -0.9, accuracy: 1e-6)
    XCTAssertEqual(adam.stepCount, 1)
    XCTAssertThrowsError(try adam.step([p], gradients: [.zeros([3])]))
  }

  func testAdamWDecaysWeightsWithZeroGradient() throws {
    let p = try Tensor(shape: [1], data: [2], requiresGradient: true)
    let adamW = Adam(learningRate: 0.1, weightDecay: 0.5)
    try adamW.step([p], gradients: [.zeros([1])])
    XCTAssertEqual(p.scalar, 2 - 0.1 * 0.5 * 2, accuracy: 1e-6)
  }

  func testSGDWithMomentum() throws {
    let p = Tensor(1, requiresGradient: true)
    let sgd = SGD(learningRate: 0.5, momentum: 0.9)
    try sgd.step([p], gradients: [Tensor(1)])
    try sgd.step([p], gradients: [Tensor(1)])
    XCTAssertEqual(p.scalar, 1 - 0.5 - 0.5 * 1.9, accuracy: 1e-6)
  }

  func testSchedules() {
    let warm = LearningRateSchedule(peak: 1, final: 0, warmupSteps: 4, totalSteps: 14,
                                    decay: .linear)
    XCTAssertEqual(warm.rate(atStep: 0), 0.25)
    XCTAssertEqual(warm.rate(atStep: 3), 1)
    XCTAssertEqual(warm.rate(atStep: 9), 0.5)
    XCTAssertEqual(warm.rate(atStep: 100), 0)
    let cosine = LearningRateSchedule(peak: 1, final: 0.1, totalSteps: 10, decay: .cosine)
    XCTAssertEqual(cosine.rate(atStep: 0), 1)
    XCTAssertEqual(cosine.rate(atStep: 5), 0.55, accuracy: 1e-6)
    XCTAssertEqual(cosine.rate(atStep: 10), 0.1, accuracy: 1e-6)
    XCTAssertEqual(LearningRateSchedule.constant(0.3).rate(atStep: 1000), 0.3)
  }

  func testGradientClipping() throws {
    let g = [try Tensor(shape: [2], data: [3, 0]), try Tensor(shape: [1], data: [4])]
    let (clipped, norm) = clipGradientNorm(g, maxNorm: 1)
    XCTAssertEqual(norm, 5)
    XCTAssertEqual(clipped[0].scalars[0], 0.6, accuracy: 1e-6)
    XCTAssertEqual(clipped[1].scalars[0], 0.8, accuracy: 1e-6)
    XCTAssertEqual(clipGradientNorm(g, maxNorm: 10).gradients[1].scalar, 4)
  }

  func testNonFiniteIsNamed() throws {
    let good = Tensor.zeros([3])
    let bad = try Tensor(shape: [3], data: [0, .nan, .infinity])
    XCTAssertNil(good.firstNonFinite)
    XCTAssertEqual(bad.firstNonFinite?.index, 1)
    XCTAssertThrowsError(try checkFinite([("a", good), ("vision.conv1.weight", bad)], step: 17))
    { error in
      let e = error as? NonFiniteError
      XCTAssertEqual(e?.tensor, "vision.conv1.weight")
      XCTAssertEqual(e?.step, 17)
      XCTAssertTrue("\(error)".contains("step 17"))
    }
  }
}
