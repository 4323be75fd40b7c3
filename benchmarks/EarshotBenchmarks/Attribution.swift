import EarshotAttribution
import EarshotAutodiff
import Foundation

/// The cost of a training step with the attribution-balance penalty against a plain one.
///
/// The network is ``AutodiffReferenceNetwork`` (frame CNN on 3×64×64, spectrogram CNN on
/// 2×65×26, MLP fusion into 4 logits). A plain step is cross-entropy, its weight gradient
/// and Adam. A regularized step adds `0.1 · variance(shares)` of the Integrated Gradients of
/// the label's logit, estimated with one random point per sample (`stochastic`) or K
/// Gauss–Legendre points, at the inputs or at the embeddings (reusing the embeddings of the
/// loss, as a trainer would), and differentiates the sum by double backpropagation.
///
/// Usage: `earshot-benchmarks attribution [--steps N] [--batch B] [--threads T]`.
/// Prints `key value` lines on stdout: for each setting, the median milliseconds of plain
/// and regularized steps (timed alternately) and their ratio.
func attributionBenchmark(_ arguments: [String]) {
  let options = BenchmarkOptions(arguments, benchmark: "attribution", numbers: [
    "--steps": 3, "--batch": 16, "--threads": usableCores(),
  ])
  let (steps, batch) = (options["--steps"], options["--batch"])
  BLAS.setThreadCount(options["--threads"])

  do {
    print("attribution.threads \(BLAS.threadCount)")
    print("attribution.batch \(batch)")
    let estimators: [(String, BalanceRegularizer)] = try [
      ("stochastic", BalanceRegularizer(weight: 0.1, stochasticSeed: 1)),
      ("k4", BalanceRegularizer(weight: 0.1, points: 4)),
      ("k8", BalanceRegularizer(weight: 0.1, points: 8)),
      ("k16", BalanceRegularizer(weight: 0.1, points: 16)),
    ]
    for space in AttributionSpace.allCases {
      for (name, regularizer) in estimators {
        let (plain, regularized) = try medianSteps(steps: steps, batch: batch,
                                                   regularizer: regularizer, space: space)
        let key = "attribution.\(space.rawValue).\(name)"
        print("\(key)_plain_step_ms \(String(format: "%.1f", plain))")
        print("\(key)_step_ms \(String(format: "%.1f", regularized))")
        print("\(key)_over_plain \(String(format: "%.2f", regularized / plain))")
      }
    }
  } catch {
    FileHandle.standardError.write(Data("attribution benchmark failed: \(error)\n".utf8))
    exit(1)
  }
}

/// The median wall times of plain and regularized training steps in milliseconds, taken
/// alternately (so that load from other processes falls on both alike), after one warm-up
/// step of each.
private func medianSteps(
  steps: Int, batch: Int, regularizer: BalanceRegularizer, space: AttributionSpace
) throws -> (plain: Double, regularized: Double) {
  let network = AutodiffReferenceNetwork(seed: 7)
  let adam = Adam(learningRate: 1e-4)
  var rng = SplitMix64(seed: 3)
  let inputs = [Tensor.randomUniform([batch, 3, 64, 64], using: &rng),
                Tensor.randomNormal([batch, 2, 65, 26], using: &rng)]
  let labels = (0..<batch).map { _ in Int(rng.next() % 4) }

  func step(_ index: Int, regularizer: BalanceRegularizer?) throws {
    let embeddings = try network.embeddings(inputs)
    var loss = try network.head(embeddings).crossEntropy(labels: labels)
    if let regularizer {
      let draw = UInt64(index)
      let penalty: Tensor
      switch space {
      case .inputs:
        penalty = try regularizer.penalty(network, inputs: inputs,
                                          target: .logit(classes: labels), draw: draw).penalty
      case .embeddings:
        penalty = try regularizer.penalty(
          { try selectTargets(from: network.head($0), classes: labels) },
          inputs: embeddings, draw: draw).penalty
      }
      loss = try loss + penalty
    }
    try adam.step(network.parameters, gradients: gradients(of: loss, with: network.parameters))
  }

  func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start) * 1000
  }

  try step(0, regularizer: nil)
  try step(0, regularizer: regularizer)
  var plain: [Double] = [], regularized: [Double] = []
  for i in 1...max(steps, 1) {
    plain.append(try milliseconds { try step(i, regularizer: nil) })
    regularized.append(try milliseconds { try step(i, regularizer: regularizer) })
  }
  return (plain.sorted()[plain.count / 2], regularized.sorted()[regularized.count / 2])
}
