#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The backward rule of one operation.
///
/// Given the gradient flowing into the operation's output (`upstream`), the output itself,
/// and which parents need a gradient, it returns one gradient per parent (or `nil` where
/// none is needed). Rules are written with the same differentiable operations as forward
/// code, so when recording is on their results carry graph nodes of their own: that is
/// what makes gradients of gradients possible.
typealias BackwardRule = (
  _ upstream: Tensor, _ output: Tensor, _ needs: [Bool]
) throws(TensorError) -> [Tensor?]

/// How a tensor was computed: the tensors it came from and how to send a gradient to them.
final class Node {
  let operation: String
  let parents: [Tensor]
  let backward: BackwardRule

  init(operation: String, parents: [Tensor], backward: @escaping BackwardRule) {
    self.operation = operation
    self.parents = parents
    self.backward = backward
  }
}

// Recording is a per-thread switch, so graphs built on different threads never share state.
// A null thread-specific value (the default) means "recording"; any other value means "off".
private let recordingOffKey: pthread_key_t = {
  var key = pthread_key_t()
  pthread_key_create(&key, nil)
  return key
}()

/// Whether operations on this thread currently record graph nodes.
public var isRecordingGradients: Bool {
  pthread_getspecific(recordingOffKey) == nil
}

/// Runs `body` with graph recording switched on or off on this thread, then restores it.
///
/// Use `withGradientRecording(false) { … }` for inference: no graph is built, so nothing is
/// kept alive for a backward pass.
public func withGradientRecording<Result, Failure: Error>(
  _ enabled: Bool, _ body: () throws(Failure) -> Result
) throws(Failure) -> Result {
  let previous = pthread_getspecific(recordingOffKey)
  pthread_setspecific(recordingOffKey, enabled ? nil : UnsafeRawPointer(bitPattern: 1))
  defer { pthread_setspecific(recordingOffKey, previous) }
  return try body()
}

extension Tensor {
  /// Makes the result of an operation, recording a node when any parent needs a gradient.
  static func result(
    _ operation: String, shape: [Int], scalars: [Float], parents: [Tensor],
    backward: @escaping BackwardRule
  ) -> Tensor {
    guard isRecordingGradients, parents.contains(where: { $0.requiresGradient }) else {
      return Tensor(unchecked: shape, scalars)
    }
    let node = Node(operation: operation, parents: parents, backward: backward)
    return Tensor(unchecked: shape, scalars, node: node)
  }
}

/// The gradients of a scalar `output` with respect to each tensor in `inputs`.
///
/// With `createGraph: false` the backward rules run with recording off: the result is plain
/// numbers, computed as fast as possible. With `createGraph: true` the backward pass is
/// itself recorded, so the returned gradients can be differentiated again (as PyTorch's
/// `create_graph=True`), e.g. to train through an input-gradient penalty.
///
/// An input that `output` does not depend on gets a gradient of zeros.
///
/// - Parameters:
///   - output: a tensor with one element.
///   - inputs: leaves (``Tensor/requiresGradient`` set) or intermediate results.
/// - Returns: one gradient per input, each with the input's shape.
/// - Throws: ``TensorError`` when `output` has more than one element.
/// - Complexity: one backward rule per recorded operation between `inputs` and `output`;
///   operations that lead to no input are skipped.
public func gradients(
  of output: Tensor, with inputs: [Tensor], createGraph: Bool = false
) throws(TensorError) -> [Tensor] {
  guard output.count == 1 else {
    throw .invalidArgument(
      operation: "gradients(of:with:)", shape: output.shape,
      reason: "the output must have exactly one element")
  }
  let targets = Set(inputs.map(ObjectIdentifier.init))
  let order = backwardOrder(from: output, reaching: targets)

  var accumulated: [ObjectIdentifier: Tensor] = [
    ObjectIdentifier(output): Tensor.filled(output.shape, with: 1)
  ]
  try withGradientRecording(createGraph) { () throws(TensorError) in
    for tensor in order {
      let id = ObjectIdentifier(tensor)
      guard let node = tensor.node, let upstream = accumulated[id] else { continue }
      if !targets.contains(id) { accumulated[id] = nil }  // free it as soon as it is used

      let needs = node.parents.map { order.reaches(ObjectIdentifier($0)) }
      let parentGradients = try node.backward(upstream, tensor, needs)
      for (parent, gradient) in zip(node.parents, parentGradients) {
        guard let gradient, order.reaches(ObjectIdentifier(parent)) else { continue }
        let parentID = ObjectIdentifier(parent)
        if let existing = accumulated[parentID] {
          accumulated[parentID] = try existing + gradient
        } else {
          accumulated[parentID] = gradient
        }
      }
    }
  }
  return inputs.map { accumulated[ObjectIdentifier($0)] ?? Tensor.zeros($0.shape) }
}

/// The recorded tensors from `output` down to the targets, in an order where each tensor
/// comes before all the tensors it was computed from.
struct BackwardOrder: Sequence {
  var tensors: [Tensor] = []
  var reaching: Set<ObjectIdentifier> = []

  /// Whether a gradient should flow into this tensor (it is a target or leads to one).
  func reaches(_ id: ObjectIdentifier) -> Bool { reaching.contains(id) }

  func makeIterator() -> IndexingIterator<[Tensor]> { tensors.makeIterator() }
}

func backwardOrder(from output: Tensor, reaching targets: Set<ObjectIdentifier>)
  -> BackwardOrder
{
  // Depth-first post-order without recursion, so deep graphs (long GRU unrolls) cannot
  // overflow the stack. `reaches` is decided once all of a tensor's parents are done.
  var order = BackwardOrder()
  var visited: Set<ObjectIdentifier> = []
  var stack: [(tensor: Tensor, expanded: Bool)] = [(output, false)]
  var postOrder: [Tensor] = []
  while let (tensor, expanded) = stack.popLast() {
    let id = ObjectIdentifier(tensor)
    if expanded {
      let parents = tensor.node?.parents ?? []
      if targets.contains(id) || parents.contains(where: { order.reaches(ObjectIdentifier($0)) }) {
        order.reaching.insert(id)
      }
      postOrder.append(tensor)
      continue
    }
    guard visited.insert(id).inserted else { continue }
    stack.append((tensor, true))
    for parent in tensor.node?.parents ?? [] where !visited.contains(ObjectIdentifier(parent)) {
      stack.append((parent, false))
    }
  }
  order.tensors = postOrder.reversed().filter { order.reaching.contains(ObjectIdentifier($0)) }
  return order
}
