"""Typeset chapter 2 of the Amnesty International seed report (``seeds/001_...``) as a PDF
(pdflatex: footnotes at the foot of each page, a running head, page numbers) and as a web
page (footnotes in pandoc's markup: ``<sup><a href="#fn2">``, an ``<ol>`` of notes with back
links, site navigation around the article). Run from this folder; needs ``pdflatex``.

The text is the seed's, words unchanged; only the OCR damage is undone where typesetting needs
it: running heads glued into paragraphs are taken out and notes whose number OCR glued to the
text are split off.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

SEED = Path(__file__).parents[3] / "seeds" / "001_57fd68c990b575be.txt"
HEAD = re.compile(
    r"\s*(?:It is not )?Al Index: ASA 24/06/96Amnesty International September 1996|"
    r"\s*Amnesty International September 1996Al Index: ASA 24/06/96"
)
CALL = re.compile(r"<sup>(\d+)</sup>")


def blocks() -> tuple[list[tuple[str, str]], dict[int, str]]:
    lines = SEED.read_text(encoding="utf-8").splitlines()[45:160]
    text: list[tuple[str, str]] = []
    notes: dict[int, str] = {}
    for line in lines:
        line = HEAD.sub("", line).strip()
        if not line:
            continue
        body = re.match(r"<sup>(\d+)</sup>\s*(.*)", line)
        if body:
            if int(body.group(1)) > 1:  # note 1 is called in chapter 1, before the excerpt
                notes[int(body.group(1))] = body.group(2)
        elif line.startswith("#"):
            text.append(("h", line.lstrip("# ").replace("**", "")))
        else:
            text.append(("p", line))
    return text, notes


def drop_lost_calls(text: list[tuple[str, str]], notes: dict[int, str]) -> list[tuple[str, str]]:
    """Calls of notes whose text OCR lost from the excerpt are taken out (a typeset note
    cannot be empty)."""

    def keep(match: re.Match[str]) -> str:
        return match.group(0) if int(match.group(1)) in notes else ""

    return [(kind, CALL.sub(keep, value)) for kind, value in text]


def footnote(number: str, text: str) -> str:
    return rf"\footnote[{number}]" + "{" + text + "}"


def latex(text: list[tuple[str, str]], notes: dict[int, str]) -> str:
    def escape(s: str) -> str:
        return (
            s.replace("\\", "")
            .replace("&", r"\&")
            .replace("%", r"\%")
            .replace("$", r"\$")
            .replace("#", r"\#")
            .replace("_", r"\_")
            .replace('"', "''")
            .replace("*", "")
        )

    def calls(s: str) -> str:
        return CALL.sub(
            lambda m: footnote(m.group(1), escape(notes.get(int(m.group(1)), ""))),
            escape_keep(s),
        )

    def escape_keep(s: str) -> str:
        parts = CALL.split(s)
        return "".join(escape(p) if i % 2 == 0 else f"<sup>{p}</sup>" for i, p in enumerate(parts))

    out = [
        r"\documentclass[11pt,a4paper]{article}",
        r"\usepackage{fancyhdr}",
        r"\pagestyle{fancy}",
        r"\fancyhf{}",
        r"\fancyhead[L]{AI Index: ASA 24/06/96}",
        r"\fancyhead[R]{Amnesty International September 1996}",
        r"\fancyfoot[C]{\thepage}",
        r"\begin{document}",
    ]
    called = {int(n) for _, value in text for n in CALL.findall(value)}
    for kind, value in text:
        if kind == "h":
            out.append(r"\section*{" + calls(value) + "}")
        else:
            out.append(calls(value) + "\n")
        for number in sorted(notes):
            # A note whose call OCR lost is still printed, at the foot of the page it is on.
            if number not in called and f"<sup>{number - 1}</sup>" in value:
                out.append(rf"\footnotetext[{number}]" + "{" + escape(notes[number]) + "}")
    out.append(r"\end{document}")
    return "\n".join(out)


def page(text: list[tuple[str, str]], notes: dict[int, str]) -> str:
    def calls(s: str) -> str:
        parts = CALL.split(s)
        return "".join(
            html.escape(p)
            if i % 2 == 0
            else f'<sup><a href="#fn{p}" class="footnote-ref" id="fnref{p}">{p}</a></sup>'
            for i, p in enumerate(parts)
        )

    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>Pursuit, Intimidation and Abuse of North Korean Refugees and Workers</title>",
        "<style>nav{display:block}</style>",
        "</head>",
        "<body>",
        '<nav class="site-nav"><ul><li><a href="/">Home</a></li>'
        '<li><a href="/research">Research</a></li>'
        '<li><a href="/campaigns">Campaigns</a></li></ul></nav>',
        '<div class="breadcrumb">Home / Research / ASA 24/06/96</div>',
        "<main>",
        "<article>",
    ]
    for kind, value in text:
        if kind == "h":
            out.append(f"<h2>{calls(value)}</h2>")
        else:
            out.append(f"<p>{calls(value)}</p>")
    out.append('<section class="footnotes"><hr><ol start="2">')
    for number in sorted(notes):
        out.append(
            f'<li id="fn{number}" value="{number}"><p>{html.escape(notes[number])} '
            f'<a href="#fnref{number}" class="footnote-back">↩︎</a></p></li>'
        )
    out += [
        "</ol></section>",
        "</article>",
        "</main>",
        '<footer class="site-footer"><p>© Amnesty International</p></footer>',
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def main() -> None:
    text, notes = blocks()
    text = drop_lost_calls(text, notes)
    here = Path(__file__).parent
    (here / "amnesty-asa240696.tex").write_text(latex(text, notes), encoding="utf-8")
    for _ in range(2):
        subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "amnesty-asa240696.tex"],
            cwd=here,
            check=True,
            capture_output=True,
        )
    for suffix in (".aux", ".log", ".tex"):
        (here / f"amnesty-asa240696{suffix}").unlink()
    (here / "amnesty-asa240696.html").write_text(page(text, notes), encoding="utf-8")


if __name__ == "__main__":
    main()
