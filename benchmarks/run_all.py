"""Every benchmark in turn (`make bench`); each prints JSON lines with its figures.

The machine and its load average come first and last: a load average above the core count
means other work shared the CPU, and wall-clock figures (scaling above all) are then rough.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from _machine import describe_machine, load_average

HERE = Path(__file__).resolve().parent


def main() -> int:
    print(json.dumps({"machine": describe_machine()}), flush=True)
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        status |= subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
    print(json.dumps({"load_average_at_end": load_average()}), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
