"""tools/grader/submitted_files.py: what nbgrader may read of a submission."""
import os

import pytest

from tools.grader import submitted_files
from tools.grader.execute import GradingFault


def test_regular_files_and_folders_are_safe(tmp_path):
    folder = tmp_path / "alice" / "01"
    (folder / "data").mkdir(parents=True)
    (folder / "01.ipynb").write_text("{}")
    (folder / "data" / "notes.txt").write_text("x")
    assert submitted_files.unsafe_entries(folder) == []


def test_links_anywhere_and_special_files_are_named(tmp_path):
    folder = tmp_path / "alice" / "01"
    (folder / "sub").mkdir(parents=True)
    (folder / "01.ipynb").symlink_to("/etc/passwd")
    (folder / "sub" / "deep").symlink_to(tmp_path)
    os.mkfifo(folder / "pipe")
    assert submitted_files.unsafe_entries(folder) == [
        "'01.ipynb' is a symbolic link", "'pipe' is not a regular file", "'sub/deep' is a symbolic link"]
    with pytest.raises(GradingFault, match="refused: '01.ipynb' is a symbolic link"):
        submitted_files.refuse_unsafe(folder)


def test_a_linked_submission_or_student_folder_is_named(tmp_path):
    (tmp_path / "bob" / "01").mkdir(parents=True)
    (tmp_path / "alice").symlink_to(tmp_path / "bob")
    assert submitted_files.unsafe_entries(tmp_path / "alice" / "01") == ["alice is a symbolic link"]
    (tmp_path / "carol").mkdir()
    (tmp_path / "carol" / "01").symlink_to(tmp_path / "bob" / "01")
    assert submitted_files.unsafe_entries(tmp_path / "carol" / "01") == ["01 is a symbolic link"]


def test_only_nbgraders_small_exchange_records_are_carried(tmp_path):
    source, dest = tmp_path / "submitted", tmp_path / "autograded"
    source.mkdir()
    (source / "timestamp.txt").write_text("2026-11-30 08:00:00.000000 UTC")
    (source / "submission_secret.txt").write_text("ab" * 64)
    (source / "notes.txt").write_text("x")
    (tmp_path / "elsewhere.txt").write_text("secret of the instructor")
    submitted_files.copy_exchange_records(source, dest)
    assert sorted(p.name for p in dest.iterdir()) == ["submission_secret.txt", "timestamp.txt"]
    (dest / "submission_secret.txt").unlink()
    (source / "submission_secret.txt").unlink()
    (source / "submission_secret.txt").symlink_to(tmp_path / "elsewhere.txt")
    (source / "timestamp.txt").write_text("x" * 5000)
    (dest / "timestamp.txt").unlink()
    submitted_files.copy_exchange_records(source, dest)
    assert list(dest.iterdir()) == []
