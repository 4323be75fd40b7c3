import EarshotAttribution
import EarshotAutodiff
import EarshotWorld
import Foundation

/// Generalised advantage estimation (Schulman et al., 2016) over one episode.
public enum GAE {
  /// Advantages and returns (the critic's targets) of one episode:
  ///
  /// ```
  /// δ_t = r_t + γ·V_{t+1} − V_t      A_t = δ_t + γλ·A_{t+1}      R_t = A_t + V_t
  /// ```
  ///
  /// with `V_T = final` (0 after a terminal `stop`, the critic's value of the last
  /// state when the step limit cut the episode) and `A_T = 0`.
  public static func advantages(
    rewards: [Float], values: [Float], final: Float, gamma: Float, lambda: Float
  ) -> (advantages: [Float], returns: [Float]) {
    precondition(rewards.count == values.count, "one value per reward")
    var advantages = [Float](repeating: 0, count: rewards.count)
    var next = final, running: Float = 0
    for t in rewards.indices.reversed() {
      let delta = rewards[t] + gamma * next - values[t]
      running = delta + gamma * lambda * running
      advantages[t] = running
      next = values[t]
    }
    return (advantages, zip(advantages, values).map { $0 + $1 })
  }
}

/// PPO's clipped surrogate loss, written so that only differentiable operations the
/// engine has are needed: where the clip is active, `min(ρA, clip(ρ)A)` is the constant
/// `clip(ρ)A` and contributes no gradient; elsewhere it is `ρA`.
enum ClippedSurrogate {
  /// The loss `−mean over real rows of min(ρA, clip(ρ, 1 − ε, 1 + ε)A)` and the fraction
  /// of real rows where the clip is active.
  ///
  /// - Parameters:
  ///   - logProbabilities: log π(a|s) under the current weights, `[rows]`.
  ///   - old: log π_old(a|s) recorded when the action was taken.
  static func loss(
    logProbabilities: Tensor, old: [Float], advantages: [Float], mask: [Float], epsilon: Float
  ) throws -> (loss: Tensor, clipFraction: Float) {
    let rows = old.count
    let ratio = try (logProbabilities - Tensor(shape: [rows], data: old)).exp()
    let r = ratio.scalars
    var weights = [Float](repeating: 0, count: rows)
    var constant: Float = 0, clipped = 0
    let count = max(mask.reduce(0, +), 1)
    for i in 0..<rows where mask[i] > 0 {
      let a = advantages[i]
      if (a > 0 && r[i] > 1 + epsilon) || (a < 0 && r[i] < 1 - epsilon) {
        constant += min(max(r[i], 1 - epsilon), 1 + epsilon) * a
        clipped += 1
      } else {
        weights[i] = a
      }
    }
    let surrogate = try (ratio * Tensor(shape: [rows], data: weights)).sum() + constant
    return (-surrogate / count, Float(clipped) / count)
  }
}

extension PolicyTrainer {
  /// The episodes of PPO iteration `p` (counted from the phase's start), after
  /// those imitation played, spread over the scenarios.
  func ppoEpisodes(_ p: Int, settings s: PPOSettings) -> [(scenario: Int, episode: Int)] {
    let first = config.iterations * config.episodesPerIteration + p * s.episodesPerIteration
    return (0..<s.episodesPerIteration).map { k in
      let global = first + k
      let sc = global % scenarios.count
      return (sc, (global / scenarios.count) % scenarios[sc].episodes)
    }
  }

