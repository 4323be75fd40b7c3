/// The matrix product, computed by OpenBLAS's `sgemm`.
extension Tensor {
  /// The matrix product `op(self) · op(other)` of two rank-2 tensors, where `op` transposes
  /// when asked: `[m, k] · [k, n] → [m, n]`.
  ///
  /// The backward rules are matrix products again (with the transposes folded into `sgemm`
  /// flags rather than copied), so they differentiate to any order.
  /// - Throws: ``TensorError/shapeMismatch(operation:lhs:rhs:)`` naming both shapes.
  /// - Complexity: 2·m·n·k floating-point operations.
  public func matmul(
    _ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false
  ) throws(TensorError) -> Tensor {
    let a = self, b = other
    guard a.rank == 2, b.rank == 2 else {
      throw .shapeMismatch(operation: "matmul (rank 2 only)", lhs: a.shape, rhs: b.shape)
    }
    let (m, k) = transposeSelf ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = transposeOther ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    guard k == k2 else {
      let label = "matmul\(transposeSelf ? " (lhs transposed)" : "")"
        + "\(transposeOther ? " (rhs transposed)" : "")"
      throw .shapeMismatch(operation: label, lhs: a.shape, rhs: b.shape)
    }
    let values = [Float](unsafeUninitializedCapacity: m * n) { c, initialized in
      if k == 0 {
        c.initialize(repeating: 0)
      } else {
        a.scalars.withUnsafeBufferPointer { pa in
          b.scalars.withUnsafeBufferPointer { pb in
            BLAS.sgemm(transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k,
                       a: pa.baseAddress!, b: pb.baseAddress!, c: c.baseAddress!)
          }
        }
      }
      initialized = m * n
    }
    return Tensor.result("matmul", shape: [m, n], scalars: values, parents: [a, b]) {
      g, _, needs throws(TensorError) in
      // With C = op(A)·op(B): dA = g·op(B)ᵀ and dB = op(A)ᵀ·g, each laid back out in the
      // storage orientation of A and B.
      let da: Tensor?, db: Tensor?
      switch (transposeSelf, transposeOther) {
      case (false, false):
        da = needs[0] ? try g.matmul(b, transposeOther: true) : nil
        db = needs[1] ? try a.matmul(g, transposeSelf: true) : nil
      case (false, true):
        da = needs[0] ? try g.matmul(b) : nil
        db = needs[1] ? try g.matmul(a, transposeSelf: true) : nil
      case (true, false):
        da = needs[0] ? try b.matmul(g, transposeOther: true) : nil
        db = needs[1] ? try a.matmul(g) : nil
      case (true, true):
        da = needs[0] ? try b.matmul(g, transposeSelf: true, transposeOther: true) : nil
        db = needs[1] ? try g.matmul(a, transposeSelf: true, transposeOther: true) : nil
      }
      return [da, db]
    }
  }
}
