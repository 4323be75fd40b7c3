import Foundation
import XCTest
@testable import EarshotAutodiff

final class SafeTensorsTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("earshot-safetensors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try FileManager.default.removeItem(at: directory)
  }

  private func validFile() throws -> Data {
    let a = try Tensor(shape: [2, 2], data: [1, 2, 3, 4])
    let b = try Tensor(shape: [3], data: [-1, 0.5, .pi])
    return try SafeTensors.encode(tensors: ["a": a, "b": b], metadata: ["k": "v"])
  }

  /// A file with the given header (as text) and data bytes.
  private func file(header: String, data: [UInt8]) -> Data {
    var out = Data()
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: Array(header.utf8))
    out.append(contentsOf: data)
    return out
  }

  func testSaveLoadGivesIdenticalOutputs() throws {
    let net = TinyNet(seed: 1)
    let (images, _) = toyImages(count: 4, seed: 2)
    let url = directory.appendingPathComponent("tiny.safetensors")
    let config = #"{"conv":{"channels":4},"learningRate":0.03}"#
    try SafeTensors.write(tensors: Dictionary(uniqueKeysWithValues: net.namedParameters),
                          metadata: ["architecture": "TinyNet", "training": config], to: url)

    let loaded = try SafeTensors.read(from: url)
    XCTAssertEqual(loaded.metadata["training"], config)
    let other = TinyNet(seed: 77)
    XCTAssertNotEqual(try other(images).scalars, try net(images).scalars)
    try other.loadParameters(from: loaded.tensors)
    XCTAssertEqual(try other(images).scalars, try net(images).scalars)

    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    XCTAssertEqual(leftovers, ["tiny.safetensors"], "the temporary file must be renamed")
    let bytes = try Data(contentsOf: url)
    XCTAssertEqual(Int(bytes[0]) % 8, 0, "the data section is 8-byte aligned")
  }

  func testCheckpointForAnotherArchitectureIsNamed() throws {
    let net = TinyNet(seed: 1)
    var tensors = Dictionary(uniqueKeysWithValues: net.namedParameters)
    tensors["hidden.weight"] = .zeros([16, 9])
    XCTAssertThrowsError(try net.loadParameters(from: tensors)) { error in
      XCTAssertEqual(error as? ModuleError,
                     .shapeMismatch(name: "hidden.weight", expected: [16, 8], found: [16, 9]))
    }
    tensors["hidden.weight"] = nil
    XCTAssertThrowsError(try net.loadParameters(from: tensors)) { error in
      XCTAssertEqual(error as? ModuleError, .missingTensor(name: "hidden.weight"))
    }
    tensors = Dictionary(uniqueKeysWithValues: net.namedParameters)
    tensors["vision.extra"] = .zeros([1])
    XCTAssertThrowsError(try net.loadParameters(from: tensors)) { error in
      XCTAssertEqual(error as? ModuleError, .unexpectedTensor(name: "vision.extra"))
    }
  }

  func testRoundTripOfBytes() throws {
    let decoded = try SafeTensors.decode(validFile())
    XCTAssertEqual(decoded.tensors["b"]?.scalars, [-1, 0.5, .pi])
    XCTAssertEqual(decoded.tensors["a"]?.shape, [2, 2])
    XCTAssertEqual(decoded.metadata, ["k": "v"])
  }

  func testTruncatedFilesAreRejected() throws {
    let valid = try validFile()
    for length in [0, 5, 8, 20, valid.count - 1] {
      XCTAssertThrowsError(try SafeTensors.decode(valid.prefix(length)), "length \(length)")
    }
    XCTAssertThrowsError(try SafeTensors.decode(valid.prefix(5))) { error in
      XCTAssertEqual(error as? SafeTensorsError, .truncated(byteCount: 5))
    }
    XCTAssertThrowsError(try SafeTensors.decode(valid.prefix(valid.count - 1))) { error in
      guard case .offsetsOutOfRange? = error as? SafeTensorsError else {
        return XCTFail("a cut-off last tensor must be out of range, got \(error)")
      }
    }
  }

  /// A header entry as JSON text.
  private func headerEntry(_ name: String, dtype: String = "F32", _ shape: [Int], _ b: Int,
                     _ e: Int) -> String {
    "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(b),\(e)]}"
  }

  /// The case name of an error, without its associated values.
  private func kind(_ e: SafeTensorsError) -> String {
    String("\(Mirror(reflecting: e).children.first?.label ?? "\(e)")")
  }

  func testMalformedHeadersAreRejected() throws {
    var huge = Data(repeating: 0xFF, count: 8)
    huge.append(contentsOf: [1, 2, 3])
    let four: [UInt8] = [0, 0, 128, 63]
    let cases: [(String, Data, String)] = [
      ("header beyond file", huge, "headerLengthBeyondFile"),
      ("invalid JSON", file(header: "{\"a\":", data: []), "invalidHeader"),
      ("not an object", file(header: "[1]", data: []), "invalidHeader"),
      ("wrong dtype", file(header: "{\(headerEntry("x", dtype: "F16", [2], 0, 4))}", data: four),
       "unsupportedDType"),
      ("shape × 4 ≠ bytes", file(header: "{\(headerEntry("x", [2], 0, 4))}", data: four),
       "sizeMismatch"),
      ("offsets out of range", file(header: "{\(headerEntry("x", [2], 0, 8))}", data: four),
       "offsetsOutOfRange"),
      ("reversed offsets", file(header: "{\(headerEntry("x", [0], 4, 0))}", data: four),
       "offsetsOutOfRange"),
      ("overlap",
       file(header: "{\(headerEntry("x", [1], 0, 4)),\(headerEntry("y", [1], 0, 4))}", data: four),
       "overlappingTensors"),
      ("hole", file(header: "{\(headerEntry("x", [1], 4, 8))}", data: four + four),
       "unindexedBytes"),
      ("absurd shape", file(header: "{\(headerEntry("x", [1 << 52, 4096], 0, 4))}", data: four),
       "sizeMismatch"),
      ("bad metadata", file(header: #"{"__metadata__":{"a":1}}"#, data: []), "invalidHeader"),
    ]
    for (label, bytes, expected) in cases {
      XCTAssertThrowsError(try SafeTensors.decode(bytes), label) { error in
        guard let e = error as? SafeTensorsError else { return XCTFail("\(label): \(error)") }
        XCTAssertEqual(kind(e), expected, "\(label): got \(e)")
      }
    }
    var invalidUTF8 = file(header: "{}", data: [])
    invalidUTF8[9] = 0xFF
    XCTAssertThrowsError(try SafeTensors.decode(invalidUTF8)) { error in
      XCTAssertEqual(error as? SafeTensorsError, .invalidHeader(reason: "not valid UTF-8"))
    }
  }

  func testMissingFileIsUnreadable() {
    XCTAssertThrowsError(try SafeTensors.read(from: directory.appendingPathComponent("none")))
    { error in
      guard case .unreadable? = error as? SafeTensorsError else { return XCTFail("\(error)") }
    }
  }
}
