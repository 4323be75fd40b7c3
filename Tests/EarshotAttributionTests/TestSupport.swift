import XCTest
import EarshotAttribution
import EarshotAutodiff

/// The smooth two-modality network of the tests and of `attribution_reference.py`:
///
/// - vision `[B, 5]` → linear 5→4 → tanh;
/// - audio `[B, 2, 3]` → flatten → linear 6→4 → softplus;
/// - head: concatenation `[B, 8]` → linear 8→6 → tanh → linear 6→3 logits.
///
/// Every part is smooth, so attributions and penalties can be checked against finite
/// differences.
final class TwoModalityNetwork: Module, ModalityNetwork {
  let vision: Linear, audio: Linear, fusion: Linear, output: Linear

  init(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    vision = Linear(inputSize: 5, outputSize: 4, using: &rng)
    audio = Linear(inputSize: 6, outputSize: 4, using: &rng)
    fusion = Linear(inputSize: 8, outputSize: 6, using: &rng)
    output = Linear(inputSize: 6, outputSize: 3, using: &rng)
  }

  var namedParameters: [(name: String, tensor: Tensor)] {
    vision.namedParameters(prefix: "vision") + audio.namedParameters(prefix: "audio")
      + fusion.namedParameters(prefix: "fusion") + output.namedParameters(prefix: "output")
  }

  func embeddings(_ inputs: [Tensor]) throws -> [Tensor] {
    [try vision(inputs[0]).tanh(), try audio(inputs[1].flattenedBatch()).softplus()]
  }

  func head(_ embeddings: [Tensor]) throws -> Tensor {
    try output(fusion(Tensor.concatenated(embeddings, alongAxis: 1)).tanh())
  }

  /// A batch of B inputs in [−1, 1).
  static func inputs(batch: Int, seed: UInt64) -> [Tensor] {
    var rng = SplitMix64(seed: seed)
    return [Tensor.randomUniform([batch, 5], lower: -1, upper: 1, using: &rng),
            Tensor.randomUniform([batch, 2, 3], lower: -1, upper: 1, using: &rng)]
  }
}

/// The largest elementwise difference between two tensors of the same size.
func largestDifference(_ a: Tensor, _ b: Tensor) -> Float {
  precondition(a.count == b.count, "sizes \(a.shape) and \(b.shape)")
  return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
}

/// The largest magnitude in a tensor.
func largestMagnitude(_ a: Tensor) -> Float { a.scalars.map(abs).max() ?? 0 }

/// Asserts that `body` throws exactly `expected`.
func assertThrows<T>(
  _ expected: AttributionError, file: StaticString = #filePath, line: UInt = #line,
  _ body: () throws -> T
) {
  do {
    _ = try body()
    XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
  } catch let error as AttributionError {
    XCTAssertEqual(error, expected, file: file, line: line)
    XCTAssertFalse(error.description.isEmpty, file: file, line: line)
  } catch {
    XCTFail("expected \(expected), got \(error)", file: file, line: line)
  }
}
