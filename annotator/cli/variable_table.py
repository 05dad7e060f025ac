"""The table ``annotator agree`` prints for article-level variables."""

from __future__ import annotations

import math


def _n(value, width: int = 6) -> str:
    return f"{'n/a':>{width}}" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:>{width}.3f}"


def _dash(value, width: int = 6) -> str:
    return f"{'-':>{width}}" if value is None else _n(value, width)


def print_variables(report) -> None:
    """Per variable (several-of: per value): every pair, then all coders; the number of
    articles each row rests on, alpha with its interval and P(alpha < threshold)."""
    if report.resamples:
        print(f"Article-level variables: Krippendorff's alpha at each variable's level, "
              f"{report.confidence:.0%} bootstrap interval ({report.resamples} resamples, seed {report.seed})")
    else:
        print("Article-level variables: Krippendorff's alpha at each variable's level (no bootstrap)")
    thresholds = report.thresholds if report.resamples else ()
    coder_width = max([len(" vs ".join(f.coders)) for f in report.figures if f.pair] + [len("coders"), 12])
    below = "".join(f" {'P<' + format(t, 'g'):>7}" for t in thresholds)
    header = (f"  {'coders':<{coder_width}} {'articles':>8} {'alpha':>6} {'interval':>17}{below}"
              f" {'agree%':>6} {'kappa':>6} {'k_lin':>6} {'k_quad':>6}")
    current = None
    for f in report.figures:
        if f.item != current:
            current = f.item
            print(f"{f.item} ({f.level})")
            print(header)
        who = " vs ".join(f.coders) if f.pair else f"all {len(f.coders)} coders"
        if f.interval is not None:
            span = f"[{f.interval.low:6.3f}, {f.interval.high:6.3f}]"
            odds = "".join(f" {f.interval.below[t]:>7.3f}" for t in thresholds)
        else:
            span, odds = f"{'-':>17}", "".join(f" {'-':>7}" for _ in thresholds)
        percent = f"{f.percent * 100:>6.1f}" if f.percent is not None else f"{'n/a':>6}"
        print(f"  {who:<{coder_width}} {f.articles:>8} {_n(f.alpha)} {span:>17}{odds} {percent}"
              f" {_dash(f.kappa)} {_dash(f.kappa_linear)} {_dash(f.kappa_quadratic)}")
