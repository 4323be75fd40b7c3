import Foundation
import EarshotAttribution
import EarshotAutodiff

/// How a ``SnapshotClassifier`` is trained: Adam on the cross-entropy of shuffled
/// minibatches, plus, optionally, the attribution-balance penalty at the embeddings.
///
/// With a regularizer the loss of a batch is
///
/// ```
/// L = CE(head(e), y) + λ · D(s(IG of head's true-class logit at e, baseline e′ = 0), r)
/// ```
///
/// where e are the batch's embeddings (the same tensors the cross-entropy uses, so the
/// penalty's gradient also reaches the encoders). A unimodal classifier ignores it.
public struct ClassifierTraining: Sendable {
  /// Passes over the training snapshots.
  public var epochs: Int
  /// Snapshots per update.
  public var batchSize: Int
  /// Adam's constant step size.
  public var learningRate: Float
  /// The seed of the minibatch order.
  public var seed: UInt64
  /// The balance penalty, or `nil` for plain cross-entropy.
  public var regularizer: BalanceRegularizer?

  public init(
    epochs: Int = 8, batchSize: Int = 32, learningRate: Float = 1e-3, seed: UInt64 = 0,
    regularizer: BalanceRegularizer? = nil
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.seed = seed
    self.regularizer = regularizer
  }
}

/// What one epoch of training measured.
public struct EpochSummary: Codable, Sendable {
  public var epoch: Int
  /// Mean cross-entropy over the epoch's batches, without the penalty.
  public var crossEntropy: Float
  /// Mean penalty λ·D over the batches (0 without a regularizer).
  public var penalty: Float
  /// Accuracy on the batches as they were trained (weights changing during the epoch).
  public var trainingAccuracy: Float
  /// Mean |IG| shares at the embeddings over the epoch's batches (regularized runs only).
  public var shares: [Float]?
  /// Seconds the epoch's updates took.
  public var seconds: Double
}

extension SnapshotClassifier {
  /// Trains on `data` and returns one summary per epoch.
  ///
  /// - Parameter progress: called after each epoch (for a command-line tool's log).
  /// - Throws: `TensorError` and `AttributionError` from the autodiff, and
  ///   ``LearningError/nonFinite(_:)`` when the loss stops being finite.
  /// - Complexity: epochs × count / batchSize updates; a regularized update costs a
  ///   forward, a graph-recording backward and a double backward of the head on
  ///   K·batchSize rows on top of a plain one.
  @discardableResult
  public func train(
    on data: SnapshotDataset, _ config: ClassifierTraining,
    progress: ((EpochSummary) -> Void)? = nil
  ) throws -> [EpochSummary] {
    let optimizer = Adam(learningRate: config.learningRate)
    let parameters = self.parameters
    let regularizer = architecture.modalities == .fused ? config.regularizer : nil
    var rng = SplitMix64(seed: config.seed, stream: 0x5348_5546)
    var summaries = [EpochSummary]()
    var step: UInt64 = 0

    for epoch in 0..<config.epochs {
      let start = Date()
      var order = Array(0..<data.count)
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        order.swapAt(i, rng.uniform(below: i + 1))
      }
      var (lossSum, penaltySum, correct, batches) = (Float(0), Float(0), 0, 0)
      var shares = [ModalityShares]()
      for first in stride(from: 0, to: order.count, by: config.batchSize) {
        let batch = data.batch(Array(order[first..<min(order.count, first + config.batchSize)]))
        let inputs = self.inputs(frames: batch.frames, spectrograms: batch.spectrograms)
        let (loss, crossEntropy, penalty, logits, batchShares) = try withGradientRecording(true) {
          let embeddings = try self.embeddings(inputs)
          let logits = try self.head(embeddings)
          let crossEntropy = try logits.crossEntropy(labels: batch.labels)
          guard let regularizer else {
            return (crossEntropy, crossEntropy, Float(0), logits, ModalityShares?.none)
          }
          let (penalty, shares) = try regularizer.penalty(
            { try selectTargets(from: self.head($0), classes: batch.labels) },
            inputs: embeddings, baseline: .zero, draw: step)
          return (try crossEntropy + penalty, crossEntropy, penalty.scalar, logits, shares)
        }
        guard loss.scalar.isFinite else {
          throw LearningError.nonFinite("loss \(loss.scalar) at epoch \(epoch), step \(step)")
        }
        try optimizer.step(parameters, gradients: gradients(of: loss, with: parameters))

        lossSum += crossEntropy.scalar
        penaltySum += penalty
        correct += zip(predictedClasses(logits), batch.labels).count { $0 == $1 }
        if let batchShares { shares.append(batchShares) }
        batches += 1
        step += 1
      }
      let summary = EpochSummary(
        epoch: epoch, crossEntropy: lossSum / Float(batches), penalty: penaltySum / Float(batches),
        trainingAccuracy: Float(correct) / Float(data.count),
        shares: shares.isEmpty ? nil : ModalityShares(combining: shares).mean,
        seconds: Date().timeIntervalSince(start))
      summaries.append(summary)
      progress?(summary)
    }
    return summaries
  }
}

/// The argmax of each row of logits `[B, C]`.
public func predictedClasses(_ logits: Tensor) -> [Int] {
  let width = logits.shape[1]
  let values = logits.scalars
  return (0..<logits.shape[0]).map { b in
    var best = 0
    for c in 1..<width where values[b * width + c] > values[b * width + best] { best = c }
    return best
  }
}
