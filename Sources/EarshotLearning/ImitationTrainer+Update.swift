import EarshotAttribution
import EarshotAutodiff
import EarshotWorld
import Foundation

extension ImitationTrainer {
  /// A batch of sequences drawn from the dataset.
  struct SequenceBatch {
    var frames: Tensor
    var spectrograms: Tensor
    /// Expert action per row `b·L + t` (0 where padded).
    var labels: [Int]
    /// 1 for real steps, 0 for padding.
    var mask: [Float]
  }

  /// Draws `sequences` windows of `sequenceLength` steps, uniformly over steps.
  func sampleBatch(using rng: inout SplitMix64) -> SequenceBatch {
    let b = config.sequences, l = config.sequenceLength
    let a = network.architecture
    let frameSize = 3 * a.frameWidth * a.frameHeight
    let spectrogramSize = 2 * a.spectrogramBins * a.spectrogramFrames
    let total = dataset.reduce(0) { $0 + $1.steps }
    var frames = [Float](repeating: 0, count: b * l * frameSize)
    var spectrograms = [Float](repeating: 0, count: b * l * spectrogramSize)
    var labels = [Int](repeating: 0, count: b * l), mask = [Float](repeating: 0, count: b * l)

    for s in 0..<b {
      // A step drawn uniformly picks the trajectory; the window ends at or after it.
      var pick = rng.uniform(below: max(1, total))
      var j = 0
      while pick >= dataset[j].steps { pick -= dataset[j].steps; j += 1 }
      let t = dataset[j]
      let start = max(0, min(pick - l + 1 + rng.uniform(below: l), t.steps - l))
      for k in 0..<min(l, t.steps - start) {
        let row = s * l + k, step = start + k
        frames.replaceSubrange(
          (row * frameSize)..<((row + 1) * frameSize),
          with: t.frames[(step * frameSize)..<((step + 1) * frameSize)])
        spectrograms.replaceSubrange(
          (row * spectrogramSize)..<((row + 1) * spectrogramSize),
          with: t.spectrograms[(step * spectrogramSize)..<((step + 1) * spectrogramSize)])
        labels[row] = t.expertActions[step].rawValue
        mask[row] = 1
      }
    }
    return SequenceBatch(
      frames: try! Tensor(shape: [b * l, 3, a.frameHeight, a.frameWidth], data: frames),
      spectrograms: try! Tensor(
        shape: [b * l, 2, a.spectrogramBins, a.spectrogramFrames], data: spectrograms),
      labels: labels, mask: mask)
  }

