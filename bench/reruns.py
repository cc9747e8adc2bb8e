"""Server-side rerun time of the pages people use during a workshop of 40 participants,
on a SQLite file: the participant's page after each answer, and the facilitator's live
view. Streamlit's AppTest runs the script in this process as the server would; its
figures include AppTest's own (small) bookkeeping.

python -m bench.reruns [--repeat N]

Target: < 150 ms p95 for the participant's page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path

from bench.timing import measure

COMMAND = "python -m bench.reruns"
PARTICIPANTS = 40
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CXM_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.db'}"
        run(args.repeat)


def run(repeat: int) -> None:
    import logging

    from streamlit.testing.v1 import AppTest

    # Calls made outside a script run (the store, the setup) warn on every cached call.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").disabled = True

    from cxmaturity.demo import demo_archive
    from cxmaturity.questionnaire import default_questionnaire
    from cxmaturity.store.factory import open_store
    from cxmaturity.workshops.views import NewWorkshop

    q = default_questionnaire()
    store = open_store()
    access = store.workshops.create_workshop(
        NewWorkshop("Bench", dt.date(2026, 11, 30), "fr", q.id, q.version, (), "anonymous", 2)
    )
    workshop_id, token = access.workshop_id, access.token
    code = store.workshops.open_workshop(workshop_id, token).join_code or ""
    others = demo_archive(q, PARTICIPANTS - 1, seed=1).participants  # finished, as in a room
    store.workshops.import_participants(workshop_id, token, others)
    participant = store.workshops.join(code, "bench", "sales").resume_token

    def page(path: str, **params: str) -> AppTest:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            app.query_params[key] = value
        app.switch_page(path)
        return app.run()

    answering = page("cxmaturity/ui/pages/answer.py", p=participant, lang="fr")
    # The first section's first question is a single choice from v2 on (v1's first section
    # opened with scored items): a radio either way, answered back and forth.
    first = q.sections[0].questions[0]
    choices = [option.id for option in first.options] if hasattr(first, "options") else [2, 4]
    item = first.id
    levels = iter(choices[:2] * (repeat + 2))
    timing = measure(
        f"participant page, one answer, {PARTICIPANTS} participants",
        lambda: answering.radio(key=f"a:{item}").set_value(next(levels)).run(),
        repeat,
    )
    print(timing.line(COMMAND), flush=True)
    timing = measure(
        "participant page, reload (resume from the link)",
        lambda: page("cxmaturity/ui/pages/answer.py", p=participant, lang="fr"),
        max(10, repeat // 3),
    )
    print(timing.line(COMMAND), flush=True)
    live = page("cxmaturity/ui/pages/facilitate.py", w=workshop_id, t=token, view="progress")
    timing = measure(
        f"facilitator live view, {PARTICIPANTS} participants",
        live.run,
        max(10, repeat // 3),
    )
    print(timing.line(COMMAND), flush=True)
    timing = measure(
        f"progress query alone (uncached), {PARTICIPANTS} participants",
        lambda: store.workshops.progress(workshop_id, token),
        repeat,
    )
    print(timing.line(COMMAND), flush=True)
    store.dispose()


if __name__ == "__main__":
    main()
