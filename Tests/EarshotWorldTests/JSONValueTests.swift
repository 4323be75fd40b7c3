import XCTest
@testable import EarshotWorld

final class JSONValueTests: XCTestCase {
  private func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8)) }

  private func syntaxError(_ text: String) -> JSONSyntaxError? {
    do { _ = try parse(text); return nil } catch { return error as? JSONSyntaxError }
  }

  func testKindsStayApart() throws {
    let v = try parse(#"{"a": 1, "b": 1.5, "c": true, "d": null, "e": ["x\n\u00e9"], "f": -2e3}"#)
    XCTAssertEqual(v, .object([
      "a": .int(1), "b": .double(1.5), "c": .bool(true), "d": .null,
      "e": .array([.string("x\né")]), "f": .double(-2000),
    ]))
  }

  func testErrorsSayWhere() {
    XCTAssertEqual(syntaxError("{\n  \"a\": 1,\n}")?.line, 3)
    XCTAssertEqual(syntaxError("{\"a\": 1 \"b\": 2}")?.column, 9)
    XCTAssertEqual(syntaxError(#"{"a": 1, "a": 2}"#)?.message, "the key \"a\" appears twice")
    XCTAssertNotNil(syntaxError("[1, 2"))
    XCTAssertNotNil(syntaxError("\"open"))
    XCTAssertNotNil(syntaxError("{} x"))
    XCTAssertNotNil(syntaxError("nul"))
    XCTAssertNotNil(syntaxError(String(repeating: "[", count: 10_000)))
    XCTAssertNotNil(syntaxError(""))
  }
}
