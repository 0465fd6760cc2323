"""Values by value, as one line of JSON: what crosses between the hidden tests and the sandbox.

Numbers, strings, lists, tuples, sets (as lists), dicts and tensors (dtype, shape and raw
bytes) cross as data; anything else crosses only as its type's name and a short repr, and
is never rebuilt.
Nothing is pickled, so decoding a line can create no object of the sender's choosing.
Both sides import this module; it needs only the standard library and torch.
"""
import base64
import json

MAX_LINE = 256 * 2**20          # the largest message a side accepts (a state dict of the 03 MLP is ~20 MB)
MAX_DEPTH = 32
_TENSOR, _TUPLE, _DICT, _OBJECT = "__tensor__", "__tuple__", "__dict__", "__object__"


class WireError(ValueError):
    """A message that is not well-formed data."""


class Opaque:
    """Something that could not cross by value: its type's name and how it printed."""

    def __init__(self, type_name, text):
        self.type_name, self.text = type_name, text

    def __repr__(self):
        return f"<{self.type_name}: {self.text}>"


def encode(value, depth=0):
    import torch
    if depth > MAX_DEPTH:
        raise WireError("nested too deeply")
    if value is None or type(value) in (bool, int, float, str):
        return value
    if isinstance(value, torch.Tensor):
        t = value.detach().cpu().contiguous()
        if t.is_complex() or t.layout != torch.strided:
            return _opaque(value)
        raw = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        return {_TENSOR: [str(t.dtype).replace("torch.", ""), list(t.shape), base64.b64encode(raw).decode()]}
    if type(value) is list:
        return [encode(v, depth + 1) for v in value]
    if type(value) is tuple:
        return {_TUPLE: [encode(v, depth + 1) for v in value]}
    if type(value) in (set, frozenset):          # a set of numbers is an answer too; it crosses as a list
        return [encode(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {_DICT: [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if isinstance(value, tuple):                    # torch.Size, named tuples: as plain tuples
        return encode(tuple(value), depth)
    if hasattr(value, "__array__") and type(value).__module__ == "numpy":
        return encode(torch.from_numpy(value.__array__()), depth)
    if isinstance(value, (bool, int, float)):       # numpy scalars, int and float subclasses: by value
        return float(value) if isinstance(value, float) else int(value)
    return _opaque(value)


def _opaque(value):
    try:
        text = repr(value)[:200]
    except Exception:
        text = "?"
    return {_OBJECT: [f"{type(value).__module__}.{type(value).__qualname__}", text]}


def decode(data, depth=0):
    import torch
    if depth > MAX_DEPTH:
        raise WireError("nested too deeply")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [decode(v, depth + 1) for v in data]
    if type(data) is not dict or len(data) != 1:
        raise WireError(f"not a value: {str(data)[:80]}")
    (kind, body), = data.items()
    if kind == _TUPLE and type(body) is list:
        return tuple(decode(v, depth + 1) for v in body)
    if kind == _DICT and type(body) is list:
        pairs = [(decode(k, depth + 1), decode(v, depth + 1)) for k, v in (_pair(p) for p in body)]
        try:
            return dict(pairs)
        except TypeError as error:
            raise WireError(f"a dict with an unhashable key: {error}") from None
    if kind == _TENSOR:
        return _tensor(body, torch)
    if kind == _OBJECT and type(body) is list and len(body) == 2 and all(type(b) is str for b in body):
        return Opaque(body[0][:200], body[1][:200])
    raise WireError(f"unknown kind of value: {kind[:40]!r}")


def _pair(p):
    if type(p) is not list or len(p) != 2:
        raise WireError("a dict entry is not a pair")
    return p


_DTYPES = ("float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool")


def _tensor(body, torch):
    if type(body) is not list or len(body) != 3 or body[0] not in _DTYPES or type(body[1]) is not list \
            or not all(type(n) is int and n >= 0 for n in body[1]) or type(body[2]) is not str:
        raise WireError("a malformed tensor")
    dtype = getattr(torch, body[0])
    raw = base64.b64decode(body[2], validate=True)
    count = 1
    for n in body[1]:
        count *= n
    if len(raw) != count * torch.empty((), dtype=dtype).element_size():
        raise WireError(f"a tensor of shape {body[1]} with {len(raw)} bytes")
    if not raw:
        return torch.empty(body[1], dtype=dtype)
    return torch.frombuffer(bytearray(raw), dtype=dtype).reshape(body[1])


def dumps(value):
    return json.dumps(encode(value), separators=(",", ":"))


def loads(text):
    if len(text) > MAX_LINE:
        raise WireError(f"a message of {len(text)} bytes, past the limit of {MAX_LINE}")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise WireError(f"not JSON: {str(error)[:80]}") from None
    return decode(data)
