# exercise: split_indices
# kind: alternative
# why: numpy's Generator API (default_rng) with np.split; returns numpy arrays
def split_indices(n, val_fraction, test_fraction, seed):
    rng = np.random.default_rng(seed)
    n_val, n_test = int(n * val_fraction), int(n * test_fraction)
    val_idx, test_idx, train_idx = np.split(rng.permutation(n), [n_val, n_val + n_test])
    return train_idx, val_idx, test_idx
