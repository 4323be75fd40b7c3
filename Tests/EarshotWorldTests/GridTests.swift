import XCTest
@testable import EarshotWorld
final class GridTests: XCTestCase { func testNothing() {} }