  /// One gradient update on a fresh batch.
  func update() throws -> UpdateReport {
    var rng = SplitMix64(seed: config.seed ^ 0x7570_6461_7465, stream: UInt64(updates))
    let batch = sampleBatch(using: &rng)
    let b = config.sequences, l = config.sequenceLength, rows = b * l
    let valid = batch.mask.reduce(0, +)
    let names = network.architecture.modalities.names

    // Modality dropout: zero one sense's embedding for some samples.
    var dropMasks: [Tensor]? = nil
    if case .modalityDropout(let rate) = config.balance {
      var masks = [[Float]](repeating: [Float](repeating: 1, count: rows), count: names.count)
      for r in 0..<rows where rng.unitDouble() < rate {
        masks[rng.uniform(below: names.count)][r] = 0
      }
      dropMasks = try masks.map { try Tensor(shape: [rows, 1], data: $0) }
    }

    let unrolled = try network.unroll(
      frames: batch.frames, spectrograms: batch.spectrograms, batch: b, length: l
    ) { embeddings in
      guard let dropMasks else { return embeddings }
      return try zip(embeddings, dropMasks).map { try $0 * $1 }
    }
    let logits = try network.logits(unrolled.after)
    var targets = [Float](repeating: 0, count: rows * Action.count)
    for r in 0..<rows where batch.mask[r] > 0 { targets[r * Action.count + batch.labels[r]] = 1 }
    let loss = try logits.crossEntropy(targets: Tensor(shape: logits.shape, data: targets))
      * (Float(rows) / max(valid, 1))

    // The rows used to measure (and, for the regularizer, to balance) attributions.
    let validRows = (0..<rows).filter { batch.mask[$0] > 0 }
    var sampleCount = min(32, validRows.count)
    if case .regularizer(let s) = config.balance { sampleCount = min(s.samples, validRows.count) }
    var chosen = validRows
    for i in 0..<sampleCount {
      chosen.swapAt(i, i + rng.uniform(below: chosen.count - i))
    }
    let sample = Array(chosen.prefix(sampleCount))

    var total = loss
    var penaltyValue: Float = 0
    var shares: ModalityShares? = nil
    if case .regularizer(let s) = config.balance, !sample.isEmpty {
      let regularizer = s.stochastic
        ? try BalanceRegularizer(
          weight: Float(s.weight), divergence: s.divergence, targetShares: s.targetShares,
          stochasticSeed: config.seed, useNetShares: s.netShares)
        : try BalanceRegularizer(
          weight: Float(s.weight), divergence: s.divergence, targetShares: s.targetShares,
          points: s.points, useNetShares: s.netShares)
      let (penalty, measured) = try regularizerPenalty(
        regularizer, space: s.space, batch: batch, unrolled: unrolled, sample: sample)
      total = try total + penalty
      penaltyValue = penalty.scalar
      shares = measured
    } else if names.count > 1, !sample.isEmpty {
      shares = try measureShares(unrolled: unrolled, labels: batch.labels, sample: sample)
    }

    let parameters = network.parameters
    var grads = try gradients(of: total, with: parameters)
    var modulation: [Float]? = nil
    if case .gradientModulation(let alpha) = config.balance {
      let k = try modulationCoefficients(
        unrolled: unrolled, labels: batch.labels, mask: batch.mask, alpha: Float(alpha))
      modulation = k
      grads = try modulate(grads, of: parameters, coefficients: k, using: &rng)
    }
    let (clipped, norm) = clipGradientNorm(grads, maxNorm: Float(config.clipNorm))
    do {
      try checkFinite(
        zip(network.namedParameters, clipped).map { ($0.name + ".gradient", $1) }, step: updates)
    } catch {
      throw LearningError.nonFinite("training stopped: \(error)")
    }
    try optimizer.step(parameters, gradients: clipped)

    var correct = 0
    let l4 = logits.scalars
    for r in validRows {
      let row = l4[(r * 4)..<(r * 4 + 4)]
      if row.firstIndex(of: row.max()!)! - r * 4 == batch.labels[r] { correct += 1 }
    }
    updates += 1
    return UpdateReport(
      iteration: iteration, update: updates,
      totalUpdates: config.iterations * config.updatesPerIteration,
      loss: loss.scalar, penalty: penaltyValue,
      accuracy: Float(correct) / Float(max(1, validRows.count)), gradientNorm: norm,
      shares: shares?.mean, intermodalVariance: shares?.intermodalVariance,
      modulation: modulation)
  }

  /// λ·D(s, r) at the embeddings (or inputs) of the sampled rows, for the expert's action.
  private func regularizerPenalty(
    _ regularizer: BalanceRegularizer, space: AttributionSpace, batch: SequenceBatch,
    unrolled: PolicyNetwork.Unrolled, sample: [Int]
  ) throws -> (Tensor, ModalityShares) {
    let classes = sample.map { batch.labels[$0] }
    let before = try unrolled.before.rows(sample)
    switch space {
    case .embeddings:
      let inputs = try unrolled.embeddings.map { try $0.rows(sample) }
      return try regularizer.penalty(
        { e in try self.expertLogits(e, before: before, classes: classes) },
        inputs: inputs, baselines: inputs.map { .zeros($0.shape) }, draw: UInt64(updates))
    case .inputs:
      let inputs = [try batch.frames.rows(sample), try batch.spectrograms.rows(sample)]
      return try regularizer.penalty(
        { x in
          let e = try network.embeddings(frames: x[0], spectrograms: x[1])
          return try self.expertLogits(e, before: before, classes: classes)
        },
        inputs: inputs, baselines: inputs.map { .zeros($0.shape) }, draw: UInt64(updates))
    }
  }

  /// The logit of each sample's expert action from embeddings of `R = k·S` rows
  /// (row `r` belongs to sample `r mod S`), given each sample's previous state `[S, hidden]`.
  func expertLogits(_ embeddings: [Tensor], before: Tensor, classes: [Int]) throws -> Tensor {
    let rows = embeddings[0].shape[0], samples = before.shape[0]
    let states = try before.rows((0..<rows).map { $0 % samples })
    return try selectTargets(
      from: network.head(embeddings: embeddings, before: states), classes: classes)
  }

  /// |IG| shares at the embeddings for the expert's action logit (for the log only).
  private func measureShares(
    unrolled: PolicyNetwork.Unrolled, labels: [Int], sample: [Int]
  ) throws -> ModalityShares {
    let ig = try IntegratedGradients(rule: .gaussLegendre, points: 8)
    let classes = sample.map { labels[$0] }
    let before = try unrolled.before.rows(sample).detached()
    let inputs = try unrolled.embeddings.map { try $0.rows(sample).detached() }
    return try ig.attribute(
      { e in try self.expertLogits(e, before: before, classes: classes) },
      inputs: inputs, baselines: inputs.map { .zeros($0.shape) }
    ).shares
  }
}
