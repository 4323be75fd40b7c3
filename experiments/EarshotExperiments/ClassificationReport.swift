import EarshotLearning
import Foundation

/// One λ of the validation sweep.
struct SweepPoint: Codable {
  var lambda: Float
  var validationAccuracy: Double
  var validationVariance: Float?
}

/// Mean and sample standard deviation over seeds.
struct Spread: Codable {
  var mean: Double
  var std: Double
  var values: [Double]

  init(_ values: [Double]) {
    self.values = values
    mean = values.reduce(0, +) / Double(max(1, values.count))
    let m = mean
    std = values.count < 2 ? 0
      : (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
  }

  /// `mean ± std`, scaled (100 for percentages).
  func text(_ scale: Double = 100, digits: Int = 1) -> String {
    String(format: "%.\(digits)f ± %.\(digits)f", mean * scale, std * scale)
  }
}

/// Per-variant summary over seeds.
struct VariantSummary: Codable {
  var variant: String
  var seeds: Int
  var testAccuracy, loudAccuracy, visibleAccuracy, hiddenAccuracy: Spread
  var framesBlanked, audioMuted, shapleyVision, shapleyAudio: Spread
  var loudFramesBlanked, loudAudioMuted: Spread
  var embeddingVisionShare, embeddingNetVisionShare, embeddingVariance: Spread?
  var inputVisionShare, inputNetVisionShare, inputVariance: Spread?
  var loudEmbeddingVisionShare, loudEmbeddingVariance: Spread?
  var trainSeconds: Spread

  init(variant: String, runs: [ClassificationRun]) {
    self.variant = variant
    seeds = runs.count
    func spread(_ f: (ClassificationRun) -> Double?) -> Spread? {
      let values = runs.compactMap(f)
      return values.count == runs.count ? Spread(values) : nil
    }
    testAccuracy = spread { $0.testSameNoise.accuracy }!
    loudAccuracy = spread { $0.testLoudNoise.accuracy }!
    visibleAccuracy = spread { $0.testSameNoise.accuracyGoalVisible ?? 0 }!
    hiddenAccuracy = spread { $0.testSameNoise.accuracyGoalHidden ?? 0 }!
    framesBlanked = spread { $0.testSameNoise.accuracyFramesBlanked }!
    audioMuted = spread { $0.testSameNoise.accuracyAudioMuted }!
    loudFramesBlanked = spread { $0.testLoudNoise.accuracyFramesBlanked }!
    loudAudioMuted = spread { $0.testLoudNoise.accuracyAudioMuted }!
    shapleyVision = spread { $0.testSameNoise.shapleyVision }!
    shapleyAudio = spread { $0.testSameNoise.shapleyAudio }!
    embeddingVisionShare = spread { $0.testSameNoise.embeddingShares.map { Double($0[0]) } }
    embeddingNetVisionShare = spread { $0.testSameNoise.embeddingNetShares.map { Double($0[0]) } }
    embeddingVariance = spread { $0.testSameNoise.embeddingVariance.map(Double.init) }
    inputVisionShare = spread { $0.testSameNoise.inputShares.map { Double($0[0]) } }
    inputNetVisionShare = spread { $0.testSameNoise.inputNetShares.map { Double($0[0]) } }
    inputVariance = spread { $0.testSameNoise.inputVariance.map(Double.init) }
    loudEmbeddingVisionShare = spread { $0.testLoudNoise.embeddingShares.map { Double($0[0]) } }
    loudEmbeddingVariance = spread { $0.testLoudNoise.embeddingVariance.map(Double.init) }
    trainSeconds = spread { $0.trainSeconds }!
  }
}

/// The paper's claim, checked on one test condition.
struct ClaimCheck: Codable {
  var condition: String
  var bestUnimodal: String
  /// Regularized minus best unimodal test accuracy, in points, mean over seeds.
  var gainOverBestUnimodal: Double
  /// A 95% interval for that gain over training seeds: Student's t on the per-seed
  /// differences, paired by seed index (nil with one seed).
  var gainInterval: [Double]?
  /// The same for the plain fused classifier.
  var fusedGainOverBestUnimodal: Double
  /// 1 − v(reg)/v(fused), inter-modal variance of |IG| shares at the embeddings.
  var embeddingVarianceCut: Double?
  /// The same at the raw inputs (a measure the regularizer does not optimize).
  var inputVarianceCut: Double?
  var accuracyClaimHolds: Bool
  var varianceClaimHolds: Bool?
}

struct ClassificationReport: Codable {
  var command: String
  var config: ClassificationConfig
  var classes: [String]
  var visibleFraction: [String: Double]
  var sweep: [SweepPoint]
  var chosenLambda: Float
  var runs: [ClassificationRun]
  var sweepRuns: [ClassificationRun]
  var dataSeconds: Double
  var wallSeconds: Double
  var summaries: [VariantSummary] = []
  var claims: [ClaimCheck] = []
  /// Runs whose final training accuracy stayed below twice chance ("variant seed N").
  var failedRuns: [String] = []
  /// The claim again without the failed runs (empty when none failed).
  var claimsWithoutFailedRuns: [ClaimCheck] = []

