import EarshotAttribution
import EarshotAutodiff

/// How well a ``SnapshotClassifier`` does on a dataset, and how much each sense counts.
///
/// Accuracies are fractions in [0, 1]. Removing a sense feeds zeros in its place (blank
/// frames; a spectrogram input of 0, i.e. −60 dB everywhere after the input scaling), the
/// same point the attributions start from. From the four accuracies f(v, a), f(0, a),
/// f(v, 0), f(0, 0) the Shapley value of each sense is
///
/// ```
/// φ_vision = ½ [(f(v, a) − f(0, a)) + (f(v, 0) − f(0, 0))]
/// φ_audio  = ½ [(f(v, a) − f(v, 0)) + (f(0, a) − f(0, 0))]
/// ```
///
/// which sums to f(v, a) − f(0, 0). Shares are Integrated Gradients shares (see
/// `ModalityShares`) of the true class's logit, at the embeddings (zero baseline) over
/// every snapshot and at the raw inputs (zero baseline) over a subsample; `nil` for a
/// unimodal classifier, whose one sense has every share.
public struct ClassifierEvaluation: Codable, Sendable {
  public var count: Int
  public var accuracy: Double
  /// Accuracy on the snapshots whose goal is in view, and on the others.
  public var accuracyGoalVisible: Double?
  public var accuracyGoalHidden: Double?
  /// Accuracy with frames blanked, with the audio input zeroed, and with both.
  public var accuracyFramesBlanked: Double
  public var accuracyAudioMuted: Double
  public var accuracyBothRemoved: Double
  /// Shapley values of the senses in accuracy (fractions), from the four accuracies.
  public var shapleyVision: Double
  public var shapleyAudio: Double
  /// Mean |IG| shares `[vision, audio]` at the embeddings, their net shares, the
  /// inter-modal variance, and the mean completeness error of those attributions.
  public var embeddingShares: [Float]?
  public var embeddingNetShares: [Float]?
  public var embeddingVariance: Float?
  public var embeddingCompleteness: Float?
  /// The same at the raw inputs, over `inputSamples` snapshots.
  public var inputShares: [Float]?
  public var inputNetShares: [Float]?
  public var inputVariance: Float?
  public var inputCompleteness: Float?
  public var inputSamples: Int
}

extension SnapshotClassifier {
  /// Evaluates on every snapshot of `data`.
  ///
  /// - Parameters:
  ///   - points: Gauss–Legendre points for Integrated Gradients.
  ///   - inputSamples: snapshots (the first ones) attributed at the raw inputs; 0 for none.
  ///   - batchSize: snapshots per forward pass.
  /// - Throws: `TensorError`, `AttributionError`.
  /// - Complexity: four forward passes over the data, a K-point IG of the head, and a
  ///   K-point IG of the whole network over `inputSamples` snapshots.
  public func evaluate(
    on data: SnapshotDataset, points: Int = 16, inputSamples: Int = 100, batchSize: Int = 100
  ) throws -> ClassifierEvaluation {
    let ig = try IntegratedGradients(rule: .gaussLegendre, points: points)
    let fused = architecture.modalities == .fused
    var correct = [[Bool]](repeating: [], count: 4)  // (v, a), (0, a), (v, 0), (0, 0)
    var embeddingShares = [ModalityShares](), inputShares = [ModalityShares]()
    var (embeddingError, inputError) = (Float(0), Float(0))
    let inputCount = fused ? min(inputSamples, data.count) : 0

    for first in stride(from: 0, to: data.count, by: batchSize) {
      let indices = Array(first..<min(data.count, first + batchSize))
      let batch = data.batch(indices)
      let blank = Tensor.zeros(batch.frames.shape), mute = Tensor.zeros(batch.spectrograms.shape)
      let variants = [(batch.frames, batch.spectrograms), (blank, batch.spectrograms),
                      (batch.frames, mute), (blank, mute)]
      for (k, (frames, spectrograms)) in variants.enumerated() {
        let logits = try withGradientRecording(false) {
          try self.logits(self.inputs(frames: frames, spectrograms: spectrograms))
        }
        correct[k] += zip(predictedClasses(logits), batch.labels).map { $0 == $1 }
      }
      guard fused else { continue }

      let inputs = self.inputs(frames: batch.frames, spectrograms: batch.spectrograms)
      let atEmbeddings = try ig.attribute(self, inputs: inputs,
                                          target: .logit(classes: batch.labels),
                                          space: .embeddings)
      embeddingShares.append(atEmbeddings.shares)
      embeddingError += atEmbeddings.completenessError.reduce(0, +)
      let attributed = max(0, min(inputCount - first, indices.count))
      if attributed > 0 {
        // Small chunks: the whole network runs on K × chunk rows.
        for start in stride(from: 0, to: attributed, by: 10) {
          let part = data.batch(Array(indices[start..<min(attributed, start + 10)]))
          let atInputs = try ig.attribute(
            self, inputs: self.inputs(frames: part.frames, spectrograms: part.spectrograms),
            target: .logit(classes: part.labels), space: .inputs)
          inputShares.append(atInputs.shares)
          inputError += atInputs.completenessError.reduce(0, +)
        }
      }
    }

    let accuracy = correct.map { Double($0.count { $0 }) / Double(max(1, $0.count)) }
    let visible = zip(correct[0], data.goalVisible).filter { $1 }.map(\.0)
    let hidden = zip(correct[0], data.goalVisible).filter { !$1 }.map(\.0)
    func fraction(_ flags: [Bool]) -> Double? {
      flags.isEmpty ? nil : Double(flags.count { $0 }) / Double(flags.count)
    }
    let atEmbeddings = fused ? ModalityShares(combining: embeddingShares) : nil
    let atInputs = inputShares.isEmpty ? nil : ModalityShares(combining: inputShares)
    return ClassifierEvaluation(
      count: data.count, accuracy: accuracy[0],
      accuracyGoalVisible: fraction(visible), accuracyGoalHidden: fraction(hidden),
      accuracyFramesBlanked: accuracy[1], accuracyAudioMuted: accuracy[2],
      accuracyBothRemoved: accuracy[3],
      shapleyVision: ((accuracy[0] - accuracy[1]) + (accuracy[2] - accuracy[3])) / 2,
      shapleyAudio: ((accuracy[0] - accuracy[2]) + (accuracy[1] - accuracy[3])) / 2,
      embeddingShares: atEmbeddings?.mean, embeddingNetShares: atEmbeddings?.netMean,
      embeddingVariance: atEmbeddings?.intermodalVariance,
      embeddingCompleteness: fused ? embeddingError / Float(data.count) : nil,
      inputShares: atInputs?.mean, inputNetShares: atInputs?.netMean,
      inputVariance: atInputs?.intermodalVariance,
      inputCompleteness: atInputs == nil ? nil : inputError / Float(inputCount),
      inputSamples: inputCount)
  }
}
