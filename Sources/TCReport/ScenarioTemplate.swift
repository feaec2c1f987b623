/// The commented scenario file `targetcast init` writes: every key the format accepts today,
/// with its unit and default, and an example that validates and runs as is.
public enum ScenarioTemplate {
  public static let text = """
    # TargetCast scenario: will a growth target be met, and with what probability?
    # Full key reference: docs/scenario-format.md. Check this file with `targetcast validate FILE`,
    # run it with `targetcast run FILE`.
    #
    # State every assumption as an assumption, and say where each figure comes from.

    name: my-plan                # output folder name (default: the file name without .yaml)
    title: My industry ¥100B by 2025?   # optional, shown on reports
    description: >-              # optional, free text (not used in calculations)
      Example: an industry at 700 (亿元) in 2024 that aims for 1000 by 2027.
    units: 亿元                  # optional, the unit of every level and threshold
    base_year: 2024              # year of the last known level
    horizon: 2030                # last simulated year (at most 200 years after base_year)
    paths: 100000                # Monte Carlo paths (default 100000; 1 to 1,000,000,000)
    seed: 1                      # random seed (default 1): same seed, same numbers

    series:
      - id: industry             # identifier used by targets (no commas)
        label: 示例产业 example  # optional, shown on charts (default: the id)
        base: 700                # level in base_year, in `units`, > 0
        growth:                  # distribution of each year's growth rate r: level × (1 + r)
          distribution: lognormal  # 1 + r lognormal; or normal, student_t, triangular, pert, uniform, fixed
          mean: 0.12             # mean growth rate (0.12 = +12% a year)
          sd: 0.05               # standard deviation of the rate (5 percentage points)
        # growth_by_year:        # optional: a different assumption in particular years
        #   2025: {distribution: normal, mean: 0.20, sd: 0.08}
        #   2026: 0.10           # a plain number is a fixed rate
        note: where the figures come from   # optional, free text

    # correlation: [[1]]         # optional K×K matrix (series order) of the growth shocks

    targets:
      - name: 千亿 in 2027       # optional (default: "<series> ≥ <threshold> in|by <year>")
        series: industry
        year: 2027               # the level in this year (use `by:` for any year up to it)
        at_least: 1000           # threshold, in `units`
      - name: 千亿 by 2027
        series: industry
        by: 2027                 # reached in any simulated year up to 2027
        at_least: 1000

    """
}
