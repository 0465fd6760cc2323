"""``make classroom``: the course on a JupyterHub on 127.0.0.1, with real accounts.

    python -m tools.classroom start [--port N] [--students N] [--prefix P] [--run-dir DIR] [--course-root DIR]
    python -m tools.classroom stop [--run-dir DIR]

One small module per concern:

- ``layout``: where the classroom's files live (``.classroom/``, ignored by git) and its names;
- ``accounts``: the Unix accounts (instructor, teaching assistant, students), their passwords;
- ``exchange``: nbgrader's exchange folder with its permissions; ``instructor_exchange``: the
  collector that takes a submission only from the account it names, and feedback released to
  its student alone; ``student_exchange``: submissions readable by their author alone;
- ``sandbox``: the bubblewrap sandbox every single-user server runs in, as its user;
- ``spawner``: the JupyterHub spawner that starts a server in that sandbox;
- ``settings``: what every deployment of the class shares (course id, groups, roles and scopes,
  the formgrader service, the students' Jupyter and nbgrader settings, the exchange's modes);
- ``hubconfig``: the generated ``jupyterhub_config.py`` and the students' and instructors' Jupyter
  and nbgrader settings, from ``settings`` and this machine's paths;
- ``z2jh``: the same class on Kubernetes (Zero to JupyterHub): Helm values and manifests in
  ``docs/classroom-kubernetes/``, from ``settings`` (the guide: ``docs/classroom-kubernetes.md``);
- ``serve``: the process that holds the PostgreSQL gradebook and the hub while the class runs;
- ``__main__``: start and stop.
"""
