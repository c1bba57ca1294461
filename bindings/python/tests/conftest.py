"""Shared locations and helpers of the binding's tests.

- REPO: the workspace root (three levels above this file).
- INSTANCES: the shared benchmark data, $HORARIUM_INSTANCES (relative to the workspace root when
  relative), by default ../shared/instances beside the workspace, as the Rust tests find it.
- CLI: the command-line tool, target/release/horarium (or $HORARIUM_CLI), which the tests compare
  the binding with. Tests that need it are skipped when it is not built, unless
  HORARIUM_REQUIRE_CLI=1 (set by scripts/test-python.sh, which builds it), where they fail.
"""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "fixtures"


def _instances() -> Path:
    value = os.environ.get("HORARIUM_INSTANCES")
    path = Path(value) if value else Path("../shared/instances")
    return path if path.is_absolute() else (REPO / path).resolve()


INSTANCES = _instances()
ITC2007 = INSTANCES / "itc2007"
COMPS = [f"comp{i:02}" for i in range(1, 22)]
CLI = Path(os.environ.get("HORARIUM_CLI", REPO / "target" / "release" / "horarium"))


@pytest.fixture(scope="session")
def itc2007() -> Path:
    """The ITC-2007 folder of the shared instances; fails (never skips) when it is missing."""
    assert ITC2007.is_dir(), f"benchmark instances not found at {INSTANCES} (set HORARIUM_INSTANCES to the folder holding itc2007/)"
    return ITC2007


@pytest.fixture(scope="session")
def cli() -> Path:
    """The built command-line tool."""
    if not CLI.is_file():
        message = f"the command-line tool is not built at {CLI} (cargo build --release -p horarium)"
        if os.environ.get("HORARIUM_REQUIRE_CLI") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return CLI


def run_cli(cli: Path, *args: object, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Runs the command-line tool from the workspace root, capturing its output as text."""
    return subprocess.run([str(cli), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300)
