# exercise: split_indices
# kind: wrong
# fails: test_split_indices
# why: round() instead of int(): 100 * 0.29 = 28.999999999999996 gives 29, not 28
# names: round() where the sizes are int(n * fraction)
def split_indices(n, val_fraction, test_fraction, seed):
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(n, generator=g)
    n_val, n_test = round(n * val_fraction), round(n * test_fraction)
    return order[n_val + n_test:], order[:n_val], order[n_val:n_val + n_test]
