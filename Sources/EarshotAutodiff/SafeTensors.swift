import Foundation

/// Reading and writing the safetensors format: an 8-byte little-endian header length, a
/// JSON header, then the raw little-endian tensor data.
///
/// ```
/// { "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, …,
///   "__metadata__": {"key": "value", …} }
/// ```
///
/// Offsets are relative to the start of the data section. Only `F32` is supported.
public enum SafeTensors {
  /// The tensors and free-form metadata of one file.
  public struct Contents {
    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// String key-value pairs (Earshot stores the architecture and training configuration
    /// here, as JSON strings).
    public var metadata: [String: String]
  }

  /// The largest header accepted, as in the reference implementation (100 MB).
  static let maximumHeaderLength: UInt64 = 100_000_000

  /// Writes tensors and metadata atomically: to a temporary file in the same directory,
  /// then renamed over `url`, so a crash never leaves a half-written checkpoint.
  ///
  /// Tensors are stored in name order, so equal inputs give byte-identical files.
  /// - Throws: ``SafeTensorsError/writeFailed(path:reason:)``.
  public static func write(
    tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL
  ) throws(SafeTensorsError) {
    let bytes: Data
    do {
      bytes = try encode(tensors: tensors, metadata: metadata)
    } catch {
      throw .writeFailed(path: url.path, reason: "cannot encode the header: \(error)")
    }
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    do {
      try bytes.write(to: temporary)
    } catch {
      throw .writeFailed(path: url.path, reason: "\(error)")
    }
    if rename(temporary.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw .writeFailed(path: url.path, reason: "rename failed: \(reason)")
    }
  }

  /// Reads and validates a file.
  ///
  /// - Throws: ``SafeTensorsError`` for any inconsistency (truncation, header length past
  ///   the end, invalid UTF-8 or JSON, a dtype other than F32, sizes that do not match
  ///   shapes, offsets out of range, overlapping or missing bytes). Never reads out of
  ///   bounds.
  public static func read(from url: URL) throws(SafeTensorsError) -> Contents {
    let data: Data
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw .unreadable(path: url.path, reason: "no such file")
    }
    guard !isFolder.boolValue else {
      throw .unreadable(path: url.path, reason: "a folder, not a checkpoint file")
    }
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadable(path: url.path, reason: "cannot read the file")
    }
    return try decode(data)
  }

  static func encode(tensors: [String: Tensor], metadata: [String: String]) throws -> Data {
    var header: [String: Any] = [:]
    if !metadata.isEmpty { header["__metadata__"] = metadata }
    var offset = 0
    let names = tensors.keys.sorted()
    for name in names {
      let t = tensors[name]!
      header[name] = ["dtype": "F32", "shape": t.shape,
                      "data_offsets": [offset, offset + 4 * t.count]] as [String: Any]
      offset += 4 * t.count
    }
    var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    // Padding with spaces keeps the data section 8-byte aligned, as other writers do.
    while (json.count + 8) % 8 != 0 { json.append(0x20) }

    var out = Data(capacity: 8 + json.count + offset)
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(json)
    for name in names {
      let littleEndian = tensors[name]!.scalars.map { $0.bitPattern.littleEndian }
      littleEndian.withUnsafeBytes { out.append(contentsOf: $0) }
    }
    return out
  }

  static func decode(_ data: Data) throws(SafeTensorsError) -> Contents {
    let bytes = [UInt8](data)
    guard bytes.count >= 8 else { throw .truncated(byteCount: bytes.count) }
    var headerLength: UInt64 = 0
    for i in (0..<8).reversed() { headerLength = headerLength << 8 | UInt64(bytes[i]) }
    guard headerLength <= maximumHeaderLength, headerLength <= UInt64(bytes.count - 8) else {
      throw .headerLengthBeyondFile(declared: headerLength, available: bytes.count - 8)
    }
    let dataStart = 8 + Int(headerLength)
    let dataSize = bytes.count - dataStart

    guard let text = String(validating: bytes[8..<dataStart], as: UTF8.self) else {
      throw .invalidHeader(reason: "not valid UTF-8")
    }
    let parsed: Any
    do {
      parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
    } catch {
      throw .invalidHeader(reason: "not valid JSON")
    }
    guard let header = parsed as? [String: Any] else {
      throw .invalidHeader(reason: "the header is not a JSON object")
    }

    var metadata: [String: String] = [:]
    if let raw = header["__metadata__"] {
      guard let strings = raw as? [String: String] else {
        throw .invalidHeader(reason: "__metadata__ must map strings to strings")
      }
      metadata = strings
    }

    var entries: [(name: String, shape: [Int], begin: Int, end: Int)] = []
    for (name, value) in header where name != "__metadata__" {
      entries.append(try entry(name, value, dataSize: dataSize))
    }
    entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
    var covered = 0
    for (i, e) in entries.enumerated() {
      if e.begin < covered { throw .overlappingTensors(entries[i - 1].name, e.name) }
      if e.begin > covered { throw .unindexedBytes(begin: covered, end: e.begin) }
      covered = e.end
    }
    if covered != dataSize { throw .unindexedBytes(begin: covered, end: dataSize) }

    var tensors: [String: Tensor] = [:]
    for e in entries {
      let count = (e.end - e.begin) / 4
      let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
        for i in 0..<count {
          let at = dataStart + e.begin + 4 * i
          let bits = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8
            | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
          out[i] = Float(bitPattern: bits)
        }
        initialized = count
      }
      tensors[e.name] = Tensor(unchecked: e.shape, values)
    }
    return Contents(tensors: tensors, metadata: metadata)
  }

  /// One tensor's header entry, checked against the data section's size.
  private static func entry(_ name: String, _ value: Any, dataSize: Int)
    throws(SafeTensorsError) -> (name: String, shape: [Int], begin: Int, end: Int)
  {
    guard let fields = value as? [String: Any] else {
      throw .invalidHeader(reason: "entry '\(name)' is not an object")
    }
    guard let dtype = fields["dtype"] as? String else {
      throw .invalidHeader(reason: "entry '\(name)' has no dtype")
    }
    guard dtype == "F32" else { throw .unsupportedDType(tensor: name, dtype: dtype) }
    guard let shape = integers(fields["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
      throw .invalidHeader(reason: "entry '\(name)' has no valid shape")
    }
    guard let offsets = integers(fields["data_offsets"]), offsets.count == 2 else {
      throw .invalidHeader(reason: "entry '\(name)' has no valid data_offsets")
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard begin >= 0, begin <= end, end <= dataSize else {
      throw .offsetsOutOfRange(tensor: name, begin: begin, end: end, dataSize: dataSize)
    }
    var bytesNeeded = 4
    for size in shape {
      let (product, overflow) = bytesNeeded.multipliedReportingOverflow(by: size)
      guard !overflow else {
        throw .sizeMismatch(tensor: name, shape: shape, byteCount: end - begin)
      }
      bytesNeeded = product
    }
    guard bytesNeeded == end - begin else {
      throw .sizeMismatch(tensor: name, shape: shape, byteCount: end - begin)
    }
    return (name, shape, begin, end)
  }

  /// A JSON array of whole numbers, or `nil`.
  private static func integers(_ value: Any?) -> [Int]? {
    guard let array = value as? [Any] else { return nil }
    var result: [Int] = []
    for element in array {
      guard let number = element as? NSNumber else { return nil }
      let double = number.doubleValue
      guard double == double.rounded(), abs(double) < 0x1p53 else { return nil }
      result.append(Int(double))
    }
    return result
  }
}
