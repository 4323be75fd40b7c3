import EarshotAutodiff
import Foundation

/// Times a training step (forward, backward, Adam) and a double-backprop step (the
/// gradient of loss + 0.1·‖∂loss/∂inputs‖² with respect to the weights, then Adam) of
/// ``AutodiffReferenceNetwork`` at batch 64, and compares the rate of its matrix products
/// with OpenBLAS's own rate on a large square `sgemm`.
///
/// Usage: `earshot-benchmarks autodiff [--steps N] [--threads T] [--batch B]`.
/// Prints `key value` lines on stdout (times in milliseconds, rates in GFLOP/s).
func autodiffBenchmark(_ arguments: [String]) {
  let options = BenchmarkOptions(arguments, benchmark: "autodiff", numbers: [
    "--steps": 10, "--batch": 64, "--threads": usableCores(),
  ])
  let (steps, batch) = (options["--steps"], options["--batch"])
  BLAS.setThreadCount(options["--threads"])

  do {
    let peak = try sgemmPeak()
    let plain = try timeSteps(steps: steps, batch: batch, penalty: false)
    let double = try timeSteps(steps: steps, batch: batch, penalty: true)
    print("autodiff.threads \(BLAS.threadCount)")
    print("autodiff.batch \(batch)")
    print("autodiff.sgemm_peak_gflops \(format(peak))")
    for (name, r) in [("train", plain), ("double_backprop", double)] {
      print("autodiff.\(name)_step_ms \(format(r.milliseconds))")
      print("autodiff.\(name)_sgemm_share \(format(r.work.seconds / r.seconds))")
      print("autodiff.\(name)_sgemm_gflops \(format(r.work.gigaflopsPerSecond))")
      print("autodiff.\(name)_sgemm_fraction_of_peak \(format(r.work.gigaflopsPerSecond / peak))")
      print("autodiff.\(name)_overall_gflops \(format(r.work.flops / r.seconds / 1e9))")
    }
    print("autodiff.double_over_train \(format(double.milliseconds / plain.milliseconds))")
  } catch {
    FileHandle.standardError.write("autodiff benchmark failed: \(error)\n".data(using: .utf8)!)
    exit(1)
  }
}

private struct StepTiming {
  var seconds: Double
  var work: MatrixWork
  var milliseconds: Double { seconds * 1000 }
}

private func format(_ x: Double) -> String { String(format: "%.3f", x) }

/// OpenBLAS's rate on a 1024³ product: the best of five.
private func sgemmPeak() throws -> Double {
  var rng = SplitMix64(seed: 1)
  let a = Tensor.randomNormal([1024, 1024], using: &rng)
  let b = Tensor.randomNormal([1024, 1024], using: &rng)
  var best = 0.0
  for _ in 0..<5 {
    let (_, work) = try BLAS.measuringMatrixWork { () throws in try a.matmul(b) }
    best = max(best, work.gigaflopsPerSecond)
  }
  return best
}

/// The median over `steps` steps, after one warm-up step.
private func timeSteps(steps: Int, batch: Int, penalty: Bool) throws -> StepTiming {
  let net = AutodiffReferenceNetwork(seed: 7)
  let adam = Adam(learningRate: 1e-4)
  var rng = SplitMix64(seed: 3)
  let frame = Tensor.randomUniform([batch, 3, 64, 64], using: &rng)
  let spectrogram = Tensor.randomNormal([batch, 2, 65, 26], using: &rng)
  let labels = (0..<batch).map { _ in Int(rng.next() % 4) }

  func step() throws {
    if penalty {
      let f = try Tensor(shape: frame.shape, data: frame.scalars, requiresGradient: true)
      let s = try Tensor(shape: spectrogram.shape, data: spectrogram.scalars,
                         requiresGradient: true)
      let loss = try net(frame: f, spectrogram: s).crossEntropy(labels: labels)
      let g = try gradients(of: loss, with: [f, s], createGraph: true)
      let total = try loss + (g[0].squared().sum() + g[1].squared().sum()) * 0.1
      try adam.step(net.parameters, gradients: gradients(of: total, with: net.parameters))
    } else {
      let loss = try net(frame: frame, spectrogram: spectrogram).crossEntropy(labels: labels)
      try adam.step(net.parameters, gradients: gradients(of: loss, with: net.parameters))
    }
  }

  try step()
  var timings: [StepTiming] = []
  for _ in 0..<steps {
    let start = Date()
    let (_, work) = try BLAS.measuringMatrixWork { () throws in try step() }
    timings.append(StepTiming(seconds: Date().timeIntervalSince(start), work: work))
  }
  return timings.sorted { $0.seconds < $1.seconds }[timings.count / 2]
}
