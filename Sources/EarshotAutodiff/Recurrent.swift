/// The gated recurrent unit step, composed of differentiable operations.
///
/// With gates in the order reset, update, new (as PyTorch):
///
/// ```
/// r  = σ(x·Wᵢ[:, 0:H] + bᵢ[0:H] + h·Wₕ[:, 0:H] + bₕ[0:H])
/// z  = σ(x·Wᵢ[:, H:2H] + bᵢ[H:2H] + h·Wₕ[:, H:2H] + bₕ[H:2H])
/// n  = tanh(x·Wᵢ[:, 2H:3H] + bᵢ[2H:3H] + r ⊙ (h·Wₕ[:, 2H:3H] + bₕ[2H:3H]))
/// h' = (1 − z) ⊙ n + z ⊙ h
/// ```
///
/// - Parameters:
///   - input: `[batch, inputSize]`.
///   - hidden: `[batch, hiddenSize]`.
///   - inputWeight: `[inputSize, 3·hiddenSize]`; `hiddenWeight`: `[hiddenSize, 3·hiddenSize]`.
///   - inputBias, hiddenBias: `[3·hiddenSize]`.
/// - Returns: the next hidden state `[batch, hiddenSize]`.
public func gatedRecurrentStep(
  input: Tensor, hidden: Tensor, inputWeight: Tensor, hiddenWeight: Tensor,
  inputBias: Tensor, hiddenBias: Tensor
) throws(TensorError) -> Tensor {
  let size = hidden.shape.last ?? 0
  guard hiddenWeight.shape == [size, 3 * size], inputBias.shape == [3 * size],
        hiddenBias.shape == [3 * size] else {
    throw .shapeMismatch(operation: "gatedRecurrentStep hidden state and weights",
                         lhs: hidden.shape, rhs: hiddenWeight.shape)
  }
  let fromInput = try input.matmul(inputWeight) + inputBias
  let fromHidden = try hidden.matmul(hiddenWeight) + hiddenBias
  func gate(_ t: Tensor, _ k: Int) throws(TensorError) -> Tensor {
    try t.slice(alongAxis: 1, (k * size)..<((k + 1) * size))
  }

  let reset = try (gate(fromInput, 0) + gate(fromHidden, 0)).sigmoid()
  let update = try (gate(fromInput, 1) + gate(fromHidden, 1)).sigmoid()
  let candidate = try (gate(fromInput, 2) + reset * gate(fromHidden, 2)).tanh()
  return try (1 - update) * candidate + update * hidden
}
