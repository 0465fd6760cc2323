"""The hub's spawner: each user's server in the user's sandbox (``sandbox.py``), as that user.

JupyterHub's LocalProcessSpawner would switch to the user before starting the server; here the
hub's root starts ``bwrap``, which mounts the sandbox and then becomes the user (``setpriv``)."""
import os

from jupyterhub.spawner import LocalProcessSpawner

from tools.classroom import layout, sandbox


class SandboxedSpawner(LocalProcessSpawner):

    def make_preexec_fn(self, name):
        return None

    def _run(self):
        return layout.Run.load(os.environ["CLASSROOM_RUN"])

    def get_env(self):
        env = super().get_env()
        env.update(sandbox.environment(self._run(), self.user.name))
        return env

    async def start(self):
        self.cmd = sandbox.server_command(self._run(), self.user.name)
        return await super().start()
