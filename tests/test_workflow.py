"""The GitHub workflow: valid YAML, valid against the workflow JSON Schema (offline), right steps."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "crosscheck.yml"


def load() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    data["on"] = data.pop(True)
    return dict(data)


def steps() -> list[dict[str, Any]]:
    (job,) = load()["jobs"].values()
    return list(job["steps"])


def test_valid_against_the_github_workflow_schema() -> None:
    # SchemaStore's schema for workflow files, as vendored by check-jsonschema: no network.
    schema_file = resources.files("check_jsonschema").joinpath("builtin_schemas/vendor/github-workflows.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(load())]
    assert errors == []


def test_runs_on_pull_requests_touching_the_seeds() -> None:
    trigger = load()["on"]
    assert list(trigger) == ["pull_request"]
    assert "seeds/**" in trigger["pull_request"]["paths"]


def test_installs_like_the_quick_start_then_checks_with_annotations() -> None:
    uses = [s.get("uses", "") for s in steps()]
    assert uses[0].startswith("actions/checkout@")
    (python,) = [s for s in steps() if s.get("uses", "").startswith("actions/setup-python@")]
    assert python["with"]["python-version"] == "3.11"
    runs = "\n".join(s.get("run", "") for s in steps())
    assert runs.index("pip install -q torch==2.13.0") < runs.index("pip install -q -e .")
    (check,) = [s for s in steps() if "crosscheck check" in s.get("run", "")]
    assert "--annotations github" in check["run"]


def test_report_reaches_the_summary_and_the_artifacts_even_when_the_check_fails() -> None:
    (summary,) = [s for s in steps() if "$GITHUB_STEP_SUMMARY" in s.get("run", "")]
    assert "consistency.md" in summary["run"] and "cancelled()" in summary["if"]
    (upload,) = [s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert "cancelled()" in upload["if"]
    paths = [line.strip() for line in upload["with"]["path"].splitlines() if line.strip()]
    names = ["${{ env.SEEDS }}", "consistency-sources", "consistency.html", "consistency.json", "consistency.md"]
    assert sorted(Path(p).name for p in paths) == names  # the articles too: the HTML links to them
    # The summary says where the HTML report is: in the artifact, linked from the run.
    assert "consistency.html" in summary["run"] and "crosscheck-reports" in summary["run"]
    assert "github.run_id" in summary["env"]["RUN_URL"]
