import Foundation
import Testing
import TCLinearAlgebra

/// Gaussian elimination with partial pivoting: an independent reference for solves in tests.
private func naiveSolve(_ a: Matrix, _ b: [Double]) -> [Double] {
  let n = a.rows
  var m = (0..<n).map { i in a.row(i) + [b[i]] }
  for col in 0..<n {
    let pivot = (col..<n).max { abs(m[$0][col]) < abs(m[$1][col]) }!
    m.swapAt(col, pivot)
    for r in (col + 1)..<n {
      let f = m[r][col] / m[col][col]
      for c in col...n { m[r][c] -= f * m[col][c] }
    }
  }
  var x = [Double](repeating: 0, count: n)
  for i in stride(from: n - 1, through: 0, by: -1) {
    var s = m[i][n]
    for j in (i + 1)..<n { s -= m[i][j] * x[j] }
    x[i] = s / m[i][i]
  }
  return x
}

@Suite struct CholeskyTests {
  /// Textbook example whose factor has integer entries, so every step is exact in binary.
  static let spd = Matrix(rowMajor: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
  static let lower = Matrix(rowMajor: [[2, 0, 0], [6, 1, 0], [-8, 5, 3]])

  @Test func knownFactorAndReconstruction() throws {
    let l = try LAPACK.cholesky(Self.spd)
    #expect(l == Self.lower)
    #expect(close(naiveProduct(l, l, .none, .transpose), Self.spd, tolerance: 1e-15))
  }

  @Test func upperFactorReadsOnlyTheUpperTriangle() throws {
    var a = Self.spd
    a[2, 0] = .greatestFiniteMagnitude  // garbage below the diagonal must be ignored
    let u = try LAPACK.cholesky(a, .upper)
    #expect(u == Self.lower.transposed)
  }

  @Test func notPositiveDefiniteReportsTheLeadingMinor() {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
      try LAPACK.cholesky(Matrix(rowMajor: [[1, 2], [2, 1]]))
    }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 3)) {
      try LAPACK.cholesky(Matrix(rowMajor: [[4, 2, 0], [2, 5, 0], [0, 0, -1]]))
    }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 1)) {
      try LAPACK.cholesky(Matrix(rowMajor: [[0]]))
    }
  }

  @Test func badInputsThrow() {
    #expect(throws: LinearAlgebraError.self) { try LAPACK.cholesky(Matrix(rows: 2, columns: 3)) }
    #expect(throws: LinearAlgebraError.nonFiniteInput(routine: "dpotrf")) {
      try LAPACK.cholesky(Matrix(rowMajor: [[1, .nan], [.nan, 1]]))
    }
  }

  @Test func solveRecoversKnownSolution() throws {
    // A·[1, −1, 2] = [−40, −111, 223]
    let b = Matrix(rowMajor: [[-40], [-111], [223]])
    let x = try LAPACK.choleskySolve(factor: Self.lower, b)
    #expect(close(x.elements, [1, -1, 2], tolerance: 1e-14))
    let xu = try LAPACK.choleskySolve(factor: Self.lower.transposed, .upper, b)
    #expect(close(xu.elements, [1, -1, 2], tolerance: 1e-14))
    #expect(throws: LinearAlgebraError.self) {
      try LAPACK.choleskySolve(factor: Self.lower, Matrix(rows: 2, columns: 1))
    }
  }
}

@Suite struct LeastSquaresTests {
  @Test func lineThroughFourPoints() throws {
    // y at x = 0, 1, 2, 3: x̄ = 1.5, ȳ = 3, Sxy = Sxx = 5, so slope 1 and intercept 1.5;
    // residuals −0.5, 0.5, 0.5, −0.5 and RSS 1.
    let a = Matrix(rowMajor: [[1, 0], [1, 1], [1, 2], [1, 3]])
    let fit = try LAPACK.leastSquares(a, [1, 3, 4, 4])
    #expect(close(fit.coefficients, [1.5, 1], tolerance: 1e-14))
    #expect(close(fit.residuals, [-0.5, 0.5, 0.5, -0.5], tolerance: 1e-14))
    #expect(abs(fit.residualSumOfSquares - 1) <= 1e-14)
  }

