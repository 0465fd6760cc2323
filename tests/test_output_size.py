"""tools/grader/output_size.py and the output budget of tools/grader/execute.py."""
import nbformat

from tools.grader.execute import GradingExecute, _output_bytes
from tools.grader.output_size import LimitOutputSize


def _cell(*outputs):
    return nbformat.v4.new_code_cell("x", outputs=list(outputs))


def test_long_streams_and_big_display_data_are_trimmed():
    small = nbformat.v4.new_output("display_data", data={"image/png": "a" * 100})
    big = nbformat.v4.new_output("display_data", data={"text/html": "b" * (3 * 2**20)})
    stream = nbformat.v4.new_output("stream", name="stdout", text="c" * 30000)
    cell, _ = LimitOutputSize().preprocess_cell(_cell(small, big, stream), {}, 0)
    assert cell.outputs[0].data == {"image/png": "a" * 100}
    assert cell.outputs[1].data == {"text/plain": "[display output of 3 MB removed: over the 2 MB limit]"}
    assert len(cell.outputs[2].text) < 20100 and "10000 more characters cut" in cell.outputs[2].text


def test_output_past_the_cell_budget_is_dropped_as_it_arrives():
    execute = GradingExecute.__new__(GradingExecute)            # no kernel: only the output path
    execute._output_spent, execute._output_total, execute._output_cut = {}, 0, set()
    execute.cell_output_bytes, execute.notebook_output_bytes = 1000, 10**9
    outs = []
    for _ in range(5):
        msg = {"msg_type": "display_data", "header": {"msg_type": "display_data"}, "parent_header": {"msg_id": "m"},
               "content": {"data": {"text/html": "x" * 400}, "metadata": {}}}
        execute.output_hook_stack = {"m": []}
        execute.clear_before_next_output = False
        execute._display_id_map = {}
        execute.output(outs, msg, None, 0)
    assert [o.output_type for o in outs] == ["display_data", "display_data", "stream"]
    assert "output cut" in outs[2].text
    assert _output_bytes({"text": "abc", "data": {"a": "12"}}) == 5
