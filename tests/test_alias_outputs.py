"""In an `alias` workshop an alias never sits next to answers, in any output.

Participants type a nickname the facilitator sees on the live roster (who has joined, who
is stuck); next to answers it would name the person (`identity.alias_beside_answers`).
This test builds one real workshop on a SQLite file — five people joining under aliases
nobody would type by chance, a respondent entered in interview mode and one imported from
a CSV, every question answered, a consensus and a roadmap review recorded, the results
revealed — then walks every output that can carry answers and looks for each alias in
its text: the archive JSON and the CSV writers, the operator's export, the results and
their JSON, the PDF report (read back with pypdf), every command of the command line
(run in a subprocess on the file) and every page of the app (AppTest, all that a page
renders). The registry of outputs is checked against the code, so that a new writer,
command, console view or page cannot skip the walk.

The controls: on a `named` workshop, the walk of the outputs where names belong (the
archive and the files made from it) finds every name, so the search does find a name
where one is; and the facilitator's roster carries the aliases, where they belong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from cxmaturity.answers import AnswerValue
from cxmaturity.archive import csv_io
from cxmaturity.archive import io as archive_io
from cxmaturity.archive.io import dump_archive
from cxmaturity.archive.model import Consensus, Participant, RoadmapDecision, WorkshopArchive
from cxmaturity.cli import build_parser
from cxmaturity.demo import demo_archive
from cxmaturity.i18n import t
from cxmaturity.questionnaire.model import FreeTextQuestion
from cxmaturity.results import compute_results
from cxmaturity.results.roadmap import horizon_end
from cxmaturity.results.summary import summary as results_summary
from cxmaturity.store.factory import Store, open_store
from cxmaturity.ui import console, console_data, session
from cxmaturity.ui.routes import PAGES
from cxmaturity.workshops.identity import alias_beside_answers
from cxmaturity.workshops.views import NewWorkshop
from tests.builders import Q
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
DATE = dt.date(2026, 11, 23)
ORGANISATION = "Vandermolen Logistique"
#: The five people who join, by role; one more is interviewed, one more imported.
ROLES = ("ceo", "marketing", "sales", "cx", "finance")
INTERVIEWED_ROLE = "operations"
IMPORTED_ROLE = "customer_relations"
#: Aliases nobody types by chance (≤ 80 characters, no control character): five joined,
#: then the interviewee's and the imported respondent's.
ALIASES = ("Zorblax7", "Quillfeather", "Mungdrixel", "Vortenhaspe", "Plinkwazzle")
ALIAS_INTERVIEWED, ALIAS_IMPORTED = "Grendlethorp", "Snizzlewick"
#: The named control: the same workshop, people under their (made-up) names.
NAMES = (
    "Ottoline Brackwater",
    "Faustin Quimperle",
    "Rosalba Vintemille",
    "Ignatz Pellerow",
    "Dorothea Skarsgaunt",
)
NAME_INTERVIEWED, NAME_IMPORTED = "Casimir Tollenbeek", "Wilhelmina Sprackett"


# --- the workshop ------------------------------------------------------------------------


@dataclass
class World:
    """One workshop on a SQLite file of its own, and what each output said about it."""

    anonymity: str
    folder: Path
    store: Store
    workshop_id: str
    token: str
    code: str
    resume_tokens: list[str]
    identities: tuple[str, ...]
    #: The commands the walk reads, run in the background from the start (`commands_run`).
    commands: frozenset[str] = frozenset()
    commands_run: Future[None] | None = None
    texts: dict[str, str] = field(default_factory=dict)
    downloads: dict[str, str] = field(default_factory=dict)
    cli_texts: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"sqlite:///{self.folder / 'workshop.db'}"

    def archive(self) -> WorkshopArchive:
        return self.store.workshops.archive(self.workshop_id, self.token)

    def text(self, output: Output) -> str:
        if output.name not in self.texts:
            self.texts[output.name] = output.produce(self)
        return self.texts[output.name]


def answers_for_everything(people: int) -> list[dict[str, AnswerValue]]:
    """Realistic answers (the demo's simulation) to every question, free text included."""
    simulated = demo_archive(Q, people, seed=11).participants
    answers = []
    for number, person in enumerate(simulated, start=1):
        given = dict(person.answers)
        for question in Q.questions.values():
            if question.id not in given:
                assert isinstance(question, FreeTextQuestion), question.id
                given[question.id] = f"Réponse libre numéro {number} à {question.id}"
        assert set(given) == set(Q.questions)
        answers.append(given)
    return answers


def build_world(
    anonymity: str, identities: tuple[str, ...], folder: Path, commands: frozenset[str]
) -> World:
    joined, (interviewed, imported) = identities[: len(ROLES)], identities[len(ROLES) :]
    store = open_store(f"sqlite:///{folder / 'workshop.db'}")
    service = store.workshops
    access = service.create_workshop(
        NewWorkshop(
            organisation=ORGANISATION,
            workshop_date=DATE,
            language="fr",
            questionnaire_id=Q.id,
            questionnaire_version=Q.version,
            roles_expected=(*ROLES, INTERVIEWED_ROLE, IMPORTED_ROLE),
            anonymity=anonymity,
            role_figures="open",
            min_group_size=1,
        )
    )
    workshop_id, token = access.workshop_id, access.token
    code = service.open_workshop(workshop_id, token).join_code
    assert code
    answers = answers_for_everything(len(ROLES) + 2)
    resume_tokens = []
    for number, (role, alias) in enumerate(zip(ROLES, joined, strict=True)):
        seat = service.join(code, f"10.0.0.{number}/browser-{number}", role, alias)
        for question_id, value in answers[number].items():
            service.answer(seat.resume_token, question_id, value)
        service.set_section(seat.resume_token, len(Q.sections))  # finished: the end screen
        resume_tokens.append(seat.resume_token)
    interviewee = service.add_participant(workshop_id, token, INTERVIEWED_ROLE, interviewed)
    for question_id, value in answers[len(ROLES)].items():
        service.answer_for(workshop_id, token, interviewee, question_id, value)
    person = Participant(
        id="imported-1", role=IMPORTED_ROLE, alias=imported, answers=answers[len(ROLES) + 1]
    )
    assert service.import_participants(workshop_id, token, [person]) == 1
    service.reveal(workshop_id, token)
    results = compute_results(service.archive(workshop_id, token), Q)
    discussed = (results.alignment.divergent_items or [Q.scored_items[0].id])[0]
    service.set_consensus(
        workshop_id,
        token,
        discussed,
        Consensus(level=3, note="Les ventes ont convaincu le comité", moved=["sales"]),
    )
    proposed = results.roadmap
    assert proposed
    service.set_roadmap_review(
        workshop_id,
        token,
        [
            RoadmapDecision(
                action_id=entry.action_id,
                status="dropped" if i == len(proposed) - 1 else "accepted",
                owner_role=entry.owner_role,
                due=horizon_end(DATE, entry.horizon),
            )
            for i, entry in enumerate(proposed)
        ],
    )
    archive = service.archive(workshop_id, token)
    assert [len(p.answers) for p in archive.participants] == [len(Q.questions)] * len(identities)
    assert archive.consensus and archive.roadmap_review
    return World(
        anonymity, folder, store, workshop_id, token, code, resume_tokens, identities, commands
    )


@contextmanager
def running_commands(world: World) -> Iterator[World]:
    """The world, its commands started in the background: they take seconds each (a
    Python start-up, the PDF's chart layout), while the walk reads the other outputs."""
    with ThreadPoolExecutor(max_workers=1) as background:
        world.commands_run = background.submit(
            run_all, world, {**os.environ, "CXM_DATABASE_URL": world.url}
        )
        try:
            yield world
        finally:
            world.store.dispose()


@pytest.fixture(scope="module")
def alias_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The workshop under test; every command runs on it."""
    identities = (*ALIASES, ALIAS_INTERVIEWED, ALIAS_IMPORTED)
    world = build_world("alias", identities, tmp_path_factory.mktemp("alias"), frozenset(COMMANDS))
    with running_commands(world):
        yield world


@pytest.fixture(scope="module")
def named_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The control; only the outputs where names belong are read (NAMES_BESIDE_ANSWERS)."""
    identities = (*NAMES, NAME_INTERVIEWED, NAME_IMPORTED)
    commands = frozenset(o.name.removeprefix("cli: ") for o in NAMES_BESIDE_ANSWERS) & set(COMMANDS)
    world = build_world("named", identities, tmp_path_factory.mktemp("named"), commands)
    with running_commands(world):
        yield world


@pytest.fixture(scope="module", autouse=True)
def app_database() -> Iterator[None]:
    """`page` points the app at a world's file; put everything back afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CXM_DATABASE_URL", os.environ.get("CXM_DATABASE_URL", "sqlite:///:memory:"))
        try:
            yield
        finally:
            session.store.clear()


# --- reading an output as text -----------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    """Every page's text and the document's metadata (title, author, subject…)."""
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    metadata = " ".join(f"{key}={value}" for key, value in (reader.metadata or {}).items())
    pages = [page.extract_text() or "" for page in reader.pages]
    assert ORGANISATION in pages[0], "the pages' text cannot be read: the search would be blind"
    return "\n".join([metadata, *pages])


def rendered(app: AppTest) -> str:
    """All a page renders: every element's message (text, labels, options, values, the
    tables' and the charts' data), in the main area and the sidebar."""
    assert not app.exception, [e.value for e in app.exception]
    parts = [str(node.proto) for area in (app.main, app.sidebar) for node in area if node.proto]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(parts)


def page(world: World, name: str, **params: str) -> AppTest:
    """A page of the app on the workshop's database, as a new browser session sees it."""
    os.environ["CXM_DATABASE_URL"] = world.url
    session.store.clear()  # the store the pages open, on this world's file
    console_data.progress.clear()
    console_data.outcome.clear()
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(f"cxmaturity/ui/pages/{name}.py")
    return app.run()


