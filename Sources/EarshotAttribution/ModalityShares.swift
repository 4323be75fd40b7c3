import EarshotAutodiff

/// How attribution mass is split between modalities, per sample and on average.
///
/// For sample b with attributions `aᵢ` over modalities m = 1…M:
///
/// ```
/// share        s_m = Σ_{i∈m} |aᵢ| / Σᵢ |aᵢ|
/// net share    n_m = |Σ_{i∈m} aᵢ| / Σ_{m′} |Σ_{i∈m′} aᵢ|
/// variance     v   = (1/M) Σ_m (s_m − 1/M)²
/// ```
///
/// The net share is reported beside the share because `|a|` shares can be balanced by
/// attributions of opposite sign that cancel: a modality whose pixels push both ways has a
/// large share and a small net share.
///
/// A sample whose attributions are all exactly zero (its input equals the baseline, or the
/// target does not depend on it) has no shares: it is left out of every average and counted
/// in ``excludedCount``. A sample whose per-modality sums cancel exactly has shares but no
/// net shares. Averages over no samples are `nil`, never NaN.
public struct ModalityShares: Sendable, Equatable {
  /// The number of modalities M.
  public let modalityCount: Int
  /// `|a|` shares of each sample, `[M]` summing to 1, or `nil` for a sample without shares.
  public let perSample: [[Float]?]
  /// Net shares of each sample, `[M]` summing to 1, or `nil` where undefined.
  public let netPerSample: [[Float]?]

  /// The shares of attributions given per modality, each `[B, ...]` with one batch B.
  ///
  /// - Precondition: every tensor has the same leading size B.
  /// - Complexity: O(total number of attribution elements), in `Double`.
  public init(attributions: [Tensor]) {
    let batch = attributions.first?.shape.first ?? 0
    precondition(attributions.allSatisfy { $0.shape.first == batch },
                 "every modality's attributions need the same batch size")
    var absolute = [[Double]](repeating: [], count: batch)
    var net = [[Double]](repeating: [], count: batch)
    for tensor in attributions {
      let size = batch == 0 ? 0 : tensor.count / batch
      tensor.scalars.withUnsafeBufferPointer { a in
        for b in 0..<batch {
          var magnitude = 0.0, total = 0.0
          for i in (b * size)..<((b + 1) * size) {
            magnitude += Double(abs(a[i]))
            total += Double(a[i])
          }
          absolute[b].append(magnitude)
          net[b].append(abs(total))
        }
      }
    }
    self.init(modalityCount: attributions.count,
              perSample: absolute.map(ModalityShares.normalized),
              netPerSample: net.map(ModalityShares.normalized))
  }

  /// Shares given directly (for combining batches or reading a log).
  public init(modalityCount: Int, perSample: [[Float]?], netPerSample: [[Float]?]) {
    self.modalityCount = modalityCount
    self.perSample = perSample
    self.netPerSample = netPerSample
  }

  /// The samples of several batches together, as if attributed at once.
  ///
  /// - Precondition: all parts have the same number of modalities.
  public init(combining parts: [ModalityShares]) {
    let m = parts.first?.modalityCount ?? 0
    precondition(parts.allSatisfy { $0.modalityCount == m }, "modality counts differ")
    self.init(modalityCount: m, perSample: parts.flatMap(\.perSample),
              netPerSample: parts.flatMap(\.netPerSample))
  }

  /// The number of samples with shares.
  public var includedCount: Int { perSample.count { $0 != nil } }

  /// The number of samples without shares (all attributions zero).
  public var excludedCount: Int { perSample.count - includedCount }

  /// The mean `|a|` share of each modality over the samples with shares, `[M]`; `nil`
  /// when no sample has shares.
  public var mean: [Float]? { ModalityShares.average(perSample, modalityCount) }

  /// The mean net share of each modality over the samples with net shares, `[M]`.
  public var netMean: [Float]? { ModalityShares.average(netPerSample, modalityCount) }

  /// The inter-modal contribution variance `(1/M) Σ_m (s_m − 1/M)²`, averaged over the
  /// samples with shares; 0 for perfectly balanced shares, `(M − 1)/M²` at most.
  public var intermodalVariance: Float? {
    let included = perSample.compactMap { $0 }
    guard !included.isEmpty, modalityCount > 0 else { return nil }
    let m = Double(modalityCount)
    let total = included.reduce(0.0) { sum, shares in
      sum + shares.reduce(0.0) { $0 + (Double($1) - 1 / m) * (Double($1) - 1 / m) } / m
    }
    return Float(total / Double(included.count))
  }

  /// The largest mean share over the smallest, ≥ 1: how many times more the dominant
  /// modality contributes. `+infinity` when a modality's mean share is 0; `nil` without
  /// shares.
  public var imbalanceRatio: Float? {
    guard let mean, let largest = mean.max(), let smallest = mean.min() else { return nil }
    return smallest > 0 ? largest / smallest : .infinity
  }

  /// Magnitudes divided by their sum, or `nil` when the sum is 0.
  static func normalized(_ magnitudes: [Double]) -> [Float]? {
    let total = magnitudes.reduce(0, +)
    guard total > 0 else { return nil }
    return magnitudes.map { Float($0 / total) }
  }

  static func average(_ rows: [[Float]?], _ count: Int) -> [Float]? {
    let included = rows.compactMap { $0 }
    guard !included.isEmpty else { return nil }
    var sums = [Double](repeating: 0, count: count)
    for row in included { for (m, s) in row.enumerated() { sums[m] += Double(s) } }
    return sums.map { Float($0 / Double(included.count)) }
  }
}