  @Test func overdeterminedAgreesWithNormalEquations() throws {
    var data = TestData(seed: 101)
    let a = data.matrix(30, 4)
    let b = data.vector(30)
    let fit = try LAPACK.leastSquares(a, b)

    let ata = naiveProduct(a, a, .transpose)
    let atb = naiveProduct(a, Matrix(rows: 30, columns: 1, columnMajor: b), .transpose).elements
    #expect(close(fit.coefficients, naiveSolve(ata, atb), tolerance: 1e-12))
    // The residual is orthogonal to the columns of A.
    let atr = naiveProduct(a, Matrix(rows: 30, columns: 1, columnMajor: fit.residuals), .transpose)
    #expect(maxAbs(atr.elements) <= 1e-13)
    #expect(abs(fit.residualSumOfSquares - fit.residuals.reduce(0) { $0 + $1 * $1 }) <= 1e-15)
  }

  @Test func exactDataIsRecovered() throws {
    var data = TestData(seed: 111)
    let a = data.matrix(12, 3)
    let truth: [Double] = [0.5, -2, 3.25]
    let b = naiveProduct(a, Matrix(rows: 3, columns: 1, columnMajor: truth)).elements
    let fit = try LAPACK.leastSquares(a, b)
    #expect(close(fit.coefficients, truth, tolerance: 1e-13))
    #expect(fit.residualSumOfSquares <= 1e-28)
  }

  @Test func severalRightHandSidesMatchOneAtATime() throws {
    var data = TestData(seed: 121)
    let a = data.matrix(10, 3)
    let b = data.matrix(10, 4)
    let x = try LAPACK.leastSquares(a, b)
    #expect(x.rows == 3 && x.columns == 4)
    for j in 0..<4 {
      #expect(close(x.column(j), try LAPACK.leastSquares(a, b.column(j)).coefficients, tolerance: 1e-14))
    }
  }

  @Test func rankDeficiencyIsReportedWithZeroBasedColumn() {
    let x: [Double] = [0, 1, 2, 3, 4]
    let collinear = Matrix(rowMajor: x.map { [1, $0, 2 * $0] })
    #expect(throws: LinearAlgebraError.rankDeficient(column: 2)) {
      try LAPACK.leastSquares(collinear, [1, 2, 3, 4, 5])
    }
    let sum = Matrix(rowMajor: x.map { [1, $0, 1 + $0] })
    #expect(throws: LinearAlgebraError.rankDeficient(column: 2)) { try LAPACK.leastSquares(sum, [1, 2, 3, 4, 5]) }
    let zero = Matrix(rowMajor: x.map { [1, 0, $0] })
    #expect(throws: LinearAlgebraError.rankDeficient(column: 1)) { try LAPACK.leastSquares(zero, [1, 2, 3, 4, 5]) }
  }

  @Test func smallScaleColumnsAreNotMistakenForRankDeficiency() throws {
    // Column scale must not matter: x in units of 1e-9 gives slope 1e9 times larger.
    let a = Matrix(rowMajor: [[1, 0], [1, 1e-9], [1, 2e-9], [1, 3e-9]])
    let fit = try LAPACK.leastSquares(a, [1, 3, 4, 4])
    #expect(close(fit.coefficients, [1.5, 1e9], tolerance: 1e-12))
  }

  @Test func badShapesAndValuesThrow() {
    #expect(throws: LinearAlgebraError.self) { try LAPACK.leastSquares(Matrix(rows: 2, columns: 3), [1, 2]) }
    #expect(throws: LinearAlgebraError.self) { try LAPACK.leastSquares(Matrix(rows: 3, columns: 2), [1, 2]) }
    #expect(throws: LinearAlgebraError.self) {
      try LAPACK.leastSquares(Matrix(rows: 3, columns: 2), Matrix(rows: 4, columns: 1))
    }
    #expect(throws: LinearAlgebraError.nonFiniteInput(routine: "dgeqrf")) {
      try LAPACK.leastSquares(Matrix(rowMajor: [[1], [1]]), [1, .infinity])
    }
  }

  @Test func triangularSolveChecksTheDiagonal() throws {
    let u = Matrix(rowMajor: [[2, 1, 9], [0, 4, 2], [0, 0, 5]])
    let b = Matrix(rowMajor: [[2 + 1 + 9], [4 + 2], [5]])  // U·[1, 1, 1]
    #expect(close(try LAPACK.triangularSolve(.upper, u, b).elements, [1, 1, 1], tolerance: 1e-15))
    let lt = try LAPACK.triangularSolve(.lower, .transpose, u.transposed, b)
    #expect(close(lt.elements, [1, 1, 1], tolerance: 1e-15))
    var singular = u
    singular[1, 1] = 0
    #expect(throws: LinearAlgebraError.rankDeficient(column: 1)) { try LAPACK.triangularSolve(.upper, singular, b) }
  }
}

