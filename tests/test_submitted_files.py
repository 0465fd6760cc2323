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
