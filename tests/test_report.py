"""The PDF report, read back: headings, figures, escaping, fonts, determinism, margins."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from cxmaturity.archive import dump_archive
from cxmaturity.archive.model import Consensus, RoadmapDecision, WorkshopArchive
from cxmaturity.demo import demo_archive
from cxmaturity.formatting import number
from cxmaturity.i18n import t
from cxmaturity.report import build_report
from cxmaturity.report.document import PAGE_HEIGHT, PAGE_WIDTH
from cxmaturity.report.styles import BOTTOM_MARGIN, PAGE_MARGIN, TOP_MARGIN
from tests.builders import Q
from tests.conftest import IN_CI
from tests.test_cli import cli

HEADINGS = ["summary", "profile", "alignment", "mistakes", "framing", "roadmap", "appendix"]
INJECTED = "<b>bold</b> & <img src='x.png'/> <para>end</para> &amp; =SUM(A1)"


def workshop(participants: int = 12, seed: int = 7) -> WorkshopArchive:
    archive = demo_archive(Q, participants, seed)
    first = archive.participants[0]
    answers = {**first.answers, Q.key_questions.value_destruction: INJECTED}
    people = [first.model_copy(update={"answers": answers}), *archive.participants[1:]]
    item = Q.scored_items[0].id
    return archive.model_copy(
        update={
            "organisation": "Acme <b>&</b> Co",
            "participants": people,
            "consensus": {item: Consensus(level=3, note="Pilot <i>first</i>")},
            "roadmap_review": [RoadmapDecision(action_id=Q.actions[0].id, status="accepted")],
        }
    )


@cache
def pdf(lang: str, participants: int = 12) -> bytes:
    return build_report(workshop(participants), Q, lang)  # type: ignore[arg-type]


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Extracted text with line breaks and repeated spaces folded."""
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_section_heading_is_there(lang: str) -> None:
    text = flat(text_of(pdf(lang)))
    for heading in HEADINGS:
        assert flat(t(f"report_h_{heading}", lang)) in text  # type: ignore[arg-type]
    other = "en" if lang == "fr" else "fr"
    for heading in HEADINGS:
        english_or_french = flat(t(f"report_h_{heading}", other))  # type: ignore[arg-type]
        if english_or_french != flat(t(f"report_h_{heading}", lang)):  # type: ignore[arg-type]
            assert english_or_french not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_printed_scores_equal_score_json(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(dump_archive(workshop()), encoding="utf-8")
    scores = json.loads(cli("score", path, "--json").stdout)
    text = flat(text_of(pdf(lang)))
    overall = number(scores["overall"]["score"], lang)  # type: ignore[arg-type]
    assert f"{overall} / 5" in text
    for dimension in scores["dimensions"]:
        name = Q.dimensions_by_id[dimension["id"]].name(lang)  # type: ignore[arg-type]
        shown = number(dimension["score"], lang)  # type: ignore[arg-type]
        assert re.search(rf"{re.escape(name)} {re.escape(shown)} {dimension['level']} ·", text), (
            name
        )
    decimal = "," if lang == "fr" else "."
    assert f"{int(scores['overall']['score'])}{decimal}" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_participant_text_prints_literally(lang: str) -> None:
    text = flat(text_of(pdf(lang)))
    assert INJECTED in text
    assert "Acme <b>&</b> Co" in text
    assert "Pilot <i>first</i>" in text


def test_fonts_are_embedded_and_only_lato_is_used() -> None:
    reader = PdfReader(io.BytesIO(pdf("fr")))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            seen.add(str(font["/BaseFont"]).split("+")[-1])
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # composite font: the descriptor is on the descendant
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert seen and all(name.startswith("Lato") for name in seen), seen


def test_the_same_input_gives_the_same_bytes() -> None:
    assert build_report(workshop(), Q, "fr") == pdf("fr")


def test_metadata() -> None:
    reader = PdfReader(io.BytesIO(pdf("en")))
    assert reader.metadata is not None
    assert reader.metadata.title == "Customer experience maturity — Acme <b>&</b> Co"
    assert reader.metadata.author == "Acme <b>&</b> Co"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert PdfReader(io.BytesIO(pdf("fr"))).trailer["/Root"]["/Lang"] == "fr-FR"


def test_french_and_english_number_formats() -> None:
    fr, en = flat(text_of(pdf("fr"))), flat(text_of(pdf("en")))
    assert re.search(r"\d,\d\d / 5", fr) and not re.search(r"\d\.\d\d / 5", fr)
    assert re.search(r"\d\.\d\d / 5", en)
    assert "page 2 / " in fr and "page 2 / " in en


@pytest.mark.parametrize("participants", [1, 200])
def test_small_and_large_workshops(participants: int) -> None:
    data = pdf("fr", participants)
    text = flat(text_of(data))
    assert t("report_h_roadmap", "fr") in text
    if participants == 1:
        assert flat(t("report_verdict_too_few", "fr")) in text  # no fake agreement figures
        assert flat(t("report_heatmap_one_role", "fr")) in text  # the demo is in open mode


def test_the_report_command(tmp_path: Path) -> None:
    archive, out = tmp_path / "w.json", tmp_path / "out" / "r.pdf"
    archive.write_text(dump_archive(workshop()), encoding="utf-8")
    result = cli("report", archive, "--lang", "en", "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == pdf("en")


def render(data: bytes, tmp_path: Path, dpi: int = 40) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        message = "pdftoppm is missing: install Debian's poppler-utils (see .ci/run)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path / "report.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", source, tmp_path / "page"], check=True)
    return sorted(tmp_path.glob("page-*.png"))


@pytest.mark.parametrize(("lang", "participants"), [("fr", 1), ("fr", 12), ("en", 12), ("en", 200)])
def test_nothing_is_drawn_in_the_margins(lang: str, participants: int, tmp_path: Path) -> None:
    """Rendered pages: outside the text frame, header and footer, every pixel is white —
    no text or chart runs over the margins."""
    from PIL import Image

    pages = render(pdf(lang, participants), tmp_path)
    assert len(pages) >= 10
    scale = 40 / 72
    tolerance = 2  # pixels: anti-aliasing at the frame's edge
    left = int(PAGE_MARGIN * scale) - tolerance
    right = int((PAGE_WIDTH - PAGE_MARGIN) * scale) + tolerance
    top = int((TOP_MARGIN - 14 * 72 / 25.4) * scale) - tolerance  # above the running header
    for page in pages[1:]:  # the cover's navy band spans the full width by design
        image = Image.open(page).convert("L")
        width, height = image.size
        for box in [(0, 0, left, height), (right, 0, width, height), (0, 0, width, max(top, 1))]:
            darkest = min(image.crop(box).get_flattened_data())
            assert darkest > 245, f"{page.name}: something drawn in the margin {box}"
    assert BOTTOM_MARGIN > 0 and PAGE_HEIGHT > 0


@pytest.mark.parametrize("participants", [1, 2, 6, 12, 40])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_page_holds_only_its_header_and_footer(participants: int, lang: str) -> None:
    """The reports looked at for issue 16: n = 1 and 12 had a blank page (a section's
    trailing space spilled onto a page of its own before the next section's page break)."""
    a = demo_archive(Q, participants, seed=7, language=lang)  # type: ignore[arg-type]
    if participants >= 12:
        a = a.model_copy(update={"role_figures": "protected"})
    reader = PdfReader(io.BytesIO(build_report(a, Q, lang)))  # type: ignore[arg-type]
    furniture = {a.organisation, t("report_title", lang),  # type: ignore[arg-type]
                 t("report_confidential", lang, organisation=a.organisation)}  # type: ignore[arg-type]  # fmt: skip
    for number_, page in enumerate(reader.pages, start=1):
        lines = {line.strip() for line in page.extract_text().splitlines() if line.strip()}
        body = {
            line for line in lines if line not in furniture and not re.search(r"\d+ / \d+$", line)
        }
        assert body, f"page {number_} of {len(reader.pages)} is blank"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_first_moves_are_due_when_the_team_said(lang: str) -> None:
    """A due date set in the review is the one the executive summary's first moves give
    (their KPI's target date), as the plan table does: not the horizon's end."""
    import datetime as dt

    from cxmaturity.formatting import long_date
    from cxmaturity.results import compute_results
    from cxmaturity.results.roadmap import horizon_end

    base = workshop()
    first = compute_results(base, Q).roadmap[0]
    due = dt.date(2027, 2, 14)
    assert due != horizon_end(base.date, first.horizon)
    reviewed = base.model_copy(
        update={
            "roadmap_review": [
                RoadmapDecision(action_id=first.action_id, status="accepted", due=due)
            ]
        }
    )
    pages = PdfReader(io.BytesIO(build_report(reviewed, Q, lang))).pages  # type: ignore[arg-type]
    summary = next(
        flat(p.extract_text())
        for p in pages
        if flat(t("report_first_actions", lang)) in flat(p.extract_text())
    )  # type: ignore[arg-type]
    moves = summary.split(flat(t("report_first_actions", lang)), 1)[1]  # type: ignore[arg-type]
    assert flat(long_date(due, lang)) in moves
