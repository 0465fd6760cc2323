# exercise: two_rules
# kind: alternative
# why: computed with the course's rule and the student's own EarlyStopping
_curve = [0.90, 0.70, 0.60, 0.62, 0.58, 0.61, 0.63, 0.59, 0.64, 0.66, 0.69, 0.71]
consecutive_stop_epoch = consecutive_increases_stop(_curve, 3)
_stopper = EarlyStopping(patience=3)
for _epoch, _loss in enumerate(_curve):
    if _stopper.step(_loss, nn.Linear(1, 1)):
        patience_stop_epoch = _epoch
        break
restored_epoch = _stopper.best_epoch
