"""Whether the feedback of a wrong catalogue case names the right mistake, or none.

A hidden test's message may end in "Likely mistake: ..." only when the evidence singles that
mistake out. A wrong case says in its header which mistake its messages name (``# names:``, a
phrase of that "Likely mistake: ..."), or, without the header, that they name none: so a
message that names another mistake than the case's own, or names one where the case expects
none, is caught, and a suite whose wording changes fails here instead of drifting from the
catalogue.
"""
import re

LIKELY = "Likely mistake:"


def named(message):
    """The likely mistakes a message names (the text after each "Likely mistake:")."""
    return [part.strip() for part in re.split(re.escape(LIKELY), message)[1:]]


def naming_problems(case, messages, cells=None):
    """What is wrong with the mistakes that ``messages`` ({test cell: message}, the case's lost
    cells) name, given the case's header; ``cells``: the test cells these messages could come
    from (all when None), for a check of part of a case's tests."""
    problems = []
    for cell, message in sorted(messages.items()):
        for mistake in named(message):
            if not case.names:
                problems.append(f"{case.name}: {cell} names a likely mistake, the case's header none "
                                f"(# names:): {mistake!r}")
            elif case.names not in mistake:
                problems.append(f"{case.name}: {cell} names another mistake than {case.names!r}: {mistake!r}")
    own = [cell for cell in case.fails if cells is None or cell in cells]
    if case.names and own and not any(case.names in mistake for cell in own
                                      for mistake in named(messages.get(cell, ""))):
        problems.append(f"{case.name}: no message of {own} names {case.names!r}: "
                        f"{ {cell: messages.get(cell, '') for cell in own} }")
    return problems