  init(
    config: ClassificationConfig, classes: [String], visibleFraction: [String: Double],
    sweep: [SweepPoint], chosenLambda: Float, runs: [ClassificationRun],
    sweepRuns: [ClassificationRun], dataSeconds: Double, wallSeconds: Double
  ) {
    (self.config, self.classes, self.visibleFraction) = (config, classes, visibleFraction)
    (self.sweep, self.chosenLambda, self.runs, self.sweepRuns) = (sweep, chosenLambda, runs,
                                                                  sweepRuns)
    (self.dataSeconds, self.wallSeconds) = (dataSeconds, wallSeconds)
    command = "swift run -c release earshot-experiments classification --setting "
      + "\(Int(config.trainNoiseDecibels)),\(Int(config.loudNoiseDecibels))"
    let chance = 1 / Float(classes.count)
    let failed = runs.filter { ($0.epochs.last?.trainingAccuracy ?? 0) < 2 * chance }
    failedRuns = failed.map { "\($0.variant) seed \($0.seed)" }
    if !failed.isEmpty {
      let kept = runs.filter { r in
        !failed.contains { $0.variant == r.variant && $0.seed == r.seed }
      }
      summaries = ClassificationReport.summaries(kept)
      // A variant with no run left has no accuracy to compare.
      if summaries.allSatisfy({ $0.seeds > 0 }) { claimsWithoutFailedRuns = claimChecks() }
    }
    summaries = ClassificationReport.summaries(runs)
    claims = claimChecks()
  }

  private static func summaries(_ runs: [ClassificationRun]) -> [VariantSummary] {
    ["vision", "audio", "fused", "fused+reg"].map { name in
      VariantSummary(variant: name, runs: runs.filter { $0.variant == name })
    }
  }

  private func claimChecks() -> [ClaimCheck] {
    [check("held-out worlds, same noise", \.testAccuracy),
     check("held-out worlds, louder noise", \.loudAccuracy)]
  }

  private func check(_ condition: String, _ accuracy: KeyPath<VariantSummary, Spread>)
    -> ClaimCheck
  {
    let by = Dictionary(uniqueKeysWithValues: summaries.map { ($0.variant, $0) })
    let best = by["vision"]![keyPath: accuracy].mean >= by["audio"]![keyPath: accuracy].mean
      ? "vision" : "audio"
    let bestAccuracy = by[best]![keyPath: accuracy].mean
    let gain = 100 * (by["fused+reg"]![keyPath: accuracy].mean - bestAccuracy)
    func cut(_ v: KeyPath<VariantSummary, Spread?>) -> Double? {
      guard let plain = by["fused"]![keyPath: v]?.mean,
        let reg = by["fused+reg"]![keyPath: v]?.mean, plain > 0 else { return nil }
      return 1 - reg / plain
    }
    let differences = zip(by["fused+reg"]![keyPath: accuracy].values,
                          by[best]![keyPath: accuracy].values).map { 100 * ($0 - $1) }
    let interval: [Double]? = differences.count < 2 ? nil : {
      let d = Spread(differences)
      let half = studentT975(degrees: differences.count - 1) * d.std
        / Double(differences.count).squareRoot()
      return [d.mean - half, d.mean + half]
    }()
    let loud = condition.contains("louder")
    let embeddingCut = cut(loud ? \.loudEmbeddingVariance : \.embeddingVariance)
    return ClaimCheck(
      condition: condition, bestUnimodal: best, gainOverBestUnimodal: gain,
      gainInterval: interval,
      fusedGainOverBestUnimodal: 100 * (by["fused"]![keyPath: accuracy].mean - bestAccuracy),
      embeddingVarianceCut: embeddingCut, inputVarianceCut: loud ? nil : cut(\.inputVariance),
      accuracyClaimHolds: gain >= 3.2, varianceClaimHolds: embeddingCut.map { $0 >= 0.67 })
  }

