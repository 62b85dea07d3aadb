"""Run the benchmarks: every ``bench_*.py`` here, or only those whose name contains ONLY.

Each benchmark module defines ``main()``, which prints its figures through
``tests.benchmarks.report.report``. Modules run one after another, each in
its own process so that one cannot warm caches for the next.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    only = argv[0] if argv else ""
    modules = sorted(p.stem for p in HERE.glob("bench_*.py") if only in p.stem)
    if not modules:
        print(f"no benchmark matches {only!r}", file=sys.stderr)
        return 2
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    failed = 0
    for module in modules:
        print(f"# {module}", flush=True)
        code = f"from tests.benchmarks.{module} import main; main()"
        failed += subprocess.run([sys.executable, "-c", code], env=env).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
