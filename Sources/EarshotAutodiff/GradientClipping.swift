/// Scales gradients down so that their joint Euclidean norm is at most `maxNorm`.
///
/// - Returns: the (possibly scaled) gradients and the norm before clipping, which is worth
///   logging: a growing norm is an early sign of divergence.
/// - Complexity: one pass over all gradient elements.
public func clipGradientNorm(_ gradients: [Tensor], maxNorm: Float)
  -> (gradients: [Tensor], norm: Float)
{
  var total: Double = 0
  for g in gradients {
    for x in g.scalars { total += Double(x) * Double(x) }
  }
  let norm = Float(total.squareRoot())
  guard norm > maxNorm, norm.isFinite else { return (gradients, norm) }
  let scale = maxNorm / norm
  return (gradients.map { g in withGradientRecording(false) { g * scale } }, norm)
}
