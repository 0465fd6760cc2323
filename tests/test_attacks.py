"""The attack and fault catalogue (catalogue/attacks/), through real nbgrader with the sandbox on.

One class of ``01_autograd``: the reference, the honest wrong submissions the attacks start
from, and one student per attack. Asserted: every submission is graded or listed as failed
with a reason; no attack scores more than its honest counterpart; tampering is flagged in the
gradebook with a reason; no file outside the sandbox changed and no process outlived its
kernel; the reference in the same batch still earns full marks.
"""
import os
import subprocess

import pytest

from conftest import REPO
from tools.catalogue import attacks, honest, submissions
from tools.grader import memory_group, sandbox

pytestmark = pytest.mark.xdist_group("attacks")

CASES = attacks.load()


def _sandbox_processes():
    """Processes running as one of the sandbox's user ids (there must be none after grading)."""
    out = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                uid = entry.stat().st_uid
            except OSError:
                continue
            # kernels' users, then the grading workers' (tools.grader.sandbox.run)
            if sandbox.FIRST_UID <= uid < sandbox.FIRST_UID + 2 * sandbox.UID_SPAN:
                out.append(entry.name)
    return out


@pytest.fixture(scope="module")
def run(tmp_path_factory, synthetic_data):
    sandbox.check_available()
    workdir = tmp_path_factory.mktemp("attacks")
    watched = {"repository": (REPO, [REPO / ".venv", REPO / ".git", REPO / "autograded"])}
    before = {name: attacks.tree_digest(path, skip) for name, (path, skip) in watched.items()}

    def snapshot_course(root):
        watched["course"] = (root, [root / "autograded", root / "gradebook.db"])
        before["course"] = attacks.tree_digest(root, watched["course"][1])

    result = attacks.grade_attacks(workdir, before_grading=snapshot_course)
    result.course_files = before["course"]
    result.changed_outside = {name: _diff(before[name], attacks.tree_digest(path, skip))
                              for name, (path, skip) in watched.items()}
    return result


def _diff(before, after):
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def test_every_attack_names_a_real_exercise_and_base():
    source = submissions.read(REPO / "source" / attacks.ASSIGNMENT / f"{attacks.ASSIGNMENT}.ipynb")
    ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in source.cells}
    wrong = {c.name for c in submissions.load_cases(attacks.ASSIGNMENT) if c.kind == "wrong"}
    for attack in attacks.load():
        assert attack.exercise in ids, attack.name
        assert attack.base == "reference" or attack.base in wrong, attack.name


def test_catalogue_is_big_enough():
    assert len(CASES) >= 60
    assert len({a.name for a in CASES}) == len(CASES)


def test_reference_in_the_same_batch_earns_full_marks(run):
    ref = run.scores[("reference", attacks.ASSIGNMENT)]
    assert ref["code_score"] == ref["max_code_score"] > 0
    assert not run.flagged.get("reference")


@pytest.mark.parametrize("attack", CASES, ids=lambda a: a.name)
def test_attack_gains_nothing(run, attack):
    outcome = run.outcomes[attack.student]
    if attack.refused:
        assert not outcome.ok and outcome.reason, f"{attack.name} must be listed as failed, with the reason"
        return
    assert outcome.ok, f"{attack.name}: not graded ({outcome.reason})"
    got = run.scores[(attack.student, attacks.ASSIGNMENT)]["code_score"]
    bar = run.scores[(attacks.base_student(attack), attacks.ASSIGNMENT)]["code_score"]
    assert got <= bar, f"{attack.name} scored {got}, more than the honest {attack.base} ({bar})"


@pytest.mark.parametrize("attack", [a for a in CASES if a.fault in ("rename", "strip-metadata", "delete-test-cell",
                                                                    "edit-test-cell")], ids=lambda a: a.name)
def test_repaired_notebooks_are_graded_like_their_base(run, attack):
    got = run.scores[(attack.student, attacks.ASSIGNMENT)]["code_score"]
    bar = run.scores[(attacks.base_student(attack), attacks.ASSIGNMENT)]["code_score"]
    assert got == bar, f"{attack.name}: {got}, but the same answers as {attack.base} earn {bar}"


@pytest.mark.parametrize("attack", CASES, ids=lambda a: a.name)
def test_tampering_is_flagged_with_a_reason(run, attack):
    if attack.refused:
        return
    assert run.flagged.get(attack.student, False) == attack.flagged, \
        f"{attack.name}: flagged={run.flagged.get(attack.student)}, reasons={run.reasons.get(attack.student)}"
    if attack.flagged:
        assert run.reasons[attack.student], f"{attack.name} is flagged without a reason"


def test_nothing_outside_the_sandbox_changed(run):
    # The files the grader itself repairs: the renamed notebook, copied under its expected name,
    # and the notebook whose metadata was restored from the release.
    repaired = {f"submitted/attack-{name}/{attacks.ASSIGNMENT}/{attacks.ASSIGNMENT}.ipynb"
                for name in ("renamed_notebook", "missing_metadata")}
    assert run.changed_outside["repository"] == []
    assert [p for p in run.changed_outside["course"] if p not in repaired] == []
    for folder in ("source", "release", "submitted"):
        assert any(p.startswith(folder) for p in run.course_files), f"the check saw no files under {folder}/"
    for path in ("/tmp/course-planted", "/work/planted", os.path.expanduser("~/planted")):
        assert not os.path.exists(path), f"an attack wrote {path}"


