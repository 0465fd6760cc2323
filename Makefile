# The course's entry points. Every target creates and fills .venv first when it is
# missing or out of date, so a fresh clone needs nothing but python3.11 and make.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HUB_STAMP := .classroom/hub-venv/.installed
# nbgrader shells out to `alembic`, so the venv's bin must be on PATH.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export PYTHONPATH := $(CURDIR)
export MPLBACKEND := Agg

.PHONY: demo test release source venv clean grading-report autograde bench gpu-check student-bundle report lab formgrader classroom classroom-stop classroom-bench

venv: $(STAMP)

# The last step removes rfc3987-syntax, which jupyter-events pulls in as jsonschema's optional
# checker of the "iri" format (nothing here validates one): it builds a parser whenever
# nbformat is imported, 1.4 s of every nbgrader command, that is of every graded submission.
$(STAMP): requirements.txt constraints.txt tools/install_system_packages.sh Makefile
	sh tools/install_system_packages.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip uninstall --quiet --yes rfc3987-syntax
	touch $(STAMP)

## make demo: the whole instructor cycle (release, class, autograde, feedback, grades).
demo: $(STAMP)
	$(PY) -m tools.demo

## make test: the test suite (real nbgrader runs in temporary course folders).
test: $(STAMP) $(HUB_STAMP)
	$(PY) -m pytest -q -n 2 --dist loadgroup tests

## make grading-report: per assignment, wrong solutions caught, alternatives accepted, messages.
grading-report: $(STAMP)
	$(PY) -m tools.grading_report $(ASSIGNMENT)

## make autograde ASSIGNMENT=<id> [WORKERS=n]: grade every submission, in parallel.
autograde: $(STAMP)
	$(PY) -m tools.autograde $(ASSIGNMENT) $(if $(WORKERS),--workers $(WORKERS))

## make bench: side-by-side timings (data pipeline, autograde cost, class scale, notebook wall times).
bench: $(STAMP)
	$(PY) -m tools.measure.bench $(BENCH_ARGS)

## make gpu-check: on a machine with a CUDA GPU, the data pipeline figure, the course's training
## helpers against the CPU, and every source notebook run there (tools/measure/gpu_check.py).
gpu-check: $(STAMP)
	$(PY) -m tools.measure.gpu_check

## make student-bundle [ASSIGNMENTS=01,02]: dist/training-neural-networks-student.zip for students' laptops (all assignments, or those listed).
student-bundle: $(STAMP)
	$(PY) -m tools.student_bundle

## make report: reports/class-report.html from the gradebook (after make demo or a real class).
report: $(STAMP)
	$(PY) -m tools.report

## make lab: JupyterLab on student-view/ (a working copy of release/), with nbgrader's Validate button.
lab: $(STAMP)
	$(PY) -m tools.lab student $(if $(PORT),--port $(PORT))

## make formgrader: JupyterLab in the course root; the formgrader at /formgrader.
formgrader: $(STAMP)
	$(PY) -m tools.lab formgrader $(if $(PORT),--port $(PORT))

## make classroom [STUDENTS=n | CLASS_LIST=file.csv] [PORT=n] [PREFIX=p]: as root, a JupyterHub on 127.0.0.1 with an instructor,
## a teaching assistant and n students (default 3), nbgrader's exchange and the formgrader service;
## prints the URL and the accounts. FEEDBACK_ON_SUBMIT=01_autograd[,..] [EARLY_FEEDBACK=full|visible]: feedback
## at each submission (tools/classroom/early_feedback.py). make classroom-stop ends it and removes the accounts.
classroom: $(STAMP) $(HUB_STAMP)
	$(PY) -m tools.classroom start --students $(or $(STUDENTS),3) $(if $(CLASS_LIST),--class-list '$(CLASS_LIST)') $(if $(PORT),--port $(PORT)) $(if $(PREFIX),--prefix $(PREFIX)) $(if $(FEEDBACK_ON_SUBMIT),--feedback-on-submit $(FEEDBACK_ON_SUBMIT)) $(if $(EARLY_FEEDBACK),--early-feedback $(EARLY_FEEDBACK))

classroom-stop:
	$(PY) -m tools.classroom stop

## make classroom-bench [STUDENTS=30]: as root, a class of its own under load (tools/classroom/bench.py): every student
## submits 01_autograd within the same minute; checks feedback on submit against serial grading, prints its figures.
classroom-bench: $(STAMP) $(HUB_STAMP)
	$(PY) -m tools.classroom.bench --students $(or $(STUDENTS),30)

# The hub (JupyterHub from PyPI, configurable-http-proxy from npm, both pinned) lives in the
# ignored .classroom/, with its own stamp: installing it never touches .venv (tools/classroom/install.sh).
$(HUB_STAMP): $(STAMP) tools/classroom/install.sh tools/classroom/requirements.txt tools/classroom/package.json tools/classroom/package-lock.json
	sh tools/classroom/install.sh

## make source: rebuild source/*/*.ipynb from the authoring files in notebooks/.
source: $(STAMP)
	$(PY) -m tools.build_source

## make release: regenerate release/ from source/ with nbgrader.
release: $(STAMP)
	$(PY) -m tools.release

clean:
	rm -rf feedback submitted gradebook.db grades.csv reports dist
	find autograded -mindepth 1 ! -name .gitignore -delete
