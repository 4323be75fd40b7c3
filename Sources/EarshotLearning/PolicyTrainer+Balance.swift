import EarshotAttribution
import EarshotAutodiff
import EarshotWorld
import Foundation

/// What one optimiser step did besides lowering the loss.
struct BalancedStep {
  var penalty: Float
  var shares: ModalityShares?
  var modulation: [Float]?
  var norm: Float
}

extension PolicyTrainer {
  /// Modality dropout's masks `[rows, 1]` per sense (nil unless the config asks for it):
  /// each row loses one sense, chosen uniformly, with probability `rate`.
  func modalityDropoutMasks(rows: Int, using rng: inout SplitMix64) throws -> [Tensor]? {
    guard case .modalityDropout(let rate) = config.balance else { return nil }
    let senses = network.architecture.modalities.names.count
    var masks = [[Float]](repeating: [Float](repeating: 1, count: rows), count: senses)
    for r in 0..<rows where rng.unitDouble() < rate {
      masks[rng.uniform(below: senses)][r] = 0
    }
    return try masks.map { try Tensor(shape: [rows, 1], data: $0) }
  }

  /// Adds the balance method to `loss`, differentiates, modulates (OGM-GE), clips,
  /// checks for non-finite gradients and takes one optimiser step.
  ///
  /// The attribution target of each row is `batch.labels` (the expert's action in
  /// imitation, the action taken in PPO); shares are measured on up to 32 rows
  /// (the regularizer's `samples`) for the log. Under modality dropout they are measured
  /// only on rows whose senses `dropMasks` kept, so that the log shows the shares of the
  /// network as it is evaluated, not of its dropped-out copy.
  func balancedStep(
    loss: Tensor, batch: SequenceBatch, unrolled: PolicyNetwork.Unrolled,
    dropMasks: [Tensor]?, using rng: inout SplitMix64
  ) throws -> BalancedStep {
    let names = network.architecture.modalities.names
    let kept = dropMasks.map { masks in
      batch.mask.indices.map { r in masks.allSatisfy { $0.scalars[r] > 0 } }
    }
    let validRows = batch.mask.indices.filter { batch.mask[$0] > 0 && (kept?[$0] ?? true) }
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
    return BalancedStep(penalty: penaltyValue, shares: shares, modulation: modulation, norm: norm)
  }

  /// λ·D(s, r) at the embeddings (or inputs) of the sampled rows, for each row's target action.
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
        { e in try self.targetLogits(e, before: before, classes: classes) },
        inputs: inputs, baselines: inputs.map { .zeros($0.shape) }, draw: UInt64(updates))
    case .inputs:
      let inputs = [try batch.frames.rows(sample), try batch.spectrograms.rows(sample)]
      return try regularizer.penalty(
        { x in
          let e = try network.embeddings(frames: x[0], spectrograms: x[1])
          return try self.targetLogits(e, before: before, classes: classes)
        },
        inputs: inputs, baselines: inputs.map { .zeros($0.shape) }, draw: UInt64(updates))
    }
  }

  /// The logit of each sample's target action from embeddings of `R = k·S` rows
  /// (row `r` belongs to sample `r mod S`), given each sample's previous state `[S, hidden]`.
  func targetLogits(_ embeddings: [Tensor], before: Tensor, classes: [Int]) throws -> Tensor {
    let rows = embeddings[0].shape[0], samples = before.shape[0]
    let states = try before.rows((0..<rows).map { $0 % samples })
    return try selectTargets(
      from: network.head(embeddings: embeddings, before: states), classes: classes)
  }

  /// |IG| shares at the embeddings for the target action's logit (for the log only).
  private func measureShares(
    unrolled: PolicyNetwork.Unrolled, labels: [Int], sample: [Int]
  ) throws -> ModalityShares {
    let ig = try IntegratedGradients(rule: .gaussLegendre, points: 8)
    let classes = sample.map { labels[$0] }
    let before = try unrolled.before.rows(sample).detached()
    let inputs = try unrolled.embeddings.map { try $0.rows(sample).detached() }
    return try ig.attribute(
      { e in try self.targetLogits(e, before: before, classes: classes) },
      inputs: inputs, baselines: inputs.map { .zeros($0.shape) }
    ).shares
  }
}
