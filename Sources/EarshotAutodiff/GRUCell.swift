/// A gated recurrent unit: one step maps an input and the previous hidden state to the next
/// hidden state (see ``gatedRecurrentStep(input:hidden:inputWeight:hiddenWeight:inputBias:
/// hiddenBias:)``).
///
/// | parameter      | shape                       | initial values           |
/// | -------------- | --------------------------- | ------------------------ |
/// | `inputWeight`  | `[inputSize, 3·hiddenSize]` | uniform in ±1/√hiddenSize |
/// | `hiddenWeight` | `[hiddenSize, 3·hiddenSize]`| uniform in ±1/√hiddenSize |
/// | `inputBias`    | `[3·hiddenSize]`            | uniform in ±1/√hiddenSize |
/// | `hiddenBias`   | `[3·hiddenSize]`            | uniform in ±1/√hiddenSize |
///
/// The `3·hiddenSize` columns are the reset, update and new gates, in that order.
public final class GRUCell: Module {
  /// `[inputSize, 3·hiddenSize]`.
  public let inputWeight: Tensor
  /// `[hiddenSize, 3·hiddenSize]`.
  public let hiddenWeight: Tensor
  /// `[3·hiddenSize]`.
  public let inputBias: Tensor
  /// `[3·hiddenSize]`.
  public let hiddenBias: Tensor
  /// The size of the hidden state.
  public let hiddenSize: Int

  /// Creates a cell with seeded initial values.
  public init(inputSize: Int, hiddenSize: Int, using generator: inout SplitMix64) {
    let bound = 1 / Float(hiddenSize).squareRoot()
    func make(_ shape: [Int]) -> Tensor {
      let t = Tensor.randomUniform(shape, lower: -bound, upper: bound, using: &generator)
      t.requiresGradient = true
      return t
    }
    inputWeight = make([inputSize, 3 * hiddenSize])
    hiddenWeight = make([hiddenSize, 3 * hiddenSize])
    inputBias = make([3 * hiddenSize])
    hiddenBias = make([3 * hiddenSize])
    self.hiddenSize = hiddenSize
  }

  public var namedParameters: [(name: String, tensor: Tensor)] {
    [("inputWeight", inputWeight), ("hiddenWeight", hiddenWeight),
     ("inputBias", inputBias), ("hiddenBias", hiddenBias)]
  }

  /// `([batch, inputSize], [batch, hiddenSize]) → [batch, hiddenSize]`.
  public func callAsFunction(_ input: Tensor, hidden: Tensor) throws(TensorError) -> Tensor {
    try gatedRecurrentStep(input: input, hidden: hidden, inputWeight: inputWeight,
                           hiddenWeight: hiddenWeight, inputBias: inputBias,
                           hiddenBias: hiddenBias)
  }
}
