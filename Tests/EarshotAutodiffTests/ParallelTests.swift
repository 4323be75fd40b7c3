import XCTest
@testable import EarshotAutodiff

/// Large operations split their work across threads (`Parallel`, `BLAS`): the results must
/// be right, and the same bit for bit on one thread or several.
final class ParallelTests: XCTestCase {
  override func tearDown() {
    BLAS.setThreadCount(ProcessInfo.processInfo.activeProcessorCount)
    super.tearDown()
  }

  /// Products big enough to be split, with sides that are not multiples of the 16-row
  /// blocks, split along rows (m ≥ n), along columns (m < n) and along k (a small result
  /// and a long k), for every transposition, against a plain triple loop in Double.
  func testSplitProductsMatchAPlainLoop() throws {
    BLAS.setThreadCount(3)
    for (m, n, k) in [(517, 37, 70), (29, 611, 75), (16, 18, 40_000), (9, 130, 17_000)] {
      for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
        XCTAssertGreaterThanOrEqual(m * n * k, 1 << 20, "big enough to be split")
        let a = sample(ta ? [k, m] : [m, k], seed: 1)
        let b = sample(tb ? [n, k] : [k, n], seed: 2)
        let c = try a.matmul(b, transposeSelf: ta, transposeOther: tb)
        XCTAssertEqual(c.shape, [m, n])
        var worst = 0.0
        for i in 0..<m {
          for j in 0..<n {
            var total = 0.0
            for l in 0..<k {
              let x = ta ? a.scalars[l * m + i] : a.scalars[i * k + l]
              let y = tb ? b.scalars[j * k + l] : b.scalars[l * n + j]
              total += Double(x) * Double(y)
            }
            worst = max(worst, abs(total - Double(c.scalars[i * n + j])))
          }
        }
        XCTAssertLessThan(worst, 1e-4, "\(m)×\(n)×\(k) transposes \(ta), \(tb)")
      }
    }
  }

  /// A convolutional network's loss, weight gradients and double-backprop gradients, with
  /// every large operation (products, im2col/col2im, transposes, pooling, elementwise
  /// maps, Adam) on one thread and on three: identical.
  func testResultsDoNotDependOnTheThreadCount() throws {
    func run(threads: Int) throws -> [[Float]] {
      BLAS.setThreadCount(threads)
      var rng = SplitMix64(seed: 5)
      let conv1 = Conv2D(inChannels: 3, outChannels: 16, kernelSize: 5, stride: 2, padding: 2,
                         using: &rng)
      let conv2 = Conv2D(inChannels: 16, outChannels: 32, kernelSize: 3, padding: 1,
                         using: &rng)
      let head = Linear(inputSize: 32 * 12 * 12, outputSize: 4, using: &rng)
      let parameters = conv1.parameters + conv2.parameters + head.parameters
      let image = Tensor.randomNormal([8, 3, 48, 48], using: &rng)
      let x = try Tensor(shape: image.shape, data: image.scalars, requiresGradient: true)
      let features = try conv2(conv1(x).leakyRelu()).relu().maxPooled(size: 2)
      let loss = try head(features.flattenedBatch())
        .crossEntropy(labels: [0, 1, 2, 3, 0, 1, 2, 3])
      let inputGradient = try gradients(of: loss, with: [x], createGraph: true)[0]
      let penalty = try loss + inputGradient.squared().sum()
      let weightGradients = try gradients(of: penalty, with: parameters)
      let adam = Adam(learningRate: 0.01)
      try adam.step(parameters, gradients: weightGradients)
      return [loss.scalars, inputGradient.scalars] + weightGradients.map(\.scalars)
        + parameters.map(\.scalars)
    }
    let one = try run(threads: 1)
    let three = try run(threads: 3)
    XCTAssertEqual(one.count, three.count)
    for (k, (a, b)) in zip(one, three).enumerated() {
      XCTAssertEqual(a.count, b.count, "result \(k)")
      let differing = zip(a, b).filter { $0.bitPattern != $1.bitPattern }
      XCTAssertEqual(differing.count, 0, "result \(k)")
    }
  }

  /// Products of every transposition and of sizes on both sides of OpenBLAS's limits
  /// (its small-matrix kernels up to 100³ multiply-adds, its blocking of k above a few
  /// hundred), and weight-gradient shapes whose k is cut into chunks, on one, two and
  /// three threads: the same bits. Pieces must not fall under a limit
  /// the whole product was above, or they would be summed in another order.
  func testProductsDoNotDependOnTheThreadCount() throws {
    var rng = SplitMix64(seed: 11)
    var shapes = [(500, 40, 75), (40, 500, 75), (700, 30, 144), (16, 5120, 30), (66, 20, 1591),
                  (16, 18, 108_160), (16, 75, 65_536), (32, 144, 26_624), (9, 130, 17_000)]
    for _ in 0..<40 {
      shapes.append((1 + Int(rng.next() % 300), 1 + Int(rng.next() % 300),
                     1 + Int(rng.next() % 3000)))
    }
    for (index, (m, n, k)) in shapes.enumerated() {
      let (ta, tb) = (index % 4 >= 2, index % 2 == 1)
      let a = sample(ta ? [k, m] : [m, k], seed: UInt64(2 * index))
      let b = sample(tb ? [n, k] : [k, n], seed: UInt64(2 * index + 1))
      var results: [[Float]] = []
      for threads in [1, 2, 3] {
        BLAS.setThreadCount(threads)
        results.append(try a.matmul(b, transposeSelf: ta, transposeOther: tb).scalars)
      }
      for other in results.dropFirst() {
        let differing = zip(results[0], other).filter { $0.bitPattern != $1.bitPattern }
        XCTAssertEqual(differing.count, 0, "\(m)×\(n)×\(k) transposes \(ta), \(tb)")
      }
    }
  }

  /// A product's bits do not depend on how its operands are stored: `a·b` from `a` and
  /// `b` as they are, and from their transposes with the transpose flags set, at sizes
  /// where OpenBLAS could pick other kernels for untransposed operands.
  func testAProductDoesNotDependOnHowItsOperandsAreStored() throws {
    BLAS.setThreadCount(1)
    for (m, n, k) in [(600, 40, 75), (40, 64, 1000), (1024, 16, 144)] {
      let a = sample([m, k], seed: 7), b = sample([k, n], seed: 8)
      let plain = try a.matmul(b)
      let viaTransposes = try a.transposed().matmul(
        b.transposed(), transposeSelf: true, transposeOther: true)
      let differing = zip(plain.scalars, viaTransposes.scalars)
        .filter { $0.bitPattern != $1.bitPattern }
      XCTAssertEqual(differing.count, 0, "\(m)×\(n)×\(k)")
    }
  }

  /// Transposes (the tiled path for the last two axes, the strided one for others) and an
  /// Adam step on a parameter large enough to be split: the same bits on one, two, three
  /// and seven threads.
  func testTransposesAndAdamDoNotDependOnTheThreadCount() throws {
    func run(threads: Int) throws -> [[Float]] {
      BLAS.setThreadCount(threads)
      let images = sample([3, 2, 257, 95], seed: 12), matrix = sample([1000, 333], seed: 13)
      let cube = sample([40, 50, 70], seed: 14)
      let parameter = sample([300_001], seed: 15), gradient = sample([300_001], seed: 16)
      let adam = Adam(learningRate: 0.01, weightDecay: 0.1)
      try adam.step([parameter], gradients: [gradient])
      try adam.step([parameter], gradients: [gradient])
      return [try images.transposed([0, 1, 3, 2]).scalars, try matrix.transposed().scalars,
              try cube.transposed([2, 0, 1]).scalars, parameter.scalars]
    }
    let one = try run(threads: 1)
    for threads in [2, 3, 7] {
      for (k, (a, b)) in zip(one, try run(threads: threads)).enumerated() {
        let differing = zip(a, b).filter { $0.bitPattern != $1.bitPattern }
        XCTAssertEqual(differing.count, 0, "result \(k) on \(threads) threads")
      }
    }
    let cube = sample([40, 50, 70], seed: 14)
    let turned = try cube.transposed([2, 0, 1])
    XCTAssertEqual(turned.shape, [70, 40, 50])
    for (i, j, k) in [(0, 0, 0), (39, 49, 69), (7, 31, 64), (20, 0, 5)] {
      XCTAssertEqual(turned[k, i, j], cube[i, j, k])
    }
  }

  /// The tiled transpose of the last two axes, at sizes that are not multiples of its
  /// tiles, against reading each element by index.
  func testTiledTransposeMatchesIndexing() throws {
    BLAS.setThreadCount(2)
    let x = sample([3, 45, 70], seed: 9)
    let y = try x.transposed([0, 2, 1])
    XCTAssertEqual(y.shape, [3, 70, 45])
    for b in 0..<3 {
      for i in 0..<45 {
        for j in 0..<70 { XCTAssertEqual(y[b, j, i], x[b, i, j]) }
      }
    }
  }
}
