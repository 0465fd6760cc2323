"""What the prose of 04 claims, checked on the student-size run of the reference solution."""
_REG = "reg_histories['{}']['{}_loss'][-1]"
_TINY, _MID, _BIG = "1 hidden unit", "1 layer of 16", "6 layers of 30"
_CIRC = "circ_histories['{}']['{}_loss'][-1]"
_C2, _C4, _C50 = "2 hidden units", "1 layer of 4", "6 layers of 50"
_ACC = "accuracy(circ_models['{}'], x_circ[circ_{}], y_circ[circ_{}])"


def _reg(name, part):
    return _REG.format(name, part)


def _circ(name, part):
    return _CIRC.format(name, part)


def _acc(name, part):
    return _ACC.format(name, part, part)


CLAIMS = [
    ("Adam's first step moves every parameter by the learning rate, whatever its gradient",
     "all(abs(move - 0.1) < 1e-5 for move in adam_first_moves)"),
    ("the six-layer network's validation loss turns and rises while its training loss keeps falling",
     "min(big_reg_history['val_loss']) < 0.8 * big_reg_history['val_loss'][-1] "
     "and big_reg_history['train_loss'][-1] < big_reg_history['train_loss']"
     "[big_reg_history['val_loss'].index(min(big_reg_history['val_loss']))]"),
    ("one hidden unit has the highest training loss of the three",
     f"{_reg(_TINY, 'train')} > max({_reg(_MID, 'train')}, {_reg(_BIG, 'train')})"),
    ("the middle capacity (one layer of 16) has the lowest validation loss of the three",
     f"{_reg(_MID, 'val')} < min({_reg(_TINY, 'val')}, {_reg(_BIG, 'val')})"),
    ("the 16 units' training loss is below the noise variance 4",
     f"{_reg(_MID, 'train')} < 4"),
    ("six layers of 30: the lowest training loss, far below the noise variance, and the highest validation loss",
     f"{_reg(_BIG, 'train')} < min({_reg(_TINY, 'train')}, {_reg(_MID, 'train')}, 2) "
     f"and {_reg(_BIG, 'val')} > max({_reg(_TINY, 'val')}, {_reg(_MID, 'val')})"),
    ("validation chooses the middle network", f"chosen == '{_MID}'"),
    ("one unlucky validation point weighs a lot", "worst_share > 0.25"),
    ("two units underfit the circles: the lowest training accuracy",
     f"{_acc(_C2, 'tr')} < min({_acc(_C4, 'tr')}, {_acc(_C50, 'tr')})"),
    ("six layers of 50: the highest training accuracy, a wide gap to validation, the highest validation loss",
     f"{_acc(_C50, 'tr')} > max({_acc(_C2, 'tr')}, {_acc(_C4, 'tr')}) "
     f"and {_acc(_C50, 'tr')} - {_acc(_C50, 'va')} > 0.1 "
     f"and {_circ(_C50, 'val')} > max({_circ(_C2, 'val')}, {_circ(_C4, 'val')})"),
    ("the validation loss separates the models more clearly than the accuracy: the overfitted network's "
     "validation loss is the highest while its validation accuracy is not the lowest",
     f"{_acc(_C50, 'va')} > min({_acc(_C2, 'va')}, {_acc(_C4, 'va')})"),
    ("inside the training range both extrapolation networks fit to within the noise (variance 0.01)",
     "all(mse < 0.02 for mse in inside_mse.values())"),
    ("outside it their error is many (more than ten) times larger",
     "all(outside_mse[name] > 10 * inside_mse[name] for name in inside_mse)"),
    ("far enough out the tanh network's output is a constant, on both sides",
     "(lambda f: abs(f[1] - f[0]) < 1e-3 and abs(f[3] - f[2]) < 1e-3)(predict(extrapolators['Tanh'], "
     "torch.tensor([[-3000.0], [-1000.0], [1000.0], [3000.0]])).reshape(-1).tolist())"),
    ("far enough out the ReLU network continues along one straight line, on both sides",
     "all((lambda f: abs(f[2] - 2 * f[1] + f[0]) < 1e-3 * max(1.0, abs(f[2] - f[0])))(predict(extrapolators['ReLU'], "
     "torch.tensor([[side * 1000.0], [side * 2000.0], [side * 3000.0]])).reshape(-1).tolist()) for side in (-1, 1))"),
    ("the linear model has the largest bias and the smallest variance",
     "(lambda bv: bv['linear (0 hidden layers)'][0] == max(b for b, _ in bv.values()) "
     "and bv['linear (0 hidden layers)'][1] == min(v for _, v in bv.values()))(bias_variance)"),
    ("the deep network has a small bias (far below the linear model's) and the largest variance",
     "(lambda bv: bv['3 layers of 32'][0] < 0.5 * bv['linear (0 hidden layers)'][0] "
     "and bv['3 layers of 32'][1] == max(v for _, v in bv.values()))(bias_variance)"),
    ("the middle network has the smallest total of bias squared and variance",
     "min(bias_variance, key=lambda name: sum(bias_variance[name])) == '1 layer of 16'"),
    ("more data lowers the variance of a given architecture (160 points against 40)",
     "variance_160 < 0.7 * variance_40"),
]
