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

/// Sample mean and standard deviation (divisor n - 1) of step `h` across simulated paths.
func pathMoments(_ paths: [[Double]], step h: Int) -> (mean: Double, sd: Double) {
  let v = paths.map { $0[h] }
  let m = v.reduce(0, +) / Double(v.count)
  let s = (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
  return (m, s)
}
