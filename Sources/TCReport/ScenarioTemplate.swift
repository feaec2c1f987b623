/// The commented scenario file `targetcast init` writes: every key the format accepts today,
/// with its unit and default, and an example that validates and runs as is. The kinds of target
/// besides a level are listed commented out, one line each, ready to use.
public enum ScenarioTemplate {
  public static let text = """
    # TargetCast scenario: will a growth target be met, and with what probability?
    # Full key reference: docs/scenario-format.md. Check this file with `targetcast validate FILE`,
    # run it with `targetcast run FILE`.
    #
    # State every assumption as an assumption, and say where each figure comes from.

    name: my-plan                # output folder name (default: the file name without .yaml)
    title: My industry ¥100B (千亿) by 2027?   # optional, shown on reports
    description: >-              # optional, free text (not used in calculations)
      Example: an industry at 700 (亿元) in 2024 that aims for 1000 (千亿, ¥100B) by 2027,
      which needs +12.6% a year.
    units: 亿元                  # optional, the unit of every level and threshold (1 亿元 = ¥100M)
    base_year: 2024              # year of the last known level
    horizon: 2030                # last simulated year (at most 200 years after base_year)
    paths: 100000                # Monte Carlo paths (default 100000; 1 to 1,000,000,000)
    seed: 1                      # random seed (default 1): same seed, same numbers

    series:
      - id: industry             # identifier used by targets (no commas)
        label: 示例产业 example  # optional, shown on charts (default: the id)
        # units: 家              # optional: this series' unit when it differs from the scenario's
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
      - name: 千亿 by 2027       # optional (default: "<series> ≥ <threshold> in|by <year>")
        series: industry
        by: 2027                 # reached in any simulated year up to 2027 (`year:` for that year only)
        at_least: 1000           # threshold, in `units`: 1000 亿元 = ¥100B
      - name: 千亿 in 2027
        series: industry
        year: 2027               # the level in 2027
        at_least: 1000
      # Other kinds of target: delete the `# ` to use one (each gives exactly one condition).
      # - {name: doubles by 2030, series: industry, ratio: 2, within: 6}  # ≥ 2 × the base_year level within 6 years (`from:` another year)
      # - {name: 12% a year, series: industry, cagr: 0.12, from: 2025, year: 2027}  # compound growth 2025–2027 ≥ 12% a year
      # - {name: below 2000, series: industry, at_most: 2000, year: 2030}  # a ceiling: level ≤ 2000 in 2030
      # - {name: 900 to 1200, series: industry, between: [900, 1200], year: 2026}  # a band: 900 ≤ level ≤ 1200 in 2026 (`year` only)
      # - {name: +10% in 2025, series: industry, yoy: 0.10, year: 2025}  # growth over the year before ≥ 10% (`year` only)
      # - {name: both, all_of: [千亿 by 2027, 千亿 in 2027]}  # met where every listed target is met
      # - {name: one of two, at_least_k_of: 1, of: [千亿 by 2027, 千亿 in 2027]}  # met where at least k of those listed are

    """
}
