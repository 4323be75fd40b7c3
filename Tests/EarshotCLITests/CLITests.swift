import XCTest
@testable import EarshotCLI
final class CLITests: XCTestCase { func testNothing() {} }
