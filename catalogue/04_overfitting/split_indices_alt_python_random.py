# exercise: split_indices
# kind: alternative
# why: a private random.Random(seed) shuffles a list; returns lists of ints
def split_indices(n, val_fraction, test_fraction, seed):
    indices = list(range(n))
    random.Random(seed).shuffle(indices)
    n_val, n_test = int(n * val_fraction), int(n * test_fraction)
    return indices[n_val + n_test:], indices[:n_val], indices[n_val:n_val + n_test]
