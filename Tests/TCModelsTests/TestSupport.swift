import Foundation
import Testing
@testable import TCModels

/// `|a - b| <= tol * max(1, |b|)`: absolute near zero, relative for large values.
func close(_ a: Double, _ b: Double, _ tol: Double) -> Bool {
  abs(a - b) <= tol * max(1, abs(b))
}

func expectClose(_ a: [Double], _ b: [Double], _ tol: Double, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.count == b.count, sourceLocation: sourceLocation)
  for (x, y) in zip(a, b) where !close(x, y, tol) {
    Issue.record("\(x) vs \(y) (tol \(tol))", sourceLocation: sourceLocation)
  }
}

/// Loads `Fixtures/<name>` as JSON.
func fixture<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
  let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
  return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

let z975 = 1.959963984540054
