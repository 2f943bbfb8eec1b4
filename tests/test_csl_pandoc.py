"""CSL-JSON as a reader gets it: rendered by pandoc's citeproc (Debian package ``pandoc``).

The items are cited by their ids as a writer would (``[@key]``) and the reference list is
rendered in pandoc's default style (Chicago author-date) as plain text. Skips without pandoc.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import provenance
from provenance.csl import documents_to_csl_json
from provenance.model import Document

PANDOC = shutil.which("pandoc")
pytestmark = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (apt install pandoc)"
)

REPORT = (
    "Sri Lanka: returnees [XYZ10001.E]\n\n"
    "Returnees were questioned (Daily Mirror 4 May 2001). The committee agreed.<sup>1</sup> "
    "Amnesty agreed.<sup>2</sup> A letter said so.<sup>3</sup> The Commission too.<sup>4</sup>\n\n"
    "<sup>1</sup>CAT/C/LKA/CO/2, para. 16.\n\n"
    "<sup>2</sup>Amnesty International, *Sri Lanka: Detention of returnees* (AI Index: ASA "
    "37/012/2001), issued in May 2001.\n\n"
    "<sup>3</sup>Letter from CEDAW to the Permanent Mission of Sri Lanka, dated 8 February 2011, "
    "available from\n"
    "http://tbinternet.ohchr.org/Treaties/CEDAW/Shared%20Documents/LKA/INT_CEDAW_FUL_LKA\n"
    "_11944_E.pdf.\n\n"
    "<sup>4</sup>E/CN.4/2004/9, para. 3.\n\n"
    "References\n\n"
    'Daily Mirror [Colombo]. 4 May 2001. "Returnees Held at Airport." '
    "http://www.dailymirror.lk/2001/05/04/a.html [Accessed 20 June 2001]\n\n"
    "Country Reports for Human Rights Practices for 2000. 2001.\n"
)


def _render(items: list[dict[str, object]], body: str, tmp_path: Path) -> str:
    assert PANDOC is not None
    bibliography = tmp_path / "sources.json"
    bibliography.write_text(json.dumps(items), encoding="utf-8")
    run = subprocess.run(
        [PANDOC, "--citeproc", "--bibliography", str(bibliography), "-t", "plain", "--wrap=none"],
        input=body,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    # Citeproc warns of keys it cannot find and of items it cannot read.
    assert run.stderr == "", run.stderr
    return run.stdout


def test_cited_keys_render_as_readable_references(tmp_path: Path) -> None:
    items = json.loads(documents_to_csl_json([provenance.parse(REPORT, "seeds/report.txt")]))
    keys = {item["id"] for item in items}
    body = "Text " + " ".join(f"[@{key}]" for key in sorted(keys)) + ".\n"
    rendered = _render(items, body, tmp_path)
    lines = [line for line in rendered.splitlines() if line.strip()]
    references = "\n".join(lines[1:])

    # UN documents: by the organ, with the symbol and the year the symbol carries.
    assert "Committee against Torture. n.d. “UN Doc. CAT/C/LKA/CO/2.” United Nations." in (
        references
    )
    assert "Commission on Human Rights. 2004. “UN Doc. E/CN.4/2004/9.” United Nations." in (
        references
    )
    assert "n.d. United Nations." not in references.replace("”", "").replace("“", "")
    # A title is a title, not an author.
    assert "“Country Reports for Human Rights Practices for 2000.” 2001." in references
    # The wrapped address is whole.
    assert "INT_CEDAW_FUL_LKA_11944_E.pdf" in references
    assert "Amnesty International. 2001. “Sri Lanka: Detention of Returnees.”" in references
    assert "Daily Mirror. 2001. “Returnees Held at Airport,” May 4, 2001." in references
    # The citations in the text resolved (an unknown key would print as "???" or the key).
    assert "???" not in lines[0] and "@" not in lines[0]
    assert "Daily Mirror 2001" in lines[0]


def test_the_same_keys_whatever_the_path(tmp_path: Path) -> None:
    typed = ["seeds/report.txt", "./seeds/report.txt", str(tmp_path / "seeds" / "report.txt")]
    exports = [documents_to_csl_json([provenance.parse(REPORT, path)]) for path in typed]
    keys = [[item["id"] for item in json.loads(export)] for export in exports]
    assert keys[0] == keys[1] == keys[2]
    # A document written against one export renders against another.
    body = "Text [@" + keys[0][0] + "].\n"
    assert "Daily Mirror 2001" in _render(json.loads(exports[2]), body, tmp_path)


def test_the_seed_sources_render_without_warnings(
    tmp_path: Path, seed_results: list[tuple[Document, object]]
) -> None:
    items = json.loads(documents_to_csl_json([document for document, _ in seed_results]))
    body = "---\nnocite: '@*'\n---\n\nText.\n"
    rendered = _render(items, body, tmp_path)
    entries = [line for line in rendered.splitlines() if line.strip()][1:]
    assert len(entries) == len(items)
    # Every entry says more than a date: an author, title or publisher is shown.
    assert all(len(entry.split()) > 1 for entry in entries), entries
