/// Why a model could not be fitted to a series.
///
/// A caller fitting several models skips a model that throws and reports `description`.
public enum ModelError: Error, Equatable, CustomStringConvertible {
  /// The series has `got` values; the model needs at least `needed`.
  case tooShort(needed: Int, got: Int)
  /// The model works on logarithms or relative errors and the series has a value `<= 0`.
  case nonPositive(model: String)
  /// The value at zero-based `index` is NaN or infinite.
  case nonFinite(index: Int)
  /// All values are equal and the model cannot identify its parameters from such a series.
  case constantSeries(model: String)
  /// The estimation did not reach a finite optimum.
  case notConverged(model: String)
  /// A user-given setting is outside the model's domain (for example a capacity `<= 0`).
  case invalidSetting(model: String, reason: String)

  public var description: String {
    switch self {
    case let .tooShort(needed, got):
      return "series too short: needs at least \(needed) values, got \(got)"
    case let .nonPositive(model):
      return "\(model) needs strictly positive values"
    case let .nonFinite(index):
      return "value at position \(index + 1) is not a finite number"
    case let .constantSeries(model):
      return "\(model) cannot be fitted to a constant series"
    case let .notConverged(model):
      return "\(model) estimation did not converge"
    case let .invalidSetting(model, reason):
      return "\(model): \(reason)"
    }
  }
}

/// Checks a series before fitting: enough values, all finite, and positive when required.
///
/// The smallest model needs 3 values so that every residual variance has a positive divisor.
func validateSeries(
  _ y: [Double], minimumCount: Int = 3, requirePositive: Bool = false, model: String
) throws(ModelError) {
  if y.count < minimumCount { throw .tooShort(needed: minimumCount, got: y.count) }
  for (index, value) in y.enumerated() where !value.isFinite { throw .nonFinite(index: index) }
  if requirePositive, y.contains(where: { $0 <= 0 }) { throw .nonPositive(model: model) }
}