  /// The results as Markdown tables and the verdict, for stdout and the docs.
  func table() -> String {
    func opt(_ s: Spread?, _ scale: Double = 100, _ digits: Int = 1) -> String {
      s?.text(scale, digits: digits) ?? "—"
    }
    var lines = [String]()
    lines.append("### Training noise \(Int(config.trainNoiseDecibels)) dBFS, louder test noise "
      + "\(Int(config.loudNoiseDecibels)) dBFS")
    lines.append("")
    lines.append("Accuracy (%) on held-out worlds, mean ± std over \(config.seeds) seeds; "
      + "\(config.testCount) test snapshots, goal in view in "
      + String(format: "%.0f%%", 100 * (visibleFraction["test"] ?? 0)) + " of them; "
      + "chance \(String(format: "%.1f", 100 / Double(classes.count)))%.")
    lines.append("")
    lines.append("| variant | test (\(Int(config.trainNoiseDecibels)) dBFS) "
      + "| test (\(Int(config.loudNoiseDecibels)) dBFS, unheard) | goal in view | goal hidden "
      + "| frames blanked | audio muted | loud, frames blanked | loud, audio muted |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for s in summaries {
      lines.append("| \(s.variant) | \(s.testAccuracy.text()) | \(s.loudAccuracy.text()) "
        + "| \(s.visibleAccuracy.text()) | \(s.hiddenAccuracy.text()) | \(s.framesBlanked.text()) "
        + "| \(s.audioMuted.text()) | \(s.loudFramesBlanked.text()) | \(s.loudAudioMuted.text()) |")
    }
    lines.append("")
    lines.append("Modality measures on the same-noise test set (vision's share; audio's is "
      + "1 − it). "
      + "IG of the true class's logit, Gauss–Legendre K = \(config.evaluationPoints), zero "
      + "baseline; at the inputs over the first \(config.inputAttributionSamples) snapshots. "
      + "Shapley values in accuracy points.")
    lines.append("")
    lines.append("| variant | |IG| share, emb. | net share, emb. | variance, emb. "
      + "| |IG| share, inputs | net share, inputs | variance, inputs | Shapley vision "
      + "| Shapley audio | emb. share, loud | variance, emb., loud | train s |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for s in summaries {
      lines.append("| \(s.variant) | \(opt(s.embeddingVisionShare, 1, 3)) "
        + "| \(opt(s.embeddingNetVisionShare, 1, 3)) | \(opt(s.embeddingVariance, 1, 4)) "
        + "| \(opt(s.inputVisionShare, 1, 3)) | \(opt(s.inputNetVisionShare, 1, 3)) "
        + "| \(opt(s.inputVariance, 1, 4)) | \(s.shapleyVision.text()) "
        + "| \(s.shapleyAudio.text()) | \(opt(s.loudEmbeddingVisionShare, 1, 3)) "
        + "| \(opt(s.loudEmbeddingVariance, 1, 4)) | \(s.trainSeconds.text(1, digits: 0)) |")
    }
    lines.append("")
    lines.append("λ sweep on validation (seed 0): " + sweep.map {
      String(format: "λ=%g → %.1f%% (variance %@)", $0.lambda, 100 * $0.validationAccuracy,
             $0.validationVariance.map { String(format: "%.4f", $0) } ?? "—")
    }.joined(separator: "; ") + "; chosen λ = \(chosenLambda).")
    lines.append("")
    var claimLines = claims.map { ("", $0) }
    if !failedRuns.isEmpty {
      lines.append("Failed to train (final training accuracy below twice chance): "
        + failedRuns.joined(separator: ", ") + ". The claim is checked with them"
        + (claimsWithoutFailedRuns.isEmpty ? " (every run of a variant failed)." : " and without."))
      lines.append("")
      claimLines += claimsWithoutFailedRuns.map { ("without failed runs, ", $0) }
    }
    for (prefix, c) in claimLines {
      let cut = c.embeddingVarianceCut.map { String(format: "%.0f%%", 100 * $0) } ?? "—"
      let inputCut = c.inputVarianceCut.map { String(format: "%.0f%%", 100 * $0) } ?? "—"
      lines.append("Claim, \(prefix)\(c.condition): fused+reg − best unimodal "
        + "(\(c.bestUnimodal)) = "
        + String(format: "%+.1f", c.gainOverBestUnimodal) + " points"
        + (c.gainInterval.map { String(format: " [95%% CI %+.1f, %+.1f]", $0[0], $0[1]) } ?? "")
        + " (plain fused: "
        + String(format: "%+.1f", c.fusedGainOverBestUnimodal) + "); variance cut at the "
        + "embeddings \(cut)" + (c.inputVarianceCut == nil ? "" : ", at the inputs \(inputCut)")
        + ". ≥ 3.2 points: \(c.accuracyClaimHolds ? "holds" : "does not hold"); ≥ 67% cut: "
        + (c.varianceClaimHolds.map { $0 ? "holds" : "does not hold" } ?? "—") + ".")
    }
    lines.append("")
    let by = Dictionary(uniqueKeysWithValues: summaries.map { ($0.variant, $0) })
    lines.append(String(
      format: "Wall time %.0f s (rendering %.0f s); regularized / plain fused training time "
        + "%.2f (λ sweep runs included in neither).", wallSeconds, dataSeconds,
      by["fused+reg"]!.trainSeconds.mean / by["fused"]!.trainSeconds.mean))
    return lines.joined(separator: "\n")
  }
}

/// The 97.5% quantile of Student's t with `degrees` degrees of freedom, tabulated to 10;
/// beyond, the value at 10 (a slightly wide interval).
func studentT975(degrees: Int) -> Double {
  let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228]
  if degrees >= 1 && degrees <= table.count { return table[degrees - 1] }
  return table.last!
}
