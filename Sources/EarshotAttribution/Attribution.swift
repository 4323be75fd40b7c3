import EarshotAutodiff

/// The result of Integrated Gradients for a batch: attributions per modality and how well
/// they add up to the change of the target.
///
/// The completeness error of sample b is
///
/// ```
/// e_b = |Σᵢ aᵢ − (F(x) − F(x′))| / |F(x) − F(x′)|
/// e_b = |Σᵢ aᵢ − (F(x) − F(x′))|                     where F(x) = F(x′),
/// ```
///
/// the sum running over every element of every modality of that sample. It measures the
/// quadrature error (and float rounding), not a property of the network.
public struct Attribution: Sendable {
  /// The attributions, one tensor per modality with that input's shape `[B, ...]`
  /// (detached: no graph).
  public let values: [Tensor]
  /// `F(x)`, the target at each input, `[B]`.
  public let targetAtInput: [Float]
  /// `F(x′)`, the target at each baseline, `[B]`.
  public let targetAtBaseline: [Float]
  /// The completeness error of each sample, `[B]` (relative, or absolute where F(x) = F(x′)).
  public let completenessError: [Float]

  /// Assembles an attribution and computes its completeness errors (in `Double`).
  public init(values: [Tensor], targetAtInput: [Float], targetAtBaseline: [Float]) {
    self.values = values
    self.targetAtInput = targetAtInput
    self.targetAtBaseline = targetAtBaseline
    let batch = targetAtInput.count
    var totals = [Double](repeating: 0, count: batch)
    for tensor in values {
      let size = batch == 0 ? 0 : tensor.count / batch
      for b in 0..<batch {
        for i in (b * size)..<((b + 1) * size) { totals[b] += Double(tensor.scalars[i]) }
      }
    }
    completenessError = (0..<batch).map { b in
      let change = Double(targetAtInput[b]) - Double(targetAtBaseline[b])
      let error = abs(totals[b] - change)
      return Float(change == 0 ? error : error / abs(change))
    }
  }

  /// The number of samples B.
  public var batchSize: Int { targetAtInput.count }

  /// The mean completeness error over the batch (0 for an empty batch).
  public var meanCompletenessError: Float {
    completenessError.isEmpty ? 0
      : completenessError.reduce(0, +) / Float(completenessError.count)
  }

  /// The largest completeness error in the batch (0 for an empty batch).
  public var maxCompletenessError: Float { completenessError.max() ?? 0 }

  /// The modality shares of these attributions.
  public var shares: ModalityShares { ModalityShares(attributions: values) }
}
