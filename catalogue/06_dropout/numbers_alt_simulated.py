# exercise: dropout_numbers
# kind: alternative
# why: computed from the formulas with named quantities (ints and floats both accepted)
_p, _a, _units = 0.25, 3.0, 512
survivor_value = _a / (1 - _p)
expected_output = (1 - _p) * survivor_value + _p * 0
expected_dropped = int(_p * _units)
