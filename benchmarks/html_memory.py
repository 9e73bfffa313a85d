"""Peak memory and time of `msa-check check` on very large HTML pages (issue 15).

Three generated pages, each checked in a child process of its own (its peak RSS is read
from the rusage of a small wrapper process that waits for it, so each figure is that one
run's):

- `dense`: N MB of statement paragraphs, all of it text: the worst case for the parser;
- `bloated`: the Brightwave sample statement inside N MB of inline scripts, styles,
  a base64 image and comments, the usual reason a real page is huge;
- `sample`: the Brightwave sample as it is, for scale.

With `--before-src DIR` every page is also checked with PYTHONPATH=DIR/src (an earlier
version, e.g. `git archive COMMIT | tar -x -C DIR`), and the ratios are printed side by side.

    python benchmarks/html_memory.py --mb 40 [--before-src /tmp/before]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLE = Path(__file__).parents[1] / "samples" / "brightwave-retail.html"
PARAGRAPH = (
    "<div class='c'><p>We assess our suppliers for modern slavery risk, audit the"
    " highest-risk sites each year and train our buyers on forced labour.</p></div>\n"
)
# Runs the command given, then prints its exit code, wall time, peak RSS and stderr.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print(json.dumps({"rc": done.returncode, "seconds": time.monotonic() - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "stderr": done.stderr.strip().splitlines()[-1:] }))
"""


def dense_page(megabytes: float) -> str:
    count = int(megabytes * 1_000_000 / len(PARAGRAPH))
    return f"<html><head><title>Statement</title></head><body>{PARAGRAPH * count}</body></html>"


def bloated_page(megabytes: float) -> str:
    statement = SAMPLE.read_text(encoding="utf-8")
    share = int(megabytes * 1_000_000 / 4)
    script = "<script>var tracking = [" + "1," * (share // 2) + "0];</script>\n"
    style = "<style>" + ".x{color:red}" * (share // 13) + "</style>\n"
    image = base64.b64encode(os.urandom(share * 3 // 4)).decode()
    picture = f"<img alt='' src='data:image/png;base64,{image}'>\n"
    comment = "<!-- " + "build " * (share // 6) + "-->\n"
    return statement.replace("<body>", "<body>" + script + style + picture + comment, 1)


def measure(page: Path, src: str | None) -> dict[str, object]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    command = [sys.executable, "-m", "msa_check", "check", str(page), "--no-cache"]
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _line(name: str, label: str, figures: dict[str, object]) -> str:
    said = figures["stderr"][0][:70] if figures["stderr"] else ""  # type: ignore[index]
    return (
        f"{name:8} {label:7} exit {figures['rc']}  {figures['seconds']:7.1f} s"
        f"  peak {figures['peak_mb']:7.0f} MB  {said}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=40.0, help="size of the big pages (MB)")
    parser.add_argument("--before-src", help="an earlier checkout to run beside this one")
    parser.add_argument(
        "--pages", default="sample,bloated,dense", help="which pages, comma-separated"
    )
    args = parser.parse_args()
    makers = {
        "sample": lambda: SAMPLE.read_text(encoding="utf-8"),
        "bloated": lambda: bloated_page(args.mb),
        "dense": lambda: dense_page(args.mb),
    }
    with tempfile.TemporaryDirectory() as folder:
        for name in args.pages.split(","):
            page = Path(folder) / f"{name}.html"
            page.write_text(makers[name](), encoding="utf-8")
            size = page.stat().st_size / 1_000_000
            print(f"{name}: {size:.1f} MB", flush=True)
            now = measure(page, None)
            print(_line(name, "now", now), flush=True)
            if args.before_src:
                before = measure(page, str(Path(args.before_src) / "src"))
                print(_line(name, "before", before), flush=True)
                ratio = float(before["peak_mb"]) / float(now["peak_mb"])  # type: ignore[arg-type]
                speed = float(before["seconds"]) / float(now["seconds"])  # type: ignore[arg-type]
                print(f"{name:8} before/now: peak memory {ratio:.1f}x, time {speed:.1f}x")


if __name__ == "__main__":
    main()
