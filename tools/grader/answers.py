"""Value answers (``b3_grad_after_four_calls = ...``) read from the notebook's own run.

Some answers are values the student computed from the notebook's state, which only the
kernel has. After the test cell that checks one, ``GradingExecute`` runs the code below in the
kernel: it encodes the named variables by value (``tools.worker.wire``, sent as source, since
the kernel's sandbox holds no grading code) and displays them under a MIME type of their own.
A kernel that forges this message only chooses its own answer, which the hidden tests then
judge outside the kernel.
"""
import inspect

from tools.worker import wire

MIME = "text/x-course-answers"     # plain text: nbformat would parse a +json type


def reading_code(names):
    """Code for the kernel: the encoder is defined on the first reading, then reused (a student
    who replaces it only garbles their own answers, which then fail)."""
    return (f"if '_course_wire' not in globals():\n"
            f"    _course_wire = {{'__name__': 'course_wire'}}\n"
            f"    exec({inspect.getsource(wire)!r}, _course_wire)\n"
            f"def _course_read_answers(names, user, wire):\n"
            f"    found = {{}}\n"
            f"    for name in names:\n"
            f"        if name in user:\n"
            f"            try:\n"
            f"                found[name] = wire['encode'](user[name])\n"
            f"            except Exception as error:\n"
            f"                found[name] = wire['encode'](wire['Opaque'](type(user[name]).__name__, str(error)))\n"
            f"    from IPython.display import display\n"
            f"    display({{{MIME!r}: wire['json'].dumps(found)}}, raw=True)\n"
            f"_course_read_answers({list(names)!r}, globals(), _course_wire)\n"
            f"del _course_read_answers\n")


def read_outputs(outputs, names):
    """name -> value, or a NotAvailable saying why, from the outputs of ``reading_code``."""
    from tools.hidden_tests.harness import NotAvailable
    payloads = [o["data"][MIME] for o in outputs if o.get("output_type") == "display_data" and MIME in o.get("data", {})]
    found = {}
    if payloads:
        try:
            data = wire.json.loads(payloads[-1]) if isinstance(payloads[-1], str) else None
            found = {k: wire.decode(v) for k, v in data.items()} if type(data) is dict else {}
        except (wire.WireError, ValueError, AttributeError):
            found = {}
    result = {}
    for name in names:
        if name in found:
            result[name] = found[name]
        elif payloads:
            result[name] = NotAvailable(f"{name} is not defined in your notebook's run (did its cell run?)")
        else:
            result[name] = NotAvailable(f"{name} could not be read from your notebook's run")
    return result
