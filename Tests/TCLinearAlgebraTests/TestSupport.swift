import TCLinearAlgebra

// Reference implementations and deterministic data for the tests: plain loops, no BLAS.

/// op(A) as an explicit matrix.
func naiveOp(_ a: Matrix, _ trans: Transpose) -> Matrix {
  trans == .none ? a : a.transposed
}

/// op(A)·op(B) by the textbook triple loop.
func naiveProduct(_ a: Matrix, _ b: Matrix, _ ta: Transpose = .none, _ tb: Transpose = .none) -> Matrix {
  let x = naiveOp(a, ta)
  let y = naiveOp(b, tb)
  precondition(x.columns == y.rows)
  var c = Matrix(rows: x.rows, columns: y.columns)
  for i in 0..<x.rows {
    for j in 0..<y.columns {
      var s = 0.0
      for k in 0..<x.columns { s += x[i, k] * y[k, j] }
      c[i, j] = s
    }
  }
  return c
}

/// `a` with the triangle opposite `kept` set to zero.
func triangle(_ a: Matrix, _ kept: Triangle) -> Matrix {
  var t = a
  for i in 0..<a.rows {
    for j in 0..<a.columns where (kept == .lower && j > i) || (kept == .upper && j < i) {
      t[i, j] = 0
    }
  }
  return t
}

/// Element-wise `alpha·x + beta·y`.
func combine(_ alpha: Double, _ x: Matrix, _ beta: Double, _ y: Matrix) -> Matrix {
  precondition(x.rows == y.rows && x.columns == y.columns)
  return Matrix(
    rows: x.rows, columns: x.columns,
    columnMajor: zip(x.elements, y.elements).map { alpha * $0 + beta * $1 })
}

/// Largest absolute entry.
func maxAbs(_ values: [Double]) -> Double { values.map(abs).max() ?? 0 }

/// `true` when `‖x − y‖∞ ≤ tolerance · max(1, ‖y‖∞)`: relative for large entries, absolute near zero.
func close(_ x: [Double], _ y: [Double], tolerance: Double = 1e-12) -> Bool {
  x.count == y.count && maxAbs(zip(x, y).map { $0 - $1 }) <= tolerance * max(1, maxAbs(y))
}

func close(_ x: Matrix, _ y: Matrix, tolerance: Double = 1e-12) -> Bool {
  x.rows == y.rows && x.columns == y.columns && close(x.elements, y.elements, tolerance: tolerance)
}

/// Deterministic pseudo-random entries in [-1, 1) (SplitMix64), so failures reproduce exactly.
struct TestData {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Double(z >> 11) * 0x1p-52 - 1
  }

  mutating func matrix(_ rows: Int, _ columns: Int) -> Matrix {
    Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in next() })
  }

  mutating func vector(_ n: Int) -> [Double] { (0..<n).map { _ in next() } }
}
