import Dispatch
import Testing
import TCLinearAlgebra

/// Products of O(1) entries over at most a few dozen terms: rounding is ~1e-15, so 1e-13 relative
/// (against max(1, ‖expected‖∞)) catches any wrong index while allowing BLAS's summation order.
private let tolerance = 1e-13

@Suite struct BLASGemvTests {
  @Test func handComputed() throws {
    let a = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
    var y: [Double] = [10, 20]
    try BLAS.gemv(alpha: 2, a, [1, 0, -1], beta: 0.5, &y)
    // A·x = [-2, -2]; 2·[-2, -2] + 0.5·[10, 20] = [1, 6]
    #expect(y == [1, 6])
    var z: [Double] = [0, 0, 0]
    try BLAS.gemv(.transpose, a, [1, 1], &z)
    #expect(z == [5, 7, 9])
  }

  @Test(arguments: [Transpose.none, .transpose])
  func againstNaiveOnAView(trans: Transpose) throws {
    var data = TestData(seed: 11)
    let parent = data.matrix(7, 6)
    let view = parent.view(rows: 2..<6, columns: 1..<4)  // 4×3, leading dimension 7
    let a = Matrix(view)
    let n = trans == .none ? 3 : 4
    let m = trans == .none ? 4 : 3
    let x = data.vector(n)
    let y0 = data.vector(m)
    var y = y0
    try BLAS.gemv(trans, alpha: -1.5, view, x, beta: 0.25, &y)
    let ax = naiveProduct(a, Matrix(rows: n, columns: 1, columnMajor: x), trans)
    let expected = combine(-1.5, ax, 0.25, Matrix(rows: m, columns: 1, columnMajor: y0)).elements
    #expect(close(y, expected, tolerance: tolerance))
  }

  @Test func betaZeroIgnoresNaNAndEmptyInnerDimensionScales() throws {
    var y: [Double] = [.nan, .nan]
    try BLAS.gemv(Matrix(rowMajor: [[1], [2]]), [3], &y)
    #expect(y == [3, 6])
    var w: [Double] = [1, 2]
    try BLAS.gemv(Matrix(rows: 2, columns: 0), [], beta: 3, &w)
    #expect(w == [3, 6])
  }

  @Test func mismatchThrows() {
    var y: [Double] = [0, 0]
    #expect(throws: LinearAlgebraError.self) { try BLAS.gemv(Matrix(rows: 2, columns: 3), [1, 2], &y) }
    #expect(throws: LinearAlgebraError.self) { try BLAS.gemv(.transpose, Matrix(rows: 2, columns: 3), [1, 2], &y) }
  }
}

@Suite struct BLASGemmTests {
  @Test func handComputed() throws {
    let a = Matrix(rowMajor: [[1, 2], [3, 4]])
    let b = Matrix(rowMajor: [[5, 6], [7, 8]])
    var c = Matrix(rowMajor: [[1, 1], [1, 1]])
    try BLAS.gemm(a, b, &c)
    #expect(c == Matrix(rowMajor: [[19, 22], [43, 50]]))
    try BLAS.gemm(.transpose, .none, alpha: 2, a, b, beta: -1, &c)
    // Aᵀ·B = [[26, 30], [38, 44]]; 2·that − previous C
    #expect(c == Matrix(rowMajor: [[33, 38], [33, 38]]))
    #expect(try BLAS.product(a, b, transB: .transpose) == Matrix(rowMajor: [[17, 23], [39, 53]]))
  }

  static let transposePairs: [(Transpose, Transpose)] = [
    (.none, .none), (.transpose, .none), (.none, .transpose), (.transpose, .transpose),
  ]

  @Test(arguments: transposePairs)
  func nonSquareAgainstNaive(transA: Transpose, transB: Transpose) throws {
    var data = TestData(seed: 21)
    let (m, k, n) = (5, 3, 4)
    let a = transA == .none ? data.matrix(m, k) : data.matrix(k, m)
    let b = transB == .none ? data.matrix(k, n) : data.matrix(n, k)
    let c0 = data.matrix(m, n)
    var c = c0
    try BLAS.gemm(transA, transB, alpha: 0.75, a, b, beta: -2, &c)
    let expected = combine(0.75, naiveProduct(a, b, transA, transB), -2, c0)
    #expect(close(c, expected, tolerance: tolerance))
  }

