# exercise: split_indices
# kind: wrong
# fails: test_split_indices_rng
# why: reseeds the global torch RNG with torch.manual_seed, changing every later random draw
def split_indices(n, val_fraction, test_fraction, seed):
    torch.manual_seed(seed)
    order = torch.randperm(n)
    n_val, n_test = int(n * val_fraction), int(n * test_fraction)
    return order[n_val + n_test:], order[:n_val], order[n_val:n_val + n_test]
