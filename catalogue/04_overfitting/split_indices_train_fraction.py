# exercise: split_indices
# kind: wrong
# fails: test_split_indices
# why: the training size is computed as int(n * (1 - fractions)) and cut first, so sizes are off and indices are lost
# names: the training size is what remains
def split_indices(n, val_fraction, test_fraction, seed):
    g = torch.Generator().manual_seed(seed)
    order = torch.randperm(n, generator=g)
    n_train = int(n * (1 - val_fraction - test_fraction))
    n_val = int(n * val_fraction)
    return order[:n_train], order[n_train:n_train + n_val], order[n_train + n_val:n_train + n_val + int(n * test_fraction)]
