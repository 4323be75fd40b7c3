import EarshotAttribution
import EarshotAutodiff
import EarshotWorld
import Foundation

extension PolicyTrainer {
  /// A batch of sequences drawn from recorded trajectories.
  struct SequenceBatch {
    var frames: Tensor
    var spectrograms: Tensor
    /// The class each row's loss and balance method target, per row `b·L + t`
    /// (imitation: the expert's action; PPO: the action taken; 0 where padded).
    var labels: [Int]
    /// The expert's action per row (0 where padded), for the accuracy in the log.
    var expert: [Int]
    /// 1 for real steps, 0 for padding.
    var mask: [Float]
    /// Per row, the (trajectory, step) it holds; nil where padded.
    var picks: [(trajectory: Int, step: Int)?]
    /// The memory state before each window's first step `[B, hidden]`; nil for zeros.
    var initial: Tensor?
  }

  /// Which recorded action a batch's rows target.
  enum BatchLabels { case expert, taken }

  /// Draws `sequences` windows of `length` steps, uniformly over steps, from `data`.
  ///
  /// - Parameter recordedMemory: start each window from the memory state recorded
  ///   when its first step was played (PPO), rather than from zeros (imitation).
  func sampleBatch(
    from data: [Trajectory], sequences b: Int, length l: Int, labels: BatchLabels,
    recordedMemory: Bool = false, using rng: inout SplitMix64
  ) -> SequenceBatch {
    let a = network.architecture
    let frameSize = 3 * a.frameWidth * a.frameHeight
    let spectrogramSize = 2 * a.spectrogramBins * a.spectrogramFrames
    let total = data.reduce(0) { $0 + $1.steps }
    var frames = [Float](repeating: 0, count: b * l * frameSize)
    var spectrograms = [Float](repeating: 0, count: b * l * spectrogramSize)
    var targets = [Int](repeating: 0, count: b * l), expert = targets
    var mask = [Float](repeating: 0, count: b * l)
    var picks = [(trajectory: Int, step: Int)?](repeating: nil, count: b * l)
    let useMemory = recordedMemory && a.memory
    var initial = [Float](repeating: 0, count: useMemory ? b * a.hidden : 0)

    for s in 0..<b {
      // A step drawn uniformly picks the trajectory; the window ends at or after it.
      var pick = rng.uniform(below: max(1, total))
      var j = 0
      while pick >= data[j].steps { pick -= data[j].steps; j += 1 }
      let t = data[j]
      let start = max(0, min(pick - l + 1 + rng.uniform(below: l), t.steps - l))
      if useMemory {
        initial.replaceSubrange(
          (s * a.hidden)..<((s + 1) * a.hidden),
          with: t.hiddenStates[(start * a.hidden)..<((start + 1) * a.hidden)])
      }
      for k in 0..<min(l, t.steps - start) {
        let row = s * l + k, step = start + k
        frames.replaceSubrange(
          (row * frameSize)..<((row + 1) * frameSize),
          with: t.frames[(step * frameSize)..<((step + 1) * frameSize)])
        spectrograms.replaceSubrange(
          (row * spectrogramSize)..<((row + 1) * spectrogramSize),
          with: t.spectrograms[(step * spectrogramSize)..<((step + 1) * spectrogramSize)])
        expert[row] = t.expertActions[step].rawValue
        targets[row] = labels == .expert ? expert[row] : t.actions[step].rawValue
        mask[row] = 1
        picks[row] = (j, step)
      }
    }
    return SequenceBatch(
      frames: try! Tensor(shape: [b * l, 3, a.frameHeight, a.frameWidth], data: frames),
      spectrograms: try! Tensor(
        shape: [b * l, 2, a.spectrogramBins, a.spectrogramFrames], data: spectrograms),
      labels: targets, expert: expert, mask: mask, picks: picks,
      initial: useMemory ? try! Tensor(shape: [b, a.hidden], data: initial) : nil)
  }

  /// The random stream of update number `updates`.
  var updateRandom: SplitMix64 {
    SplitMix64(seed: config.seed ^ 0x7570_6461_7465, stream: UInt64(updates))
  }

  /// One imitation update on a fresh batch from the dataset: cross-entropy with
  /// the expert's actions, plus the balance method.
  func update() throws -> UpdateReport {
    var rng = updateRandom
    let batch = sampleBatch(
      from: dataset, sequences: config.sequences, length: config.sequenceLength,
      labels: .expert, using: &rng)
    let b = config.sequences, l = config.sequenceLength, rows = b * l
    let valid = batch.mask.reduce(0, +)

    let dropMasks = try modalityDropoutMasks(rows: rows, using: &rng)
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

    let step = try balancedStep(
      loss: loss, batch: batch, unrolled: unrolled, dropMasks: dropMasks, using: &rng)
    updates += 1
    return UpdateReport(
      phase: "imitation", iteration: iteration, update: updates,
      totalUpdates: config.totalUpdates, loss: loss.scalar, penalty: step.penalty,
      accuracy: agreement(logits, with: batch.expert, mask: batch.mask),
      gradientNorm: step.norm, shares: step.shares?.mean,
      intermodalVariance: step.shares?.intermodalVariance, modulation: step.modulation)
  }

  /// The fraction of real rows whose most probable action is `labels`'.
  func agreement(_ logits: Tensor, with labels: [Int], mask: [Float]) -> Float {
    let values = logits.scalars
    var correct = 0, count = 0
    for r in labels.indices where mask[r] > 0 {
      let row = values[(r * 4)..<(r * 4 + 4)]
      if row.firstIndex(of: row.max()!)! - r * 4 == labels[r] { correct += 1 }
      count += 1
    }
    return Float(correct) / Float(max(1, count))
  }
}
