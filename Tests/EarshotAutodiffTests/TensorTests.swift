import XCTest
@testable import EarshotAutodiff
final class TensorTests: XCTestCase { func testNothing() {} }
