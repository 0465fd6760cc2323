"""The class report beside the formgrader: a Jupyter server extension serving it, regenerated on
every visit, at ``<base_url>class-report`` for the server's course root (its ``root_dir``).

Authenticated like every page of the server (the token of ``make formgrader``, the hub's login in
the classroom). The page's links are relative to it: the feedback through the server's own
``files/`` and the formgrader at ``formgrader/``. Enabled by ``make formgrader`` (tools/lab.py)
and by the classroom's instructor settings (tools/classroom/hubconfig.py); nbgrader's
formgrader templates have no place for another link, so both print this URL beside its own.
"""
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop

from tools.report.page import render

PATH = "class-report"
# The --ServerApp setting that enables this extension on a command line.
ENABLE = "--ServerApp.jpserver_extensions={'tools.report.server': True}"


class ClassReportHandler(JupyterHandler):
    @web.authenticated
    async def get(self):
        root = self.settings["server_root_dir"]
        page = await IOLoop.current().run_in_executor(
            None, lambda: render(root, feedback_base="files/feedback", formgrader="formgrader"))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page)


def _jupyter_server_extension_points():
    return [{"module": "tools.report.server"}]


def _load_jupyter_server_extension(serverapp):
    web_app = serverapp.web_app
    web_app.add_handlers(".*$", [(url_path_join(web_app.settings["base_url"], PATH), ClassReportHandler)])
