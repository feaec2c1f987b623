import _COpenBLAS

/// Safe wrappers over the LAPACK routines OpenBLAS exports: Cholesky, QR, least squares and the
/// symmetric eigenproblem.
///
/// Inputs are values and results are new matrices, so inputs are never modified. Shapes are
/// checked and inputs must be finite before LAPACK runs; LAPACK's `info` codes come back as
/// ``LinearAlgebraError`` cases. Routines that take a workspace are called twice, first with
/// `lwork = -1` to ask for the optimal size.
public enum LAPACK {}

// MARK: - Plumbing shared by the LAPACK wrappers

extension LAPACK {
  /// Translates LAPACK's `info`: negative is a rejected argument, positive is routine-specific.
  static func check(_ routine: String, _ info: Int32, positive: (Int) -> LinearAlgebraError) throws {
    if info < 0 { throw LinearAlgebraError.invalidArgument(routine: routine, position: Int(-info)) }
    if info > 0 { throw positive(Int(info)) }
  }

  /// Throws ``LinearAlgebraError/nonFiniteInput(routine:)`` unless every entry is finite.
  static func requireFinite(_ routine: String, _ matrices: Matrix...) throws {
    for m in matrices where !m.isFinite {
      throw LinearAlgebraError.nonFiniteInput(routine: routine)
    }
  }

  /// The workspace length LAPACK reported in `work[0]` after an `lwork = -1` query, at least `minimum`.
  static func workspaceLength(_ reported: Double, minimum: Int) -> Int {
    max(minimum, Int(reported.rounded(.up)))
  }

  /// Runs a LAPACK call twice: with `lwork = -1` to learn the optimal workspace, then with it.
  ///
  /// `call` receives `work` and `lwork` and returns `info`. A negative `info` from the query throws;
  /// the second call's `info` is returned for the caller to translate.
  static func withWorkspaceQuery(
    _ routine: String, minimum: Int,
    _ call: (UnsafeMutablePointer<Double>, UnsafePointer<Int32>) -> Int32
  ) throws -> Int32 {
    var query = 0.0
    var lwork: Int32 = -1
    try check(routine, call(&query, &lwork)) { .invalidArgument(routine: routine, position: -$0) }
    var work = [Double](repeating: 0, count: workspaceLength(query, minimum: minimum))
    lwork = Int32(work.count)
    return work.withMutableOperandPointer { call($0, &lwork) }
  }
}
