# exercise: split_indices
# kind: wrong
# fails: test_split_indices_rng
# why: np.random.seed / np.random.permutation use and change numpy's global state
def split_indices(n, val_fraction, test_fraction, seed):
    np.random.seed(seed)
    order = np.random.permutation(n)
    n_val, n_test = int(n * val_fraction), int(n * test_fraction)
    return order[n_val + n_test:], order[:n_val], order[n_val:n_val + n_test]
