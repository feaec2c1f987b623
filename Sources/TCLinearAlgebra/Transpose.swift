import _COpenBLAS

/// Whether an operand enters a product as stored or transposed.
public enum Transpose: Sendable {
  /// Use the operand as stored: op(A) = A.
  case none
  /// Use the transpose: op(A) = Aᵀ.
  case transpose
}

/// Which side a triangular or symmetric operand multiplies from.
public enum Side: Sendable {
  /// op(A) · B.
  case left
  /// B · op(A).
  case right
}

/// Which triangle of a square matrix holds the data (the other one is ignored or zero).
public enum Triangle: Sendable {
  /// On and above the diagonal.
  case upper
  /// On and below the diagonal.
  case lower
}

// MARK: - Translations for CBLAS and Fortran LAPACK

extension Transpose {
  var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
  var fortran: CChar { self == .none ? CChar(UInt8(ascii: "N")) : CChar(UInt8(ascii: "T")) }
}

extension Side {
  var cblas: CBLAS_SIDE { self == .left ? CblasLeft : CblasRight }
  var fortran: CChar { self == .left ? CChar(UInt8(ascii: "L")) : CChar(UInt8(ascii: "R")) }
}

extension Triangle {
  var cblas: CBLAS_UPLO { self == .upper ? CblasUpper : CblasLower }
  var fortran: CChar { self == .upper ? CChar(UInt8(ascii: "U")) : CChar(UInt8(ascii: "L")) }
}
