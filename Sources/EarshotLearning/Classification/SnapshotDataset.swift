import EarshotAutodiff

/// Classification snapshots held in memory: frames, spectrograms, labels, and whether the
/// goal was in view.
///
/// | array          | shape per snapshot | values                                       |
/// | -------------- | ------------------ | -------------------------------------------- |
/// | `frames`       | `[3, H, W]`        | RGB in [0, 1], channel-first                 |
/// | `spectrograms` | `[2, F, T]`        | `(dB + 60) / 20` (``ObservationTensors``)    |
/// | `labels`       | —                  | the goal's class index in `suite.classes`    |
/// | `goalVisible`  | —                  | some pixel of the frame shows the goal       |
///
/// Make one with ``generate(_:sensors:workers:)``.
public struct SnapshotDataset: Sendable {
  /// The suite the snapshots were drawn from.
  public let suite: SnapshotSuite
  /// `[3, H, W]`.
  public let frameShape: [Int]
  /// `[2, F, T]`.
  public let spectrogramShape: [Int]
  /// `count × 3·H·W` floats, snapshot-major.
  public let frames: [Float]
  /// `count × 2·F·T` floats, snapshot-major.
  public let spectrograms: [Float]
  /// Class indices, `count` of them.
  public let labels: [Int]
  /// Whether the goal's sprite covers at least one pixel of the frame.
  public let goalVisible: [Bool]
  /// Whether the snapshot was posed facing the goal (``SnapshotSuite/facingFraction``).
  public let facing: [Bool]

  /// Number of snapshots.
  public var count: Int { labels.count }
  /// Number of classes.
  public var classCount: Int { suite.classes.count }

  /// A dataset from its parts; the arrays must agree in count with `labels`.
  public init(
    suite: SnapshotSuite, frameShape: [Int], spectrogramShape: [Int], frames: [Float],
    spectrograms: [Float], labels: [Int], goalVisible: [Bool], facing: [Bool]
  ) {
    precondition(frames.count == labels.count * frameShape.reduce(1, *), "frames and labels")
    precondition(spectrograms.count == labels.count * spectrogramShape.reduce(1, *),
                 "spectrograms and labels")
    precondition(goalVisible.count == labels.count && facing.count == labels.count, "flags")
    self.suite = suite
    self.frameShape = frameShape
    self.spectrogramShape = spectrogramShape
    self.frames = frames
    self.spectrograms = spectrograms
    self.labels = labels
    self.goalVisible = goalVisible
    self.facing = facing
  }

  /// The snapshots at `indices` as tensors: frames `[B, 3, H, W]`, spectrograms
  /// `[B, 2, F, T]`, and their labels.
  ///
  /// - Complexity: O(B × (3·H·W + 2·F·T)), a copy.
  public func batch(_ indices: [Int]) -> (frames: Tensor, spectrograms: Tensor, labels: [Int]) {
    (try! Tensor(shape: [indices.count] + frameShape, data: gather(frames, frameShape, indices)),
     try! Tensor(shape: [indices.count] + spectrogramShape,
                 data: gather(spectrograms, spectrogramShape, indices)),
     indices.map { labels[$0] })
  }

  private func gather(_ values: [Float], _ shape: [Int], _ indices: [Int]) -> [Float] {
    let size = shape.reduce(1, *)
    var out = [Float]()
    out.reserveCapacity(indices.count * size)
    for i in indices { out.append(contentsOf: values[(i * size)..<((i + 1) * size)]) }
    return out
  }

  /// The fraction of snapshots whose goal is in view.
  public var visibleFraction: Double {
    Double(goalVisible.count { $0 }) / Double(max(1, count))
  }
}