def test_a_symlinked_notebook_is_refused_and_never_read(run):
    outcome = run.outcomes["attack-symlinked_notebook"]
    assert "symbolic link" in outcome.reason and not outcome.ok
    assert not (run.root / "autograded" / "attack-symlinked_notebook").exists()


def test_only_the_notebook_of_a_submission_is_taken(run):
    folder = run.root / "autograded" / "attack-module_beside_notebook" / attacks.ASSIGNMENT
    assert sorted(p.name for p in folder.iterdir()) == [f"{attacks.ASSIGNMENT}.ipynb"]
    got = run.scores[("attack-module_beside_notebook", attacks.ASSIGNMENT)]
    assert got["code_score"] == got["max_code_score"]            # torch itself was imported


def test_links_the_kernel_made_are_never_followed(run):
    graded = run.root / "autograded" / "attack-kernel_symlinks" / attacks.ASSIGNMENT
    assert not any(p.is_symlink() for p in graded.iterdir())
    reference = run.root / "autograded" / "reference" / attacks.ASSIGNMENT / f"{attacks.ASSIGNMENT}.ipynb"
    assert not reference.is_symlink() and reference.read_text().startswith("{")


@pytest.mark.parametrize("case", honest.load(), ids=lambda c: c.name)
def test_honest_but_unusual_submissions_keep_full_marks_unflagged(run, case):
    outcome = run.outcomes[case.student]
    assert outcome.ok, f"{case.name}: not graded ({outcome.reason})"
    got = run.scores[(case.student, attacks.ASSIGNMENT)]
    lost = {cell: score for cell, score in got["cells"].items() if score[0] < score[1]}
    assert got["code_score"] == got["max_code_score"], f"{case.name} ({case.why}) lost points in {lost}"
    assert not run.flagged.get(case.student), f"{case.name} flagged: {run.reasons.get(case.student)}"


def test_the_honest_catalogue_covers_what_students_do():
    assert len(honest.load()) >= 12


@pytest.mark.skipif(not memory_group.available(), reason="no memory cgroup can be made here")
def test_memory_held_by_several_processes_is_bounded_and_recorded(run):
    import json
    path = run.root / "autograded" / "attack-memory_across_processes" / attacks.ASSIGNMENT / f"{attacks.ASSIGNMENT}.ipynb"
    hit = json.loads(path.read_text())["metadata"]["course"]["limits_hit"]
    assert hit and hit[0].startswith("memory:"), hit
    reference = run.root / "autograded" / "reference" / attacks.ASSIGNMENT / f"{attacks.ASSIGNMENT}.ipynb"
    assert json.loads(reference.read_text())["metadata"]["course"]["limits_hit"] == []


def test_no_process_outlives_its_kernel(run):
    assert _sandbox_processes() == []


@pytest.mark.parametrize("student", ["attack-huge_output", "attack-huge_rich_output"])
def test_huge_output_is_cut(run, student):
    path = run.root / "autograded" / student / attacks.ASSIGNMENT / f"{attacks.ASSIGNMENT}.ipynb"
    assert path.stat().st_size < 5_000_000


def test_dead_kernel_is_recorded_with_the_reason(run):
    import nbformat
    path = run.root / "autograded" / "attack-exit_kernel" / attacks.ASSIGNMENT / f"{attacks.ASSIGNMENT}.ipynb"
    text = nbformat.reads(path.read_text(), as_version=4)
    errors = {o.get("ename"): o.get("evalue") for c in text.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"}
    assert "exit_kernel: leaving on purpose" in errors["KernelDied"]     # the kernel's own last words
    notes = "".join(o.get("text", "") for c in text.cells for o in c.get("outputs", []))
    assert "did not run: the kernel died" in notes                       # the test cells after it say why
    # The worker grades each exercise on its own: those after the dead kernel still count,
    # those whose answers had to be read from the kernel's run do not.
    cells = run.scores[("attack-exit_kernel", attacks.ASSIGNMENT)]["cells"]
    assert cells["test_sigmoid"][0] == cells["test_sigmoid"][1]
    assert cells["test_b3_grad_after_four_calls"][0] == 0


def test_sandbox_refuses_clearly_when_bwrap_is_missing(monkeypatch):
    monkeypatch.setattr(sandbox, "BWRAP", "bwrap-that-does-not-exist")
    with pytest.raises(sandbox.SandboxUnavailable, match="apt-get install bubblewrap"):
        sandbox.check_available()


def test_grading_refuses_to_run_unsandboxed_without_bwrap(tmp_path):
    env = dict(os.environ, PATH="/nonexistent", COURSE_SANDBOX="1")
    done = subprocess.run([os.path.join(os.path.dirname(os.sys.executable), "python"), "-m", "tools.autograde",
                           "01_autograd", "--root", str(tmp_path)], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode != 0 and "bubblewrap" in done.stderr


def test_regrading_a_faulty_submission_is_idempotent(run):
    from tools.autograde import grade_one
    from tools.common.gradebook import scores
    student = "attack-exit_kernel"
    first = run.scores[(student, attacks.ASSIGNMENT)]
    assert grade_one(run.root, attacks.ASSIGNMENT, student, ["--Execute.timeout=20"]).ok
    again = scores(run.root)[(student, attacks.ASSIGNMENT)]
    assert (again["code_score"], again["cells"]) == (first["code_score"], first["cells"])


def test_report_lists_flagged_submissions_with_reasons(run):
    from tools import report
    page = report.render(run.root)
    section = page.split("<h2>Flagged submissions</h2>", 1)[1].split("<h2>", 1)[0]
    assert "attack-patch_torch_allclose/01_autograd" in section and "replaces torch.allclose" in section
    assert "reference/" not in section