def console_view(view: str) -> Callable[[World], str]:
    def produce(world: World) -> str:
        return rendered(
            page(world, "facilitate", w=world.workshop_id, t=world.token, lang="fr", view=view)
        )

    return produce


def prepared_pdf(world: World) -> str:
    """The export view's PDF, as the button builds it, in each language it offers."""
    texts = []
    for lang in ("fr", "en"):
        app = page(
            world, "facilitate", w=world.workshop_id, t=world.token, lang=lang, view="export"
        )
        app.segmented_control(key="export_lang").set_value(lang).run()
        prepare = next(b for b in app.button if b.label == t("export_pdf_prepare", lang))
        prepare.click().run()
        built = app.session_state["export_pdf"]
        assert built[0][1] == lang
        texts.append(rendered(app) + pdf_text(built[1]))
    return "\n".join(texts)


def download(world: World, suffix: str) -> str:
    """What a download button of the export view gives, produced as a click would: the
    page registers a function for each file (deferred data), captured here and called."""
    if not world.downloads:
        registered: dict[str, Callable[[], Any]] = {}
        register = MediaFileManager.add_deferred

        def add_deferred(
            manager: MediaFileManager,
            data: Callable[[], Any],
            mimetype: str | None,
            coordinates: str,
            file_name: str | None = None,
            *,
            element_id: str = "",
        ) -> str:
            registered[file_name or coordinates] = data
            return register(manager, data, mimetype, coordinates, file_name, element_id=element_id)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(MediaFileManager, "add_deferred", add_deferred)
            page(world, "facilitate", w=world.workshop_id, t=world.token, lang="fr", view="export")
        for file_name, data in registered.items():
            content = data()
            assert isinstance(content, bytes), file_name
            world.downloads[file_name] = content.decode("utf-8-sig")
    (text,) = [text for name, text in world.downloads.items() if name.endswith(suffix)]
    return text


