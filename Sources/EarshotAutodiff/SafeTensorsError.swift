/// Why a safetensors file could not be read or written. Each case says what is wrong with
/// the file, so that a corrupt or foreign checkpoint is rejected with a reason rather than
/// a crash.
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable {
  /// The file could not be opened or read.
  case unreadable(path: String, reason: String)
  /// The file is shorter than the 8-byte header length.
  case truncated(byteCount: Int)
  /// The header length points past the end of the file (or is absurdly large).
  case headerLengthBeyondFile(declared: UInt64, available: Int)
  /// The header is not UTF-8, not JSON, or not the expected structure.
  case invalidHeader(reason: String)
  /// A tensor's dtype is not `F32`, the only one Earshot stores.
  case unsupportedDType(tensor: String, dtype: String)
  /// A tensor's offsets are reversed or fall outside the data section.
  case offsetsOutOfRange(tensor: String, begin: Int, end: Int, dataSize: Int)
  /// A tensor's byte count is not 4 × the product of its shape.
  case sizeMismatch(tensor: String, shape: [Int], byteCount: Int)
  /// Two tensors claim the same bytes.
  case overlappingTensors(String, String)
  /// Bytes of the data section belong to no tensor.
  case unindexedBytes(begin: Int, end: Int)
  /// The file could not be written, or not renamed into place.
  case writeFailed(path: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
    case .truncated(let n):
      return "not a safetensors file: \(n) bytes is shorter than the 8-byte header length"
    case .headerLengthBeyondFile(let declared, let available):
      return "the header claims \(declared) bytes but only \(available) follow; "
        + "the file is truncated or not a safetensors file"
    case .invalidHeader(let reason): return "invalid safetensors header: \(reason)"
    case .unsupportedDType(let tensor, let dtype):
      return "tensor '\(tensor)' has dtype \(dtype); only F32 is supported"
    case .offsetsOutOfRange(let tensor, let begin, let end, let size):
      return "tensor '\(tensor)' has data offsets [\(begin), \(end)] outside the "
        + "\(size)-byte data section"
    case .sizeMismatch(let tensor, let shape, let bytes):
      return "tensor '\(tensor)' of shape \(shape) needs \(shape.reduce(4, *)) bytes, "
        + "has \(bytes)"
    case .overlappingTensors(let a, let b):
      return "tensors '\(a)' and '\(b)' overlap in the data section"
    case .unindexedBytes(let begin, let end):
      return "bytes \(begin)..<\(end) of the data section belong to no tensor"
    case .writeFailed(let path, let reason): return "cannot write \(path): \(reason)"
    }
  }
}