  @Test(arguments: transposePairs)
  func viewsIntoSubBlockDestination(transA: Transpose, transB: Transpose) throws {
    var data = TestData(seed: 31)
    let pa = data.matrix(9, 8)
    let pb = data.matrix(6, 10)
    // op(A) is 3×2 and op(B) is 2×4 whichever way they are stored.
    let va = transA == .none ? pa.view(rows: 4..<7, columns: 5..<7) : pa.view(rows: 1..<3, columns: 2..<5)
    let vb = transB == .none ? pb.view(rows: 3..<5, columns: 1..<5) : pb.view(rows: 2..<6, columns: 7..<9)
    let c0 = data.matrix(5, 7)
    var c = c0
    try BLAS.gemm(transA, transB, alpha: 1.25, va, vb, beta: 0.5, &c, rows: 1..<4, columns: 2..<6)

    let product = naiveProduct(Matrix(va), Matrix(vb), transA, transB)
    for i in 0..<5 {
      for j in 0..<7 {
        if (1..<4).contains(i) && (2..<6).contains(j) {
          let expected = 1.25 * product[i - 1, j - 2] + 0.5 * c0[i, j]
          #expect(abs(c[i, j] - expected) <= tolerance * max(1, abs(expected)))
        } else {
          #expect(c[i, j] == c0[i, j], "entry (\(i), \(j)) outside the block changed")
        }
      }
    }
  }

  @Test func mixedMatrixAndViewOperands() throws {
    var data = TestData(seed: 41)
    let l = data.matrix(3, 3)
    let z = data.matrix(3, 10)
    var c = Matrix(rows: 3, columns: 4)
    try BLAS.gemm(l, z.view(columns: 6..<10), &c)
    #expect(close(c, naiveProduct(l, Matrix(z.view(columns: 6..<10))), tolerance: tolerance))
  }

  @Test func destinationAliasingAnOperandIsNotOverwrittenMidCall() throws {
    var c = Matrix(rowMajor: [[1, 2], [3, 4]])
    let original = c
    try BLAS.gemm(c, c, &c)
    #expect(c == naiveProduct(original, original))
    var d = Matrix(rowMajor: [[1, 2], [3, 4]])
    try BLAS.gemm(d.view(columns: 0..<1), Matrix(rowMajor: [[1, 1]]), &d)
    #expect(d == Matrix(rowMajor: [[1, 1], [3, 3]]))
  }

  @Test func degenerateShapes() throws {
    var c = Matrix(rowMajor: [[.nan, 2]])
    try BLAS.gemm(Matrix(rows: 1, columns: 0), Matrix(rows: 0, columns: 2), &c)
    #expect(c == Matrix(rowMajor: [[0, 0]]))
    var e = Matrix(rows: 0, columns: 3)
    try BLAS.gemm(Matrix(rows: 0, columns: 2), Matrix(rows: 2, columns: 3), &e)
    #expect(e.rows == 0)
  }

  @Test func mismatchesThrowAndLeaveDestinationAlone() {
    let a = Matrix(rows: 2, columns: 3)
    var c = Matrix(rows: 2, columns: 2, repeating: 5)
    #expect(throws: LinearAlgebraError.self) { try BLAS.gemm(a, a, &c) }
    #expect(throws: LinearAlgebraError.self) { try BLAS.gemm(.none, .transpose, a, Matrix(rows: 3, columns: 3), &c) }
    #expect(throws: LinearAlgebraError.self) {
      try BLAS.gemm(.none, .transpose, a, a, &c, rows: 1..<3, columns: 0..<2)
    }
    #expect(throws: LinearAlgebraError.self) {
      try BLAS.gemm(.none, .transpose, a, a, &c, rows: 0..<1)
    }
    #expect(c == Matrix(rows: 2, columns: 2, repeating: 5))
    do {
      try BLAS.gemm(a, a, &c)
      Issue.record("expected a throw")
    } catch {
      guard case .dimensionMismatch(let operation, _) = error as? LinearAlgebraError else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(operation == "gemm")
    }
  }

  @Test func concurrentCallersWithTheirOwnDestinationsAgreeWithSerial() throws {
    BLAS.useSingleThread()
    #expect(BLAS.openBLASThreadCount == 1)
    var data = TestData(seed: 51)
    let l = triangle(data.matrix(6, 6), .lower)
    let blocks = (0..<8).map { _ in data.matrix(6, 512) }
    let serial = try blocks.map { try BLAS.product(l, $0) }
    let results = ResultSlots(count: blocks.count)
    DispatchQueue.concurrentPerform(iterations: blocks.count * 4) { task in
      let index = task % blocks.count
      var c = Matrix(rows: 6, columns: 512)
      if (try? BLAS.gemm(l, blocks[index], &c)) != nil, task >= blocks.count * 3 {
        results.store(c, at: index)
      }
    }
    #expect(results.values == serial.map(Optional.some))
  }
}

