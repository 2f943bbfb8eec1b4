"""Baselines: adopt the checker on an existing archive by recording today's findings.

A finding is recorded by file, rule and fingerprint (the rule, the text the finding is about and
its message, not its line), so editing text above a recorded finding does not bring it back.
Each recorded finding excuses one matching finding: if the same fault appears a second time in
the file, the new one is reported.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath

import attrs

from provenance.errors import ConfigError, InputError
from provenance.fileio import read_regular_file, write_atomic
from provenance.findings import FileResult
from provenance.records import shared_methods

VERSION = 1

Key = tuple[str, str, str]


def _normal_path(path: str) -> str:
    return PurePath(path).as_posix()


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Baseline:
    """Recorded findings, each with how many times it was recorded."""

    entries: Counter[Key] = attrs.field(factory=Counter)

    def new_findings(self, results: Sequence[FileResult]) -> list[FileResult]:
        """The results with every finding the baseline records taken out."""
        remaining = Counter(self.entries)
        kept = []
        for result in results:
            findings = []
            for finding in result.findings:
                key = (_normal_path(result.path), finding.rule, finding.fingerprint())
                if remaining[key] > 0:
                    remaining[key] -= 1
                    continue
                findings.append(finding)
            kept.append(
                FileResult(
                    result.path,
                    tuple(findings),
                    suppressed=result.suppressed,
                    suppressed_findings=result.suppressed_findings,
                )
            )
        return kept


def baseline_of(results: Sequence[FileResult]) -> Baseline:
    return Baseline(
        Counter(
            (_normal_path(result.path), finding.rule, finding.fingerprint())
            for result in results
            for finding in result.findings
        )
    )


def write_baseline(path: str, results: Sequence[FileResult]) -> None:
    """Record the findings of ``results`` in ``path`` (atomically; sorted, so diffs stay small)."""
    entries = baseline_of(results).entries
    payload = {
        "version": VERSION,
        "findings": [
            {"path": file, "rule": rule, "fingerprint": fingerprint, "count": count}
            for (file, rule, fingerprint), count in sorted(entries.items())
        ],
    }
    write_atomic(path, json.dumps(payload, indent=2) + "\n")


#: Largest baseline file read.
_MAX_BASELINE_BYTES = 512 * 2**20


def load_baseline(path: str) -> Baseline:
    """Read a baseline file; ``ConfigError`` when it is missing or not a baseline."""
    try:
        # A regular file only: a named pipe given as the baseline would wait for a writer.
        data = read_regular_file(path, _MAX_BASELINE_BYTES + 1)
        if len(data) > _MAX_BASELINE_BYTES:
            raise ConfigError(f"baseline {path} is over {_MAX_BASELINE_BYTES // 2**20} MiB")
        payload = json.loads(data.decode("utf-8"))
    except InputError as error:
        reason = error.reason.split(";")[0]  # without the hint for inputs ("give - ...")
        raise ConfigError(f"cannot read baseline {path}: {reason}") from None
    except OSError as error:
        raise ConfigError(f"cannot read baseline {path}: {error.strerror}") from None
    except ValueError as error:
        raise ConfigError(f"baseline {path} is not JSON: {error}") from None
    if not isinstance(payload, dict) or payload.get("version") != VERSION:
        raise ConfigError(f"baseline {path} is not a version {VERSION} provenance baseline")
    entries: Counter[Key] = Counter()
    try:
        for item in payload["findings"]:
            key = (_normal_path(str(item["path"])), str(item["rule"]), str(item["fingerprint"]))
            entries[key] += int(item.get("count", 1))
    except (KeyError, TypeError, ValueError) as error:
        raise ConfigError(f"baseline {path} has a malformed entry: {error}") from None
    return Baseline(entries)