def answer_pages(world: World) -> str:
    """Each participant's page: every section and the end screen for the first one, the
    page they are on (the end screen) for the others."""
    texts = []
    for number, resume in enumerate(world.resume_tokens):
        sections = range(len(Q.sections) + 1) if number == 0 else [len(Q.sections)]
        for section in sections:
            world.store.workshops.set_section(resume, section)
            texts.append(rendered(page(world, "answer", p=resume, lang="fr")))
    return "\n".join(texts)


def team_results_pages(world: World) -> str:
    """Each participant's view of the team's results (the switch under the header)."""
    texts = []
    for resume in world.resume_tokens:
        app = page(world, "answer", p=resume, lang="fr")
        app.segmented_control(key="participant_view").set_value("results").run()
        texts.append(rendered(app))
    return "\n".join(texts)


def projector_slides(world: World) -> str:
    """The projector: its join screen's words, then every finding, one slide each."""
    texts = []
    for n in range(1, 20):
        app = page(world, "present", w=world.workshop_id, t=world.token, slide=str(n))
        texts.append(rendered(app))
        if app.button(key="slide_next").disabled:
            return "\n".join(texts)
    raise AssertionError("the projector's deck never ended")


def public_page(name: str) -> Callable[[World], str]:
    def produce(world: World) -> str:
        params = {"code": world.code} if name == "join" else {}
        return rendered(page(world, name, lang="fr", **params))

    return produce


