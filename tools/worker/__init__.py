"""Runs inside the grading sandbox: the student's code answering the hidden tests' calls.

The hidden tests (``tools/hidden_tests/``) and the verdict stay in nbgrader's process; this
package is all that process sends into the sandbox: ``serve`` (the worker: loads the student's
definitions, calls them as asked) and ``wire`` (values by value, both ways, never pickled).
Nothing here knows an answer."""
