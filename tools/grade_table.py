"""A readable table of students x assignments from a gradebook."""


def _cell(entry):
    if entry is None:
        return "-"
    text = f"{entry['score']:g}/{entry['max_score']:g}"
    if entry["needs_manual_grade"]:
        text += "*"
    return text


def format_table(scores, students=None, assignments=None, failed=()):
    """``failed``: (student, assignment) pairs that could not be graded, shown as FAILED."""
    students = students or sorted({s for s, _ in scores})
    assignments = assignments or sorted({a for _, a in scores})
    rows = [["student", *assignments]]
    for student in students:
        rows.append([student, *("FAILED" if (student, a) in failed else _cell(scores.get((student, a)))
                                for a in assignments)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("score/max: automatic points so far; * = written answers still to grade by hand "
                 "(their points are part of max).")
    if failed:
        lines.append("FAILED: the submission could not be graded (see the reason printed for it).")
    return "\n".join(lines)
