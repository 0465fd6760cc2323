# exercise: split_indices
# kind: wrong
# fails: test_split_indices
# why: validation and test indices come from two separate permutations, so they overlap
def split_indices(n, val_fraction, test_fraction, seed):
    g = torch.Generator().manual_seed(seed)
    n_val, n_test = int(n * val_fraction), int(n * test_fraction)
    val_idx = torch.randperm(n, generator=g)[:n_val]
    test_idx = torch.randperm(n, generator=g)[:n_test]
    taken = set(val_idx.tolist()) | set(test_idx.tolist())
    train_idx = torch.tensor([i for i in range(n) if i not in taken], dtype=torch.long)
    return train_idx, val_idx, test_idx
