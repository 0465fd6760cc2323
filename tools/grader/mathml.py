"""The feedback page's mathematics as MathML, which browsers draw themselves.

nbconvert leaves ``$x^2$`` in the page for MathJax, loaded from a CDN: offline, where students
often open their feedback, they see raw LaTeX. ``FeedbackExporter`` (``GenerateFeedback``'s
exporter, ``nbgrader_config.py``) writes each formula of the markdown as MathML instead
(``latex2mathml``), so the page needs no script and no network. A formula it cannot read stays
as the student wrote it.
"""
from html import escape

from latex2mathml.converter import convert
from nbconvert.exporters import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

from jinja2 import pass_context


def mathml(tex, display):
    """MathML of the TeX ``tex``; the TeX between its delimiters where it cannot be read."""
    try:
        return convert(tex, display="block" if display else "inline")
    except Exception:                # a student's written answer may hold any TeX
        delimiter = "$$" if display else "$"
        return f"{delimiter}{escape(tex, quote=False)}{delimiter}"


class MathMLRenderer(IPythonRenderer):
    def inline_math(self, body):
        return mathml(body, display=False)

    def block_math(self, body):
        return mathml(body, display=True)

    def latex_environment(self, name, body):
        return mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", display=True)


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTML exporter, its markdown's mathematics written as MathML."""

    @pass_context
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        renderer = MathMLRenderer(
            escape=False,
            attachments=cell.get("attachments", {}),
            embed_images=self.embed_images,
            path=context.get("resources", {}).get("metadata", {}).get("path", ""),
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links,
            **self.lexer_options,
        )
        return MarkdownWithMath(renderer=renderer).render(source)