@Suite struct QRTests {
  @Test func handComputed() throws {
    let (q, r) = try LAPACK.qr(Matrix(rowMajor: [[3], [4]]))
    #expect(close(q, Matrix(rowMajor: [[0.6], [0.8]]), tolerance: 1e-15))
    #expect(close(r, Matrix(rowMajor: [[5]]), tolerance: 1e-15))
  }

  @Test(arguments: [(6, 4), (4, 4), (3, 5)])
  func factorsReconstructAndAreOrthonormal(shape: (Int, Int)) throws {
    var data = TestData(seed: 131)
    let a = data.matrix(shape.0, shape.1)
    let k = min(shape.0, shape.1)
    let (q, r) = try LAPACK.qr(a)
    #expect(q.rows == shape.0 && q.columns == k && r.rows == k && r.columns == shape.1)
    #expect(close(naiveProduct(q, q, .transpose), .identity(k), tolerance: 1e-14))
    #expect(close(naiveProduct(q, r), a, tolerance: 1e-14))
    for i in 0..<k {
      #expect(r[i, i] >= 0)
      for j in 0..<i { #expect(r[i, j] == 0) }
    }
  }
}

@Suite struct SymmetricEigenTests {
  @Test func twoByTwo() throws {
    let (values, vectors) = try LAPACK.symmetricEigen(Matrix(rowMajor: [[2, 1], [1, 2]]))
    #expect(close(values, [1, 3], tolerance: 1e-15))
    let h = 1 / 2.0.squareRoot()
    // Eigenvectors are defined up to sign.
    #expect(close(vectors.column(0).map(abs), [h, h], tolerance: 1e-15))
    #expect(abs(vectors[0, 0] + vectors[1, 0]) <= 1e-15)
    #expect(abs(vectors[0, 1] - vectors[1, 1]) <= 1e-15)
  }

  @Test func diagonalComesBackAscending() throws {
    let (values, _) = try LAPACK.symmetricEigen(Matrix(rowMajor: [[3, 0, 0], [0, -1, 0], [0, 0, 2]]))
    #expect(values == [-1, 2, 3])
  }

  @Test(arguments: [5, 10, 40])
  func tridiagonalToeplitz(n: Int) throws {
    // tridiag(−1, 2, −1) has eigenvalues 2 − 2cos(kπ/(n+1)), k = 1…n (ascending in k).
    var a = Matrix(rows: n, columns: n)
    for i in 0..<n {
      a[i, i] = 2
      if i + 1 < n {
        a[i + 1, i] = -1
        a[i, i + 1] = 99  // upper triangle is not read
      }
    }
    let (values, vectors) = try LAPACK.symmetricEigen(a)
    let expected = (1...n).map { 2 - 2 * cos(Double($0) * Double.pi / Double(n + 1)) }
    #expect(close(values, expected, tolerance: 1e-14))

    var symmetric = a
    symmetric.symmetrize(copying: .lower)
    let av = naiveProduct(symmetric, vectors)
    var vl = vectors
    for j in 0..<n { for i in 0..<n { vl[i, j] *= values[j] } }
    #expect(close(av, vl, tolerance: 1e-13))
    #expect(close(naiveProduct(vectors, vectors, .transpose), .identity(n), tolerance: 1e-13))
  }

  @Test func badInputsThrow() throws {
    #expect(throws: LinearAlgebraError.self) { try LAPACK.symmetricEigen(Matrix(rows: 2, columns: 3)) }
    #expect(throws: LinearAlgebraError.nonFiniteInput(routine: "dsyevd")) {
      try LAPACK.symmetricEigen(Matrix(rowMajor: [[.nan]]))
    }
    #expect(try LAPACK.symmetricEigen(Matrix(rows: 0, columns: 0)).values.isEmpty)
  }
}
