"""What the prose of 02 claims, checked on the student-size run of the reference solution."""
_RATE = {"0.001": "runs['lr = 0.001 (crawls)']", "0.02": "runs['lr = 0.02']", "0.08": "runs['lr = 0.08']",
         "0.1": "runs['lr = 0.1 (diverges)']"}

CLAIMS = [
    ("section 2: the loss falls fast at first and then more slowly",
     "all(b < a for a, b in zip(losses, losses[1:])) and losses[0] - losses[1] > 10 * (losses[-2] - losses[-1])"),
    ("after ten steps the line is not yet the best line",
     "ten_step_loss > 2 * best_loss"),
    ("0.1 is past the limit 2 / lambda_max, 0.08 below it",
     "0.08 < lr_limit < 0.1"),
    ("0.001 crawls: in its 60th epoch its loss is still far above where 0.02 and 0.08 have got to",
     f"len({_RATE['0.001']}[2]) == 60 and {_RATE['0.001']}[2][-1] > 10 * max({_RATE['0.02']}[2][-1], "
     f"{_RATE['0.08']}[2][-1])"),
    ("0.1 diverges, its loss growing geometrically (a constant factor per epoch)",
     f"(lambda l: l[-1] > 1e6 * l[0] and max(b / a for a, b in zip(l[-30:], l[-29:])) "
     f"< 1.01 * min(b / a for a, b in zip(l[-30:], l[-29:])))({_RATE['0.1']}[2])"),
    ("0.02 drops straight to the valley floor within a few epochs (no zig-zag), then creeps",
     f"all(b > a for a, b in zip({_RATE['0.02']}[0][:12], {_RATE['0.02']}[0][1:12])) "
     f"and {_RATE['0.02']}[2][4] < 0.01 * {_RATE['0.02']}[2][0]"),
    ("0.08 overshoots across the valley on every step, by a little less each time",
     f"(lambda d: all(a * b < 0 for a, b in zip(d, d[1:])) and all(abs(b) < abs(a) for a, b in zip(d, d[1:])))"
     f"([b - a for a, b in zip({_RATE['0.08']}[0][:13], {_RATE['0.08']}[0][1:13])])"),
    ("0.08's zig-zag costs at first: early on its loss is above 0.02's",
     f"{_RATE['0.08']}[2][4] > {_RATE['0.02']}[2][4]"),
    ("0.08's larger steps along the floor win in the end",
     f"{_RATE['0.08']}[2][-1] < {_RATE['0.02']}[2][-1]"),
    ("per epoch small batches get much further than the full batch",
     "histories[4][0] < histories[256][0] / 10 and histories[32][0] < histories[256][0] / 10"),
    ("against the number of steps, batch 32 follows the full-batch curve almost exactly",
     "all(abs(histories[32][k - 1] - histories[256][8 * k - 1]) < 0.05 * histories[256][8 * k - 1] "
     "for k in (1, 2, 3))"),
    ("batch 4 jumps around: its loss on all data rises in some epochs",
     "any(b > a for a, b in zip(histories[4], histories[4][1:]))"),
    ("the number train_epoch returns is not the loss of the model at the end of the epoch",
     "abs(epoch_means[4][-1] - histories[4][-1]) > 1e-3"),
]
