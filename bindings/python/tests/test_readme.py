"""The Python example of the workspace README runs as shown."""

import contextlib
import io
import os
import re

from conftest import REPO


def test_the_readme_example_runs_from_the_workspace_root():
    readme = (REPO / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) == 1, "the README shows one Python example"
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(blocks[0], "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    # The progress callback printed at least once, then the cost and the breakdown of tiny.ctt.
    assert len(lines) >= 2
    assert lines[-1].startswith("(0, 0) {"), lines[-1]
