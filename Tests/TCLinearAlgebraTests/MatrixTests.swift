import Testing
@testable import TCLinearAlgebra

@Suite struct MatrixTests {
  @Test func rowMajorLiteralIsStoredColumnMajor() {
    let m = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
    #expect(m.rows == 2 && m.columns == 3)
    #expect(m.elements == [1, 4, 2, 5, 3, 6])
    #expect(m[1, 2] == 6)
    #expect(m == Matrix(rows: 2, columns: 3, columnMajor: [1, 4, 2, 5, 3, 6]))
  }

  @Test func emptyAndFilledShapes() {
    #expect(Matrix(rowMajor: []).rows == 0)
    #expect(Matrix(rows: 2, columns: 0).elements.isEmpty)
    #expect(Matrix(rows: 2, columns: 2, repeating: 7).elements == [7, 7, 7, 7])
  }

  @Test func identityTransposeRowsAndColumns() {
    #expect(Matrix.identity(3) == Matrix(rowMajor: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
    let m = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
    #expect(m.transposed == Matrix(rowMajor: [[1, 4], [2, 5], [3, 6]]))
    #expect(m.column(1) == [2, 5])
    #expect(m.row(1) == [4, 5, 6])
  }

  @Test func subscriptSetWritesColumnMajorSlot() {
    var m = Matrix(rows: 2, columns: 3)
    m[1, 2] = 9
    #expect(m.elements == [0, 0, 0, 0, 0, 9])
  }

  @Test func withColumnMajorElementsEditsInPlace() {
    var m = Matrix(rows: 2, columns: 2)
    let count = m.withColumnMajorElements { elements in
      for i in elements.indices { elements[i] = Double(i) }
      return elements.count
    }
    #expect(count == 4)
    #expect(m == Matrix(rowMajor: [[0, 2], [1, 3]]))
  }

  @Test func validatingInitThrowsOnWrongCount() throws {
    #expect(throws: LinearAlgebraError.self) { try Matrix(validatingRows: 2, columns: 3, columnMajor: [1, 2]) }
    #expect(throws: LinearAlgebraError.self) { try Matrix(validatingRows: -1, columns: 3, columnMajor: []) }
    #expect(try Matrix(validatingRows: 1, columns: 2, columnMajor: [1, 2]) == Matrix(rowMajor: [[1, 2]]))
  }

  @Test func symmetrizeCopiesTheChosenTriangle() {
    var m = Matrix(rowMajor: [[1, 9, 9], [2, 3, 9], [4, 5, 6]])
    m.symmetrize(copying: .lower)
    #expect(m == Matrix(rowMajor: [[1, 2, 4], [2, 3, 5], [4, 5, 6]]))
    var u = Matrix(rowMajor: [[1, 2, 4], [0, 3, 5], [0, 0, 6]])
    u.symmetrize(copying: .upper)
    #expect(u == Matrix(rowMajor: [[1, 2, 4], [2, 3, 5], [4, 5, 6]]))
  }

  @Test func viewsShareStorageAndCopyOut() {
    let a = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    let v = a.view(rows: 1..<3, columns: 0..<2)
    #expect(v.rows == 2 && v.columns == 2)
    #expect(v[1, 0] == 7)
    #expect(v.leadingDimension == 3)
    #expect(Matrix(v) == Matrix(rowMajor: [[4, 5], [7, 8]]))
    #expect(Matrix(a.view(rows: 1...)) == Matrix(rowMajor: [[4, 5, 6], [7, 8, 9]]))
    #expect(Matrix(a.view(columns: ..<1)) == Matrix(rowMajor: [[1], [4], [7]]))
    #expect(Matrix(a.matrixView) == a)
  }

  @Test func descriptionListsRows() {
    #expect(Matrix(rowMajor: [[1, 2], [3, 4]]).description == "Matrix 2×2 [[1.0, 2.0], [3.0, 4.0]]")
  }
}