/// Collects results from concurrent tasks.
private final class ResultSlots: @unchecked Sendable {
  private let lock = NSLockLike()
  private var slots: [Matrix?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ value: Matrix, at index: Int) { lock.withLock { slots[index] = value } }
  var values: [Matrix?] { lock.withLock { slots } }
}

/// A minimal lock on a serial dispatch queue, keeping the test free of Foundation.
private struct NSLockLike: Sendable {
  private let queue = DispatchQueue(label: "TCLinearAlgebraTests.results")
  func withLock<R>(_ body: () -> R) -> R { queue.sync(execute: body) }
}

@Suite struct BLASSymmetricAndTriangularTests {
  @Test(arguments: [Triangle.lower, .upper], [Transpose.none, .transpose])
  func syrkAgainstNaive(uplo: Triangle, trans: Transpose) throws {
    var data = TestData(seed: 61)
    let a = trans == .none ? data.matrix(4, 6) : data.matrix(6, 4)
    var c0 = data.matrix(4, 4)
    c0.symmetrize(copying: .lower)
    var c = c0
    try BLAS.syrk(uplo, trans, alpha: 2, a, beta: 3, &c)
    let full = combine(2, naiveProduct(a, a, trans, trans == .none ? .transpose : .none), 3, c0)
    for i in 0..<4 {
      for j in 0..<4 {
        let inTriangle = uplo == .lower ? i >= j : i <= j
        let expected = inTriangle ? full[i, j] : c0[i, j]
        #expect(abs(c[i, j] - expected) <= tolerance * max(1, abs(expected)))
      }
    }
    c.symmetrize(copying: uplo)
    #expect(close(c, full, tolerance: tolerance))
  }

  @Test func syrkHandComputedAndMismatch() throws {
    var c = Matrix(rows: 2, columns: 2)
    try BLAS.syrk(Matrix(rowMajor: [[1, 2], [3, 4]]), &c)
    #expect(c[0, 0] == 5 && c[1, 0] == 11 && c[1, 1] == 25 && c[0, 1] == 0)
    var wrong = Matrix(rows: 3, columns: 3)
    #expect(throws: LinearAlgebraError.self) { try BLAS.syrk(Matrix(rows: 2, columns: 2), &wrong) }
  }

  static let triangularCases: [(Side, Triangle, Transpose)] = [Side.left, .right].flatMap { side in
    [Triangle.lower, .upper].flatMap { uplo in [Transpose.none, .transpose].map { (side, uplo, $0) } }
  }

  @Test(arguments: triangularCases)
  func trmmAndTrsmAgainstNaive(side: Side, uplo: Triangle, trans: Transpose) throws {
    var data = TestData(seed: 71)
    var a = data.matrix(4, 4)
    for i in 0..<4 { a[i, i] += 4 }  // well conditioned for the solve
    let b0 = side == .left ? data.matrix(4, 3) : data.matrix(3, 4)
    let t = triangle(a, uplo)

    var b = b0
    try BLAS.trmm(side, uplo, trans, alpha: -0.5, a, &b)
    let product = side == .left ? naiveProduct(t, b0, trans) : naiveProduct(b0, t, .none, trans)
    #expect(close(b, combine(-0.5, product, 0, product), tolerance: tolerance))

    try BLAS.trsm(side, uplo, trans, alpha: -2, a, &b)
    #expect(close(b, b0, tolerance: 1e-12))
  }

  @Test func trmmHandComputedAndMismatch() throws {
    var b = Matrix(rowMajor: [[1], [1]])
    try BLAS.trmm(.left, .lower, Matrix(rowMajor: [[2, 99], [3, 4]]), &b)
    #expect(b == Matrix(rowMajor: [[2], [7]]))
    #expect(throws: LinearAlgebraError.self) { try BLAS.trsm(.right, .lower, Matrix(rows: 2, columns: 2), &b) }
    #expect(throws: LinearAlgebraError.self) { try BLAS.trmm(.left, .upper, Matrix(rows: 2, columns: 3), &b) }
  }

