/// Why a linear-algebra operation could not produce a result.
///
/// Every public operation checks shapes before it touches BLAS or LAPACK, so a bad shape is
/// reported as ``dimensionMismatch(operation:detail:)`` rather than a crash or an OpenBLAS
/// error message. LAPACK's `info` codes are translated into the numerical cases.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
  /// Operand shapes do not fit together; `detail` says what was expected and what was given.
  case dimensionMismatch(operation: String, detail: String)
  /// Cholesky failed: the leading minor of this order (1-based, LAPACK's `info`) is not positive.
  case notPositiveDefinite(leadingMinor: Int)
  /// A least-squares or triangular-solve matrix is (numerically) rank deficient.
  ///
  /// `column` is the **zero-based** index of the first column found to depend on the ones before it
  /// (LAPACK's 1-based `info` minus one).
  case rankDeficient(column: Int)
  /// An iterative LAPACK routine (such as `dsyevd`) failed to converge; `info` is LAPACK's code.
  case noConvergence(routine: String, info: Int)
  /// LAPACK rejected argument `position` (1-based). The wrappers check arguments first, so this
  /// points to a bug in TCLinearAlgebra rather than in the caller.
  case invalidArgument(routine: String, position: Int)
  /// An input to a LAPACK routine contains NaN or infinity; factorisations of such data are meaningless.
  case nonFiniteInput(routine: String)

  public var description: String {
    switch self {
    case let .dimensionMismatch(operation, detail):
      return "\(operation): dimension mismatch: \(detail)"
    case let .notPositiveDefinite(leadingMinor):
      return "matrix is not positive definite: leading minor of order \(leadingMinor) is not positive"
    case let .rankDeficient(column):
      return "matrix is rank deficient: column \(column) (zero-based) depends on the columns before it"
    case let .noConvergence(routine, info):
      return "\(routine) did not converge (info = \(info))"
    case let .invalidArgument(routine, position):
      return "\(routine) rejected argument \(position) (a TCLinearAlgebra bug)"
    case let .nonFiniteInput(routine):
      return "\(routine): input contains NaN or infinity"
    }
  }
}