# --- the command line ------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A `python -m cxmaturity` command on the workshop: its arguments (given the files
    of the world's folder), the command whose output it reads, and the files it writes."""

    argv: Callable[[World], list[str]]
    after: str | None = None
    writes: Callable[[World], str] = lambda world: ""


def file(world: World, name: str) -> Path:
    return world.folder / name


def copy_db(world: World) -> list[str]:
    """The imported copy lives in a database of its own: the workshop's stays as built."""
    return ["--db", f"sqlite:///{file(world, 'copy.db')}"]


def copy_id(world: World) -> str:
    return world.cli_texts["import"].split("workshop id:")[1].split()[0]


COMMANDS: dict[str, Command] = {
    "export": Command(
        lambda w: ["export", w.workshop_id, "--out", str(file(w, "cli.json")), "--db", w.url],
        writes=lambda w: file(w, "cli.json").read_text(encoding="utf-8"),
    ),
    "list": Command(lambda w: ["list", "--db", w.url]),
    "score": Command(lambda w: ["score", str(file(w, "cli.json"))], after="export"),
    "score --json": Command(lambda w: ["score", str(file(w, "cli.json")), "--json"], "export"),
    "report": Command(
        lambda w: ["report", str(file(w, "cli.json")), "--out", str(file(w, "cli.pdf"))],
        after="export",
        writes=lambda w: pdf_text(file(w, "cli.pdf").read_bytes()),
    ),
    "export-csv": Command(
        lambda w: ["export-csv", str(file(w, "cli.json")), "--out", str(file(w, "cli.csv"))],
        after="export",
        writes=lambda w: file(w, "cli.csv").read_text(encoding="utf-8-sig"),
    ),
    "import-csv": Command(
        lambda w: ["import-csv", str(file(w, "cli.csv")), "--out", str(file(w, "csv.json"))],
        after="export-csv",
        writes=lambda w: file(w, "csv.json").read_text(encoding="utf-8"),
    ),
    "import": Command(lambda w: ["import", str(file(w, "cli.json")), *copy_db(w)], "export"),
    "delete": Command(lambda w: ["delete", copy_id(w), "--yes", *copy_db(w)], after="import"),
}


