"""The instructor's source notebook of the submission being graded, read from the course folder
(never from the submission): what the preprocessors compare a submission against."""
from pathlib import Path

import nbformat


def read(preprocessor, resources):
    """The source notebook of ``resources``' assignment and notebook, or None if there is none."""
    from nbgrader.coursedir import CourseDirectory
    info = resources.get("nbgrader", {})
    coursedir = CourseDirectory(config=preprocessor.config)
    path = Path(coursedir.format_path(coursedir.source_directory, ".", info.get("assignment", ""))) \
        / f"{info.get('notebook', '')}.ipynb"
    return nbformat.read(str(path), as_version=4) if path.exists() else None
