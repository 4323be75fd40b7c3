import EarshotAttribution
import EarshotAutodiff

/// The autodiff benchmark's two-branch network seen as encoders + fusion head, so that the
/// attribution benchmark can attribute at its inputs or at the embeddings entering fusion
/// (frame features `[N, 2048]`, spectrogram features `[N, 3072]`).
extension AutodiffReferenceNetwork: ModalityNetwork {
  /// `[[N, 3, 64, 64], [N, 2, 65, 26]] → [[N, 2048], [N, 3072]]`.
  func embeddings(_ inputs: [Tensor]) throws -> [Tensor] {
    let seen = try frame3(frame2(frame1(inputs[0]).relu()).relu()).relu().flattenedBatch()
    let heard = try sound2(sound1(inputs[1]).relu().maxPooled(size: 2)).relu()
      .maxPooled(size: 2).flattenedBatch()
    return [seen, heard]
  }

  /// `[[N, 2048], [N, 3072]] → [N, 4]` logits.
  func head(_ embeddings: [Tensor]) throws -> Tensor {
    try head(fusion(Tensor.concatenated(embeddings, alongAxis: 1)).relu())
  }
}