  /// One PPO iteration: episodes sampled from the current policy, GAE, then
  /// `updatesPerIteration` updates on windows drawn from them.
  func ppoIteration(shouldStop: () -> Bool, event: (TrainingEvent) -> Void) throws -> Bool {
    guard let s = config.ppo else { return true }
    let p = iteration - config.iterations
    optimizer.schedule = .constant(Float(s.learningRate ?? config.learningRate))
    var data = try rollouts.collect(
      ppoEpisodes(p, settings: s),
      actor: .policy(network: network, seed: config.seed ^ UInt64(iteration) &* 0x5050),
      maxSteps: config.maxSteps)
    data.removeAll { $0.steps == 0 }
    var advantages = [[Float]](), returns = [[Float]]()
    for t in data {
      let (a, r) = GAE.advantages(
        rewards: t.rewards, values: t.values, final: t.finalValue, gamma: Float(s.gamma),
        lambda: Float(s.gaeLambda))
      advantages.append(a)
      returns.append(r)
    }
    let total = data.reduce(0.0) { $0 + Double($1.rewards.reduce(0, +)) }
    event(.collected(CollectionReport(
      phase: "ppo", iteration: iteration, beta: nil, episodes: data.count,
      steps: data.reduce(0) { $0 + $1.steps },
      success: Double(data.filter(\.success).count) / Double(max(1, data.count)),
      meanReturn: total / Double(max(1, data.count)))))

    let actorTrains = p >= s.criticWarmup
    for _ in 0..<s.updatesPerIteration {
      if shouldStop() { return false }
      event(.updated(try ppoUpdate(
        data, advantages: advantages, returns: returns, settings: s, actorTrains: actorTrains)))
    }
    return true
  }

  /// One PPO update: clipped surrogate + value loss − entropy bonus, plus the
  /// balance method (its target: the action taken).
  func ppoUpdate(
    _ data: [Trajectory], advantages: [[Float]], returns: [[Float]], settings s: PPOSettings,
    actorTrains: Bool
  ) throws -> UpdateReport {
    var rng = updateRandom
    let b = s.sequences, l = s.sequenceLength, rows = b * l
    let batch = sampleBatch(
      from: data, sequences: b, length: l, labels: .taken, recordedMemory: true, using: &rng)
    var old = [Float](repeating: 0, count: rows), advantage = old, target = old
    for (r, pick) in batch.picks.enumerated() {
      guard let (j, t) = pick else { continue }
      (old[r], advantage[r], target[r]) =
        (data[j].logProbabilities[t], advantages[j][t], returns[j][t])
    }
    // Advantages normalised over the batch's real rows.
    let count = max(batch.mask.reduce(0, +), 1)
    let mean = zip(advantage, batch.mask).reduce(0) { $0 + $1.0 * $1.1 } / count
    let variance = zip(advantage, batch.mask).reduce(0) {
      $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean)
    } / count
    let spread = variance.squareRoot() + 1e-8
    advantage = zip(advantage, batch.mask).map { $1 > 0 ? ($0 - mean) / spread : 0 }

    let dropMasks = try modalityDropoutMasks(rows: rows, using: &rng)
    let unrolled = try network.unroll(
      frames: batch.frames, spectrograms: batch.spectrograms, batch: b, length: l,
      initial: batch.initial
    ) { embeddings in
      guard let dropMasks else { return embeddings }
      return try zip(embeddings, dropMasks).map { try $0 * $1 }
    }
    let logits = try network.logits(unrolled.after)
    let logP = try logits.logSoftmax()
    let taken = try selectTargets(from: logP, classes: batch.labels)
    let (policyLoss, clipFraction) = try ClippedSurrogate.loss(
      logProbabilities: taken, old: old, advantages: advantage, mask: batch.mask,
      epsilon: Float(s.clip))
    let mask = try Tensor(shape: [rows], data: batch.mask)
    let values = try network.value(unrolled.after).reshaped(to: [rows])
    let valueLoss = try ((values - Tensor(shape: [rows], data: target)).squared() * mask).sum()
      * (0.5 / count)
    let entropy = try (logits.entropy() * mask).sum() / count

    var loss = valueLoss * Float(s.valueCoefficient)
    if actorTrains {
      loss = try loss + policyLoss - entropy * Float(s.entropyCoefficient)
    }
    let step = try balancedStep(
      loss: loss, batch: batch, unrolled: unrolled, dropMasks: dropMasks, using: &rng)
    updates += 1
    return UpdateReport(
      phase: "ppo", iteration: iteration, update: updates, totalUpdates: config.totalUpdates,
      loss: loss.scalar, penalty: step.penalty,
      accuracy: agreement(logits, with: batch.expert, mask: batch.mask),
      gradientNorm: step.norm, shares: step.shares?.mean,
      intermodalVariance: step.shares?.intermodalVariance, modulation: step.modulation,
      valueLoss: valueLoss.scalar, entropy: entropy.scalar, clipFraction: clipFraction)
  }
}
