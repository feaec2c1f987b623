// The pointer fence. Every raw pointer handed to BLAS or LAPACK is created here, inside a closure,
// after the caller has checked shapes; none is stored or returned. Public API never sees a pointer.

extension MatrixView {
  /// Calls `body` with a pointer to the window's first entry and the leading dimension.
  ///
  /// - Precondition: the window is non-empty (callers return early for empty shapes, because an
  ///   empty array need not have storage).
  @inline(__always)
  func withOperandPointer<R>(_ body: (UnsafePointer<Double>, Int32) throws -> R) rethrows -> R {
    precondition(rows > 0 && columns > 0, "internal: pointer to an empty view requested")
    let offset = rowRange.lowerBound + columnRange.lowerBound * base.rows
    let ld = Int32(leadingDimension)
    return try base.elements.withUnsafeBufferPointer { buffer in
      try body(buffer.baseAddress! + offset, ld)
    }
  }
}

extension Matrix {
  /// Calls `body` with a mutable pointer to entry `(rows.lowerBound, columns.lowerBound)` and the
  /// leading dimension, writing into this matrix's own storage.
  ///
  /// Mutation goes through `withUnsafeMutableBufferPointer` on the uniquely referenced array, so
  /// there is no copy when nothing else shares the storage, and a copy (never shared writes) when
  /// something does — which also keeps an operand that aliases the destination intact.
  ///
  /// - Precondition: the block is non-empty and inside the matrix (checked by the caller).
  @inline(__always)
  mutating func withMutableBlockPointer<R>(
    rows: Range<Int>, columns: Range<Int>, _ body: (UnsafeMutablePointer<Double>, Int32) throws -> R
  ) rethrows -> R {
    precondition(!rows.isEmpty && !columns.isEmpty, "internal: pointer to an empty block requested")
    let offset = rows.lowerBound + columns.lowerBound * self.rows
    let ld = Int32(max(1, self.rows))
    return try elements.withUnsafeMutableBufferPointer { buffer in
      try body(buffer.baseAddress! + offset, ld)
    }
  }

  /// Whole-matrix mutable access for LAPACK, which overwrites its argument in place.
  @inline(__always)
  mutating func withMutablePointer<R>(_ body: (UnsafeMutablePointer<Double>, Int32) throws -> R) rethrows -> R {
    try withMutableBlockPointer(rows: 0..<rows, columns: 0..<columns, body)
  }

  /// Scales a block by `beta` in place; `beta == 0` stores zeros (BLAS semantics: NaN in C is ignored).
  mutating func scaleBlock(_ beta: Double, rows: Range<Int>, columns: Range<Int>) {
    guard beta != 1 else { return }
    let ld = self.rows
    elements.withUnsafeMutableBufferPointer { buffer in
      for j in columns {
        for i in rows {
          buffer[i + j * ld] = beta == 0 ? 0 : beta * buffer[i + j * ld]
        }
      }
    }
  }
}

extension Array where Element == Double {
  /// Read-only pointer to a non-empty array's storage.
  @inline(__always)
  func withOperandPointer<R>(_ body: (UnsafePointer<Double>) throws -> R) rethrows -> R {
    precondition(!isEmpty, "internal: pointer to an empty vector requested")
    return try withUnsafeBufferPointer { try body($0.baseAddress!) }
  }

  /// Mutable pointer to a non-empty array's storage, without a copy when the array is unique.
  @inline(__always)
  mutating func withMutableOperandPointer<R>(_ body: (UnsafeMutablePointer<Double>) throws -> R) rethrows -> R {
    precondition(!isEmpty, "internal: pointer to an empty vector requested")
    return try withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
  }
}
