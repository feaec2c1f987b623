import Testing
@testable import TCLinearAlgebra

@Suite struct MatrixTests {
  @Test func rowMajorLiteralIsStoredColumnMajor() {
    let m = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
    #expect(m.rows == 2 && m.columns == 3)
    #expect(m.elements == [1, 4, 2, 5, 3, 6])
    #expect(m[1, 2] == 6)
  }
}
