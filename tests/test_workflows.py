"""The GitHub workflows validate against GitHub's schema and pass zizmor offline; the lock
file stays above the versions that close known security advisories."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))


def test_there_are_workflows() -> None:
    assert {Path(w).name for w in WORKFLOWS} >= {"ci.yml", "deploy.yml", "archive.yml"}


def test_the_archive_workflow_asks_for_least_privilege() -> None:
    """Write access only on its one job, only what a pull request needs; no third-party action;
    the data checked before a pull request is opened (the workflow's token starts no CI)."""
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "archive.yml").read_text("utf-8"))
    assert flow["permissions"] == {}
    (job,) = flow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    uses = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python"]
    runs = [step.get("run", "") for step in job["steps"]]
    order = [next(i for i, r in enumerate(runs) if word in r) for word in ("generator links", "generator archive",
                                                                            "generator check", "gh pr create")]
    assert order == sorted(order)


def test_workflows_match_githubs_schema() -> None:
    proc = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *WORKFLOWS],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_pass_zizmor_offline() -> None:
    proc = subprocess.run([str(BIN / "zizmor"), "--offline", "--config", str(ROOT / "zizmor.yml"), *WORKFLOWS],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_catches_a_planted_problem(tmp_path: Path) -> None:
    """The check above can fail: a workflow that expands untrusted input into a shell is caught."""
    bad = tmp_path / "bad.yml"
    bad.write_text("name: bad\non: pull_request_target\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                   "    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n", "utf-8")
    proc = subprocess.run([str(BIN / "zizmor"), "--offline", "--config", str(ROOT / "zizmor.yml"), str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "template-injection" in proc.stdout + proc.stderr


# Lowest versions that close published advisories, for packages in the lock file.
ADVISORY_FLOORS = {
    "mkdocs-material": ("9.7.7", "DOM XSS in search suggestions"),
    "pymdown-extensions": ("10.0", "CVE-2023-32309: snippets could read files outside the docs"),
    "jinja2": ("3.1.6", "CVE-2025-27516: sandbox breakout through the attr filter"),
    "requests": ("2.32.4", "CVE-2024-47081: .netrc credentials leaked to third parties"),
    "urllib3": ("2.5.0", "CVE-2025-50181: redirects not disabled when asked"),
    "certifi": ("2024.7.4", "CVE-2024-39689: GLOBALTRUST root certificates removed"),
}


def version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:4])


@pytest.mark.parametrize("package", sorted(ADVISORY_FLOORS))
def test_lock_file_is_above_advisory_floors(package: str) -> None:
    lock = {line.split("==")[0].lower(): line.split("==")[1].strip()
            for line in (ROOT / "requirements.lock").read_text("utf-8").splitlines() if "==" in line}
    floor, why = ADVISORY_FLOORS[package]
    assert package in lock, f"{package} missing from requirements.lock"
    assert version(lock[package]) >= version(floor), f"{package} {lock[package]} < {floor}: {why}"
