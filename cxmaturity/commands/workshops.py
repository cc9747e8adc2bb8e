"""Commands on workshop archives: `demo`, `score`, `report`, `import-csv`, `export-csv`."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from cxmaturity.archive import dump_archive, load_archive
from cxmaturity.archive.csv_io import archive_to_csv, csv_to_archive, load_csv
from cxmaturity.archive.model import WorkshopArchive
from cxmaturity.commands.files import EXIT_OK, write_atomically, write_bytes_atomically
from cxmaturity.demo import demo_archive
from cxmaturity.problems import InputError, Problem
from cxmaturity.questionnaire import Questionnaire, default_questionnaire
from cxmaturity.questionnaire.registry import installed
from cxmaturity.results import compute_results
from cxmaturity.results.summary import summary as results_summary
from cxmaturity.workshops.role_figures import RoleFiguresMode, min_group_problem


def run_demo(args: argparse.Namespace) -> int:
    q = default_questionnaire()
    archive = demo_archive(
        q, args.participants, args.seed, args.lang, _role_figures(args), args.min_group_size
    )
    write_atomically(args.out, dump_archive(archive))
    print(f"{args.out}: {args.participants} simulated participants (seed {args.seed})")
    return EXIT_OK


def run_score(args: argparse.Namespace) -> int:
    archive, q = load_archive(args.archive)
    results = compute_results(archive, q)
    if args.json:
        print(json.dumps(results.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        print(results_summary(archive, q, results, args.lang or archive.language), end="")
    return EXIT_OK


def run_import_csv(args: argparse.Namespace) -> int:
    q = default_questionnaire(args.questionnaire_version, source="--questionnaire-version")
    raw = load_csv(args.csv)

    def parse(questionnaire: Questionnaire) -> WorkshopArchive:
        return csv_to_archive(
            raw,
            str(args.csv),
            questionnaire,
            organisation=args.organisation or args.csv.stem,
            date=args.date or dt.date.today(),
            language=args.lang,
            role_figures=_role_figures(args),
            min_group_size=args.min_group_size,
        )

    try:
        archive = parse(q)
    except InputError as exc:
        if args.questionnaire_version is not None:
            raise
        # An export from an older version: say which version reads it, after the problems.
        for (qid, version), other in sorted(installed().items(), reverse=True):
            if qid != q.id or version == q.version:
                continue
            try:
                parse(other)
            except InputError:
                continue
            hint = Problem(
                f"these are the questions of {qid} v{version}: add "
                f"--questionnaire-version {version}"
            )
            raise InputError(exc.source, [*exc.problems, hint]) from None
        raise
    write_atomically(args.out, dump_archive(archive))
    print(f"{args.out}: {len(archive.participants)} participants imported from {args.csv}")
    return EXIT_OK


def run_export_csv(args: argparse.Namespace) -> int:
    archive, q = load_archive(args.archive)
    write_atomically(args.out, archive_to_csv(archive, q), encoding="utf-8-sig")
    print(f"{args.out}: {len(archive.participants)} participants")
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    from cxmaturity.report import build_report  # reportlab and the chart renderer: only here

    archive, q = load_archive(args.archive)
    pdf = build_report(archive, q, args.lang)
    write_bytes_atomically(args.out, pdf)
    print(f"{args.out}: {len(pdf):,} bytes")
    return EXIT_OK


def _role_figures(args: argparse.Namespace) -> RoleFiguresMode:
    """--role-figures, once --min-group-size agrees with it."""
    problem = min_group_problem(args.role_figures, args.min_group_size)
    if problem:
        raise InputError("--min-group-size", [Problem(problem.replace("min_group_size", "K"))])
    return args.role_figures