  @Test(arguments: [Triangle.lower, .upper], [3, 6, 8, 9, 13])
  func triangularMultiplyAgainstNaive(uplo: Triangle, order: Int) throws {
    var data = TestData(seed: 81 + UInt64(order))
    let a = data.matrix(order, order)  // other triangle is garbage and must be ignored
    let z = data.matrix(order, 40)
    var c = data.matrix(order + 2, 50)
    let c0 = c
    try BLAS.triangularMultiply(uplo, a, z.view(columns: 5..<35), &c, rows: 1..<(order + 1), columns: 10..<40)
    let expected = naiveProduct(triangle(a, uplo), Matrix(z.view(columns: 5..<35)))
    #expect(close(Matrix(c.view(rows: 1..<(order + 1), columns: 10..<40)), expected, tolerance: tolerance))
    #expect(c.view(rows: 0..<1).base.row(0) == c0.row(0))
    #expect(Matrix(c.view(columns: 0..<10)) == Matrix(c0.view(columns: 0..<10)))
    #expect(Matrix(c.view(columns: 40..<50)) == Matrix(c0.view(columns: 40..<50)))

    var whole = Matrix(rows: order, columns: 40)
    try BLAS.triangularMultiply(uplo, a, z, &whole)
    #expect(close(whole, naiveProduct(triangle(a, uplo), z), tolerance: tolerance))
  }

  /// `B ← B·Lᵀ` for the engine's tall, skinny blocks: the Swift kernel (K ≤ 8; row counts that
  /// are and are not multiples of 4) and the `dtrmm` fallback (K = 9, 13), against the naive product.
  @Test(arguments: [1, 2, 3, 6, 8, 9, 13], [1, 4, 7, 64, 1021])
  func multiplyRowsByLowerTransposedAgainstNaive(order: Int, rows: Int) throws {
    var data = TestData(seed: 200 + UInt64(order * 7 + rows))
    let l = data.matrix(order, order)  // the upper triangle is garbage and must be ignored
    var b = data.matrix(rows, order)
    let expected = naiveProduct(b, triangle(l, .lower), .none, .transpose)
    try BLAS.multiplyRowsByLowerTransposed(l, &b)
    #expect(close(b, expected, tolerance: tolerance))
  }

  @Test func multiplyRowsByLowerTransposedMismatchThrows() {
    var b = Matrix(rows: 10, columns: 4)
    #expect(throws: LinearAlgebraError.self) { try BLAS.multiplyRowsByLowerTransposed(Matrix(rows: 3, columns: 3), &b) }
    #expect(throws: LinearAlgebraError.self) { try BLAS.multiplyRowsByLowerTransposed(Matrix(rows: 4, columns: 3), &b) }
  }

  @Test func triangularMultiplyMismatchThrows() {
    var c = Matrix(rows: 3, columns: 4)
    #expect(throws: LinearAlgebraError.self) {
      try BLAS.triangularMultiply(.lower, Matrix(rows: 3, columns: 3), Matrix(rows: 2, columns: 4), &c)
    }
    #expect(throws: LinearAlgebraError.self) {
      try BLAS.triangularMultiply(.lower, Matrix(rows: 3, columns: 3), Matrix(rows: 3, columns: 5), &c)
    }
  }
}

@Suite struct InPlaceDestinationTests {
  /// Address of the matrix's element storage, taken without keeping a second reference alive.
  private func storageAddress(_ m: Matrix) -> Int {
    m.elements.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
  }

  @Test func uniquelyOwnedDestinationIsWrittenWithoutACopy() throws {
    var data = TestData(seed: 91)
    let l = data.matrix(6, 6)
    let z = data.matrix(6, 64)
    var c = Matrix(rows: 6, columns: 64)
    let before = storageAddress(c)
    try BLAS.gemm(l, z, &c)
    try BLAS.triangularMultiply(.lower, l, z, &c)
    try BLAS.gemm(l, z.view(columns: 0..<32), &c, columns: 32..<64)
    #expect(storageAddress(c) == before)
  }

  @Test func sharedDestinationIsCopiedNotWrittenThrough() throws {
    let l = Matrix.identity(2)
    var c = Matrix(rows: 2, columns: 2, repeating: 1)
    let snapshot = c
    try BLAS.gemm(alpha: 3, l, Matrix(rows: 2, columns: 2, repeating: 2), &c)
    #expect(snapshot == Matrix(rows: 2, columns: 2, repeating: 1))
    #expect(c == Matrix(rows: 2, columns: 2, repeating: 6))
  }
}