def run_commands(world: World, names: list[str], env: dict[str, str]) -> None:
    """Run commands side by side; what each printed (stdout and stderr) and wrote."""
    running = {
        name: subprocess.Popen(
            [sys.executable, "-m", "cxmaturity", *COMMANDS[name].argv(world)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for name in names
    }
    for name, process in running.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, (name, out, err)
        world.cli_texts[name] = out + err
    for name in names:
        world.cli_texts[name] += COMMANDS[name].writes(world)


def run_all(world: World, env: dict[str, str]) -> None:
    """The world's commands and those they read from, by rounds: a command runs once the
    one whose output it reads has (`Command.after`)."""
    needed: set[str] = set()
    for wanted in world.commands:
        name: str | None = wanted
        while name is not None and name not in needed:
            needed.add(name)
            name = COMMANDS[name].after
    while pending := sorted(needed - set(world.cli_texts)):
        ready = [n for n in pending if COMMANDS[n].after in (None, *world.cli_texts)]
        run_commands(world, ready, env)


def command(name: str) -> Callable[[World], str]:
    def produce(world: World) -> str:
        assert world.commands_run is not None and name in world.commands, name
        world.commands_run.result()  # raises what the background run raised
        return world.cli_texts[name]

    return produce


# --- the registry of outputs -----------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """An output that can carry answers, how to get its text, and what produces it:
    `module.function` of the writers, `cli:<command>`, `view:<console view>` or
    `page:<page file>` (checked against the code below). `names`: in a named workshop
    it carries the names (the control reads these)."""

    name: str
    produce: Callable[[World], str]
    uses: tuple[str, ...]
    names: bool = False


def _results_json(world: World) -> str:
    results = compute_results(world.archive(), Q)
    return json.dumps(results.model_dump(mode="json"), indent=2, ensure_ascii=False)


def _summary(world: World) -> str:
    archive = world.archive()
    results = compute_results(archive, Q)
    return "\n".join(results_summary(archive, Q, results, lang) for lang in ("fr", "en"))


def cli(name: str, uses: str, names: bool = False) -> Output:
    return Output(f"cli: {name}", command(name), (f"cli:{uses}",), names)


IO, CSV = "cxmaturity.archive.io", "cxmaturity.archive.csv_io"
ARCHIVE_JSON = Output(
    "archive JSON: io.dump_archive(store.workshops.archive)",
    lambda w: dump_archive(w.archive()),
    (f"{IO}.dump_archive",),
    names=True,
)
OUTPUTS: tuple[Output, ...] = (
    ARCHIVE_JSON,
    Output(
        "operator export: io.dump_archive(store.operator.export)",
        lambda w: dump_archive(w.store.operator.export(w.workshop_id)),
        (f"{IO}.dump_archive",),
        names=True,
    ),
    Output(
        "responses CSV: csv_io.archive_to_csv(store archive)",
        lambda w: csv_io.archive_to_csv(w.archive(), Q),
        (f"{CSV}.archive_to_csv",),
        names=True,
    ),
    Output(
        "results JSON: compute_results, as `score --json` prints it",
        _results_json,
        ("cxmaturity.results.compute_results",),
    ),
    Output(
        "results summary: results.summary.summary, fr and en",
        _summary,
        ("cxmaturity.results.summary.summary",),
    ),
    *(
        Output(f"console view: {view}", console_view(view), (f"view:{view}",))
        for view in ("join", "results", "consensus", "roadmap", "interviews", "export")
    ),
    Output(
        "console export view: its JSON download (io.dump_archive of archive.for_sharing())",
        lambda w: download(w, ".json"),
        ("view:export", f"{IO}.dump_archive"),
        names=True,
    ),
    Output(
        "console export view: its CSV download (csv_io.archive_to_csv of .for_sharing())",
        lambda w: download(w, ".csv"),
        ("view:export", f"{CSV}.archive_to_csv"),
        names=True,
    ),
    Output(
        "PDF report: report.builder.build_report, as the export view prepares it, fr and en",
        prepared_pdf,
        ("view:export", "cxmaturity.report.builder.build_report"),
    ),
    Output("participant page: answer (every section, end screen)", answer_pages, ("page:answer",)),
    Output("participant page: the team's results", team_results_pages, ("page:answer",)),
    Output("projector: every slide", projector_slides, ("page:present",)),
    *(
        Output(f"page: {name}", public_page(name), (f"page:{name}",))
        for name in ("join", "home", "new", "questionnaire")
    ),
    # Last: the commands run in the background meanwhile.
    cli("export", "export", names=True),
    cli("list", "list"),
    cli("score", "score"),
    cli("score --json", "score"),
    cli("report", "report"),
    cli("export-csv", "export-csv", names=True),
    cli("import-csv", "import-csv"),
    cli("import", "import"),
    cli("delete", "delete"),
)
NAMES_BESIDE_ANSWERS = tuple(output for output in OUTPUTS if output.names)
#: Where aliases belong: the facilitator's roster, which shows no answer.
ROSTER_VIEW = "progress"
#: Commands that print or write no workshop's data, and why.
NO_WORKSHOP_DATA = {
    "validate": "checks questionnaire files",
    "schema": "prints the questionnaire's or the archive's JSON Schema",
    "demo": "writes a simulated workshop (no stored workshop, nobody's alias)",
    "db upgrade": "migrates the schema, prints the database URL and revision",
    "serve": "starts the web app, whose every page is walked here",
}
#: The public functions of the archive modules that write nothing out (readers, checks,
#: cell helpers). Any other public function there is a writer, and must be walked.
NOT_WRITERS = {
    f"{IO}.load_archive",
    f"{IO}.parse_archive",
    f"{IO}.archive_problems",
    f"{CSV}.csv_to_archive",
    f"{CSV}.load_csv",
    f"{CSV}.neutralise",
    f"{CSV}.restore",
}


def used() -> set[str]:
    return {use for output in OUTPUTS for use in output.uses}


def shown(identities: tuple[str, ...], text: str) -> list[str]:
    """The identities found in `text`, whatever their case."""
    folded = text.casefold()
    return [who for who in identities if who.casefold() in folded]


def around(text: str, who: str, width: int = 80) -> str:
    """Where `who` first shows in `text`, with what surrounds it."""
    at = text.casefold().index(who.casefold())
    return repr(text[max(0, at - width) : at + len(who) + width])


# --- the rule --------------------------------------------------------------------------


def test_the_policy_keeps_aliases_away_from_answers() -> None:
    assert not alias_beside_answers("alias")
    assert not alias_beside_answers("anonymous")
    assert alias_beside_answers("named")


@pytest.mark.parametrize("output", OUTPUTS, ids=[output.name for output in OUTPUTS])
def test_no_alias_in_any_output(alias_world: World, output: Output) -> None:
    text = alias_world.text(output)
    assert text.strip(), f"{output.name} said nothing: the walk would prove nothing"
    leaked = shown(alias_world.identities, text)
    assert not leaked, f"{output.name} shows {leaked}: " + " … ".join(
        around(text, alias) for alias in leaked
    )


def test_the_roster_carries_the_aliases(alias_world: World) -> None:
    """Where aliases belong: the facilitator's live roster, in the store and on screen."""
    roster = alias_world.store.workshops.progress(alias_world.workshop_id, alias_world.token)
    assert sorted(p.alias or "" for p in roster.participants) == sorted(alias_world.identities)
    assert {p.answered for p in roster.participants} == {len(Q.required)}
    on_screen = console_view(ROSTER_VIEW)(alias_world)
    assert shown(alias_world.identities, on_screen) == list(alias_world.identities)


def test_the_walk_finds_names_where_they_are_allowed(named_world: World) -> None:
    """The control: in a named workshop the walk finds every name in the archive and in
    the files made from it — so it would find an alias that leaked there."""
    archive = json.loads(named_world.text(ARCHIVE_JSON))
    beside = {p["alias"]: len(p["answers"]) for p in archive["participants"]}
    assert beside == dict.fromkeys(named_world.identities, len(Q.questions))
    for output in NAMES_BESIDE_ANSWERS:
        found = shown(named_world.identities, named_world.text(output))
        assert found == list(named_world.identities), output.name


# --- the registry is complete ----------------------------------------------------------


def public_functions(module: ModuleType) -> set[str]:
    return {
        f"{module.__name__}.{name}"
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if not name.startswith("_") and function.__module__ == module.__name__
    }


def test_every_archive_writer_is_walked() -> None:
    writers = (public_functions(archive_io) | public_functions(csv_io)) - NOT_WRITERS
    assert writers, "the archive modules write nothing?"
    assert writers <= used(), f"writers no output walks: {sorted(writers - used())}"
    gone = {use for use in used() if use.startswith((IO, CSV))} - writers
    assert not gone, f"walked writers that no longer exist: {sorted(gone)}"


def commands_of(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    """Every command `--help` lists, subcommands as "db upgrade"."""
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= commands_of(sub, f"{prefix}{name} ") or {f"{prefix}{name}"}
    return found


def test_every_command_is_walked_or_says_why_not() -> None:
    commands = commands_of(build_parser())
    listed = subprocess.run(
        [sys.executable, "-m", "cxmaturity", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert {name.split()[0] for name in commands} <= set(listed.split()), listed
    walked = {use.removeprefix("cli:") for use in used() if use.startswith("cli:")}
    unclassified = commands - walked - set(NO_WORKSHOP_DATA)
    assert not unclassified, f"commands neither walked nor exempted: {sorted(unclassified)}"
    assert walked <= commands, f"walked commands that no longer exist: {walked - commands}"
    run = {o.name.removeprefix("cli: ") for o in OUTPUTS if o.name.startswith("cli: ")}
    assert run == set(COMMANDS), "every command run is read, every one read is run"


def test_every_console_view_and_page_is_walked() -> None:
    views = {use.removeprefix("view:") for use in used() if use.startswith("view:")}
    assert set(console.VIEWS) == views | {ROSTER_VIEW}
    pages = {use.removeprefix("page:") for use in used() if use.startswith("page:")}
    assert {path.stem for path in PAGES.glob("*.py")} == pages | {"facilitate"}
