import Testing
import TCLinearAlgebra

@Suite struct BLASVectorTests {
  @Test func dotHandComputed() throws {
    #expect(try BLAS.dot([1, 2, 3], [4, -5, 6]) == 12)
    #expect(try BLAS.dot([], []) == 0)
  }

  @Test func axpyHandComputed() throws {
    var y: [Double] = [1, 1, 1]
    try BLAS.axpy(2, [1, 2, 3], &y)
    #expect(y == [3, 5, 7])
  }

  @Test func scalAndNorm() {
    var x: [Double] = [3, -4]
    BLAS.scal(0.5, &x)
    #expect(x == [1.5, -2])
    #expect(BLAS.nrm2([3, 4]) == 5)
    // dnrm2 scales internally, so huge entries do not overflow.
    #expect(abs(BLAS.nrm2([3e200, 4e200]) / 5e200 - 1) <= 1e-15)
  }

  @Test func lengthMismatchesThrow() {
    #expect(throws: LinearAlgebraError.self) { try BLAS.dot([1, 2], [1]) }
    var y: [Double] = [1]
    #expect(throws: LinearAlgebraError.self) { try BLAS.axpy(1, [1, 2], &y) }
    #expect(y == [1])
  }
}
