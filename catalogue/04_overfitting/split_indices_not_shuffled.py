# exercise: split_indices
# kind: wrong
# fails: test_split_indices
# why: cuts range(n) in order without shuffling, so the seed has no effect
def split_indices(n, val_fraction, test_fraction, seed):
    order = torch.arange(n)
    n_val, n_test = int(n * val_fraction), int(n * test_fraction)
    return order[n_val + n_test:], order[:n_val], order[n_val:n_val + n_test]
